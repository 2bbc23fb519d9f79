// The inline editor of one task type in the catalogue: name, time cap, rubric and pay rate (the
// one in force, as the core answered it in `catalogue.get`). The background validates the
// update; its message is shown beside the field it names.
import { send } from '../../../shared/runtime.js';
import { MSG } from '../../../shared/contract.js';
import { h } from '../../../shared/dom.js';
import { decimalAmount } from '../../../shared/format.js';
import { fitNote, guardNamePaste } from '../../../shared/name-fit.js';

/** The editor for one task type's name, cap, rate and rubric; `done()` after a save or cancel. */
export function taskTypeEditor(tt, platform, rubrics, done) {
  const id = `tte-${tt.id}`;
  const rate = tt.rateNow;
  const currency = rate?.amount.currency ?? platform?.currency ?? 'USD';
  const error = h('p', { class: 'small status-error', role: 'alert', id: `${id}-error` });
  const nameNote = h('p', { class: 'small muted', role: 'status', id: `${id}-name-note` });
  const name = h('input', {
    class: 'input', id: `${id}-name`, maxlength: '80', autocomplete: 'off', value: tt.name,
    'aria-describedby': `${nameNote.id} ${error.id}`,
  });
  // A long paste is cut at a word or refused, and the note says so (never cut mid-word silently).
  guardNamePaste(name, (status) => {
    nameNote.textContent = fitNote(status, name.maxLength);
  });
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
    value: rate ? decimalAmount(rate.amount.minor, rate.amount.digits) : '',
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
    nameNote,
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

