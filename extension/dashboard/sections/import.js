// The import area of the Data section: choose or drop a file → preview what changes → import.
import { h, icon, replace } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { pageCore } from '../../shared/page-core.js';
import { showOutlierPlan, showTogglPlan } from './import-ledger.js';
import { planSnippets, showSnippetPlan } from './import-snippets.js';
import { askPassphrase } from './passphrase.js';

const MAX_BYTES = 32 * 1024 * 1024;
const LABELS = {
  platforms: 'Platforms', taskTypes: 'Task types', rubrics: 'Rubrics', snippets: 'Snippets',
  alerts: 'Alerts', sessions: 'Sessions', tasks: 'Tasks', justifications: 'Justifications',
};

function summaryTable(summary, caption) {
  const rows = Object.entries(summary ?? {});
  if (!rows.length) return h('p', { class: 'muted small' }, 'The file holds no records.');
  const cell = (n) => h('td', { class: n ? '' : 'num-zero' }, Number(n ?? 0).toLocaleString());
  return h('table', { class: 'table', id: 'import-summary' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Collection'), h('th', { scope: 'col' }, 'Added'),
      h('th', { scope: 'col' }, 'Updated'), h('th', { scope: 'col' }, 'Skipped'))),
    h('tbody', {}, rows.map(([name, c]) =>
      h('tr', {}, h('th', { scope: 'row' }, LABELS[name] ?? name), cell(c.added), cell(c.updated), cell(c.skipped)))));
}

function totals(summary) {
  const t = { added: 0, updated: 0, skipped: 0 };
  for (const c of Object.values(summary ?? {})) for (const k of Object.keys(t)) t[k] += Number(c[k] ?? 0);
  return t;
}

function settingsLine(replaces) {
  return h('p', { class: 'small', id: 'import-settings-note' }, replaces
    ? h('strong', {}, 'Your settings will be replaced by the settings in this file.')
    : 'Your settings stay as they are.');
}

/** An error from preview or commit, with line/column and the caret excerpt when the file has them. */
export function errorView(error, fileName) {
  const where = error.line ? `Line ${error.line}${error.column ? `, column ${error.column}` : ''}` : null;
  return h('div', { class: 'alert alert-danger', role: 'alert', id: 'import-error' }, icon(ICONS.alert),
    h('div', { class: 'stack grow' },
      h('p', {}, h('strong', {}, `${fileName ? `${fileName}: ` : ''}could not be imported. `), error.message),
      where ? h('p', { class: 'small mono' }, where) : null,
      error.excerpt ? h('pre', { class: 'code-excerpt', 'aria-label': 'Where the problem is' }, error.excerpt) : null));
}

