// The ledger's data in the dashboard: one LedgerBook (crate/src/ledger/book.rs) in the page's own
// instance of the ledger book's module (shared/book-core.js). It reads only the month shards a
// range needs (asking the core which ones it still lacks), loads them once, then answers every
// report and table page from inside WebAssembly. Each month is read from its ledger pack
// (docs/ledger.md, Packs: one deflated string beside the shard, written with it), which the core
// checks against the `shards` index; a month without a usable pack is read from its shard, the
// truth, and the background is asked to write its pack again. Storage changes (an outcome logged
// in the popup, an import) clear it; the next call reloads.
import { api, send } from '../../../shared/runtime.js';
import { MSG, STORAGE } from '../../../shared/contract.js';
import { joinPacks, packBytes, storedJson } from '../../../shared/month-shards.js';
import { bookCore } from '../../../shared/book-core.js';
import { zoneOffsets } from '../../../shared/zone.js';
import { takeEarly } from '../../early-start.js';
import { CATALOGUE, firstReads } from './prefetch.js';

let book = null;
let catalogueLoaded = false;
/** Counts invalidate() calls: a load that saw another count started before a change. */
let generation = 0;
/** Serialises loads: two refreshes must not read and load the same shard twice. */
let queue = Promise.resolve();
/**
 * The `shards` index as read last (undefined: read it again), so a report or table page over
 * months already loaded asks storage nothing. Any write of the index forgets it; `changes`
 * counts those writes, so a read that a write overtook is not kept.
 */
let shardsIndex;
let changes = 0;
api.storage?.onChanged?.addListener((changed) => {
  if (changed && STORAGE.SHARDS in changed) {
    changes += 1;
    shardsIndex = undefined;
  }
});

async function theBook() {
  if (!book) {
    const wasm = await bookCore();
    mark('wasm');
    book = new wasm.LedgerBook();
  }
  return book;
}

/** Marks the first render's steps (performance.mark), read by tests/bench/ledger-render.mjs. */
const mark = (name) => performance.mark?.(`rubrica:ledger:${name}`);

/** As UTF-8 bytes: copied into the core in one go (a JS string is re-encoded character by character). */
const bytes = (text) => new TextEncoder().encode(text);

/** Loads what `[from, to)` needs and is not loaded yet; resolves to the book. */
export function ensureRange(from, to) {
  const run = queue.then(async () => {
    // What early.js started (the page opened at #ledger), taken by the first load only.
    const early = book ? null : takeEarly('ledger');
    const started = early?.value.reads;
    // Its reads only when no storage change came since they started, and for this range.
    let earlyReads = early?.fresh && started?.from === from && started?.to === to ? started : null;
    if (earlyReads) mark('early');
    // Storage that changes while it is read (invalidate(): the book was cleared) is read again,
    // so the book never keeps what was read before a change.
    for (;;) {
      const seen = generation;
      const catalogue = catalogueLoaded ? [] : CATALOGUE;
      const known = book && catalogue.length === 0 && shardsIndex !== undefined;
      const before = changes;
      // The first load reads the index, the catalogue and the range's likely packs while the
      // core loads, each pack inflated as soon as it arrives (prefetch.js); a later one reads
      // the index and the catalogue, then the packs the core asks for.
      const reads = known ? null
        : earlyReads ?? (book ? { stored: api.storage.local.get([STORAGE.SHARDS, ...catalogue]), packs: new Map() } : firstReads(from, to));
      earlyReads = null; // a second pass (storage changed) reads again
      const read = reads
        ? Promise.all([reads.stored, ...reads.packs.values()]).then(([stored]) => {
          mark('stored');
          return stored;
        })
        : { [STORAGE.SHARDS]: shardsIndex };
      const [b, first] = await Promise.all([theBook(), read]);
      mark('core');
      const shards = first[STORAGE.SHARDS];
      if (changes === before) shardsIndex = shards ?? null;
      const keys = b.missing(shards ?? null, from, to);
      if (keys.length === 0 && catalogue.length === 0) return b;
      const packKeys = keys.map((k) => `${STORAGE.LEDGER_PACK}${k}`);
      const unread = packKeys.filter((k) => !reads?.packs.has(k));
      const got = unread.length > 0 ? { ...first, ...(await api.storage.local.get(unread)) } : first;
      const parts = await Promise.all(packKeys.map((k) => reads?.packs.get(k) ?? packBytes(got[k])));
      mark('read');
      if (seen !== generation) continue;
      // The catalogue first: the book settles once more after the packs, over every month.
      if (catalogue.length > 0) {
        b.loadJson(bytes(JSON.stringify(Object.fromEntries(catalogue.map((k) => [k, got[k]])))), Date.now());
      }
      catalogueLoaded = true;
      // The packs' bytes (inflated, or an older build's base64 decoded; empty when missing or
      // unreadable, which the core refuses) one after another with their lengths.
      const { bytes: packed, lengths } = joinPacks(parts);
      const rest = keys.length > 0 ? b.loadPackBytes(shards ?? null, keys, packed, lengths, Date.now()) : [];
      mark('packs');
      if (rest.length > 0) {
        // Month shards are stored compressed; their JSON text is spliced in unparsed.
        const text = await storedJson(await api.storage.local.get(rest));
        if (seen !== generation) continue;
        // Parsed straight into typed records in the core (ledger/book.rs, load_json).
        b.loadJson(bytes(text), Date.now());
        send(MSG.LEDGER_REPACK, { keys: rest }).catch(() => {}); // the next render reads packs
        mark('shards');
      }
      return b;
    }
  });
  queue = run.catch(() => {});
  return run;
}

/** Forgets everything loaded (storage changed). */
export function invalidate() {
  generation += 1;
  shardsIndex = undefined;
  book?.clear();
  catalogueLoaded = false;
}

/** The overview's figures for `[from, to)`, grouped by `groupBy`, in the settings' currency. */
export async function report(from, to, { groupBy = 'platform', currency = 'USD', minSample = 5 } = {}) {
  const b = await ensureRange(from, to);
  return b.report({ from, to, zone: zoneOffsets(from, to), groupBy, currency, minSample });
}

/** One page of the task table (`query` as PageQuery in crate/src/ledger/table.rs). */
export async function page(from, to, query) {
  const b = await ensureRange(from, to);
  return b.page({ ...query, from, to });
}
