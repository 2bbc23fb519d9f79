// The browser events of work sessions: chrome.idle, keyboard commands, alarms, and the start of
// the background (a browser start with a session left running gets the restart question). Each
// turns into a command of the session service; the reminders follow its SESSION_CHANGED notice.
// Everything is recomputed from storage on each event: the worker may have stopped in between.

import { api } from '../shared/runtime.js';
import { engine } from './engine.js';
import { notify } from './notify.js';
import { ALARM, followSession } from './reminders.js';
import { anySession, askAfterRestart, currentView, now, runCommand } from './sessions.js';

/** Heartbeats may come late (a busy or throttled browser); a gap beyond this is sleep. */
const SLEEP_SLACK_MS = 4 * 60_000;
/** In storage.session: present while this browser session has already started Rubrica. */
const ALIVE = 'rubrica.alive';

function thresholdSec() {
  return Math.max(15, engine.settings().session.idleThresholdSec ?? 300);
}

/** chrome.idle: idle is back-dated to when input stopped; locked is reported as it happens. */
export async function onIdleState(state) {
  await engine.ready();
  const t = now();
  const command =
    state === 'idle'
      ? { type: 'idle', since: t - thresholdSec() * 1000 }
      : state === 'locked'
        ? { type: 'locked', since: t }
        : { type: 'active' };
  return runCommand(command);
}

/** Keyboard commands from the manifest's `commands`. */
export async function onCommand(name) {
  await engine.ready();
  if (name === 'toggle-session') {
    const view = await currentView();
    if (view.state.state === 'stopped') {
      const { lastPlatformId, lastTaskTypeId } = engine.settings().session;
      return runCommand({ type: 'start', platformId: lastPlatformId ?? null, taskTypeId: lastTaskTypeId ?? null });
    }
    return runCommand({ type: 'stop' });
  }
  if (name === 'next-task') return runCommand({ type: 'nextTask' });
  return null;
}

/**
 * Sleep that no `locked` event announced: the heartbeat records activity every minute while the
 * user is active, so a running, active session whose last activity is older than the idle
 * threshold plus a few minutes of slack was suspended (lid closed, machine asleep). That gap is
 * recorded as idle from the last activity, and the user is asked about it as for any idle span.
 */
async function coverSleep(state) {
  const view = await currentView();
  const last = view.session?.lastActivityAt;
  const gap = Math.max(thresholdSec() * 1000, 60_000) + SLEEP_SLACK_MS;
  // After a browser restart the user answers "keep running" or "stop at last activity" instead.
  if (view.state.state !== 'running' || view.restartAskedAt != null) return;
  if (last == null || now() - last <= gap) return;
  await runCommand({ type: 'idle', since: last });
  if (state === 'active') await runCommand({ type: 'active' });
}

export async function onAlarm(alarm) {
  await engine.ready();
  if (alarm.name === ALARM.HEARTBEAT) {
    const state = await api.idle.queryState(thresholdSec());
    await coverSleep(state);
    if (state === 'active') return runCommand({ type: 'heartbeat' });
  }
  if (Object.values(ALARM).includes(alarm.name)) {
    const view = await currentView();
    await followSession(view, null);
    return view;
  }
  return null;
}

/**
 * Every start of the background: tells a browser start (the storage.session marker is gone) from a
 * service-worker restart (it is still there), and sets the idle threshold. After a browser start a
 * running session gets the restart question; then badge and alarms are redone.
 */
export async function onBackgroundStart() {
  const session = api.storage?.session;
  const alive = session ? (await session.get(ALIVE))[ALIVE] : true;
  // A service-worker restart: the badge and the alarms survived it, and neither the core nor the
  // session engine is loaded for it (a trigger may be on its way: literal.js); the idle threshold
  // is set again once the core is in.
  if (alive) {
    engine.booted.then(() => api.idle.setDetectionInterval(thresholdSec())).catch(() => {});
    return null;
  }
  await engine.ready();
  api.idle.setDetectionInterval(thresholdSec());
  await session?.set({ [ALIVE]: now() });
  if (!(await anySession())) return null; // no session to resolve after this browser start
  const view = await askAfterRestart();
  if (view.restartAskedAt != null) {
    await notify('rubrica-restart', 'Your work session was still running', 'Rubrica was closed while a session ran. Open Rubrica to keep it running or stop it at your last activity.');
  }
  return view;
}

/**
 * chrome.idle fires whenever the user steps away, session or not. Until a session has ever been
 * recorded there is nothing to update, so the session engine (full module) is not loaded for it.
 */
async function onIdleStateIfSessions(state) {
  if (!(await anySession())) return null;
  return onIdleState(state);
}

const logged = (p) => p.catch((e) => console.error('Rubrica: session event failed', e));

let started = null;
/** onBackgroundStart once per background lifetime (top level and onStartup both ask for it). */
const startOnce = () => (started ??= onBackgroundStart().catch((e) => {
  started = null;
  throw e;
}));

/** Registers every session listener; call synchronously at the top level of the background. */
export function installSessionListeners() {
  api.idle.onStateChanged.addListener((state) => void logged(onIdleStateIfSessions(state)));
  api.alarms.onAlarm.addListener((alarm) => void logged(onAlarm(alarm)));
  api.commands?.onCommand.addListener((name) => void logged(onCommand(name)));
  api.runtime.onStartup.addListener(() => void logged(startOnce()));
  api.storage.onChanged.addListener((changes, area) => {
    // A new idle threshold applies at once.
    if (area === 'local' && changes.settings) {
      const sec = changes.settings.newValue?.session?.idleThresholdSec;
      if (sec) api.idle.setDetectionInterval(Math.max(15, sec));
    }
  });
  void logged(startOnce());
}
