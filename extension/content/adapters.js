// One adapter per kind of field, with a common interface, so that main.js spots triggers and
// writes expansions the same way everywhere:
//
//   adapterFor(target) → null or {
//     el, kind,                       // the field (input, textarea, or the editing host) and its kind
//     textBefore(limit): string|null, // text before the caret in the caret's line; null: a selection
//     replace(removeLen, text, caret): Promise<boolean>, // write over the removeLen units before the caret
//     mark(text, caret): snapshot|null,  // after an expansion: where it is, for Backspace-undo
//     canUndo(snapshot): boolean,     // the expansion is still in place, the caret where Rubrica left it
//     undo(snapshot, restore): Promise<boolean>, // Backspace: put `restore` back over it
//     saveCaret(): caret, restoreCaret(caret): boolean|Promise<boolean>, // focus and caret back after the overlay
//     caretRect(): {x, y, height}|null,  // where the caret is on screen (null: measure it otherwise)
//   }
//
// Inputs and textareas go through fields.js; contenteditable and rich editors through
// dom-text.js (reading) and editable-write.js (writing), with the write methods each editor takes
// (docs/editors.md).

import { isExpandable, replaceBeforeCaret, textBeforeCaret } from './fields.js';
import { caretIn, editingHost, hostState, selectOffsets, textBeforeCaretIn } from './dom-text.js';
import { replaceInEditable, tick } from './editable-write.js';

/** Which editor an editing host belongs to (by the markers each library puts on its root). */
export function editorKind(host) {
  if (host.classList.contains('ProseMirror')) return host.classList.contains('tiptap') ? 'tiptap' : 'prosemirror';
  if (host.hasAttribute('data-lexical-editor')) return 'lexical';
  if (host.hasAttribute('data-slate-editor')) return 'slate';
  if (host.classList.contains('ql-editor')) return 'quill';
  if (host.classList.contains('public-DraftEditor-content')) return 'draft';
  if (host.classList.contains('cm-content')) return 'codemirror';
  return 'contenteditable';
}

/**
 * The write methods to try, in order, per editor and for one line or several. `insertText` keeps
 * the native undo stack and goes through the editor's beforeinput/input handling; a synthetic
 * paste is how multi-line text reaches editors that build paragraphs from it. ProseMirror parses
 * plain-text pastes into paragraphs but merges blank lines, so it gets a text/html flavour too;
 * Slate only handles a paste event itself when it holds text/plain alone.
 */
function methodsFor(kind, multiline) {
  const paste = kind === 'prosemirror' || kind === 'tiptap' ? 'pasteHtml' : 'paste';
  // Slate keeps its DOM in step with its model only through beforeinput, which execCommand does
  // not fire: a change the browser made to the DOM would never reach Slate's value.
  if (kind === 'slate') return ['beforeinput', 'paste'];
  // Draft.js takes execCommand's text into its model (editOnInput) but its selection handling is
  // left off by one afterwards (the next character typed before a space is lost): its own paste
  // handler writes through its model.
  if (kind === 'draft') return ['paste', 'insertText'];
  if (kind === 'codemirror') return multiline ? ['paste', 'insertText'] : ['insertText', 'paste'];
  if (!multiline) return ['insertText', paste];
  if (kind === 'contenteditable') return ['insertText', 'paste'];
  return [paste, 'insertText'];
}

/** Whether `el` sits in an editing host Rubrica may type into. */
function editableHostOf(el) {
  const host = editingHost(el);
  if (!host) return null;
  // Never where the page marks a secret, nor in Rubrica's own UI (which lives in extension frames).
  const ac = (host.getAttribute('autocomplete') ?? '').toLowerCase();
  if (ac.startsWith('cc-') || ac.includes('password')) return null;
  if (host.getAttribute('aria-readonly') === 'true') return null;
  return host;
}

function inputAdapter(el) {
  // A single-line input drops line breaks from its value (as the browser does for a paste); doing
  // it first keeps the write on the undo-preserving path and the caret offset right.
  const flat = el instanceof HTMLInputElement ? (t) => t.replace(/\r\n?|\n/g, '') : (t) => t;
  return {
    el,
    kind: el instanceof HTMLTextAreaElement ? 'textarea' : 'input',
    textBefore: () => textBeforeCaret(el),
    replace: async (removeLen, text, caret) =>
      replaceBeforeCaret(el, removeLen, flat(text), flat(text.slice(0, caret)).length),
    mark(text, caret) {
      const end = el.selectionStart ?? el.value.length;
      return { start: end - flat(text.slice(0, caret)).length, text: flat(text) };
    },
    canUndo: (snap) => el.value.slice(snap.start, snap.start + snap.text.length) === snap.text,
    async undo(snap, restore) {
      el.setSelectionRange(snap.start + snap.text.length, snap.start + snap.text.length);
      return replaceBeforeCaret(el, snap.text.length, restore, restore.length);
    },
    saveCaret: () => el.selectionStart ?? el.value.length,
    restoreCaret(caret) {
      if (!el.isConnected) return false;
      el.focus({ preventScroll: true });
      try {
        el.setSelectionRange(caret, caret);
      } catch {
        // email inputs have no selection API
      }
      return true;
    },
    caretRect: () => null, // overlay.js measures inputs with a mirror of their text
  };
}

function editableAdapter(host) {
  const kind = editorKind(host);
  return {
    el: host,
    kind,
    textBefore: (limit) => textBeforeCaretIn(host, limit),
    replace: (removeLen, text, caret) =>
      replaceInEditable(host, removeLen, text, caret, methodsFor(kind, text.includes('\n'))),
    mark(text, caret) {
      const { caret: at } = hostState(host);
      return at === null ? null : { start: at - caret, caretAt: at, text };
    },
    canUndo(snap) {
      const { lin, caret } = hostState(host);
      return caret === snap.caretAt && lin.text.slice(snap.start, snap.start + snap.text.length) === snap.text;
    },
    async undo(snap, restore) {
      selectOffsets(host, snap.start + snap.text.length, snap.start + snap.text.length);
      return replaceInEditable(host, snap.text.length, restore, restore.length, methodsFor(kind, false));
    },
    saveCaret: () => hostState(host).caret,
    async restoreCaret(caret) {
      if (!host.isConnected) return false;
      host.focus({ preventScroll: true });
      // Editors put back their own remembered selection when they regain focus (Draft.js in a
      // later task): let them, then place the caret, and let them read it before anything writes.
      await tick();
      if (caret !== null) selectOffsets(host, caret, caret);
      await tick();
      return true;
    },
    caretRect() {
      const at = caretIn(host);
      if (!at) return null;
      const range = host.ownerDocument.createRange();
      range.setStart(at.node, at.offset);
      range.collapse(true);
      const r = range.getClientRects()[0] ?? (at.node.nodeType === 1 ? at.node.getBoundingClientRect() : null);
      if (!r || (r.width === 0 && r.height === 0 && r.x === 0 && r.y === 0)) return null;
      return { x: r.left, y: r.top, height: r.height || 18 };
    },
  };
}

/** The adapter for the field an event came from (its composed target), or null. */
export function adapterFor(target) {
  if (!target || target.nodeType !== 1) return null;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
    return isExpandable(target) ? inputAdapter(target) : null;
  }
  const host = editableHostOf(target);
  return host ? editableAdapter(host) : null;
}
