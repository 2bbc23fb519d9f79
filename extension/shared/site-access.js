// Which host permissions Rubrica holds for a site (docs/sites.md). Shared by the background, the
// popup and Settings; `permissions` is the browser's `permissions` API.
import { sitePatterns } from './sites.js';

/**
 * The host permission patterns Rubrica holds that cover `host`: `['*://host/*']` when it has
 * both schemes, else whichever of `https://host/*` and `http://host/*` it has; `[]` for none.
 */
export async function grantedPatterns(permissions, host) {
  const [both, ...single] = sitePatterns(host);
  const has = async (pattern) => {
    try {
      return await permissions.contains({ origins: [pattern] });
    } catch {
      return false;
    }
  };
  if (await has(both)) return [both];
  const out = [];
  for (const pattern of single) if (await has(pattern)) out.push(pattern);
  return out;
}
