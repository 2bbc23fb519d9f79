// Literal expansions answered before the core has loaded. A trigger typed while the service worker
// is stopped would wait for the worker, its WebAssembly and the library to load; most snippets'
// text depends on nothing but the library (no field, date or clipboard: the core decides, see
// crate/src/engine/literal.rs), so the engine writes their expansions, ready to send, into
// memory-only browser storage (storage.session: cleared when the browser closes, and not readable
// by content scripts), and a cold worker answers from there.
//
// Never stale: before any write that can change an expansion, the list is dropped (STORING), and
// rebuilt once the engine has the change (EXPANSIONS_CHANGED). A message is answered from the list
// only when it is exactly `{type: 'expand', payload: {trigger}}` from a content script and the
// trigger is in the list; the paused and per-site checks are the ones of the normal path (the
// settings saved with the list); anything else waits for the core as before.

import { MSG } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { senderSiteStatus } from '../shared/sites.js';
import { engine, shapesExpansions } from './engine.js';
import { EVENT, on } from './events.js';

const PREFIX = 'rubrica.literal';
/** The list's header: `{settings, builtAt}`; without it the list is not used. */
const HEAD = `${PREFIX}.head`;
/** The list is spread over buckets, so a lookup reads one small key. */
const BUCKETS = 32;
/** Most JSON the list may take (storage.session holds 10 MB in all). */
const MAX_BYTES = 2 * 1024 * 1024;
/** Changes come in bursts (an import, a run of edits): rebuild once they settle. */
const SETTLE_MS = 300;

const area = () => api.storage?.session;
const bucketKey = (i) => `${PREFIX}.${i}`;

/** FNV-1a over the UTF-16 units of `typed`, modulo BUCKETS. */
function bucketOf(typed) {
  let h = 0x811c9dc5;
  for (let i = 0; i < typed.length; i++) {
    h ^= typed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % BUCKETS;
}

/** Bumped by every invalidation: a rebuild that started before one does not publish its list. */
let generation = 0;

/** Drops the list (its header), so no cold worker answers from it until it is rebuilt. */
export async function invalidate() {
  generation += 1;
  clearTimeout(timer);
  await area()?.remove(HEAD);
}

/** Writes the engine's literal expansions, bucketed, then the header that makes them usable. */
export async function rebuild() {
  const session = area();
  if (!session || !engine.core) return;
  const mine = generation;
  const buckets = Array.from({ length: BUCKETS }, () => ({}));
  for (const { typed, text, cursors, snippetId } of engine.core.literalExpansions(MAX_BYTES)) {
    buckets[bucketOf(typed)][typed] = { text, cursors, snippetId };
  }
  await session.remove(HEAD);
  await session.set(Object.fromEntries(buckets.map((b, i) => [bucketKey(i), b])));
  if (mine !== generation) return; // something changed meanwhile: the next rebuild publishes
  await session.set({ [HEAD]: { settings: engine.settings(), builtAt: Date.now() } });
}

let timer = 0;
function rebuildSoon() {
  clearTimeout(timer);
  timer = setTimeout(() => rebuild().catch((e) => console.warn('Rubrica: literal expansions', e?.message ?? e)), SETTLE_MS);
}

/** Whether `message` is exactly an `expand` of a typed trigger and nothing else. */
function plainExpand(message) {
  if (!message || typeof message !== 'object' || message.type !== MSG.EXPAND) return null;
  const keys = Object.keys(message);
  if (keys.length !== 2 || !keys.includes('payload')) return null;
  const { payload } = message;
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const fields = Object.keys(payload);
  if (fields.length !== 1 || fields[0] !== 'trigger' || typeof payload.trigger !== 'string') return null;
  return payload.trigger;
}

/**
 * The reply to `message` from `from` ({kind, sender}) out of the list, or null when the list does
 * not have it (then the core answers). A hit is as the core would answer it: paused, off on this
 * site, or the expansion.
 */
export async function lookup(message, { kind, sender }) {
  const session = area();
  const typed = kind === 'content' ? plainExpand(message) : null;
  if (!session || typed === null) return null;
  const key = bucketKey(bucketOf(typed));
  // The table revision kept across worker restarts is read beside the list (engine.revision()).
  const [{ [HEAD]: head, [key]: bucket }, tableRevision] = await Promise.all([
    session.get([HEAD, key]),
    engine.revision(),
  ]);
  if (!head || !bucket || !Object.hasOwn(bucket, typed)) return null;
  if (!head.settings?.expansion?.enabled) return { status: 'paused', tableRevision };
  const { state } = senderSiteStatus(sender, head.settings);
  if (state !== 'platform' && state !== 'extra') return { status: 'off', tableRevision };
  const { text, cursors, snippetId } = bucket[typed];
  return { status: 'done', text, cursors, snippetId, tableRevision };
}

/** Registers the list's upkeep; call synchronously at the top level of the background. */
export function installLiteralExpansions() {
  // storage.session is for trusted contexts only by default; say so where the browser lets us.
  api.storage?.session?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});
  on(EVENT.STORING, async (changes, why) => {
    if (why !== 'usage' && Object.keys(changes).some(shapesExpansions)) await invalidate();
  });
  on(EVENT.EXPANSIONS_CHANGED, async () => {
    await invalidate(); // a change the store did not make was not announced before it landed
    rebuildSoon();
  });
  // Once the core is in: the list may be missing (the browser was restarted) or up to date.
  engine.booted
    .then(async () => {
      if (!(await area()?.get(HEAD))?.[HEAD]) rebuildSoon();
    })
    .catch(() => {});
}
