// What the user types: each `input` event (and each editor check, editor-watch.js) looks for a
// trigger right before the caret (detector.js) and starts its expansion; keys typed meanwhile,
// and Enter right after a trigger, are typing.js's concern (docs/typing.md), wired here.

import { adapterFor } from './adapters.js';
import { forgetExpansion, undoLastExpansion } from './backspace-undo.js';
import { detectAtCaret } from './detector.js';
import { expand, request } from './expansion.js';
import { currentTable, loadTable, wakeForTrigger } from './link.js';
import { createTyping, eventTarget, typeText } from './typing.js';
import { isWriting, write } from './writing.js';

/** Keys pressed so far, and the field, text and key last checked for a trigger. */
let keySeq = 0;
let lastChecked = { el: null, before: null, seq: -1 };

/** A keydown: the same text before the caret after another key is worth checking again. */
export function countKey() {
  keySeq += 1;
}

/** An `input` event (capturing, on the document). */
export async function onInput(event) {
  if (isWriting()) return;
  forgetExpansion();
  const adapter = adapterFor(eventTarget(event));
  if (!adapter || event.isComposing) return;
  if (event.inputType && !event.inputType.startsWith('insert')) return;
  if (!currentTable()) await loadTable();
  return detect(adapter);
}

/**
 * Looks for a trigger before the caret of the field behind `adapter` and starts its expansion
 * (once per text and key: an `input` event and an editor check may both ask).
 */
export function detect(adapter) {
  if (isWriting()) return;
  const table = currentTable();
  const before = adapter.textBefore(table ? table.reach : 320);
  if (before === null || before.length === 0) return;
  if (lastChecked.el === adapter.el && lastChecked.before === before && lastChecked.seq === keySeq) return;
  lastChecked = { el: adapter.el, before, seq: keySeq };
  wakeForTrigger(before.slice(-1));
  const hit = detectAtCaret(table, before);
  // Keys typed until the expansion is written are held back, then replayed.
  if (hit) return typing.track(adapter.el, expand(adapter, hit.typed, hit.keepAfter, request(hit)));
}

/** Enter at the caret of `el` would fire a trigger (newline is a delimiter): expand it first. */
function enterExpansion(el) {
  const table = currentTable();
  if (!table?.delimiters.has('\n')) return null;
  const adapter = adapterFor(el);
  const before = adapter?.textBefore(table.reach);
  if (!before) return null;
  const hit = detectAtCaret(table, `${before}\n`);
  if (!hit || (hit.kind === 'regex' && /\s/.test(before.slice(-1)))) return null;
  return expand(adapter, hit.typed, '', request(hit));
}

/**
 * Held-back keys: in an `<input>` or `<textarea>` through execCommand (each fires `input`, so a
 * trigger among them expands in its turn); in contenteditable and rich editors through the field's
 * adapter, which writes the way that editor takes text and verifies it (Slate and Draft.js ignore
 * execCommand; Lexical reconciles it away when several land at once), then checks for a trigger.
 * Resolves when the key has landed, so the next one waits for it.
 */
function typeHeldBack(el, text) {
  const adapter = adapterFor(el);
  if (!adapter || adapter.kind === 'input' || adapter.kind === 'textarea') return typeText(el, text);
  return write(() => adapter.replace(0, text, text.length)).then(() => detect(adapter));
}

/** Enter after a trigger and keys typed while an expansion is in flight, for this frame. */
export const typing = createTyping({
  isExpandable: (el) => adapterFor(el) !== null,
  enterExpansion,
  backspaceUndo: undoLastExpansion,
  typeText: typeHeldBack,
});
