// The ledger's overview: the range's key figures per currency, then charts with table
// alternatives — weekly earnings and hours, effective-rate trend per platform, approval rate,
// rejections by criterion, earnings per minute by task type — and time against caps. Every
// number is the core's (LedgerBook.report); this file only lays them out.
import { h } from '../../../shared/dom.js';
import { dateTime } from '../../../shared/format.js';
import { chart, tableAlternative } from './charts.js';
import { amount, duration, hourly, hours, perMinute, percent } from './figures.js';

function kpi(label, value, note) {
  return h('div', { class: 'ledger-kpi' },
    h('p', { class: 'ledger-kpi-label' }, label),
    h('p', { class: 'ledger-kpi-value' }, value),
    note ? h('p', { class: 'ledger-kpi-note small muted' }, note) : null);
}

/** The key figures of one currency's totals. */
function totalsCard(t) {
  return h('section', { class: 'card stack', 'aria-label': `Totals in ${t.currency}` },
    h('h2', { class: 'card-title' }, `Totals · ${t.currency}`),
    h('div', { class: 'ledger-kpis' },
      kpi('True hourly rate', hourly(t.effectiveRate, t), 'Confirmed pay, bonuses included, over all session time (setup and idle too)'),
      kpi('Base rate', hourly(t.baseRate, t), 'Without bonuses'),
      kpi('Active rate', hourly(t.activeRate, t), 'Over active time only'),
      kpi('Confirmed', amount(t.confirmed, t), t.bonus ? `${amount(t.bonus, t)} of it bonuses` : 'No bonuses'),
      kpi('Expected', amount(t.expected, t), 'What tasks were expected to pay, shown apart'),
      kpi('Approval rate', percent(t.approvalRate), `${t.approved} approved, ${t.rejected} rejected, ${t.revision} in revision, ${t.awaiting} awaiting`),
      kpi('Time', duration(t.wallMs), `${duration(t.activeMs)} active`),
      kpi('Money', `${amount(t.paid, t)} paid`, `${amount(t.payApproved, t)} approved, ${amount(t.pending, t)} pending${t.nextPayAt ? ` · next expected ${dateTime(t.nextPayAt)}` : ''}`)));
}

function weekly(report, currency) {
  const weeks = report.weeks.filter((w) => w.currency === currency);
  if (weeks.length === 0) return null;
  const labels = weeks.map((w) => w.key.replace(/^\d{4}-/, ''));
  const row = weeks[0];
  return h('section', { class: 'card stack', 'aria-labelledby': 'ledger-weekly-title' },
    h('h2', { class: 'card-title', id: 'ledger-weekly-title' }, `Weekly earnings and hours · ${currency}`),
    h('div', { class: 'two-col' },
      chart({ id: 'ledger-chart-earnings', labels, series: [{ label: 'Confirmed earnings', values: weeks.map((w) => w.confirmed / 10 ** row.digits), bars: true }],
        yFormat: (v) => amount(v * 10 ** row.digits, row), summary: `Bar chart of confirmed earnings per ISO week, ${weeks.length} weeks; the table below has the numbers.` }),
      chart({ id: 'ledger-chart-hours', labels, series: [{ label: 'Session hours', values: weeks.map((w) => w.wallMs / 3_600_000), bars: true }],
        yFormat: (v) => `${Number.isInteger(v) ? v : v.toFixed(1)} hr`, summary: `Bar chart of session hours per ISO week, ${weeks.length} weeks; the table below has the numbers.` })),
    tableAlternative('Weekly earnings and hours', ['Week', 'Confirmed', 'Expected', 'Session time', 'True hourly rate', 'Approval'],
      weeks.map((w) => [w.key, amount(w.confirmed, w), amount(w.expected, w), hours(w.wallMs), hourly(w.effectiveRate, w), percent(w.approvalRate)])));
}

function trend(report, currency) {
  const rows = report.platformWeeks.filter((p) => p.currency === currency);
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const platforms = [...new Map(rows.map((r) => [r.platformId, r.platformName])).entries()];
  if (weeks.length === 0 || platforms.length === 0) return null;
  const digits = report.totals.find((t) => t.currency === currency)?.digits ?? 2;
  const at = (pid, w) => rows.find((r) => r.platformId === pid && r.week === w)?.effectiveRate ?? null;
  const fmt = (v) => (v === null ? '—' : hourly(v, { currency, digits }));
  return h('section', { class: 'card stack', 'aria-labelledby': 'ledger-trend-title' },
    h('h2', { class: 'card-title', id: 'ledger-trend-title' }, 'True hourly rate by platform'),
    chart({ id: 'ledger-chart-trend', labels: weeks.map((w) => w.replace(/^\d{4}-/, '')),
      series: platforms.map(([pid, name]) => ({ label: name, values: weeks.map((w) => { const v = at(pid, w); return v === null ? null : v / 10 ** digits; }) })),
      yFormat: (v) => `${amount(v * 10 ** digits, { currency, digits })}`,
      summary: `Line chart of the true hourly rate per week for ${platforms.length} platforms; the table below has the numbers.` }),
    tableAlternative('True hourly rate by platform', ['Week', ...platforms.map(([, n]) => n)],
      weeks.map((w) => [w, ...platforms.map(([pid]) => fmt(at(pid, w)))])));
}

