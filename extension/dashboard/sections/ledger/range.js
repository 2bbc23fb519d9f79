// The ledger's date-range picker: presets and two date inputs, in the browser's local days. The
// range is [from, to) in UTC ms: local midnight of the first day to local midnight after the last.
import { h } from '../../../shared/dom.js';

const PRESETS = [
  ['7', 'Last 7 days'], ['30', 'Last 30 days'], ['90', 'Last 90 days'], ['month', 'This month'], ['365', 'Last 12 months'],
];

/** `YYYY-MM-DD` of a local date. */
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
/** Local midnight of `YYYY-MM-DD`, as UTC ms (NaN for an invalid date). */
const midnight = (text) => new Date(`${text}T00:00:00`).getTime();

/** The range of a preset: `{from, to, fromText, toText}`. */
export function presetRange(id, today = new Date()) {
  const last = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const first = id === 'month'
    ? new Date(today.getFullYear(), today.getMonth(), 1)
    : new Date(last.getFullYear(), last.getMonth(), last.getDate() - (Number(id) - 1));
  return fromTexts(iso(first), iso(last));
}

function fromTexts(fromText, toText) {
  const from = midnight(fromText);
  const end = new Date(`${toText}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { from, to: end.getTime(), fromText, toText };
}

/**
 * The picker. `onChange(range)` gets each valid range; a range that ends before it starts, or runs
 * over 400 days, is refused with a message next to the inputs.
 */
export function rangePicker(initial, onChange, prefix = 'ledger') {
  const status = h('p', { class: 'field-status small', role: 'status', id: `${prefix}-range-status` });
  const fromInput = h('input', { class: 'input', type: 'date', id: `${prefix}-from`, value: initial.fromText, 'aria-describedby': `${prefix}-range-status` });
  const toInput = h('input', { class: 'input', type: 'date', id: `${prefix}-to`, value: initial.toText, 'aria-describedby': `${prefix}-range-status` });
  const preset = h('select', { class: 'select', id: `${prefix}-preset` },
    PRESETS.map(([id, label]) => h('option', { value: id }, label)), h('option', { value: 'custom' }, 'Custom'));
  preset.value = initial.preset ?? '90';
  const apply = (range) => {
    if (!Number.isFinite(range.from) || !Number.isFinite(range.to) || range.to <= range.from) {
      status.textContent = 'The range must end on or after the day it starts.';
      return;
    }
    if (range.to - range.from > 400 * 86_400_000) {
      status.textContent = 'Pick at most 400 days.';
      return;
    }
    status.textContent = '';
    onChange(range);
  };
  preset.addEventListener('change', () => {
    if (preset.value === 'custom') return;
    const r = presetRange(preset.value);
    fromInput.value = r.fromText;
    toInput.value = r.toText;
    apply({ ...r, preset: preset.value });
  });
  const typed = () => {
    preset.value = 'custom';
    apply({ ...fromTexts(fromInput.value, toInput.value), preset: 'custom' });
  };
  fromInput.addEventListener('change', typed);
  toInput.addEventListener('change', typed);
  return h('div', { class: 'ledger-range', role: 'group', 'aria-label': 'Date range' },
    h('label', { class: 'field', for: `${prefix}-preset` }, h('span', { class: 'field-label small' }, 'Range'), preset),
    h('label', { class: 'field', for: `${prefix}-from` }, h('span', { class: 'field-label small' }, 'From'), fromInput),
    h('label', { class: 'field', for: `${prefix}-to` }, h('span', { class: 'field-label small' }, 'To'), toInput),
    status);
}
