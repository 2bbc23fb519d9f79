// The Library section's search index: a `LibraryIndex` in this page's own core (page-core.js),
// built from the stored month shards newest first, a few shards at a time, so the first results
// show while older months are still loading. It then follows storage changes entry by entry; the
// page never re-sends the library to the core per query. Pages read storage; only the background
// writes it.
import { api } from '../shared/runtime.js';
import { STORAGE } from '../shared/contract.js';
import { pageCore } from '../shared/page-core.js';

/** Shards read per step while opening (a month holds at most a few thousand entries). */
const SHARDS_PER_STEP = 2;

/**
 * Opens the library: `onStep({loaded, total})` after each step (`loaded` shards of `total`).
 * Resolves to `{index, records, follow, close}` once every shard is indexed; `records` maps id →
 * entry (tombstones included, so undo can show them).
 */
export async function openLibrary(onStep = () => {}) {
  const { wasm } = await pageCore();
  const index = new wasm.LibraryIndex();
  const records = new Map();
  const shardsIndex = (await api.storage.local.get([STORAGE.SHARDS]))[STORAGE.SHARDS] ?? null;
  const keys = wasm.justificationAllKeys(shardsIndex).filter((k) => wasm.isJustificationKey(k));
  const take = (shard) => {
    for (const r of Object.values(shard ?? {})) if (r && typeof r.id === 'string') records.set(r.id, r);
  };
  const lib = {
    index,
    records,
    /** Indexes one entry the page saved, deleted or restored (or that changed elsewhere). */
    put(record) {
      records.set(record.id, record);
      index.upsert(record);
    },
    /** Follows storage.onChanged for justification shards; returns the function that stops it. */
    follow(onChange) {
      const listener = (changes, area) => {
        if (area !== 'local') return;
        let changed = false;
        for (const [key, { newValue }] of Object.entries(changes)) {
          if (!wasm.isJustificationKey(key)) continue;
          for (const r of Object.values(newValue ?? {})) {
            if (records.get(r?.id)?.updatedAt === r?.updatedAt) continue;
            try {
              lib.put(r);
              changed = true;
            } catch {
              // a record this build cannot read stays out (the dashboard reports load problems)
            }
          }
        }
        if (changed) onChange();
      };
      api.storage.onChanged.addListener(listener);
      return () => api.storage.onChanged.removeListener(listener);
    },
  };
  onStep({ loaded: 0, total: keys.length, lib });
  for (let i = 0; i < keys.length; i += SHARDS_PER_STEP) {
    const part = await api.storage.local.get(keys.slice(i, i + SHARDS_PER_STEP));
    for (const shard of Object.values(part)) take(shard);
    index.addSnapshotJson(JSON.stringify(part));
    onStep({ loaded: Math.min(keys.length, i + SHARDS_PER_STEP), total: keys.length, lib });
  }
  return lib;
}
