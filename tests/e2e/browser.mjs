// Launches Debian Chromium with a built Rubrica (playwright-core), and the helpers every browser
// test shares: console-error capture for pages and the service worker, stopping the service worker
// through CDP, screenshots into tests/artifacts/ (git-ignored). Every wait here is bounded
// (within.mjs): Playwright's waits by the default timeout set at launch, the rest by `within`, and
// `close()` kills the browser when it does not close.
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WAIT_MS, until, within } from './within.mjs';

export { WAIT_MS, until, within } from './within.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RELEASE = join(ROOT, 'dist/rubrica');
export const TEST_BUILD = join(ROOT, 'dist/rubrica-test');
export const ARTIFACTS = join(ROOT, 'tests/artifacts');

/**
 * Starts Chromium with the extension in `dir` (a fresh profile unless `userDataDir` is given).
 * Returns `{ctx, sw, extensionId, errors, page(), extensionPage(path), stopServiceWorker(),
 * serviceWorker(), worker(), screenshot(page, name), close()}`.
 */
export async function launch({ dir = RELEASE, userDataDir } = {}) {
  const profile = userDataDir ?? (await mkdtemp(join(tmpdir(), 'rubrica-profile-')));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    timeout: 60_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${dir}`, `--load-extension=${dir}`,
    ],
  });
  // Every Playwright wait and action (locators, waitForFunction, waitForEvent, goto) fails with
  // its own message after this long unless a test gives it a bound of its own.
  ctx.setDefaultTimeout(WAIT_MS);
  ctx.setDefaultNavigationTimeout(30_000);
  const errors = [];
  const watch = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  };
  ctx.pages().forEach(watch);
  ctx.on('page', watch);
  ctx.on('weberror', (e) => errors.push(`weberror: ${e.error().message}`));

  const serviceWorker = async () => {
    const existing = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    const sw = existing ?? (await ctx.waitForEvent('serviceworker', { timeout: 15000 }));
    sw.on('console', (m) => {
      if (m.type() === 'error') errors.push(`service worker: ${m.text()}`);
    });
    return sw;
  };
  let sw;
  try {
    sw = await serviceWorker();
  } catch (e) {
    // No extension: close the browser (it would keep this test file running) and say why.
    await within(ctx.close(), 15_000, 'Chromium did not close').catch(async () => killBrowser(profile));
    throw new Error(`Rubrica's service worker did not start: ${e.message}`);
  }
  const extensionId = new URL(sw.url()).host;

  const api = {
    ctx,
    sw,
    extensionId,
    errors,
    serviceWorker,
    /** Rubrica's service worker as it runs now (after a restart, the new one), or undefined; no listener added. */
    worker: () => ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)),
    async page(url) {
      const p = await within(ctx.newPage(), WAIT_MS, 'Chromium did not open a page');
      if (url) await p.goto(url);
      return p;
    },
    async extensionPage(path) {
      const p = await within(ctx.newPage(), WAIT_MS, 'Chromium did not open a page');
      await p.goto(`chrome-extension://${extensionId}/${path}`);
      return p;
    },
    /**
     * Stops the extension's service worker through CDP (as Chromium does after ~30 s idle) and
     * waits until it reports "stopped". Returns `{restarted}`: a promise that resolves when the
     * worker runs again (the next message starts it).
     */
    async stopServiceWorker() {
      const p = ctx.pages()[0] ?? (await ctx.newPage());
      const cdp = await within(ctx.newCDPSession(p), WAIT_MS, 'no CDP session for the service worker');
      const scope = `chrome-extension://${extensionId}/`;
      let sent = false;
      let onStopped;
      let onRunning;
      const stopped = new Promise((r) => (onStopped = r));
      const running = new Promise((r) => (onRunning = r));
      let seenStop = false;
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) {
          if (!sent || !v.scriptURL.startsWith(scope)) continue;
          if (v.runningStatus === 'stopped') {
            seenStop = true;
            onStopped();
          } else if (seenStop && v.runningStatus === 'running') onRunning();
        }
      });
      await within(cdp.send('ServiceWorker.enable'), WAIT_MS, 'CDP did not enable ServiceWorker');
      sent = true;
      await within(cdp.send('ServiceWorker.stopAllWorkers'), WAIT_MS, 'CDP did not answer stopAllWorkers');
      await within(stopped, 5000, 'the service worker did not stop');
      const restarted = within(running, 15000, 'the service worker did not start again').finally(() =>
        cdp.detach().catch(() => {}),
      );
      restarted.catch(() => {});
      return { restarted };
    },
    /**
     * A full-page capture into tests/artifacts/. Parts laid out only when they come near the view
     * (`content-visibility: auto`: the ledger's lower cards) are captured blank by a full-page
     * capture, so they are made visible for it (through the CSSOM, which the pages' CSP allows)
     * and put back after.
     */
    async screenshot(page, name) {
      await mkdir(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      const shown = await within(page.evaluate(() => {
        const auto = [...document.querySelectorAll('body *')].filter((el) => getComputedStyle(el).contentVisibility === 'auto');
        for (const el of auto) el.style.contentVisibility = 'visible';
        window.__rubricaShown = auto;
        return auto.length;
      }), WAIT_MS, 'the page did not answer before its capture');
      await page.screenshot({ path, fullPage: true });
      if (shown > 0) {
        await within(page.evaluate(() => {
          for (const el of window.__rubricaShown ?? []) el.style.contentVisibility = '';
          delete window.__rubricaShown;
        }), WAIT_MS, 'the page did not answer after its capture');
      }
      return path;
    },
    /**
     * Closes the browser. When Chromium does not close within 15 s (a page that never answers),
     * its processes are killed, so that no `after()` hangs; the profile is removed unless the
     * caller gave it.
     */
    async close() {
      const closing = ctx.close();
      try {
        await within(closing, 15_000, 'Chromium did not close');
      } catch (e) {
        const killed = await killBrowser(profile);
        console.log(`# ${e.message}: killed ${killed} process group(s)`);
        await within(closing, 10_000, 'Chromium did not close after it was killed').catch(() => {});
      }
      if (!userDataDir) await rm(profile, { recursive: true, force: true });
    },
  };
  return api;
}

