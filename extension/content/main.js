// Rubrica's content script: a classic script (bundled by esbuild), no WebAssembly — Chromium
// applies the page's CSP to WebAssembly in content scripts. It holds only the trigger table and
// asks the background to render. Nothing of the library is ever written into the page.

import { MSG, TABLE_CHANGED, TO_CONTENT } from '../shared/contract.js';
import { compileTable, detectAtCaret } from './detector.js';
import { adapterFor } from './adapters.js';
import { deepActiveElement } from './dom-text.js';
import { createTyping, eventTarget, singleLine, typeText } from './typing.js';
import { closeOverlay, initOverlay, onOverlayMessage, openOverlay } from './overlay.js';

// --- one copy per frame (docs/sites.md) ---
// "Enable on this site" injects this script into an open page; the background injects only into
// frames without this mark, and a second copy that slips through stops here, before it listens.
// The mark lives in the extension's isolated world: page scripts can neither see nor set it (an
// element with that id shows up on window, but is never `true`).
if (globalThis.__rubricaContent === true) throw new Error('Rubrica already runs in this frame');
globalThis.__rubricaContent = true;
// --- end one copy per frame ---

const api = globalThis.browser ?? globalThis.chrome;

let table = null;
let tableLoading = null;
/** True while Rubrica itself writes into a field: those input events are not the user typing. */
let writing = false;
/** The last expansion, while an immediate Backspace may still take it back: {adapter, snap, restore}. */
let lastExpansion = null;
/** When this script last reached the background (any message wakes the service worker). */
let lastContact = 0;
/** Chromium stops an idle service worker after about 30 s; wake it a little before that. */
const WARM_FOR_MS = 20_000;

async function send(type, payload) {
  lastContact = Date.now();
  const reply = await api.runtime.sendMessage(payload === undefined ? { type } : { type, payload });
  if (!reply?.ok) throw Object.assign(new Error(reply?.error?.message ?? 'no reply'), reply?.error ?? {});
  return reply.data;
}

function loadTable() {
  tableLoading ??= send(MSG.TRIGGERS_GET)
    .then((t) => {
      table = compileTable(t);
    })
    .catch(() => {})
    .finally(() => {
      tableLoading = null;
    });
  return tableLoading;
}

/** Wakes the background and refreshes the table if it changed since it was loaded. */
async function refresh() {
  try {
    const { tableRevision } = await send(MSG.PING);
    if (!table || table.revision !== tableRevision) await loadTable();
  } catch {
    // the extension was reloaded or updated: this page's content script is orphaned
  }
}

/** Focus on an editable field: the user is about to type, so the worker should be warm. */
function onFocus(event) {
  const adapter = adapterFor(event.composedPath?.()[0] ?? event.target);
  if (adapter) refresh();
  observe(adapter);
}

/** Coming back to the tab (e.g. after changing settings in the popup) refreshes the table. */
function onReturn() {
  if (document.visibilityState === 'visible' && adapterFor(deepActiveElement())) refresh();
}

/**
 * Asks the background for an expansion and writes it over the `typed` text (plus the delimiter
 * `keepAfter`, which is put back after the expansion). `request` is the message to send; a regex
 * expansion says itself how much text it replaces (`replaceLen`).
 */
async function expand(adapter, typed, keepAfter, request) {
  let result;
  try {
    result = await send(request.type, request.payload);
  } catch (e) {
    console.warn('Rubrica: expansion failed —', e.message);
    return;
  }
  if (table && result?.tableRevision !== table.revision) loadTable();
  // --- fill-in form (docs/palette.md): the background sent a token, not the fields ---
  if (result?.status === 'needsInput' && typeof result.token === 'string') {
    if (replacedAtCaret(adapter, typed, keepAfter, result.replaceLen) === null) {
      send(MSG.OVERLAY_CANCEL, { token: result.token }).catch(() => {});
      return;
    }
    // Keys held back for this expansion (an Enter to act on, letters) are not replayed into the
    // field: the form takes the keyboard now (docs/typing.md).
    typing.discard();
    openOverlay({ token: result.token, adapter, typed, keepAfter, title: 'Rubrica fill-in form' });
    return;
  }
  // --- end fill-in form ---
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
 * before the caret of the field behind `adapter`, through the field's own editing (verified, with
 * fallbacks: content/adapters.js), and remembers it for Backspace-undo. Resolves to true when the
 * text landed.
 */
