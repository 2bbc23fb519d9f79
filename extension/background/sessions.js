// The work-session service: reads what the core asks for, has the core plan one command into
// `{writes, view, changed, notice?}` (crate/src/sessions/), writes the plan in one transaction and
// announces the new view — to the background (EVENT.SESSION_CHANGED: badge, alarms and
// notifications follow it in reminders.js) and to open extension pages (TO_PAGES.SESSION_CHANGED:
// the popup renders from it). The session engine is in the full module, which session events
// load (never the keystroke path). Nothing here keeps state across calls: the service worker may
// stop between any two of them.

import { sessionCurrentKeys } from '@rubrica/full';
import { STORAGE, TO_PAGES } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { engine } from './engine.js';
import { EVENT, emit } from './events.js';
import * as store from './store.js';

/** The clock every session figure uses (one place, so a test build could shift it). */
export const now = () => Date.now();

/**
 * Reads the current session's keys: the pointer first, then the keys the core names for it (its
 * shards, this month's shards where new records go, the shard index, the task types). Inside a
 * transaction, `t` must be the instant the plan uses.
 */
async function readCurrent(read, t) {
  const { [STORAGE.CURRENT_SESSION]: pointer } = await read([STORAGE.CURRENT_SESSION]);
  return read(sessionCurrentKeys(pointer ?? null, t));
}

/** The current session as the popup and badge show it. */
export async function currentView() {
  const full = await engine.full();
  const t = now();
  return full.sessionView(await readCurrent(store.read, t), t);
}

/** Whether a session was ever recorded (the pointer exists), without the full module. */
export async function anySession() {
  return Boolean((await store.read([STORAGE.CURRENT_SESSION]))[STORAGE.CURRENT_SESSION]);
}

/**
 * Has the core plan one session step on the current session inside the write queue (`step(full,
 * stored, t)` returns a plan), writes it in one `set` and returns the plan.
 */
function runPlan(step) {
  return store.transact(async (read) => {
    const full = await engine.full(); // inside the queue: the engine has every earlier write
    const t = now();
    const plan = step(full, await readCurrent(read, t), t);
    return { writes: plan.writes, result: plan };
  });
}

/** Tells extension pages (the popup) the new view; no open page is fine. */
function tellPages(view) {
  try {
    Promise.resolve(api.runtime.sendMessage({ type: TO_PAGES.SESSION_CHANGED, view })).catch(() => {});
  } catch {
    // No receiver, or the browser refused to send: pages ask with session.get when they open.
  }
}

/** Announces a new session view (and the idle question, if any) to the background and to pages. */
async function announce(view, notice) {
  await emit(EVENT.SESSION_CHANGED, view, notice);
  tellPages(view);
}

/**
 * Applies one command (from the popup, a shortcut, chrome.idle or an alarm) inside the write
 * queue; returns the new view with `notice` (the idle question) when there is one.
 */
export async function runCommand(command) {
  const plan = await runPlan((full, stored, t) => full.sessionCommand(stored, command, t));
  if (plan.changed) await announce(plan.view, plan.notice ?? null);
  return plan.notice ? { ...plan.view, notice: plan.notice } : plan.view;
}

/** Answers the restart question (keep running, or stop at the last activity). */
export async function answerRestart(stop) {
  const plan = await runPlan((full, stored, t) => full.sessionRestartAnswer(stored, stop, t));
  await announce(plan.view, null);
  return plan.view;
}

/**
 * After a browser start with a session in storage: asks whether it kept running, and redoes the
 * badge and alarms for the session as it is.
 */
export async function askAfterRestart() {
  const plan = await runPlan((full, stored, t) => full.sessionRestartQuestion(stored, t));
  await announce(plan.view, null);
  return plan.view;
}

/** Something about the session changed outside a command (a correction, a task type's cap). */
export async function changed() {
  const view = await currentView();
  await announce(view, null);
  return view;
}
