// The Ledger & reports section's first reads, which may start before the dashboard's bundle has
// arrived. Opened at #ledger, dashboard/early.js (a small script of its own, first in the page's
// head) compiles the ledger book's module and reads and inflates the opening range's packs while
// the page still waits for its bundle (docs/ledger.md, Performance). ledger/book.js takes what it
// started (early-start.js), or starts the same reads itself (firstReads). Reads that a storage
// change may have overtaken are not used (the book reads again); the module started is always used.
import { api } from '../../../shared/runtime.js';
import { STORAGE } from '../../../shared/contract.js';
import { packBytes } from '../../../shared/month-shards.js';
import { presetRange } from './range.js';

/** The range the section opens on (range.js's presets). */
export const OPENING_PRESET = '90';
/** Read with the `shards` index on the book's first load. */
export const CATALOGUE = [STORAGE.PLATFORMS, STORAGE.TASK_TYPES, STORAGE.RUBRICS];
const DAY_MS = 86_400_000;

/**
 * The pack keys of every month `[from, to)` may need: the UTC months from 32 days before `from`
 * to `to`, sessions and tasks (what the core's `range_keys` picks from the `shards` index). Read
 * while the core compiles, so the storage read is not waited for after it.
 */
export function likelyPackKeys(from, to) {
  const keys = [];
  const start = new Date(from - 32 * DAY_MS);
  const end = new Date(to);
  if (!Number.isFinite(start.getTime()) || !Number.isFinite(end.getTime())) return keys;
  let [y, m] = [start.getUTCFullYear(), start.getUTCMonth()];
  // A range longer than the section allows reads what the core asks for, after it.
  for (let n = 0; n < 240 && (y < end.getUTCFullYear() || (y === end.getUTCFullYear() && m <= end.getUTCMonth())); n++) {
    const month = `${y}-${String(m + 1).padStart(2, '0')}`;
    keys.push(`${STORAGE.LEDGER_PACK}sessions/${month}`, `${STORAGE.LEDGER_PACK}tasks/${month}`);
    [y, m] = m === 11 ? [y + 1, 0] : [y, m + 1];
  }
  return keys;
}

/**
 * The book's first reads for `[from, to)`: the index and the catalogue in one read (`stored`),
 * and each likely pack read on its own and inflated as soon as it arrives (`packs`, by pack key:
 * its bytes, empty when there is none or it cannot be read).
 */
export function firstReads(from, to) {
  const read = (k) => api.storage.local.get(k).then((got) => packBytes(got[k]));
  return {
    from,
    to,
    stored: api.storage.local.get([STORAGE.SHARDS, ...CATALOGUE]),
    packs: new Map(likelyPackKeys(from, to).map((k) => [k, read(k)])),
  };
}

/**
 * early.js's part at #ledger: the book's module started (`startModule()`, its promise) and the
 * opening range's first reads, `{module, reads}`; null at any other section.
 */
export function startLedger(win, startModule) {
  if (!/^#ledger(\?|$)/.test(win.location?.hash ?? '')) return null;
  const { from, to } = presetRange(OPENING_PRESET);
  const module = startModule();
  const reads = firstReads(from, to);
  // Whoever takes them handles their failures; until then none is an unhandled rejection.
  for (const p of [module, reads.stored, ...reads.packs.values()]) p.catch(() => {});
  return { module, reads };
}
