// The popup's work-session card: live clock (with what it times, or which session it shows),
// Start/Stop/Pause/Resume/Next task, the idle keep/discard question, the "still running after a
// restart" question and reminders; the pickers and add forms are catalogue.js's. Every figure
// comes from a view the background computed from stored events: `session.get` when the popup
// opens, the reply to its own commands, and the background's `session.changed` notice whenever
// the session changes elsewhere (a shortcut, idle, an alarm, the dashboard). Between views the
// clock only adds the time elapsed since the last one, in the state it reported.
import { api, send } from '../shared/runtime.js';
import { MSG, TO_PAGES } from '../shared/contract.js';
import { $, oneAtATime } from '../shared/dom.js';
import { clock, duration, timeOfDay, timeSpan } from '../shared/format.js';
import {
  announce, hasPlatforms, hideSavedNameNote, knows, loadCatalogue, renderPickers, showForm, subjectOf, wireCatalogue,
} from './catalogue.js';

let view = null;
let fetchedAt = 0;
/** Counts the views shown: a notice still waiting for the catalogue never replaces a newer view. */
let shown = 0;
/** The session's commands, one at a time (shared/dom.js `oneAtATime`). */
const oneCommand = oneAtATime([
  'session-start', 'session-stop', 'session-next', 'session-pause',
  'idle-keep', 'idle-discard', 'restart-keep', 'restart-stop',
]);
let onError = () => {};
/** Hears the id of a task a popup command just closed (Next task, Stop): the quick-log opens. */
let onClosed = () => {};

const STATE_TEXT = {
  stopped: ['Not running', 'badge-off'],
  running: ['Running', 'badge-on'],
  idle: ['Idle', 'badge-warn'],
  paused: ['On a break', 'badge-warn'],
};

/** Figures at this instant: the view's totals plus the time since it was fetched. */
function figuresNow() {
  const t = view?.totals;
  if (!t) return null;
  const dt = view.state.state === 'stopped' ? 0 : Math.max(0, Date.now() - fetchedAt);
  const state = view.state.state;
  const task = view.openTask ? t.tasks.find((x) => x.taskId === view.openTask.id) : null;
  return {
    wall: t.wall + dt,
    active: t.active + (state === 'running' ? dt : 0),
    idle: t.idle + (state === 'idle' ? dt : 0),
    paused: t.paused + (state === 'paused' ? dt : 0),
    setup: t.setup + (view.taskCount === 0 ? dt : 0),
    task: task ? task.active + (state === 'running' ? dt : 0) : null,
  };
}

function tick() {
  const f = figuresNow();
  const running = view && view.state.state !== 'stopped';
  // While a session runs the clock counts seconds; a stopped one shows the last session's figure.
  $('session-time').textContent = !view?.session ? '—' : running ? clock(f?.wall ?? 0) : duration(f?.wall ?? 0);
  $('fig-active').textContent = duration(f?.active ?? 0);
  $('fig-setup').textContent = duration(f?.setup ?? 0);
  $('fig-idle').textContent = duration(f?.idle ?? 0);
  $('fig-paused').textContent = duration(f?.paused ?? 0);
  $('fig-task').textContent = f?.task == null ? '—' : duration(f.task);
}

/** The line above the clock: what the running session times, or which session the figures are of. */
function renderClockLabel(running) {
  const label = $('session-clock-label');
  const session = view?.session;
  const text = !session ? 'No session yet'
    : running ? `Timing: ${subjectOf(session, view.openTask, 'no platform')}`
      : `Last session: ${subjectOf(session, null, 'no platform')}`;
  label.textContent = text;
  label.title = text;
  $('session-time').setAttribute('aria-label', running ? 'Session time' : 'Last session time');
}

function renderQuestions() {
  const restart = view?.restartAskedAt != null;
  $('restart-question').hidden = !restart;
  if (restart) {
    // The same span as the dashboard's session cards, up to the last activity, and its length.
    const { startedAt } = view.session;
    const what = subjectOf(view.session, view.openTask, 'No platform');
    $('restart-detail').textContent = `${what}, ${timeSpan(startedAt, view.lastActivity)} (your last activity): ${duration(view.lastActivity - startedAt)}.`;
  }
  const idle = view?.pendingIdle;
  $('idle-question').hidden = !idle;
  if (idle) {
    $('idle-title').textContent = `You were away ${duration(idle.to - idle.from)}.`;
    $('idle-detail').textContent = `From ${timeOfDay(idle.from)} to ${timeOfDay(idle.to)}. It counts as idle time unless you discard it.`;
  }
}

function renderReminder() {
  const el = $('session-reminder');
  const t = Date.now();
  const cap = view?.cap;
  let text = '';
  if (cap?.overAt != null && cap.overAt <= t) {
    text = `This task has passed the ${duration(cap.capMs)} cap for ${cap.taskTypeName}.`;
  } else if (cap?.warnAt != null && cap.warnAt <= t) {
    text = `This task is near the ${duration(cap.capMs)} cap for ${cap.taskTypeName}.`;
  } else if (view?.state.state === 'running' && view.focus && view.focus.dueAt <= t) {
    text = `You have worked ${duration(view.focus.activeInBlock)} without a break. Time for a pause.`;
  }
  el.textContent = text;
  el.hidden = text === '';
}

