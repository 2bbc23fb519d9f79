// Data: export a backup, import a file (preview → commit), storage usage and unreadable records.
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, icon, replace } from '../../shared/dom.js';
import { byteSize, dateTime } from '../../shared/format.js';
import { ICONS } from '../../shared/icons.js';
import { backupDue, encryptWith, exportBackup } from '../../shared/backup.js';
import { sectionHead } from './coming.js';
import { exportLedgerCard } from './export-ledger.js';
import { passphraseFields } from './passphrase.js';
import { pageCore } from '../../shared/page-core.js';
import { importCard } from './import.js';

function exportCard(ctx, status) {
  const fields = passphraseFields();
  const button = h('button', { type: 'button', class: 'btn btn-primary', id: 'export-backup' },
    icon(ICONS.download), 'Export backup');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.className = 'small';
    status.textContent = 'Preparing the backup…';
    try {
      const { passphrase } = await fields.read();
      const encrypt = passphrase ? encryptWith((await pageCore()).wasm, passphrase) : null;
      if (encrypt) status.textContent = 'Encrypting the backup…';
      const name = await exportBackup({ encrypt });
      fields.clear();
      status.className = 'small status-ok';
      status.textContent = `Saved ${name} to your downloads folder${encrypt ? ' (encrypted)' : ''}.`;
      await ctx.reload();
    } catch (e) {
      status.className = 'small status-error';
      status.textContent = `Export failed: ${e.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card card-lg', 'aria-labelledby': 'export-title' },
    h('div', { class: 'card-head' },
      h('div', {}, h('h2', { id: 'export-title' }, 'Export a backup'),
        h('p', {}, 'One file with your snippets, rubrics, justifications, sessions, tasks and settings. Keep it somewhere safe; it never leaves this device unless you move it. Add a passphrase before you put it in cloud storage or email.'),
        status),
      button),
    fields.el);
}

function usageCard() {
  const body = h('div', { class: 'stack', id: 'data-usage' });
  return { el: h('section', { class: 'card stack', 'aria-labelledby': 'usage-title' },
    h('h2', { id: 'usage-title', class: 'card-title' }, 'On this device'), body), body };
}

function renderUsage(body, state) {
  const s = state?.settings ?? {};
  const last = dateTime(s.lastExportAt);
  const due = backupDue(s);
  replace(body,
    h('div', { class: 'stat-grid' },
      h('div', { class: 'stat' }, h('div', { class: 'stat-value', id: 'bytes-in-use' }, byteSize(state?.bytesInUse)),
        h('div', { class: 'stat-label' }, 'Storage in use')),
      h('div', { class: 'stat' }, h('div', { class: 'stat-value small-value', id: 'last-export' }, last ?? 'Never'),
        h('div', { class: 'stat-label' }, 'Last export'))),
    h('div', { class: `alert ${due.due ? 'alert-warn' : 'alert-info'}` }, icon(due.due ? ICONS.alert : ICONS.info),
      h('p', {}, due.due ? h('strong', {}, 'A backup is due. ') : null,
        'Uninstalling Rubrica deletes everything it stores on this device. Export a backup before you uninstall, switch computers or reset the browser.')));
}

function problemsCard(state) {
  const problems = state?.problems ?? [];
  if (!problems.length) return null;
  return h('section', { class: 'alert alert-warn', id: 'problems', 'aria-labelledby': 'problems-title' },
    icon(ICONS.alert),
      h('div', { class: 'stack' },
        h('h2', { id: 'problems-title', class: 'small' }, 'Records that could not be read'),
        h('p', { class: 'small' }, 'These stored records are kept untouched and left out until they can be read. Exporting a backup keeps them as they are.'),
        h('ul', { class: 'problem-list small' }, problems.map((p) =>
          h('li', {}, h('code', {}, p.id ? `${p.key} / ${p.id}` : p.key), ': ', p.message)))));
}

export default {
  id: 'data',
  title: 'Data',
  icon: 'data',
  render(ctx) {
    const status = h('p', { class: 'small', id: 'export-status', role: 'status', 'aria-live': 'polite' });
    const usage = usageCard();
    renderUsage(usage.body, ctx.state);
    const problems = h('div', { class: 'problems-slot' }, problemsCard(ctx.state));
    const root = h('div', { class: 'stack-lg', id: 'section-data' },
      sectionHead('Your data', 'Data', 'Everything Rubrica knows lives in this browser profile. Back it up, restore it, or move it to another computer.'),
      problems,
      exportCard(ctx, status),
      exportLedgerCard(),
      importCard({ ...ctx, send, MSG }),
      usage.el);
    this.update = (state) => {
      renderUsage(usage.body, state);
      replace(problems, problemsCard(state));
    };
    return root;
  },
};
