// Where the scoring worksheet's draft goes: the editable field the user last worked in on this
// page, at the caret it had when they left it for the side panel. The draft arrives only after
// the user confirmed it in the worksheet, and is written by the same function as an expansion
// (expansion.js applyExpansion), so rich editors keep their model and undo stack.

import { adapterFor } from './adapters.js';
import { applyExpansion } from './expansion.js';

/** The field last focused on this page and its caret when it lost focus: {adapter, caret}. */
let last = null;

function remember(event) {
  const adapter = adapterFor(event.composedPath?.()[0] ?? event.target);
  if (adapter) last = { adapter, caret: adapter.saveCaret() };
}

function keepCaret() {
  if (!last?.adapter?.el?.isConnected) return;
  try {
    last.caret = last.adapter.saveCaret();
  } catch {
    // Keep the caret saved on focus.
  }
}

/** Starts remembering the last field; call once at load. */
export function initWorksheetTarget() {
  document.addEventListener('focusin', remember, true);
  document.addEventListener('focusout', keepCaret, true);
  document.addEventListener('selectionchange', keepCaret);
}

/** `worksheet.insert` from the background: writes `text` into the last field. Resolves `{written}`. */
export async function onWorksheetInsert(message) {
  const x = last;
  if (typeof message?.text !== 'string' || !x?.adapter?.el?.isConnected) return { written: false };
  const back = await Promise.resolve(x.adapter.restoreCaret(x.caret)).catch(() => false);
  if (back === false) return { written: false };
  const written = await applyExpansion(x.adapter, '', '', { status: 'done', text: message.text, cursors: [message.text.length] });
  return { written: written === true };
}
