// Acting in the sample task page (tests/pages/task.html) as a user does.
import { until } from './browser.mjs';
import { overlayFrame, overlayFrames, pressClosing } from './overlay.mjs';

/**
 * When the snippet just triggered has fill-in fields, Rubrica's form opens with focus in it:
 * waits for it and presses Enter, which inserts with the defaults (docs/palette.md).
 */
export async function acceptForm(page, timeout = 5000) {
  await overlayFrame(page, '#fill', timeout);
  await pressClosing(page, 'Enter');
}

/**
 * Clears the justification box, types `trigger` into it and waits until the box holds `want`.
 * When the fill-in form opens (a snippet with fields), Enter accepts its defaults, as a user would.
 * Resolves true when the box holds `want` within `timeout` ms, false otherwise (so a test can also
 * assert that nothing expanded).
 */
export async function expandsOn(page, trigger, want, timeout = 4000) {
  await page.fill('#justification', '');
  await page.click('#justification');
  await page.keyboard.type(trigger, { delay: 10 });
  let accepted = false;
  const holds = async () => {
    if ((await page.inputValue('#justification')) === want) return true;
    if (!accepted) {
      const frame = overlayFrames(page).at(-1);
      if (frame && (await frame.locator('#fill').isVisible().catch(() => false))) {
        accepted = true;
        await pressClosing(page, 'Enter');
      }
    }
    return false;
  };
  return until(holds, timeout, 'no expansion').then(() => true, () => false);
}
