// The ledger's data in the dashboard: one LedgerBook (crate/src/ledger/book.rs) in the page's own
// full core. It reads only the month shards a range needs (asking the core which ones it still
// lacks), loads them once, then answers every report and table page from inside WebAssembly.
// Storage changes (an outcome logged in the popup, an import) clear it; the next call reloads.
import { api } from '../../../shared/runtime.js';
import { STORAGE } from '../../../shared/contract.js';
import { pageCore } from '../../../shared/page-core.js';
import { zoneOffsets } from '../../../shared/zone.js';

let book = null;
let catalogueLoaded = false;
/** Serialises loads: two refreshes must not read and load the same shard twice. */
let queue = Promise.resolve();

async function theBook() {
  if (!book) {
    const { wasm } = await pageCore();
    book = new wasm.LedgerBook();
  }
  return book;
}

/** Loads what `[from, to)` needs and is not loaded yet; resolves to the book. */
export function ensureRange(from, to) {
  const run = queue.then(async () => {
    const b = await theBook();
    const { [STORAGE.SHARDS]: shards } = await api.storage.local.get([STORAGE.SHARDS]);
    const keys = b.missing(shards ?? null, from, to);
    if (!catalogueLoaded) keys.push(STORAGE.PLATFORMS, STORAGE.TASK_TYPES, STORAGE.RUBRICS);
    if (keys.length > 0) {
      // As UTF-8 bytes: copied into the core in one go and parsed there straight into typed
      // records (a JS string of tens of MB would be re-encoded character by character).
      b.loadJson(new TextEncoder().encode(JSON.stringify(await api.storage.local.get(keys))), Date.now());
      catalogueLoaded = true;
    }
    return b;
  });
  queue = run.catch(() => {});
  return run;
}

/** Forgets everything loaded (storage changed). */
export function invalidate() {
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
