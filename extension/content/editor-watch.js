// Rich editors do not all fire `input` for typing: Slate and Draft.js apply beforeinput to their
// model and re-render (in a later task: a React render; Firefox can deliver several keys before it
// runs); editors on EditContext (CodeMirror on Android) fire none. So in contenteditable fields a
// printable key is also checked once the editor has applied it (a task later), and again when the
// focused editor's DOM changes shortly after a printable key. Changes that follow no key (the
// page's own, Rubrica's writes) are not typing and are ignored.

import { adapterFor } from './adapters.js';
import { deepActiveElement } from './dom-text.js';
import { isWriting } from './writing.js';

/** How long after a printable key a DOM change in the editor still counts as its typing. */
const KEY_EFFECT_MS = 1000;

/** The trigger check (input.js's `detect`), set by `watchEditors`. */
let check = () => {};
/** When the last printable key was pressed in a contenteditable field (0: the last key was not typing). */
let lastKeyAt = 0;
/** The contenteditable field whose DOM is observed, or null. */
let observed = null;
let observer = null;

/** Starts watching; `onCheck(adapter)` looks for a trigger before the caret of that field. */
export function watchEditors(onCheck) {
  check = onCheck;
  if (typeof MutationObserver !== 'function') return;
  observer = new MutationObserver(() => {
    if (!isWriting() && observed && Date.now() - lastKeyAt < KEY_EFFECT_MS) check(observed);
  });
}

/** Rubrica just wrote: what the editor re-renders now is not typing. */
export function forgetKey() {
  lastKeyAt = 0;
}

/**
 * A keydown (capturing, on the document). Other keys (Backspace, arrows…) are not typing: what
 * they leave before the caret is not checked.
 */
export function onEditorKey(event) {
  if (event.key?.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
    lastKeyAt = 0;
    return;
  }
  const el = event.composedPath?.()[0] ?? event.target;
  if (!el?.isContentEditable) return;
  lastKeyAt = Date.now();
  setTimeout(() => {
    const adapter = adapterFor(deepActiveElement());
    if (adapter && adapter.el === adapterFor(el)?.el) check(adapter);
  }, 0);
}

/** A field gained focus (`adapter`, or null): observe it when it is contenteditable. */
export function observe(adapter) {
  if (!observer || observed?.el === adapter?.el) return;
  observer.disconnect();
  observed = adapter?.el.isContentEditable ? adapter : null;
  if (observed) observer.observe(observed.el, { subtree: true, childList: true, characterData: true });
}
