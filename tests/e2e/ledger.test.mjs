// The task ledger (issue #10) in Chromium: outcomes logged by message (as the popup's quick-log
// sends them) show in the Ledger & reports section's figures; three rejections citing one
// criterion raise the alert once (stored, notified, shown as a banner whose link opens the rubric
// with that criterion selected, dismissible); Toggl and Outlier CSV imports; the task
// table pages and edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, TEST_BUILD } from './browser.mjs';

async function send(page, type, payload) {
  const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.data;
}

const HOUR = 3_600_000;

/** The ledger section with nothing in it yet, and a platform Outlier with a task type Pairwise. */
async function emptyLedger(browser) {
  const page = await browser.extensionPage('dashboard/dashboard.html#ledger');
  await page.locator('#ledger-empty').waitFor();
  const platform = await send(page, 'platform.create', { name: 'Outlier' });
  const type = await send(page, 'taskType.create', { taskType: { platformId: platform.id, name: 'Pairwise' } });
  return { page, platform, type };
}

test('outcomes logged by message show in the figures; three rejections raise the alert once', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const { page, platform, type } = await emptyLedger(browser);
    const started = Date.now() - 2 * HOUR;
    // One approved task: $30.00 for 60 minutes.
    const ok = await send(page, 'task.add', { task: { platformId: platform.id, taskTypeId: type.id, startedAt: started,
      outcome: { status: 'approved', payConfirmed: { amount: '30.00', currency: 'USD' }, durationMin: 60, payStatus: 'paid' } } });
    assert.equal(ok.task.status, 'approved');
    assert.deepEqual(ok.alerts, []);
    // Three rejections citing accuracy (the quick-log's shape: add, then update the outcome).
    const raised = [];
    for (let i = 0; i < 3; i += 1) {
      const { task } = await send(page, 'task.add', { task: { platformId: platform.id, taskTypeId: type.id, startedAt: started + i * 1000 } });
      const reply = await send(page, 'task.update', { id: task.id, outcome: { status: 'rejected', criteriaCited: ['accuracy'], feedback: 'Wrong fact in response B' } });
      assert.equal(reply.task.reviewedAt > 0, true);
      raised.push(...reply.alerts);
    }
    assert.equal(raised.length, 1, 'the third rejection raises it');
    assert.deepEqual({ ...raised[0].kind }, { type: 'repeatedRejection', taskTypeId: type.id, criterion: 'accuracy', count: 3 });
    // A fourth change of the same task raises nothing new.
    const recent = await send(page, 'task.recent', { limit: 10 });
    assert.equal(recent.length, 4);
    assert.equal(recent[0].platformName, 'Outlier');
    const again = await send(page, 'task.update', { id: recent[0].task.id, outcome: { notes: 'asked on the forum' } });
    assert.deepEqual(again.alerts, []);
    const notes = await browser.sw.evaluate(() => __rubricaTest.notifications());
    assert.equal(notes.filter((n) => n.title === 'Repeated rejections').length, 1);
    // Worded as the banners word it: the task type's and the criterion's names, not their keys.
    assert.equal(notes.find((n) => n.title === 'Repeated rejections').message,
      '3 rejections of Pairwise cite “Accuracy”. Consider pausing Pairwise and re-reading “Accuracy” in its rubric before taking more.');
    // Malformed outcomes change nothing.
    const bad = await sendFromPage(page, { type: 'task.update', payload: { id: ok.task.id, outcome: { payConfirmed: { amount: '1.234' } } } });
    assert.equal(bad.ok, false);
    assert.match(bad.error.message, /more decimals/);

    // The section shows it: reload to see the stored data.
    await page.reload();
    await page.locator('.ledger-kpi').first().waitFor();
    const kpi = async (label) => page.locator('.ledger-kpi')
      .filter({ has: page.locator('.ledger-kpi-label', { hasText: new RegExp(`^${label}$`) }) })
      .locator('.ledger-kpi-value').textContent();
    assert.equal(await kpi('True hourly rate'), '$30.00/hr', '$30 over the 60 recorded minutes');
    assert.equal(await kpi('Approval rate'), '25%', '1 ÷ (1 + 3)');
    assert.equal(await kpi('Confirmed'), '$30.00');
    await page.locator('#ledger-alerts .ledger-alert').waitFor();
    assert.match(await page.locator('#ledger-alerts').textContent(), /3 rejections of Pairwise cite “Accuracy”/);
    assert.match(await page.locator('#ledger-chart-rejections').getAttribute('aria-label'), /rejections per cited criterion/);
    await page.locator('#ledger-task-table tbody tr').nth(3).waitFor();
    assert.match(await page.locator('#ledger-table-info').textContent(), /of 4/);
    await browser.screenshot(page, 'ledger-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await browser.screenshot(page, 'ledger-dark');

    // Edit a task's outcome from the table.
    await page.locator('#ledger-task-table tbody tr', { hasText: 'Approved' }).getByRole('button', { name: /Edit/ }).click();
    await page.locator('#led-confirmed').fill('45.00');
    await page.locator('#ledger-editor-save').click();
    await page.waitForFunction(() => {
      const el = [...document.querySelectorAll('.ledger-kpi')].find((k) => k.querySelector('.ledger-kpi-label').textContent === 'Confirmed');
      return el?.querySelector('.ledger-kpi-value').textContent === '$45.00';
    });

    // The banner's link opens the rubric with the cited criterion selected: its card marked and
    // its key field focused with the key selected.
    await page.locator('#ledger-alerts .ledger-alert-rubric').click();
    await page.locator('#rubric-editor li.criterion.criterion-cited').waitFor();
    assert.match(page.url(), /#rubrics\?rubric=.+&criterion=accuracy$/);
    const cited = await page.evaluate(() => {
      const el = document.activeElement;
      return { part: el?.dataset?.part, value: el?.value, selected: el?.value.slice(el.selectionStart, el.selectionEnd),
        inCited: !!el?.closest('li.criterion-cited'), current: el?.closest('li.criterion')?.getAttribute('aria-current'),
        marked: document.querySelectorAll('li.criterion-cited').length };
    });
    assert.deepEqual(cited, { part: 'key', value: 'accuracy', selected: 'accuracy', inCited: true, current: 'true', marked: 1 });
    await page.goto(page.url().replace(/#rubrics.*$/, '#ledger'));
    await page.locator('#ledger-alerts .ledger-alert').waitFor();

    // Dismiss: the banner goes, and nothing raises it again.
    await page.getByRole('button', { name: /Dismiss the alert/ }).click();
    await page.waitForFunction(() => document.querySelectorAll('#ledger-alerts .ledger-alert').length === 0);
    assert.deepEqual(await send(page, 'alerts.get'), []);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('a task still in progress keeps its status when edited from the table', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const { page, platform, type } = await emptyLedger(browser);
    // Start counts setup time; Next task opens the first lap, in progress until the next one.
    await send(page, 'session.command', { command: { type: 'start', platformId: platform.id, taskTypeId: type.id } });
    await send(page, 'session.command', { command: { type: 'nextTask' } });
    const [running] = await send(page, 'task.recent', { limit: 1 });
    assert.equal(running.task.status, 'inProgress');
    await page.reload();
    const row = page.locator('#ledger-task-table tbody tr', { hasText: 'In progress' });
    await row.getByRole('button', { name: /Edit/ }).click();
    assert.equal(await page.locator('#led-status').inputValue(), 'inProgress');
    await page.locator('#led-notes').fill('checked the sources');
    await page.locator('#ledger-editor-save').click();
    await page.locator('#toast', { hasText: 'Outcome saved.' }).waitFor();
    const [after] = await send(page, 'task.recent', { limit: 1 });
    assert.equal(after.task.id, running.task.id);
    assert.equal(after.task.status, 'inProgress', 'saving a note does not submit the running lap');
    assert.equal(after.task.submittedAt, undefined);
    assert.equal(after.task.notes, 'checked the sources');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('an Outlier earnings CSV imports once through the Import area; a malformed one changes nothing', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#data');
    const fixtures = new URL('../import/', import.meta.url).pathname;
    const tasks = async () => {
      const all = await browser.sw.evaluate(() => __rubricaTest.readStorage(null));
      return Object.entries(all).filter(([k]) => k.startsWith('tasks/')).reduce((n, [, m]) => n + Object.keys(m).length, 0);
    };
    // Malformed first: the error names row and column, and nothing is stored.
    await page.locator('#import-file').setInputFiles(`${fixtures}outlier_malformed.csv`);
    await page.locator('#import-error').waitFor();
    assert.match(await page.locator('#import-error').textContent(), /Row 3, column “duration”/);
    assert.equal(await tasks(), 0);
    // The real file: preview, then one write.
    await page.locator('#import-file').setInputFiles(`${fixtures}outlier_earnings.csv`);
    await page.locator('#import-counts').waitFor();
    assert.match(await page.locator('#import-counts').textContent(), /^5 tasks to add, 0 already in the ledger/);
    assert.equal(await tasks(), 0, 'a preview writes nothing');
    await page.locator('#import-commit').click();
    await page.locator('#import-done').waitFor();
    assert.equal(await tasks(), 5);
    // The same file again adds nothing.
    await page.locator('#import-file').setInputFiles(`${fixtures}outlier_earnings.csv`);
    await page.locator('#import-counts').waitFor();
    assert.match(await page.locator('#import-counts').textContent(), /^0 tasks to add, 5 already in the ledger/);
    assert.equal(await page.locator('#import-commit').isDisabled(), true);
    const text = await (await import('node:fs/promises')).readFile(`${fixtures}outlier_earnings.csv`, 'utf8');
    const again = await send(page, 'outlier.commit', { fileName: 'outlier_earnings.csv', text });
    assert.equal(again.added, 0);
    assert.equal(await tasks(), 5);
    // Saved again by a spreadsheet with semicolons: recognised, and the same five rows.
    await page.locator('#import-file').setInputFiles({ name: 'outlier_semicolons.csv', mimeType: 'text/csv', buffer: Buffer.from(text.replaceAll(',', ';')) });
    await page.locator('#import-counts', { hasText: /^0 tasks to add, 5 already in the ledger/ }).waitFor();
    // The ledger shows them; the two bonuses stay out of the base rate.
    await page.goto(page.url().replace('#data', '#ledger'));
    await page.locator('#ledger-preset').selectOption('365');
    await page.locator('.ledger-kpi').first().waitFor();
    const confirmed = await page.locator('.ledger-kpi').filter({ has: page.locator('.ledger-kpi-label', { hasText: /^Confirmed$/ }) }).locator('.ledger-kpi-value').textContent();
    // 25.86 + 18.75 + 15.00 + 50.00 + 60.00 = 169.61
    assert.equal(confirmed, '$169.61');
    // The tasks are stored in the month of the import, and started in November 2026: a fresh
    // page exporting 2–4 November alone finds all five, as does the section over those days.
    const fresh = await browser.extensionPage('dashboard/dashboard.html#data');
    await fresh.locator('#export-to').fill('2026-11-04');
    await fresh.locator('#export-from').fill('2026-11-02');
    const [download] = await Promise.all([fresh.waitForEvent('download'), fresh.locator('#export-tasks').click()]);
    const csv = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    assert.equal(csv.trim().split('\n').length, 6, 'a header and the five imported tasks');
    await fresh.goto(fresh.url().replace('#data', '#ledger'));
    await fresh.locator('#ledger-to').fill('2026-11-04');
    await fresh.locator('#ledger-from').fill('2026-11-02');
    await fresh.locator('#ledger-table-info').filter({ hasText: /of 5$/ }).waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

/** A Toggl detailed CSV written by hand: three entries `daysAgo` days back, local times (the
 * browser's zone), the second one with 15 minutes paused (Duration < end − start). */
function togglCsv(daysAgo = 10) {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return ['User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)',
    `Sam,sam@example.com,Outlier,Pairwise,,rating,Yes,${day},09:00:00,${day},11:00:00,02:00:00,,50.00`,
    `Sam,sam@example.com,Outlier,Pairwise,,"rating, again",Yes,${day},13:00:00,${day},14:30:00,01:15:00,,`,
    `Sam,sam@example.com,Mercor,Coding,,,No,${day},16:00:00,${day},16:45:00,00:45:00,,`].join('\n') + '\n';
}

test('a Toggl detailed CSV imports into sessions once; its own Toggl export adds nothing; a malformed one changes nothing', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#data');
    const stored = async () => {
      const all = await browser.sw.evaluate(() => __rubricaTest.readStorage(null));
      const sessions = Object.entries(all).filter(([k]) => k.startsWith('sessions/')).flatMap(([, m]) => Object.values(m));
      return { sessions, platforms: Object.keys(all.platforms ?? {}).length };
    };
    const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    // Malformed first: the error names row and column; nothing is stored, not even a platform.
    const bad = togglCsv().replace('13:00:00', '1 pm-ish');
    await page.locator('#import-file').setInputFiles(file('toggl_malformed.csv', bad));
    await page.locator('#import-error').waitFor();
    assert.match(await page.locator('#import-error').textContent(), /Row 3, column “Start time”.*nothing was imported/);
    assert.deepEqual(await stored(), { sessions: [], platforms: 0 });
    // The good file: a preview that writes nothing, then one write.
    await page.locator('#import-file').setInputFiles(file('toggl.csv', togglCsv()));
    await page.locator('#import-counts').waitFor();
    assert.equal(await page.locator('#import-counts').textContent(), '3 sessions to add (4 hr), 0 already in your sessions.');
    assert.match(await page.locator('#import-preview').textContent(), /New platforms: Outlier, Mercor\./);
    assert.equal(await page.locator('#import-dates').count(), 0, 'ISO dates: nothing to say about their order');
    assert.equal((await stored()).sessions.length, 0, 'a preview writes nothing');
    await page.locator('#import-commit').click();
    await page.locator('#import-done').waitFor();
    const after = await stored();
    assert.equal(after.sessions.length, 3);
    assert.equal(after.platforms, 2);
    // The same file again adds nothing (the button stays off, and a direct commit adds 0).
    await page.locator('#import-file').setInputFiles(file('toggl.csv', togglCsv()));
    await page.locator('#import-counts').waitFor();
    assert.match(await page.locator('#import-counts').textContent(), /^0 sessions to add, 3 already/);
    assert.equal(await page.locator('#import-commit').isDisabled(), true);
    const again = await send(page, 'toggl.commit', { fileName: 'toggl.csv', text: togglCsv() });
    assert.equal(again.added, 0);
    // Rubrica's own Toggl export of the last year, re-imported, adds nothing.
    await page.locator('#import-cancel').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-toggl').click()]);
    const exported = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
    assert.match(exported.split('\n')[0], /,Amount \(USD\)$/, 'no pay: the settings\' currency names the column');
    assert.equal(exported.trim().split('\n').length, 4, 'a header and three sessions');
    await page.locator('#import-file').setInputFiles(file('rubrica-sessions-toggl.csv', exported));
    await page.locator('#import-counts').waitFor();
    assert.match(await page.locator('#import-counts').textContent(), /^0 sessions to add, 3 already/);
    assert.equal((await stored()).sessions.length, 3);
    // The sessions list shows them with their platform and task type.
    await page.goto(page.url().replace('#data', '#sessions'));
    await page.getByText('Outlier · Pairwise').first().waitFor();
    // A file whose every date reads either way (03/04/2025) is read month first, and the preview
    // says so, since a day-first file would land on the wrong days.
    await page.goto(page.url().replace('#sessions', '#data'));
    const either = togglCsv().replace(/\d{4}-\d{2}-\d{2}/g, '03/04/2025');
    await page.locator('#import-file').setInputFiles(file('toggl_either.csv', either));
    await page.locator('#import-dates').waitFor();
    assert.match(await page.locator('#import-dates').textContent(),
      /^Dates read month first \(MM\/DD\/YYYY, Toggl's default\): every date in this file could be read either way/);
    assert.match(await page.locator('#import-counts').textContent(), /^3 sessions to add/);
    assert.equal((await stored()).sessions.length, 3, 'a preview writes nothing');
    // The person says the file is day first: previewed again so, then imported on 3 April 2025
    // (month first would be 4 March), keyboard only.
    await page.locator('#import-dates-order').focus();
    await page.keyboard.press('ArrowDown'); // a closed select changes its value with the arrow keys
    await page.locator('#import-dates', { hasText: /^Dates read day first \(DD\/MM\/YYYY\), as you chose/ }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-dates-order', 'the choice keeps the focus');
    await page.locator('#import-commit').click();
    await page.locator('#import-done').waitFor();
    const april = (await stored()).sessions.filter((s) => {
      const d = new Date(s.startedAt);
      return d.getFullYear() === 2025 && d.getMonth() === 3 && d.getDate() === 3;
    });
    assert.equal(april.length, 3, 'three sessions on 3 April 2025');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('the Ledger & reports section passes axe (WCAG 2.1 A/AA) in light and dark', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const page = await browser.extensionPage('dashboard/dashboard.html#ledger');
    await page.locator('#ledger-empty').waitFor();
    const platform = await send(page, 'platform.create', { name: 'Outlier' });
    await send(page, 'task.add', { task: { platformId: platform.id, startedAt: Date.now() - 3_600_000,
      outcome: { status: 'rejected', payExpected: { amount: '12.00' }, durationMin: 30, criteriaCited: ['accuracy'] } } });
    const axe = await (await import('node:fs/promises')).readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      await page.locator('#ledger-chart-hours canvas').waitFor();
      await page.locator('#ledger-task-table tbody tr').first().waitFor();
      await page.evaluate(axe); // through CDP: the page's CSP does not apply
      const result = await page.evaluate(() => globalThis.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
      const problems = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(problems, [], `${scheme}: ${problems.join('\n')}`);
    }
  } finally {
    await browser.close();
  }
});
