// Site control in the background (docs/sites.md): which sites Rubrica's content script runs on
// beyond the manifest's built-in task platforms, and whether a sender's site may expand. The
// messages that change it are answered in handlers/sites.js.
//
// The user's intent lives in settings (`expansion.extraSites`, `expansion.disabledSites`); what the
// browser lets Rubrica do lives in its granted host permissions. One registered content script
// (`rubrica-extra-sites`) covers `extraSites ∩ granted`, and is brought back to that whenever
// either side changes: at startup and install, when settings change, when a permission goes.

import { api } from '../shared/runtime.js';
import { extraHosts, normalizeHost, platformHostFor, senderSiteStatus, sitePattern } from '../shared/sites.js';
import { grantedPatterns } from '../shared/site-access.js';
import { STORAGE } from '../shared/contract.js';
import { engine } from './engine.js';
import * as store from './store.js';

export const SCRIPT_ID = 'rubrica-extra-sites';
/** The content script's bundle and the mark it leaves in each frame (extension/content/main.js). */
const CONTENT_FILE = 'content.js';

const scripting = () => api.scripting;

/** Whether Rubrica holds a host permission for `host`. */
export async function granted(host) {
  return (await grantedPatterns(api.permissions, host)).length > 0;
}

/** The registration for the granted `patterns`, or null when there are none. */
function registration(patterns) {
  if (patterns.length === 0) return null;
  return {
    id: SCRIPT_ID,
    matches: patterns,
    js: [CONTENT_FILE],
    runAt: 'document_idle',
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true,
  };
}

/** Registers or updates `script`; retries without keys an engine does not know (older Firefox). */
async function put(script, existing) {
  const call = (s) => (existing ? scripting().updateContentScripts([s]) : scripting().registerContentScripts([s]));
  try {
    await call(script);
  } catch (e) {
    if (!/matchOriginAsFallback|persistAcrossSessions/i.test(String(e?.message))) throw e;
    const { matchOriginAsFallback: _m, ...rest } = script;
    try {
      await call(rest);
    } catch {
      const { persistAcrossSessions: _p, ...bare } = rest;
      await call(bare);
    }
  }
}

let syncing = Promise.resolve();

/**
 * Brings the registered content script to `extraSites ∩ granted host permissions`. Calls are
 * queued so two syncs never interleave. Resolves to the match patterns now registered.
 */
export function syncRegistrations() {
  const run = syncing.then(async () => {
    if (!scripting()?.registerContentScripts) return [];
    const settings = (await store.read([STORAGE.SETTINGS]))[STORAGE.SETTINGS];
    const wanted = [];
    for (const host of extraHosts(settings)) wanted.push(...(await grantedPatterns(api.permissions, host)));
    const existing = (await scripting().getRegisteredContentScripts({ ids: [SCRIPT_ID] })).find((s) => s.id === SCRIPT_ID);
    const script = registration(wanted);
    if (!script) {
      if (existing) await scripting().unregisterContentScripts({ ids: [SCRIPT_ID] });
      return [];
    }
    const same =
      existing &&
      JSON.stringify([...(existing.matches ?? [])].sort()) === JSON.stringify([...script.matches].sort());
    if (!same) await put(script, Boolean(existing));
    return wanted;
  });
  syncing = run.catch((e) => console.warn('Rubrica: could not update where the content script runs —', e?.message ?? e));
  return run;
}

/**
 * Runs Rubrica's content script in every frame of tab `tabId` that does not have it yet, so the
 * user can type a trigger without reloading. Frames Rubrica has no access to are skipped by the
 * browser; the background still decides per frame whether expansion may run there.
 */
function injectInto(tabId) {
  // One injection at a time: `site.enable` and `permissions.onAdded` arrive together after a
  // grant, and the second probe must see the mark the first injection left.
  const run = injecting.then(() => inject(tabId));
  injecting = run.catch(() => {});
  return run;
}

let injecting = Promise.resolve();

async function inject(tabId) {
  const target = { tabId, allFrames: true };
  let probes = [];
  try {
    probes = await scripting().executeScript({ target, func: () => globalThis.__rubricaContent === true });
  } catch (e) {
    console.warn('Rubrica: could not reach this tab —', e?.message ?? e);
    return 0;
  }
  const frameIds = probes.filter((p) => p.result !== true).map((p) => p.frameId);
  if (frameIds.length === 0) return 0;
  await scripting().executeScript({ target: { tabId, frameIds }, files: [CONTENT_FILE] });
  return frameIds.length;
}

