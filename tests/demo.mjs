// `./build.sh demo`: Chromium with the built Rubrica and a sample task page. With a display the
// browser stays open for you to try triggers; without one, it types a demo trigger headless and
// saves a screenshot of the result.
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, RELEASE, ARTIFACTS } from './e2e/browser.mjs';
import { startServer } from './e2e/server.mjs';

const server = await startServer();
const url = server.url('/task.html');

if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
  const ctx = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'rubrica-demo-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: false,
    viewport: null,
    args: ['--no-first-run', '--disable-sync', `--disable-extensions-except=${RELEASE}`, `--load-extension=${RELEASE}`],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  console.log(`Rubrica demo: ${url}\nClick the justification box and type ;rubrica (or any trigger from the dashboard).`);
  console.log('Close the browser window to end the demo.');
  await new Promise((resolve) => ctx.on('close', resolve));
} else {
  console.log('No display found (DISPLAY is unset): running the demo headless instead.');
  const browser = await launch();
  const page = await browser.page(url);
  await page.click('#justification');
  await page.keyboard.type('Response A is better. ;rubrica', { delay: 40 });
  await page.waitForFunction(() => document.querySelector('#justification').value.includes('Rubrica is working'));
  const shot = await browser.screenshot(page, 'demo');
  console.log(`The demo trigger expanded. Screenshot of the task page: ${shot}`);
  await browser.close();
}
await server.close();
console.log(`(artifacts in ${ARTIFACTS})`);
