// Snippet files in the Data section's import area (espanso YAML, snippet CSV): a worker running
// the core (../plan-worker.js) plans the import against the library, the preview shows what will
// be added, skipped and noted, and "Import N snippets" sends the reviewed snippets in one
// `snippets.import`. Planning shows its progress after a second and can be cancelled; the page's
// own thread only moves the library's parts along and draws the first rows of each list.
import { h, icon, replace, plural } from '../../shared/dom.js';
import { api } from '../../shared/runtime.js';
import { ICONS } from '../../shared/icons.js';

const FORMAT_NAMES = { espanso: 'espanso YAML', csv: 'snippet CSV', rubrica: 'Rubrica JSON' };
/** Snippets per `library.snippetsPart` (about 1–2 MB of JSON: a short task each). */
const PART = 5000;
/** Planning that takes longer than this shows its progress and a Cancel button. */
const SHOW_PROGRESS_MS = 1000;

/**
 * Plans the import of `text` against the library in a worker. Resolves to `{view, added}` (`added`:
 * the added snippets as UTF-8 JSON bytes, an ArrayBuffer); for a file that is not a snippet file
 * to `{encrypted: true}` (an encrypted backup), `{outlier: true}` (an Outlier earnings CSV),
 * `{toggl: true}` (a Toggl detailed CSV of time entries) or
 * `{format: 'rubrica'}` (a Rubrica JSON file, which the background previews); or to null when the
 * user cancelled (the worker is gone and nothing was stored). Rejects with the core's error (line,
 * column, excerpt) for a malformed file or one of no known format. The page's own thread never
 * runs the core here: the worker tells what the file is, reads it while this page fetches the
 * library, and plans.
 */
export function planSnippets({ send, MSG, out }, fileName, text) {
  return new Promise((resolve, reject) => {
    // By its extension URL: the dashboard's modules are bundled into one file (build.sh).
    const worker = new Worker(api.runtime.getURL('dashboard/plan-worker.js'), { type: 'module' });
    let told;
    const format = new Promise((r) => { told = r; });
    const started = performance.now();
    let stage = 'Reading the file and your library';
    let done = false;
    const bar = h('progress', { id: 'import-progress', 'aria-labelledby': 'import-progress-text' });
    const label = h('p', { class: 'small', id: 'import-progress-text' }, 'Planning the import…');
    const cancel = h('button', { type: 'button', class: 'btn', id: 'import-plan-cancel' }, 'Cancel');
    const box = h('div', { class: 'card stack', id: 'import-planning', role: 'status' }, label, bar, h('div', { class: 'row' }, cancel));
    let shown = false;
    const tick = setInterval(() => {
      const ms = performance.now() - started;
      if (!shown && ms > SHOW_PROGRESS_MS) {
        shown = true;
        replace(out, box);
        cancel.focus();
      }
      if (shown) label.textContent = `Planning the import of ${fileName}: ${stage}… (${Math.round(ms / 1000)} s)`;
    }, 250);
    const finish = () => {
      done = true;
      clearInterval(tick);
      worker.terminate();
    };
    cancel.addEventListener('click', () => {
      finish();
      resolve(null);
    });
    worker.addEventListener('message', ({ data }) => {
      if (done) return;
      if (data.type === 'format') {
        told({ format: data.format, encrypted: data.encrypted, outlier: data.outlier, toggl: data.toggl });
      } else if (data.type === 'progress' && data.stage === 'planning') {
        stage = 'planning';
        bar.removeAttribute('value'); // the core's planning: no fraction to show
      } else if (data.type === 'plan') {
        finish();
        resolve({ view: data.view, added: data.added });
      } else if (data.type === 'error') {
        finish();
        reject(Object.assign(new Error(data.error.message), data.error));
      }
    });
    worker.addEventListener('error', (e) => {
      if (done) return;
      finish();
      reject(new Error(`The import planner stopped: ${e.message ?? 'unknown error'}`));
    });
    (async () => {
      // The start of the file is enough to tell what it is.
      worker.postMessage({ type: 'detect', fileName, head: text.slice(0, 65536) });
      const kind = await format;
      if (kind.encrypted || kind.outlier || kind.toggl || kind.format === 'rubrica') {
        finish();
        resolve(kind);
        return;
      }
      // The worker reads the file while the library's parts arrive (it handles them in order).
      worker.postMessage({ type: 'file', fileName, text, now: Date.now(), seed: crypto.getRandomValues(new Uint8Array(16)) });
      let offset = 0;
      let total = 1;
      while (offset < total && !done) {
        const part = await send(MSG.LIBRARY_SNIPPETS_PART, { offset, limit: PART });
        total = part.total;
        if (done) return;
        worker.postMessage({ type: 'library', text: part.text });
        offset += PART;
        bar.max = Math.max(total, 1);
        bar.value = Math.min(offset, total);
      }
      stage = 'Reading the file';
      if (!done) worker.postMessage({ type: 'plan' });
    })().catch((e) => {
      if (done) return;
      finish();
      reject(e);
    });
  });
}

/** Lets the page draw and take input between slices of work (scheduler.yield where there is one). */
const yieldToPage = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0)));

