// Rubrica's content script: a classic script (bundled by esbuild), no WebAssembly — Chromium
// applies the page's CSP to WebAssembly in content scripts. It holds only the trigger table and
// asks the background to render. Nothing of the library is ever written into the page.

import { MSG, TABLE_CHANGED } from '../shared/contract.js';
import { compileTable, findTrigger } from './detector.js';
import { isExpandable, replaceBeforeCaret, textBeforeCaret } from './fields.js';

const api = globalThis.browser ?? globalThis.chrome;

let table = null;
let tableLoading = null;

async function send(type, payload) {
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

async function expand(el, typed, keepAfter) {
  let result;
  try {
    result = await send(MSG.EXPAND, { trigger: typed });
  } catch (e) {
    console.warn('Rubrica: expansion failed —', e.message);
    return;
  }
  if (table && result?.tableRevision !== table.revision) loadTable();
  if (result?.status && result.status !== 'done') return; // paused; fill-in forms arrive with issue #4
  // The user may have typed on while the background rendered: only replace if the trigger (and
  // the delimiter, if any) still sit right before the caret.
  const before = textBeforeCaret(el);
  if (before === null || !before.endsWith(typed + keepAfter)) return;
  const text = result.text + keepAfter;
  const caret = (result.cursors?.[0] ?? result.text.length);
  replaceBeforeCaret(el, typed.length + keepAfter.length, text, keepAfter && caret === result.text.length ? text.length : caret);
}

async function onInput(event) {
  const el = event.composedPath?.()[0] ?? event.target;
  if (!isExpandable(el) || event.isComposing) return;
  if (event.inputType && !event.inputType.startsWith('insert')) return;
  if (!table) await loadTable();
  const before = textBeforeCaret(el);
  if (before === null || before.length === 0) return;
  const last = before.slice(-1);
  let hit = findTrigger(table, before);
  let keepAfter = '';
  if (!hit && table?.delimiters.has(last)) {
    hit = findTrigger(table, before.slice(0, -1), last);
    keepAfter = last;
  }
  if (hit) await expand(el, hit.typed, keepAfter);
}

// The background's only message to content scripts: "the table changed" (no data). Only Rubrica's
// background can send it (`tabs.sendMessage`); anything else is ignored.
api.runtime.onMessage.addListener((message, sender) => {
  if (sender?.id === api.runtime.id && !sender.tab && message?.type === TABLE_CHANGED) refresh();
});

document.addEventListener('focusin', onFocus, true);
window.addEventListener('focus', onReturn);
document.addEventListener('visibilitychange', onReturn);
document.addEventListener('input', onInput, true);
