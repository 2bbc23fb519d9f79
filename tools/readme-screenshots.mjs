// Regenerates the README's screenshots from the built extension (run `./build.sh` first):
//   node tools/readme-screenshots.mjs
// Dashboard (Snippets with the editor open) and the popup, in light and dark, into docs/images/.
import { launch } from '../tests/e2e/browser.mjs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const browser = await launch();
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
} finally {
  await browser.close();
}
console.log(`screenshots written to ${OUT}`);
