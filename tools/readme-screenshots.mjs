// Regenerates the README's screenshots from the built extension (run `./build.sh` first):
//   node tools/readme-screenshots.mjs
// Dashboard (Snippets with the editor open) and the popup, in light and dark, and the fill-in form
// on the sample task page, into docs/images/.
import { launch } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const browser = await launch();
const server = await startServer();
try {
  for (const theme of ['light', 'dark']) {
    const d = await browser.extensionPage('dashboard/dashboard.html#settings');
    await d.locator(`#set-theme-${theme}`).check();
    await d.goto(d.url().replace(/#.*/, '#snippets'));
    await d.setViewportSize({ width: 1280, height: 800 });
    const pair = d.locator('#snippet-list .snippet-item', { hasText: ';pair' });
    await pair.locator('button.snippet-open').click();
    await d.locator('#snip-preview').filter({ hasText: 'Response A' }).waitFor();
    await d.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
      document.querySelector('main')?.scrollTo?.(0, 0);
    });
    await d.screenshot({ path: `${OUT}dashboard${theme === 'dark' ? '-dark' : ''}.png` });
    const p = await browser.extensionPage('popup/popup.html');
    await p.setViewportSize({ width: 360, height: 660 });
    await p.getByRole('button', { name: /Pause expansion|Resume expansion/ }).waitFor();
    await p.screenshot({ path: `${OUT}popup${theme === 'dark' ? '-dark' : ''}.png` });
    await p.close();
    await d.close();
  }
  // The fill-in form at the caret of the sample task page (light theme: the last one set is dark,
  // so set it back first).
  const d = await browser.extensionPage('dashboard/dashboard.html#settings');
  await d.locator('#set-theme-light').check();
  await d.close();
  const page = await browser.page(server.url('/task.html'));
  // Tall enough for the form to open below the caret line, as on a laptop screen.
  await page.setViewportSize({ width: 1100, height: 920 });
  await page.click('#justification');
  await page.keyboard.type('Verdict: ;pair', { delay: 20 });
  const frame = await (async () => {
    for (let i = 0; i < 100; i++) {
      const f = page.frames().find((x) => x.url().includes('/overlay/overlay.html'));
      if (f) return f;
      await page.waitForTimeout(50);
    }
    throw new Error('the fill-in form did not open');
  })();
  await frame.locator('#field-0').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}fill-in-form.png` });
  await page.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots written to ${OUT}`);
