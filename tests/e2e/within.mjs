// Bounds for every wait in the browser suites: a wait either succeeds or fails with a message
// saying what did not happen — it never hangs until the file's 5-minute timeout. Playwright's own
// waits (locators, waitForFunction, waitForEvent) are bounded by the default timeout `launch()`
// sets; these helpers bound what Playwright does not (evaluate, keyboard, close, CDP calls) and
// give polling waits a message.

/** How long a wait in the browser suites may take by default (Playwright's default timeout too). */
export const WAIT_MS = 20_000;

/**
 * Settles as `promise` does, or rejects after `ms` with "`what` (within `ms` ms)". A promise that
 * loses the race is left to settle on its own (its rejection is handled, so it cannot crash the run).
 */
export function within(promise, ms, what) {
  const p = Promise.resolve(promise);
  p.catch(() => {});
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (within ${ms} ms)`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Calls `check()` (sync or async) every `every` ms until it returns something truthy, and returns
 * that; throws "`what` (within `ms` ms)" when it never does. `what` may be a function of the last
 * value checked, for a message that shows it.
 */
export async function until(check, ms, what, every = 50) {
  const say = (value) => (typeof what === 'function' ? what(value) : what);
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await within(check(), Math.max(1, end - Date.now()), `${say(last)}: a check did not answer`);
    if (last) return last;
    if (Date.now() >= end) break;
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`${say(last)} (within ${ms} ms)`);
}
