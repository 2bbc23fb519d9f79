// The Library section (docs/library.md): saved justifications, searched as you type in this page's
// own index (library-index.js), with filters, highlighted excerpts, edit, tags, delete with undo,
// copy and "Make a snippet". New entries come from "New entry" here, the context menu on task
// pages and "Save this field" in the palette.
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, icon, plural, replace } from '../../shared/dom.js';
import { longDate } from '../../shared/format.js';
import { ICONS } from '../../shared/icons.js';
import { openLibrary } from '../library-index.js';
import { entryForm, OUTCOMES } from '../library-entry.js';
import { fetchLibrary } from '../library-data.js';
import { snippetEditor } from '../snippet-editor.js';
import { toast } from '../toast.js';
import { sectionHead } from './coming.js';

const LIMIT = 50;
const DAY = 86_400_000;

/** The excerpt with its highlight ranges (UTF-16 offsets, as JS strings index) as <mark>s. */
function highlighted(excerpt, ranges) {
  const out = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push(excerpt.slice(at, s));
    out.push(h('mark', {}, excerpt.slice(s, e)));
    at = e;
  }
  out.push(excerpt.slice(at));
  return out;
}

function select(id, label, options) {
  return h('select', { class: 'input select', id, 'aria-label': label },
    options.map(([value, text]) => h('option', { value }, text)));
}

function emptyState(any) {
  return h('div', { class: 'card card-lg empty', id: 'library-empty' },
    h('h2', {}, any ? 'Nothing matches' : 'Your library is empty'),
    any
      ? h('p', {}, 'Try fewer or other words, a word’s beginning, or clear the filters.')
      : h('div', { class: 'stack' },
        h('p', {}, 'Keep your best justifications here to look back at your own reasoning — never to paste it again word for word. Three ways to save one:'),
        h('ol', { class: 'feature-list' },
          h('li', {}, 'On a task page, select the text, right-click and choose “Save selection to Rubrica”.'),
          h('li', {}, 'In a text field, open the palette (Alt+Shift+Space) and choose “Save this field”.'),
          h('li', {}, 'Here, with “New entry”.')),
        h('p', { class: 'muted small' }, 'Entries stay on this device and are part of your backups.')));
}

