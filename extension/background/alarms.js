// The browser side of work sessions: chrome.idle, keyboard commands, alarms (heartbeat, focus
// break, task cap), the toolbar badge, notifications, and resolving a session left running when
// the browser quit. Listeners are registered synchronously by `installSessionListeners()` at the
// top level of main.js; everything else is recomputed from storage on each event, because the
// service worker may have stopped in between (alarms are recreated from stored events).

import { api } from '../shared/runtime.js';
import { sessionRestartQuestion } from '@rubrica/full';
import { ready } from './core.js';
import { currentView, now, readCurrent, runCommand } from './sessions.js';
import * as store from './store.js';

export const ALARM = Object.freeze({
  HEARTBEAT: 'rubrica.heartbeat',
  FOCUS: 'rubrica.focus',
  CAP_WARN: 'rubrica.capWarn',
  CAP_OVER: 'rubrica.capOver',
});
/** The heartbeat period: records last activity and refreshes the badge's minutes. */
const HEARTBEAT_MIN = 1;
/** Heartbeats may come late (a busy or throttled browser); a gap beyond this is sleep. */
const SLEEP_SLACK_MS = 4 * 60_000;
/** In storage.session: present while this browser session has already started Rubrica. */
const ALIVE = 'rubrica.alive';
/** In storage.session: reminder keys already shown (each focus block and cap threshold once). */
const SHOWN = 'rubrica.shown';

/** Recent notifications, newest last (read by the test build's hooks). */
export const notified = [];

const session = api.storage?.session;

function thresholdSec(env) {
  return Math.max(15, env.core.settings().session.idleThresholdSec ?? 300);
}

// ---- badge -------------------------------------------------------------------------------

