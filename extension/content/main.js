// Rubrica's content script: a classic script (bundled by esbuild), no WebAssembly — Chromium
// applies the page's CSP to WebAssembly in content scripts. It holds only the trigger table and
// asks the background to render. Nothing of the library is ever written into the page.

import { MSG, TABLE_CHANGED } from '../shared/contract.js';
import { compileTable, detectAtCaret } from './detector.js';
import { isExpandable, replaceBeforeCaret, textBeforeCaret } from './fields.js';
import { createKeys, eventTarget, singleLine } from './keys.js';

const api = globalThis.browser ?? globalThis.chrome;

let table = null;
let tableLoading = null;
/** True while Rubrica itself writes into a field: those input events are not the user typing. */
let writing = false;
/** The last expansion, while an immediate Backspace may still take it back: {el, start, text, restore}. */
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
  const el = event.composedPath?.()[0] ?? event.target;
  if (isExpandable(el)) refresh();
}

/** Coming back to the tab (e.g. after changing settings in the popup) refreshes the table. */
function onReturn() {
  if (document.visibilityState === 'visible' && isExpandable(document.activeElement)) refresh();
}

/**
 * Asks the background for an expansion and writes it over the `typed` text (plus the delimiter
 * `keepAfter`, which is put back after the expansion). `request` is the message to send; a regex
 * expansion says itself how much text it replaces (`replaceLen`).
 */
async function expand(el, typed, keepAfter, request) {
  let result;
  try {
    result = await send(request.type, request.payload);
  } catch (e) {
    console.warn('Rubrica: expansion failed —', e.message);
    return;
  }
  if (table && result?.tableRevision !== table.revision) loadTable();
  if (result?.status !== 'done') return; // none, paused; fill-in forms arrive with issue #4
  const replaced = result.replaceLen === undefined ? typed : typed.slice(typed.length - result.replaceLen);
  // The user may have typed on while the background rendered: only replace if the trigger (and
  // the delimiter, if any) still sit right before the caret.
  const before = textBeforeCaret(el);
  if (before === null || !before.endsWith(replaced + keepAfter)) return;
  // --- keys.js: an <input> holds one line (docs/typing.md) ---
  const out = el instanceof HTMLInputElement ? singleLine(result.text, result.cursors) : result;
  // --- end keys.js ---
  const text = out.text + keepAfter;
  const first = out.cursors?.[0] ?? out.text.length;
  // After an on-delimiter expansion with no cursor stop of its own, the caret goes after the delimiter.
  const caret = keepAfter && first === out.text.length ? text.length : first;
  const start = before.length - replaced.length - keepAfter.length;
  if (write(() => replaceBeforeCaret(el, replaced.length + keepAfter.length, text, caret)) && table?.backspaceUndo) {
    lastExpansion = { el, start, text, restore: replaced + keepAfter };
  }
}

/** Runs one of Rubrica's own writes, so that its input events are not taken for typing. */
function write(fn) {
  writing = true;
  try {
    return fn();
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
  if (!lastExpansion) return;
  if (event.key !== 'Backspace' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) {
    lastExpansion = null;
    return;
  }
  if (undoLastExpansion(eventTarget(event))) event.preventDefault();
}

/** Puts back the trigger of the expansion just written in `el`; true when it did. */
function undoLastExpansion(el) {
  const x = lastExpansion;
  lastExpansion = null;
  if (!x || el !== x.el || el.value.slice(x.start, x.start + x.text.length) !== x.text) return false;
  write(() => {
    el.setSelectionRange(x.start + x.text.length, x.start + x.text.length);
    replaceBeforeCaret(el, x.text.length, x.restore, x.restore.length);
  });
  return true;
}

// --- keys.js wiring: Enter after a trigger, keys typed during an expansion (docs/typing.md) ---
/** Enter at the caret of `el` would fire a trigger (newline is a delimiter): expand it first. */
function enterExpansion(el) {
  if (!table?.delimiters.has('\n') || !isExpandable(el)) return null;
  const before = textBeforeCaret(el);
  if (!before) return null;
  const hit = detectAtCaret(table, `${before}\n`);
  if (!hit || (hit.kind === 'regex' && /\s/.test(before.slice(-1)))) return null;
  return expand(el, hit.typed, '', request(hit));
}

const keys = createKeys({ isExpandable, enterExpansion, backspaceUndo: undoLastExpansion });

function request(hit) {
  return hit.kind === 'regex'
    ? { type: MSG.EXPAND_REGEX, payload: { before: hit.typed } }
    : { type: MSG.EXPAND, payload: { trigger: hit.typed } };
}
// --- end keys.js wiring ---

async function onInput(event) {
  if (writing) return;
  lastExpansion = null;
  const el = eventTarget(event);
  if (!isExpandable(el) || event.isComposing) return;
  if (event.inputType && !event.inputType.startsWith('insert')) return;
  if (!table) await loadTable();
  const before = textBeforeCaret(el);
  if (before === null || before.length === 0) return;
  // The first character of a trigger: wake the background while the rest is typed, so the
  // expansion does not wait for the service worker to start.
  if (table?.starts.has(before.slice(-1)) && Date.now() - lastContact > WARM_FOR_MS) send(MSG.PING).catch(() => {});
  const hit = detectAtCaret(table, before);
  // keys.track: keys typed until the expansion is written are held back, then replayed.
  if (hit) return keys.track(el, expand(el, hit.typed, hit.keepAfter, request(hit)));
}

// The background's only message to content scripts: "the table changed" (no data). Only Rubrica's
// background can send it (`tabs.sendMessage`); anything else is ignored.
api.runtime.onMessage.addListener((message, sender) => {
  if (sender?.id === api.runtime.id && !sender.tab && message?.type === TABLE_CHANGED) refresh();
});

// keys.js: first in line for keys (window, capturing), registered at load.
window.addEventListener('keydown', keys.onKeydown, true);
window.addEventListener('pointerdown', keys.onPointerDown, true);
document.addEventListener('focusin', onFocus, true);
document.addEventListener('keydown', onKeydown, true);
document.addEventListener('mousedown', () => {
  lastExpansion = null;
}, true);
window.addEventListener('focus', onReturn);
document.addEventListener('visibilitychange', onReturn);
document.addEventListener('input', onInput, true);