async function applyExpansion(adapter, typed, keepAfter, result) {
  const replaced = replacedAtCaret(adapter, typed, keepAfter, result.replaceLen);
  if (replaced === null) return false;
  // --- typing.js: an <input> holds one line (docs/typing.md) ---
  const out = adapter.kind === 'input' ? singleLine(result.text, result.cursors) : result;
  // --- end typing.js ---
  const text = out.text + keepAfter;
  const first = out.cursors?.[0] ?? out.text.length;
  // After an on-delimiter expansion with no cursor stop of its own, the caret goes after the delimiter.
  const caret = keepAfter && first === out.text.length ? text.length : first;
  const ok = await write(() => adapter.replace(replaced.length + keepAfter.length, text, caret));
  lastKeyAt = 0; // the editor re-rendering Rubrica's own write is not typing
  if (ok && table?.backspaceUndo) {
    const snap = adapter.mark(text, caret);
    if (snap) lastExpansion = { adapter, snap, restore: replaced + keepAfter };
  }
  return ok;
}

/** Runs one of Rubrica's own writes (possibly async), so that its input events are not taken for typing. */
async function write(fn) {
  writing = true;
  try {
    return await fn();
  } catch (e) {
    console.warn('Rubrica: could not write the expansion —', e.message);
    return false;
  } finally {
    writing = false;
  }
}

/**
 * Backspace right after an expansion puts back exactly what was typed (the trigger and its
 * delimiter), through the field's own editing so Ctrl+Z still works. Any other key, click or
 * typing ends that chance.
 */
function onKeydown(event) {
  keySeq += 1;
  scheduleEditorCheck(event);
  if (!lastExpansion) return;
  if (event.key !== 'Backspace' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
    lastExpansion = null;
    return;
  }
  if (undoLastExpansion(eventTarget(event))) {
    event.preventDefault();
    // Editors (Lexical) act on Backspace in their own keydown handlers whatever defaultPrevented says.
    event.stopImmediatePropagation();
  }
}

/**
 * Puts back the trigger of the expansion just written in the field of `el`; true when it does.
 * Decided synchronously (a key's default action must be stopped now); the write follows.
 */
function undoLastExpansion(el) {
  const x = lastExpansion;
  lastExpansion = null;
  if (!x || adapterFor(el)?.el !== x.adapter.el || !x.adapter.canUndo(x.snap)) return false;
  write(() => x.adapter.undo(x.snap, x.restore));
  return true;
}

