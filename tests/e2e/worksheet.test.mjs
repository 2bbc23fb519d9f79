// The scoring worksheet (issue 12) beside a task page, keyboard only: digits score Response A and
// B per criterion of the default rubric and move on, arrows move between cells; the core's ranking
// and draft appear; the draft lands in the task's field only after "Insert" and its confirmation —
// a textarea and a ProseMirror editor (whose model must hold it). The worksheet runs here as a
// page bound to the task's tab (`?tab=ID`, as the side panel is opened): automation cannot press
// the browser's shortcut or open its side panel. The test build is used for the tab's id only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, TEST_BUILD, waitUntil, within, WAIT_MS } from './browser.mjs';
import { startServer } from './server.mjs';
import { overlayFrame } from './overlay.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch({ dir: TEST_BUILD });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function send(page, type, payload) {
  const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.data;
}

/** A platform and task type made from the dashboard (once per file). */
let catalogue = null;
async function pairwise(page) {
  if (catalogue) return catalogue;
  const platform = await send(page, 'platform.create', { name: 'Outlier' });
  const type = await send(page, 'taskType.create', { taskType: { platformId: platform.id, name: 'Pairwise' } });
  catalogue = { platform, type };
  return catalogue;
}

const inWorker = (fn, arg) => within(browser.sw.evaluate(fn, arg), WAIT_MS, 'the service worker did not answer');