/**
 * Kills the Chromium this process launched on `profile`: the process groups led by a child of
 * this process whose command line names that profile (Playwright starts the browser as a group
 * leader, and its helpers and renderers belong to the group). Returns how many groups it killed.
 */
async function killBrowser(profile) {
  const flag = `--user-data-dir=${profile}`;
  let killed = 0;
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
      if (!cmdline.includes(flag)) continue;
      // /proc/PID/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so split after ")".
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || Number(pgrp) !== Number(pid)) continue;
      process.kill(-Number(pid), 'SIGKILL');
      killed += 1;
    } catch {
      // the process ended meanwhile
    }
  }
  return killed;
}

/**
 * Waits until `fn(arg)`, run in `target` (a Page or a Frame), returns something truthy; fails with
 * "`what` (within `timeout` ms)" when it does not.
 */
export async function waitUntil(target, what, fn, arg, timeout = WAIT_MS) {
  try {
    await within(target.waitForFunction(fn, arg, { timeout }), timeout + 5000, 'no answer');
  } catch (e) {
    throw new Error(`${what} (within ${timeout} ms): ${e.message.split('\n')[0]}`, { cause: e });
  }
}

/**
 * Sends a contract message from an extension page and returns the raw reply (an error when the
 * background does not answer within WAIT_MS).
 */
export function sendFromPage(page, message) {
  return within(
    page.evaluate((m) => chrome.runtime.sendMessage(m), message),
    WAIT_MS,
    `no reply to ${message?.type} from the background`,
  );
}

/**
 * Opens `url` in a new tab of `browser` and finds Rubrica's content-script world there (through
 * CDP): `{page, cdp, run(expression)}`, where `run` evaluates an expression (a promise is awaited)
 * in that world and returns its value.
 */
export async function contentWorld(browser, url, field = '#justification') {
  const page = await browser.page();
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await page.goto(url);
  await page.click(field); // the content script is there once the field answers
  const ctx = await until(() => contexts.find((c) => c.auxData?.type === 'isolated' && /Rubrica/.test(c.name)), WAIT_MS,
    'no content-script world of Rubrica in the page');
  const run = async (expression) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: ctx.id, awaitPromise: true, returnByValue: true, expression,
    });
    if (exceptionDetails) throw new Error(`in the content script's world: ${JSON.stringify(exceptionDetails)}`);
    return result.value;
  };
  return { page, cdp, run };
}
