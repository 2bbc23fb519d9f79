// Overview: what is stored, whether expansion runs, and whether a backup is due.
import { h, icon, plural } from '../../shared/dom.js';
import { dateTime } from '../../shared/format.js';
import { ICONS } from '../../shared/icons.js';
import { sectionHead } from './coming.js';
import { backupDue } from '../../shared/backup.js';

const STATS = [
  ['snippets', 'Snippets', '#snippets'],
  ['rubrics', 'Rubrics', '#rubrics'],
  ['justifications', 'Justifications', '#library'],
  ['sessions', 'Sessions', '#sessions'],
  ['tasks', 'Tasks', '#ledger'],
  ['platforms', 'Platforms', '#sessions'],
];

function problemsAlert(problems) {
  if (!problems?.length) return null;
  return h('div', { class: 'alert alert-warn', role: 'note' }, icon(ICONS.alert),
    h('div', {}, h('strong', {}, `${plural(problems.length, 'stored record')} could not be read. `),
      'They are kept untouched. ', h('a', { href: '#data' }, 'See which ones in Data'), '.'));
}

export default {
  id: 'overview',
  title: 'Overview',
  icon: 'home',
  render({ state }) {
    const s = state?.settings ?? {};
    const counts = state?.counts ?? {};
    const on = s.expansion?.enabled !== false;
    const backup = backupDue(s);
    const last = dateTime(s.lastExportAt);
    return h('div', { class: 'stack-lg', id: 'section-overview' },
      sectionHead('Rubrica', 'Overview', 'Your rubric snippets, sessions and pay, kept on this device.'),
      problemsAlert(state?.problems),
      h('div', { class: 'stat-grid' }, STATS.map(([key, label, href]) => {
        const n = Number(counts[key] ?? 0);
        return h('a', { class: 'stat link-card', href },
          h('span', { class: `stat-value${n === 0 ? ' num-zero' : ''}` }, n.toLocaleString()),
          h('span', { class: 'stat-label' }, label));
      })),
      h('div', { class: 'two-col' },
        h('section', { class: 'card stack', 'aria-labelledby': 'ov-exp' },
          h('div', { class: 'row-between' }, h('h2', { id: 'ov-exp' }, 'Text expansion'),
            h('span', { class: `badge ${on ? 'badge-on' : 'badge-warn'}` }, h('span', { class: 'dot' }), on ? 'On' : 'Paused')),
          h('p', { class: 'muted small' }, on
            ? 'Runs on the built-in task platforms and on localhost. Pause it any time from the toolbar popup.'
            : 'Paused on every site. Resume it from the toolbar popup or in Settings.'),
          h('a', { href: '#settings', class: 'small' }, 'Expansion settings')),
        h('section', { class: 'card stack', 'aria-labelledby': 'ov-backup' },
          h('div', { class: 'row-between' }, h('h2', { id: 'ov-backup' }, 'Backup'),
            backup.due ? h('span', { class: 'badge badge-warn' }, 'Due') : h('span', { class: 'badge badge-on' }, 'Up to date')),
          h('p', { class: 'muted small' }, last ? `Last export: ${last}.` : 'You have not exported a backup yet.',
            ' Uninstalling Rubrica deletes everything it stores.'),
          h('a', { href: '#data', class: 'small' }, 'Export or import a backup')),
        h('section', { class: 'card stack', 'aria-labelledby': 'ov-private' },
          h('div', { class: 'row-between' }, h('h2', { id: 'ov-private' }, 'Private by design'), icon(ICONS.lock, 'accent')),
          h('p', { class: 'muted small' }, 'Rubrica makes no network requests. Task text, rubrics and justifications never leave this browser and are never shown to other sites.'),
          h('p', { class: 'muted small' }, 'It never clicks, submits or reads anything on a platform for you.'))));
  },
};
