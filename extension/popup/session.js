// The popup's work-session card: pickers, live clock, Start/Stop/Pause/Resume/Next task, the idle
// keep/discard question, the "still running after a restart" question and reminders. Every figure
// comes from the background's `session.get` view (derived from stored events); between replies the
// clock only adds the time elapsed since that reply, in the state the view reported.
import { send, api } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { $ } from '../shared/dom.js';

let view = null;
let fetchedAt = 0;
let busy = false;
let picks = { platforms: [], taskTypes: [] };
let onError = () => {};

/** `h:mm:ss` (clock) or `h:mm` (figures) for a duration in ms. */
export function formatDuration(ms, seconds = true) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  return seconds ? `${h}:${m}:${String(s % 60).padStart(2, '0')}` : `${h}:${m}`;
}

const timeOfDay = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const live = (text) => {
  $('session-live').textContent = text;
};

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
  $('session-time').textContent = formatDuration(f?.wall ?? 0);
  $('fig-active').textContent = formatDuration(f?.active ?? 0, false);
  $('fig-setup').textContent = formatDuration(f?.setup ?? 0, false);
  $('fig-idle').textContent = formatDuration(f?.idle ?? 0, false);
  $('fig-paused').textContent = formatDuration(f?.paused ?? 0, false);
  $('fig-task').textContent = f?.task == null ? '—' : formatDuration(f.task, false);
}

