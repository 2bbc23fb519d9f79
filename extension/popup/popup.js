// The toolbar popup: work session (session.js), current-site status, quick actions.
import { send, api } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { applyTheme } from '../shared/theme.js';
import { siteStatus } from '../shared/sites.js';
import { ICONS, MARK } from '../dashboard/icons.js';
import { exportBackup } from '../dashboard/backup.js';
import { plural } from '../dashboard/dom.js';
import { loadSession, wireSession } from './session.js';

const $ = (id) => document.getElementById(id);
let state = null;
let tabUrl = null;
let busy = false;

function paintIcons(root = document) {
  for (const el of root.querySelectorAll('[data-icon]')) el.innerHTML = ICONS[el.dataset.icon] ?? '';
}

function say(text, kind = 'ok') {
  const el = $('action-status');
  el.className = `small action-status ${kind === 'error' ? 'status-error' : 'status-ok'}`;
  el.textContent = text;
}

const SITE_TEXT = {
  unsupported: { badge: 'Not available', tone: 'badge-off', detail: 'Text expansion works in web pages only, not on browser or extension pages.' },
  platform: { badge: 'Expansion on', tone: 'badge-on', detail: 'A built-in task platform. Type a trigger in any text field here.' },
  extra: { badge: 'Expansion on', tone: 'badge-on', detail: 'You enabled expansion on this site.' },
  disabled: { badge: 'Off here', tone: 'badge-off', detail: 'You turned expansion off for this platform.' },
  'not-enabled': { badge: 'Not enabled', tone: 'badge-off', detail: 'Expansion runs on task platforms only. Coming soon: enable on this site.' },
  paused: { badge: 'Paused', tone: 'badge-warn', detail: 'Expansion is paused everywhere. Resume it below.' },
};

function renderSite() {
  const status = tabUrl ? siteStatus(tabUrl, state?.settings) : { host: '', state: 'unsupported', runs: false };
  const paused = state?.settings?.expansion?.enabled === false;
  const key = paused && (status.state === 'platform' || status.state === 'extra') ? 'paused' : status.state;
  const text = SITE_TEXT[key];
  $('site-host').textContent = status.state === 'unsupported' ? 'No web page' : status.host;
  $('site-host').title = status.host;
  $('site-badge').className = `badge ${text.tone}`;
  $('site-badge-text').textContent = text.badge;
  $('site-detail').textContent = text.detail;
  $('site-enable').hidden = status.state !== 'not-enabled';
}

function renderExpansionToggle() {
  const enabled = state?.settings?.expansion?.enabled !== false;
  const btn = $('toggle-expansion');
  btn.querySelector('.action-label').textContent = enabled ? 'Pause expansion' : 'Resume expansion';
  btn.querySelector('[data-icon]').dataset.icon = enabled ? 'pause' : 'play';
  btn.classList.toggle('is-paused', !enabled);
  btn.disabled = !state;
  paintIcons(btn);
}

function renderProblems() {
  const problems = state?.problems ?? [];
  $('problems').hidden = problems.length === 0;
  $('problems-title').textContent = `${plural(problems.length, 'stored record')} could not be read`;
}

function render() {
  applyTheme(state?.settings?.theme);
  renderProblems();
  renderExpansionToggle();
  renderSite();
}

async function load() {
  try {
    state = await send(MSG.STATE_GET);
    $('load-error').hidden = true;
  } catch (e) {
    $('load-error').hidden = false;
    $('load-error').textContent = `Rubrica could not load its data: ${e.message}`;
  }
  render();
  await loadSession(state?.settings);
}

async function loadTab() {
  try {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    tabUrl = tab?.url ?? null;
  } catch {
    tabUrl = null;
  }
}

function openDashboard(hash = '') {
  const url = api.runtime.getURL(`dashboard/dashboard.html${hash}`);
  const opening = hash && api.tabs?.create ? api.tabs.create({ url }) : api.runtime.openOptionsPage();
  Promise.resolve(opening).finally(() => window.close());
}

async function guarded(action) {
  if (busy) return;
  busy = true;
  try {
    await action();
  } catch (e) {
    say(e.message, 'error');
  } finally {
    busy = false;
  }
}

function wire() {
  $('toggle-expansion').addEventListener('click', () =>
    guarded(async () => {
      const enabled = state?.settings?.expansion?.enabled !== false;
      const settings = await send(MSG.SETTINGS_UPDATE, { patch: { expansion: { enabled: !enabled } } });
      state = { ...state, settings };
      render();
      say(enabled ? 'Expansion paused on every site.' : 'Expansion resumed.');
    }),
  );
  $('export-backup').addEventListener('click', () =>
    guarded(async () => {
      const fileName = await exportBackup();
      say(`Backup saved as ${fileName}.`);
      await load();
    }),
  );
  $('open-dashboard').addEventListener('click', () => openDashboard());
  $('open-settings').addEventListener('click', () => openDashboard('#settings'));
  $('problems-link').addEventListener('click', (e) => {
    e.preventDefault();
    openDashboard('#data');
  });
  api.storage?.onChanged?.addListener(() => load());
}

wireSession({ error: (e) => say(e.message, 'error') });
$('brand-mark').innerHTML = MARK;
$('open-settings').innerHTML = ICONS.settings;
paintIcons();
wire();
await Promise.all([loadTab(), load()]);
