// Crash consistency (issue 13), on the test build: an import, a schema migration and session
// commands are run again and again; run k makes storage call number k hang (test-hooks.js
// `crashAt`) and the test stops the service worker right there — between two storage operations,
// the only places where a stop can leave a different state behind (each `set`/`remove` is atomic
// in the browser). The worker is woken again (it recovers as it would after a real stop) and the
// whole of storage must be the complete old state or the complete new one, never a mix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, sendFromPage, TEST_BUILD, within, WAIT_MS } from './browser.mjs';
import { SCHEMA } from './schema.mjs';

let browser;
let page;
const figures = { tried: 0, mixed: 0 };

before(async () => {
  browser = await launch({ dir: TEST_BUILD });
  page = await browser.extensionPage('popup/popup.html');
  await browser.sw.evaluate(() => __rubricaTest.ready());
});

after(async () => {
  console.log(`# worker stops during writes: ${figures.tried} tried, ${figures.mixed} mixed`);
  await browser?.close();
});

// Month shards are stored compressed (shared/month-shards.js): compared as their records.
const all = () => page.evaluate(async () => {
  const { decodeStored } = await import('../shared/month-shards.js');
  return decodeStored(await chrome.storage.local.get(null));
});
const seed = (state) => page.evaluate(async (s) => {
  await chrome.storage.local.clear();
  await chrome.storage.local.set(s);
}, state);
const sw = async () => {
  browser.sw = await browser.serviceWorker();
  return browser.sw;
};

/**
 * Runs `start` (a function evaluated in the worker that starts the operation without awaiting it)
 * with crash point `n`. Returns null when the operation finished before reaching call `n`, else
 * the storage after the stop and the worker's recovery.
 */
async function runWithCrash(n, start, arg) {
  const worker = await sw();
  await worker.evaluate(async ([k, op, a]) => {
    await __rubricaTest.ready();
    const page = { id: chrome.runtime.id, origin: location.origin, url: chrome.runtime.getURL('dashboard/dashboard.html') };
    const ops = {
      import: () => __rubricaTest.route({ type: 'import.commit', payload: { fileName: 'b.json', text: a } }, page),
      migrate: () => __rubricaTest.reboot(),
      shortcut: () => __rubricaTest.sessionShortcut(a),
    };
    __rubricaTest.crashAt(k);
    globalThis.__op = 'running';
    Promise.resolve(ops[op]()).then((r) => {
      globalThis.__op = r && r.ok === false ? `error: ${r.error?.message}` : 'done';
    }, (e) => (globalThis.__op = `error: ${e.message}`));
  }, [n, start, arg]);
  const outcome = await within((async () => {
    for (;;) {
      const [op, c] = await worker.evaluate(() => [globalThis.__op, __rubricaTest.crash()]);
      if (c.hit) return 'hit';
      if (op !== 'running') return op;
      await new Promise((r) => setTimeout(r, 20));
    }
  })(), WAIT_MS, `crash point ${n} was neither reached nor passed`);
  if (outcome !== 'hit') {
    await worker.evaluate(() => __rubricaTest.crashAt(-1));
    assert.equal(outcome, 'done', 'the operation itself succeeds');
    return null;
  }
  const { restarted } = await browser.stopServiceWorker();
  await sendFromPage(page, { type: 'state.get' }); // wakes the worker: it boots (and migrates) again
  await restarted;
  await (await sw()).evaluate(() => __rubricaTest.ready());
  return all();
}

/**
 * Crashes `start` at every storage call in turn from `old`; `judge(state)` says 'old', 'new' or
 * why it is a mix. Returns how many crash points were tried.
 */
async function everyCrashPoint(name, old, start, arg, judge) {
  let n = 0;
  for (;; n++) {
    await seed(old);
    await (await sw()).evaluate(() => __rubricaTest.reload());
    const state = await runWithCrash(n, start, arg);
    if (state === null) break;
    figures.tried += 1;
    const verdict = judge(state);
    if (verdict !== 'old' && verdict !== 'new') figures.mixed += 1;
    assert.ok(verdict === 'old' || verdict === 'new', `${name}, stopped before storage call ${n}: ${verdict}`);
  }
  // Uninterrupted, the operation must reach the new state.
  assert.equal(judge(await all()), 'new', `${name}, uninterrupted`);
  assert.ok(n >= 2, `${name}: only ${n} crash points`);
  return n;
}

const same = (a, b) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

