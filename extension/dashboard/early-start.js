// What the dashboard starts before its bundle has arrived (early.js, a small script of its own
// first in the page's head): the page's main thread and the background are idle while the bundle
// loads, so the first requests go out then instead of after it. Every section's state is asked for
// at once; at #ledger the ledger book's module is compiled and the opening range read too
// (sections/ledger/prefetch.js). Each part is taken once by the code that would otherwise have
// started it; what a storage change may have overtaken is marked not fresh (it reads again).
import { api, send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { startLedger } from './sections/ledger/prefetch.js';

/** Where early.js leaves what it started. */
const EARLY = 'rubricaEarly';

/** early.js: asks for the dashboard's state and, at #ledger, starts the ledger's first load. */
export function startEarly(win = globalThis) {
  const early = { changed: false };
  // The bundle's own listeners come later: a change before them makes what was read not fresh.
  api.storage.onChanged.addListener(() => {
    early.changed = true;
  });
  early.state = send(MSG.STATE_GET);
  early.state.catch(() => {}); // handled by whoever takes it
  // The book's module through its own glue's init (fetch and compile of the extension's file),
  // which the book's bookCore() then finds done or under way: the same module instance, by URL.
  early.ledger = startLedger(win, () => import('../core/rubrica_book.js').then((glue) => glue.default()));
  win[EARLY] = early;
}

/**
 * Part `name` (`state`, `ledger`) of what early.js started, once: `{value, fresh}`, `fresh` false
 * when storage changed since it started. Null when it started nothing of the kind.
 */
export function takeEarly(name, win = globalThis) {
  const early = win[EARLY];
  const value = early?.[name];
  if (!value) return null;
  early[name] = null;
  return { value, fresh: !early.changed };
}
