// The day and week report of the Sessions section: wall, active, idle and break time for the last
// REPORT_DAYS days, split at local midnight by the core (DST-safe).
import { send } from '../../../shared/runtime.js';
import { MSG } from '../../../shared/contract.js';
import { h, replace } from '../../../shared/dom.js';
import { dayLabel, duration } from '../../../shared/format.js';

const REPORT_DAYS = 14;

/** Local midnight `days` days before today (the browser's zone), as UTC ms. */
function localDaysAgo(days) {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - days);
  return d.getTime();
}

function table(caption, rows) {
  const head = ['', 'Wall', 'Active', 'Idle', 'Breaks'];
  return h('table', { class: 'table small' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(([label, b]) => h('tr', {},
      h('th', { scope: 'row' }, label),
      [b.wall, b.active, b.idle + b.idleDiscarded, b.paused].map((ms) => h('td', { class: 'duration' }, duration(ms)))))));
}

/** Fills `summary` with the per-day and per-week tables; rejects when the report cannot be had. */
export async function refreshSummary(summary) {
  const from = localDaysAgo(REPORT_DAYS - 1);
  const report = await send(MSG.SESSION_REPORT, { from, to: Date.now() + 1000 });
  replace(summary,
    h('h2', { class: 'card-title', id: 'sessions-summary-title' }, `Last ${REPORT_DAYS} days`),
    report.days.length === 0
      ? h('p', { class: 'muted small' }, 'No session time in this period.')
      : h('div', { class: 'two-col' },
        table('Per day', [...report.days].reverse().map((b) => [dayLabel(b.date), b])),
        table('Per week', [...report.weeks].reverse().map((b) => [b.isoWeek ?? `Week of ${b.weekStart}`, b]))));
}
