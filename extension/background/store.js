// The storage wrapper. The background is the only writer of storage; every write goes through one
// queue so writes never interleave, and read-modify-write sequences (imports) run inside it.
// It assumes the service worker can be stopped at any moment: nothing here is cached across calls.
// Around each write it publishes STORING, then STORED or STORE_FAILED (events.js), so the engine
// sees the background's own writes at once (changes from anywhere else reach it through
// storage.onChanged, where the echo of these is recognised).

import { api, RubricaError } from '../shared/runtime.js';
import { decodeStored, encodeWrites } from '../shared/month-shards.js';
import { EVENT, emit } from './events.js';

let queue = Promise.resolve();
/** `derive(changes, read)` → more keys for the same `set` (data derived from `changes`), or null. */
let derive = null;

/** Runs `task` after every write queued before it; the queue survives a failed task. */
function enqueue(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

/** What a write of these keys holds, in words ("snippets, the work session"), for error messages. */
export function describeKeys(keys) {
  const words = {
    settings: 'your settings', snippets: 'snippets', rubrics: 'rubrics', platforms: 'platforms',
    taskTypes: 'task types', alerts: 'alerts', sessions: 'work sessions', tasks: 'tasks',
    justifications: 'justifications', currentSession: 'the work session', shards: 'the record index',
    meta: 'the schema version',
  };
  const named = [...new Set(keys.map((k) => words[k.split('/')[0]] ?? k))];
  return named.length ? named.join(', ') : 'the change';
}

function storageError(e, changes) {
  const quota = /quota/i.test(String(e?.message ?? e));
  const what = describeKeys(Object.keys(changes ?? {}));
  return new RubricaError({
    kind: 'storage',
    message: quota
      ? `Browser storage is full, so this change to ${what} was not saved; everything saved before is kept. Export a backup, then delete old data.`
      : `Saving failed, so this change to ${what} was not saved (everything saved before is kept): ${e?.message ?? e}`,
  });
}

/**
 * Restricts `storage.local` to Rubrica's own pages and background (content scripts then cannot
 * read it), where the browser supports it: Chromium 102+. Firefox has no setAccessLevel for
 * `storage.local` (docs/privacy.md, "What a page can observe"). Call at the top level.
 */
export function restrictToTrustedContexts() {
  try {
    api.storage?.local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});
  } catch {
    // An older browser without the method's promise form: nothing to restrict with.
  }
}

/** Reads keys (an array) or everything (`null`); month shards come back as record maps. */
export async function read(keys) {
  return decodeStored(await api.storage.local.get(keys));
}

/**
 * Registers what every write adds to its own `set`: `fn(changes, read)` answers the keys derived
 * from `changes` (the ledger packs of the month shards written, engine.js). It must not throw: a
 * write carries its derived keys or none is written.
 */
export function deriveWith(fn) {
  derive = fn;
}

/**
 * One `set` (with the keys derived from it), then the STORED notice. `why` tells subscribers what
 * kind of write it was: 'usage' for a snippet's use count (nothing an expansion depends on), else
 * 'change'.
 */
async function put(written, why) {
  if (!written || Object.keys(written).length === 0) return;
  const changes = derive ? { ...written, ...(await derive(written, read)) } : written;
  const stored = await encodeWrites(changes); // month shards compressed (shared/month-shards.js)
  await emit(EVENT.STORING, changes, why);
  try {
    await api.storage.local.set(stored);
  } catch (e) {
    await emit(EVENT.STORE_FAILED, changes);
    throw storageError(e, changes);
  }
  await emit(EVENT.STORED, changes, why);
}

/** Writes `changes` ({key: value}) in one `set`, after every earlier write. */
export function write(changes, why = 'change') {
  return enqueue(() => put(changes, why));
}

/**
 * Removes `keys` (an array) after every earlier write (a migration's renamed keys), with the same
 * notices as a write of `{key: undefined}`.
 */
export function remove(keys) {
  return enqueue(async () => {
    const changes = Object.fromEntries(keys.map((k) => [k, undefined]));
    await emit(EVENT.STORING, changes, 'change');
    try {
      await api.storage.local.remove(keys);
    } catch (e) {
      await emit(EVENT.STORE_FAILED, changes);
      throw storageError(e, changes);
    }
    await emit(EVENT.STORED, changes, 'change');
  });
}

/**
 * Runs a read → plan → write sequence with no other write in between:
 * `plan(read)` returns `{writes, result, after}`; `writes` go out in one `set`, and the answer
 * (`result`) is given once they are stored. `after` (optional: changes, or a function answering
 * them) is derived data to write next, in a second `set` before any other write: the ledger
 * packs of a large import, which readers verify and do without (an empty pack in `writes` says
 * "read the shard" until then).
 */
export function transact(plan, why = 'change') {
  let answered;
  const answer = new Promise((resolve, reject) => {
    answered = { resolve, reject };
  });
  enqueue(async () => {
    let after = null;
    try {
      const planned = await plan(read);
      await put(planned.writes, why);
      after = planned.after ?? null;
      answered.resolve(planned.result);
    } catch (e) {
      answered.reject(e);
      return;
    }
    if (!after) return;
    // Let the answer go out first (its reply is sent from promise callbacks), then derive.
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      await put(typeof after === 'function' ? after() : after, why);
    } catch (e) {
      console.error('Rubrica: derived data was not written; readers make do and it is made again when needed', e);
    }
  });
  return answer;
}

/** Bytes used by Rubrica's storage, or null where the browser cannot tell. */
export async function bytesInUse() {
  try {
    return typeof api.storage.local.getBytesInUse === 'function'
      ? await api.storage.local.getBytesInUse(null)
      : null;
  } catch {
    return null;
  }
}
