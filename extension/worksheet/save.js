// "Save with the task" (docs/checkers.md): the worksheet's scores, evidence notes, ranking and
// final draft kept on a task of the ledger (`task.update` with `worksheet`; the core checks the
// sheet and ranks it again, so the stored ranking is its own). The task to keep it with is picked
// from the latest tasks; the running session's open task is chosen first.
import { send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { h, replace } from '../shared/dom.js';
import { dateTime } from '../shared/format.js';

const $ = (id) => document.getElementById(id);

/** "Ranking · Nov 26, 2026, 2:05 PM (open)". */
function label(row, openId) {
  const t = row.task;
  const what = [row.platformName, row.taskTypeName].filter(Boolean).join(' · ') || 'Task';
  const state = t.id === openId ? ' (open now)' : t.worksheet ? ' (has a worksheet)' : '';
  return `${what}, started ${dateTime(t.startedAt)}${state}`;
}

/** Fills the task picker: the open task first, then the latest tasks. */
export async function loadTasks() {
  const pick = $('ws-task');
  let rows = [];
  let openId = null;
  try {
    const [recent, session] = await Promise.all([send(MSG.TASK_RECENT, { limit: 20 }), send(MSG.SESSION_GET)]);
    rows = recent;
    openId = session?.openTask?.id ?? null;
  } catch {
    rows = [];
  }
  const ordered = [...rows.filter((r) => r.task.id === openId), ...rows.filter((r) => r.task.id !== openId)];
  replace(pick, ordered.length
    ? ordered.map((r) => h('option', { value: r.task.id }, label(r, openId)))
    : h('option', { value: '' }, 'No task yet: start a session (Alt+Shift+S)'));
  pick.disabled = ordered.length === 0;
  $('ws-save').disabled = ordered.length === 0;
}

/**
 * Saves the worksheet with the picked task. `current()` gives `{rubric, sheet}`; `status(text,
 * kind)` reports the outcome.
 */
export async function saveWithTask(current, status) {
  const id = $('ws-task').value;
  if (!id) { status('There is no task to keep the worksheet with: start a session, or add a task in the ledger.', 'error'); return; }
  const { rubric, sheet } = current();
  const worksheet = { rubricName: rubric?.name ?? '', sheet, draft: $('ws-draft').value };
  if (rubric?.id) worksheet.rubricId = rubric.id;
  try {
    await send(MSG.TASK_UPDATE, { id, outcome: { worksheet } });
    const picked = $('ws-task').selectedOptions[0]?.textContent ?? 'the task';
    status(`Saved with ${picked.replace(/ \((open now|has a worksheet)\)$/, '')}. The ledger shows it in the task’s editor.`);
    await loadTasks();
    $('ws-task').value = id;
  } catch (e) {
    status(`Not saved: ${e.message}`, 'error');
  }
}