test('an import stopped at any storage call leaves the old or the new store', async () => {
  const old = await all();
  const t = Date.now();
  const file = JSON.stringify({
    format: 'rubrica', schema: 2, kind: 'backup', exportedAt: t, app: 'test',
    data: {
      snippets: [{ id: 'snp_01JQ00000000000000000000C1', createdAt: t, updatedAt: t, triggers: [';crash'], template: 'Crash-safe.' }],
      sessions: [{ id: 'ses_01JQ00000000000000000000C1', createdAt: t, updatedAt: t, startedAt: t, endedAt: t + 1000,
        events: [{ kind: 'start', at: t }, { kind: 'stop', at: t + 1000 }] }],
    },
  });
  // The reference new state: the same import, uninterrupted.
  await seed(old);
  const reply = await sendFromPage(page, { type: 'import.commit', payload: { fileName: 'b.json', text: file } });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  const fresh = await all();
  assert.ok(fresh.snippets.snp_01JQ00000000000000000000C1);
  const judge = (s) => (same(s, old) ? 'old' : same(s, fresh) ? 'new' : 'a mix of old and new keys');
  await everyCrashPoint('import', old, 'import', file, judge);
});

for (const from of [1, 2]) {
  test(`a migration from schema ${from} stopped at any storage call leaves schema ${from} or schema ${SCHEMA}, complete`, async () => {
    const fixture = JSON.parse(readFileSync(new URL(`../storage/schema-${from}.json`, import.meta.url), 'utf8'));
    assert.equal(fixture.meta.schema, from);
    await seed(fixture);
    await (await sw()).evaluate(() => __rubricaTest.reboot());
    const migrated = await all();
    assert.equal(migrated.meta.schema, SCHEMA);
    assert.equal(migrated.running, undefined);
    const judge = (s) => (same(s, fixture) ? 'old' : same(s, migrated) ? 'new'
      : `a mix (schema ${s.meta?.schema}, running ${s.running ? 'present' : 'absent'}, currentSession ${s.currentSession ? 'present' : 'absent'}, snippetUses ${s.snippetUses ? 'present' : 'absent'})`);
    await everyCrashPoint(`migration from schema ${from}`, fixture, 'migrate', null, judge);
  });
}

test('session commands stopped at any storage call leave the session before or after the command', async () => {
  await seed({});
  await (await sw()).evaluate(() => __rubricaTest.reboot());
  const empty = await all();
  // One session with one lap, as the reference for "after nextTask".
  const consistent = (s) => {
    const cur = s.currentSession;
    if (!cur) return same(s, empty) ? 'old' : 'no pointer, yet storage changed';
    const session = s[cur.sessionsKey]?.[cur.sessionId];
    if (!session) return 'the pointer names a session that is not stored';
    const month = cur.sessionsKey.split('/')[1];
    if (s.shards?.sessions?.[month] !== Object.keys(s[cur.sessionsKey]).length) return 'the shard index disagrees with the shard';
    return 'new';
  };
  await everyCrashPoint('start session', empty, 'shortcut', 'toggle-session', consistent);

  await seed(empty);
  await (await sw()).evaluate(() => __rubricaTest.reload());
  await (await sw()).evaluate(() => __rubricaTest.sessionShortcut('toggle-session'));
  const running = await all();
  const tasks = (s) => Object.keys(s).filter((k) => k.startsWith('tasks/')).reduce((n, k) => n + Object.keys(s[k]).length, 0);
  const lapJudge = (s) => {
    if (same(s, running)) return 'old';
    const c = consistent(s);
    if (c !== 'new') return c;
    return tasks(s) === 1 ? 'new' : `${tasks(s)} tasks stored`;
  };
  await everyCrashPoint('next task', running, 'shortcut', 'next-task', lapJudge);
});

test('a quota error names what was not saved and loses nothing already stored', async () => {
  await seed({});
  await (await sw()).evaluate(() => __rubricaTest.reboot());
  const before = await all();
  await (await sw()).evaluate(() => __rubricaTest.failWrites('QUOTA_BYTES quota exceeded'));
  const t = Date.now();
  const file = JSON.stringify({ format: 'rubrica', schema: 2, kind: 'snippets', exportedAt: t, app: 'test',
    data: { snippets: [{ id: 'snp_01JQ00000000000000000000Q1', createdAt: t, updatedAt: t, triggers: [';q'], template: 'Q.' }] } });
  const reply = await sendFromPage(page, { type: 'import.commit', payload: { fileName: 'q.json', text: file } });
  await (await sw()).evaluate(() => __rubricaTest.failWrites(null));
  assert.equal(reply.ok, false);
  assert.equal(reply.error.kind, 'storage');
  assert.match(reply.error.message, /storage is full, so this change to snippets.* was not saved; everything saved before is kept/);
  assert.ok(same(await all(), before), 'storage is unchanged');
});
