// The popup's quick-log (issue #10), keyboard only, on the release build: right after Next task the
// task just closed is logged (status, pay, a rubric criterion and free text, feedback) and stored;
// after Stop, Esc skips and nothing changes; an earlier task is logged from "Log a task's outcome";
// a third rejection citing one criterion shows the repeated-rejection banner, whose "Open the
// rubric" opens the dashboard at that rubric with the criterion selected, and which Dismiss hides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch, sendFromPage, RELEASE } from './browser.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations in `page` (run through the protocol: the page's CSP allows no inline script). */
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

async function send(page, type, payload) {
  const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.data;
}

async function popup(browser, { dark = false } = {}) {
  const page = await browser.extensionPage('popup/popup.html');
  await page.setViewportSize({ width: 360, height: 900 });
  if (dark) await page.emulateMedia({ colorScheme: 'dark' });
  await page.locator('#session-card[aria-busy="false"]').waitFor();
  return page;
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the element with `id` has focus (at most 25 times). */
async function tabTo(page, id) {
  for (let i = 0; i < 25; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

async function taskById(page, id) {
  const rows = await send(page, 'task.recent', { limit: 50 });
  return rows.find((r) => r.task.id === id);
}

test('quick-log after Next task and after Stop, keyboard only; skip; an earlier task; the rejection banner (release build)', async () => {
  const browser = await launch({ dir: RELEASE });
  try {
    const setup = await browser.extensionPage('popup/popup.html');
    const { rubrics } = await send(setup, 'library.get');
    const rubric = rubrics[0];
    const platform = await send(setup, 'platform.create', { name: 'Outlier' });
    const rating = await send(setup, 'taskType.create', {
      taskType: { platformId: platform.id, name: 'Rating', rate: { kind: 'perTask', amount: '3.50', currency: 'USD' }, rubricId: rubric.id },
    });
    await send(setup, 'settings.update', { patch: { session: { lastPlatformId: platform.id, lastTaskTypeId: rating.id } } });
    await setup.close();

    const page = await popup(browser);
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'First task' }).click();
    await page.getByRole('button', { name: 'Next task' }).waitFor();
    const first = (await send(page, 'session.get')).openTask.id;
    // Next task, by keyboard: the quick-log opens on the task just closed, focus on its status.
    await page.getByRole('button', { name: 'Next task' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#quick-log').waitFor();
    assert.equal(await page.locator('#quick-log-task').inputValue(), first);
    assert.equal(await page.evaluate(() => document.activeElement.value), 'submitted');
    const row = await taskById(page, first);
    assert.ok(row.criteria.length > 0, 'the rubric offers criteria');
    // The per-task rate is offered as the expected pay.
    assert.equal(await page.locator('#quick-log-pay').inputValue(), '3.50');
    assert.equal(await page.locator('#quick-log-currency').textContent(), 'USD');
    await page.keyboard.press('ArrowRight'); // approved
    await page.keyboard.press('ArrowRight'); // rejected
    await tabTo(page, 'quick-log-pay');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3.75');
    await page.keyboard.press('Tab'); // the first criterion
    await page.keyboard.press('Space');
    await tabTo(page, 'quick-log-other');
    await page.keyboard.type('step pacing');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Facts were not checked.');
    await browser.screenshot(page, 'quick-log-popup-light');
    assert.deepEqual(await axeViolations(page), [], 'quick-log, light');
    const dark = await popup(browser, { dark: true });
    await dark.getByRole('button', { name: 'Log a task’s outcome' }).click();
    await dark.locator('#quick-log').waitFor();
    await browser.screenshot(dark, 'quick-log-popup-dark');
    assert.deepEqual(await axeViolations(dark), [], 'quick-log, dark');
    await dark.close();
    await page.keyboard.press('Control+Enter');
    await page.locator('#quick-log').waitFor({ state: 'hidden' });
    assert.equal(await focusedId(page), 'session-next');
    let logged = (await taskById(page, first)).task;
    assert.equal(logged.status, 'rejected');
    assert.deepEqual(logged.payExpected, { minor: 375, currency: 'USD' });
    assert.deepEqual(logged.criteriaCited, [row.criteria[0].key, 'step pacing']);
    assert.equal(logged.feedback, 'Facts were not checked.');

    // Stop: the quick-log opens on the last task; Esc skips and stores nothing.
    const second = (await send(page, 'session.get')).openTask.id;
    await page.getByRole('button', { name: 'Stop' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#quick-log').waitFor();
    assert.equal(await page.locator('#quick-log-task').inputValue(), second);
    const before = (await taskById(page, second)).task;
    await page.keyboard.press('Escape');
    await page.locator('#quick-log').waitFor({ state: 'hidden' });
    assert.equal(await focusedId(page), 'session-start');
    assert.deepEqual((await taskById(page, second)).task, before);

    // An earlier task, from "Log a task's outcome": approved, with its confirmed pay.
    await page.getByRole('button', { name: 'Log a task’s outcome' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('#quick-log').waitFor();
    assert.equal(await focusedId(page), 'quick-log-task');
    await page.locator('#quick-log-task').selectOption(first); // a select: arrows pick, here at once
    assert.equal(await page.locator('#quick-log-other').inputValue(), 'step pacing');
    await tabTo(page, 'quick-log-task');
    await page.keyboard.press('Tab'); // the status group, on "rejected"
    await page.keyboard.press('ArrowLeft'); // approved
    assert.equal(await page.locator('#quick-log-pay-label').textContent(), 'Confirmed pay');
    await tabTo(page, 'quick-log-pay');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await page.locator('#quick-log').waitFor({ state: 'hidden' });
    logged = (await taskById(page, first)).task;
    assert.equal(logged.status, 'approved');
    assert.deepEqual(logged.payConfirmed, { minor: 400, currency: 'USD' });

    // Three rejections citing one criterion: two logged elsewhere, the third in the quick-log.
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'First task' }).click();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      await page.waitForTimeout(50);
      ids.push((await send(page, 'session.get')).openTask.id);
      await send(page, 'session.command', { command: { type: 'nextTask' } });
    }
    const key = row.criteria[0].key;
    for (const id of ids.slice(0, 2)) {
      await send(page, 'task.update', { id, outcome: { status: 'rejected', criteriaCited: [key] } });
    }
    assert.equal(await page.locator('#alerts').isHidden(), true);
    await page.getByRole('button', { name: 'Log a task’s outcome' }).click();
    await page.locator('#quick-log-task').selectOption(ids[2]);
    await page.locator('input[name="quick-log-status"]:checked').focus();
    await page.keyboard.press('r'); // a status's first letter picks it
    assert.equal(await page.evaluate(() => document.activeElement.value), 'rejected');
    await page.locator(`#quick-log-checks input[value="${key}"]`).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.locator('#quick-log').waitFor({ state: 'hidden' });
    const bannerLocator = page.locator('#alerts [data-alert-id]');
    await bannerLocator.first().waitFor();
    assert.equal(await bannerLocator.count(), 1);
    assert.match(await bannerLocator.first().textContent(), /3 rejections of Rating cite “Harmlessness \(safety\)”/);
    await browser.screenshot(page, 'quick-log-popup-alert-light');
    assert.deepEqual(await axeViolations(page), [], 'alert banner, light');
    // "Open the rubric" opens the dashboard at the rubric with the cited criterion selected.
    const [dash] = await Promise.all([browser.ctx.waitForEvent('page'), page.getByRole('button', { name: 'Open the rubric' }).click()]);
    await dash.locator('#rubric-editor li.criterion.criterion-cited').waitFor();
    assert.match(dash.url(), new RegExp(`#rubrics\\?rubric=${rubric.id}&criterion=${key}$`));
    assert.deepEqual(await dash.evaluate(() => [document.activeElement?.dataset?.part, document.activeElement?.value,
      !!document.activeElement?.closest('li.criterion-cited')]), ['key', key, true]);
    await dash.close();
    // Raised once: another popup shows the same single banner; Dismiss hides it for good.
    const other = await popup(browser, { dark: true });
    await other.locator('#alerts [data-alert-id]').first().waitFor();
    await browser.screenshot(other, 'quick-log-popup-alert-dark');
    assert.deepEqual(await axeViolations(other), [], 'alert banner, dark');
    assert.equal(await other.locator('#alerts [data-alert-id]').count(), 1);
    await other.getByRole('button', { name: 'Dismiss' }).click();
    await other.locator('#alerts').waitFor({ state: 'hidden' });
    const again = await popup(browser);
    await again.getByRole('button', { name: 'Start session' }).or(again.getByRole('button', { name: 'Stop' })).first().waitFor();
    await again.waitForTimeout(300);
    assert.equal(await again.locator('#alerts').isHidden(), true);
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});
