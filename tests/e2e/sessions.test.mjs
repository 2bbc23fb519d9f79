// Work sessions (issue #5) in Chromium. User flows on the release build (popup start → laps →
// stop, the restart question after relaunching the browser on the same profile); the browser
// signals automation cannot produce (shortcuts, idle, locked screen) through the test build's
// hooks, which call the same handlers the browser events call; and totals to the millisecond
// across repeated service-worker stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, sendFromPage, RELEASE, TEST_BUILD } from './browser.mjs';
import { SCHEMA } from './schema.mjs';

async function send(page, type, payload) {
  const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.data;
}

async function popup(browser, { dark = false } = {}) {
  const page = await browser.extensionPage('popup/popup.html');
  await page.setViewportSize({ width: 360, height: 720 });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('#session-card[aria-busy="false"]').waitFor();
  return page;
}

/** wall = active + idle + idleDiscarded + paused, and laps inside the session. */
function checkTotals(t) {
  assert.equal(t.wall, t.active + t.idle + t.idleDiscarded + t.paused, JSON.stringify(t));
  const lapActive = t.tasks.reduce((a, x) => a + x.active, 0);
  assert.ok(lapActive <= t.active);
}

test('manifest declares the two session shortcuts and the new permissions', async () => {
  const m = JSON.parse(await readFile(join(RELEASE, 'manifest.json'), 'utf8'));
  assert.equal(m.commands['toggle-session'].suggested_key.default, 'Alt+Shift+S');
  assert.equal(m.commands['next-task'].suggested_key.default, 'Alt+Shift+N');
  for (const p of ['alarms', 'idle', 'notifications']) assert.ok(m.permissions.includes(p), p);
  assert.ok(!m.permissions.includes('tabs'));
});

