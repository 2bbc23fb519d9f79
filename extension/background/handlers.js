// One handler per message type of the contract. Each gets the loaded engine, the validated
// payload and the sender's kind; storage writes go through store.js.

import { MSG, TABLE_CHANGED } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { countRecords, recordUse, setDeleted, version } from '@rubrica/core';
import { exportBackup, planImport } from '@rubrica/full';
import { refresh, reload } from './core.js';
import { fullCore, libraryChanged, validateRegex } from './full.js';
import { sessionRubricId } from './session-rubric.js';
import * as store from './store.js';
import { sessionHandlers } from './sessions.js';
import { senderMayExpand, siteHandlers } from './sites.js';
import { createPending, overlayHandlers } from './overlay.js';

/** Changes whenever the trigger table may have changed; content scripts re-fetch on a new value. */
let tableRevision = Date.now();

/** The small keys that describe the whole store without loading month shards. */
const SUMMARY_KEYS = ['meta', 'settings', 'platforms', 'taskTypes', 'rubrics', 'snippets', 'alerts', 'shards'];

/**
 * Tells the content scripts in open tabs that the trigger table changed, so they fetch it again.
 * The notice carries no data; tabs without Rubrica's content script just refuse it.
 */
export async function tableChanged() {
  tableRevision += 1;
  let tabs = [];
  try {
    tabs = await api.tabs.query({});
  } catch {
    return;
  }
  await Promise.all(
    tabs.map((t) => api.tabs.sendMessage(t.id, { type: TABLE_CHANGED, revision: tableRevision }).catch(() => {})),
  );
}

/** The trigger table a frame gets where Rubrica is off: nothing to spot (docs/trigger-table.md). */
const OFF_TABLE = Object.freeze({
  version: 1, enabled: false, site: 'off', lengths: [], entries: {}, delimiters: '', hasRegex: false, lookback: 0,
  backspaceUndo: false,
});

/** Usage counts were written since the engine last loaded the library (only library.get shows them). */
let usageStale = false;

/**
 * Counts a use of the snippet behind an expansion, after the reply has gone: the expansion never
 * waits for this write, and the engine is not reloaded for it (library.get reloads it when asked).
 */
function countUse(result) {
  if (result?.status !== 'done' || !result.snippetId) return;
  store
    .transact(async (read) => {
      const stored = (await read(['snippets'])).snippets ?? null;
      return { writes: { snippets: recordUse(stored, result.snippetId, Date.now()) }, result: null };
    })
    .then(() => {
      usageStale = true;
    })
    .catch((e) => console.warn('Rubrica: could not count a snippet use', e.message));
}

/**
 * What an expansion may read besides the library: the clock, the user's time zone, and the
 * running session's rubric (else the engine uses the default rubric).
 */
async function expandContext(values, useDefaults) {
  return {
    now: Date.now(),
    tzOffsetMin: -new Date().getTimezoneOffset(),
    values,
    // Without values, a template with fields answers needsInput and the fill-in form shows.
    useDefaults: useDefaults ?? false,
    sessionRubricId: (await sessionRubricId()) ?? undefined,
  };
}

function importPlanFor(stored, payload) {
  return planImport(stored, payload.text);
}

/**
 * Read → change → write of one library collection (`snippets` or `rubrics`) inside the write
 * queue, then the engine reloads it and open tabs hear that the trigger table changed.
 */
async function editCollection(env, key, change) {
  const result = await store.transact(async (read) => {
    const stored = (await read([key]))[key] ?? null;
    const { map, result } = change(stored);
    return { writes: { [key]: map }, result };
  });
  await refresh(env);
  libraryChanged();
  await tableChanged();
  return result;
}

function tombstone(env, key, { id }, deleted) {
  return editCollection(env, key, (stored) => ({
    map: setDeleted(stored, id, deleted, Date.now()),
    result: { id },
  }));
}

