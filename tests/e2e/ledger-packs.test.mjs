// Ledger packs (docs/ledger.md, Packs) in Chromium: every task and session month shard the
// background writes has a pack beside it that loads into exactly the same ledger — after a work
// session's laps, the popup's quick-log, an edit in the table's editor, an Outlier import, a
// Toggl import and a backup import; backups leave packs out. A shard written behind the
// background's back (no pack change) is read from the shard, shown, and its pack written again.
// Storage from schema 3 with a task whose start moved past its month's window: the ledger shows it
// after the upgrade (the shards index's reach).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, sendFromPage, TEST_BUILD, until, WAIT_MS } from './browser.mjs';
import { SCHEMA } from './schema.mjs';

async function send(page, type, payload) {
  const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.data;
}

/**
 * For every task and session shard stored: its pack exists, is accepted against the index, and a
 * book loaded from it answers the table (every task, by start and by pay) and the report exactly
 * as one loaded from the shard. Returns the shard keys checked.
 */
function packsAgree(page) {
  return page.evaluate(async () => {
    const { pageCore } = await import('../shared/page-core.js');
    const { joinPacks, packBytes, storedJson } = await import('../shared/month-shards.js');
    const { wasm } = await pageCore();
    const all = await chrome.storage.local.get(null);
    const enc = (s) => new TextEncoder().encode(s);
    const shards = Object.keys(all).filter((k) => /^(tasks|sessions)\/\d{4}-\d\d$/.test(k));
    const problems = [];
    const answers = (b) => JSON.stringify([
      b.page({ limit: 500 }), b.page({ limit: 500, sort: 'pay', desc: true }),
      b.report({ from: 0, to: Date.now() + 86_400_000 * 400, zone: { transitions: [{ from: 0, offsetMin: 0 }] }, groupBy: 'day', currency: 'USD', minSample: 1 }),
    ]);
    const now = Date.now();
    const byShards = new wasm.LedgerBook();
    byShards.loadJson(enc(await storedJson(all)), now); // month shards are stored compressed
    const byPacks = new wasm.LedgerBook();
    const catalogue = Object.fromEntries(Object.entries(all).filter(([k]) => !k.includes('/')));
    byPacks.loadJson(enc(JSON.stringify(catalogue)), now);
    for (const k of shards) {
      if (typeof all[`ledgerPack/${k}`] !== 'string') problems.push(`${k}: no pack`);
    }
    // Packs are stored deflated in the shards' envelope (docs/ledger.md, Packs).
    for (const k of shards) {
      if (!String(all[`ledgerPack/${k}`]).startsWith('RLZ1:')) problems.push(`${k}: pack not in its envelope`);
    }
    const parts = await Promise.all(shards.map((k) => packBytes(all[`ledgerPack/${k}`])));
    const { bytes, lengths } = joinPacks(parts);
    const rest = byPacks.loadPackBytes(all.shards ?? null, shards, bytes, lengths, now);
    if (rest.length > 0) problems.push(`refused: ${rest.join(', ')}`);
    if (answers(byPacks) !== answers(byShards)) problems.push('a book from the packs answers differently');
    const stray = Object.keys(all).filter((k) => k.startsWith('ledgerPack/') && !(k.slice('ledgerPack/'.length) in all));
    if (stray.length > 0) problems.push(`packs without a shard: ${stray.join(', ')}`);
    byShards.free();
    byPacks.free();
    return { shards, problems };
  });
}

/**
 * Waits until every shard whose key starts with `prefix` has a pack that is not empty. (Polled
 * with page.evaluate: Playwright's waitForFunction takes a promise for a truthy answer.)
 */
function packsWritten(page, prefix) {
  return until(() => page.evaluate(async (p) => {
    const all = await chrome.storage.local.get(null);
    return Object.keys(all).filter((k) => k.startsWith(p)).every((k) => all[`ledgerPack/${k}`]?.length > 0);
  }, prefix), WAIT_MS, `the packs of ${prefix}… were not written`);
}

async function assertAgree(page, what) {
  const { shards, problems } = await packsAgree(page);
  assert.deepEqual(problems, [], what);
  assert.ok(shards.length > 0, `${what}: shards to check`);
  return shards;
}

