// Sessions: the day and week report (sessions/summary.js), the platforms and task types with their
// caps, rates and rubrics (sessions/catalogue.js), and the recent sessions with their totals and
// tasks (sessions/list.js), corrected in place (sessions/edit-times.js). This entry asks the core
// for the catalogue once per refresh (`catalogue.get`: live platforms and task types with the rate
// in force, and every name) for the catalogue card and the sessions' names.
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h } from '../../shared/dom.js';
import { sectionHead } from './coming.js';
import { refreshCatalogue } from './sessions/catalogue.js';
import { refreshList } from './sessions/list.js';
import { say, statusLine } from './sessions/status.js';
import { refreshSummary } from './sessions/summary.js';

let list = null;
let summary = null;
let catalog = null;

function refresh() {
  if (!list) return;
  const catalogue = send(MSG.CATALOGUE_GET);
  const rubrics = send(MSG.LIBRARY_GET).then((lib) => lib.rubrics ?? []).catch(() => []);
  const records = Promise.all([catalogue, rubrics]).then(([c, r]) => ({ ...c, rubrics: r }));
  refreshCatalogue(catalog, records, refresh);
  refreshSummary(summary).catch((e) => say(`The day and week totals could not be loaded: ${e.message}`, 'error'));
  refreshList(list, catalogue.then((c) => c.names));
}

export default {
  id: 'sessions',
  title: 'Sessions',
  icon: 'sessions',
  countKey: 'sessions',
  render() {
    const status = statusLine();
    list = h('div', { class: 'stack', id: 'sessions-list' }, h('p', { class: 'muted' }, 'Loading…'));
    summary = h('section', { class: 'card stack', id: 'sessions-summary', 'aria-labelledby': 'sessions-summary-title' });
    catalog = h('section', { class: 'card stack', id: 'sessions-catalog', 'aria-labelledby': 'sessions-catalog-title' });
    refresh();
    this.update = () => refresh();
    return h('div', { class: 'stack-lg', id: 'section-sessions' },
      sectionHead('Work', 'Sessions', 'Every figure is derived from stored start, stop, idle and break events. Correct a time or delete a session; overlapping sessions are refused.'),
      summary, catalog, status, list);
  },
};
