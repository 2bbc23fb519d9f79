// "Enable on this site" and "Turn off on this site" (docs/sites.md). The popup asks the browser for
// the host permission first (a user gesture); the background checks it holds it, records the
// user's choice in settings, and starts or stops the content script there.

import { MSG } from '../../shared/contract.js';
import { api, RubricaError } from '../../shared/runtime.js';
import { normalizeHost, platformHostFor, sitePatch, siteStatus } from '../../shared/sites.js';
import { grantedPatterns } from '../../shared/site-access.js';
import { engine } from '../engine.js';
import { granted, patchSettings, startOn, syncRegistrations } from '../sites.js';

function hostOf(raw) {
  const host = normalizeHost(raw);
  if (!host) throw new RubricaError({ kind: 'invalidMessage', message: 'That is not a web site’s host name.' });
  return host;
}

const stateOf = (host, settings) => siteStatus(`https://${host}/`, settings).state;

export const siteHandlers = {
  [MSG.SITE_ENABLE]: async ({ host: raw, tabId }) => {
    const host = hostOf(raw);
    const platform = platformHostFor(host);
    if (!platform && !(await granted(host))) {
      throw new RubricaError({
        kind: 'forbidden',
        message: `Rubrica does not have access to ${host} yet. Choose “Enable on this site” in the popup and allow it.`,
      });
    }
    const settings = await patchSettings(sitePatch(engine.settings(), host, true));
    if (!platform) {
      await syncRegistrations();
      await startOn(host, tabId);
    }
    return { host, state: stateOf(host, settings) };
  },

  [MSG.SITE_DISABLE]: async ({ host: raw }) => {
    const host = hostOf(raw);
    const settings = await patchSettings(sitePatch(engine.settings(), host, false));
    let released = false;
    if (!platformHostFor(host)) {
      await syncRegistrations();
      const patterns = await grantedPatterns(api.permissions, host);
      try {
        // The browser refuses to release a permission the manifest requires; the site is off anyway.
        released = patterns.length > 0 && (await api.permissions.remove({ origins: patterns }));
      } catch (e) {
        console.warn(`Rubrica: kept the permission for ${host} —`, e?.message ?? e);
      }
    }
    return { host, state: stateOf(host, settings), released };
  },
};