async function tabIdOf(page) {
  const url = page.url();
  const id = await inWorker(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  assert.ok(Number.isInteger(id), `a tab shows ${url}`);
  return id;
}

/** Scores the starter rubric by keyboard: A wins on accuracy; returns the worksheet page. */
async function scoreFor(task) {
  const ws = await browser.extensionPage(`worksheet/worksheet.html?tab=${await tabIdOf(task)}`);
  await ws.setViewportSize({ width: 400, height: 900 });
  await ws.locator('#ws-rows tr[data-key]').first().waitFor();
  await waitUntil(ws, 'focus is not in the first score', () => document.activeElement?.classList.contains('ws-score'));
  // Row 1 (harmlessness, disqualifying): 5 and 5; the digits move A → B → next row's A.
  await ws.keyboard.press('5');
  await ws.keyboard.press('5');
  const second = await ws.evaluate(() => document.activeElement?.id);
  // Row 2: 5 for A, 1 for B; then ArrowUp / ArrowDown move between rows.
  await ws.keyboard.press('5');
  await ws.keyboard.press('1');
  await ws.keyboard.press('ArrowUp');
  assert.equal(await ws.evaluate(() => document.activeElement?.id), second, 'ArrowUp goes back to row 2');
  const key = second.replace(/^ws-/, '').replace(/-a$/, '');
  await ws.keyboard.press('ArrowRight');
  await ws.keyboard.press('ArrowRight');
  assert.equal(await ws.evaluate(() => document.activeElement?.id), `ws-${key}-evidence`);
  await ws.keyboard.type('A explains scattering; B says the sky reflects the ocean');
  await ws.locator('#ws-verdict', { hasText: 'Response A is better' }).waitFor();
  const draft = await ws.inputValue('#ws-draft');
  assert.match(draft, /^Response A is better than Response B/);
  assert.match(draft, /Response A 5, Response B 1/);
  assert.match(draft, /A explains scattering; B says the sky reflects the ocean\./);
  return { ws, draft };
}

async function confirmInsert(ws) {
  await ws.click('#ws-insert');
  await ws.locator('#ws-confirm').waitFor();
  await ws.click('#ws-confirm-yes');
  await ws.locator('#ws-status', { hasText: 'Inserted into the task field.' }).waitFor();
}

test('worksheet beside a task page: score by keyboard, edit, insert into the textarea on confirm', async () => {
  const task = await browser.page(server.url('/task.html'));
  await task.click('#justification');
  await task.keyboard.type('Verdict: ');
  const { ws, draft } = await scoreFor(task);
  await browser.screenshot(ws, 'worksheet');
  // Nothing is written before the confirmation.
  await ws.click('#ws-insert');
  await ws.click('#ws-confirm-no');
  assert.equal(await task.inputValue('#justification'), 'Verdict: ');
  // The user's edit is what is inserted.
  await ws.locator('#ws-draft').press('End');
  await ws.locator('#ws-draft').pressSequentially(' Checked.');
  await confirmInsert(ws);
  assert.equal(await task.inputValue('#justification'), `Verdict: ${draft} Checked.`);
  await ws.close();
  await task.close();
});

test('the draft lands in a ProseMirror editor through the expansion path', async () => {
  const task = await browser.page(server.url('/editors/prosemirror.html'));
  await waitUntil(task, 'the editor did not get ready', () => window.editorReady === true);
  await task.locator('#editor').click();
  await task.keyboard.type('Verdict: ');
  const { ws, draft } = await scoreFor(task);
  await confirmInsert(ws);
  const model = await task.evaluate(() => window.model());
  assert.equal(model, `Verdict: ${draft}`);
  await ws.close();
  await task.close();
});

test('the palette offers "Check this field": the findings show in Rubrica\'s frame, not in the page', async () => {
  // A library entry the field will copy: the near-duplicate guard names it by date and task type.
  const dash = await browser.extensionPage('dashboard/dashboard.html');
  const { platform, type } = await pairwise(dash);
  const earlier = 'Response A explains Rayleigh scattering step by step and cites the wavelength dependence correctly';
  await send(dash, 'justification.save', { entry: { text: `${earlier}.`, platformId: platform.id, taskTypeId: type.id, criteria: [], notes: '', tags: [] } });
  await dash.close();
  const task = await browser.page(server.url('/task.html'));
  await task.click('#justification');
  const typed = `${earlier}. Response B sounds better. See [insert reason].`;
  await task.keyboard.type(typed, { delay: 2 });
  await task.keyboard.press('Enter'); // a word boundary, so the palette's search starts empty
  const sw = await browser.serviceWorker();
  assert.equal(await within(sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the open-palette hook did not answer'), true);
  const frame = await overlayFrame(task, '#palette-query');
  await frame.locator('#palette-query').fill('check');
  const action = frame.locator('#palette-results li', { hasText: 'Check this field' });
  await action.waitFor();
  await action.click();
  await frame.locator('#check-findings li[data-rule="vague-judgement"]').waitFor();
  assert.equal(await frame.locator('#check-text mark[data-rule="vague-judgement"]').innerText(), 'sounds better');
  assert.equal(await frame.locator('#check-text mark[data-rule="unfilled-field"]').innerText(), '[insert reason]');
  assert.match(await frame.locator('#check-summary').innerText(), /findings in this field/);
  // The copied sentence: underlined, named by the entry's date and task type, with the suggestion.
  assert.equal(await frame.locator('#check-text mark[data-rule="near-duplicate"]').innerText(), earlier);
  const near = frame.locator('#check-findings li[data-rule="near-duplicate"]');
  assert.match(await near.innerText(), /Near-duplicates of earlier work/);
  const when = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  assert.match(await near.innerText(), new RegExp(`Near-duplicate of your library entry of ${when}, Pairwise \\(\\d+% alike\\)\\.`));
  assert.match(await near.innerText(), /Rewrite the passage for this task/);
  await browser.screenshot(task, 'check-near-duplicate');
  // The page's DOM holds nothing of it, and the field is untouched.
  assert.equal(await task.evaluate(() => document.body.innerText.includes('no reason given')), false);
  assert.equal(await task.evaluate(() => document.body.innerText.includes('library entry')), false);
  assert.equal(await task.inputValue('#justification'), `${typed}\n`);
  await task.close();
});

test('"Save with the task": the scores, notes, ranking and draft go to the open task, and the ledger shows them', async () => {
  const dash = await browser.extensionPage('dashboard/dashboard.html#ledger');
  const { platform, type } = await pairwise(dash);
  await send(dash, 'session.command', { command: { type: 'start', platformId: platform.id, taskTypeId: type.id } });
  await send(dash, 'session.command', { command: { type: 'nextTask' } }); // the popup's "First task"
  const open = (await send(dash, 'session.get')).openTask;
  assert.ok(open?.id, 'the session has an open task');
  const task = await browser.page(server.url('/task.html'));
  const { ws } = await scoreFor(task);
  // The open task is offered first.
  assert.equal(await ws.inputValue('#ws-task'), open.id);
  assert.match(await ws.locator('#ws-task option').first().innerText(), /Outlier · Pairwise, started .*\(open now\)/);
  await ws.locator('#ws-draft').press('End');
  await ws.locator('#ws-draft').pressSequentially(' Final.');
  const final = await ws.inputValue('#ws-draft');
  await ws.locator('#ws-save').focus();
  await ws.keyboard.press('Enter');
  await ws.locator('#ws-status', { hasText: 'Saved with Outlier · Pairwise' }).waitFor();
  // Kept on the task's record, ranked by the core.
  const row = (await send(dash, 'task.recent', { limit: 10 })).find((r) => r.task.id === open.id);
  const saved = row.task.worksheet;
  assert.equal(saved.winner, 'a');
  assert.equal(saved.decidedBy, 'priority');
  assert.equal(saved.draft, final);
  assert.ok(saved.scores.some((sc) => sc.a === 5 && sc.b === 1 && sc.evidence === 'A explains scattering; B says the sky reflects the ocean'));
  assert.equal(saved.rubricName, 'Common rubric');
  // The ledger's task editor shows it.
  await dash.reload();
  await dash.locator('#ledger-task-table tbody tr').first().waitFor();
  await dash.locator(`#ledger-task-table tbody tr[data-id="${open.id}"]`).getByRole('button', { name: /Edit/ }).click();
  const view = dash.locator('#led-worksheet');
  await view.waitFor();
  assert.match(await dash.locator('#led-worksheet-verdict').innerText(), /^Response A is better, decided by the first criterion in priority order/);
  assert.match(await view.locator('#led-worksheet-scores').innerText(), /A explains scattering; B says the sky reflects the ocean/);
  await view.locator('summary').click();
  assert.equal(await dash.locator('#led-worksheet-draft').innerText(), final);
  await browser.screenshot(dash, 'ledger-worksheet');
  await send(dash, 'session.command', { command: { type: 'stop' } });
  await ws.close();
  await task.close();
  await dash.close();
});