/**
 * Starts the content script now in the tab the user enabled `host` from (`tabId`, if any) and in
 * every other open tab of that site: built-in platforms have the manifest's script already.
 */
export async function startOn(host, tabId) {
  const tabs = new Set(tabId === undefined ? [] : [tabId]);
  try {
    for (const t of await api.tabs.query({ url: sitePattern(host) })) tabs.add(t.id);
  } catch {
    // no tab of that site is open
  }
  for (const id of tabs) {
    // A tab that navigated away meanwhile, or a frame the browser will not script: skip it; the
    // registration covers its next load.
    await injectInto(id).catch((e) => console.warn('Rubrica: could not start in a tab —', e?.message ?? e));
  }
}

/** Writes a settings patch; the engine follows the write (and tells tabs the table changed). */
export async function patchSettings(patch) {
  const settings = (await engine.full()).patchSettings(patch);
  await store.write({ [STORAGE.SETTINGS]: settings });
  return settings;
}

/**
 * Whether the sender of an expansion request may expand: Rubrica's own pages always; a content
 * script only on a built-in platform or an enabled site, judged from what the browser says about
 * the sender (senderSiteStatus), never from the message. The global pause is checked apart.
 */
export function senderMayExpand({ kind, sender }) {
  if (kind !== 'content') return true;
  const { state } = senderSiteStatus(sender, engine.settings());
  return state === 'platform' || state === 'extra';
}

/**
 * The user removed host permissions in the browser's own settings: those sites are no longer
 * enabled (settings follow), and the registration shrinks to match.
 */
export async function onPermissionsRemoved(removed) {
  const gone = new Set(hostsOf(removed));
  if (gone.size > 0) {
    await engine.ready();
    const current = extraHosts(engine.settings());
    if (current.some((h) => gone.has(h))) {
      await patchSettings({ expansion: { extraSites: current.filter((h) => !gone.has(h)) } });
    }
  }
  await syncRegistrations();
}

/** The single hosts (not built-in platforms) named by a permissions event's origin patterns. */
function hostsOf(permissions) {
  const hosts = [];
  for (const pattern of permissions?.origins ?? []) {
    const m = /^[a-z*]+:\/\/([^/]+)\//.exec(pattern);
    const host = m ? normalizeHost(m[1]) : '';
    if (host && !platformHostFor(host)) hosts.push(host);
  }
  return hosts;
}

/**
 * A host permission was granted. Rubrica asks for one only when the user chooses to enable a site,
 * and the browser may close the popup while its prompt is up (Firefox), before the popup could
 * send `site.enable`; the user may also grant a site from the browser's own extension menu. Either
 * way the user wants Rubrica there: the host joins `extraSites` and the script starts in its tabs.
 * (A pattern for all sites names no single host and is ignored.)
 */
export async function onPermissionsAdded(added) {
  const hosts = hostsOf(added);
  if (hosts.length > 0) {
    await engine.ready();
    const current = extraHosts(engine.settings());
    const fresh = hosts.filter((h) => !current.includes(h));
    if (fresh.length > 0) await patchSettings({ expansion: { extraSites: [...current, ...fresh] } });
  }
  await syncRegistrations();
  for (const host of hosts) await startOn(host);
}

/** Registers the listeners; call synchronously at the top level of the background. */
export function installSiteListeners() {
  api.runtime.onStartup?.addListener(() => syncRegistrations().catch(() => {}));
  api.runtime.onInstalled?.addListener(() => syncRegistrations().catch(() => {}));
  api.permissions?.onRemoved?.addListener((removed) =>
    onPermissionsRemoved(removed).catch((e) => console.warn('Rubrica:', e?.message ?? e)),
  );
  api.permissions?.onAdded?.addListener((added) =>
    onPermissionsAdded(added).catch((e) => console.warn('Rubrica:', e?.message ?? e)),
  );
  // Settings can change without these messages (an imported backup, another window): follow them.
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(STORAGE.SETTINGS in changes)) return;
    syncRegistrations().catch(() => {});
  });
}
