// What the dashboard starts before its bundle (extension/dashboard/early-start.js) and the Ledger
// & reports section's first reads (sections/ledger/prefetch.js): the months a range may need; the
// state asked for at once; the ledger's module and reads started only at #ledger; each part taken
// once, and marked not fresh when a storage change came since it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// A stand-in for chrome.storage: what each read asked for, and the change listeners.
const asked = [];
const listeners = new Set();
const stored = { shards: { tasks: { '2026-03': 2 } }, 'ledgerPack/tasks/2026-03': '' };
globalThis.chrome = {
  storage: {
    local: {
      get: async (keys) => {
        asked.push(keys);
        return Object.fromEntries([keys].flat().filter((k) => k in stored).map((k) => [k, stored[k]]));
      },
    },
    onChanged: { addListener: (f) => listeners.add(f), removeListener: (f) => listeners.delete(f) },
  },
  runtime: {
    sendMessage: async (message) => ({ ok: true, data: { asked: message.type } }),
  },
};
const { CATALOGUE, firstReads, likelyPackKeys, OPENING_PRESET, startLedger } = await import('../../extension/dashboard/sections/ledger/prefetch.js');
const { startEarly, takeEarly } = await import('../../extension/dashboard/early-start.js');
const { presetRange } = await import('../../extension/dashboard/sections/ledger/range.js');

const DAY = 86_400_000;
const at = (iso) => Date.parse(`${iso}T00:00:00Z`);

/** A page stand-in at `hash`. */
const page = (hash) => ({ win: { location: { hash } } });

test('the likely packs: sessions and tasks of each UTC month from 32 days before the range to its end', () => {
  assert.deepEqual(likelyPackKeys(at('2026-03-10'), at('2026-04-02')), [
    'ledgerPack/sessions/2026-02', 'ledgerPack/tasks/2026-02',
    'ledgerPack/sessions/2026-03', 'ledgerPack/tasks/2026-03',
    'ledgerPack/sessions/2026-04', 'ledgerPack/tasks/2026-04',
  ]);
  // 90 days ending in January reach back across the year's turn.
  const keys = likelyPackKeys(at('2026-10-20'), at('2027-01-18'));
  assert.equal(keys[0], 'ledgerPack/sessions/2026-09');
  assert.equal(keys.at(-1), 'ledgerPack/tasks/2027-01');
  assert.equal(keys.length, 10);
  assert.deepEqual(likelyPackKeys(NaN, at('2026-01-01')), []);
  // A range longer than the section offers is capped (the core asks for the rest).
  assert.equal(likelyPackKeys(at('1900-01-01'), at('2026-01-01')).length, 480);
});

test('the first reads: the index and the catalogue in one read, each likely pack on its own, inflated', async () => {
  asked.length = 0;
  const reads = firstReads(at('2026-03-10'), at('2026-04-02'));
  assert.deepEqual(await reads.stored, { shards: stored.shards });
  assert.deepEqual(asked[0], ['shards', ...CATALOGUE]);
  assert.deepEqual([...reads.packs.keys()], likelyPackKeys(at('2026-03-10'), at('2026-04-02')));
  for (const bytes of await Promise.all(reads.packs.values())) assert.ok(bytes instanceof Uint8Array);
  assert.equal(asked.length, 1 + reads.packs.size);
});

test('early.js asks for the state at every section; the ledger\'s load only at #ledger', async () => {
  for (const hash of ['', '#overview', '#data', '#ledgers']) {
    const { win } = page(hash);
    startEarly(win);
    assert.equal(takeEarly('ledger', win), null, hash);
    let started = 0;
    assert.equal(startLedger(win, () => Promise.resolve(started++)), null, hash);
    assert.equal(started, 0, `${hash}: no module started`);
    const state = takeEarly('state', win);
    assert.equal(state.fresh, true);
    assert.deepEqual(await state.value, { asked: 'state.get' });
    assert.equal(takeEarly('state', win), null, 'taken once');
  }
});

test('at #ledger the module is started and the opening range read; the book takes both, once', async () => {
  const { win } = page('#ledger');
  let started = 0;
  asked.length = 0;
  const ledger = startLedger(win, async () => ({ module: ++started }));
  assert.equal(started, 1);
  assert.deepEqual(await ledger.module, { module: 1 });
  const { from, to } = presetRange(OPENING_PRESET);
  assert.equal(asked.length, 1 + likelyPackKeys(from, to).length);
  // early.js starts the same through the book module's glue (not in this tree: its promise fails
  // here, and no one is told; bookCore() starts it again then).
  asked.length = 0;
  startEarly(win);
  assert.equal(asked.length, 1 + likelyPackKeys(from, to).length);
  const early = takeEarly('ledger', win);
  assert.equal(early.fresh, true);
  assert.equal(typeof early.value.module.then, 'function');
  assert.equal(early.value.reads.from, from);
  assert.equal(early.value.reads.to, to);
  assert.deepEqual(await early.value.reads.stored, { shards: stored.shards });
  assert.equal(takeEarly('ledger', win), null, 'taken once');
  // A page opened at an entry of the ledger (#ledger?…) starts them too.
  const other = page('#ledger?task=tsk_1');
  startEarly(other.win);
  assert.notEqual(takeEarly('ledger', other.win), null);
});

test('what a storage change may have overtaken is not fresh; the module is still there', async () => {
  const { win } = page('#ledger');
  listeners.clear();
  startEarly(win);
  assert.equal(listeners.size, 1);
  for (const f of listeners) f({ 'tasks/2026-03': {} }, 'local');
  const early = takeEarly('ledger', win);
  assert.equal(early.fresh, false);
  assert.ok(early.value.module, 'the module is still given');
  assert.equal(takeEarly('state', win).fresh, false);
});

