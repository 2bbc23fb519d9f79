// The justification library in the background (docs/library.md): saving, deleting and restoring
// entries in their month shards (read → change → write inside the store's queue), counting a use,
// and a search index of the whole library kept while the worker lives, for the near-duplicate
// guard (the palette and the context menu's save). Extension pages keep their own index (the
// dashboard's page core); this one is built on first need from every shard and then follows the
// store's writes of justification shards (EVENT.STORED), entry by entry.

import {
  LibraryIndex,
  isJustificationKey,
  justificationAllKeys,
  justificationKeys,
  recordJustificationUse,
  setJustificationDeleted,
} from '@rubrica/full';
import { STORAGE } from '../shared/contract.js';
import { engine } from './engine.js';
import { EVENT, on } from './events.js';
import * as store from './store.js';

let index = null;
let building = null;
/** `updatedAt` of every record the index holds, so a written shard re-indexes only what changed. */
const indexed = new Map();

/** Read → change → write of the keys a change of entry `id` needs; retried over every shard when the entry is elsewhere. */
async function change(id, plan) {
  await engine.full();
  const attempt = (keysFor) =>
    store.transact(async (read) => {
      const stored = await read(await keysFor(read));
      const { record, writes } = plan(stored);
      return { writes, result: record };
    });
  try {
    return await attempt(async () => justificationKeys(id ?? null, Date.now()));
  } catch (e) {
    if (e?.kind !== 'notFound' || !id) throw e;
    return attempt(async (read) => justificationAllKeys((await read([STORAGE.SHARDS]))[STORAGE.SHARDS] ?? null));
  }
}

/** Platform and task type of the running session: the defaults of a new entry. */
export function sessionDefaults() {
  const current = engine.snapshot?.[STORAGE.CURRENT_SESSION];
  const taskTypeId = current?.open ? current.taskTypeId : undefined;
  const platformId = taskTypeId ? engine.snapshot?.[STORAGE.TASK_TYPES]?.[taskTypeId]?.platformId : undefined;
  const settings = engine.settings();
  return {
    platformId: platformId ?? settings?.session?.lastPlatformId ?? undefined,
    taskTypeId: taskTypeId ?? settings?.session?.lastTaskTypeId ?? undefined,
  };
}

/** Saves an entry draft; a new one without platform or task type gets the running session's. */
export async function saveEntry(draft) {
  const full = await engine.full();
  const entry = draft.id ? draft : { ...sessionDefaults(), ...draft };
  for (const k of ['platformId', 'taskTypeId']) if (entry[k] == null) delete entry[k];
  return change(draft.id, (stored) => full.saveJustification(stored, entry, Date.now()));
}

/** Deletes (tombstone) or restores entry `id`. */
export function setDeleted(id, deleted) {
  return change(id, (stored) => setJustificationDeleted(stored, id, deleted, Date.now()));
}

/** Records that entry `id` was inserted (its `lastUsedAt`). */
export async function recordUse(id) {
  await engine.full();
  return store.transact(async (read) => {
    const stored = await read(justificationKeys(id, Date.now()));
    return { writes: recordJustificationUse(stored, id, Date.now()), result: null };
  }, 'usage');
}

/** The whole library's index, built on first need. */
export function libraryIndex() {
  if (index) return Promise.resolve(index);
  building ??= (async () => {
    await engine.full();
    const keys = justificationAllKeys((await store.read([STORAGE.SHARDS]))[STORAGE.SHARDS] ?? null);
    const built = new LibraryIndex();
    const stored = await store.read(keys.filter(isJustificationKey));
    built.addSnapshot(stored);
    indexed.clear();
    for (const shard of Object.values(stored)) for (const r of Object.values(shard ?? {})) indexed.set(r?.id, r?.updatedAt);
    index = built;
    return built;
  })().finally(() => {
    building = null;
  });
  return building;
}

/** The library entries at least as similar to `text` as the user's threshold, most similar first. */
export async function nearDuplicates(text) {
  const ix = await libraryIndex();
  const percent = engine.settings()?.library?.nearDuplicatePercent ?? 50;
  return ix.nearDuplicates(text, Math.min(100, Math.max(1, percent)) / 100);
}

/** Search of the library for the palette: `{total, hits}`. */
export async function searchLibrary(query, limit) {
  const ix = await libraryIndex();
  return ix.search(query, null, limit);
}

/** Keeps the index in step with written shards (every record of a changed shard is upserted). */
export function installLibraryIndex() {
  on(EVENT.STORED, (changes) => {
    if (!index) return;
    for (const [key, value] of Object.entries(changes)) {
      if (!isJustificationKey(key)) continue;
      if (value === undefined) {
        index.free();
        index = null; // a shard removed (never done today): rebuild on next use
        return;
      }
      for (const record of Object.values(value ?? {})) {
        if (indexed.get(record?.id) === record?.updatedAt) continue;
        indexed.set(record?.id, record?.updatedAt);
        try {
          index.upsert(record);
        } catch {
          // a record this build cannot read stays out of the index (it is reported on load)
        }
      }
    }
  });
}
