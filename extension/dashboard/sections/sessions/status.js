// The Sessions section's status line (#sessions-status): what a correction or a save did, with an
// Undo button where it can be undone, and what could not be loaded.
import { h, replace } from '../../../shared/dom.js';

let status = null;

/** Creates the section's status line; later `say()` calls write into it. */
export function statusLine() {
  status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite', id: 'sessions-status' });
  return status;
}

/** Shows `text` (kind `ok` or `error`), with an Undo button calling `undo` when given. */
export function say(text, kind = 'ok', undo = null) {
  if (!status) return;
  const children = [text];
  if (undo) {
    children.push(' ', h('button', { type: 'button', class: 'btn btn-ghost', on: { click: undo } }, 'Undo'));
  }
  status.className = `small ${kind === 'error' ? 'status-error' : 'status-ok'}`;
  replace(status, ...children);
}
