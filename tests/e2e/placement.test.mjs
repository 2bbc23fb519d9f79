// Where the fill-in form opens (issue 12): below the caret line, so the task's content above the
// field — the prompt and both responses the justification is about — stays visible; its fields
// are labelled in words (a template label, else the name humanised); it can be moved by its bar,
// with the pointer or with the keyboard (arrows move, Shift+arrows resize).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitUntil } from './browser.mjs';
import { within } from './within.mjs';
import { startServer } from './server.mjs';
import { focusedIn, overlayFrame, overlayGone, pressClosing, saveSnippets } from './overlay.mjs';

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

/** The accessibility tree's button named like the form's move/resize handle (it is in a closed shadow root). */
async function handleNode(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await within(cdp.send('Accessibility.getFullAXTree'), 10_000, 'no accessibility tree');
    return nodes.find((n) => n.role?.value === 'button' && /^Move or resize the Rubrica form/.test(n.name?.value ?? '')) ?? null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

test('the fill-in form moves and resizes with the keyboard from its labelled bar, and stays there', async () => {
  const page = await browser.page(server.url('/task.html'));
  await page.click('#justification');
  await page.keyboard.type(';pl', { delay: 10 });
  const frame = await overlayFrame(page, '#fill');
  const el = await frame.frameElement();
  const box = await el.boundingBox();
  const handle = await handleNode(page);
  assert.ok(handle, 'the bar is a button with a label in the accessibility tree');
  assert.match(handle.name.value, /arrow keys move it, Shift with arrow keys resizes it/);
  // Shift+Tab from the first field reaches the bar (the page sees only Rubrica's host).
  await page.keyboard.press('Shift+Tab');
  await waitUntil(frame, 'focus did not reach the bar', () => !document.hasFocus());
  await browser.screenshot(page, 'fillin-handle-focus');
  for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
  const moved = await el.boundingBox();
  assert.ok(Math.abs(moved.x - (box.x - 48)) <= 1 && Math.abs(moved.y - (box.y + 32)) <= 1, `moved by arrows to ${JSON.stringify(moved)} from ${JSON.stringify(box)}`);
  assert.ok(Math.abs(moved.width - box.width) <= 1 && Math.abs(moved.height - box.height) <= 1, 'arrows alone do not resize');
  for (const key of ['Shift+ArrowRight', 'Shift+ArrowRight', 'Shift+ArrowUp']) await page.keyboard.press(key);
  const resized = await el.boundingBox();
  assert.ok(Math.abs(resized.width - (box.width + 32)) <= 1, `wider by 32: ${resized.width} vs ${box.width}`);
  assert.ok(Math.abs(resized.height - (box.height - 16)) <= 1, `lower by 16: ${resized.height} vs ${box.height}`);
  assert.ok(Math.abs(resized.x - moved.x) <= 1 && Math.abs(resized.y - moved.y) <= 1, 'resizing keeps the top left corner');
  // Remembered as a pointer move is: scrolling the page does not put it back at the caret.
  await page.evaluate(() => window.scrollBy(0, 30));
  await page.waitForTimeout(150);
  const after = await el.boundingBox();
  assert.ok(Math.abs(after.x - resized.x) <= 1 && Math.abs(after.y - resized.y) <= 1, `it stayed where the keys put it: ${JSON.stringify(after)}`);
  // Tab goes back into the form, which still works.
  await page.keyboard.press('Tab');
  await waitUntil(frame, 'focus did not come back into the form', () => document.hasFocus());
  assert.equal(await frame.evaluate(() => Boolean(document.activeElement?.closest('#fill'))), true, `focus in the form: ${await focusedIn(frame)}`);
  await pressClosing(page, 'Escape');
  assert.ok(await overlayGone(page), 'Esc closed the form');
  await page.close();
});
