// Work-session handlers (issue #5). The core plans every write (crate/src/sessions_store.rs, in the
// full module: session events are not on the keystroke path, so the background module that starts
// with the service worker stays small; see docs/architecture.md, "Two modules"); this
// file reads the keys it asks for, writes its plan through store.js and tells alarms.js to bring
// the badge, alarms and notifications up to date. Nothing here keeps state across calls: the
// service worker may stop between any two of them.

import { MSG } from '../shared/contract.js';
import {
  sessionAllKeys,
  sessionCurrentKeys,
  sessionList,
  sessionPlanEdit,
  sessionRangeKeys,
  sessionReport,
  sessionView,
  updateTaskType,
} from '@rubrica/full';
import { zoneOffsets } from '../shared/zone.js';
import { fullCore } from './full.js';
import { afterChange } from './alarms.js';
import { refresh } from './core.js';
import * as store from './store.js';

const YEAR = 365 * 86_400_000;

/** The clock every session figure uses (one place, so a test build could shift it). */
export const now = () => Date.now();

/**
 * Reads the current session's keys: `running` first, then the shards it names and this month's
 * shards (where new records go). Inside a transaction, `t` must be the instant the plan uses.
 */
export async function readCurrent(read = store.read, t = now()) {
  await fullCore();
  const { running } = await read(['running']);
  return read(sessionCurrentKeys(running ?? null, t));
}

/** The current session as the popup and badge show it. */
export async function currentView(env) {
  return sessionView(await readCurrent(), env.core.settings().session, now());
}

/** Remembers the platform and task type a session was started with, for the next start. */
async function rememberPicks(env, command) {
  const session = {};
  if (command.platformId) session.lastPlatformId = command.platformId;
  if (command.taskTypeId) session.lastTaskTypeId = command.taskTypeId;
  if (Object.keys(session).length === 0) return;
  const settings = env.core.patchSettings({ session });
  await store.write({ settings });
  env.core.setSettings(settings);
}

/**
 * Applies one command (from the popup, a shortcut, chrome.idle or an alarm) inside the write
 * queue; returns the new view with `notice` (the idle question) when there is one.
 */
export async function runCommand(env, command) {
  const plan = await store.transact(async (read) => {
    const t = now();
    const full = await fullCore();
    const p = full.sessionCommand(await readCurrent(read, t), command, t);
    return { writes: p.writes, result: p };
  });
  if (command.type === 'start') await rememberPicks(env, command);
  const view = await currentView(env);
  if (plan.changed) await afterChange(env, view, plan.notice ?? null);
  return plan.notice ? { ...view, notice: plan.notice } : view;
}

export const sessionHandlers = {
  [MSG.SESSION_GET]: (env) => currentView(env),

  [MSG.SESSION_COMMAND]: (env, { command }) => runCommand(env, command),

  [MSG.SESSION_RESTART]: async (env, { stop }) => {
    await store.transact(async (read) => {
      const t = now();
      const full = await fullCore();
      const p = full.sessionRestartAnswer(await readCurrent(read, t), stop, t);
      return { writes: p.writes, result: null };
    });
    const view = await currentView(env);
    await afterChange(env, view, null);
    return view;
  },

  [MSG.SESSION_LIST]: async (_env, { from, to, limit }) => {
    await fullCore();
    const { shards } = await store.read(['shards']);
    const stored = await store.read(sessionRangeKeys(shards ?? null, from, to));
    return sessionList(stored, from, to, Math.min(limit ?? 100, 1000), now());
  },

  [MSG.SESSION_REPORT]: async (_env, { from, to }) => {
    await fullCore();
    const { shards } = await store.read(['shards']);
    const stored = await store.read(sessionRangeKeys(shards ?? null, from, to));
    return sessionReport(stored, from, to, now(), zoneOffsets(from, to));
  },

  [MSG.PLATFORM_CREATE]: async (env, { name }) => {
    const record = await store.transact(async (read) => {
      const full = await fullCore();
      const { record, map } = full.createPlatform((await read(['platforms'])).platforms ?? null, name, now());
      return { writes: { platforms: map }, result: record };
    });
    await refresh(env);
    return record;
  },

  [MSG.TASK_TYPE_CREATE]: async (env, { taskType }) => {
    const record = await store.transact(async (read) => {
      const full = await fullCore();
      const { platforms, taskTypes } = await read(['platforms', 'taskTypes']);
      const { record, map } = full.createTaskType(taskTypes ?? null, platforms ?? null, taskType, now());
      return { writes: { taskTypes: map }, result: record };
    });
    await refresh(env);
    return record;
  },

  [MSG.TASK_TYPE_UPDATE]: async (env, { taskType }) => {
    await fullCore();
    const record = await store.transact(async (read) => {
      const { platforms, taskTypes } = await read(['platforms', 'taskTypes']);
      const { record, map } = updateTaskType(taskTypes ?? null, platforms ?? null, taskType, now());
      return { writes: { taskTypes: map }, result: record };
    });
    await refresh(env);
    // A running task of this type gets its cap reminders rescheduled.
    await afterChange(env, await currentView(env), null);
    return record;
  },

  [MSG.SESSION_EDIT]: async (env, { edit }) => {
    await fullCore();
    const t = now();
    await store.transact(async (read) => {
      const { shards } = await read(['shards']);
      const stored = await read(['shards', ...sessionAllKeys(shards ?? null)]);
      // Offsets only word the conflict messages ("overlaps the session from …"), in local time.
      return { writes: sessionPlanEdit(stored, edit, t, zoneOffsets(t - 3 * YEAR, t)), result: null };
    });
    await refresh(env);
    await afterChange(env, await currentView(env), null);
    return { id: edit.id };
  },
};
