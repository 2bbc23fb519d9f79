// Where the fill-in form opens (issue 12): below the caret line, so the task's content above the
// field — the prompt and both responses the justification is about — stays visible; its fields
// are labelled in words (a template label, else the name humanised); it can be moved by its bar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';
import { overlayFrame, saveSnippets } from './overlay.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
  await saveSnippets(browser, [
    { triggers: [';pl'], label: 'Placement', template: 'Better: {choice: better; A | B}. {text: safety_note} {paragraph: evidenceNotes; label=Evidence, in a few words}' },
  ]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the fill-in form leaves the task above the field visible, labels in words, and moves', async () => {
  const page = await browser.page(server.url('/task.html'));
  await page.click('#justification');
  await page.keyboard.type(';pl', { delay: 10 });
  const frame = await overlayFrame(page, '#fill');
  const box = await (await frame.frameElement()).boundingBox();
  for (const sel of ['h1', '.prompt', '.responses']) {
    const r = await page.locator(sel).boundingBox();
    assert.ok(!overlaps(box, r), `the form does not cover ${sel} (${JSON.stringify(box)} vs ${JSON.stringify(r)})`);
  }
  const field = await page.locator('#justification').boundingBox();
  assert.ok(box.y >= field.y, 'it opens at or below the field, not above it');
  const labels = await frame.locator('#fill-fields label, #fill-fields legend').evaluateAll((els) => els.map((e) => e.textContent.trim()));
  assert.ok(labels.includes('Better'), labels.join(' | '));
  assert.ok(labels.includes('Safety note'), labels.join(' | '));
  assert.ok(labels.includes('Evidence, in a few words'), labels.join(' | '));
  await browser.screenshot(page, 'fillin-placement');
  // Drag the bar above the frame: the form moves and stays there.
  const grip = { x: box.x + box.width / 2, y: box.y - 7 };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x - 120, grip.y + 40, { steps: 5 });
  await page.mouse.up();
  const moved = await (await frame.frameElement()).boundingBox();
  assert.ok(Math.abs(moved.x - (box.x - 120)) <= 2 && Math.abs(moved.y - (box.y + 40)) <= 2, `moved to ${JSON.stringify(moved)}`);
  await page.close();
});