test('popup: start, first task, next task, stop; totals and laps recorded (release build)', async () => {
  const browser = await launch({ dir: RELEASE });
  try {
    const page = await popup(browser);
    await browser.screenshot(page, 'session-popup-stopped-light');
    // No platforms yet: add one inline by name; a second with the same name is refused inline.
    for (const attempt of ['Outlier', ' outlier ']) {
      await page.getByRole('button', { name: 'Add a platform' }).click();
      await page.getByLabel('New platform name').fill(attempt);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      if (attempt === 'Outlier') {
        await page.locator('#platform-add').waitFor({ state: 'hidden' });
      } else {
        await page.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
        await browser.screenshot(page, 'session-popup-platform-light');
      }
    }
    const selected = await page.locator('#session-platform').inputValue();
    assert.match(selected, /^plt_/);
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'First task' }).click();
    await page.getByRole('button', { name: 'Next task' }).waitFor();
    await page.waitForTimeout(1100);
    await page.getByRole('button', { name: 'Next task' }).click();
    await page.waitForFunction(() => document.querySelector('#fig-task-label').textContent === 'Task 2');
    await page.waitForTimeout(1100);
    // The live clock ticks each second from the last reply (≥ 3.3 s have passed), naming its unit.
    await page.waitForFunction(() => /^[3-9] sec$/.test(document.querySelector('#session-time').textContent), null, { timeout: 3000 });
    assert.equal(await page.locator('#session-state').textContent(), 'Running');
    assert.equal(await page.locator('#session-clock-label').textContent(), 'Timing: Outlier');
    assert.match(await page.locator('#fig-active').textContent(), /^\d+ sec$/);
    await browser.screenshot(page, 'session-popup-running-light');
    const dark = await popup(browser, { dark: true });
    await browser.screenshot(dark, 'session-popup-running-dark');
    await dark.close();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    assert.equal(await page.locator('#session-state').textContent(), 'Not running');
    // Beside "Start session": the last session's time, labelled, with what it timed.
    assert.equal(await page.locator('#session-clock-label').textContent(), 'Last session: Outlier');
    assert.match(await page.locator('#session-time').textContent(), /^\d+ sec$/);
    await browser.screenshot(page, 'session-popup-stopped-last-light');

    const [row] = await send(page, 'session.list', { from: 0, to: Date.now() + 60_000 });
    const s = row.session;
    assert.equal(s.platformId, selected);
    checkTotals(row.totals);
    assert.equal(row.totals.wall, s.endedAt - s.startedAt);
    assert.equal(row.tasks.length, 2);
    assert.equal(row.totals.setup, row.tasks[0].startedAt - s.startedAt);
    assert.ok(row.totals.setup >= 1000);
    assert.equal(row.tasks[0].submittedAt, row.tasks[1].startedAt);
    assert.equal(row.tasks[1].submittedAt, s.endedAt);
    const { shards } = await page.evaluate(() => chrome.storage.local.get('shards'));
    assert.equal(Object.values(shards.sessions).reduce((a, b) => a + b, 0), 1);
    assert.equal(Object.values(shards.tasks).reduce((a, b) => a + b, 0), 2);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('durations: Intl.DurationFormat and the fallback of shared/format.js write the same text', async () => {
  const browser = await launch({ dir: RELEASE });
  try {
    const page = await browser.extensionPage('popup/popup.html');
    const out = await page.evaluate(async () => {
      const f = await import(chrome.runtime.getURL('shared/format.js'));
      const intl = f.durationWriters(Intl.DurationFormat);
      const plain = f.durationWriters(undefined);
      const H = 3_600_000;
      const cases = [0, 999, 45_000, 60_000, 12 * 60_000 + 30_000, H, H + 5 * 60_000 + 12_000, 26 * H + 3 * 60_000, 1234 * H + 60_000];
      return {
        hasIntl: typeof Intl.DurationFormat === 'function',
        rows: cases.map((ms) => [ms, intl.duration(ms), plain.duration(ms), intl.clock(ms), plain.clock(ms)]),
      };
    });
    assert.equal(out.hasIntl, true);
    for (const [ms, intlFigure, plainFigure, intlClock, plainClock] of out.rows) {
      assert.equal(intlFigure, plainFigure, String(ms));
      assert.equal(intlClock, plainClock, String(ms));
    }
    assert.equal(out.rows[6][1], '1 hr, 5 min');
    assert.equal(out.rows[6][3], '1 hr, 5 min, 12 sec');
  } finally {
    await browser.close();
  }
});

test('keyboard commands: toggle-session and next-task handlers, badge shows state (test build)', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
    let v = await hook((n) => __rubricaTest.sessionShortcut(n), 'toggle-session');
    assert.equal(v.state.state, 'running');
    let badge = await hook(() => __rubricaTest.badge());
    assert.equal(badge.text, '0m');
    assert.match(badge.title, /running/);
    v = await hook((n) => __rubricaTest.sessionShortcut(n), 'next-task');
    assert.equal(v.taskCount, 1);
    v = await hook((n) => __rubricaTest.sessionShortcut(n), 'next-task');
    assert.equal(v.taskCount, 2);
    const alarms = (await hook(() => __rubricaTest.alarms())).map((a) => a.name).sort();
    assert.deepEqual(alarms, ['rubrica.focus', 'rubrica.heartbeat']);
    // The heartbeat alarm handler records last activity without changing any figure.
    await hook((n) => __rubricaTest.sessionAlarm(n), 'rubrica.heartbeat');
    v = await hook((n) => __rubricaTest.sessionShortcut(n), 'toggle-session');
    assert.equal(v.state.state, 'stopped');
    assert.equal(v.totals.tasks.length, 2);
    checkTotals(v.totals);
    badge = await hook(() => __rubricaTest.badge());
    assert.equal(badge.text, '');
    assert.deepEqual(await hook(() => __rubricaTest.alarms()), []);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('the popup follows sessions started and stopped elsewhere while it is open (test build)', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
    const page = await popup(browser);
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    assert.equal(await page.locator('#session-state').textContent(), 'Not running');
    // The shortcut starts a session: the background announces the view, the popup renders it.
    await hook((n) => __rubricaTest.sessionShortcut(n), 'toggle-session');
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    assert.equal(await page.locator('#session-state').textContent(), 'Running');
    assert.equal(await page.locator('#session-clock-label').textContent(), 'Timing: no platform');
    await hook((n) => __rubricaTest.sessionShortcut(n), 'next-task');
    await page.waitForFunction(() => document.querySelector('#fig-task-label').textContent === 'Task 1');
    await browser.screenshot(page, 'session-popup-shortcut-light');
    await hook((n) => __rubricaTest.sessionShortcut(n), 'toggle-session');
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    assert.equal(await page.locator('#session-state').textContent(), 'Not running');
    // A platform the popup has not seen yet (added from another page): the popup learns its name.
    const other = await browser.extensionPage('popup/popup.html');
    const platform = await send(other, 'platform.create', { name: 'Falcon' });
    await send(other, 'settings.update', { patch: { session: { lastPlatformId: platform.id } } });
    await other.close();
    await hook((n) => __rubricaTest.sessionShortcut(n), 'toggle-session');
    await page.locator('#session-clock-label').filter({ hasText: 'Timing: Falcon' }).waitFor();
    // A command from another page reaches it too.
    const dash = await browser.extensionPage('dashboard/dashboard.html');
    await send(dash, 'session.command', { command: { type: 'pause' } });
    await page.locator('#session-state').filter({ hasText: 'On a break' }).waitFor();
    await send(dash, 'session.command', { command: { type: 'stop' } });
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    assert.equal(await page.locator('#session-clock-label').textContent(), 'Last session: Falcon');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('a schema-1 store migrates when the background starts: running becomes currentSession (test build)', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('popup/popup.html');
    await browser.sw.evaluate(() => __rubricaTest.ready());
    // A session running for a minute with a rubric'd task type, stored as schema 1 stored it.
    const t = Date.now() - 60_000;
    const month = new Date(t).toISOString().slice(0, 7);
    const key = `sessions/${month}`;
    const session = {
      id: 'ses_01JQ0000000000000000000009', createdAt: t, updatedAt: t, taskTypeId: 'tty_1', startedAt: t,
      events: [{ kind: 'start', at: t }],
    };
    const running = { sessionId: session.id, sessionsKey: key, tasksKeys: [] };
    await page.evaluate(async (old) => {
      await chrome.storage.local.remove('currentSession');
      await chrome.storage.local.set(old);
    }, {
      meta: { schema: 1, installedAt: t },
      running,
      [key]: { [session.id]: session },
      shards: { sessions: { [month]: 1 }, tasks: {}, justifications: {} },
      taskTypes: { tty_1: { id: 'tty_1', createdAt: t, updatedAt: t, platformId: 'plt_1', name: 'Rating' } },
    });
    const { restarted } = await browser.stopServiceWorker();
    const v = await send(page, 'session.get'); // wakes the worker: it migrates before answering
    await restarted;
    assert.equal(v.state.state, 'running');
    assert.equal(v.session.id, session.id);
    const stored = await page.evaluate(() => chrome.storage.local.get(['meta', 'running', 'currentSession']));
    assert.equal(stored.meta.schema, SCHEMA);
    assert.equal(stored.meta.installedAt, t);
    assert.equal(stored.running, undefined);
    assert.deepEqual(stored.currentSession, { ...running, open: true, taskTypeId: 'tty_1' });
    assert.equal((await send(page, 'session.command', { command: { type: 'stop' } })).state.state, 'stopped');
    assert.equal((await page.evaluate(() => chrome.storage.local.get('currentSession'))).currentSession.open, false);
  } finally {
    await browser.close();
  }
});

test('service worker stopped repeatedly during a session: totals exact to the millisecond', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('popup/popup.html');
    const t0 = Date.now();
    let v = await send(page, 'session.command', { command: { type: 'start' } });
    const started = v.session.startedAt;
    for (let i = 0; i < 3; i++) {
      const { restarted } = await browser.stopServiceWorker();
      v = await send(page, 'session.command', { command: { type: 'nextTask' } });
      await restarted;
      assert.equal(v.state.state, 'running', `after stop ${i + 1}`);
      assert.equal(v.session.startedAt, started);
      assert.equal(v.taskCount, i + 1);
      // A worker restart is not a browser restart: no "still running" question.
      assert.equal(v.restartAskedAt, null);
    }
    await browser.stopServiceWorker();
    v = await send(page, 'session.command', { command: { type: 'stop' } });
    const elapsed = Date.now() - t0;
    assert.equal(v.state.state, 'stopped');
    assert.equal(v.totals.wall, v.session.endedAt - started);
    assert.ok(Math.abs(v.totals.wall - elapsed) < 1000, `${v.totals.wall} vs ${elapsed}`);
    assert.equal(v.totals.active, v.totals.wall); // nothing idle or paused happened
    const laps = v.totals.tasks.reduce((a, t) => a + t.wall, 0);
    assert.equal(laps + v.totals.setup, v.totals.wall);
    const stored = await browser.sw.evaluate(() => __rubricaTest.readStorage(['shards']));
    assert.deepEqual(Object.values(stored.shards.tasks), [3]);
  } finally {
    await browser.close();
  }
});

