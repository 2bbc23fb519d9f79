// The toolbar popup: work session (session.js), current-site status, quick actions. It reads its
// state when it opens, after its own settings and site actions, and when the settings or the
// browser's site permissions change elsewhere (Settings, the browser's menu); the session card
// follows the background's notices (session.js).
import { send, api } from '../shared/runtime.js';
import { MSG, STORAGE } from '../shared/contract.js';
import { applyTheme } from '../shared/theme.js';
import { siteStatus, sitePattern } from '../shared/sites.js';
import { grantedPatterns } from '../shared/site-access.js';
import { currentTab } from './current-tab.js';
import { ICONS, MARK } from '../shared/icons.js';
import { backupDue, exportBackup } from '../shared/backup.js';
import { $, oneAtATime, plural } from '../shared/dom.js';
import { loadSession, wireSession } from './session.js';
import { openQuickLog, refreshQuickLogButton, wireQuickLog } from './quick-log.js';
import { loadAlerts, wireAlerts } from './alerts.js';

let state = null;
let tab = null;
/** Whether Rubrica holds the host permission of the current tab's site (extra sites need it). */
let siteGranted = false;

function paintIcons(root = document) {
  for (const el of root.querySelectorAll('[data-icon]')) el.innerHTML = ICONS[el.dataset.icon] ?? '';
}

function say(text, kind = 'ok') {
  const el = $('action-status');
  el.className = `small action-status ${kind === 'error' ? 'status-error' : 'status-ok'}`;
  el.textContent = text;
}

const SITE_TEXT = {
  unsupported: { badge: 'Not available', tone: 'badge-off', detail: () => 'Text expansion works in web pages only, not on browser or extension pages.' },
  platform: { badge: 'Expansion on', tone: 'badge-on', detail: (s) => `A built-in task platform (${s.platform}). Type a trigger in any text field here.` },
  extra: { badge: 'Expansion on', tone: 'badge-on', detail: () => 'You enabled expansion on this site. Type a trigger in any text field here.' },
  'needs-access': { badge: 'Needs access', tone: 'badge-warn', detail: () => 'You enabled this site, but Rubrica no longer has access to it. Enable it again to allow access.' },
  disabled: { badge: 'Off here', tone: 'badge-off', detail: (s) => `You turned expansion off on ${s.platform}. Enable it to use triggers here again.` },
  'not-enabled': { badge: 'Not enabled', tone: 'badge-off', detail: (s) => `Expansion runs on task platforms and sites you enable. Enabling asks your browser to let Rubrica read and change ${s.host}.` },
  paused: { badge: 'Paused', tone: 'badge-warn', detail: () => 'Expansion is paused on every site. Resume it below.' },
};

/** The current tab's site status, with the popup's extra states (`needs-access`, `paused`). */
function currentSite() {
  const status = tab?.url ? siteStatus(tab.url, state?.settings) : { host: '', state: 'unsupported', runs: false };
  const paused = state?.settings?.expansion?.enabled === false;
  let key = status.state;
  if (key === 'extra' && !siteGranted) key = 'needs-access';
  else if (paused && (key === 'platform' || key === 'extra')) key = 'paused';
  return { ...status, key };
}

function renderSite() {
  const site = currentSite();
  const text = SITE_TEXT[site.key];
  $('site-host').textContent = site.state === 'unsupported' ? 'No web page' : site.host;
  $('site-host').title = site.host;
  $('site-badge').className = `badge ${text.tone}`;
  $('site-badge-text').textContent = text.badge;
  $('site-detail').textContent = text.detail(site);
  $('site-card').dataset.site = site.key;
  const canEnable = state !== null && ['not-enabled', 'disabled', 'needs-access'].includes(site.key);
  const canDisable = state !== null && ['platform', 'extra', 'paused'].includes(site.key);
  // Keep keyboard focus on the card's action when one button gives way to the other.
  const hadFocus = document.activeElement === $('site-enable') || document.activeElement === $('site-disable');
  $('site-enable').hidden = !canEnable;
  $('site-disable').hidden = !canDisable;
  if (hadFocus) (canEnable ? $('site-enable') : canDisable ? $('site-disable') : $('toggle-expansion')).focus();
}

