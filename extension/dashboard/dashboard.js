// The dashboard (the extension's options page): left navigation, hash routing, one module per section.
import { send, api } from '../shared/runtime.js';
import { MSG, STORAGE } from '../shared/contract.js';
import { applyTheme } from '../shared/theme.js';
import { h, icon, replace } from '../shared/dom.js';
import { ICONS, MARK } from '../shared/icons.js';
import overview from './sections/overview.js';
import snippets from './sections/snippets.js';
import rubrics from './sections/rubrics.js';
import library from './sections/library.js';
import sessions from './sections/sessions.js';
import ledger from './sections/ledger.js';
import data from './sections/data.js';
import settings from './sections/settings.js';
import { takeEarly } from './early-start.js';

performance.mark?.('rubrica:dashboard:modules');

// Groups in the navigation, one list each; a rule is drawn between groups.
const GROUPS = [[overview], [snippets, rubrics, library], [sessions, ledger], [data, settings]];
const SECTIONS = GROUPS.flat();
const DEFAULT = 'overview';

const $ = (id) => document.getElementById(id);
let state = null;
let current = null;

const ctx = {
  get state() {
    return state;
  },
  /** Re-reads state and lets the current section patch itself (Data, Settings). */
  async reload() {
    await reload();
    current?.update?.(state);
    return state;
  },
  setSettings(next) {
    if (state) state = { ...state, settings: next };
    renderNav();
  },
};

function routeId() {
  // `#library?entry=ID` opens the Library at one entry: the part after `?` is the section's own.
  const id = decodeURIComponent(location.hash.replace(/^#/, '').split('?')[0]);
  return SECTIONS.some((s) => s.id === id) ? id : DEFAULT;
}

function renderNav() {
  const active = routeId();
  const counts = state?.counts ?? {};
  const groups = GROUPS.map((group) => h('ul', { class: 'nav-list' }, group.map((s) => {
    const n = s.countKey ? counts[s.countKey] : undefined;
    return h('li', {}, h('a', {
      class: 'nav-link', href: `#${s.id}`, id: `nav-${s.id}`,
      'aria-current': s.id === active ? 'page' : false,
    }, icon(ICONS[s.icon]), h('span', {}, s.nav ?? s.title),
    n ? h('span', { class: 'nav-count', 'aria-hidden': 'true' }, Number(n).toLocaleString()) : null));
  })));
  replace($('nav-list'), groups);
}

function show({ focus }) {
  const section = SECTIONS.find((s) => s.id === routeId());
  current = section;
  section.update = undefined;
  replace($('section'), section.render(ctx));
  document.title = `${section.title} · Rubrica`;
  renderNav();
  if (focus) (document.querySelector('.section-title') ?? $('main')).focus();
}

async function reload() {
  try {
    // The first reload takes the state early.js asked for before the bundle arrived, unless
    // storage changed since.
    const early = takeEarly('state');
    state = await (early?.fresh ? early.value.catch(() => send(MSG.STATE_GET)) : send(MSG.STATE_GET));
    $('load-error').hidden = true;
  } catch (e) {
    $('load-error').hidden = false;
    $('load-error').textContent = `Rubrica could not load its data: ${e.message}`;
  }
  applyTheme(state?.settings?.theme);
  renderNav();
  return state;
}

/** Refresh after a storage change: sections with `update` patch themselves, others re-render. */
let pendingRefresh = null;
function onStorageChanged(changes) {
  // Use counts (written a second after expansions) alone do not reload the page: with a large
  // library that would cost a full reload per second of typing. They show at the next reload.
  const keys = Object.keys(changes ?? {});
  if (keys.length > 0 && keys.every((k) => k === STORAGE.SNIPPET_USES)) return;
  // Ledger packs written again from unchanged shards (ledger.repack) change nothing shown.
  if (keys.length > 0 && keys.every((k) => k.startsWith(STORAGE.LEDGER_PACK))) return;
  clearTimeout(pendingRefresh);
  pendingRefresh = setTimeout(async () => {
    await reload();
    if (current?.update) current.update(state);
    else if (current) show({ focus: false });
  }, 150);
}

$('brand-mark').innerHTML = MARK;
$('foot-lock').innerHTML = ICONS.lock;
window.addEventListener('hashchange', () => show({ focus: true }));
api.storage?.onChanged?.addListener(onStorageChanged);
// The section shown first may start reading what it shows while the state loads (the ledger).
SECTIONS.find((s) => s.id === routeId())?.prefetch?.();
// A state that takes long (the background busy with a large write) shows that it is coming
// rather than a blank page; a quick one never flashes it.
const slow = setTimeout(() => replace($('section'), h('p', { class: 'muted', role: 'status' }, 'Loading your data…')), 400);
await reload();
clearTimeout(slow);
performance.mark?.('rubrica:dashboard:state');
show({ focus: false });
