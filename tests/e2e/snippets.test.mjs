// The Snippets and Rubrics sections and the Data section's snippet import, on the release build,
// as a trainer uses them: write a snippet with a fill-in field and watch the preview, see a parse
// error while typing, save, expand it on a task page, edit, delete and undo; edit a rubric and make
// it the default; import an espanso file and a CSV file; a malformed file imports nothing.
// Screenshots (light and dark) go to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { launch, TEST_BUILD, waitUntil, within, WAIT_MS } from './browser.mjs';
import { expandsOn } from './typing.mjs';
import { startServer } from './server.mjs';

const FIXTURES = fileURLToPath(new URL('../import/', import.meta.url));
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});


async function dashboard(section) {
  const d = await browser.extensionPage(`dashboard/dashboard.html#${section}`);
  await d.locator(`#section-${section}`).waitFor();
  return d;
}

async function setTheme(theme) {
  const s = await dashboard('settings');
  await s.locator(`#set-theme-${theme}`).check();
  await waitUntil(s, `the ${theme} theme did not apply`, (t) => document.documentElement.dataset.theme === t, theme);
  await s.close();
}

const TEMPLATE = 'Response {choice: better; A | B} is more accurate.{cursor}';
const EXPANDED = 'Response A is more accurate.';

test('write a snippet with a live preview and inline errors, expand it, edit, delete and undo', async () => {
  const d = await dashboard('snippets');
  await d.locator('#snippet-count').filter({ hasText: /snippet/ }).waitFor();
  await d.locator('#snippet-new').click();
  await d.locator('#snippet-editor').waitFor();
  await d.locator('#snip-triggers').fill(';zq');
  await d.locator('#snip-label').fill('Pairwise accuracy');
  await d.locator('#snip-folder').fill('Pairwise');
  await d.locator('#snip-tags').fill('verdict, accuracy');
  await d.locator('#snip-template').fill(TEMPLATE);
  const preview = d.locator('#snip-preview');
  await preview.filter({ hasText: 'Response A is more accurate.' }).waitFor();
  assert.equal(await d.locator('#snip-preview .cursor-mark').count(), 1, 'the cursor is marked');
  assert.match(await d.locator('#snip-fields').innerText(), /better[\s\S]*choice/);
  await browser.screenshot(d, 'snippets-editor-preview');

  // A broken template: the error appears while typing, with line, column and the caret excerpt.
  await d.locator('#snip-template').fill('Response {choice: better; A | B\nis more accurate.');
  const err = d.locator('#snip-template-error .alert');
  await err.waitFor();
  assert.match(await err.innerText(), /Line \d+, column \d+/);
  assert.ok(await d.locator('#snip-template-error pre.code-excerpt').count(), 'the caret excerpt is shown');
  assert.equal(await d.locator('#snip-template').getAttribute('aria-invalid'), 'true');
  await browser.screenshot(d, 'snippets-editor-error');
  // Saving it anyway is refused by the background, with the error inline.
  await d.locator('#snip-save').click();
  await d.locator('#snip-save-error').waitFor();

  await d.locator('#snip-template').fill(TEMPLATE);
  await waitUntil(d, 'the template is still marked invalid', () => !document.querySelector('#snip-template').hasAttribute('aria-invalid'));
  await d.locator('#snip-save').click();
  await d.locator('#snip-status .status-ok').waitFor();
  const row = d.locator('#snippet-list .snippet-item', { hasText: ';zq' });
  await row.waitFor();
  assert.match(await row.innerText(), /Pairwise accuracy[\s\S]*verdict/);

  // Search filters as you type.
  await d.locator('#snippet-search').fill('verdict');
  await waitUntil(d, 'the list does not show exactly one snippet', () => document.querySelectorAll('#snippet-list .snippet-item').length === 1);
  await d.locator('#snippet-search').fill('');
  await d.locator('#snip-cancel').click();
  await browser.screenshot(d, 'snippets-list');

  const task = await browser.page(server.url('/task.html'));
  assert.ok(await expandsOn(task, ';zq', EXPANDED), 'the new snippet expands with its defaults');

  // Edit it.
  await d.bringToFront();
  await row.locator('button.snippet-open').click();
  await d.locator('#snip-template').fill('Response {choice: better; B | A} is clearly more accurate.');
  await d.locator('#snip-preview').filter({ hasText: 'clearly' }).waitFor();
  await d.locator('#snip-save').click();
  await d.locator('#snip-status .status-ok').waitFor();
  await task.bringToFront();
  assert.ok(await expandsOn(task, ';zq', 'Response B is clearly more accurate.'), 'the edit applies');

  // Delete, then undo.
  await d.bringToFront();
  await d.locator('#snip-delete').click();
  await d.locator('#snippet-undo').waitFor();
  assert.equal(await d.locator('#snippet-list .snippet-item', { hasText: ';zq' }).count(), 0);
  await task.bringToFront();
  assert.equal(await expandsOn(task, ';zq', 'Response B is clearly more accurate.', 800), false, 'deleted: no expansion');
  await d.bringToFront();
  await d.locator('#snippet-undo').click();
  await d.locator('#snippet-list .snippet-item', { hasText: ';zq' }).waitFor();
  await task.bringToFront();
  assert.ok(await expandsOn(task, ';zq', 'Response B is clearly more accurate.'), 'undo brings it back');
  await task.close();
  await d.close();
});