test('every shard the background writes has a pack that loads the same ledger; backups leave packs out', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#data');
    const platform = await send(page, 'platform.create', { name: 'Outlier' });
    const type = await send(page, 'taskType.create', { taskType: { platformId: platform.id, name: 'Pairwise' } });
    // A work session with two laps (session and task shards, the quick-log's list).
    await send(page, 'session.command', { command: { type: 'start', platformId: platform.id, taskTypeId: type.id } });
    await send(page, 'session.command', { command: { type: 'nextTask' } });
    await send(page, 'session.command', { command: { type: 'nextTask' } });
    await send(page, 'session.command', { command: { type: 'stop' } });
    const shards = await assertAgree(page, 'after a session');
    assert.ok(shards.some((k) => k.startsWith('sessions/')) && shards.some((k) => k.startsWith('tasks/')));

    // The popup's quick-log: its list, then an outcome (the message it sends).
    const popup = await browser.extensionPage('popup/popup.html');
    const [recent] = await send(popup, 'task.recent', { limit: 5 });
    await send(popup, 'task.update', { id: recent.task.id, outcome: { status: 'rejected', criteriaCited: ['accuracy'], feedback: 'Wrong date' } });
    await popup.close();
    await assertAgree(page, 'after a quick-log');

    // An edit in the ledger's table.
    await page.goto(page.url().replace('#data', '#ledger'));
    await page.locator('#ledger-task-table tbody tr', { hasText: 'Rejected' }).getByRole('button', { name: /Edit/ }).click();
    await page.locator('#led-confirmed').fill('12.50');
    await page.locator('#ledger-editor-save').click();
    await page.locator('#ledger-task-table tbody tr', { hasText: '$12.50' }).waitFor();
    await assertAgree(page, 'after an edit');

    // An Outlier import (months of tasks in one write).
    const fixtures = new URL('../import/', import.meta.url).pathname;
    const text = await readFile(`${fixtures}outlier_earnings.csv`, 'utf8');
    assert.ok((await send(page, 'outlier.commit', { fileName: 'outlier_earnings.csv', text })).added > 0);
    // Answered once the records are stored; the packs come in the write right after (until
    // then each is empty: "read the shard").
    await packsWritten(page, 'tasks/');
    await assertAgree(page, 'after an Outlier import');

    // A Toggl import (sessions, one of them in an earlier month): the same, for session shards.
    const day = (ago) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    const toggl = ['User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)',
      `Sam,s@x,Outlier,Pairwise,,,Yes,${day(3)},09:00:00,${day(3)},10:00:00,00:50:00,,`,
      `Sam,s@x,Outlier,Pairwise,,,Yes,${day(45)},09:00:00,${day(45)},11:00:00,2.00,,`].join('\n') + '\n';
    assert.equal((await send(page, 'toggl.commit', { fileName: 'toggl.csv', text: toggl })).added, 2);
    await packsWritten(page, 'sessions/');
    await assertAgree(page, 'after a Toggl import');

    // A backup holds no pack; importing one with a newer copy of a task writes its shard, and
    // with it the pack.
    const backup = await send(page, 'backup.export');
    assert.doesNotMatch(JSON.stringify(backup), /ledgerPack/);
    assert.deepEqual(Object.keys(backup.data).filter((k) => k.includes('Pack')), []);
    const newer = backup.data.tasks[0];
    Object.assign(newer, { updatedAt: newer.updatedAt + 1000, notes: 'from the backup' });
    const packsBefore = await browser.sw.evaluate(() => __rubricaTest.readStorage(null));
    const imported = await send(page, 'import.commit', { fileName: 'backup.json', text: JSON.stringify(backup) });
    assert.equal(imported.summary.tasks.updated, 1, JSON.stringify(imported.summary));
    const after = await browser.sw.evaluate(() => __rubricaTest.readStorage(null));
    const changed = Object.keys(after).filter((k) => k.startsWith('ledgerPack/tasks/') && after[k] !== packsBefore[k]);
    assert.equal(changed.length, 1, 'the updated task\'s month has a new pack');
    await assertAgree(page, 'after a backup import');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('a shard changed behind the background is read from the shard, and its pack is written again', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#ledger');
    await page.locator('#ledger-empty').waitFor();
    const started = Date.now() - 3_600_000;
    const { task } = await send(page, 'task.add', { task: { startedAt: started, outcome: { status: 'approved', payConfirmed: { amount: '10.00', currency: 'USD' }, durationMin: 30 } } });
    await assertAgree(page, 'after task.add');
    // Another writer (storage from before packs, a test, a bench) adds a task and counts it in
    // the index without touching the pack: the pack's stamp no longer matches.
    const stored = await browser.sw.evaluate(() => __rubricaTest.readStorage(null));
    const key = Object.keys(stored).find((k) => k.startsWith('tasks/'));
    const month = key.slice('tasks/'.length);
    const extra = { ...task, id: 'tsk_01ZZZZZZZZZZZZZZZZZZZZZZZZ', payConfirmed: { minor: 2000, currency: 'USD' } };
    const shards = { ...stored.shards, tasks: { ...stored.shards.tasks, [month]: stored.shards.tasks[month] + 1 } };
    const packBefore = stored[`ledgerPack/${key}`];
    await browser.sw.evaluate(([k, shard, index]) => __rubricaTest.writeStorageDirectly({ [k]: shard, shards: index }),
      [key, { ...stored[key], [extra.id]: extra }, shards]);
    // The section shows both tasks ($30.00 confirmed): the stale pack was not used.
    await page.reload();
    const confirmed = page.locator('.ledger-kpi').filter({ has: page.locator('.ledger-kpi-label', { hasText: /^Confirmed$/ }) }).locator('.ledger-kpi-value');
    await confirmed.waitFor();
    assert.equal(await confirmed.textContent(), '$30.00');
    // The dashboard asked the background to write the pack again from the shard.
    await until(() => page.evaluate(async ([k, before]) => {
      const got = await chrome.storage.local.get(k);
      return typeof got[k] === 'string' && got[k] !== before;
    }, [`ledgerPack/${key}`, packBefore]), WAIT_MS, 'the pack was not written again');
    await assertAgree(page, 'after the pack was written again');
    // Opened at #ledger, the page's first reads went out before its bundle (dashboard/early.js) and
    // the book took them (once storage is still: a write while they are read sets them aside).
    const early = () => page.evaluate(() => performance.getEntriesByName('rubrica:ledger:early').length);
    await page.reload();
    await confirmed.waitFor();
    assert.equal(await confirmed.textContent(), '$30.00');
    assert.equal(await early(), 1);
    // Opened at another section, then at the ledger: the book reads for itself, the same figures.
    await page.evaluate(() => { location.hash = '#overview'; });
    await page.reload();
    await page.evaluate(() => { location.hash = '#ledger'; });
    await confirmed.waitFor();
    assert.equal(await confirmed.textContent(), '$30.00');
    assert.equal(await early(), 0);
    // A pack that is not one (broken) is never used either.
    await browser.sw.evaluate((k) => __rubricaTest.writeStorageDirectly({ [k]: 'UkxQMQ-broken' }), `ledgerPack/${key}`);
    await page.reload();
    await confirmed.waitFor();
    assert.equal(await confirmed.textContent(), '$30.00');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('storage from schema 3 with a task whose start was moved months on: after the upgrade the ledger shows it', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#ledger');
    await page.locator('#ledger-empty').waitFor();
    // A task added by hand 160 days ago (stored in that month's shard), its start since moved to an
    // hour ago, as a schema-3 build left it: the shards index says nothing of where it starts.
    const now = Date.now();
    const created = now - 160 * 86_400_000;
    const month = new Date(created).toISOString().slice(0, 7);
    const task = {
      id: 'tsk_01ZZZZZZZZZZZZZZZZZZZZZZZY', createdAt: created, updatedAt: now, startedAt: now - 3_600_000,
      status: 'approved', payStatus: 'approved', payConfirmed: { minor: 1234, currency: 'USD' }, durationMs: 1_800_000,
    };
    await page.evaluate(async ([key, t, m]) => {
      const { meta, settings } = await chrome.storage.local.get(['meta', 'settings']);
      await chrome.storage.local.clear();
      await chrome.storage.local.set({
        meta: { ...meta, schema: 3 }, settings, snippetUses: {},
        shards: { sessions: {}, tasks: { [m]: 1 }, justifications: {} }, [key]: { [t.id]: t },
      });
    }, [`tasks/${month}`, task, month]);
    const { restarted } = await browser.stopServiceWorker();
    await page.reload();
    await restarted;
    // The background migrated: the index notes how far that month's shard reaches.
    await until(() => page.evaluate(async (s) => (await chrome.storage.local.get('meta')).meta?.schema === s, SCHEMA), WAIT_MS, 'the background did not migrate');
    const { shards } = await page.evaluate(() => chrome.storage.local.get('shards'));
    assert.deepEqual(shards.reach, { tasks: { [month]: new Date(task.startedAt).toISOString().slice(0, 7) } });
    // Its start is in the section's opening range (the last 90 days), whose reads begin 32 days
    // before it: months after the task's shard.
    await page.reload();
    const confirmed = page.locator('.ledger-kpi').filter({ has: page.locator('.ledger-kpi-label', { hasText: /^Confirmed$/ }) }).locator('.ledger-kpi-value');
    await confirmed.waitFor();
    assert.equal(await confirmed.textContent(), '$12.34');
    assert.equal(await page.locator('#ledger-task-table tbody tr').count(), 1);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('a store with its schema but no snippets key: the dashboard loads its state, no error', async () => {
  // Written behind the background's back (a test, a bench, another tool): the schema is current,
  // so nothing migrates, and the engine's snapshot has no `snippets` at all.
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#ledger');
    await page.locator('#ledger-empty').waitFor();
    await page.evaluate(async () => {
      const { meta } = await chrome.storage.local.get('meta');
      await chrome.storage.local.clear();
      await chrome.storage.local.set({ meta });
    });
    const { restarted } = await browser.stopServiceWorker();
    await page.reload();
    await restarted;
    await page.locator('#ledger-empty').waitFor();
    const state = await sendFromPage(page, { type: 'state.get' });
    assert.equal(state.ok, true, JSON.stringify(state.error));
    assert.equal(state.data.counts.snippets, 0);
    assert.equal(await page.locator('#load-error').isHidden(), true, await page.locator('#load-error').textContent());
  } finally {
    await browser.close();
  }
});
