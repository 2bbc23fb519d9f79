// The library's messages from extension pages: list, save, delete/restore (tombstones) snippets and
// rubrics, and the snippets reviewed in an import preview. Each is read → change → write inside the
// store's queue; the engine follows the write and tells tabs when the trigger table changed. The
// full module edits (its `pages` feature); the router has loaded it to parse the message.

import { MSG, STORAGE } from '../../shared/contract.js';
import { setDeleted } from '@rubrica/full';
import { engine } from '../engine.js';
import * as store from '../store.js';

/** Read → change → write of one collection (`snippets` or `rubrics`) inside the write queue. */
function editCollection(key, change) {
  return store.transact(async (read) => {
    const stored = (await read([key]))[key] ?? null;
    const { map, result } = change(stored);
    return { writes: { [key]: map }, result };
  });
}

async function tombstone(key, { id }, deleted) {
  await engine.full();
  return editCollection(key, (stored) => ({ map: setDeleted(stored, id, deleted, Date.now()), result: { id } }));
}

export const libraryHandlers = {
  [MSG.LIBRARY_GET]: () => engine.library(),

  // Served from the engine's snapshot of storage: no module reloads the library for it.
  [MSG.LIBRARY_SNIPPETS_PART]: ({ offset, limit }) => engine.snippetsPart(offset, limit),

  [MSG.SNIPPET_SAVE]: async ({ snippet }) => {
    if (snippet.regex?.trim()) await engine.checkRegex(snippet.regex);
    const full = await engine.full();
    return editCollection(STORAGE.SNIPPETS, (stored) => {
      const { record, map } = full.saveSnippet(stored, snippet, Date.now());
      return { map, result: record };
    });
  },

  [MSG.SNIPPET_DELETE]: (payload) => tombstone(STORAGE.SNIPPETS, payload, true),

  [MSG.SNIPPET_RESTORE]: (payload) => tombstone(STORAGE.SNIPPETS, payload, false),

  [MSG.RUBRIC_SAVE]: async ({ rubric }) => {
    const full = await engine.full();
    return editCollection(STORAGE.RUBRICS, (stored) => {
      const { record, map } = full.saveRubric(stored, rubric, Date.now());
      return { map, result: record };
    });
  },

  [MSG.RUBRIC_DELETE]: (payload) => tombstone(STORAGE.RUBRICS, payload, true),

  [MSG.RUBRIC_RESTORE]: (payload) => tombstone(STORAGE.RUBRICS, payload, false),

  // Snippets reviewed in the Data section's import preview (espanso YAML, CSV): the core checks
  // each one again and nothing is stored unless all are valid.
  [MSG.SNIPPETS_IMPORT]: async ({ snippets, snippetsJson }) => {
    const full = await engine.full();
    return editCollection(STORAGE.SNIPPETS, (stored) => {
      const { map, summary } = full.mergeSnippets(stored, snippetsJson ?? snippets ?? [], Date.now());
      return { map, result: summary };
    });
  },
};