function option(value, label, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

function renderPickers(settings) {
  const platform = $('session-platform');
  const current = platform.value || settings?.session?.lastPlatformId || '';
  platform.replaceChildren(option('', 'No platform', current === ''),
    ...picks.platforms.map((p) => option(p.id, p.name, p.id === current)));
  const taskType = $('session-task-type');
  const chosen = taskType.value || settings?.session?.lastTaskTypeId || '';
  const types = picks.taskTypes.filter((t) => !platform.value || t.platformId === platform.value);
  taskType.replaceChildren(option('', 'Any task type', chosen === ''),
    ...types.map((t) => option(t.id, t.name, t.id === chosen)));
  $('session-pick-note').hidden = picks.platforms.length > 0;
  // A task type belongs to a platform: offer to add one once a platform is picked.
  const chosenPlatform = picks.platforms.find((p) => p.id === platform.value);
  $('tasktype-add-toggle').hidden = !chosenPlatform;
  if (!chosenPlatform) showForm('tasktype', false);
  $('tasktype-for').textContent = chosenPlatform ? `For ${chosenPlatform.name}.` : '';
}

/** Opens or closes one of the inline "add" forms (`platform` or `tasktype`); one at a time. */
function showForm(which, open) {
  const form = $(`${which}-add`);
  form.hidden = !open;
  $(`${which}-add-toggle`).setAttribute('aria-expanded', String(open));
  if (open) {
    const other = which === 'platform' ? 'tasktype' : 'platform';
    $(`${other}-add`).hidden = true;
    $(`${other}-add-toggle`).setAttribute('aria-expanded', 'false');
    $(`${which}-name`).focus();
  }
}

function renderQuestions() {
  const restart = view?.restartAskedAt != null;
  $('restart-question').hidden = !restart;
  if (restart) {
    $('restart-detail').textContent = `It started at ${timeOfDay(view.session.startedAt)}; your last activity was at ${timeOfDay(view.lastActivity)}.`;
  }
  const idle = view?.pendingIdle;
  $('idle-question').hidden = !idle;
  if (idle) {
    const min = Math.round((idle.to - idle.from) / 60000);
    $('idle-title').textContent = min < 1 ? 'You were away for less than a minute.' : `You were away ${min} min.`;
    $('idle-detail').textContent = `From ${timeOfDay(idle.from)} to ${timeOfDay(idle.to)}. It counts as idle time unless you discard it.`;
  }
}

/** "10-minute" (or "45-second" for caps under a minute). */
const capLength = (ms) => (ms >= 60_000 ? `${Math.round(ms / 60_000)}-minute` : `${Math.round(ms / 1000)}-second`);

function renderReminder() {
  const el = $('session-reminder');
  const t = Date.now();
  const cap = view?.cap;
  let text = '';
  if (cap?.overAt != null && cap.overAt <= t) {
    text = `This task has passed the ${capLength(cap.capMs)} cap for ${cap.taskTypeName}.`;
  } else if (cap?.warnAt != null && cap.warnAt <= t) {
    text = `This task is near the ${capLength(cap.capMs)} cap for ${cap.taskTypeName}.`;
  } else if (view?.state.state === 'running' && view.focus && view.focus.dueAt <= t) {
    text = `You have worked ${Math.round(view.focus.activeInBlock / 60000)} minutes without a break. Time for a pause.`;
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
  $('session-pick-note').hidden = running || picks.platforms.length > 0;
  $('session-start').hidden = running;
  $('session-start').disabled = false;
  $('session-controls').hidden = !running;
  $('session-figures').hidden = !view?.totals;
  $('session-next').textContent = view?.taskCount ? 'Next task' : 'First task';
  $('session-pause').textContent = state === 'paused' ? 'Resume' : 'Pause';
  $('session-next').disabled = state === 'paused';
  $('fig-task-label').textContent = view?.openTask ? `Task ${view.taskCount}` : 'Tasks';
  if (!running) renderPickers(settings);
  renderQuestions();
  renderReminder();
  tick();
}

async function loadPicks() {
  // Pages may read storage snapshots; every change still goes through the background.
  const stored = await api.storage.local.get(['platforms', 'taskTypes']);
  const live = (m) => Object.values(m ?? {}).filter((r) => r && !r.deletedAt && typeof r.name === 'string');
  picks = {
    platforms: live(stored.platforms).sort((a, b) => a.name.localeCompare(b.name)),
    taskTypes: live(stored.taskTypes).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

let lastSettings = null;
export async function loadSession(settings) {
  lastSettings = settings ?? lastSettings;
  try {
    await loadPicks();
    view = await send(MSG.SESSION_GET);
    fetchedAt = Date.now();
  } catch (e) {
    onError(e);
  }
  render(lastSettings);
}

async function act(payloadOrAction, announce) {
  if (busy) return;
  busy = true;
  try {
    view = typeof payloadOrAction === 'function'
      ? await payloadOrAction()
      : await send(MSG.SESSION_COMMAND, { command: payloadOrAction });
    fetchedAt = Date.now();
    render(lastSettings);
    if (announce) live(announce);
  } catch (e) {
    onError(e);
  } finally {
    busy = false;
  }
}

export function wireSession({ error }) {
  onError = error;
  $('session-platform').addEventListener('change', () => renderPickers(lastSettings));
  $('session-start').addEventListener('click', () =>
    act({
      type: 'start',
      platformId: $('session-platform').value || null,
      taskTypeId: $('session-task-type').value || null,
    }, 'Session started.'));
  $('session-stop').addEventListener('click', () => act({ type: 'stop' }, 'Session stopped.'));
  $('session-next').addEventListener('click', () =>
    act({ type: 'nextTask' }, view?.taskCount ? 'Next task started.' : 'First task started; setup time ends here.'));
  $('session-pause').addEventListener('click', () =>
    act(view?.state.state === 'paused' ? { type: 'resume' } : { type: 'pause' },
      view?.state.state === 'paused' ? 'Resumed.' : 'On a break.'));
  $('idle-keep').addEventListener('click', () => act({ type: 'keepIdle' }, 'Idle time kept.'));
  $('idle-discard').addEventListener('click', () => act({ type: 'discardIdle' }, 'Idle time discarded.'));
  $('restart-keep').addEventListener('click', () =>
    act(() => send(MSG.SESSION_RESTART, { stop: false }), 'The session keeps running.'));
  $('restart-stop').addEventListener('click', () =>
    act(() => send(MSG.SESSION_RESTART, { stop: true }), 'Session stopped at your last activity.'));
  $('platform-add-toggle').addEventListener('click', () => showForm('platform', $('platform-add').hidden));
  $('tasktype-add-toggle').addEventListener('click', () => showForm('tasktype', $('tasktype-add').hidden));
  $('platform-add').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const platform = await send(MSG.PLATFORM_CREATE, { name: $('platform-name').value });
      $('platform-error').textContent = '';
      $('platform-name').removeAttribute('aria-invalid');
      $('platform-name').value = '';
      showForm('platform', false);
      await loadPicks();
      $('session-platform').value = '';
      renderPickers(lastSettings);
      $('session-platform').value = platform.id;
      renderPickers(lastSettings);
      $('session-platform').focus();
      live(`Platform ${platform.name} added and selected.`);
    } catch (err) {
      $('platform-error').textContent = err.message;
      $('platform-name').setAttribute('aria-invalid', 'true');
    }
  });
  $('tasktype-add').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('tasktype-name');
    const cap = $('tasktype-cap');
    const fail = (message, field) => {
      $('tasktype-error').textContent = message;
      for (const el of [name, cap]) {
        if (el === field) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    };
    const capText = cap.value.trim();
    if (capText !== '' && !/^\d+$/.test(capText)) {
      fail('A time cap is a whole number of minutes between 1 and 1440, or empty for none.', cap);
      return;
    }
    const taskType = { platformId: $('session-platform').value, name: name.value };
    if (capText !== '') taskType.timeCapMin = Number(capText);
    try {
      const created = await send(MSG.TASK_TYPE_CREATE, { taskType });
      fail('', null);
      name.value = '';
      cap.value = '';
      showForm('tasktype', false);
      await loadPicks();
      $('session-task-type').value = '';
      renderPickers(lastSettings);
      $('session-task-type').value = created.id;
      $('session-task-type').focus();
      const capNote = created.timeCapMs ? ` with a ${capLength(created.timeCapMs)} cap` : '';
      live(`Task type ${created.name}${capNote} added and selected.`);
    } catch (err) {
      fail(err.message, /cap/i.test(err.message) ? cap : name);
    }
  });
  setInterval(() => {
    tick();
    renderReminder();
  }, 1000);
}
