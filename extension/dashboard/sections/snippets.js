// Snippets: the library grouped by folder, a search that filters as you type, trigger conflicts,
// the editor panel (snippet-editor.js), delete with Undo, and export as JSON or CSV.
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, icon, replace, plural } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { sectionHead } from './coming.js';
import { snippetEditor } from '../snippet-editor.js';
import { conflictText, fetchLibrary } from '../library-data.js';
import { toast } from '../toast.js';
import { pageCore } from '../../shared/page-core.js';
import { saveTextFile } from '../../shared/backup.js';

const ALL = '';

function matches(s, q) {
  if (!q) return true;
  const hay = [s.label, s.folder, s.template, s.regex ?? '', ...s.triggers, ...(s.tags ?? [])].join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

function conflictsBySnippet(conflicts) {
  const by = new Map();
  for (const c of conflicts ?? []) {
    for (const id of [c.snippetId, c.otherSnippetId, ...(c.also ?? [])]) {
      if (!by.has(id)) by.set(id, []);
      by.get(id).push(c);
    }
  }
  return by;
}

function snippetRow(s, conflicts, byId, onOpen) {
  const mine = conflicts.get(s.id) ?? [];
  const excerpt = s.template.replace(/\s+/g, ' ').slice(0, 120);
  // Its name is what it shows (triggers, label, excerpt): WCAG 2.5.3, the visible label is in the name.
  const button = h('button', { type: 'button', class: 'snippet-open', dataset: { id: s.id }, title: 'Edit' },
  h('span', { class: 'snippet-main' },
    h('span', { class: 'row wrap' },
      s.triggers.map((t) => h('code', { class: 'chip' }, t)),
      s.regex ? h('code', { class: 'chip chip-regex', title: 'Regex trigger' }, `/${s.regex}/`) : null,
      h('span', { class: 'snippet-label' }, s.label)),
    h('span', { class: 'snippet-excerpt small muted' }, excerpt)),
  h('span', { class: 'snippet-meta' },
    mine.length ? h('span', { class: 'badge badge-warn', title: mine.map((c) => conflictText(c, byId)).join('\n') },
      icon(ICONS.alert), plural(mine.length, 'conflict')) : null,
    s.builtin ? h('span', { class: 'badge' }, 'Starter') : null,
    (s.tags ?? []).map((t) => h('span', { class: 'badge badge-accent' }, t)),
    h('span', { class: 'small muted usage', title: 'Times expanded' }, `${Number(s.usageCount ?? 0).toLocaleString()} uses`)));
  button.addEventListener('click', () => onOpen(s));
  return h('li', { class: 'snippet-item', dataset: { id: s.id } }, button,
    mine.length ? h('ul', { class: 'conflict-notes small' }, mine.map((c) => h('li', {}, conflictText(c, byId)))) : null);
}

function conflictSummary(conflicts, byId) {
  if (!conflicts?.length) return null;
  return h('div', { class: 'alert alert-warn', id: 'snippet-conflicts' }, icon(ICONS.alert),
    h('div', { class: 'stack grow' },
      h('p', {}, h('strong', {}, `${plural(conflicts.length, 'trigger conflict')}. `),
        'Only one snippet expands for a shared trigger, and a short immediate trigger hides longer ones that start with it.'),
      h('ul', { class: 'problem-list' }, conflicts.map((c) => h('li', {}, conflictText(c, byId))))));
}

async function exportAs(kind, lib, status) {
  try {
    const { wasm } = await pageCore();
    const day = new Date().toISOString().slice(0, 10);
    if (kind === 'csv') {
      const { text, notes } = wasm.exportSnippetsCsv(lib.snippets);
      saveTextFile(`rubrica-snippets-${day}.csv`, text, 'text/csv');
      status.textContent = `Saved rubrica-snippets-${day}.csv.${notes.length ? ` ${plural(notes.length, 'note')}: ${notes.map((n) => `${n.snippet}: ${n.note}`).join('; ')}` : ''}`;
    } else {
      const envelope = wasm.exportSnippetsJson(lib.snippets, Date.now());
      saveTextFile(`rubrica-snippets-${day}.json`, `${JSON.stringify(envelope, null, 2)}\n`);
      status.textContent = `Saved rubrica-snippets-${day}.json.`;
    }
  } catch (e) {
    status.textContent = `Export failed: ${e.message}`;
  }
}

export default {
  id: 'snippets',
  title: 'Snippets',
  icon: 'snippets',
  countKey: 'snippets',
  render(ctx) {
    let lib = { snippets: [], rubrics: [], conflicts: [], activeRubricId: null };
    let editing = null; // {id} of the open snippet, or {id: null} for a new one
    const search = h('input', { type: 'search', class: 'input grow', id: 'snippet-search', placeholder: 'Search triggers, labels, text, tags',
      'aria-label': 'Search snippets', autocomplete: 'off' });
    const folderPick = h('select', { class: 'input select', id: 'snippet-folder', 'aria-label': 'Folder' });
    const newBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'snippet-new' }, '+ New snippet');
    const exportJson = h('button', { type: 'button', class: 'btn', id: 'snippet-export-json' }, icon(ICONS.download), 'JSON');
    const exportCsv = h('button', { type: 'button', class: 'btn', id: 'snippet-export-csv' }, icon(ICONS.download), 'CSV');
    const exportStatus = h('p', { class: 'small muted', id: 'snippet-export-status', role: 'status', 'aria-live': 'polite' });
    const count = h('p', { class: 'small muted', id: 'snippet-count', 'aria-live': 'polite' });
    const editorSlot = h('div', { id: 'snippet-editor-slot' });
    const conflictSlot = h('div', { class: 'problems-slot' });
    const list = h('div', { id: 'snippet-list', class: 'stack' });

    const byId = () => new Map(lib.snippets.map((s) => [s.id, s]));

    function openEditor(s, notice) {
      editing = { id: s?.id ?? null };
      replace(editorSlot, snippetEditor({
        snippet: s, rubrics: lib.rubrics, activeRubricId: lib.activeRubricId, notice,
        onSaved: async (record) => {
          await refresh();
          openEditor(record, `Saved ${record.label}. It expands wherever you type ${record.triggers[0] ?? 'its trigger'}.`);
        },
        onDelete: (snip) => remove(snip),
        onClose: closeEditor,
      }));
      editorSlot.querySelector('#snip-editor-title')?.focus();
      editorSlot.scrollIntoView?.({ block: 'start' });
    }

    function closeEditor() {
      const id = editing?.id;
      editing = null;
      replace(editorSlot);
      (list.querySelector(`button[data-id="${CSS.escape(id ?? '')}"]`) ?? newBtn).focus();
    }

    async function remove(s) {
      try {
        await send(MSG.SNIPPET_DELETE, { id: s.id });
        editing = null;
        replace(editorSlot);
        await refresh();
        newBtn.focus();
        toast(`Deleted ${s.label || s.triggers[0]}.`, { label: 'Undo', id: 'snippet-undo', run: async () => {
          await send(MSG.SNIPPET_RESTORE, { id: s.id });
          await refresh();
          toast(`Restored ${s.label || s.triggers[0]}.`);
        } });
      } catch (e) {
        toast(`Could not delete: ${e.message}`);
      }
    }

    function renderFolders() {
      const folders = [...new Set(lib.snippets.map((s) => s.folder))].sort((a, b) => a.localeCompare(b));
      const current = folderPick.value;
      replace(folderPick, h('option', { value: ALL }, 'All folders'),
        folders.map((f) => h('option', { value: f, selected: f === current }, f || 'No folder')));
    }

    function renderList() {
      const q = search.value.trim();
      const folder = folderPick.value;
      const shown = lib.snippets.filter((s) => (folder === ALL || s.folder === folder) && matches(s, q))
        .sort((a, b) => a.folder.localeCompare(b.folder) || (a.triggers[0] ?? '').localeCompare(b.triggers[0] ?? ''));
      count.textContent = q || folder !== ALL
        ? `${plural(shown.length, 'snippet')} of ${lib.snippets.length.toLocaleString()} shown`
        : plural(lib.snippets.length, 'snippet');
      const byFolder = new Map();
      for (const s of shown) {
        if (!byFolder.has(s.folder)) byFolder.set(s.folder, []);
        byFolder.get(s.folder).push(s);
      }
      const conflicts = conflictsBySnippet(lib.conflicts);
      const ids = byId();
      if (!shown.length) {
        replace(list, h('div', { class: 'card empty', id: 'snippet-empty' },
          h('h3', {}, lib.snippets.length ? 'No snippet matches' : 'No snippets yet'),
          h('p', {}, lib.snippets.length ? 'Try another word, or clear the search.' : 'Create one with “New snippet”, or import an espanso or CSV file in Data.')));
        return;
      }
      replace(list, [...byFolder].map(([f, items]) => h('section', { class: 'snippet-group', 'aria-label': f || 'No folder' },
        h('h2', { class: 'card-title group-title' }, icon(ICONS.file), f || 'No folder', h('span', { class: 'muted' }, ` · ${items.length}`)),
        h('ul', { class: 'snippet-list card' }, items.map((s) => snippetRow(s, conflicts, ids, openEditor))))));
    }

    async function refresh() {
      try {
        lib = await fetchLibrary();
      } catch (e) {
        replace(list, h('div', { class: 'alert alert-danger', role: 'alert' }, icon(ICONS.alert), h('p', {}, `Could not load snippets: ${e.message}`)));
        return;
      }
      renderFolders();
      replace(conflictSlot, conflictSummary(lib.conflicts, byId()));
      renderList();
    }

    search.addEventListener('input', renderList);
    search.addEventListener('keydown', (e) => { if (e.key === 'Escape') { search.value = ''; renderList(); } });
    folderPick.addEventListener('change', renderList);
    newBtn.addEventListener('click', () => openEditor(null));
    exportJson.addEventListener('click', () => exportAs('json', lib, exportStatus));
    exportCsv.addEventListener('click', () => exportAs('csv', lib, exportStatus));
    // Storage changed elsewhere (popup, another tab): refresh the list, keep the open editor.
    this.update = () => refresh();
    refresh();

    return h('div', { class: 'stack-lg', id: 'section-snippets' },
      h('div', { class: 'row-between wrap section-head-row' },
        sectionHead('Library', 'Snippets', 'Reusable justification text, expanded where you type its trigger.'),
        h('div', { class: 'row' }, h('span', { class: 'small muted' }, 'Export'), exportJson, exportCsv)),
      exportStatus,
      h('div', { class: 'toolbar row wrap' }, search, folderPick, newBtn),
      editorSlot,
      conflictSlot,
      count,
      list);
  },
};
