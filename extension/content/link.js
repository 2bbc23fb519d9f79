// The content script's link to the background: the trigger table (triggers and modes, never
// snippet text: docs/trigger-table.md), loaded on first use and refreshed when it changes, and
// waking the service worker before the user needs it, so an expansion does not wait for it to
// start. Every message goes through `send` (shared/runtime.js, bundled into this script).

import { MSG } from '../shared/contract.js';
import { send as sendToBackground } from '../shared/runtime.js';
import { compileTable } from './detector.js';

/** Chromium stops an idle service worker after about 30 s; wake it a little before that. */
const WARM_FOR_MS = 20_000;

/** The compiled trigger table, or null until it has loaded. */
let table = null;
let tableLoading = null;
/** When this script last reached the background (any message wakes the service worker). */
let lastContact = 0;

/** Sends a message of the contract to the background; resolves with the reply's data. */
export function send(type, payload) {
  lastContact = Date.now();
  return sendToBackground(type, payload);
}

/** The trigger table (detector.js's compiled form), or null while it is not loaded. */
export function currentTable() {
  return table;
}

/** Loads the trigger table (once at a time); resolves when it is in, or failed to load. */
export function loadTable() {
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

/** An answer carried the table's revision: reload the table if it changed since it was loaded. */
export function noteRevision(revision) {
  if (table && revision !== table.revision) loadTable();
}

/** Wakes the background and refreshes the table if it changed since it was loaded. */
export async function refresh() {
  try {
    const { tableRevision } = await send(MSG.PING);
    if (!table || table.revision !== tableRevision) await loadTable();
  } catch {
    // the extension was reloaded or updated: this page's content script is orphaned
  }
}

/**
 * `char` was just typed: when it is the first character of a trigger, wake the background while
 * the rest is typed (unless it was reached recently enough to be awake).
 */
export function wakeForTrigger(char) {
  if (table?.starts.has(char) && Date.now() - lastContact > WARM_FOR_MS) send(MSG.PING).catch(() => {});
}
