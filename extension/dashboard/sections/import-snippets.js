// Snippet files in the Data section's import area (espanso YAML, snippet CSV): the page's core
// plans the import against the library, the preview shows what will be added, skipped and noted,
// and "Import N snippets" sends the reviewed snippets in one `snippets.import`.
import { h, icon, replace, plural } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { pageCore } from '../../shared/page-core.js';
import { conflictText } from '../library-data.js';

const FORMAT_NAMES = { espanso: 'espanso YAML', csv: 'snippet CSV', rubrica: 'Rubrica JSON' };

/** Plans the import of `text` against the current library. Throws the core's error (line, column, excerpt). */
export async function planSnippets({ send, MSG }, fileName, text) {
  const { wasm } = await pageCore();
  const lib = await send(MSG.LIBRARY_GET);
  const plan = wasm.planSnippetImport(fileName, text, lib.snippets, Date.now(), crypto.getRandomValues(new Uint8Array(16)));
  plan.byId = new Map([...lib.snippets, ...plan.added].map((s) => [s.id, s]));
  return plan;
}

/** "line 4" / "row 3 (line 4)" for a skipped item. */
function where(s) {
  if (s.row) return `row ${s.row}${s.line ? ` (line ${s.line})` : ''}`;
  return s.line ? `line ${s.line}` : '—';
}

function table(id, caption, head, rows) {
  return h('table', { class: 'table table-left', id },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows));
}

function block(title, count, body, open = true) {
  return h('details', { class: 'import-block', open },
    h('summary', {}, h('strong', {}, title), ' ', h('span', { class: 'badge' }, count.toLocaleString())), body);
}

/** The review of a snippet import plan. */
export function planView(plan) {
  const added = table('import-added', 'Snippets to add', ['Triggers', 'Label or text', 'Folder'], plan.added.map((s) => h('tr', {},
    h('td', {}, h('span', { class: 'row wrap' }, s.triggers.map((t) => h('code', { class: 'chip' }, t)),
      s.regex ? h('code', { class: 'chip chip-regex' }, `/${s.regex}/`) : null)),
    h('td', {}, s.label || h('span', { class: 'muted' }, s.template.replace(/\s+/g, ' ').slice(0, 60))),
    h('td', { class: 'muted' }, s.folder || '—'))));
  const skipped = table('import-skipped', 'Items not imported', ['Where', 'Item', 'Why'], plan.skipped.map((s) => h('tr', {},
    h('td', { class: 'mono nowrap' }, where(s)), h('td', {}, s.item || '—'), h('td', {}, s.reason))));
  const notes = table('import-notes', 'Notes on imported snippets', ['Line', 'Snippet', 'Note'], plan.notes.map((n) => h('tr', {},
    h('td', { class: 'mono nowrap' }, n.line ? String(n.line) : '—'), h('td', {}, n.snippet || 'whole file'), h('td', {}, n.note))));
  const conflicts = h('ul', { class: 'problem-list small', id: 'import-conflicts' }, plan.conflicts.map((c) => h('li', {}, conflictText(c, plan.byId ?? new Map()))));
  return h('div', { class: 'stack' },
    h('p', { class: 'small', id: 'import-snippet-summary' },
      `${plural(plan.added.length, 'snippet')} to add, ${plan.skipped.length.toLocaleString()} skipped, `,
      `${plural(plan.notes.length, 'note')}, ${plural(plan.conflicts.length, 'trigger conflict')}.`),
    plan.added.length ? block('Will be added', plan.added.length, added, plan.added.length <= 40) : null,
    plan.skipped.length ? block('Skipped', plan.skipped.length, skipped) : null,
    plan.notes.length ? block('Changed on the way in', plan.notes.length, notes) : null,
    plan.conflicts.length ? h('div', { class: 'alert alert-warn' }, icon(ICONS.alert), h('div', { class: 'stack grow' },
      h('p', {}, h('strong', {}, 'Trigger conflicts after the import. '), 'You can fix them in Snippets afterwards.'), conflicts)) : null);
}

/**
 * Renders the preview of `plan` into `out` with "Import N snippets" and Cancel; on commit sends
 * `snippets.import` and shows the result (`#import-done`) or the error (`#import-error`).
 */
export function showSnippetPlan({ send, MSG, reload, out, reset, focusInput, errorView }, fileName, plan) {
  const n = plan.added.length;
  const commit = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-commit', disabled: n === 0 },
    icon(ICONS.upload), n ? `Import ${plural(n, 'snippet')}` : 'Nothing to import');
  const cancel = h('button', { type: 'button', class: 'btn', id: 'import-cancel' }, 'Cancel');
  cancel.addEventListener('click', () => { reset(); focusInput(); });
  commit.addEventListener('click', async () => {
    commit.disabled = true;
    cancel.disabled = true;
    try {
      const result = await send(MSG.SNIPPETS_IMPORT, { fileName, snippets: plan.added });
      reset();
      replace(out, h('div', { class: 'alert alert-success', role: 'status', id: 'import-done' }, icon(ICONS.check),
        h('div', { class: 'stack grow' },
          h('p', {}, h('strong', {}, `Imported ${fileName}. `),
            `${plural(result.added, 'snippet')} added${result.skipped ? `, ${result.skipped} already there` : ''}. `,
            h('a', { href: '#snippets', id: 'import-see-snippets' }, 'See them in Snippets')))));
      await reload();
    } catch (e) {
      commit.disabled = false;
      cancel.disabled = false;
      out.append(errorView(e, fileName));
    }
  });
  replace(out, h('section', { class: 'card stack', 'aria-labelledby': 'import-preview-title', id: 'import-preview' },
    h('div', { class: 'row-between wrap' },
      h('h3', { id: 'import-preview-title' }, 'Preview: ', h('span', { class: 'mono' }, fileName)),
      h('span', { class: 'badge badge-accent', id: 'import-format' }, FORMAT_NAMES[plan.format] ?? plan.format)),
    planView(plan),
    h('div', { class: 'row' }, commit, cancel)));
}
