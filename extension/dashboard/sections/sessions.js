// Sessions: the day and week report (sessions/summary.js), the platforms and task types with their
// caps, rates and rubrics (sessions/catalogue.js), and the recent sessions with their totals and
// tasks (sessions/list.js), corrected in place (sessions/edit-times.js). This entry reads one
// storage snapshot of platforms and task types for the catalogue and the sessions' names.
import { send, api } from '../../shared/runtime.js';
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

/** Platforms and task types from a read snapshot of storage (writes go through the background). */
async function readCatalogue() {
  const stored = await api.storage.local.get(['platforms', 'taskTypes']);
  const named = (m) => Object.values(m ?? {}).filter((r) => r && typeof r.id === 'string' && typeof r.name === 'string');
  const live = (m) => named(m).filter((r) => !r.deletedAt).sort((a, b) => a.name.localeCompare(b.name));
  return {
    platforms: live(stored.platforms),
    taskTypes: live(stored.taskTypes),
    // Deleted records keep their names: a past session still says where it was worked.
    names: {
      platforms: new Map(named(stored.platforms).map((r) => [r.id, r.name])),
      taskTypes: new Map(named(stored.taskTypes).map((r) => [r.id, r.name])),
    },
  };
}

function refresh() {
  if (!list) return;
  const catalogue = readCatalogue();
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
