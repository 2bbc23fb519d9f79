// Sessions: recent work sessions with their totals (wall, active, idle, setup, breaks) and each
// task's time, corrections (move start/end of a session or a task, delete with undo) with the
// background's refusals (overlaps, times in the future) shown next to the form; and the platforms
// with their task types (name, time cap, rate, rubric) edited in place.
import { send, api } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, replace, plural } from '../../shared/dom.js';
import { sectionHead } from './coming.js';

const DAY = 86_400_000;
const RANGE_DAYS = 60;

/** `h:mm` of a duration in ms (whole minutes, rounded down). */
export function hm(ms) {
  const m = Math.floor(Math.max(0, ms) / 60_000);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

const dateTime = (ms) => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
const time = (ms) => new Date(ms).toLocaleTimeString([], { timeStyle: 'short' });

/** `datetime-local` value (local time, seconds) for UTC ms, and back. */
function toLocalInput(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
const fromLocalInput = (value) => (value ? new Date(value).getTime() : null);

let status = null;
let list = null;
let summary = null;
const REPORT_DAYS = 14;

function say(text, kind = 'ok', undo = null) {
  const children = [text];
  if (undo) {
    children.push(' ', h('button', { type: 'button', class: 'btn btn-ghost', on: { click: undo } }, 'Undo'));
  }
  status.className = `small ${kind === 'error' ? 'status-error' : 'status-ok'}`;
  replace(status, ...children);
}

/** An inline start/end editor; `save({start, end})` rejects with the background's message. */
function editor({ label, start, end, running, save, close }) {
  const id = `edit-${Math.random().toString(36).slice(2)}`;
  const startIn = h('input', { class: 'input', type: 'datetime-local', step: '1', id: `${id}-start`, value: toLocalInput(start) });
  const endIn = h('input', { class: 'input', type: 'datetime-local', step: '1', id: `${id}-end`, value: end ? toLocalInput(end) : '', disabled: running });
  const error = h('p', { class: 'small status-error', role: 'alert', id: `${id}-error` });
  const form = h('form', { class: 'session-edit stack', 'aria-label': label },
    h('div', { class: 'row wrap' },
      h('label', { class: 'stack', for: `${id}-start` }, h('span', { class: 'field-label' }, 'Start'), startIn),
      h('label', { class: 'stack', for: `${id}-end` }, h('span', { class: 'field-label' }, running ? 'End (stop it first)' : 'End'), endIn)),
    error,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save'),
      h('button', { type: 'button', class: 'btn', on: { click: close } }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const s = fromLocalInput(startIn.value);
    const en = running ? null : fromLocalInput(endIn.value);
    try {
      await save({ start: s !== start ? s : null, end: en !== end ? en : null });
      close();
    } catch (err) {
      error.textContent = err.message;
      startIn.setAttribute('aria-invalid', 'true');
      startIn.setAttribute('aria-describedby', error.id);
    }
  });
  queueMicrotask(() => startIn.focus());
  return form;
}

async function edit(payload) {
  return send(MSG.SESSION_EDIT, { edit: payload });
}

function taskRows(row) {
  if (row.tasks.length === 0) return h('p', { class: 'small muted' }, 'No tasks: the whole session counts as setup.');
  const byId = new Map(row.totals.tasks.map((t) => [t.taskId, t]));
  const table = h('table', { class: 'table small' },
    h('thead', {}, h('tr', {}, ['Task', 'From', 'To', 'Wall', 'Active', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, row.tasks.map((t, i) => {
      const tt = byId.get(t.id) ?? { wall: 0, active: 0 };
      const actions = h('td', {});
      const tr = h('tr', {},
        h('th', { scope: 'row' }, `Task ${i + 1}`),
        h('td', {}, time(t.startedAt)),
        h('td', {}, t.submittedAt ? time(t.submittedAt) : 'open'),
        h('td', { class: 'mono' }, hm(tt.wall)),
        h('td', { class: 'mono' }, hm(tt.active)),
        actions);
      const editBtn = h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': `Edit task ${i + 1}` }, 'Edit');
      const delBtn = h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': `Delete task ${i + 1}` }, 'Delete');
      editBtn.addEventListener('click', () => {
        const cell = h('td', { colspan: '6' });
        const formRow = h('tr', {}, cell);
        cell.append(editor({
          label: `Edit task ${i + 1}`, start: t.startedAt, end: t.submittedAt ?? null, running: false,
          save: (times) => edit({ op: 'editTask', id: t.id, ...times }),
          close: () => formRow.remove(),
        }));
        tr.after(formRow);
      });
      delBtn.addEventListener('click', async () => {
        try {
          await edit({ op: 'deleteTask', id: t.id });
          say(`Task ${i + 1} deleted.`, 'ok', async () => {
            try {
              await edit({ op: 'restoreTask', id: t.id });
              say('Task restored.');
            } catch (e) {
              say(e.message, 'error');
            }
          });
        } catch (e) {
          say(e.message, 'error');
        }
      });
      actions.append(editBtn, delBtn);
      return tr;
    })));
  return table;
}

function sessionCard(row) {
  const s = row.session;
  const t = row.totals;
  const running = t.running;
  const title = `${dateTime(s.startedAt)} – ${running ? 'running' : time(s.endedAt)}`;
  const headId = `ses-${s.id}`;
  const editSlot = h('div', {});
  const editBtn = h('button', { type: 'button', class: 'btn', 'aria-label': `Edit session ${title}` }, 'Edit times');
  const delBtn = h('button', { type: 'button', class: 'btn', disabled: running, 'aria-label': `Delete session ${title}` }, 'Delete');
  editBtn.addEventListener('click', () => {
    replace(editSlot, editor({
      label: `Edit session ${title}`, start: s.startedAt, end: s.endedAt ?? null, running,
      save: (times) => edit({ op: 'editSession', id: s.id, ...times }),
      close: () => replace(editSlot),
    }));
  });
  delBtn.addEventListener('click', async () => {
    try {
      await edit({ op: 'deleteSession', id: s.id });
      say(`Session of ${dateTime(s.startedAt)} deleted with its tasks.`, 'ok', async () => {
        try {
          await edit({ op: 'restoreSession', id: s.id });
          say('Session restored.');
        } catch (e) {
          say(e.message, 'error');
        }
      });
    } catch (e) {
      say(e.message, 'error');
    }
  });
  const figures = [
    ['Wall', t.wall], ['Active', t.active], ['Idle', t.idle], ['Discarded', t.idleDiscarded],
    ['Setup', t.setup], ['Breaks', t.paused],
  ];
  return h('section', { class: 'card stack session-item', 'aria-labelledby': headId, dataset: { sessionId: s.id } },
    h('div', { class: 'row-between wrap' },
      h('h2', { class: 'card-title', id: headId }, title),
      h('div', { class: 'row' },
        running ? h('span', { class: 'badge badge-on' }, h('span', { class: 'dot' }), 'Running') : null,
        editBtn, delBtn)),
    h('dl', { class: 'stat-grid session-totals' }, figures.map(([label, ms]) =>
      h('div', { class: 'stat' }, h('dt', { class: 'stat-label' }, label), h('dd', { class: 'stat-value mono' }, hm(ms))))),
    editSlot,
    h('details', {}, h('summary', {}, plural(row.tasks.length, 'task')), taskRows(row)));
}

/** Local midnight `days` days before today (the browser's zone), as UTC ms. */
function localDaysAgo(days) {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - days);
  return d.getTime();
}

/** Day and week totals, split at local midnight by the core (DST-safe). */
async function refreshSummary() {
  const from = localDaysAgo(REPORT_DAYS - 1);
  const report = await send(MSG.SESSION_REPORT, { from, to: Date.now() + 1000 });
  const head = ['', 'Wall', 'Active', 'Idle', 'Breaks'];
  const table = (caption, rows) => h('table', { class: 'table small' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(([label, b]) => h('tr', {},
      h('th', { scope: 'row' }, label),
      [b.wall, b.active, b.idle + b.idleDiscarded, b.paused].map((ms) => h('td', { class: 'mono' }, hm(ms)))))));
  const dayLabel = (b) => new Date(`${b.date}T12:00:00`).toLocaleDateString([], { weekday: 'short', month: 'short', day: 'numeric' });
  replace(summary,
    h('h2', { class: 'card-title', id: 'sessions-summary-title' }, `Last ${REPORT_DAYS} days`),
    report.days.length === 0
      ? h('p', { class: 'muted small' }, 'No session time in this period.')
      : h('div', { class: 'two-col' },
        table('Per day', [...report.days].reverse().map((b) => [dayLabel(b), b])),
        table('Per week', [...report.weeks].reverse().map((b) => [b.isoWeek ?? `Week of ${b.weekStart}`, b]))));
}

// ---- Platforms and task types ------------------------------------------------------------------

let catalog = null;

/** Digits after the decimal point of a currency (ISO 4217 via Intl; 2 when unknown). */
function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** "$25.00 per hour" / "€3.50 per task". */
function rateText(rate) {
  const { minor, currency } = rate.amount;
  const value = minor / 10 ** minorDigits(currency);
  let money;
  try {
    money = new Intl.NumberFormat([], { style: 'currency', currency }).format(value);
  } catch {
    money = `${value} ${currency}`;
  }
  return `${money} ${rate.kind === 'hourly' ? 'per hour' : 'per task'}`;
}

/** The rate in force now: the latest one that has started. */
function rateNow(taskType) {
  const t = Date.now();
  return (taskType.rates ?? []).filter((r) => r.effectiveFrom <= t)
    .reduce((a, r) => (a && a.effectiveFrom >= r.effectiveFrom ? a : r), null);
}

/** The editor for one task type's name, cap, rate and rubric; `done()` after a save or cancel. */
function taskTypeEditor(tt, platform, rubrics, done) {
  const id = `tte-${tt.id}`;
  const rate = rateNow(tt);
  const currency = rate?.amount.currency ?? platform?.currency ?? 'USD';
  const error = h('p', { class: 'small status-error', role: 'alert', id: `${id}-error` });
  const name = h('input', { class: 'input', id: `${id}-name`, maxlength: '80', autocomplete: 'off', value: tt.name, 'aria-describedby': error.id });
  const cap = h('input', {
    class: 'input', id: `${id}-cap`, type: 'number', min: '1', max: '1440', step: '1', inputmode: 'numeric',
    placeholder: 'none', value: tt.timeCapMs ? String(Math.round(tt.timeCapMs / 60_000)) : '', 'aria-describedby': error.id,
  });
  const kind = h('select', { class: 'select', id: `${id}-kind` },
    rate ? null : h('option', { value: '' }, 'No rate'),
    h('option', { value: 'hourly', selected: rate?.kind === 'hourly' }, 'Hourly'),
    h('option', { value: 'perTask', selected: rate?.kind === 'perTask' }, 'Per task'));
  const amount = h('input', {
    class: 'input input-amount', id: `${id}-amount`, inputmode: 'decimal', autocomplete: 'off', placeholder: '25.00',
    value: rate ? (rate.amount.minor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency)) : '',
    'aria-describedby': `${id}-rate-hint ${error.id}`,
  });
  const cur = h('input', { class: 'input input-code', id: `${id}-currency`, maxlength: '3', autocomplete: 'off', value: currency, 'aria-describedby': error.id });
  const rubric = h('select', { class: 'select', id: `${id}-rubric` },
    h('option', { value: '' }, 'No rubric'),
    rubrics.map((r) => h('option', { value: r.id, selected: r.id === tt.rubricId }, r.name)),
    tt.rubricId && !rubrics.some((r) => r.id === tt.rubricId)
      ? h('option', { value: tt.rubricId, selected: true }, 'A deleted rubric') : null);
  const sync = () => {
    const none = kind.value === '';
    amount.disabled = none;
    cur.disabled = none;
  };
  kind.addEventListener('change', sync);
  sync();
  const field = (input, label) => h('label', { class: 'field', for: input.id }, h('span', { class: 'field-label' }, label), input);
  const form = h('form', { class: 'tasktype-edit stack', novalidate: true, 'aria-label': `Edit task type ${tt.name}` },
    h('div', { class: 'tasktype-edit-grid' },
      field(name, 'Name'), field(cap, 'Time cap (minutes)'), field(rubric, 'Rubric'),
      field(kind, 'Pay'), field(amount, 'Amount'), field(cur, 'Currency')),
    h('p', { class: 'small muted', id: `${id}-rate-hint` },
      'A new rate applies from now on; earlier tasks keep the rate they started at. Leave the cap empty for none.'),
    error,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, 'Save'),
      h('button', { type: 'button', class: 'btn', on: { click: () => done(null) } }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const fail = (message, input) => {
      error.textContent = message;
      for (const el of [name, cap, amount, cur]) {
        if (el === input) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
      input?.focus();
    };
    const capText = cap.value.trim();
    if (capText !== '' && !/^\d+$/.test(capText)) {
      fail('A time cap is a whole number of minutes between 1 and 1440, or empty for none.', cap);
      return;
    }
    const taskType = { id: tt.id, name: name.value };
    if (capText !== '') taskType.timeCapMin = Number(capText);
    if (rubric.value) taskType.rubricId = rubric.value;
    if (kind.value) taskType.rate = { kind: kind.value, amount: amount.value, currency: cur.value };
    try {
      done(await send(MSG.TASK_TYPE_UPDATE, { taskType }));
    } catch (err) {
      const m = err.message;
      fail(m, /name/i.test(m) ? name : /cap/i.test(m) ? cap : /currency/i.test(m) ? cur : /amount|rate|decimal|number/i.test(m) ? amount : null);
    }
  });
  queueMicrotask(() => name.focus());
  return form;
}

function taskTypeRow(tt, platform, rubrics) {
  const rate = rateNow(tt);
  const earlier = (tt.rates ?? []).length - (rate ? 1 : 0);
  const rubricName = rubrics.find((r) => r.id === tt.rubricId)?.name;
  const slot = h('div', {});
  const editBtn = h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': `Edit task type ${tt.name}`, 'aria-expanded': 'false' }, 'Edit');
  const details = [
    tt.timeCapMs ? `${Math.round(tt.timeCapMs / 60_000)} min cap` : 'No cap',
    rate ? rateText(rate) : 'No rate',
    earlier > 0 ? `${plural(earlier, 'earlier rate')} kept` : null,
    rubricName ? `Rubric: ${rubricName}` : tt.rubricId ? 'Rubric deleted' : null,
  ].filter(Boolean).join(' · ');
  editBtn.addEventListener('click', () => {
    if (slot.firstChild) {
      replace(slot);
      editBtn.setAttribute('aria-expanded', 'false');
      return;
    }
    editBtn.setAttribute('aria-expanded', 'true');
    slot.append(taskTypeEditor(tt, platform, rubrics, (saved) => {
      replace(slot);
      editBtn.setAttribute('aria-expanded', 'false');
      if (saved) {
        say(`Task type ${saved.name} saved.`);
        refreshCatalog();
      } else {
        editBtn.focus();
      }
    }));
  });
  return h('li', { class: 'tasktype-item', dataset: { taskTypeId: tt.id } },
    h('div', { class: 'row-between' },
      h('div', { class: 'stack-tight' }, h('strong', {}, tt.name), h('span', { class: 'small muted' }, details)),
      editBtn),
    slot);
}

/** Platforms with their task types, from a read snapshot of storage (writes go through the background). */
async function refreshCatalog() {
  if (!catalog) return;
  try {
    const [stored, lib] = await Promise.all([
      api.storage.local.get(['platforms', 'taskTypes']),
      send(MSG.LIBRARY_GET).catch(() => ({ rubrics: [] })),
    ]);
    const live = (m) => Object.values(m ?? {}).filter((r) => r && !r.deletedAt && typeof r.name === 'string')
      .sort((a, b) => a.name.localeCompare(b.name));
    const platforms = live(stored.platforms);
    const types = live(stored.taskTypes);
    const rubrics = lib.rubrics ?? [];
    const head = h('h2', { class: 'card-title', id: 'sessions-catalog-title' }, 'Platforms and task types');
    if (platforms.length === 0) {
      replace(catalog, head, h('p', { class: 'muted small' }, 'No platforms yet. Add one, and its task types, from the toolbar popup when you start a session.'));
      return;
    }
    replace(catalog, head, platforms.map((p) => {
      const mine = types.filter((t) => t.platformId === p.id);
      const headId = `plt-${p.id}`;
      return h('section', { class: 'stack-tight catalog-platform', 'aria-labelledby': headId },
        h('h3', { class: 'catalog-platform-name', id: headId }, p.name, ' ', h('span', { class: 'small muted' }, p.currency ?? '')),
        mine.length === 0
          ? h('p', { class: 'small muted' }, 'No task types yet: add one from the popup with this platform selected.')
          : h('ul', { class: 'tasktype-list', 'aria-labelledby': headId }, mine.map((t) => taskTypeRow(t, p, rubrics))));
    }));
  } catch (e) {
    say(`Platforms could not be loaded: ${e.message}`, 'error');
  }
}

async function refresh() {
  if (!list) return;
  refreshCatalog();
  refreshSummary().catch((e) => say(`The day and week totals could not be loaded: ${e.message}`, 'error'));
  try {
    const now = Date.now();
    const rows = await send(MSG.SESSION_LIST, { from: now - RANGE_DAYS * DAY, to: now + DAY, limit: 100 });
    replace(list, rows.length === 0
      ? h('div', { class: 'card empty' }, h('h2', {}, 'No sessions yet'),
        h('p', { class: 'muted' }, 'Start one from the toolbar popup or with Alt+Shift+S. Sessions of the last 60 days appear here.'))
      : rows.map(sessionCard));
  } catch (e) {
    say(`Sessions could not be loaded: ${e.message}`, 'error');
  }
}

export default {
  id: 'sessions',
  title: 'Sessions',
  icon: 'sessions',
  countKey: 'sessions',
  render() {
    status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite', id: 'sessions-status' });
    list = h('div', { class: 'stack', id: 'sessions-list' }, h('p', { class: 'muted' }, 'Loading…'));
    summary = h('section', { class: 'card stack', id: 'sessions-summary', 'aria-labelledby': 'sessions-summary-title' });
    catalog = h('section', { class: 'card stack', id: 'sessions-catalog', 'aria-labelledby': 'sessions-catalog-title' });
    refresh();
    this.update = () => refresh();
    return h('div', { class: 'stack-lg', id: 'section-sessions' },
      sectionHead('Work', 'Sessions', 'Every figure is derived from stored start, stop, idle and break events. Correct a time or delete a session; overlapping sessions are refused.'),
      summary, catalog, status, list);
  },
};
