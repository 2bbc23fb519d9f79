// Where text expansion runs: the built-in task-platform hosts, plus the user's own choices.
// Pure functions only, so the popup, the dashboard and tests share one answer.

/** Hosts where expansion runs by default (subdomains included). */
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

/** True when `host` is `base` or one of its subdomains. */
function hostMatches(host, base) {
  return host === base || host.endsWith(`.${base}`);
}

/** The built-in platform host that covers `host`, or undefined. */
export function platformHostFor(host) {
  return PLATFORM_HOSTS.find((base) => hostMatches(host, base));
}

/** Host of an entry in `extraSites` (an origin such as `https://example.com`, or a bare host). */
function entryHost(entry) {
  try {
    return new URL(entry.includes('://') ? entry : `https://${entry}`).hostname;
  } catch {
    return String(entry).toLowerCase();
  }
}

/**
 * What expansion does on the page at `url`, given the settings.
 * Returns `{host, state, runs, platform?}` where `state` is one of:
 * - `unsupported`: not a web page (browser pages, extension pages, files, no tab);
 * - `platform`: a built-in task platform; `extra`: a site the user enabled;
 * - `disabled`: a built-in platform the user turned off;
 * - `not-enabled`: any other web site (opt-in).
 * `runs` is true only when the site is on and the global switch is on.
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
  const expansion = settings?.expansion ?? {};
  const globallyOn = expansion.enabled !== false;
  const platform = platformHostFor(host);
  if (platform) {
    const disabled = (expansion.disabledSites ?? []).some((h) => hostMatches(host, entryHost(h)));
    if (disabled) return { host, platform, state: 'disabled', runs: false };
    return { host, platform, state: 'platform', runs: globallyOn };
  }
  const extra = (expansion.extraSites ?? []).some((e) => hostMatches(host, entryHost(e)));
  if (extra) return { host, state: 'extra', runs: globallyOn };
  return { host, state: 'not-enabled', runs: false };
}
