// Data → "Export time and tasks": sessions as Toggl's or Clockify's detailed CSV, tasks as the
// native CSV with every field, for a date range (docs/ledger.md). The dashboard's own core writes
// the CSV from the month shards the range needs (ledger/book.js); nothing goes to the background.
import { h } from '../../shared/dom.js';
import { STORAGE } from '../../shared/contract.js';
import { api } from '../../shared/runtime.js';
import { saveTextFile } from '../../shared/backup.js';
import { zoneOffsets } from '../../shared/zone.js';
import { ensureRange } from './ledger/book.js';
import { presetRange, rangePicker } from './ledger/range.js';

const FORMATS = [
  ['toggl', 'Sessions for Toggl (CSV)', 'rubrica-sessions-toggl'],
  ['clockify', 'Sessions for Clockify (CSV)', 'rubrica-sessions-clockify'],
  ['tasks', 'Tasks with every field (CSV)', 'rubrica-tasks'],
];

export function exportLedgerCard() {
  let range = { ...presetRange('365'), preset: '365' };
  const status = h('p', { class: 'small', id: 'export-csv-status', role: 'status', 'aria-live': 'polite' });
  const buttons = FORMATS.map(([format, label, base]) => {
    const button = h('button', { type: 'button', class: 'btn', id: `export-${format}` }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const book = await ensureRange(range.from, range.to);
        // Amounts are never converted: each currency names its own column; with no pay at all
        // the column is named after the settings' currency.
        const { [STORAGE.SETTINGS]: settings } = await api.storage.local.get([STORAGE.SETTINGS]);
        const text = book.exportCsv(format, range.from, range.to, zoneOffsets(range.from, range.to), settings?.currency);
        const name = `${base}-${range.fromText}-to-${range.toText}.csv`;
        saveTextFile(name, text, 'text/csv');
        status.textContent = `Saved ${name} to your downloads folder.`;
      } catch (e) {
        status.textContent = `Export failed: ${e.message}`;
      } finally {
        button.disabled = false;
      }
    });
    return button;
  });
  return h('section', { class: 'card card-lg stack', 'aria-labelledby': 'export-csv-title', id: 'export-csv' },
    h('div', {}, h('h2', { id: 'export-csv-title' }, 'Export time and tasks'),
      h('p', { class: 'small muted' }, 'Sessions in the columns Toggl and Clockify import (local dates and times; the time without discarded idle; the confirmed pay of their tasks, in a column named after its currency — one per currency, never converted), or every task with every field. The JSON backup above already holds everything.')),
    rangePicker(range, (r) => { range = r; }, 'export'),
    h('div', { class: 'row wrap' }, buttons),
    status);
}
