// The content script's link to the background: the trigger table (triggers and modes, never
// snippet text: docs/trigger-table.md), loaded on first use and refreshed when it changes, and
// waking the service worker before the user needs it, so an expansion does not wait for it to
// start. Every message goes through `send`: over the warm port while it is open (one post each
// way, about a quarter of a `runtime.sendMessage` round trip, which opens a channel per message),
// else through `runtime.sendMessage` (shared/runtime.js, bundled into this script).

import { MSG, WARM_PORT } from '../shared/contract.js';
import { api, replyData, send as sendToBackground } from '../shared/runtime.js';
import { compileTable } from './detector.js';

/**
 * How long the warm port stays open after the last focus or trigger character. Chromium stops an
 * idle service worker after about 30 s whatever ports are open (and the port then disconnects);
 * closing it ourselves a little before that means it never keeps a background alive anywhere.
 */
const WARM_FOR_MS = 25_000;

/** The compiled trigger table, or null until it has loaded. */
let table = null;
let tableLoading = null;
/**
 * The warm port (WARM_PORT): open while the worker is known to be running. Connecting wakes the
 * worker, which loads the core at once; the browser disconnects the port when it stops the worker,
 * so the next trigger character knows to wake it again. Requests go over it as `{id, message}`
 * and come back as `{id, reply}` (background/router.js validates them like any message).
 */
let port = null;
let portTimer = 0;
let nextId = 1;
/** Requests posted on the port and not answered yet: id → {message, resolve}. */
const waiting = new Map();

/** Sends a message of the contract to the background; resolves with the reply's data. */
export function send(type, payload) {
  if (!port) return sendToBackground(type, payload);
  const id = nextId++;
  const message = payload === undefined ? { type } : { type, payload };
  const answered = new Promise((resolve) => waiting.set(id, { type, payload, resolve }));
  try {
    port.postMessage({ id, message });
  } catch {
    waiting.delete(id);
    return sendToBackground(type, payload); // the port closed under us
  }
  return answered.then(replyData);
}

/**
 * The port closed with requests unanswered (the browser stopped the worker meanwhile): each goes
 * again through `runtime.sendMessage`, which wakes the worker. A request is only ever answered once.
 */
function resendWaiting() {
  const left = [...waiting.values()];
  waiting.clear();
  for (const w of left) {
    sendToBackground(w.type, w.payload).then(
      (data) => w.resolve({ ok: true, data }),
      (e) => w.resolve({ ok: false, error: { kind: e?.kind ?? 'internal', message: e?.message ?? String(e) } }),
    );
  }
}

function closeWhenIdle() {
  clearTimeout(portTimer);
  portTimer = setTimeout(() => {
    if (waiting.size > 0) return closeWhenIdle(); // never while a request is on its way
    port?.disconnect();
    port = null;
  }, WARM_FOR_MS);
}

/** Makes sure the worker is awake (connecting the warm port wakes it) and keeps the port a while. */
export function keepWarm() {
  if (!port) {
    try {
      port = api.runtime.connect({ name: WARM_PORT });
    } catch {
      return; // the extension was reloaded: this content script is orphaned
    }
    const mine = port;
    mine.onMessage.addListener((m) => {
      const w = waiting.get(m?.id);
      if (!w) return;
      waiting.delete(m.id);
      w.resolve(m.reply);
    });
    mine.onDisconnect.addListener(() => {
      void api.runtime.lastError; // read, so the browser does not log it
      if (port === mine) {
        port = null;
        clearTimeout(portTimer);
      }
      resendWaiting();
    });
  }
  closeWhenIdle();
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
 * `char` was just typed: when it is the first character of a trigger, make sure the background is
 * awake while the rest is typed (a port already open costs nothing).
 */
export function wakeForTrigger(char) {
  if (table?.starts.has(char)) keepWarm();
}
