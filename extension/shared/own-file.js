// The one place extension code fetches: a file of the extension's own package, by its path from
// the package's root (the dashboard compiling the ledger book's module before its bundle has
// arrived: dashboard/early-start.js). A path that resolves anywhere but the extension's own origin
// is refused, so this cannot reach the network; ./build.sh test's network check allows `fetch(`
// in this file alone (docs/privacy.md, No network).
import { api } from './runtime.js';

/** The extension's own file at `path` (`core/rubrica_book_bg.wasm`): its fetch's Response. */
export async function ownFile(path) {
  const root = new URL(api.runtime.getURL('/'));
  const url = typeof path === 'string' ? new URL(path, root) : null;
  // Scheme and host, not `origin` (an opaque "null" for the extension's own scheme in some browsers).
  if (!url || url.protocol !== root.protocol || url.host !== root.host) {
    throw new Error(`not a file of the extension: ${String(path)}`);
  }
  return fetch(url);
}
