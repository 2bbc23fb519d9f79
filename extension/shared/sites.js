// Where text expansion runs: the built-in task-platform hosts, plus the user's own choices.
// Pure functions only, so the popup, the dashboard, the background and tests share one answer
// (docs/sites.md).

/**
 * Hosts where expansion runs by default. Each matches itself and its subdomains, like the
 * manifest's `*://*.host/*` content-script patterns, except the local hosts (`localhost`,
 * `127.0.0.1`), which match only themselves (`*://localhost/*`).
 */
export const PLATFORM_HOSTS = Object.freeze([
  'outlier.ai',
  'dataannotation.tech',
  'mercor.com',
  'micro1.ai',
  'joinhandshake.com',
  'surgehq.ai',
  'appen.com',
  'remotasks.com',
  'scale.com',
  'alignerr.com',
  'labelbox.com',
  'prolific.com',
  'localhost',
  '127.0.0.1',
]);

/** Built-in hosts that do not cover subdomains. */
const EXACT_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The manifest's content-script match pattern for a built-in host. */
export function platformPattern(base) {
  return EXACT_HOSTS.has(base) ? `*://${base}/*` : `*://*.${base}/*`;
}

/** True when `host` is `base` or one of its subdomains. */
function hostMatches(host, base) {
  return host === base || host.endsWith(`.${base}`);
}

/** The built-in platform host that covers `host`, or undefined. */
export function platformHostFor(host) {
  return PLATFORM_HOSTS.find((base) => (EXACT_HOSTS.has(base) ? host === base : hostMatches(host, base)));
}

/**
 * The host named by a settings entry: an origin (`https://example.com`, as older settings and
 * backups may hold), or a bare host (`example.com`, what Rubrica stores). Lower case; '' when
 * the entry is not a host at all.
 */
export function entryHost(entry) {
  const text = String(entry ?? '').trim();
  if (!text) return '';
  try {
    const url = new URL(text.includes('://') ? text : `https://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.hostname.toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * The host a user may enable: a web page's host name, lower case, without port. Returns '' for
 * anything else (a browser page, a file, garbage). IPv6 hosts keep their brackets, as in URLs.
 */
export function normalizeHost(text) {
  if (typeof text !== 'string') return '';
  const host = entryHost(text);
  if (!host || host.length > 253) return '';
  const shaped = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(host);
  return shaped && !host.startsWith('.') && !host.endsWith('.') && !host.includes('..') ? host : '';
}

/**
 * The host permission Rubrica asks for to run on `host` (and registers its content script
 * for): every page of that exact host, over http and https. Subdomains are separate sites.
 */
export function sitePattern(host) {
  return `*://${host}/*`;
}

/**
 * Every host permission pattern that lets Rubrica run on `host`: the one it asks for, and the
 * single-scheme ones a browser's own site-access menu may grant instead.
 */
export function sitePatterns(host) {
  return [sitePattern(host), `https://${host}/*`, `http://${host}/*`];
}

/** The user's enabled extra sites, as hosts, without duplicates. */
export function extraHosts(settings) {
  const hosts = (settings?.expansion?.extraSites ?? []).map(normalizeHost).filter(Boolean);
  return [...new Set(hosts)];
}

/** The built-in platform hosts the user turned off. */
export function disabledPlatforms(settings) {
  const out = new Set();
  for (const entry of settings?.expansion?.disabledSites ?? []) {
    const base = platformHostFor(entryHost(entry));
    if (base) out.add(base);
  }
  return [...out];
}

/**
 * What expansion does on the page at `url`, given the settings.
 * Returns `{host, state, runs, platform?}` where `state` is one of:
 * - `unsupported`: not a web page (browser pages, extension pages, files, no tab);
 * - `platform`: a built-in task platform; `extra`: a site the user enabled;
 * - `disabled`: a built-in platform the user turned off;
 * - `not-enabled`: any other web site (opt-in).
 * `runs` is true only when the site is on and the global switch is on.
 * Extra sites match their exact host (the host permission asked for covers only that host);
 * turning a platform off covers all of it (`outlier.ai` with `app.outlier.ai`).
 */
export function siteStatus(url, settings) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return { host: '', state: 'unsupported', runs: false };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { host: parsed.protocol.replace(':', ''), state: 'unsupported', runs: false };
  }
  const host = parsed.hostname.toLowerCase();
  const globallyOn = settings?.expansion?.enabled !== false;
  const platform = platformHostFor(host);
  if (platform) {
    if (disabledPlatforms(settings).includes(platform)) return { host, platform, state: 'disabled', runs: false };
    return { host, platform, state: 'platform', runs: globallyOn };
  }
  if (extraHosts(settings).includes(host)) return { host, state: 'extra', runs: globallyOn };
  return { host, state: 'not-enabled', runs: false };
}

/**
 * Whether a content script's frame may expand, decided from what the browser says about the
 * sender — never from anything the page controls: the frame's origin (`sender.origin`), and the
 * tab's top-level URL (`sender.tab.url`, present when Rubrica has access to that tab).
 * An opaque origin (a sandboxed frame, `"null"`) is judged by its tab's page.
 * Returns the frame's `siteStatus`, with `state: 'disabled'` and `runs: false` as well when the
 * tab's own site is a platform the user turned off (turning a site off covers its whole tab).
 */
export function senderSiteStatus(sender, settings) {
  const tabUrl = typeof sender?.tab?.url === 'string' ? sender.tab.url : null;
  const origin = typeof sender?.origin === 'string' && sender.origin !== 'null' ? sender.origin : tabUrl;
  const frame = origin ? siteStatus(origin, settings) : { host: '', state: 'unsupported', runs: false };
  if (tabUrl && frame.runs) {
    const top = siteStatus(tabUrl, settings);
    if (top.state === 'disabled') return { ...frame, state: 'disabled', runs: false };
  }
  return frame;
}

/**
 * The settings patch that turns expansion on (`on = true`) or off for `host`: for a built-in
 * platform it edits `disabledSites`, for any other site `extraSites`. Returns null when `host`
 * is not a host.
 */
export function sitePatch(settings, host, on) {
  const clean = normalizeHost(host);
  if (!clean) return null;
  const base = platformHostFor(clean);
  if (base) {
    const rest = disabledPlatforms(settings).filter((b) => b !== base);
    return { expansion: { disabledSites: on ? rest : [...rest, base] } };
  }
  const rest = extraHosts(settings).filter((h) => h !== clean);
  return { expansion: { extraSites: on ? [...rest, clean] : rest } };
}