/** Rows for `items`, made a slice at a time with the page free in between (no long task). */
async function rowsOf(items, make, slice = 60) {
  const rows = [];
  for (let i = 0; i < items.length; i += slice) {
    if (i > 0) await yieldToPage();
    for (const item of items.slice(i, i + slice)) rows.push(make(item));
  }
  return rows;
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

/** "Showing the first 300 of 12,000." under a list the preview cut short. */
function more(shown, total) {
  return total > shown ? h('p', { class: 'small muted' }, `Showing the first ${shown.toLocaleString()} of ${total.toLocaleString()}.`) : null;
}

function block(title, count, body, open = true) {
  return h('details', { class: 'import-block', open },
    h('summary', {}, h('strong', {}, title), ' ', h('span', { class: 'badge' }, count.toLocaleString())), body);
}

/** The review of a snippet import plan (the worker's view of it), drawn a slice at a time. */
export async function planView(view) {
  const { counts } = view;
  const added = table('import-added', 'Snippets to add', ['Triggers', 'Label', 'Text, as the form shows it', 'Folder'], await rowsOf(view.added, (s) => h('tr', {},
    h('td', {}, h('span', { class: 'row wrap' }, s.triggers.map((t) => h('code', { class: 'chip' }, t)),
      s.regex ? h('code', { class: 'chip chip-regex' }, `/${s.regex}/`) : null)),
    h('td', {}, s.label || h('span', { class: 'muted' }, '—')),
    h('td', { class: 'import-outline' }, s.outline.replace(/\s+/g, ' ').slice(0, 120)),
    h('td', { class: 'muted' }, s.folder || '—'))));
  const skipped = table('import-skipped', 'Items not imported', ['Where', 'Item', 'Why'], await rowsOf(view.skipped, (s) => h('tr', {},
    h('td', { class: 'mono nowrap' }, where(s)), h('td', {}, s.item || '—'), h('td', {}, s.reason))));
  const notes = table('import-notes', 'Notes on imported snippets', ['Line', 'Snippet', 'Note'], await rowsOf(view.notes, (n) => h('tr', {},
    h('td', { class: 'mono nowrap' }, n.line ? String(n.line) : '—'), h('td', {}, n.snippet || 'whole file'), h('td', {}, n.note))));
  const conflicts = h('ul', { class: 'problem-list small', id: 'import-conflicts' }, await rowsOf(view.conflicts, (c) => h('li', {}, c.text)));
  return h('div', { class: 'stack' },
    h('p', { class: 'small', id: 'import-snippet-summary' },
      `${plural(counts.added, 'snippet')} to add, ${counts.skipped.toLocaleString()} skipped, `,
      `${plural(counts.notes, 'note')}, ${plural(counts.conflicts, 'trigger conflict')}.`),
    counts.added ? block('Will be added', counts.added, h('div', {}, added, more(view.added.length, counts.added)), counts.added <= 40) : null,
    counts.skipped ? block('Skipped', counts.skipped, h('div', {}, skipped, more(view.skipped.length, counts.skipped))) : null,
    counts.notes ? block('Changed on the way in', counts.notes, h('div', {}, notes, more(view.notes.length, counts.notes))) : null,
    counts.conflicts ? h('div', { class: 'alert alert-warn' }, icon(ICONS.alert), h('div', { class: 'stack grow' },
      h('p', {}, h('strong', {}, 'Trigger conflicts after the import. '), 'The first snippet in the file (or the older one in your library) expands. You can fix them in Snippets afterwards.'),
      conflicts, more(view.conflicts.length, counts.conflicts))) : null);
}

/**
 * Renders the preview of `plan` into `out` with "Import N snippets" and Cancel (built off the
 * page in slices, then shown at once); on commit sends `snippets.import` and shows the result
 * (`#import-done`) or the error (`#import-error`).
 */
export async function showSnippetPlan({ send, MSG, reload, out, reset, focusInput, errorView }, fileName, plan) {
  const n = plan.view.counts.added;
  const commit = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-commit', disabled: n === 0 },
    icon(ICONS.upload), n ? `Import ${plural(n, 'snippet')}` : 'Nothing to import');
  const cancel = h('button', { type: 'button', class: 'btn', id: 'import-cancel' }, 'Cancel');
  cancel.addEventListener('click', () => { reset(); focusInput(); });
  commit.addEventListener('click', async () => {
    commit.disabled = true;
    cancel.disabled = true;
    try {
      // The worker's bytes become the message's JSON text only now, when they are sent.
      const snippetsJson = new TextDecoder().decode(plan.added);
      const result = await send(MSG.SNIPPETS_IMPORT, { fileName, snippetsJson });
      reset();
      replace(out, h('div', { class: 'alert alert-success', role: 'status', id: 'import-done' }, icon(ICONS.check),
        h('div', { class: 'stack grow' },
          h('p', {}, h('strong', {}, `Imported ${fileName}. `),
            `${plural(result.added, 'snippet')} added${result.skipped ? `, ${result.skipped} already there` : ''}. `,
            h('a', { href: '#snippets', id: 'import-see-snippets' }, 'See them in Snippets')))));
      await reload();
    } catch (e) {
      // The preview checks what the import checks, so this is rare (storage full, the library
      // changed meanwhile): the button stays off for this plan; choose the file again.
      cancel.disabled = false;
      out.append(errorView(e, fileName));
    }
  });
  replace(out, h('section', { class: 'card stack', 'aria-labelledby': 'import-preview-title', id: 'import-preview' },
    h('div', { class: 'row-between wrap' },
      h('h3', { id: 'import-preview-title' }, 'Preview: ', h('span', { class: 'mono' }, fileName)),
      h('span', { class: 'badge badge-accent', id: 'import-format' }, FORMAT_NAMES[plan.view.format] ?? plan.view.format)),
    await planView(plan.view),
    h('div', { class: 'row' }, commit, cancel)));
}