function render(settings) {
  const state = view?.state.state ?? 'stopped';
  const running = state !== 'stopped';
  const [text, tone] = STATE_TEXT[state];
  $('session-card').className = `card session-card is-${state}`;
  $('session-badge').className = `badge ${tone}`;
  $('session-state').textContent = text;
  $('session-pickers').hidden = running;
  $('session-add-toggles').hidden = running;
  if (running) {
    showForm('platform', false);
    showForm('tasktype', false);
  }
  $('session-pick-note').hidden = running || hasPlatforms();
  if (running) hideSavedNameNote();
  $('session-start').hidden = running;
  $('session-start').disabled = false;
  $('session-controls').hidden = !running;
  $('session-figures').hidden = !view?.totals;
  $('session-next').textContent = view?.taskCount ? 'Next task' : 'First task';
  $('session-pause').textContent = state === 'paused' ? 'Resume' : 'Pause';
  $('session-next').disabled = state === 'paused';
  $('fig-task-label').textContent = view?.openTask ? `Task ${view.taskCount}` : 'Tasks';
  if (!running) renderPickers(settings);
  renderClockLabel(running);
  renderQuestions();
  renderReminder();
  tick();
}

let lastSettings = null;
/** Settles once the first view and the catalogue are shown: a Start clicked before that waits for
 * the pickers to hold the remembered platform and task type instead of starting with none. */
let markLoaded;
const loaded = new Promise((resolve) => { markLoaded = resolve; });

export async function loadSession(settings) {
  lastSettings = settings ?? lastSettings;
  try {
    await loadCatalogue();
    view = await send(MSG.SESSION_GET);
    fetchedAt = Date.now();
    shown += 1;
  } catch (e) {
    onError(e);
  }
  render(lastSettings);
  $('session-card').setAttribute('aria-busy', 'false');
  markLoaded();
}

/** A view the background announced: shown as it is (the catalogue first, if it names a newer record). */
async function follow(next) {
  const ticket = ++shown;
  if (!knows(next?.session)) await loadCatalogue().catch(onError);
  if (ticket !== shown) return; // a newer view came meanwhile
  view = next;
  fetchedAt = Date.now();
  render(lastSettings);
}

/** The background's notices: only Rubrica's own background sends them (no tab). */
function onNotice(message, sender) {
  if (sender?.id !== api.runtime.id || sender.tab) return undefined;
  if (message?.type === TO_PAGES.SESSION_CHANGED && message.view) void follow(message.view);
  return undefined;
}

async function act(payloadOrAction, said, closes = false) {
  await oneCommand(async () => {
    const closing = closes ? view?.openTask?.id ?? null : null;
    view = typeof payloadOrAction === 'function'
      ? await payloadOrAction()
      : await send(MSG.SESSION_COMMAND, { command: payloadOrAction });
    fetchedAt = Date.now();
    shown += 1;
    render(lastSettings);
    if (said) announce(said);
    if (closing) onClosed(closing);
  }).catch((e) => onError(e));
}

export function wireSession({ error, closed = () => {} }) {
  onError = error;
  onClosed = closed;
  wireCatalogue();
  api.runtime.onMessage.addListener(onNotice);
  $('session-start').addEventListener('click', () =>
    act(async () => {
      await loaded;
      const command = {
        type: 'start',
        platformId: $('session-platform').value || null,
        taskTypeId: $('session-task-type').value || null,
      };
      return send(MSG.SESSION_COMMAND, { command });
    }, 'Session started.'));
  $('session-stop').addEventListener('click', () => act({ type: 'stop' }, 'Session stopped.', true));
  $('session-next').addEventListener('click', () =>
    act({ type: 'nextTask' }, view?.taskCount ? 'Next task started.' : 'First task started; setup time ends here.', true));
  $('session-pause').addEventListener('click', () =>
    act(view?.state.state === 'paused' ? { type: 'resume' } : { type: 'pause' },
      view?.state.state === 'paused' ? 'Resumed.' : 'On a break.'));
  $('idle-keep').addEventListener('click', () => act({ type: 'keepIdle' }, 'Idle time kept.'));
  $('idle-discard').addEventListener('click', () => act({ type: 'discardIdle' }, 'Idle time discarded.'));
  $('restart-keep').addEventListener('click', () =>
    act(() => send(MSG.SESSION_RESTART, { stop: false }), 'The session keeps running.'));
  $('restart-stop').addEventListener('click', () =>
    act(() => send(MSG.SESSION_RESTART, { stop: true }), 'Session stopped at your last activity.', true));
  setInterval(() => {
    tick();
    renderReminder();
  }, 1000);
}
