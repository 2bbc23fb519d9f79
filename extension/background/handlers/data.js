// The store as a whole, from extension pages: its state and counts, settings, backup export and
// the import of a Rubrica file (validate → stage → one swap).

import { MSG, STORAGE, SUMMARY_KEYS } from '../../shared/contract.js';
import { version } from '@rubrica/core';
import { countRecords, exportBackup, planImport } from '@rubrica/full';
import { engine } from '../engine.js';
import * as store from '../store.js';


export const dataHandlers = {
  // Cheap at any library size: the small keys are read and counted, the snippets are counted from
  // the engine's snapshot (once per change), and the full engine is not reloaded for it.
  [MSG.STATE_GET]: async () => {
    await engine.fullModule();
    const stored = await store.read(SUMMARY_KEYS);
    return {
      version: version(),
      schema: stored.meta?.schema ?? null,
      counts: { ...countRecords(stored), [STORAGE.SNIPPETS]: engine.liveSnippets().length },
      settings: engine.settings(),
      problems: engine.report.problems,
      bytesInUse: await store.bytesInUse(),
    };
  },

  [MSG.SETTINGS_UPDATE]: async ({ patch }) => {
    const settings = (await engine.full()).patchSettings(patch);
    await store.write({ settings });
    return settings;
  },

  // Backups and imports are rare: their planning (every record checked against its type) lives in
  // the full module, loaded on demand, to keep the start-up module small.
  [MSG.BACKUP_EXPORT]: async () => {
    const full = await engine.full();
    const envelope = exportBackup(await store.read(null), Date.now());
    await store.write({ settings: full.patchSettings({ lastExportAt: envelope.exportedAt }) });
    return envelope;
  },

  [MSG.IMPORT_PREVIEW]: async ({ text }) => {
    await engine.full();
    const { writes: _w, ...preview } = planImport(await store.read(null), text);
    return preview;
  },

  [MSG.IMPORT_COMMIT]: async ({ text }) => {
    await engine.full();
    // Validate → stage → swap: the plan is made against storage as it is inside the write queue,
    // and all of it goes out in one `set`; any error above leaves storage untouched.
    return store.transact(async (read) => {
      const { writes, ...result } = planImport(await read(null), text);
      return { writes, result };
    });
  },
};
