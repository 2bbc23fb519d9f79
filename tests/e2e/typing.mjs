// Acting in the sample task page (tests/pages/task.html) as a user does.

/**
 * Clears the justification box, types `trigger` into it and waits until the box holds `want`.
 * Resolves true when it does within `timeout` ms, false otherwise (so a test can also assert
 * that nothing expanded).
 */
export async function expandsOn(page, trigger, want, timeout = 4000) {
  await page.fill('#justification', '');
  await page.click('#justification');
  await page.keyboard.type(trigger, { delay: 10 });
  try {
    await page.waitForFunction((w) => document.querySelector('#justification').value === w, want, { timeout });
    return true;
  } catch {
    return false;
  }
}