test('idle and locked: back-dated, asked on return in the popup, nothing fires without a session', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
    // No session: idle signals change nothing and notify nobody.
    let v = await hook((s) => __rubricaTest.sessionIdle(s), 'idle');
    assert.equal(v.state.state, 'stopped');
    await hook((s) => __rubricaTest.sessionIdle(s), 'active');
    assert.deepEqual(await hook(() => __rubricaTest.notifications()), []);

    const page = await popup(browser);
    await send(page, 'settings.update', { patch: { session: { idleThresholdSec: 15 } } });
    await send(page, 'session.command', { command: { type: 'start' } });
    await page.waitForTimeout(2000);
    const before = Date.now();
    v = await hook((s) => __rubricaTest.sessionIdle(s), 'idle');
    assert.equal(v.state.state, 'idle');
    // Back-dated by the 15 s threshold, clamped to the session start 2 s ago.
    assert.equal(v.state.since, v.session.startedAt);
    await page.waitForTimeout(1000);
    v = await hook((s) => __rubricaTest.sessionIdle(s), 'active');
    assert.ok(v.pendingIdle && v.pendingIdle.to - v.pendingIdle.from >= 1000);
    const notes = await hook(() => __rubricaTest.notifications());
    assert.equal(notes.at(-1).id, 'rubrica-idle');
    await page.getByRole('button', { name: 'Discard it' }).click();
    await page.locator('#idle-question').waitFor({ state: 'hidden' });
    v = await send(page, 'session.get');
    assert.equal(v.totals.idle, 0);
    assert.equal(v.pendingIdle, null);
    assert.ok(v.totals.idleDiscarded >= 1000);
    assert.ok(v.totals.idleDiscarded <= Date.now() - v.session.startedAt);

    // Locked (screen lock, sleep) counts like idle, from the moment it is reported.
    const lockAt = Date.now();
    v = await hook((s) => __rubricaTest.sessionIdle(s), 'locked');
    assert.equal(v.state.state, 'idle');
    assert.ok(v.state.since >= lockAt && v.state.since >= before);
    await page.waitForTimeout(1000);
    await hook((s) => __rubricaTest.sessionIdle(s), 'active');
    await page.locator('#idle-question').waitFor();
    await page.getByRole('button', { name: 'Keep as idle time' }).click();
    await page.locator('#idle-question').waitFor({ state: 'hidden' });
    v = await send(page, 'session.get');
    assert.ok(v.totals.idle >= 1000);
    checkTotals(v.totals);
    await send(page, 'session.command', { command: { type: 'stop' } });
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('browser closed and relaunched on the same profile: the popup asks, stop at last activity (release build)', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'rubrica-relaunch-'));
  try {
    let browser = await launch({ dir: RELEASE, userDataDir: profile });
    let page = await popup(browser);
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'Stop' }).waitFor();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'First task' }).click();
    await page.getByRole('button', { name: 'Next task' }).waitFor();
    const before = await send(page, 'session.get');
    const lastActivity = before.lastActivity;
    assert.equal(before.restartAskedAt, null);
    await page.waitForTimeout(1500);
    await browser.close();

    browser = await launch({ dir: RELEASE, userDataDir: profile });
    page = await popup(browser);
    await page.locator('#restart-question').waitFor();
    assert.equal(await page.locator('#session-state').textContent(), 'Running');
    await browser.screenshot(page, 'session-popup-restart-light');
    await page.getByRole('button', { name: 'Stop at last activity' }).click();
    await page.locator('#restart-question').waitFor({ state: 'hidden' });
    const v = await send(page, 'session.get');
    assert.equal(v.state.state, 'stopped');
    assert.equal(v.session.endedAt, lastActivity);
    assert.equal(v.totals.wall, lastActivity - v.session.startedAt);
    assert.ok(v.totals.wall >= 1500);
    checkTotals(v.totals);
    assert.deepEqual(browser.errors, []);
    await browser.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('dashboard: sessions listed with totals and tasks; overlapping edit refused inline; delete and undo', async () => {
  const browser = await launch({ dir: RELEASE });
  try {
    const page = await browser.extensionPage('popup/popup.html');
    for (let i = 0; i < 2; i++) {
      await send(page, 'session.command', { command: { type: 'start' } });
      await page.waitForTimeout(1200);
      await send(page, 'session.command', { command: { type: 'nextTask' } });
      await page.waitForTimeout(300);
      await send(page, 'session.command', { command: { type: 'stop' } });
      await page.waitForTimeout(1200);
    }
    const rows = await send(page, 'session.list', { from: 0, to: Date.now() + 60_000 });
    const [newer, older] = rows;
    const dash = await browser.extensionPage('dashboard/dashboard.html#sessions');
    await dash.locator('.session-item').nth(1).waitFor();
    assert.equal(await dash.locator('.session-item').count(), 2);
    // Each card names its platform; a session of about a second does not read as zeros.
    assert.deepEqual(await dash.locator('.session-item .session-subject').allTextContents(), ['No platform', 'No platform']);
    const wall = dash.locator(`[data-session-id="${older.session.id}"] .stat-value`).first();
    assert.equal(await wall.textContent(), `${Math.floor(older.totals.wall / 1000)} sec`);
    // Day and week totals (split at local midnight by the core) add up to the sessions' wall time.
    await dash.locator('#sessions-summary table').first().waitFor();
    const report = await send(page, 'session.report', { from: Date.now() - 86_400_000, to: Date.now() + 1000 });
    const sum = (bs) => bs.reduce((a, b) => a + b.wall, 0);
    assert.equal(sum(report.days), newer.totals.wall + older.totals.wall);
    assert.equal(sum(report.weeks), sum(report.days));
    assert.match(report.weeks.at(-1).isoWeek, /^\d{4}-W\d{2}$/);
    await browser.screenshot(dash, 'session-dashboard-list');
    // Move the older session's end into the newer one: refused, with the message beside the form.
    const card = dash.locator(`[data-session-id="${older.session.id}"]`);
    await card.getByRole('button', { name: /Edit session/ }).click();
    const end = new Date(newer.session.startedAt + 2000); // whole seconds: surely inside the newer one
    const p = (n, w = 2) => String(n).padStart(w, '0');
    const local = `${end.getFullYear()}-${p(end.getMonth() + 1)}-${p(end.getDate())}T${p(end.getHours())}:${p(end.getMinutes())}:${p(end.getSeconds())}`;
    await card.getByLabel('End').fill(local);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('alert').filter({ hasText: /overlap/ }).waitFor();
    await browser.screenshot(dash, 'session-dashboard-overlap');
    await card.getByRole('button', { name: 'Cancel' }).click();
    // Delete, then undo.
    await card.getByRole('button', { name: /Delete session/ }).click();
    await dash.locator('#sessions-status').filter({ hasText: 'deleted' }).waitFor();
    await dash.waitForFunction(() => document.querySelectorAll('.session-item').length === 1);
    assert.equal((await send(page, 'session.list', { from: 0, to: Date.now() + 60_000 })).length, 1);
    await dash.locator('#sessions-status').getByRole('button', { name: 'Undo' }).click();
    await dash.locator('#sessions-status').filter({ hasText: 'restored' }).waitFor();
    await dash.waitForFunction(() => document.querySelectorAll('.session-item').length === 2);
    const back = await send(page, 'session.list', { from: 0, to: Date.now() + 60_000 });
    assert.equal(back[1].tasks.length, 1);
    assert.deepEqual(back[1].totals, older.totals);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('pause/resume from the popup; task cap warning and passing through the alarm handler (test build)', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
    // A platform and a task type with a 2-second cap (warning at 80 %), written as stored records
    // once the first start-up has written the schema version.
    await hook(() => __rubricaTest.ready());
    await hook((records) => __rubricaTest.writeStorage(records), {
      platforms: { plt_1: { id: 'plt_1', createdAt: 1, updatedAt: 1, name: 'Outlier', payModel: 'hourly', currency: 'USD', hosts: [] } },
      taskTypes: { tty_1: { id: 'tty_1', createdAt: 1, updatedAt: 1, platformId: 'plt_1', name: 'Rating', timeCapMs: 2000 } },
    });
    const page = await popup(browser);
    await page.locator('#session-platform').selectOption('plt_1');
    await page.locator('#session-task-type').selectOption('tty_1');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'First task' }).click();
    await page.getByRole('button', { name: 'Next task' }).waitFor();
    let v = await send(page, 'session.get');
    assert.equal(v.session.platformId, 'plt_1');
    assert.equal(v.openTask.taskTypeId, 'tty_1');
    assert.equal(v.cap.capMs, 2000);
    const alarms = (await hook(() => __rubricaTest.alarms())).map((a) => a.name).sort();
    assert.deepEqual(alarms, ['rubrica.capOver', 'rubrica.capWarn', 'rubrica.focus', 'rubrica.heartbeat']);
    await page.waitForTimeout(2300);
    // The alarm fires (called directly: chrome.alarms waits at least 30 s in an unpacked build).
    await hook((n) => __rubricaTest.sessionAlarm(n), 'rubrica.capOver');
    const notes = (await hook(() => __rubricaTest.notifications())).map((n) => n.title);
    assert.ok(notes.includes('Task time cap passed'), notes.join(', '));
    await page.locator('#session-reminder').filter({ hasText: 'passed the' }).waitFor();
    await browser.screenshot(page, 'session-popup-cap-light');
    // Shown once per task: a second alarm does not repeat it.
    await hook((n) => __rubricaTest.sessionAlarm(n), 'rubrica.capOver');
    const again = (await hook(() => __rubricaTest.notifications())).filter((n) => n.title === 'Task time cap passed');
    assert.equal(again.length, 1);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    assert.equal(await page.locator('#session-state').textContent(), 'On a break');
    assert.equal((await hook(() => __rubricaTest.badge())).text, '❚❚');
    assert.equal(await page.getByRole('button', { name: 'Next task' }).isDisabled(), true);
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    v = await send(page, 'session.get');
    assert.ok(v.totals.paused >= 1000);
    checkTotals(v.totals);
    // The picks are remembered for the next start.
    const { settings } = await hook(() => __rubricaTest.readStorage(['settings']));
    assert.equal(settings.session.lastPlatformId, 'plt_1');
    assert.equal(settings.session.lastTaskTypeId, 'tty_1');
    assert.equal(await page.locator('#session-platform').inputValue(), 'plt_1');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('sleep with no locked event: the heartbeat finds the gap and records it as idle (test build)', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
    await hook(() => __rubricaTest.ready());
    let v = await hook((n) => __rubricaTest.sessionShortcut(n), 'toggle-session');
    // Pretend the machine slept 20 minutes ago: move the session's start and last activity back.
    const ago = 20 * 60_000;
    const stored = await hook(() => __rubricaTest.readStorage(null));
    const key = stored.currentSession.sessionsKey;
    const s = stored[key][v.session.id];
    s.startedAt -= ago + 60_000;
    s.createdAt = s.startedAt;
    s.events[0].at = s.startedAt;
    s.lastActivityAt = Date.now() - ago;
    await hook((w) => __rubricaTest.writeStorage(w), { [key]: { ...stored[key], [s.id]: s } });
    v = await hook((n) => __rubricaTest.sessionAlarm(n), 'rubrica.heartbeat');
    assert.equal(v.state.state, 'running');
    assert.equal(v.pendingIdle.from, s.lastActivityAt);
    assert.ok(v.totals.idle >= ago - 1000 && v.totals.idle <= ago + 5000, String(v.totals.idle));
    checkTotals(v.totals);
    // A normal heartbeat right after changes no figure.
    const again = await hook((n) => __rubricaTest.sessionAlarm(n), 'rubrica.heartbeat');
    assert.equal(again.totals.idle, v.totals.idle);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('task types: added in the popup with a 1-minute cap, the cap warns; edited in the dashboard (release build)', async () => {
  const browser = await launch({ dir: RELEASE });
  try {
    const page = await popup(browser);
    // A pasted name longer than the field holds is cut, and the popup says so and shows what was saved.
    const long = 'Scale AI Remotasks generalist pool for reasoning and coding tasks, second cohort (EU)\nnotes';
    await page.getByRole('button', { name: 'Add a platform' }).click();
    await page.getByLabel('New platform name').evaluate((input, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.focus();
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, long);
    // Cut after the last whole word that fits (80 would split "(EU)"), never mid-word.
    const kept = 'Scale AI Remotasks generalist pool for reasoning and coding tasks, second cohort';
    assert.equal(await page.getByLabel('New platform name').inputValue(), kept);
    await page.locator('#platform-note').filter({ hasText: 'at most 80 characters' }).waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('#platform-add').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#session-name-note').textContent(), `The platform was saved as “${kept}”, cut at a word to fit 80 characters.`);
    await browser.screenshot(page, 'session-popup-name-cut-light');
    await page.getByRole('button', { name: 'Add a platform' }).click();
    assert.equal(await page.locator('#platform-note').textContent(), '');
    await page.getByLabel('New platform name').fill('Outlier');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('#platform-add').waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#session-name-note').isHidden(), true);
    // Two task types for the selected platform; the first with a 1-minute cap.
    for (const [name, cap] of [['Writing', ''], ['Rating', '1']]) {
      await page.getByRole('button', { name: 'Add a task type' }).click();
      await page.getByLabel('New task type name').fill(name);
      await page.getByLabel('Time cap (minutes)').fill(cap);
      if (name === 'Rating') await browser.screenshot(page, 'session-popup-tasktype-light');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.locator('#tasktype-add').waitFor({ state: 'hidden' });
    }
    // A duplicate name on the same platform is refused inline, and so is a cap out of range.
    await page.getByRole('button', { name: 'Add a task type' }).click();
    await page.getByLabel('New task type name').fill(' rating ');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'already has a task type' }).waitFor();
    await page.getByLabel('New task type name').fill('Long');
    await page.getByLabel('Time cap (minutes)').fill('2000');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '1440' }).waitFor();
    assert.equal(await page.getByLabel('Time cap (minutes)').getAttribute('aria-invalid'), 'true');
    await page.getByRole('button', { name: 'Add a task type' }).click();
    await page.locator('#tasktype-add').waitFor({ state: 'hidden' });
    const stored = await page.evaluate(() => chrome.storage.local.get(['taskTypes']));
    const types = Object.values(stored.taskTypes);
    assert.deepEqual(types.map((t) => t.name).sort(), ['Rating', 'Writing']);
    const rating = types.find((t) => t.name === 'Rating');
    assert.equal(rating.timeCapMs, 60_000);
    assert.equal(await page.locator('#session-task-type').inputValue(), rating.id);

    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'First task' }).click();
    await page.getByRole('button', { name: 'Next task' }).waitFor();
    assert.equal(await page.locator('#session-clock-label').textContent(), 'Timing: Outlier · Rating');
    const v = await send(page, 'session.get');
    assert.equal(v.openTask.taskTypeId, rating.id);
    assert.equal(v.cap.capMs, 60_000);
    assert.equal(v.cap.warnAt, v.openTask.startedAt + 48_000);

    // Meanwhile, in the dashboard: edit Rating's rate and rubric; another type's name is refused.
    const dash = await browser.extensionPage('dashboard/dashboard.html#sessions');
    await dash.locator(`[data-session-id="${v.session.id}"] .session-subject`).filter({ hasText: 'Outlier · Rating' }).waitFor();
    const item = dash.locator(`[data-task-type-id="${rating.id}"]`);
    await item.getByRole('button', { name: 'Edit task type Rating' }).click();
    const form = item.getByRole('form', { name: 'Edit task type Rating' });
    await form.getByLabel('Name').fill('WRITING');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: 'already has a task type' }).waitFor();
    assert.equal(await form.getByLabel('Name').getAttribute('aria-invalid'), 'true');
    await browser.screenshot(dash, 'session-dashboard-tasktype-duplicate');
    await form.getByLabel('Name').fill('Rating');
    await form.getByLabel('Pay').selectOption('perTask');
    await form.getByLabel('Amount').fill('3.50');
    await form.getByLabel('Currency').fill('eur');
    const { rubrics } = await send(dash, 'library.get');
    await form.getByLabel('Rubric').selectOption(rubrics[0].id);
    await form.getByRole('button', { name: 'Save' }).click();
    await dash.locator('#sessions-status').filter({ hasText: 'Task type Rating saved' }).waitFor();
    await item.filter({ hasText: 'per task' }).waitFor();
    await browser.screenshot(dash, 'session-dashboard-tasktypes');
    const after = (await page.evaluate(() => chrome.storage.local.get(['taskTypes']))).taskTypes[rating.id];
    assert.equal(after.rubricId, rubrics[0].id);
    // The catalogue is the core's answer: by name, the rate in force, every amount's digits.
    const catalogue = await send(dash, 'catalogue.get');
    const outlier = catalogue.platforms.find((p) => p.name === 'Outlier');
    assert.deepEqual(outlier.taskTypes.map((t) => t.name), ['Rating', 'Writing']);
    const rated = outlier.taskTypes.find((t) => t.id === rating.id);
    assert.deepEqual(rated.rateNow.amount, { minor: 350, currency: 'EUR', digits: 2 });
    assert.equal(rated.rateNow.kind, 'perTask');
    assert.equal(catalogue.names.taskTypes[rating.id], 'Rating');
    assert.equal(after.timeCapMs, 60_000);
    assert.deepEqual(after.rates.map((r) => [r.kind, r.amount]), [['perTask', { minor: 350, currency: 'EUR' }]]);
    assert.ok(after.rates[0].effectiveFrom > rating.createdAt);

    // The popup warns as the cap approaches (80 %: 48 s into the task).
    await page.locator('#session-reminder').filter({ hasText: 'near the 1 min cap for Rating' })
      .waitFor({ timeout: 60_000 });
    await browser.screenshot(page, 'session-popup-tasktype-cap-light');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});
