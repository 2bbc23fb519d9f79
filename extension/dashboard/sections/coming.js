// Builds a section whose feature has not landed yet: an honest empty state with what is stored
// now (counts from state.get) and a specific list of what is coming.
import { h, plural } from '../../shared/dom.js';
import { ART } from './art.js';

/** Page heading shared by every section; the h1 takes focus after navigation. */
export function sectionHead(eyebrow, title, lede) {
  return h('header', { class: 'section-head' },
    h('p', { class: 'eyebrow' }, eyebrow),
    h('h1', { tabindex: '-1', class: 'section-title' }, title),
    lede ? h('p', {}, lede) : null);
}

/**
 * spec: {id, title, nav, icon, lede, art, emptyTitle, emptyText, features: [text],
 *        counts: [{key, one, many?}]}; `key` names a field of state.counts.
 */
export function comingSection(spec) {
  return {
    id: spec.id,
    title: spec.title,
    nav: spec.nav ?? spec.title,
    icon: spec.icon,
    countKey: spec.counts[0].key,
    render({ state }) {
      const counts = state?.counts ?? {};
      const stored = spec.counts.map((c) => ({ ...c, n: Number(counts[c.key] ?? 0) }));
      const any = stored.some((c) => c.n > 0);
      const summary = any
        ? `Stored on this device: ${stored.map((c) => plural(c.n, c.one, c.many)).join(', ')}. They are kept safe and included in backups; you can work with them once this section lands.`
        : spec.emptyText;
      return h('div', { class: 'stack-lg', id: `section-${spec.id}` },
        sectionHead('Coming soon', spec.title, spec.lede),
        h('div', { class: 'stat-grid', role: 'list', 'aria-label': 'Stored now' },
          stored.map((c) => h('div', { class: 'stat', role: 'listitem' },
            h('div', { class: `stat-value${c.n === 0 ? ' num-zero' : ''}` }, c.n.toLocaleString()),
            h('div', { class: 'stat-label' }, c.label)))),
        h('section', { class: 'card card-lg coming', 'aria-labelledby': `${spec.id}-empty-title` },
          h('div', { html: ART[spec.art] }),
          h('div', { class: 'coming-body' },
            h('h2', { id: `${spec.id}-empty-title` }, any ? 'Saved, not yet editable' : spec.emptyTitle),
            h('p', { class: 'muted' }, summary),
            h('h3', { class: 'card-title' }, 'What is coming'),
            h('ul', { class: 'feature-list' }, spec.features.map((f) => h('li', {}, f))))));
    },
  };
}
