// The rubric notebook and the checkers in the dashboard (issue 12), on the release build:
// pasting a rubric splits it into criteria to review, and saving keeps them; the rubric checker
// underlines a criterion joining two dimensions and shows its suggestion; the justification
// checker underlines a vague judgement in the snippet editor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const PASTED = `Coding task rubric

Rate each dimension on a scale of 1-5.

1. Correctness (critical): The code runs and returns the right output for the three examples.
2. Instruction following - Uses Python 3 and no third-party packages.
3. Style and clarity: good, readable code.
`;

test('paste a rubric, review the criteria, save it; the checker underlines with suggestions', async () => {
  const d = await browser.extensionPage('dashboard/dashboard.html#rubrics');
  await d.click('#rubric-paste-open');
  await d.fill('#rubric-paste-text', PASTED);
  await d.click('#rubric-paste-split');
  await d.locator('#rubric-paste-notice', { hasText: 'Found 3 criteria, a 1–5 scale' }).waitFor();
  assert.equal(await d.inputValue('#rubric-name'), 'Coding task rubric');
  const keys = await d.locator('#rubric-criteria [data-part="key"]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(keys, ['correctness', 'instruction_following', 'style_and_clarity']);
  assert.equal(await d.locator('#rubric-criteria [data-part="disqualifying"]').first().isChecked(), true);

  // The rubric checker: "Style and clarity" joins two dimensions; "good" has no standard; no ideal response.
  const third = d.locator('#rubric-criteria li.criterion').nth(2);
  await third.locator('mark.chk-atomicity', { hasText: 'Style and clarity' }).waitFor();
  await third.locator('mark.chk-objectivity', { hasText: 'good' }).waitFor();
  await third.locator('.chk-finding[data-rule="atomicity"] .chk-suggestion', { hasText: 'Split it into one criterion per dimension' }).waitFor();
  await d.locator('#rubric-ideal-findings .chk-finding[data-rule="ideal-response"]').waitFor();
  await browser.screenshot(d, 'rubric-checker');
  // Writing the ideal response clears that finding.
  await d.fill('#rubric-ideal', 'A function parse_rows(path) that reads the CSV with the csv module.');
  await d.locator('#rubric-ideal-findings .chk-finding').waitFor({ state: 'detached' });

  await d.click('#rubric-save');
  await d.locator('#rubric-editor-title', { hasText: 'Edit Coding task rubric' }).waitFor();
  await d.locator('#rubric-list .rubric-open', { hasText: 'Coding task rubric' }).waitFor();
  const stored = await d.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const maps = Object.entries(all).filter(([k]) => k.startsWith('rubrics')).map(([, v]) => v);
    return maps.flatMap((m) => Object.values(m)).find((r) => r.name === 'Coding task rubric');
  });
  assert.ok(stored, 'the rubric is stored');
  assert.deepEqual(stored.criteria.map((c) => c.key), keys);
  assert.match(stored.idealResponse, /parse_rows/);
  await d.close();
});

test('criteria reorder by keyboard (Alt+Arrow) and the order is the priority', async () => {
  const d = await browser.extensionPage('dashboard/dashboard.html#rubrics');
  await d.click('#rubric-new');
  await d.fill('#rubric-name', 'Order');
  for (const k of ['first', 'second']) {
    await d.click('#rubric-add-criterion');
    const card = d.locator('#rubric-criteria li.criterion').last();
    await card.locator('[data-part="key"]').fill(k);
    await card.locator('[data-part="name"]').fill(k[0].toUpperCase() + k.slice(1));
  }
  await d.locator('#rubric-criteria li.criterion').last().locator('[data-part="key"]').focus();
  await d.keyboard.press('Alt+ArrowUp');
  const keys = await d.locator('#rubric-criteria [data-part="key"]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(keys, ['second', 'first']);
  assert.equal(await d.evaluate(() => document.activeElement?.dataset?.part), 'key', 'focus stays in the moved card');
  await d.close();
});

test('the justification checker underlines a vague judgement in the snippet editor', async () => {
  const d = await browser.extensionPage('dashboard/dashboard.html#snippets');
  await d.click('#snippet-new');
  await d.fill('#snip-template', 'Response B sounds better. {text: reason}');
  const mark = d.locator('#snippet-editor mark.chk-vague-judgement');
  await mark.waitFor();
  assert.equal(await mark.innerText(), 'sounds better');
  await d.locator('#snip-findings .chk-finding[data-rule="vague-judgement"] .chk-suggestion', { hasText: 'Say what in the response' }).waitFor();
  assert.equal(await d.locator('#snip-findings [data-rule="unfilled-field"]').count(), 0, 'template fields are not flagged in a template');
  // "Show" selects the words in the template.
  await d.click('#snip-findings .chk-show');
  const sel = await d.evaluate(() => { const t = document.getElementById('snip-template'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  assert.equal(sel, 'sounds better');
  await d.fill('#snip-template', 'Response B is better because it gives the 1969 date.');
  await mark.waitFor({ state: 'detached' });
  await d.close();
});
