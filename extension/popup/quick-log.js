// The popup's quick-log: a task's outcome in a few keystrokes, keyboard only, right after Next task
// or Stop (the task just closed) or for any earlier task ("Log a task's outcome"): status, pay,
// the rubric criteria the reviewer cited (the task type's rubric, from the core; free text too)
// and the reviewer's feedback. Enter saves (Ctrl+Enter in the feedback), Esc skips; the ledger
// edits the same record later. The list of tasks and their criteria is the core's answer
// (`task.recent`); a save is one `task.update`, whose reply may carry a repeated-rejection alert.
import { send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { $, h, replace } from '../shared/dom.js';
import { dateTime, decimalAmount, timeOfDay } from '../shared/format.js';
import { announce, currencyOf, digitsOf, rateOf } from './catalogue.js';

/** Tasks the last `task.recent` answered, by id. */
let recent = new Map();
let onDone = () => {};
let onAlerts = () => {};
let saving = false;

/** The status a letter picks while the status group has focus. */
const STATUS_KEYS = { s: 'submitted', a: 'approved', r: 'rejected', v: 'revision' };
const STATUS_TEXT = { submitted: 'submitted', approved: 'approved', rejected: 'rejected', revision: 'sent back for revision' };

/** "Rating · 2:05 PM · rejected" (today), "Rating · Dec 1, 2026, 2:05 PM · …": a task as the picker lists it. */
function taskLabel({ task, platformName, taskTypeName }) {
  const what = taskTypeName ?? platformName ?? 'Task without a platform';
  const status = task.status === 'inProgress' ? 'not logged' : task.status;
  const today = new Date(task.startedAt).toDateString() === new Date().toDateString();
  return `${what} · ${today ? timeOfDay(task.startedAt) : dateTime(task.startedAt)} · ${status}`;
}

/** A closed task (or one added by hand) can be logged; the lap that is still open cannot. */
const loggable = ({ task }) => task.submittedAt != null || task.status !== 'inProgress';

async function loadRecent() {
  const rows = (await send(MSG.TASK_RECENT, { limit: 30 })).filter(loggable);
  recent = new Map(rows.map((r) => [r.task.id, r]));
  replace($('quick-log-task'), rows.map((r) => h('option', { value: r.task.id }, taskLabel(r))));
  return rows;
}

/** Whether there is any task to log (the "Log a task's outcome" button shows then). */
export async function refreshQuickLogButton() {
  try {
    const rows = await loadRecent();
    $('quick-log-open').hidden = rows.length === 0;
  } catch {
    $('quick-log-open').hidden = true;
  }
}

const status = () => document.querySelector('input[name="quick-log-status"]:checked')?.value ?? 'submitted';

/** The pay field says which pay it records: confirmed once approved, expected before. */
function renderPayLabel() {
  $('quick-log-pay-label').textContent = status() === 'approved' ? 'Confirmed pay' : 'Expected pay';
}

/** `{minor, currency}` as the field's text, with the core's digits for the currency. */
function amountText(money) {
  if (!money) return '';
  const digits = digitsOf(money.currency);
  return digits == null ? '' : decimalAmount(money.minor, digits);
}

/** Fills the form with one task's outcome so far. */
function fill(id) {
  const row = recent.get(id);
  if (!row) return;
  const { task } = row;
  $('quick-log-task').value = id;
  const current = ['submitted', 'approved', 'rejected', 'revision'].includes(task.status) ? task.status : 'submitted';
  for (const r of document.querySelectorAll('input[name="quick-log-status"]')) r.checked = r.value === current;
  renderPayLabel();
  // The pay recorded so far; else, for a per-task rate, the rate in force.
  const recorded = current === 'approved' ? task.payConfirmed ?? task.payExpected : task.payExpected;
  const rate = rateOf(task.taskTypeId);
  const pay = $('quick-log-pay');
  pay.value = recorded ? amountText(recorded)
    : rate?.kind === 'perTask' ? decimalAmount(rate.amount.minor, rate.amount.digits) : '';
  pay.removeAttribute('aria-invalid');
  $('quick-log-currency').textContent = recorded?.currency ?? rate?.amount.currency ?? currencyOf(task.platformId) ?? '';
  const cited = new Set(task.criteriaCited ?? []);
  const keys = new Set(row.criteria.map((c) => c.key));
  replace($('quick-log-checks'), row.criteria.map((c) =>
    h('label', {}, h('input', { type: 'checkbox', value: c.key, checked: cited.has(c.key) }), ` ${c.name}`)));
  $('quick-log-other').value = [...cited].filter((c) => !keys.has(c)).join(', ');
  $('quick-log-feedback').value = task.feedback ?? '';
  $('quick-log-error').textContent = '';
}

/**
 * Opens the quick-log. `taskId`: the task to log (the one just closed), else the newest; `focus`:
 * 'status' (right after Next task or Stop) or 'task' (to pick an earlier one).
 */
export async function openQuickLog({ taskId = null, focus = 'status' } = {}) {
  let rows;
  try {
    rows = await loadRecent();
  } catch (e) {
    announce(`Tasks could not be listed: ${e.message}`);
    return;
  }
  $('quick-log-open').hidden = rows.length === 0;
  const id = taskId && recent.has(taskId) ? taskId : rows[0]?.task.id;
  if (!id) return;
  fill(id);
  $('quick-log').hidden = false;
  $('quick-log-open').setAttribute('aria-expanded', 'true');
  const target = focus === 'task' ? $('quick-log-task') : document.querySelector('input[name="quick-log-status"]:checked');
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
}

function close(said) {
  $('quick-log').hidden = true;
  $('quick-log-open').setAttribute('aria-expanded', 'false');
  if (said) announce(said);
  onDone();
}

/** The payload's outcome from the form; throws a message a person can act on. */
function outcome(row) {
  const s = status();
  const out = { status: s };
  const text = $('quick-log-pay').value.trim();
  const field = s === 'approved' ? 'payConfirmed' : 'payExpected';
  if (text !== '') {
    if (!/^\d+([.,]\d+)?$/.test(text)) throw new Error('Pay is an amount like 12.50, or empty.');
    out[field] = { amount: text.replace(',', '.') };
  } else if (row.task[field]) {
    out[field] = null; // emptied: the recorded pay goes
  }
  const checked = [...$('quick-log-checks').querySelectorAll('input:checked')].map((c) => c.value);
  const other = $('quick-log-other').value.split(',').map((x) => x.trim()).filter(Boolean);
  out.criteriaCited = [...new Set([...checked, ...other])];
  const feedback = $('quick-log-feedback').value.trim();
  out.feedback = feedback === '' ? null : feedback;
  return out;
}

async function save() {
  if (saving) return;
  const row = recent.get($('quick-log-task').value);
  if (!row) return;
  let payload;
  try {
    payload = outcome(row);
  } catch (e) {
    $('quick-log-error').textContent = e.message;
    $('quick-log-pay').setAttribute('aria-invalid', 'true');
    $('quick-log-pay').focus();
    return;
  }
  saving = true;
  try {
    const reply = await send(MSG.TASK_UPDATE, { id: row.task.id, outcome: payload });
    const name = row.taskTypeName ?? 'The task';
    close(`${name} logged as ${STATUS_TEXT[payload.status]}. You can change it later in the ledger.`);
    if (reply?.alerts?.length) onAlerts();
    void refreshQuickLogButton();
  } catch (e) {
    $('quick-log-error').textContent = e.message;
  } finally {
    saving = false;
  }
}

export function wireQuickLog({ done, alerts }) {
  onDone = done;
  onAlerts = alerts;
  const form = $('quick-log-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save();
  });
  form.addEventListener('change', (e) => {
    if (e.target.name === 'quick-log-status') renderPayLabel();
  });
  $('quick-log-task').addEventListener('change', () => fill($('quick-log-task').value));
  $('quick-log').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close('Skipped. Log it later here or in the ledger.');
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    } else if (e.target.name === 'quick-log-status' && !e.ctrlKey && !e.metaKey && !e.altKey && STATUS_KEYS[e.key.toLowerCase()]) {
      // In the status group, its first letter picks a status: S, A, R, V.
      e.preventDefault();
      const radio = document.querySelector(`input[name="quick-log-status"][value="${STATUS_KEYS[e.key.toLowerCase()]}"]`);
      radio.checked = true;
      radio.focus();
      renderPayLabel();
    } else if (e.key === 'Enter' && e.target.matches?.('input[type="radio"], input[type="checkbox"]')) {
      // Enter on a status or a criterion saves too (browsers differ on implicit submission there).
      e.preventDefault();
      void save();
    }
  });
  $('quick-log-skip').addEventListener('click', () => close('Skipped. Log it later here or in the ledger.'));
  $('quick-log-open').addEventListener('click', () => {
    if ($('quick-log').hidden) void openQuickLog({ focus: 'task' });
    else close('');
  });
}
