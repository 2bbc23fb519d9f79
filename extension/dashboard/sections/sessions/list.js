// The list of recent sessions: one card per session (when, which platform and task type, its
// totals) with its tasks in a table, and the buttons that open the corrections of edit-times.js.
import { send } from '../../../shared/runtime.js';
import { MSG } from '../../../shared/contract.js';
import { h, replace, plural } from '../../../shared/dom.js';
import { dateTime, duration, sessionSubject, timeOfDay, timeSpan } from '../../../shared/format.js';
import { correct, deleteWithUndo, timesEditor } from './edit-times.js';
import { say } from './status.js';

const DAY = 86_400_000;
/** How far back the list goes. */
export const RANGE_DAYS = 60;

function taskRows(row, names) {
  if (row.tasks.length === 0) return h('p', { class: 'small muted' }, 'No tasks: the whole session counts as setup.');
  const byId = new Map(row.totals.tasks.map((t) => [t.taskId, t]));
  const typeOf = (t) => (t.taskTypeId ? nameOf(names.taskTypes, t.taskTypeId) ?? 'Unknown task type' : 'Any task type');
  return h('table', { class: 'table small' },
    h('thead', {}, h('tr', {}, ['Task', 'Task type', 'From', 'To', 'Wall', 'Active', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, row.tasks.map((t, i) => {
      const tt = byId.get(t.id) ?? { wall: 0, active: 0 };
      const actions = h('td', {});
      const tr = h('tr', {},
        h('th', { scope: 'row' }, `Task ${i + 1}`),
        h('td', {}, typeOf(t)),
        h('td', {}, timeOfDay(t.startedAt)),
        h('td', {}, t.submittedAt ? timeOfDay(t.submittedAt) : 'open'),
        h('td', { class: 'duration' }, duration(tt.wall)),
        h('td', { class: 'duration' }, duration(tt.active)),
        actions);
      const editBtn = h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': `Edit task ${i + 1}` }, 'Edit');
      const delBtn = h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': `Delete task ${i + 1}` }, 'Delete');
      editBtn.addEventListener('click', () => {
        const cell = h('td', { colspan: '7' });
        const formRow = h('tr', {}, cell);
        cell.append(timesEditor({
          label: `Edit task ${i + 1}`, start: t.startedAt, end: t.submittedAt ?? null, running: false,
          save: (times) => correct({ op: 'editTask', id: t.id, ...times }),
          close: () => formRow.remove(),
        }));
        tr.after(formRow);
      });
      delBtn.addEventListener('click', () => deleteWithUndo({
        op: 'deleteTask', restoreOp: 'restoreTask', id: t.id, deleted: `Task ${i + 1} deleted.`, restored: 'Task restored.',
      }));
      actions.append(editBtn, delBtn);
      return tr;
    })));
}

const nameOf = (map, id) => (Object.hasOwn(map, id) ? map[id] : null);

/** "Outlier · Rating" for a session, from the names of every platform and task type (deleted ones too). */
function subject(session, names) {
  const platform = session.platformId ? nameOf(names.platforms, session.platformId) ?? 'Unknown platform' : null;
  const taskType = session.taskTypeId ? nameOf(names.taskTypes, session.taskTypeId) ?? 'unknown task type' : null;
  return sessionSubject(platform, taskType);
}

function sessionCard(row, names) {
  const s = row.session;
  const t = row.totals;
  const running = t.running;
  const title = timeSpan(s.startedAt, running ? null : s.endedAt);
  const headId = `ses-${s.id}`;
  const editSlot = h('div', {});
  const editBtn = h('button', { type: 'button', class: 'btn', 'aria-label': `Edit session ${title}` }, 'Edit times');
  const delBtn = h('button', { type: 'button', class: 'btn', disabled: running, 'aria-label': `Delete session ${title}` }, 'Delete');
  editBtn.addEventListener('click', () => {
    replace(editSlot, timesEditor({
      label: `Edit session ${title}`, start: s.startedAt, end: s.endedAt ?? null, running,
      save: (times) => correct({ op: 'editSession', id: s.id, ...times }),
      close: () => replace(editSlot),
    }));
  });
  delBtn.addEventListener('click', () => deleteWithUndo({
    op: 'deleteSession', restoreOp: 'restoreSession', id: s.id,
    deleted: `Session of ${dateTime(s.startedAt)} deleted with its tasks.`, restored: 'Session restored.',
  }));
  const figures = [
    ['Wall', t.wall], ['Active', t.active], ['Idle', t.idle], ['Discarded', t.idleDiscarded],
    ['Setup', t.setup], ['Breaks', t.paused],
  ];
  return h('section', { class: 'card stack session-item', 'aria-labelledby': headId, dataset: { sessionId: s.id } },
    h('div', { class: 'row-between wrap' },
      h('div', { class: 'stack-tight' },
        h('h2', { class: 'card-title', id: headId }, title),
        h('p', { class: 'session-subject' }, subject(s, names))),
      h('div', { class: 'row' },
        running ? h('span', { class: 'badge badge-on' }, h('span', { class: 'dot' }), 'Running') : null,
        editBtn, delBtn)),
    h('dl', { class: 'stat-grid session-totals' }, figures.map(([label, ms]) =>
      h('div', { class: 'stat' }, h('dt', { class: 'stat-label' }, label), h('dd', { class: 'stat-value duration' }, duration(ms))))),
    editSlot,
    h('details', {}, h('summary', {}, plural(row.tasks.length, 'task')), taskRows(row, names)));
}

/**
 * Fills `list` with the sessions of the last RANGE_DAYS days; `names` (a promise of the
 * catalogue's `{platforms: {id: name}, taskTypes: {id: name}}`) names their platforms.
 */
export async function refreshList(list, names) {
  try {
    const now = Date.now();
    const [rows, known] = await Promise.all([
      send(MSG.SESSION_LIST, { from: now - RANGE_DAYS * DAY, to: now + DAY, limit: 100 }),
      names.catch(() => ({ platforms: {}, taskTypes: {} })),
    ]);
    replace(list, rows.length === 0
      ? h('div', { class: 'card empty' }, h('h2', {}, 'No sessions yet'),
        h('p', { class: 'muted' }, `Start one from the toolbar popup or with Alt+Shift+S. Sessions of the last ${RANGE_DAYS} days appear here.`))
      : rows.map((row) => sessionCard(row, known)));
  } catch (e) {
    say(`Sessions could not be loaded: ${e.message}`, 'error');
  }
}