export function importCard({ send, MSG, reload }) {
  const input = h('input', { type: 'file', id: 'import-file', accept: '.json,.enc,.yaml,.yml,.csv,.tsv,application/json,text/csv',
    'aria-describedby': 'import-hint' });
  const zone = h('label', { class: 'dropzone', for: 'import-file' },
    h('span', { html: ICONS.upload, 'aria-hidden': 'true', class: 'icon' }),
    h('span', { class: 'field-label' }, 'Choose a file to import'),
    h('span', { class: 'small muted', id: 'import-hint' }, 'or drop it here — a Rubrica backup or export (.json, or .enc when encrypted), an espanso match file (.yml), a snippet CSV, an Outlier earnings CSV or a Toggl detailed CSV of time entries (.csv). Nothing changes until you confirm.'),
    input);
  const out = h('div', { class: 'result', id: 'import-result', 'aria-live': 'polite' });
  let pending = null;

  function reset() {
    pending = null;
    input.value = '';
    replace(out);
  }

  async function preview(file) {
    reset();
    if (file.size > MAX_BYTES) {
      replace(out, errorView({ message: 'This file is larger than 32 MB; split it and import the parts.' }, file.name));
      return;
    }
    replace(out, h('p', { class: 'small muted' }, `Reading ${file.name}…`));
    try {
      const text = await file.text();
      // The worker tells what the file is (an import error naming the accepted formats when it is
      // none of them) and plans espanso and CSV files; this page's own core is loaded only to open
      // an encrypted backup, so choosing a large file costs this page no WebAssembly work.
      const snippetPlan = await planSnippets({ send, MSG, out }, file.name, text);
      if (!snippetPlan) {
        // Cancelled while planning: nothing was stored and the worker is gone.
        reset();
        input.focus();
        return;
      }
      if (snippetPlan.encrypted) {
        // Decrypt in this page, then preview the backup's JSON as any other; a wrong passphrase or
        // a changed byte throws before anything is sent to the background.
        const { wasm } = await pageCore();
        askPassphrase({ out, fileName: file.name, cancel: () => { reset(); input.focus(); },
          open: (passphrase) => previewRubrica(file.name, wasm.decryptBackup(text, passphrase)) });
        return;
      }
      if (snippetPlan.outlier) {
        await showOutlierPlan({ send, MSG, reload, out, reset, focusInput: () => input.focus(), errorView }, file.name, text);
        return;
      }
      if (snippetPlan.toggl) {
        await showTogglPlan({ send, MSG, reload, out, reset, focusInput: () => input.focus(), errorView }, file.name, text);
        return;
      }
      if (snippetPlan.format !== 'rubrica') {
        await showSnippetPlan({ send, MSG, reload, out, reset, focusInput: () => input.focus(), errorView }, file.name, snippetPlan);
        return;
      }
      await previewRubrica(file.name, text);
    } catch (e) {
      replace(out, errorView(e, file.name));
    }
  }

  /** Previews a Rubrica file's text (a plain backup, or an encrypted one once opened). */
  async function previewRubrica(fileName, text) {
    const file = { name: fileName };
    try {
      const plan = await send(MSG.IMPORT_PREVIEW, { fileName: file.name, text });
      pending = { fileName: file.name, text };
      const t = totals(plan.summary);
      const commit = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-commit' }, icon(ICONS.upload), 'Import');
      const cancel = h('button', { type: 'button', class: 'btn', id: 'import-cancel' }, 'Cancel');
      commit.addEventListener('click', () => doCommit(commit, cancel));
      cancel.addEventListener('click', () => { reset(); input.focus(); });
      replace(out, h('section', { class: 'card stack', 'aria-labelledby': 'import-preview-title', id: 'import-preview' },
        h('div', { class: 'row-between wrap' },
          h('h3', { id: 'import-preview-title' }, 'Preview: ', h('span', { class: 'mono' }, file.name)),
          h('span', { class: 'badge badge-accent' }, plan.kind ?? 'file')),
        h('p', { class: 'small' }, `${t.added} to add, ${t.updated} to update, ${t.skipped} to skip (already up to date).`),
        summaryTable(plan.summary, 'What the import will change'),
        settingsLine(plan.replacesSettings),
        h('div', { class: 'row' }, commit, cancel)));
    } catch (e) {
      replace(out, errorView(e, file.name));
    }
  }

  async function doCommit(commit, cancel) {
    if (!pending) return;
    commit.disabled = true;
    cancel.disabled = true;
    const { fileName } = pending;
    try {
      const plan = await send(MSG.IMPORT_COMMIT, pending);
      const t = totals(plan.summary);
      reset();
      replace(out, h('div', { class: 'alert alert-success', role: 'status', id: 'import-done' }, icon(ICONS.check),
        h('div', { class: 'stack grow' },
          h('p', {}, h('strong', {}, `Imported ${fileName}. `), `${t.added} added, ${t.updated} updated, ${t.skipped} skipped.`),
          summaryTable(plan.summary, 'What the import changed'),
          plan.replacesSettings ? h('p', { class: 'small' }, 'Settings were replaced by the file’s settings.') : null)));
      await reload();
    } catch (e) {
      commit.disabled = false;
      cancel.disabled = false;
      out.append(errorView(e, fileName));
    }
  }

  input.addEventListener('change', () => input.files?.[0] && preview(input.files[0]));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('is-over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('is-over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('is-over');
    const file = e.dataTransfer?.files?.[0];
    if (file) preview(file);
  });

  return h('section', { class: 'card card-lg', 'aria-labelledby': 'import-title' },
    h('div', { class: 'card-head' }, h('div', {}, h('h2', { id: 'import-title' }, 'Import'),
      h('p', {}, 'Restore a backup, merge one from another computer, or bring in snippets from espanso or a spreadsheet. Nothing is deleted.'))),
    h('div', { class: 'stack' }, zone, out));
}
