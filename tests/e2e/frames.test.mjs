// Expansion inside frames: a same-origin frame (page and frame on 127.0.0.1), a cross-origin frame
// whose origin is enabled too (page on 127.0.0.1, frame on localhost), a srcdoc frame and an
// about:blank frame written by the page. The content script runs in every frame (`all_frames`,
// `match_origin_as_fallback`); each frame's own model must hold the expanded text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, waitUntil } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launch();
  const dash = await browser.extensionPage('dashboard/dashboard.html');
  // Snippets without fill-in fields (a snippet with fields opens the form: fillin.test.mjs).
  for (const snippet of [
    { triggers: ['btw'], label: 'By the way', template: 'by the way', mode: 'delimiter' },
    { triggers: [';acf'], label: 'Accuracy', template: 'Accuracy: the facts check out.' },
  ]) {
    const saved = await sendFromPage(dash, { type: 'snippet.save', payload: { snippet } });
    assert.equal(saved.ok, true, JSON.stringify(saved));
  }
  await dash.close();
  page = await browser.page(server.url('/frames.html'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function frameOf(id) {
  const handle = await page.waitForSelector(`#${id}`);
  const frame = await handle.contentFrame();
  await frame.waitForSelector('#box');
  return frame;
}

// [frame id, its URL, its origin (about:srcdoc and about:blank inherit the page's)]
for (const [id, url, origin] of [
  ['same', () => server.url('/frame-inner.html'), () => server.origin],
  ['cross', () => server.url('/frame-inner.html').replace('127.0.0.1', 'localhost'), () => server.origin.replace('127.0.0.1', 'localhost')],
  ['srcdoc', () => 'about:srcdoc', () => server.origin],
  ['blank', () => 'about:blank', () => server.origin],
]) {
  test(`a textarea in the ${id} frame expands, and the frame's model holds the text`, async () => {
    const frame = await frameOf(id);
    assert.deepEqual(await frame.evaluate(() => [location.href, self.origin]), [url(), origin()], 'the frame is what the test means');
    await frame.click('#box');
    await page.keyboard.type('Seen ;acf', { delay: 10 });
    await waitUntil(frame, 'the box does not start with “Seen Accuracy: ”', () => document.querySelector('#box').value.startsWith('Seen Accuracy: '));
    await page.keyboard.type(' Also btw', { delay: 10 });
    await page.keyboard.press('Enter');
    await page.keyboard.type('end', { delay: 10 });
    await waitUntil(frame, 'the box does not end with “ Also by the way⏎end”', () => document.querySelector('#box').value.endsWith(' Also by the way\nend'));
    const value = await frame.evaluate(() => document.querySelector('#box').value);
    assert.ok(!value.includes(';acf') && !value.includes('btw'), value);
    assert.equal(await frame.evaluate(() => window.model), value, "the frame's model");
  });
}

test('no console errors in the frames', () => {
  assert.deepEqual(browser.errors, []);
});