// --- typing.js wiring: Enter after a trigger, keys typed during an expansion (docs/typing.md) ---
/** Enter at the caret of `el` would fire a trigger (newline is a delimiter): expand it first. */
function enterExpansion(el) {
  if (!table?.delimiters.has('\n')) return null;
  const adapter = adapterFor(el);
  const before = adapter?.textBefore(table.lookback + 64);
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

const typing = createTyping({
  isExpandable: (el) => adapterFor(el) !== null,
  enterExpansion,
  backspaceUndo: undoLastExpansion,
  typeText: typeHeldBack,
});

function request(hit) {
  return hit.kind === 'regex'
    ? { type: MSG.EXPAND_REGEX, payload: { before: hit.typed } }
    : { type: MSG.EXPAND, payload: { trigger: hit.typed } };
}
// --- end typing.js wiring ---

/**
 * Rich editors do not all fire `input` for typing (Slate and Draft.js apply beforeinput to their
 * model and re-render; editors on EditContext, such as CodeMirror on Android, fire none). For
 * contenteditable fields, a printable key is also checked once the editor has applied it (a task
 * later); `lastChecked` keeps an `input` event and this check from acting twice on the same text.
 * Other keys (Backspace, arrows…) are not typing: what they leave before the caret is not checked.
 */
function scheduleEditorCheck(event) {
  if (event.key?.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
    lastKeyAt = 0;
    return;
  }
  const el = event.composedPath?.()[0] ?? event.target;
  if (!el?.isContentEditable) return;
  lastKeyAt = Date.now();
  setTimeout(() => {
    const adapter = adapterFor(deepActiveElement());
    if (adapter && adapter.el === adapterFor(el)?.el) detect(adapter);
  }, 0);
}

/**
 * Editors that render typing in a later task (Slate and Draft.js schedule a React render; Firefox
 * can deliver several keys before it runs) are checked again when the focused editor's DOM changes
 * shortly after a printable key. Changes that follow no key (the page's own, Rubrica's writes) are
 * not typing and are ignored.
 */
let lastKeyAt = 0;
let observed = null;
const editorObserver =
  typeof MutationObserver === 'function'
    ? new MutationObserver(() => {
        if (!writing && observed && Date.now() - lastKeyAt < 1000) detect(observed);
      })
    : null;

function observe(adapter) {
  if (!editorObserver || observed?.el === adapter?.el) return;
  editorObserver.disconnect();
  observed = adapter?.el.isContentEditable ? adapter : null;
  if (observed) editorObserver.observe(observed.el, { subtree: true, childList: true, characterData: true });
}

/** Keys pressed so far, and the field, text and key last checked for a trigger. */
let keySeq = 0;
let lastChecked = { el: null, before: null, seq: -1 };

async function onInput(event) {
  if (writing) return;
  lastExpansion = null;
  const adapter = adapterFor(eventTarget(event));
  if (!adapter || event.isComposing) return;
  if (event.inputType && !event.inputType.startsWith('insert')) return;
  if (!table) await loadTable();
  return detect(adapter);
}

function detect(adapter) {
  if (writing) return;
  const before = adapter.textBefore(table ? table.lookback + 64 : 320);
  if (before === null || before.length === 0) return;
  if (lastChecked.el === adapter.el && lastChecked.before === before && lastChecked.seq === keySeq) return;
  lastChecked = { el: adapter.el, before, seq: keySeq };
  // The first character of a trigger: wake the background while the rest is typed, so the
  // expansion does not wait for the service worker to start.
  if (table?.starts.has(before.slice(-1)) && Date.now() - lastContact > WARM_FOR_MS) send(MSG.PING).catch(() => {});
  const hit = detectAtCaret(table, before);
  // typing.track: keys typed until the expansion is written are held back, then replayed.
  if (hit) return typing.track(adapter.el, expand(adapter, hit.typed, hit.keepAfter, request(hit)));
}

// The background's only message to content scripts: "the table changed" (no data). Only Rubrica's
// background can send it (`tabs.sendMessage`); anything else is ignored.
api.runtime.onMessage.addListener((message, sender) => {
  if (sender?.id === api.runtime.id && !sender.tab && message?.type === TABLE_CHANGED) refresh();
});

// typing.js: first in line for keys (window, capturing), registered at load.
window.addEventListener('keydown', typing.onKeydown, true);
window.addEventListener('pointerdown', typing.onPointerDown, true);
document.addEventListener('focusin', onFocus, true);
document.addEventListener('keydown', onKeydown, true);
document.addEventListener('mousedown', () => {
  lastExpansion = null;
}, true);
window.addEventListener('focus', onReturn);
document.addEventListener('visibilitychange', onReturn);
document.addEventListener('input', onInput, true);

// --- fill-in form and search palette (docs/palette.md) ------------------------------------------
// The overlay (closed shadow root + Rubrica's frame) lives in overlay.js; this part only answers
// the background's notices. Only Rubrica's background may send them (no `sender.tab`); the
// overlay checks the token of the one it is showing.

initOverlay({
  write: applyExpansion,
  onCancel: (token) => send(MSG.OVERLAY_CANCEL, { token }).catch(() => {}),
});

/** Longest word the palette is pre-filled with (UTF-16 units), as messages.rs accepts. */
const MAX_WORD = 64;

/** The word before the caret: the run of non-space characters, at most MAX_WORD units. */
function wordBefore(before) {
  const word = /\S*$/u.exec(before)?.[0] ?? '';
  let start = Math.max(0, word.length - MAX_WORD);
  const code = word.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start += 1; // never split a surrogate pair
  return word.slice(start);
}

/**
 * The open-palette shortcut reached this frame: if it has focus and a field Rubrica types into is
 * focused, ask the background for a palette pre-filled with the word before the caret.
 */
async function openPalette() {
  if (!document.hasFocus()) return;
  const adapter = adapterFor(deepActiveElement());
  if (!adapter) return;
  const before = adapter.textBefore(MAX_WORD + 1);
  if (before === null) return; // a selection: nothing to search with or insert at
  const word = wordBefore(before);
  let token;
  try {
    ({ token } = await send(MSG.PALETTE_OPEN, { word }));
  } catch (e) {
    console.warn('Rubrica: the palette could not open —', e.message);
    return;
  }
  if (adapterFor(deepActiveElement())?.el !== adapter.el || adapter.textBefore(MAX_WORD + 1) !== before) {
    send(MSG.OVERLAY_CANCEL, { token }).catch(() => {});
    return;
  }
  openOverlay({ token, adapter, typed: word, keepAfter: '', title: 'Rubrica snippet search' });
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender?.id !== api.runtime.id || sender.tab) return undefined;
  switch (message?.type) {
    case TO_CONTENT.PALETTE_SHOW:
      openPalette();
      return undefined;
    case TO_CONTENT.OVERLAY_INSERT:
    case TO_CONTENT.OVERLAY_CLOSE:
      onOverlayMessage(message).then(sendResponse, () => sendResponse({ written: false }));
      return true; // the reply is asynchronous
    default:
      return undefined;
  }
});

// Leaving the page (bfcache, navigation) closes the overlay; the background forgets the request.
window.addEventListener('pagehide', () => closeOverlay({ notify: true, restore: false }));
// --- end fill-in form and search palette ---