test('edit a rubric and make it the default', async () => {
  const d = await dashboard('rubrics');
  await d.locator('#rubric-new').click();
  await d.locator('#rubric-editor').waitFor();
  await d.locator('#rubric-name').fill('Helpfulness first');
  for (const [key, name, phrase] of [['acc', 'Accuracy', 'it states the facts correctly'], ['help', 'Helpfulness', 'it answers the question']]) {
    await d.locator('#rubric-add-criterion').click();
    const c = d.locator('#rubric-criteria li.criterion').last();
    await c.locator('[data-part="key"]').fill(key);
    await c.locator('[data-part="name"]').fill(name);
    await c.locator('[data-part="phrases"]').fill(phrase);
  }
  // Move Helpfulness up to priority 1.
  await d.locator('#rubric-criteria li.criterion').nth(1).getByRole('button', { name: /Move up/ }).click();
  assert.equal(await d.locator('#rubric-criteria li.criterion').first().locator('[data-part="key"]').inputValue(), 'help');
  // A bad key is refused inline.
  await d.locator('#rubric-criteria li.criterion').first().locator('[data-part="key"]').fill('has space');
  await d.locator('#rubric-save').click();
  await d.locator('#rubric-error').waitFor();
  await d.locator('#rubric-criteria li.criterion').first().locator('[data-part="key"]').fill('help');
  await d.locator('#rubric-save').click();
  await d.locator('#rubric-default').waitFor();
  await browser.screenshot(d, 'rubrics-editor');
  await d.locator('#rubric-default').click();
  const card = d.locator('#rubric-list .rubric-open', { hasText: 'Helpfulness first' });
  await card.locator('.rubric-default-badge').waitFor();
  assert.equal(await d.locator('#rubric-list .rubric-default-badge').count(), 1, 'one default');
  assert.match(await card.innerText(), /help[\s\S]*acc/);
  await d.close();
});

