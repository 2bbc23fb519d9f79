// Launches Debian Chromium with a built Rubrica (playwright-core), and the helpers every browser
// test shares: console-error capture for pages and the service worker, stopping the service worker
// through CDP, screenshots into tests/artifacts/ (git-ignored).
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RELEASE = join(ROOT, 'dist/rubrica');
export const TEST_BUILD = join(ROOT, 'dist/rubrica-test');
export const ARTIFACTS = join(ROOT, 'tests/artifacts');

/**
 * Starts Chromium with the extension in `dir` (a fresh profile unless `userDataDir` is given).
 * Returns `{ctx, sw, extensionId, errors, page(), extensionPage(path), stopServiceWorker(),
 * serviceWorker(), screenshot(page, name), close()}`.
 */
export async function launch({ dir = RELEASE, userDataDir } = {}) {
  const profile = userDataDir ?? (await mkdtemp(join(tmpdir(), 'rubrica-profile-')));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${dir}`, `--load-extension=${dir}`,
    ],
  });
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
  const sw = await serviceWorker();
  const extensionId = new URL(sw.url()).host;

  const api = {
    ctx,
    sw,
    extensionId,
    errors,
    serviceWorker,
    async page(url) {
      const p = await ctx.newPage();
      if (url) await p.goto(url);
      return p;
    },
    async extensionPage(path) {
      const p = await ctx.newPage();
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
      const cdp = await ctx.newCDPSession(p);
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
      await cdp.send('ServiceWorker.enable');
      sent = true;
      await cdp.send('ServiceWorker.stopAllWorkers');
      const within = (promise, ms, what) => {
        let timer;
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(what)), ms);
        });
        return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
      };
      await within(stopped, 5000, 'the service worker did not stop');
      const restarted = within(running, 15000, 'the service worker did not start again').finally(() =>
        cdp.detach().catch(() => {}),
      );
      restarted.catch(() => {});
      return { restarted };
    },
    async screenshot(page, name) {
      await mkdir(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await ctx.close();
      if (!userDataDir) await rm(profile, { recursive: true, force: true });
    },
  };
  return api;
}

/** Sends a contract message from an extension page and returns the raw reply. */
export function sendFromPage(page, message) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}