export default {
  id: 'library',
  title: 'Library',
  icon: 'library',
  countKey: 'justifications',
  render(ctx) {
    let lib = null;
    let catalogue = { platforms: [], names: { platforms: {}, taskTypes: {} } };
    let rubrics = [];
    let stop = null;
    const search = h('input', { type: 'search', class: 'input grow', id: 'library-search', autocomplete: 'off',
      placeholder: 'Search: words, "a phrase", the start of a word', 'aria-label': 'Search your library' });
    const platform = select('library-platform', 'Platform', [['', 'All platforms']]);
    const taskType = select('library-task-type', 'Task type', [['', 'All task types']]);
    const criterion = select('library-criterion', 'Criterion', [['', 'All criteria']]);
    const outcome = select('library-outcome', 'Outcome', [['', 'Any outcome'], ...OUTCOMES.map(([v, t]) => [v || 'unknown', t])]);
    const tag = select('library-tag', 'Tag', [['', 'All tags']]);
    const from = h('input', { type: 'date', class: 'input', id: 'library-from', 'aria-label': 'Saved on or after' });
    const to = h('input', { type: 'date', class: 'input', id: 'library-to', 'aria-label': 'Saved on or before' });
    const newBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'library-new' }, '+ New entry');
    const status = h('p', { class: 'small muted', id: 'library-status', role: 'status', 'aria-live': 'polite' }, 'Opening your library…');
    const editorSlot = h('div', { id: 'library-editor-slot' });
    const list = h('div', { id: 'library-results', class: 'stack' });
    const threshold = () => (ctx.state?.settings?.library?.nearDuplicatePercent ?? 50) / 100;

    function filters() {
      const f = {};
      if (platform.value) f.platformId = platform.value;
      if (taskType.value) f.taskTypeId = taskType.value;
      if (criterion.value) f.criterion = criterion.value;
      if (outcome.value) f.outcome = outcome.value;
      if (tag.value) f.tag = tag.value;
      if (from.value) f.from = Date.parse(`${from.value}T00:00:00`);
      if (to.value) f.to = Date.parse(`${to.value}T00:00:00`) + DAY;
      return f;
    }

    function fillFilters() {
      const keep = (el, options) => {
        const v = el.value;
        replace(el, [el.firstElementChild, ...options.map(([value, text]) => h('option', { value, selected: value === v }, text))]);
      };
      keep(platform, catalogue.platforms.map((p) => [p.id, p.name]));
      keep(taskType, catalogue.platforms.flatMap((p) => p.taskTypes.map((t) => [t.id, `${p.name} · ${t.name}`])));
      const keys = new Map();
      for (const r of rubrics) for (const c of r.criteria) keys.set(c.key, c.name);
      for (const e of lib?.records.values() ?? []) for (const c of e.criteria ?? []) if (!keys.has(c.toLowerCase())) keys.set(c.toLowerCase(), c);
      keep(criterion, [...keys].sort((a, b) => a[1].localeCompare(b[1])));
      const tags = new Set();
      for (const e of lib?.records.values() ?? []) if (!e.deletedAt) for (const t of e.tags ?? []) tags.add(t);
      keep(tag, [...tags].sort((a, b) => a.localeCompare(b)).map((t) => [t, t]));
    }

    function meta(e) {
      const parts = [longDate(e.createdAt)];
      if (e.platformId) parts.push(catalogue.names.platforms?.[e.platformId] ?? 'Unknown platform');
      if (e.taskTypeId) parts.push(catalogue.names.taskTypes?.[e.taskTypeId] ?? 'Unknown task type');
      return h('p', { class: 'small muted entry-meta' }, parts.join(' · '),
        e.outcome === 'approved' || e.outcome === 'rejected' ? h('span', { class: `badge ${e.outcome === 'approved' ? 'badge-on' : 'badge-warn'}` }, e.outcome) : null,
        (e.criteria ?? []).map((c) => h('span', { class: 'badge' }, c)),
        (e.tags ?? []).map((t) => h('span', { class: 'badge badge-accent' }, `#${t}`)));
    }

    function result(hit) {
      const e = lib.records.get(hit.id);
      if (!e) return null;
      const label = (e.text.length > 40 ? `${e.text.slice(0, 40)}…` : e.text);
      const button = (id, text, svg, run) => {
        const b = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'data-action': id, 'data-id': e.id,
          'aria-label': `${text}: ${label}` }, svg ? icon(svg) : null, text);
        b.addEventListener('click', run);
        return b;
      };
      return h('li', { class: 'card entry', 'data-id': e.id },
        h('p', { class: 'entry-excerpt' }, highlighted(hit.excerpt, hit.highlights)),
        meta(e),
        e.notes ? h('p', { class: 'small entry-notes' }, e.notes) : null,
        h('div', { class: 'row wrap entry-actions' },
          button('copy', 'Copy', ICONS.file, () => copy(e)),
          button('edit', 'Edit', null, () => openForm(e)),
          button('snippet', 'Make a snippet', ICONS.snippets, () => makeSnippet(e)),
          button('delete', 'Delete', null, () => remove(e))));
    }

    function run() {
      if (!lib) return;
      const found = lib.index.search(search.value, filters(), LIMIT);
      const total = lib.index.size;
      const q = search.value.trim() || Object.keys(filters()).length;
      status.textContent = q
        ? `${plural(found.total, 'entry', 'entries')} of ${total.toLocaleString()} match${found.total > LIMIT ? `; the best ${LIMIT} are shown` : ''}.`
        : `${plural(total, 'entry', 'entries')}, newest first.`;
      if (!found.hits.length) {
        replace(list, emptyState(total > 0));
        return;
      }
      replace(list, h('ul', { class: 'entry-list stack', 'aria-label': 'Library entries' }, found.hits.map(result)));
    }

    async function copy(e) {
      try {
        await navigator.clipboard.writeText(e.text);
        toast('Copied. Reword it before you submit it: platforms ban reused text.');
      } catch {
        toast('Copying was blocked by the browser; select the text and copy it yourself.');
      }
    }

    function closeEditor(focusId) {
      replace(editorSlot);
      (list.querySelector(`button[data-id="${CSS.escape(focusId ?? '')}"]`) ?? search).focus();
    }

    function openForm(entry) {
      replace(editorSlot, entryForm({
        entry, catalogue, lib, threshold: threshold(),
        onSaved: (record) => {
          lib.put(record);
          fillFilters();
          run();
          closeEditor(record.id);
          toast(entry ? 'Entry saved.' : 'Saved to your library.', { label: 'Open', id: 'library-open', run: () => show(record) });
        },
        onClose: () => closeEditor(entry?.id),
      }));
      editorSlot.querySelector('#entry-form-title')?.focus();
    }

    function show(record) {
      search.value = '';
      for (const el of [platform, taskType, criterion, outcome, tag, from, to]) el.value = '';
      run();
      const row = list.querySelector(`li[data-id="${CSS.escape(record.id)}"]`);
      row?.scrollIntoView?.({ block: 'center' });
      row?.querySelector('button')?.focus();
    }

    async function makeSnippet(e) {
      const lib0 = await fetchLibrary().catch(() => ({ rubrics: [], activeRubricId: null }));
      // Braces and backslashes are the template language's (docs/templates.md): escape them.
      const template = e.text.replace(/[{}\\]/g, (c) => `\\${c}`);
      replace(editorSlot, snippetEditor({
        snippet: { triggers: [], label: e.text.slice(0, 40), folder: 'Library', tags: e.tags ?? [], template,
          mode: 'immediate', wordBoundary: false, propagateCase: true, regex: '', criteria: e.criteria ?? [] },
        rubrics: lib0.rubrics, activeRubricId: lib0.activeRubricId,
        notice: 'A snippet from this entry: give it a trigger, and turn the parts that change into fields.',
        onSaved: (record) => {
          closeEditor(e.id);
          toast(`Snippet saved. Type ${record.triggers[0] ?? 'its trigger'} to use it.`);
        },
        onDelete: () => closeEditor(e.id),
        onClose: () => closeEditor(e.id),
      }));
      editorSlot.querySelector('#snip-editor-title')?.focus();
    }

    async function remove(e) {
      try {
        lib.put(await send(MSG.JUSTIFICATION_DELETE, { id: e.id }));
        run();
        search.focus();
        toast('Entry deleted.', { label: 'Undo', id: 'library-undo', run: async () => {
          lib.put(await send(MSG.JUSTIFICATION_RESTORE, { id: e.id }));
          run();
          toast('Entry restored.');
        } });
      } catch (err) {
        toast(`Could not delete: ${err.message}`);
      }
    }

    async function start() {
      const loading = openLibrary(({ loaded, total, lib: opened }) => {
        lib = opened;
        if (loaded > 0 && loaded < total) status.textContent = `Loading older months… (${loaded} of ${total})`;
        run();
      });
      const [c, l] = await Promise.all([send(MSG.CATALOGUE_GET).catch(() => catalogue), fetchLibrary().catch(() => ({ rubrics: [] }))]);
      catalogue = c;
      rubrics = l.rubrics ?? [];
      try {
        lib = await loading;
      } catch (e) {
        replace(list, h('div', { class: 'alert alert-danger', role: 'alert' }, icon(ICONS.alert), h('p', {}, `Could not open the library: ${e.message}`)));
        return;
      }
      fillFilters();
      run();
      stop = lib.follow(() => {
        fillFilters();
        run();
      });
      const wanted = new URLSearchParams(location.hash.split('?')[1] ?? '').get('entry');
      const record = wanted && lib.records.get(wanted);
      if (record) show(record);
    }

    search.addEventListener('input', run);
    search.addEventListener('keydown', (e) => { if (e.key === 'Escape') { search.value = ''; run(); } });
    for (const el of [platform, taskType, criterion, outcome, tag, from, to]) el.addEventListener('change', run);
    newBtn.addEventListener('click', () => openForm(null));
    // Other storage changes (settings, catalogue) need no re-render: the index follows its shards.
    this.update = () => {};
    window.addEventListener('hashchange', () => stop?.(), { once: true });
    start();

    return h('div', { class: 'stack-lg', id: 'section-library' },
      h('div', { class: 'row-between wrap section-head-row' },
        sectionHead('Library', 'Justification library', 'Your saved justifications, searched on this device. Look back at your reasoning; never paste it again word for word.'),
        newBtn),
      h('div', { class: 'toolbar row wrap', role: 'search' }, search),
      h('div', { class: 'toolbar row wrap', role: 'group', 'aria-label': 'Filters' }, platform, taskType, criterion, outcome, tag,
        // Each date stays beside its label when the toolbar wraps.
        h('span', { class: 'row' }, h('label', { class: 'small muted', for: 'library-from' }, 'From'), from),
        h('span', { class: 'row' }, h('label', { class: 'small muted', for: 'library-to' }, 'To'), to)),
      editorSlot,
      status,
      list);
  },
};
