// Corrections to recorded sessions and tasks: the inline start/end editor and delete with undo.
// The background checks every correction (overlaps, times in the future) and its refusal is shown
// beside the form.
import { send } from '../../../shared/runtime.js';
import { MSG } from '../../../shared/contract.js';
import { h } from '../../../shared/dom.js';
import { say } from './status.js';

/** `datetime-local` value (local time, seconds) for UTC ms. */
function toLocalInput(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** UTC ms of a `datetime-local` value (local time); null when empty. */
const fromLocalInput = (value) => (value ? new Date(value).getTime() : null);

/** Sends one correction (`{op, id, start?, end?}`); rejects with the background's message. */
export function correct(payload) {
  return send(MSG.SESSION_EDIT, { edit: payload });
}

/**
 * An inline start/end editor. `save({start, end})` gets only the times that changed (null for the
 * others) and rejects with the background's message, which the form then shows.
 */
export function timesEditor({ label, start, end, running, save, close }) {
  const id = `edit-${Math.random().toString(36).slice(2)}`;
  const startIn = h('input', { class: 'input', type: 'datetime-local', step: '1', id: `${id}-start`, value: toLocalInput(start) });
  const endIn = h('input', { class: 'input', type: 'datetime-local', step: '1', id: `${id}-end`, value: end ? toLocalInput(end) : '', disabled: running });
  const error = h('p', { class: 'small status-error', role: 'alert', id: `${id}-error` });
  const form = h('form', { class: 'session-edit stack', 'aria-label': label },
    h('div', { class: 'row wrap' },
      h('label', { class: 'stack', for: `${id}-start` }, h('span', { class: 'field-label' }, 'Start'), startIn),
      h('label', { class: 'stack', for: `${id}-end` }, h('span', { class: 'field-label' }, running ? 'End (stop it first)' : 'End'), endIn)),
    error,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save'),
      h('button', { type: 'button', class: 'btn', on: { click: close } }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const s = fromLocalInput(startIn.value);
    const en = running ? null : fromLocalInput(endIn.value);
    try {
      await save({ start: s !== start ? s : null, end: en !== end ? en : null });
      close();
    } catch (err) {
      error.textContent = err.message;
      startIn.setAttribute('aria-invalid', 'true');
      startIn.setAttribute('aria-describedby', error.id);
    }
  });
  queueMicrotask(() => startIn.focus());
  return form;
}

/**
 * Deletes a session or task (`op` with its `restoreOp`), then offers Undo in the status line.
 * `deleted` and `restored` are what the status line says.
 */
export async function deleteWithUndo({ op, restoreOp, id, deleted, restored }) {
  try {
    await correct({ op, id });
    say(deleted, 'ok', async () => {
      try {
        await correct({ op: restoreOp, id });
        say(restored);
      } catch (e) {
        say(e.message, 'error');
      }
    });
  } catch (e) {
    say(e.message, 'error');
  }
}
