// What every expansion shares, whichever way it was asked for (a typed trigger, a regex trigger,
// the fill-in form, the palette): the context it renders in, and counting the use afterwards.

import { recordUse } from '@rubrica/core';
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

/**
 * Counts a use of the snippet behind a finished expansion, after the reply has gone: the
 * expansion never waits for this write, and the engine does not reload for it.
 */
export function countUse(result) {
  if (result?.status !== 'done' || !result.snippetId) return;
  store
    .transact(async (read) => {
      const stored = (await read([STORAGE.SNIPPETS]))[STORAGE.SNIPPETS] ?? null;
      return { writes: { snippets: recordUse(stored, result.snippetId, Date.now()) }, result: null };
    }, 'usage')
    .catch((e) => console.warn('Rubrica: could not count a snippet use', e.message));
}
