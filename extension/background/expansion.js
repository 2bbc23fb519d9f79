// What every expansion shares, whichever way it was asked for (a typed trigger, a regex trigger,
// the fill-in form, the palette): the context it renders in, and counting the use afterwards.

import { recordUses } from '@rubrica/core';
import * as store from './store.js';
import { STORAGE } from '../shared/contract.js';

/**
 * What an expansion may read besides the library: the clock and the user's time zone (the
 * running session's rubric is the engine's own answer). Without `values` and `useDefaults`, a
 * template with fields answers needsInput and the fill-in form shows.
 */
export function expandContext(values, useDefaults) {
  return {
    now: Date.now(),
    tzOffsetMin: -new Date().getTimezoneOffset(),
    values,
    useDefaults: useDefaults ?? false,
  };
}

/** Uses not yet written: snippet id → {count, at}. */
const pending = new Map();
let flushTimer = 0;
/**
 * How long uses gather before one write. Short, because a stopped service worker loses what was
 * not written; long enough that fast typing (corrections half a second apart) costs one write.
 */
const FLUSH_MS = 1000;

/** Writes the gathered uses into `snippetUses` in one small write (never the snippets). */
export function flushUses() {
  clearTimeout(flushTimer);
  flushTimer = 0;
  if (pending.size === 0) return Promise.resolve();
  const batch = [...pending].map(([id, u]) => ({ id, count: u.count, at: u.at }));
  pending.clear();
  return store
    .transact(async (read) => {
      const stored = (await read([STORAGE.SNIPPET_USES]))[STORAGE.SNIPPET_USES] ?? null;
      return { writes: { [STORAGE.SNIPPET_USES]: recordUses(stored, batch) }, result: null };
    }, 'usage')
    .catch((e) => console.warn('Rubrica: could not count snippet uses', e.message));
}

/**
 * Counts a use of the snippet behind a finished expansion, after the reply has gone: the
 * expansion never waits for this write. Uses are stored apart from the snippets (schema 3) and
 * batched: one small write per second of typing, whatever the size of the library.
 */
export function countUse(result) {
  if (result?.status !== 'done' || !result.snippetId) return;
  const u = pending.get(result.snippetId) ?? { count: 0, at: 0 };
  pending.set(result.snippetId, { count: u.count + 1, at: Date.now() });
  flushTimer ||= setTimeout(() => void flushUses(), FLUSH_MS);
}
