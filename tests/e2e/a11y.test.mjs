// Accessibility: axe-core (WCAG 2.0/2.1, levels A and AA) finds nothing on the popup, the scoring
// worksheet and every dashboard section, in the light and the dark theme. Sections are read from the dashboard's own
// navigation, so a new section is checked without editing this file. axe runs through CDP
// (`page.evaluate` of its source), which the extension pages' CSP does not govern; nothing is
// added to the extension.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch } from './browser.mjs';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const THEMES = ['light', 'dark'];

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** axe's violations on `page`, as one line per failing node (rule, impact, target, summary). */
async function violations(page) {
  // Colours are judged once they have settled: a theme change transitions backgrounds and text
  // for a moment, and axe would measure a blend of the two themes.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  const loaded = await page.evaluate(() => typeof globalThis.axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(
    (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  return found.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`),
  );
}

/** Sets the theme the way a user does (Settings), so the pages apply it themselves. */
async function useTheme(theme) {
  const d = await browser.extensionPage('dashboard/dashboard.html#settings');
  await d.locator('#section-settings').waitFor();
  await d.evaluate(async (t) => {
    const { MSG } = await import('../shared/contract.js');
    const { send } = await import('../shared/runtime.js');
    await send(MSG.SETTINGS_UPDATE, { patch: { theme: t } });
  }, theme);
  await d.close();
}

for (const theme of THEMES) {
  test(`axe finds nothing on the popup (${theme})`, async () => {
    await useTheme(theme);
    const p = await browser.extensionPage('popup/popup.html');
    await p.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await p.setViewportSize({ width: 360, height: 620 });
    await p.getByRole('button', { name: /Pause expansion|Resume expansion/ }).waitFor();
    await p.locator(`html[data-theme="${theme}"]`).waitFor();
    assert.deepEqual(await violations(p), [], `popup, ${theme}`);
    await p.close();
  });

  test(`axe finds nothing on the scoring worksheet (${theme})`, async () => {
    await useTheme(theme);
    const w = await browser.extensionPage('worksheet/worksheet.html');
    await w.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await w.setViewportSize({ width: 400, height: 900 });
    await w.locator(`html[data-theme="${theme}"]`).waitFor();
    await w.locator('#ws-rows tr[data-key]').first().waitFor();
    await w.locator('#ws-task option').first().waitFor({ state: 'attached' });
    assert.deepEqual(await violations(w), [], `worksheet, ${theme}`);
    await w.close();
  });

  test(`axe finds nothing on any dashboard section (${theme})`, async () => {
    await useTheme(theme);
    const d = await browser.extensionPage('dashboard/dashboard.html');
    await d.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await d.locator(`html[data-theme="${theme}"]`).waitFor();
    await d.locator('#nav-list a.nav-link').first().waitFor();
    const ids = await d.locator('#nav-list a.nav-link').evaluateAll((links) => links.map((a) => a.hash.slice(1)));
    assert.ok(ids.length >= 8, `the navigation lists the sections (${ids.join(', ')})`);
    const found = [];
    for (const id of ids) {
      await d.goto(d.url().replace(/#.*/, '') + `#${id}`);
      await d.locator(`#section-${id}`).waitFor();
      await d.waitForTimeout(150); // a section renders its lists after its data arrives
      found.push(...(await violations(d)).map((v) => `#${id}: ${v}`));
    }
    assert.deepEqual(found, [], `dashboard, ${theme}`);
    await d.close();
  });
}

test('no console errors while checking', () => {
  assert.deepEqual(browser.errors, []);
});