function minutesText(ms) {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

const BADGE = {
  running: { color: '#1f8a4c', word: 'running' },
  idle: { color: '#b26a00', word: 'idle' },
  paused: { color: '#6b7280', word: 'paused' },
};

async function paintBadge(view) {
  const look = BADGE[view.state.state];
  const action = api.action;
  if (!action) return;
  if (!look) {
    await action.setBadgeText({ text: '' });
    await action.setTitle({ title: 'Rubrica' });
    return;
  }
  const wall = view.totals?.wall ?? 0;
  await action.setBadgeBackgroundColor({ color: look.color });
  await action.setBadgeText({ text: view.state.state === 'paused' ? '❚❚' : minutesText(wall) });
  await action.setTitle({ title: `Rubrica — session ${look.word}, ${minutesText(wall)} so far` });
}

// ---- notifications ----------------------------------------------------------------------------

async function notify(id, title, message) {
  notified.push({ id, title, message, at: now() });
  if (notified.length > 20) notified.shift();
  try {
    await api.notifications?.create(id, {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/icon-128.png'),
      title,
      message,
    });
  } catch {
    // Notifications may be blocked by the user; the popup shows the same information.
  }
}

/** Shows a reminder once per key (kept in storage.session, so a worker restart does not repeat it). */
async function once(key, show) {
  const shown = (await session?.get(SHOWN))?.[SHOWN] ?? [];
  if (shown.includes(key)) return;
  await session?.set({ [SHOWN]: [...shown.slice(-50), key] });
  await show();
}

const mins = (ms) => (ms >= 60_000 || ms === 0 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

// ---- alarms -------------------------------------------------------------------------------

async function setAlarm(name, when) {
  if (when == null) {
    await api.alarms.clear(name);
    return;
  }
  await api.alarms.create(name, { when: Math.max(when, Date.now() + 1000) });
}

/** Reminders that are due now are shown; later ones get an alarm. */
async function reminders(view) {
  const t = now();
  const focus = view.state.state === 'running' ? view.focus : null;
  if (focus && focus.dueAt <= t) {
    await once(`focus:${focus.blockStartedAt}`, () =>
      notify('rubrica-focus', 'Time for a break', `You have worked ${mins(focus.activeInBlock)} without a break. Pause the session and step away for a few minutes.`),
    );
  }
  await setAlarm(ALARM.FOCUS, focus && focus.dueAt > t ? focus.dueAt : null);
  const cap = view.cap;
  if (cap?.warnAt != null && cap.warnAt <= t && !(cap.overAt != null && cap.overAt <= t)) {
    await once(`capWarn:${cap.taskId}`, () =>
      notify('rubrica-cap', 'Task time cap approaching', `${cap.taskTypeName}: ${mins(cap.usedMs)} of the ${mins(cap.capMs)} cap used.`),
    );
  }
  if (cap?.overAt != null && cap.overAt <= t) {
    await once(`capOver:${cap.taskId}`, () =>
      notify('rubrica-cap', 'Task time cap passed', `${cap.taskTypeName}: this task has passed its ${mins(cap.capMs)} cap.`),
    );
  }
  await setAlarm(ALARM.CAP_WARN, cap?.warnAt != null && cap.warnAt > t ? cap.warnAt : null);
  await setAlarm(ALARM.CAP_OVER, cap?.overAt != null && cap.overAt > t ? cap.overAt : null);
}

/**
 * After any session change and at every start of the background: badge, heartbeat, reminders,
 * and the idle question as a notification (Firefox notifications have no buttons, so the answer
 * is given in the popup).
 */
export async function afterChange(_env, view, notice) {
  const runs = view.state.state !== 'stopped';
  if (runs) {
    const existing = await api.alarms.get(ALARM.HEARTBEAT);
    if (!existing) await api.alarms.create(ALARM.HEARTBEAT, { periodInMinutes: HEARTBEAT_MIN });
  } else {
    await api.alarms.clear(ALARM.HEARTBEAT);
  }
  await paintBadge(view);
  await reminders(view);
  if (notice?.type === 'idleReview') {
    await notify(
      'rubrica-idle',
      'You were away',
      `${mins(notice.to - notice.from)} of idle time was recorded. Open Rubrica to keep or discard it.`,
    );
  }
}

// ---- event handlers ---------------------------------------------------------------------------

/** chrome.idle: idle is back-dated to when input stopped; locked is reported as it happens. */
export async function onIdleState(state) {
  const env = await ready();
  const t = now();
  const command =
    state === 'idle'
      ? { type: 'idle', since: t - thresholdSec(env) * 1000 }
      : state === 'locked'
        ? { type: 'locked', since: t }
        : { type: 'active' };
  return runCommand(env, command);
}

/** Keyboard commands from the manifest's `commands`. */
export async function onCommand(name) {
  const env = await ready();
  if (name === 'toggle-session') {
    const view = await currentView(env);
    if (view.state.state === 'stopped') {
      const { lastPlatformId, lastTaskTypeId } = env.core.settings().session;
      return runCommand(env, { type: 'start', platformId: lastPlatformId ?? null, taskTypeId: lastTaskTypeId ?? null });
    }
    return runCommand(env, { type: 'stop' });
  }
  if (name === 'next-task') return runCommand(env, { type: 'nextTask' });
  return null;
}

/**
 * Sleep that no `locked` event announced: the heartbeat records activity every minute while the
 * user is active, so a running, active session whose last activity is older than the idle
 * threshold plus a few minutes of slack was suspended (lid closed, machine asleep). That gap is
 * recorded as idle from the last activity, and the user is asked about it as for any idle span.
 */
async function coverSleep(env, state) {
  const view = await currentView(env);
  const last = view.session?.lastActivityAt;
  const gap = Math.max(thresholdSec(env) * 1000, 60_000) + SLEEP_SLACK_MS;
  // After a browser restart the user answers "keep running" or "stop at last activity" instead.
  if (view.state.state !== 'running' || view.restartAskedAt != null) return;
  if (last == null || now() - last <= gap) return;
  await runCommand(env, { type: 'idle', since: last });
  if (state === 'active') await runCommand(env, { type: 'active' });
}

export async function onAlarm(alarm) {
  const env = await ready();
  if (alarm.name === ALARM.HEARTBEAT) {
    const state = await api.idle.queryState(thresholdSec(env));
    await coverSleep(env, state);
    if (state === 'active') return runCommand(env, { type: 'heartbeat' });
  }
  if (Object.values(ALARM).includes(alarm.name)) {
    const view = await currentView(env);
    await afterChange(env, view, null);
    return view;
  }
  return null;
}

/**
 * Every start of the background: sets the idle threshold, and tells a browser start (the
 * storage.session marker is gone) from a service-worker restart (it is still there). After a
 * browser start a running session gets the restart question; then badge and alarms are redone.
 */
export async function onBackgroundStart() {
  const env = await ready();
  api.idle.setDetectionInterval(thresholdSec(env));
  const alive = session ? (await session.get(ALIVE))[ALIVE] : true;
  // A service-worker restart: the badge and the alarms survived it, and the session engine (in
  // the full module) is not loaded until a session event needs it.
  if (alive) return null;
  await session?.set({ [ALIVE]: now() });
  const { running } = await store.read(['running']);
  if (!running) return null; // no session to resolve after this browser start
  await store.transact(async (read) => ({
    writes: sessionRestartQuestion(await readCurrent(read), now()),
    result: null,
  }));
  const view = await currentView(env);
  await afterChange(env, view, null);
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
  if (!(await store.read(['running'])).running) return null;
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
