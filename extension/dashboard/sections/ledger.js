// Ledger & reports (docs/ledger.md): the repeated-rejection alerts, a date range, the overview
// (key figures and charts with table alternatives, by the core's LedgerBook in this page), the
// figures by platform / task type / day / week / month, add-by-hand and the task table. Only the
// month shards the range needs are read (ledger/book.js).
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, replace } from '../../shared/dom.js';
import { toast } from '../toast.js';
import { sectionHead } from './coming.js';
import { refreshAlerts } from './ledger/alerts.js';
import { ensureRange, invalidate, page, report } from './ledger/book.js';
import { taskEditor } from './ledger/editor.js';
import { groupsTable, overview } from './ledger/overview.js';
import { OPENING_PRESET } from './ledger/prefetch.js';
import { presetRange, rangePicker } from './ledger/range.js';
import { scrollBox, taskTable } from './ledger/table.js';

const GROUPS = [['platform', 'Platform'], ['taskType', 'Task type'], ['day', 'Day'], ['week', 'ISO week'], ['month', 'Month']];

let view = null;

// Charts take their colours from the theme when drawn: redraw when the system theme flips.
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
  if (view?.lastReport && document.getElementById('section-ledger')) refresh();
});

function emptyState() {
  return h('section', { class: 'card empty', id: 'ledger-empty' },
    h('h2', {}, 'No tasks in this range yet'),
    h('p', { class: 'muted' }, 'Start a work session in the popup and press Next task after each task: each one lands here, ready for its outcome. Or add a task by hand, or import your Outlier earnings CSV in Data.'),
    h('div', { class: 'row' },
      h('button', { class: 'btn btn-primary', type: 'button', on: { click: () => view?.openEditor() } }, 'Add a task by hand'),
      h('a', { class: 'btn', href: '#data' }, 'Import a CSV')));
}

/** Draws the figures for the view's range; `table` false: the table loads itself (first render). */
async function refresh(table = true) {
  if (!view) return;
  const v = view;
  const { from, to } = v.range;
  const currency = v.state?.settings?.currency ?? 'USD';
  try {
    const r = await report(from, to, { groupBy: v.groupBy, currency });
    performance.mark?.('rubrica:ledger:report');
    if (v !== view) return;
    v.lastReport = r;
    replace(v.overview, r.totals.length === 0 ? emptyState() : overview(r));
    replace(v.groups, r.groups.length === 0 ? h('p', { class: 'small muted' }, 'Nothing to group in this range.') : groupsTable(r));
    if (table) v.table?.refresh();
  } catch (e) {
    replace(v.overview, h('p', { class: 'alert alert-danger', role: 'alert' }, `The ledger could not be loaded: ${e.message}`));
  }
  v.tableBox.hidden = false;
  refreshAlerts(v.alerts, () => refreshAlerts(v.alerts)).catch(() => {});
}

export default {
  id: 'ledger',
  title: 'Ledger & reports',
  nav: 'Ledger & reports',
  icon: 'ledger',
  countKey: 'tasks',
  /** Opened at #ledger: load the default range's months while the dashboard reads its state. */
  prefetch() {
    const { from, to } = presetRange(OPENING_PRESET);
    ensureRange(from, to).catch(() => {}); // a failure shows when the section asks again
  },
  render(ctx) {
    const range = { ...presetRange(OPENING_PRESET), preset: OPENING_PRESET };
    const groupSelect = h('select', { class: 'select', id: 'ledger-group-by' }, GROUPS.map(([v, l]) => h('option', { value: v }, l)));
    view = {
      state: ctx.state, range, groupBy: 'platform', table: null, tableBox: null, editor: null, openEditor: null, lastReport: null,
      alerts: h('div', { class: 'stack', id: 'ledger-alerts' }),
      overview: h('div', { class: 'stack-lg', id: 'ledger-overview' }, h('p', { class: 'muted' }, 'Loading…')),
      groups: scrollBox('ledger-groups-title', { id: 'ledger-groups' }),
    };
    const v = view;
    groupSelect.addEventListener('change', () => { v.groupBy = groupSelect.value; refresh(); });
    const editorBox = h('div', {});
    // The table starts at once: its rows come from the book, named by the core. The catalogue
    // (the editor's pickers, the platform filter) and the library's rubrics (the editor's
    // criteria, read when a task is opened) come from the background when they come.
    const rubrics = [];
    send(MSG.LIBRARY_GET).then((l) => rubrics.push(...(l.rubrics ?? []))).catch(() => {});
    const editorReady = send(MSG.CATALOGUE_GET)
      .then((catalogue) => {
        performance.mark?.('rubrica:ledger:catalogue');
        if (v !== view) return;
        v.editor = taskEditor({
          catalogue, rubrics, currency: ctx.state?.settings?.currency ?? 'USD',
          onSaved: (result, edited) => {
            toast(edited ? 'Outcome saved.' : 'Task added.');
            if (result.alerts?.length) refreshAlerts(v.alerts, () => refreshAlerts(v.alerts));
          },
        });
        replace(editorBox, v.editor.el);
        v.table.setPlatforms(catalogue.platforms ?? []);
      })
      .catch((e) => replace(editorBox, h('p', { class: 'alert alert-danger', role: 'alert' }, `The task editor could not be loaded: ${e.message}`)));
    const openEditor = (row) => editorReady.then(() => v.editor?.open(row));
    v.openEditor = openEditor;
    const addButton = h('button', { class: 'btn btn-primary', type: 'button', id: 'ledger-add', on: { click: () => openEditor() } }, 'Add a task');
    v.table = taskTable({ load: (q) => page(v.range.from, v.range.to, q), onEdit: openEditor });
    // Shown with the first figures (refresh), below them: shown at once, beside "Loading…", the
    // browser would lay out and paint its 100 rows in the first frame (content-visibility: auto
    // skips only what it last saw far from the view).
    const tableBox = h('div', { id: 'ledger-table-box', hidden: true }, v.table.el);
    v.tableBox = tableBox;
    v.table.refresh();
    this.update = (state) => {
      v.state = state;
      invalidate();
      refresh();
    };
    refresh(false); // the table's first page is on its way already
    return h('div', { class: 'stack-lg', id: 'section-ledger' },
      sectionHead('Work', 'Ledger & reports', 'Every task with its outcome and pay, and what your time is really worth: confirmed pay over all session time, setup and idle included. Money is never converted between currencies.'),
      v.alerts,
      h('div', { class: 'ledger-toolbar' },
        rangePicker(range, (r) => { v.range = r; refresh(); }),
        addButton),
      v.overview,
      h('section', { class: 'card stack', 'aria-labelledby': 'ledger-groups-title' },
        h('div', { class: 'card-head' },
          h('h2', { class: 'card-title', id: 'ledger-groups-title' }, 'Figures by group'),
          h('label', { class: 'field', for: 'ledger-group-by' }, h('span', { class: 'field-label small' }, 'Group by'), groupSelect)),
        v.groups),
      editorBox,
      tableBox);
  },
};