export const handlers = {
  [MSG.PING]: async () => ({ version: version(), ready: true, tableRevision }),

  [MSG.TRIGGERS_GET]: async (env, _payload, from) => {
    // A frame on a site where Rubrica is off gets an empty, disabled table (docs/sites.md).
    if (!senderMayExpand(env, from, tableRevision)) return { ...OFF_TABLE, revision: tableRevision };
    return { ...env.core.triggerTable(), revision: tableRevision };
  },

  [MSG.EXPAND]: async (env, { trigger, values, useDefaults }, from) => {
    // The background is the authority: a content script with a stale table cannot expand while
    // the user has paused expansion, nor on a site that is off.
    if (!env.core.expansionEnabled()) return { status: 'paused', tableRevision };
    if (!senderMayExpand(env, from, tableRevision)) return { status: 'off', tableRevision };
    const result = env.core.expand(trigger, await expandContext(values, useDefaults));
    // Fields never go to the content script: it gets a token and shows the form's frame.
    if (result.status === 'needsInput') {
      return { status: 'needsInput', token: await createPending(from.sender, { kind: 'trigger', trigger }), tableRevision };
    }
    countUse(result);
    return { ...result, tableRevision };
  },

  [MSG.EXPAND_REGEX]: async (env, { before, values, useDefaults }, from) => {
    if (!env.core.expansionEnabled()) return { status: 'paused', tableRevision };
    if (!senderMayExpand(env, from, tableRevision)) return { status: 'off', tableRevision };
    if (!env.core.hasRegex()) return { status: 'none', tableRevision };
    const full = await fullCore();
    const result = full.expandRegex(before, await expandContext(values, useDefaults));
    if (result.status === 'needsInput') {
      return {
        status: 'needsInput',
        token: await createPending(from.sender, { kind: 'regex', before }),
        replaceLen: result.replaceLen,
        tableRevision,
      };
    }
    countUse(result);
    return { ...result, tableRevision };
  },

  [MSG.STATE_GET]: async ({ core, report }) => {
    const stored = await store.read(SUMMARY_KEYS);
    return {
      version: version(),
      schema: stored.meta?.schema ?? null,
      counts: countRecords(stored),
      settings: core.settings(),
      problems: report.problems,
      bytesInUse: await store.bytesInUse(),
    };
  },

  [MSG.SETTINGS_UPDATE]: async ({ core }, { patch }) => {
    const settings = core.patchSettings(patch);
    await store.write({ settings });
    core.setSettings(settings);
    await tableChanged();
    return settings;
  },

  // Backups and imports are rare: their planning (every record checked against its type) lives in
  // the full module, loaded on demand, to keep the background module small.
  [MSG.BACKUP_EXPORT]: async ({ core }) => {
    await fullCore();
    const envelope = exportBackup(await store.read(null), Date.now());
    const settings = core.patchSettings({ lastExportAt: envelope.exportedAt });
    await store.write({ settings });
    core.setSettings(settings);
    return envelope;
  },

  [MSG.LIBRARY_GET]: async (env) => {
    if (usageStale) {
      usageStale = false;
      await refresh(env);
    }
    return env.core.library();
  },

  [MSG.SNIPPET_SAVE]: async (env, { snippet }) => {
    if (snippet.regex?.trim()) await validateRegex(snippet.regex);
    return editCollection(env, 'snippets', (stored) => {
      const { record, map } = env.core.saveSnippet(stored, snippet, Date.now());
      return { map, result: record };
    });
  },

  [MSG.SNIPPET_DELETE]: (env, payload) => tombstone(env, 'snippets', payload, true),

  [MSG.SNIPPET_RESTORE]: (env, payload) => tombstone(env, 'snippets', payload, false),

  [MSG.RUBRIC_SAVE]: (env, { rubric }) =>
    editCollection(env, 'rubrics', (stored) => {
      const { record, map } = env.core.saveRubric(stored, rubric, Date.now());
      return { map, result: record };
    }),

  [MSG.RUBRIC_DELETE]: (env, payload) => tombstone(env, 'rubrics', payload, true),

  [MSG.RUBRIC_RESTORE]: (env, payload) => tombstone(env, 'rubrics', payload, false),

  // Snippets reviewed in the Data section's import preview (espanso YAML, CSV): the core checks
  // each one again and nothing is stored unless all are valid.
  [MSG.SNIPPETS_IMPORT]: (env, { snippets }) =>
    editCollection(env, 'snippets', (stored) => {
      const { map, summary } = env.core.mergeSnippets(stored, snippets, Date.now());
      return { map, result: summary };
    }),

  [MSG.IMPORT_PREVIEW]: async (_env, payload) => {
    await fullCore();
    const { writes: _w, ...preview } = importPlanFor(await store.read(null), payload);
    return preview;
  },

  [MSG.IMPORT_COMMIT]: async (_env, payload) => {
    await fullCore();
    // Validate → stage → swap: the plan is made against storage as it is inside the write queue,
    // and all of it goes out in one `set`; any error above leaves storage untouched.
    const summary = await store.transact(async (read) => {
      const { writes, ...result } = importPlanFor(await read(null), payload);
      return { writes, result };
    });
    await reload();
    libraryChanged();
    await tableChanged();
    return summary;
  },
  ...sessionHandlers,
  ...siteHandlers(MSG, tableChanged),
  // The fill-in form and the search palette (docs/palette.md).
  ...overlayHandlers({ expandContext, countUse, senderMayExpand: (env, from) => senderMayExpand(env, from, tableRevision) }),
};
