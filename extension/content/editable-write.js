// Writing an expansion into contenteditable elements and rich editors. Nothing here edits the
// DOM directly: Rubrica selects the text to replace as a DOM Range and lets the browser or the
// editor apply the change (`execCommand('insertText')`, a `beforeinput` event, or a synthetic paste
// event carrying only the text to insert), so the editor's own model and undo history see it; then
// it checks that the text landed and falls back to the next method when it did not.
// docs/editors.md explains the strategies and how each write is verified.

import { caretIn, hostState, linearize, pointAt, select, selectOffsets } from './dom-text.js';

/** Resolves a task later (after the events and renders the current task causes). */
export function tick() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until `check()` is true (checked after a task, then every frame-ish), at most `ms`. */
async function settled(check, ms) {
  const end = Date.now() + ms;
  await Promise.resolve();
  for (;;) {
    await tick();
    if (check()) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 16));
    if (check()) return true;
    if (Date.now() >= end) return false;
  }
}

function escapeHtml(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function transferOf(text, html) {
  try {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    if (html) data.setData('text/html', text.split('\n').map((l) => `<p>${escapeHtml(l)}</p>`).join(''));
    return data;
  } catch {
    return null;
  }
}

/**
 * A synthetic paste of `text` (never the user's clipboard): a ClipboardEvent whose own
 * DataTransfer holds text/plain and, when `html` is wanted, one `<p>` per line (so editors that
 * parse plain text into paragraphs keep blank lines). Returns whether an editor took it.
 */
function syntheticPaste(target, text, html) {
  const data = transferOf(text, html);
  if (!data) return false;
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

function insertText(text) {
  try {
    return document.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

/**
 * Replaces the `removeLen` UTF-16 units before the caret in `host` with `text` and puts the caret
 * at `caret` (an offset into `text`). `methods` is the order of write methods to try
 * ('insertText', 'beforeinput', 'paste', 'pasteHtml'); after each one Rubrica waits for the editor to apply it
 * and checks the text before the caret. A method is only retried with the next one when the field
 * is unchanged (so a late write is never applied twice). Resolves to true when the text landed.
 */
export async function replaceInEditable(host, removeLen, text, caret, methods) {
  const start = hostState(host);
  if (start.caret === null || start.caret < removeLen) return false;
  const from = start.caret - removeLen;
  const prefix = start.lin.text.slice(0, from);
  const suffix = start.lin.text.slice(start.caret);
  const original = start.lin.text;
  const landed = () => {
    const now = hostState(host);
    return now.caret !== null && now.lin.text === prefix + text + suffix;
  };
  const unchanged = () => linearize(host).text === original;
  let ok = false;
  for (const method of methods) {
    host.focus({ preventScroll: true });
    selectOffsets(host, from, start.caret);
    if (method === 'paste' || method === 'pasteHtml') {
      // Editors read their selection from `selectionchange`; some (Slate) debounce it by a task.
      await tick();
      const sel = caretOrFocus(host);
      syntheticPaste(sel, text, method === 'pasteHtml');
    } else if (method === 'beforeinput') {
      // Editors that apply beforeinput to their model themselves (Slate) and would not see a
      // change the browser made to their DOM: they cancel the event when they take it.
      // Several lines go as a paste (`insertFromPaste` with its own DataTransfer).
      await tick();
      // The range it replaces goes with the event (as the browser's own beforeinput carries it):
      // Slate selects it in its model first. Its model selection follows the DOM only through a
      // throttled selectionchange, so between quick writes (held-back keys) it can be stale.
      const lin = linearize(host);
      const a = pointAt(lin, from, false);
      const b = pointAt(lin, start.caret, true);
      let targetRanges = [];
      try {
        targetRanges = [new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset })];
      } catch {
        // no StaticRange: the editor uses its own selection
      }
      const multiline = text.includes('\n');
      const event = new InputEvent('beforeinput', {
        inputType: multiline ? 'insertFromPaste' : 'insertText',
        data: multiline ? null : text,
        dataTransfer: multiline ? transferOf(text, false) : null,
        targetRanges,
        bubbles: true, cancelable: true, composed: true,
      });
      caretOrFocus(host).dispatchEvent(event);
      if (!event.defaultPrevented) continue;
    } else {
      insertText(text);
    }
    ok = await settled(landed, 120);
    if (ok || !unchanged()) break;
  }
  if (!ok) return false;
  // The caret: at the end of the inserted text now; move it back to the first cursor stop.
  if (caret < text.length) {
    const at = prefix.length + caret;
    const lin = linearize(host);
    const point = pointAt(lin, at, true);
    select(host, point, point, false);
    await tick();
  }
  return true;
}

/** The element at the caret (paste events go to the focused node, like a real paste). */
function caretOrFocus(host) {
  const c = caretIn(host);
  if (!c) return host;
  return c.node.nodeType === 1 ? c.node : c.node.parentElement ?? host;
}
