// Work-session messages from extension pages (popup, dashboard): the current view, commands, the
// restart answer, lists and reports, corrections, and the platform/task-type catalogue. The core
// plans every write; sessions.js runs commands and announces changes.

import { MSG } from '../../shared/contract.js';
import { sessionAllKeys, sessionList, sessionPlanEdit, sessionRangeKeys, sessionReport, updateTaskType } from '@rubrica/full';
import { zoneOffsets } from '../../shared/zone.js';
import { engine } from '../engine.js';
import { answerRestart, changed, currentView, now, runCommand } from '../sessions.js';
import * as store from '../store.js';

const YEAR = 365 * 86_400_000;

/** The stored sessions and tasks of the months `[from, to]` touches (from the shards index). */
async function readRange(from, to) {
  await engine.full();
  const { shards } = await store.read(['shards']);
  return store.read(sessionRangeKeys(shards ?? null, from, to));
}

export const sessionHandlers = {
  [MSG.SESSION_GET]: () => currentView(),

  [MSG.SESSION_COMMAND]: ({ command }) => runCommand(command),

  [MSG.SESSION_RESTART]: ({ stop }) => answerRestart(stop),

  [MSG.SESSION_LIST]: async ({ from, to, limit }) =>
    sessionList(await readRange(from, to), from, to, Math.min(limit ?? 100, 1000), now()),

  [MSG.SESSION_REPORT]: async ({ from, to }) =>
    sessionReport(await readRange(from, to), from, to, now(), zoneOffsets(from, to)),

  [MSG.PLATFORM_CREATE]: async ({ name }) => {
    const full = await engine.full();
    return store.transact(async (read) => {
      const { record, map } = full.createPlatform((await read(['platforms'])).platforms ?? null, name, now());
      return { writes: { platforms: map }, result: record };
    });
  },

  [MSG.TASK_TYPE_CREATE]: async ({ taskType }) => {
    const full = await engine.full();
    return store.transact(async (read) => {
      const { platforms, taskTypes } = await read(['platforms', 'taskTypes']);
      const { record, map } = full.createTaskType(taskTypes ?? null, platforms ?? null, taskType, now());
      return { writes: { taskTypes: map }, result: record };
    });
  },

  [MSG.TASK_TYPE_UPDATE]: async ({ taskType }) => {
    await engine.full();
    const record = await store.transact(async (read) => {
      const { platforms, taskTypes } = await read(['platforms', 'taskTypes']);
      const { record, map } = updateTaskType(taskTypes ?? null, platforms ?? null, taskType, now());
      return { writes: { taskTypes: map }, result: record };
    });
    await changed(); // a running task of this type gets its cap reminders rescheduled
    return record;
  },

  [MSG.SESSION_EDIT]: async ({ edit }) => {
    await engine.full();
    const t = now();
    await store.transact(async (read) => {
      const { shards } = await read(['shards']);
      const stored = await read(['shards', ...sessionAllKeys(shards ?? null)]);
      // Offsets only word the conflict messages ("overlaps the session from …"), in local time.
      return { writes: sessionPlanEdit(stored, edit, t, zoneOffsets(t - 3 * YEAR, t)), result: null };
    });
    await changed();
    return { id: edit.id };
  },
};
