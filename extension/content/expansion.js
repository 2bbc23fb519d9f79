// An expansion, from the background's answer to the text in the field: the rendered text is
// written over the trigger through the field's own editing (verified, with fallbacks:
// adapters.js), or, for a snippet with fill-in fields, the background sends a token and the
// overlay opens on it (docs/palette.md). Only the one text being written is ever in this script.

import { MSG } from '../shared/contract.js';
import { remember } from './backspace-undo.js';
import { forgetKey } from './editor-watch.js';
import { currentTable, noteRevision, send } from './link.js';
import { openOverlay } from './overlay.js';
import { singleLine } from './typing.js';
import { write } from './writing.js';

/** Called before the fill-in form opens (main.js: held-back keys are dropped, the form takes the keyboard). */
let beforeForm = () => {};

export function initExpansion({ onFormOpening }) {
  beforeForm = onFormOpening;
}

/** The message asking the background to expand `hit` (detector.js): a literal or a regex trigger. */
export function request(hit) {
  return hit.kind === 'regex'
    ? { type: MSG.EXPAND_REGEX, payload: { before: hit.typed } }
    : { type: MSG.EXPAND, payload: { trigger: hit.typed.replaceAll('\u00a0', ' ') } }; // a no-break space is a typed space
}

/**
 * Asks the background for an expansion and writes it over the `typed` text (plus the delimiter
 * `keepAfter`, which is put back after the expansion). `req` is the message to send (`request`);
 * a regex expansion says itself how much text it replaces (`replaceLen`).
 */
export async function expand(adapter, typed, keepAfter, req) {
  let result;
  try {
    result = await send(req.type, req.payload);
  } catch (e) {
    console.warn('Rubrica: expansion failed —', e.message);
    return;
  }
  noteRevision(result?.tableRevision);
  if (result?.status === 'needsInput' && typeof result.token === 'string') {
    // The fill-in form: the background sent a token, not the fields.
    if (replacedAtCaret(adapter, typed, keepAfter, result.replaceLen) === null) {
      send(MSG.OVERLAY_FORGET, { token: result.token }).catch(() => {});
      return;
    }
    // Keys held back for this expansion (an Enter to act on, letters) are not replayed into the
    // field: the form takes the keyboard now (docs/typing.md).
    beforeForm();
    openOverlay({ token: result.token, adapter, typed, keepAfter, title: 'Rubrica fill-in form' });
    return;
  }
  if (result?.status !== 'done') return; // none, paused, off
  await applyExpansion(adapter, typed, keepAfter, result);
}

/**
 * What an expansion replaces — the `typed` trigger, or the last `replaceLen` units of it for a regex
 * — when it and the delimiter `keepAfter` still sit right before the caret (the user may have typed
 * on, or moved, while the background rendered); else null.
 */
function replacedAtCaret(adapter, typed, keepAfter, replaceLen) {
  const replaced = replaceLen === undefined ? typed : typed.slice(typed.length - replaceLen);
  const before = adapter.textBefore(replaced.length + keepAfter.length + 1);
  return before !== null && before.endsWith(replaced + keepAfter) ? replaced : null;
}

/**
 * Writes a rendered expansion (`result`: {text, cursors, replaceLen?}) over `typed` + `keepAfter`
 * before the caret of the field behind `adapter`, and remembers it for Backspace-undo. The one
 * function that writes an expansion: typed triggers, the fill-in form and the palette all end
 * here. Resolves to true when the text landed.
 */
export async function applyExpansion(adapter, typed, keepAfter, result) {
  const replaced = replacedAtCaret(adapter, typed, keepAfter, result.replaceLen);
  if (replaced === null) return false;
  // An <input> holds one line (docs/typing.md).
  const out = adapter.kind === 'input' ? singleLine(result.text, result.cursors) : result;
  const text = out.text + keepAfter;
  const first = out.cursors?.[0] ?? out.text.length;
  // After an on-delimiter expansion with no cursor stop of its own, the caret goes after the delimiter.
  const caret = keepAfter && first === out.text.length ? text.length : first;
  const ok = await write(() => adapter.replace(replaced.length + keepAfter.length, text, caret));
  forgetKey(); // the editor re-rendering Rubrica's own write is not typing
  if (ok && currentTable()?.backspaceUndo) remember(adapter, text, caret, replaced + keepAfter);
  return ok;
}
