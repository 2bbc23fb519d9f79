// Add a task by hand, or edit any task's outcome and pay: a form card above the table. It sends
// the editor's whole state (`task.add` / `task.update`); the core checks every field (amounts
// with more decimals than the currency has, over-long text) and the error is shown beside the
// form, nothing saved.
import { send } from '../../../shared/runtime.js';
import { MSG } from '../../../shared/contract.js';
import { h, replace } from '../../../shared/dom.js';
import { decimalAmount } from '../../../shared/format.js';
import { statusName } from './table.js';
import { worksheetView } from './worksheet-view.js';

const STATUSES = ['submitted', 'approved', 'rejected', 'revision'];
const PAY_STATUSES = [['pending', 'Pending'], ['approved', 'Approved'], ['paid', 'Paid']];

/** `YYYY-MM-DDTHH:MM` of a local time, for datetime-local inputs. */
function localInput(ms) {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

const field = (id, label, control, hint) => h('div', { class: 'field' },
  h('label', { class: 'field-label small', for: id }, label), control, hint ? h('p', { class: 'field-hint small' }, hint) : null);

/**
 * The editor. `catalogue` is catalogue.get's answer; `rubrics` the library's; `currency` the
 * settings'. `onSaved(result)` runs after a save. Returns `{el, open(row?)}` (no row: add).
 */
export function taskEditor({ catalogue, rubrics, currency, onSaved }) {
  const el = h('section', { class: 'card stack', id: 'ledger-editor', 'aria-labelledby': 'ledger-editor-title', hidden: true });
  const types = catalogue.platforms.flatMap((p) => p.taskTypes.map((t) => ({ ...t, platformName: p.name })));

  function criteriaOf(taskTypeId) {
    const tt = types.find((t) => t.id === taskTypeId);
    const rubric = rubrics.find((r) => r.id === tt?.rubricId) ?? rubrics[0];
    return [...(rubric?.criteria ?? [])].sort((a, b) => a.priority - b.priority);
  }

  function open(row) {
    const t = row?.task ?? { status: 'submitted', payStatus: 'pending', startedAt: Date.now(), criteriaCited: [] };
    const digits = row?.digits ?? 2;
    const ids = { platform: 'led-platform', type: 'led-type', started: 'led-started', status: 'led-status' };
    const platform = h('select', { class: 'select', id: ids.platform, disabled: Boolean(row) },
      h('option', { value: '' }, 'No platform'), catalogue.platforms.map((p) => h('option', { value: p.id }, p.name)));
    platform.value = t.platformId ?? '';
    const taskType = h('select', { class: 'select', id: ids.type, disabled: Boolean(row) },
      h('option', { value: '' }, 'No task type'), types.map((tt) => h('option', { value: tt.id }, `${tt.platformName} · ${tt.name}`)));
    taskType.value = t.taskTypeId ?? '';
    const started = h('input', { class: 'input', type: 'datetime-local', id: ids.started, value: localInput(t.startedAt), disabled: Boolean(row) });
    // A lap still running is "In progress" until Next task or Stop ends it: offered (and kept)
    // for such a task only, so saving a note does not submit it and cut its lap short.
    const choices = t.status === 'inProgress' ? ['inProgress', ...STATUSES] : STATUSES;
    const status = h('select', { class: 'select', id: ids.status }, choices.map((s) => h('option', { value: s }, statusName(s))));
    status.value = choices.includes(t.status) ? t.status : 'submitted';
    const money = (m) => (m ? decimalAmount(m.minor, digits) : '');
    const expected = h('input', { class: 'input', id: 'led-expected', inputmode: 'decimal', value: money(t.payExpected), placeholder: '0.00' });
    const confirmed = h('input', { class: 'input', id: 'led-confirmed', inputmode: 'decimal', value: money(t.payConfirmed), placeholder: '0.00' });
    const cur = h('input', { class: 'input input-code', id: 'led-currency', maxlength: '3', value: (t.payConfirmed ?? t.payExpected)?.currency ?? currency });
    const bonus = h('input', { type: 'checkbox', id: 'led-bonus', checked: Boolean(t.isBonus) });
    const payStatus = h('select', { class: 'select', id: 'led-pay-status' }, PAY_STATUSES.map(([v, l]) => h('option', { value: v }, l)));
    payStatus.value = t.payStatus ?? 'pending';
    const payDate = h('input', { class: 'input', type: 'date', id: 'led-pay-date', value: t.payExpectedAt ? localInput(t.payExpectedAt).slice(0, 10) : '' });
    const minutes = h('input', { class: 'input', type: 'number', id: 'led-minutes', min: '0', step: 'any', value: t.durationMs ? String(t.durationMs / 60_000) : '' });
    const externalId = h('input', { class: 'input', id: 'led-external', value: t.externalId ?? '' });
    const feedback = h('textarea', { class: 'input', id: 'led-feedback', rows: '3' });
    feedback.value = t.feedback ?? '';
    const notes = h('textarea', { class: 'input', id: 'led-notes', rows: '2' });
    notes.value = t.notes ?? '';
    const criteriaBox = h('fieldset', { class: 'ledger-criteria' });
    const other = h('input', { class: 'input', id: 'led-other-criteria' });
    const renderCriteria = () => {
      const list = criteriaOf(taskType.value);
      const keys = new Set(list.map((c) => c.key));
      other.value = (t.criteriaCited ?? []).filter((c) => !keys.has(c)).join(', ');
      replace(criteriaBox, h('legend', { class: 'field-label small' }, 'Criteria the reviewer cited'),
        list.length === 0 ? h('p', { class: 'small muted' }, 'This task type has no rubric; type criteria below.') : null,
        list.map((c) => h('label', { class: 'ledger-check' },
          h('input', { type: 'checkbox', value: c.key, checked: (t.criteriaCited ?? []).includes(c.key) }), ` ${c.name}`)));
    };
    taskType.addEventListener('change', renderCriteria);
    renderCriteria();
    const status2 = h('p', { class: 'field-status', role: 'status', id: 'ledger-editor-status' });
    const amountOf = (input) => (input.value.trim() ? { amount: input.value.trim(), currency: cur.value.trim() || undefined } : null);

    async function save(e) {
      e.preventDefault();
      const cited = [...criteriaBox.querySelectorAll('input:checked')].map((i) => i.value)
        .concat(other.value.split(',').map((s) => s.trim()).filter(Boolean));
      const outcome = {
        status: status.value, payExpected: amountOf(expected), payConfirmed: amountOf(confirmed), isBonus: bonus.checked,
        payStatus: payStatus.value, payExpectedAt: payDate.value ? new Date(`${payDate.value}T12:00:00`).getTime() : null,
        feedback: feedback.value.trim() || null, criteriaCited: cited, externalId: externalId.value.trim() || null,
        notes: notes.value.trim() || null, durationMin: minutes.value === '' ? null : Number(minutes.value),
      };
      try {
        const result = row
          ? await send(MSG.TASK_UPDATE, { id: t.id, outcome })
          : await send(MSG.TASK_ADD, { task: {
            platformId: platform.value || undefined, taskTypeId: taskType.value || undefined,
            startedAt: new Date(started.value).getTime(), outcome } });
        el.hidden = true;
        onSaved(result, Boolean(row));
      } catch (err) {
        status2.textContent = `Not saved: ${err.message}`;
      }
    }

    replace(el,
      h('h2', { class: 'card-title', id: 'ledger-editor-title' }, row ? 'Edit the task’s outcome' : 'Add a task by hand'),
      h('form', { class: 'stack', on: { submit: save } },
        h('div', { class: 'ledger-form-grid' },
          field(ids.platform, 'Platform', platform), field(ids.type, 'Task type', taskType), field(ids.started, 'Started', started),
          field(ids.status, 'Status', status), field('led-expected', 'Expected pay', expected), field('led-confirmed', 'Confirmed pay', confirmed),
          field('led-currency', 'Currency', cur), field('led-pay-status', 'Pay status', payStatus), field('led-pay-date', 'Pay expected on', payDate),
          field('led-minutes', 'Time spent (minutes)', minutes, row?.task.sessionId ? 'Leave empty: the session measured it.' : null),
          field('led-external', 'Platform’s task id', externalId)),
        h('label', { class: 'ledger-check', for: 'led-bonus' }, bonus, ' A bonus (mission reward, overtime): counts in the true rate, not in the base rate'),
        criteriaBox, field('led-other-criteria', 'Other criteria (comma-separated)', other),
        field('led-feedback', 'Reviewer feedback', feedback), field('led-notes', 'Notes', notes),
        row?.task.worksheet ? worksheetView(row.task.worksheet) : null,
        status2,
        h('div', { class: 'row' },
          h('button', { class: 'btn btn-primary', type: 'submit', id: 'ledger-editor-save' }, row ? 'Save outcome' : 'Add task'),
          h('button', { class: 'btn', type: 'button', on: { click: () => { el.hidden = true; } } }, 'Cancel'))));
    el.hidden = false;
    (row ? status : platform).focus();
  }

  return { el, open };
}