function approval(report, currency) {
  const weeks = report.weeks.filter((w) => w.currency === currency && w.approvalRate !== undefined);
  if (weeks.length === 0) return null;
  return h('section', { class: 'card stack', 'aria-labelledby': 'ledger-approval-title' },
    h('h2', { class: 'card-title', id: 'ledger-approval-title' }, 'Approval rate by week'),
    chart({ id: 'ledger-chart-approval', labels: weeks.map((w) => w.key.replace(/^\d{4}-/, '')),
      series: [{ label: 'Approved ÷ (approved + rejected)', values: weeks.map((w) => Math.round(w.approvalRate * 100)) }],
      yFormat: (v) => `${v}%`, summary: 'Line chart of the approval rate per week; the table below has the numbers.' }),
    tableAlternative('Approval rate by week', ['Week', 'Approval', 'Approved', 'Rejected'],
      weeks.map((w) => [w.key, percent(w.approvalRate), String(w.approved), String(w.rejected)])));
}

function rejections(report) {
  const rows = report.rejections.slice(0, 12);
  if (rows.length === 0) return null;
  const name = (r) => `${r.criterionName ?? r.criterion} · ${r.taskTypeName}`;
  return h('section', { class: 'card stack', 'aria-labelledby': 'ledger-rejections-title' },
    h('h2', { class: 'card-title', id: 'ledger-rejections-title' }, 'Rejections by criterion'),
    chart({ id: 'ledger-chart-rejections', labels: rows.map((r) => r.criterionName ?? r.criterion),
      series: [{ label: 'Rejections citing it', values: rows.map((r) => r.count), bars: true }],
      yFormat: (v) => String(v), summary: `Bar chart of rejections per cited criterion, ${rows.length} criteria; the table below has the numbers.` }),
    tableAlternative('Rejections by criterion', ['Criterion · task type', 'Rejections'],
      rows.map((r) => [name(r), String(r.count)])));
}

function earningsPerMinute(report) {
  const rows = report.perMinute;
  if (rows.length === 0) return null;
  return h('section', { class: 'card stack', 'aria-labelledby': 'ledger-epm-title' },
    h('h2', { class: 'card-title', id: 'ledger-epm-title' }, 'What to take next: earnings per minute by task type'),
    h('p', { class: 'small muted' }, `Confirmed pay over the task's own time, bonuses left out. Task types with fewer than ${report.minSample} tasks get no rank.`),
    chart({ id: 'ledger-chart-epm', labels: rows.map((r) => r.taskTypeName),
      series: [{ label: 'Earnings per minute', values: rows.map((r) => r.perMinute / 10 ** r.digits), bars: true }],
      yFormat: (v) => v.toFixed(2), summary: `Bar chart of earnings per minute for ${rows.length} task types, best first; the table below has the ranks and sample sizes.` }),
    h('table', { class: 'table small', id: 'ledger-epm-table' },
      h('caption', { class: 'sr-only' }, 'Earnings per minute by task type'),
      h('thead', {}, h('tr', {}, ['Rank', 'Task type', 'Per minute', 'Earned', 'Tasks'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('td', {}, r.rank ? `#${r.rank}` : 'too few'), h('th', { scope: 'row' }, r.taskTypeName),
        h('td', {}, perMinute(r.perMinute, r)), h('td', {}, amount(r.earned, r)), h('td', {}, String(r.sample)))))));
}

function caps(report) {
  if (report.caps.length === 0) return null;
  return h('section', { class: 'card stack', 'aria-labelledby': 'ledger-caps-title' },
    h('h2', { class: 'card-title', id: 'ledger-caps-title' }, 'Time per task against the cap'),
    h('table', { class: 'table small' },
      h('thead', {}, h('tr', {}, ['Task type', 'Cap', 'Average', 'Over the cap'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, report.caps.map((c) => h('tr', {},
        h('th', { scope: 'row' }, c.taskTypeName), h('td', {}, duration(c.capMs)), h('td', {}, duration(c.averageMs)),
        h('td', {}, `${c.over} of ${c.timed}`))))));
}

/** The groups table (by platform, task type, day, week or month). */
export function groupsTable(report) {
  return h('table', { class: 'table small', id: 'ledger-groups-table' },
    h('caption', { class: 'sr-only' }, 'Figures by group'),
    h('thead', {}, h('tr', {}, ['', 'Tasks', 'Approval', 'Confirmed', 'Expected', 'Time', 'True rate', 'Base rate', 'Active rate'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, report.groups.map((g) => h('tr', {},
      h('th', { scope: 'row' }, `${g.label}${report.totals.length > 1 ? ` (${g.currency})` : ''}`),
      h('td', {}, String(g.tasks)), h('td', {}, percent(g.approvalRate)), h('td', {}, amount(g.confirmed, g)),
      h('td', {}, amount(g.expected, g)), h('td', {}, duration(g.wallMs)), h('td', {}, hourly(g.effectiveRate, g)),
      h('td', {}, hourly(g.baseRate, g)), h('td', {}, hourly(g.activeRate, g))))));
}

/** The overview of `report`: key figures, then the charts (each with its table). */
export function overview(report) {
  const main = report.totals[0]?.currency;
  return [
    ...report.totals.map(totalsCard),
    weekly(report, main), trend(report, main), approval(report, main), rejections(report), earningsPerMinute(report), caps(report),
  ].filter(Boolean);
}
