// Work-session messages from extension pages (popup, dashboard): the current view, commands, the
// restart answer, lists and reports, corrections, and the platform/task-type catalogue. The core
// plans every write and answers every figure (the rate in force, a currency's digits);
// sessions.js runs commands and announces changes.

import { MSG, STORAGE } from '../../shared/contract.js';
import {
  catalogueView, sessionAllKeys, sessionList, sessionPlanEdit, sessionRangeKeys, sessionReport, updateTaskType,
} from '@rubrica/full';
import { zoneOffsets } from '../../shared/zone.js';
import { engine } from '../engine.js';
import { answerRestart, changed, currentView, now, runCommand } from '../sessions.js';
import * as store from '../store.js';

const YEAR = 365 * 86_400_000;

/** The stored sessions and tasks of the months `[from, to]` touches (from the shards index). */
async function readRange(from, to) {
  await engine.full();
  const { [STORAGE.SHARDS]: shards } = await store.read([STORAGE.SHARDS]);
  return store.read(sessionRangeKeys(shards ?? null, from, to));
}

/** The stored platforms and task types maps. */
async function readCatalogue(read = store.read) {
  const stored = await read([STORAGE.PLATFORMS, STORAGE.TASK_TYPES]);
  return { platforms: stored[STORAGE.PLATFORMS] ?? null, taskTypes: stored[STORAGE.TASK_TYPES] ?? null };
}

export const sessionHandlers = {
  [MSG.SESSION_GET]: () => currentView(),

  [MSG.SESSION_COMMAND]: ({ command }) => runCommand(command),

  [MSG.SESSION_RESTART]: ({ stop }) => answerRestart(stop),

  [MSG.SESSION_LIST]: async ({ from, to, limit }) =>
    sessionList(await readRange(from, to), from, to, Math.min(limit ?? 100, 1000), now()),

  [MSG.SESSION_REPORT]: async ({ from, to }) =>
    sessionReport(await readRange(from, to), from, to, now(), zoneOffsets(from, to)),

  [MSG.CATALOGUE_GET]: async () => {
    await engine.full();
    const { platforms, taskTypes } = await readCatalogue();
    return catalogueView(platforms, taskTypes, now());
  },

  [MSG.PLATFORM_CREATE]: async ({ name }) => {
    const full = await engine.full();
    return store.transact(async (read) => {
      const { platforms } = await readCatalogue(read);
      const { record, map } = full.createPlatform(platforms, name, now());
      return { writes: { [STORAGE.PLATFORMS]: map }, result: record };
    });
  },

  [MSG.TASK_TYPE_CREATE]: async ({ taskType }) => {
    const full = await engine.full();
    return store.transact(async (read) => {
      const { platforms, taskTypes } = await readCatalogue(read);
      const { record, map } = full.createTaskType(taskTypes, platforms, taskType, now());
      return { writes: { [STORAGE.TASK_TYPES]: map }, result: record };
    });
  },

  [MSG.TASK_TYPE_UPDATE]: async ({ taskType }) => {
    await engine.full();
    const record = await store.transact(async (read) => {
      const { platforms, taskTypes } = await readCatalogue(read);
      const { record, map } = updateTaskType(taskTypes, platforms, taskType, now());
      return { writes: { [STORAGE.TASK_TYPES]: map }, result: record };
    });
    await changed(); // a running task of this type gets its cap reminders rescheduled
    return record;
  },

  [MSG.SESSION_EDIT]: async ({ edit }) => {
    await engine.full();
    const t = now();
    await store.transact(async (read) => {
      const { [STORAGE.SHARDS]: shards } = await read([STORAGE.SHARDS]);
      const stored = await read([STORAGE.SHARDS, ...sessionAllKeys(shards ?? null)]);
      // Offsets only word the conflict messages ("overlaps the session from …"), in local time.
      return { writes: sessionPlanEdit(stored, edit, t, zoneOffsets(t - 3 * YEAR, t)), result: null };
    });
    await changed();
    return { id: edit.id };
  },
};
