// The work-session service: reads what the core asks for, applies one command, writes the core's
// plan through the store and announces the new view (EVENT.SESSION_CHANGED: badge, alarms and
// notifications follow it in reminders.js). The core plans every write (crate/src/sessions/); the
// session engine is in the full module, which session events load (never the keystroke path).
// Nothing here keeps state across calls: the service worker may stop between any two of them.

import { sessionCurrentKeys, sessionRestartQuestion, sessionView } from '@rubrica/full';
import { engine } from './engine.js';
import { EVENT, emit } from './events.js';
import * as store from './store.js';

/** The clock every session figure uses (one place, so a test build could shift it). */
export const now = () => Date.now();

/**
 * Reads the current session's keys: `running` first, then the shards it names and this month's
 * shards (where new records go). Inside a transaction, `t` must be the instant the plan uses.
 */
export async function readCurrent(read = store.read, t = now()) {
  await engine.full();
  const { running } = await read(['running']);
  return read(sessionCurrentKeys(running ?? null, t));
}

/** The current session as the popup and badge show it. */
export async function currentView() {
  return sessionView(await readCurrent(), engine.settings().session, now());
}

/** Whether a session was ever recorded (the `running` pointer exists), without the full module. */
export async function anySession() {
  return Boolean((await store.read(['running'])).running);
}

/** Remembers the platform and task type a session was started with, for the next start. */
async function rememberPicks(command) {
  const session = {};
  if (command.platformId) session.lastPlatformId = command.platformId;
  if (command.taskTypeId) session.lastTaskTypeId = command.taskTypeId;
  if (Object.keys(session).length === 0) return;
  await store.write({ settings: (await engine.full()).patchSettings({ session }) });
}

/**
 * Applies one command (from the popup, a shortcut, chrome.idle or an alarm) inside the write
 * queue; returns the new view with `notice` (the idle question) when there is one.
 */
export async function runCommand(command) {
  const full = await engine.full();
  const plan = await store.transact(async (read) => {
    const t = now();
    const p = full.sessionCommand(await readCurrent(read, t), command, t);
    return { writes: p.writes, result: p };
  });
  if (command.type === 'start') await rememberPicks(command);
  const view = await currentView();
  if (plan.changed) await emit(EVENT.SESSION_CHANGED, view, plan.notice ?? null);
  return plan.notice ? { ...view, notice: plan.notice } : view;
}

/** Answers the restart question (keep running, or stop at the last activity). */
export async function answerRestart(stop) {
  const full = await engine.full();
  await store.transact(async (read) => {
    const t = now();
    const p = full.sessionRestartAnswer(await readCurrent(read, t), stop, t);
    return { writes: p.writes, result: null };
  });
  return changed();
}

/** After a browser start with a session in storage: asks whether it kept running. */
export async function askAfterRestart() {
  await store.transact(async (read) => ({
    writes: sessionRestartQuestion(await readCurrent(read), now()),
    result: null,
  }));
  return changed();
}

/** Something about the session changed outside a command (a correction, a task type's cap). */
export async function changed() {
  const view = await currentView();
  await emit(EVENT.SESSION_CHANGED, view, null);
  return view;
}
