// Backspace right after an expansion puts back exactly what was typed (the trigger and its
// delimiter), through the field's own editing so Ctrl+Z still works. Any other key, a click or
// typing ends that chance. The setting `expansion.backspaceUndo` turns it off (expansion.js asks).

import { adapterFor } from './adapters.js';
import { eventTarget } from './typing.js';
import { write } from './writing.js';

/** The last expansion, while an immediate Backspace may still take it back: {adapter, snap, restore}. */
let last = null;

/** An expansion of `text` (caret at `caret` in it) just landed over `restore` in `adapter`'s field. */
export function remember(adapter, text, caret, restore) {
  const snap = adapter.mark(text, caret);
  if (snap) last = { adapter, snap, restore };
}

/** The user did something else: Backspace is Backspace again. */
export function forgetExpansion() {
  last = null;
}

/**
 * Puts back the trigger of the expansion just written in the field of `el`; true when it does.
 * Decided synchronously (a key's default action must be stopped now); the write follows.
 */
export function undoLastExpansion(el) {
  const x = last;
  last = null;
  if (!x || adapterFor(el)?.el !== x.adapter.el || !x.adapter.canUndo(x.snap)) return false;
  write(() => x.adapter.undo(x.snap, x.restore));
  return true;
}

/** A keydown (capturing, on the document): a plain Backspace right after an expansion undoes it. */
export function onUndoKey(event) {
  if (!last) return;
  if (event.key !== 'Backspace' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
    last = null;
    return;
  }
  if (undoLastExpansion(eventTarget(event))) {
    event.preventDefault();
    // Editors (Lexical) act on Backspace in their own keydown handlers whatever defaultPrevented says.
    event.stopImmediatePropagation();
  }
}
