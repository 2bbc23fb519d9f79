// Which elements Rubrica types into, and how it replaces text there so that the page's own model
// (React state, the native undo stack) sees the change.

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', '']);

/** Whether `el` is a field Rubrica may expand in (never passwords or payment-card fields). */
export function isExpandable(el) {
  if (!el || el.disabled || el.readOnly) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (!TEXT_INPUT_TYPES.has(type)) return false;
    const ac = (el.getAttribute('autocomplete') ?? '').toLowerCase();
    return !ac.startsWith('cc-') && !ac.includes('password');
  }
  return false;
}

/** Text before the caret, or null when there is a selection or no caret. */
export function textBeforeCaret(el) {
  const { selectionStart: start, selectionEnd: end, value } = el;
  if (start === null || start !== end) {
    // `<input type=email>` exposes no caret: a trigger at the end of the value is enough there.
    return start === null ? value : null;
  }
  return value.slice(0, start);
}

function setNativeValue(el, value) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
}

/**
 * Replaces the `removeLength` UTF-16 units before the caret with `text` and puts the caret at
 * `caret` (an offset into `text`). Tries `execCommand('insertText')` first (it keeps the field's
 * undo stack and fires the events frameworks listen to), verifies, and falls back to the native
 * value setter plus an `input` event. Returns true when the text landed.
 */
export function replaceBeforeCaret(el, removeLength, text, caret) {
  const end = el.selectionStart ?? el.value.length;
  const start = end - removeLength;
  const expected = el.value.slice(0, start) + text + el.value.slice(end);
  el.focus();
  try {
    el.setSelectionRange(start, end);
  } catch {
    // email inputs refuse selection ranges; the fallback below handles them
  }
  let ok = false;
  try {
    ok = document.execCommand('insertText', false, text) && el.value === expected;
  } catch {
    ok = false;
  }
  if (!ok) {
    setNativeValue(el, expected);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    ok = el.value === expected;
  }
  try {
    el.setSelectionRange(start + caret, start + caret);
  } catch {
    // no caret API on this input type
  }
  return ok;
}
