// Sessions seen as a user would (issue #10): every screen that shows a session names its platform
// and task type; durations name their unit (a session under a minute never reads as zeros); the
// restart question writes its times as the dashboard's session cards do; a pasted name too long for
// its field is cut at a word or refused, with a note, never silently mid-word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, RELEASE, TEST_BUILD } from './browser.mjs';

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

test('popup and dashboard name the platform and task type; the restart question writes times as the dashboard does (test build)', async () => {
  const browser = await launch({ dir: TEST_BUILD });
  try {
    const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
    const setup = await browser.extensionPage('popup/popup.html');
    const platform = await send(setup, 'platform.create', { name: 'Outlier' });
    const rating = await send(setup, 'taskType.create', { taskType: { platformId: platform.id, name: 'Rating' } });
    await send(setup, 'settings.update', { patch: { session: { lastPlatformId: platform.id, lastTaskTypeId: rating.id } } });
    await setup.close();

    const page = await popup(browser);
    assert.equal(await page.locator('#session-platform').inputValue(), platform.id);
    assert.equal(await page.locator('#session-task-type').inputValue(), rating.id);
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByRole('button', { name: 'First task' }).click();
    await page.getByRole('button', { name: 'Next task' }).waitFor();
    // While it runs the pickers are hidden, and the popup says what it times.
    assert.equal(await page.locator('#session-pickers').isHidden(), true);
    assert.equal(await page.locator('#session-clock-label').textContent(), 'Timing: Outlier · Rating');
    await page.waitForTimeout(1200);
    // Under a minute: the clock and every figure name their unit; nothing reads as zeros.
    await page.waitForFunction(() => /^[1-9]\d* sec$/.test(document.querySelector('#fig-active').textContent));
    assert.match(await page.locator('#session-time').textContent(), /^[1-9]\d* sec$/);
    for (const id of ['#fig-setup', '#fig-idle', '#fig-paused', '#fig-task']) {
      assert.match(await page.locator(id).textContent(), /^\d+ sec$/, id);
    }

    // The browser "restarts" with the session running: the popup asks, naming what ran and when.
    await hook(() => chrome.storage.session.clear());
    const asked = await hook(() => __rubricaTest.sessionBackgroundStart());
    assert.notEqual(asked.restartAskedAt, null);
    const again = await popup(browser);
    await again.locator('#restart-question').waitFor();
    const detail = await again.locator('#restart-detail').textContent();
    assert.match(detail, /^Outlier · Rating, .+ – .+ \(your last activity\): \d+ sec\.$/);
    await browser.screenshot(again, 'sessux-popup-restart-light');
    const dark = await popup(browser, { dark: true });
    await dark.locator('#restart-question').waitFor();
    await browser.screenshot(dark, 'sessux-popup-restart-dark');
    await dark.close();

    // The dashboard's card of the running session starts with the same date and time.
    const dash = await browser.extensionPage('dashboard/dashboard.html#sessions');
    const card = dash.locator('.session-item').first();
    await card.locator('.session-subject').filter({ hasText: 'Outlier · Rating' }).waitFor();
    const runningTitle = await card.locator('.card-title').textContent();
    assert.match(runningTitle, / – running$/);
    assert.ok(detail.includes(runningTitle.replace(/ – running$/, ' – ')), `${detail} / ${runningTitle}`);

    await again.getByRole('button', { name: 'Stop at last activity' }).click();
    await again.getByRole('button', { name: 'Start session' }).waitFor();
    assert.equal(await again.locator('#session-clock-label').textContent(), 'Last session: Outlier · Rating');
    // After the stop the card's span is the restart question's span, word for word.
    await dash.reload();
    await dash.locator('.session-item .card-title').first().waitFor();
    const stoppedTitle = await dash.locator('.session-item .card-title').first().textContent();
    assert.ok(detail.includes(`, ${stoppedTitle} (your last activity)`), `${detail} / ${stoppedTitle}`);
    // The tasks table names each task's task type.
    const item = dash.locator('.session-item').first();
    await item.locator('summary').click();
    const headers = await item.locator('table thead th').allTextContents();
    assert.equal(headers[1], 'Task type');
    assert.equal(await item.locator('table tbody tr').first().locator('td').first().textContent(), 'Rating');
    await browser.screenshot(dash, 'sessux-dashboard-card');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

/** Pastes `text` into `locator` as the clipboard would. */
function paste(locator, text) {
  return locator.evaluate((input, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    input.focus();
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('a pasted name too long for its field: cut at a word or refused, with a note (release build)', async () => {
  const browser = await launch({ dir: RELEASE });
  try {
    const page = await popup(browser);
    await page.getByRole('button', { name: 'Add a platform' }).click();
    const field = page.getByLabel('New platform name');
    // One 90-character word: nothing fits whole, so nothing is pasted, and the note says why.
    await paste(field, 'x'.repeat(90));
    assert.equal(await field.inputValue(), '');
    await page.locator('#platform-note').filter({ hasText: 'Nothing was pasted' }).waitFor();
    // Typing clears the refusal's note.
    await field.pressSequentially('Ab');
    assert.equal(await page.locator('#platform-note').textContent(), '');
    // Pasted after "Ab ": cut where a word ends.
    await field.press('End');
    await field.pressSequentially(' ');
    const words = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi';
    await paste(field, words);
    const value = await field.inputValue();
    assert.ok(value.length <= 80, value);
    assert.ok(`Ab ${words}`.startsWith(value) && `Ab ${words}`[value.length] === ' ', `cut mid-word: ${value}`);
    await page.locator('#platform-note').filter({ hasText: 'last whole word' }).waitFor();
    await browser.screenshot(page, 'sessux-popup-name-cut-light');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('#session-name-note').filter({ hasText: `saved as “${value}”, cut at a word` }).waitFor();
    const platform = (await send(page, 'catalogue.get')).platforms[0];
    assert.equal(platform.name, value);

    // The dashboard's task type editor cuts a paste the same way.
    const rating = await send(page, 'taskType.create', { taskType: { platformId: platform.id, name: 'Rating' } });
    const dash = await browser.extensionPage('dashboard/dashboard.html#sessions');
    const item = dash.locator(`[data-task-type-id="${rating.id}"]`);
    await item.getByRole('button', { name: 'Edit task type Rating' }).click();
    const form = item.getByRole('form', { name: 'Edit task type Rating' });
    await form.getByLabel('Name').fill('');
    await paste(form.getByLabel('Name'), `${'word '.repeat(17)}end`); // "word " × 16 = 80 characters
    assert.equal(await form.getByLabel('Name').inputValue(), 'word '.repeat(16).trimEnd());
    await form.getByRole('status').filter({ hasText: 'last whole word' }).waitFor();
    // A change elsewhere (another task type added from the popup) does not close the open editor
    // or lose what is in it; the list catches up when the editor closes.
    await send(page, 'taskType.create', { taskType: { platformId: platform.id, name: 'Writing' } });
    await dash.waitForTimeout(600);
    assert.equal(await form.getByLabel('Name').inputValue(), 'word '.repeat(16).trimEnd());
    assert.equal(await dash.locator('.tasktype-item').filter({ hasText: 'Writing' }).count(), 0);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await dash.locator('.tasktype-item').filter({ hasText: 'Writing' }).waitFor();
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});