/** Whether Rubrica may run on the current tab's site beyond the manifest (extra sites). */
async function checkGrant() {
  const status = tab?.url ? siteStatus(tab.url, state?.settings) : null;
  if (!status || status.state === 'unsupported' || status.platform) {
    siteGranted = false;
    return;
  }
  siteGranted = (await grantedPatterns(api.permissions, status.host)).length > 0;
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

/**
 * The backup reminder (Settings → Backup reminder, in days; 0 turns it off): when the last export
 * is that old, or, never exported, once a work session has been recorded (a fresh install with
 * only the starter pack has nothing to lose yet).
 */
function renderBackupReminder() {
  const el = $('backup-reminder');
  const due = state ? backupDue(state.settings) : { due: false };
  if (due.days === null && !(Number(state?.counts?.sessions ?? 0) > 0)) due.due = false;
  el.hidden = !due.due;
  if (due.due) {
    el.textContent = due.days === null
      ? 'A backup is due: you have not exported one yet. Export backup saves one file.'
      : `A backup is due: your last export was ${plural(due.days, 'day')} ago.`;
  }
}

function render() {
  applyTheme(state?.settings?.theme);
  renderProblems();
  renderBackupReminder();
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
  await checkGrant();
  render();
  await loadSession(state?.settings);
  await Promise.all([refreshQuickLogButton(), loadAlerts()]);
}

/** Settings or site access changed outside the popup: read them again (the session card is apart). */
async function follow() {
  try {
    state = await send(MSG.STATE_GET);
  } catch {
    return;
  }
  await checkGrant();
  render();
}

function followElsewhere() {
  api.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'local' && STORAGE.SETTINGS in changes) void follow();
  });
  api.permissions?.onAdded?.addListener(() => void follow());
  api.permissions?.onRemoved?.addListener(() => void follow());
}

async function loadTab() {
  tab = await currentTab();
}

function openDashboard(hash = '') {
  const url = api.runtime.getURL(`dashboard/dashboard.html${hash}`);
  const opening = hash && api.tabs?.create ? api.tabs.create({ url }) : api.runtime.openOptionsPage();
  Promise.resolve(opening).finally(() => window.close());
}

/** The popup's own actions, one at a time (shared/dom.js `oneAtATime`); an error is said in the status line. */
const oneAction = oneAtATime(['toggle-expansion', 'site-enable', 'site-disable', 'export-backup']);
const guarded = (action) => oneAction(action).catch((e) => say(e.message, 'error'));

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
  $('site-enable').addEventListener('click', () =>
    guarded(async () => {
      const site = currentSite();
      // Enabling any site but a built-in platform needs its host permission, asked for right
      // here: the browser only shows its prompt during the click (a user gesture).
      if (!site.platform) {
        const allowed = await api.permissions.request({ origins: [sitePattern(site.host)] });
        if (!allowed) {
          say(`Access to ${site.host} was not allowed, so expansion stays off here.`, 'error');
          return;
        }
      }
      await send(MSG.SITE_ENABLE, { host: site.host, tabId: tab?.id });
      await load();
      say(state?.settings?.expansion?.enabled === false
        ? `Enabled on ${site.host}. Expansion is paused everywhere: resume it to use triggers.`
        : `Enabled on ${site.host}. Type a trigger in any text field, no reload needed.`);
    }),
  );
  $('site-disable').addEventListener('click', () =>
    guarded(async () => {
      const site = currentSite();
      const { released } = await send(MSG.SITE_DISABLE, { host: site.platform ?? site.host });
      await load();
      if (site.platform) say(`Expansion is off on ${site.platform}. Enable it here again at any time.`);
      else say(`Expansion is off on ${site.host}${released ? ', and Rubrica gave up its access to the site' : ''}.`);
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
}

wireSession({
  error: (e) => say(e.message, 'error'),
  // Right after Next task or Stop: the task just closed, ready to log (Esc skips).
  closed: (taskId) => void openQuickLog({ taskId, focus: 'status' }),
});
wireQuickLog({
  done: () => ($('session-start').hidden ? $('session-next') : $('session-start')).focus(),
  alerts: () => void loadAlerts(),
});
wireAlerts({ open: openDashboard });
$('brand-mark').innerHTML = MARK;
$('open-settings').innerHTML = ICONS.settings;
paintIcons();
wire();
followElsewhere();
await loadTab();
await load();
