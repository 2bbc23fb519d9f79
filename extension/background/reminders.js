// What follows every change of the work session (EVENT.SESSION_CHANGED) and every start of the
// background: the heartbeat alarm, the badge, focus-break and task-cap reminders (due now: a
// notification; later: an alarm), and the idle question as a notification (Firefox notifications
// have no buttons, so the answer is given in the popup).

import { duration as mins } from '../shared/format.js';
import { api } from '../shared/runtime.js';
import { paintBadge } from './badge.js';
import { EVENT, on } from './events.js';
import { notify, once } from './notify.js';

export const ALARM = Object.freeze({
  HEARTBEAT: 'rubrica.heartbeat',
  FOCUS: 'rubrica.focus',
  CAP_WARN: 'rubrica.capWarn',
  CAP_OVER: 'rubrica.capOver',
});
/** The heartbeat period: records last activity and refreshes the badge's minutes. */
const HEARTBEAT_MIN = 1;

async function setAlarm(name, when) {
  if (when == null) {
    await api.alarms.clear(name);
    return;
  }
  await api.alarms.create(name, { when: Math.max(when, Date.now() + 1000) });
}

/** Reminders that are due now are shown; later ones get an alarm. */
async function reminders(view, t) {
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

/** Brings badge, heartbeat, reminders up to the session `view`; `notice` is the idle question. */
export async function followSession(view, notice) {
  const runs = view.state.state !== 'stopped';
  if (runs) {
    const existing = await api.alarms.get(ALARM.HEARTBEAT);
    if (!existing) await api.alarms.create(ALARM.HEARTBEAT, { periodInMinutes: HEARTBEAT_MIN });
  } else {
    await api.alarms.clear(ALARM.HEARTBEAT);
  }
  await paintBadge(view);
  await reminders(view, Date.now());
  if (notice?.type === 'idleReview') {
    await notify(
      'rubrica-idle',
      'You were away',
      `${mins(notice.to - notice.from)} of idle time was recorded. Open Rubrica to keep or discard it.`,
    );
  }
}

/** Subscribes to session changes; call synchronously at the top level of the background. */
export function installReminders() {
  on(EVENT.SESSION_CHANGED, (view, notice) => followSession(view, notice));
}