test('import an espanso file and a CSV file through the Data section', async () => {
  const d = await dashboard('data');
  await d.locator('#import-file').setInputFiles(`${FIXTURES}espanso_trainer.yml`);
  await d.locator('#import-preview').waitFor();
  assert.match(await d.locator('#import-format').innerText(), /espanso/);
  assert.ok(await d.locator('#import-added tbody tr').count() > 5, 'snippets to add are listed');
  assert.match(await d.locator('#import-skipped').innerText(), /line \d+/i, 'skipped items say where');
  assert.ok(await d.locator('#import-notes tbody tr').count() > 0, 'notes are listed');
  await browser.screenshot(d, 'data-import-espanso-preview');
  const commit = d.locator('#import-commit');
  assert.match(await commit.innerText(), /Import \d+ snippets/);
  await commit.click();
  await d.locator('#import-done').waitFor();

  const task = await browser.page(server.url('/task.html'));
  assert.ok(await expandsOn(task, ';ifx', 'Instruction following: the user asked for {format} JSON, and .'),
    'an imported espanso trigger expands');

  await d.bringToFront();
  await d.locator('#import-file').setInputFiles(`${FIXTURES}textexpander_style.csv`);
  await d.locator('#import-preview').waitFor();
  assert.match(await d.locator('#import-format').innerText(), /CSV/);
  assert.match(await d.locator('#import-skipped').innerText(), /row \d+/i);
  assert.ok(await d.locator('#import-conflicts li').count() > 0, 'the ;acc clash with the espanso import is reported');
  await d.locator('#import-commit').click();
  await d.locator('#import-done').waitFor();
  await task.bringToFront();
  assert.ok(await expandsOn(task, ';multi', 'Line one\nLine two'), 'an imported CSV trigger expands');

  // Importing the same file again adds nothing: everything is already in the library.
  await d.bringToFront();
  await d.locator('#import-file').setInputFiles(`${FIXTURES}textexpander_style.csv`);
  await d.locator('#import-skipped').filter({ hasText: 'already in your library' }).waitFor();

  // A malformed file shows where and imports nothing.
  const snippets = async () =>
    (await within(d.evaluate(() => chrome.storage.local.get('snippets')), WAIT_MS, 'storage did not answer')).snippets;
  const before = await snippets();
  await d.locator('#import-file').setInputFiles(`${FIXTURES}espanso_malformed.yml`);
  const err = d.locator('#import-error');
  await err.waitFor();
  assert.match(await err.innerText(), /line \d+/i);
  assert.equal(await d.locator('#import-commit').count(), 0, 'nothing to commit');
  const after = await snippets();
  assert.deepEqual(after, before, 'storage unchanged');
  await browser.screenshot(d, 'data-import-malformed');
  await task.close();

  // Export the library as CSV and JSON from the Snippets section.
  await d.goto(d.url().replace(/#.*/, '#snippets'));
  await d.locator('#snippet-list .snippet-item').first().waitFor();
  let download = d.waitForEvent('download');
  await d.locator('#snippet-export-csv').click();
  let file = await download;
  assert.match(file.suggestedFilename(), /^rubrica-snippets-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.match(await readFile(await file.path(), 'utf8'), /^trigger,label,folder,tags,content\n[\s\S]*;multi/);
  download = d.waitForEvent('download');
  await d.locator('#snippet-export-json').click();
  file = await download;
  const envelope = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.equal(envelope.kind, 'snippets');
  assert.ok(envelope.data.snippets.some((s) => s.triggers.includes(';ifx')));
  await d.close();
});

test('screenshots in light and dark, without console errors', async () => {
  for (const theme of ['light', 'dark']) {
    await setTheme(theme);
    const d = await dashboard('snippets');
    await d.locator('#snippet-list .snippet-item').first().waitFor();
    await browser.screenshot(d, `snippets-list-${theme}`);
    await d.locator('#snippet-list .snippet-item', { hasText: ';zq' }).locator('button').click();
    await d.locator('#snip-preview').filter({ hasText: 'clearly' }).waitFor();
    await browser.screenshot(d, `snippets-editor-${theme}`);
    await d.locator('#snip-template').fill('Hello {text: name; default=Sam');
    await d.locator('#snip-template-error .alert').waitFor();
    await browser.screenshot(d, `snippets-error-${theme}`);
    await d.goto(d.url().replace(/#.*/, '#rubrics'));
    await d.locator('#rubric-list .rubric-open').first().click();
    await d.locator('#rubric-editor').waitFor();
    await browser.screenshot(d, `rubrics-editor-${theme}`);
    await d.close();
  }
  await setTheme('light');
  assert.deepEqual(browser.errors, []);
});

test('a starter snippet is listed and editing it makes it the user’s own (test build, seeded storage)', async () => {
  const tb = await launch({ dir: TEST_BUILD });
  try {
    const id = 'snp_01JD8X3Q0000000000000000ST';
    const now = Date.now();
    const seeded = tb.sw.evaluate(async (rec) => {
      const { snippets = {} } = await globalThis.__rubricaTest.readStorage(['snippets']);
      await globalThis.__rubricaTest.writeStorage({ snippets: { ...snippets, [rec.id]: rec },
        snippetUses: { [rec.id]: { count: 3, lastUsedAt: rec.createdAt } } });
      await globalThis.__rubricaTest.reload();
    }, { id, createdAt: now, updatedAt: now, triggers: [';st'], label: 'Starter phrase', folder: 'Starter',
      tags: [], template: 'It answers the question.', mode: 'immediate', wordBoundary: false, propagateCase: true,
      criteria: [], builtin: true });
    await within(seeded, WAIT_MS, 'the storage hooks did not seed the snippet');
    const d = await tb.extensionPage('dashboard/dashboard.html#snippets');
    const row = d.locator('#snippet-list .snippet-item', { hasText: ';st' });
    await row.waitFor();
    assert.match(await row.innerText(), /Starter[\s\S]*3 uses/);
    await row.locator('button.snippet-open').click();
    await d.locator('#snippet-editor', { hasText: 'saving makes it yours' }).waitFor();
    await d.locator('#snip-template').fill('It answers the question fully.');
    await d.locator('#snip-save').click();
    await d.locator('#snip-status .status-ok').waitFor();
    const stored = await within(
      tb.sw.evaluate(() => globalThis.__rubricaTest.readStorage(['snippets', 'snippetUses'])),
      WAIT_MS,
      'the storage hook did not answer',
    );
    assert.equal(stored.snippets[id].builtin, false);
    assert.equal(stored.snippetUses[id].count, 3, 'usage is kept (apart from the snippet)');
    assert.equal(stored.snippets[id].template, 'It answers the question fully.');
    await d.close();
    assert.deepEqual(tb.errors, []);
  } finally {
    await tb.close();
  }
});
