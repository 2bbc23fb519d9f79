// The ledger's task table: filters (status, platform, text), sortable columns, pages of 100 rows.
// Filtering, sorting and paging happen in the core's LedgerBook (book.page), so 100,000 tasks
// cost the page only the rows it shows.
import { h, replace } from '../../../shared/dom.js';
import { dateTime } from '../../../shared/format.js';
import { amount, duration } from './figures.js';

const PAGE = 100;
const STATUS = { inProgress: 'In progress', submitted: 'Submitted', approved: 'Approved', rejected: 'Rejected', revision: 'Revision' };
const PAY = { pending: 'pending', approved: 'approved', paid: 'paid' };
const COLUMNS = [
  ['startedAt', 'Started'], ['platform', 'Platform'], ['taskType', 'Task type'], ['status', 'Status'],
  ['pay', 'Pay'], ['time', 'Time'], ['externalId', 'Task id'], [null, 'Criteria cited'], [null, ''],
];

export const statusName = (s) => STATUS[s] ?? s;

/** A row's pay: confirmed, else expected, with its status; `digits` is the core's for the currency. */
function payText(t, digits) {
  const m = t.payConfirmed ?? t.payExpected;
  if (!m) return '—';
  const text = amount(m.minor, { currency: m.currency, digits: digits ?? 2 });
  return `${text}${t.payConfirmed ? '' : ' expected'}${t.isBonus ? ' (bonus)' : ''} · ${PAY[t.payStatus] ?? t.payStatus}`;
}

/**
 * The box a wide table scrolls sideways in, in a narrow window: a region named by the heading
 * `titleId`, and a tab stop, so the keyboard can scroll it too.
 */
export const scrollBox = (titleId, props, ...children) =>
  h('div', { class: 'ledger-scroll', tabindex: '0', role: 'region', 'aria-labelledby': titleId, ...props }, ...children);

/**
 * The table. `load(query)` answers a page; `onEdit(row)` opens the editor. Returns
 * `{el, refresh(), setPlatforms(list)}`: the platform filter's choices come with the catalogue,
 * which the table's rows do not wait for (the core names each row's platform and task type).
 */
export function taskTable({ load, onEdit, platforms = [] }) {
  const query = { sort: 'startedAt', desc: true, offset: 0, limit: PAGE };
  const status = h('select', { class: 'select', id: 'ledger-filter-status' },
    h('option', { value: '' }, 'Any status'), Object.entries(STATUS).map(([v, l]) => h('option', { value: v }, l)));
  const platform = h('select', { class: 'select', id: 'ledger-filter-platform' },
    h('option', { value: '' }, 'Any platform'), platforms.map((p) => h('option', { value: p.id }, p.name)));
  const text = h('input', { class: 'input', type: 'search', id: 'ledger-filter-text', placeholder: 'Task id, feedback, notes, criterion' });
  const body = h('tbody', {});
  const head = h('tr', {});
  const info = h('p', { class: 'small muted', id: 'ledger-table-info', role: 'status' });
  const prev = h('button', { class: 'btn', type: 'button', id: 'ledger-prev' }, 'Previous');
  const next = h('button', { class: 'btn', type: 'button', id: 'ledger-next' }, 'Next');

  function renderHead() {
    replace(head, COLUMNS.map(([key, label]) => {
      if (!key) return h('th', { scope: 'col' }, label ? label : h('span', { class: 'sr-only' }, 'Actions'));
      const active = query.sort === key;
      return h('th', { scope: 'col', 'aria-sort': active ? (query.desc ? 'descending' : 'ascending') : 'none' },
        h('button', { class: 'ledger-sort', type: 'button', on: { click: () => {
          query.desc = active ? !query.desc : key === 'startedAt' || key === 'pay' || key === 'time';
          query.sort = key;
          query.offset = 0;
          refresh();
        } } }, label, active ? (query.desc ? ' ↓' : ' ↑') : ''));
    }));
  }

  async function refresh() {
    renderHead();
    const page = await load({
      ...query,
      status: status.value || undefined,
      platformId: platform.value || undefined,
      text: text.value.trim() || undefined,
    });
    replace(body, page.rows.map((row) => {
      const t = row.task;
      return h('tr', { dataset: { id: t.id } },
        h('td', {}, dateTime(t.startedAt)),
        h('td', {}, row.platformName ?? '—'),
        h('td', {}, row.taskTypeName ?? '—'),
        h('td', {}, h('span', { class: `badge ledger-status-${t.status}` }, statusName(t.status))),
        h('td', {}, payText(t, row.digits)),
        h('td', {}, row.timeMs === undefined ? '—' : duration(row.timeMs)),
        h('td', {}, t.externalId ?? ''),
        h('td', {}, (t.criteriaCited ?? []).join(', ')),
        h('td', {}, h('button', { class: 'btn btn-ghost', type: 'button', on: { click: () => onEdit(row) },
          'aria-label': `Edit the task started ${dateTime(t.startedAt)}` }, 'Edit')));
    }));
    const last = Math.min(page.offset + page.rows.length, page.total);
    info.textContent = page.total === 0
      ? 'No task matches.'
      : `Tasks ${(page.offset + 1).toLocaleString()}–${last.toLocaleString()} of ${page.total.toLocaleString()}`;
    prev.disabled = page.offset === 0;
    next.disabled = last >= page.total;
    return page;
  }

  prev.addEventListener('click', () => { query.offset = Math.max(0, query.offset - PAGE); refresh(); });
  next.addEventListener('click', () => { query.offset += PAGE; refresh(); });
  for (const el of [status, platform]) el.addEventListener('change', () => { query.offset = 0; refresh(); });
  let typing = 0;
  text.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { query.offset = 0; refresh(); }, 200); });

  const el = h('section', { class: 'card stack', 'aria-labelledby': 'ledger-table-title', id: 'ledger-tasks' },
    h('h2', { class: 'card-title', id: 'ledger-table-title' }, 'Tasks'),
    h('div', { class: 'ledger-filters' },
      h('label', { class: 'field', for: 'ledger-filter-status' }, h('span', { class: 'field-label small' }, 'Status'), status),
      h('label', { class: 'field', for: 'ledger-filter-platform' }, h('span', { class: 'field-label small' }, 'Platform'), platform),
      h('label', { class: 'field ledger-grow', for: 'ledger-filter-text' }, h('span', { class: 'field-label small' }, 'Search'), text)),
    scrollBox('ledger-table-title', {},
      h('table', { class: 'table small', id: 'ledger-task-table' },
        h('caption', { class: 'sr-only' }, 'Tasks in the range; the column buttons sort'),
        h('thead', {}, head), body)),
    h('div', { class: 'row ledger-pager' }, prev, info, next));
  function setPlatforms(list) {
    const chosen = platform.value;
    replace(platform, [h('option', { value: '' }, 'Any platform'), ...list.map((p) => h('option', { value: p.id }, p.name))]);
    platform.value = list.some((p) => p.id === chosen) ? chosen : '';
  }

  return { el, refresh, setPlatforms };
}
