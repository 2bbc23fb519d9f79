// The foundation in a real browser: the content script → background core → page round trip on a
// normal and a strict-CSP page, surviving a stopped service worker, and the router refusing
// malformed messages and foreign senders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { contentWorld, launch, sendFromPage, TEST_BUILD } from './browser.mjs';
import { startServer } from './server.mjs';

const DEMO = 'Rubrica is working: this text was rendered by its core, on this machine.';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function typeTrigger(page, selector, text) {
  await page.click(selector);
  await page.keyboard.type(text, { delay: 15 });
}

test('typing the demo trigger in a textarea expands it (normal page)', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, '#justification', 'Note: ;rubrica');
  await page.waitForFunction(
    (want) => document.querySelector('#justification').value === want,
    `Note: ${DEMO}`,
    { timeout: 5000 },
  );
  // The caret sits at the end of the inserted text, so typing continues there.
  await page.keyboard.type(' Done.');
  assert.equal(await page.inputValue('#justification'), `Note: ${DEMO} Done.`);
  await page.close();
});

test('expansion works on a page with Content-Security-Policy: script-src \'self\'', async () => {
  const page = await browser.page(server.url('/strict/task.html'));
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation?.(e.blockedURI));
  });
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  assert.equal(csp, "script-src 'self'");
  await typeTrigger(page, '#justification', ';rubrica');
  await page.waitForFunction((want) => document.querySelector('#justification').value === want, DEMO, {
    timeout: 5000,
  });
  assert.deepEqual(violations, [], 'the content script caused no CSP violation');
  await page.close();
});

test('an input field expands too, and Ctrl+Z takes the expansion back', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, '#summary', ';rubrica');
  await page.waitForFunction((want) => document.querySelector('#summary').value === want, DEMO);
  await page.keyboard.press('Control+z');
  const after = await page.inputValue('#summary');
  assert.ok(after !== DEMO && !after.includes('rendered by its core'), `undo left “${after}”`);
  await page.close();
});

test('after the service worker is stopped, the next expansion still works', async () => {
  const page = await browser.page(server.url('/task.html'));
  const { restarted } = await browser.stopServiceWorker();
  await typeTrigger(page, '#justification', ';rubrica');
  await restarted; // the expansion woke a new worker
  await page.waitForFunction((want) => document.querySelector('#justification').value === want, DEMO, {
    timeout: 10000,
  });
  await page.close();
});

test('malformed messages are rejected and the background stays alive', async () => {
  const page = await browser.extensionPage('popup/popup.html');
  for (const bad of [{}, { type: 'launch' }, { type: 'settings.update', payload: { patch: 5 } }, { type: 'state.get', extra: 1 }, 'ping', null]) {
    const reply = await sendFromPage(page, bad);
    assert.equal(reply.ok, false, JSON.stringify(bad));
    assert.equal(reply.error.kind, 'invalidMessage', JSON.stringify(reply));
    assert.ok(reply.error.message.length > 0);
  }
  // An extension page may not use the content-script-only type.
  const forbidden = await sendFromPage(page, { type: 'expand', payload: { trigger: ';rubrica' } });
  assert.equal(forbidden.error.kind, 'forbidden');
  const alive = await sendFromPage(page, { type: 'ping' });
  assert.equal(alive.ok, true);
  await page.close();
});

test('the warm port carries requests validated like messages; only Rubrica\'s content script may open it', async () => {
  const { page, cdp, run } = await contentWorld(browser, server.url('/task.html'));
  // In the content script's world: a port of its own, the way link.js opens it.
  const replies = await run(`(async () => {
      const port = chrome.runtime.connect({ name: 'rubrica.warm' });
      const replies = new Map();
      port.onMessage.addListener((m) => replies.set(m.id, m.reply));
      const bad = [null, 'ping', { id: 'x', message: { type: 'ping' } }, { id: 1 }, { id: 2, message: { type: 'ping' }, extra: 1 }];
      for (const b of bad) port.postMessage(b);
      port.postMessage({ id: 10, message: { type: 'ping' } });
      port.postMessage({ id: 11, message: { type: 'state.get' } });
      port.postMessage({ id: 12, message: { type: 'expand', payload: { trigger: ';rubrica', extra: 1 } } });
      port.postMessage({ id: 13, message: { type: 'expand', payload: { trigger: ';rubrica' } } });
      const until = Date.now() + 5000;
      while (replies.size < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300)); // any answer to the malformed ones would be in by now
      port.disconnect();
      return Object.fromEntries(replies);
    })()`);
  assert.deepEqual(Object.keys(replies).sort(), ['10', '11', '12', '13'], 'malformed envelopes get no answer');
  assert.equal(replies[10].ok, true);
  assert.equal(replies[11].error.kind, 'forbidden', 'a content script may not ask for the state');
  assert.equal(replies[12].error.kind, 'invalidMessage');
  assert.equal(replies[13].data.status, 'done');
  assert.equal(replies[13].data.text, DEMO);
  await cdp.detach();
  await page.close();
  // An extension page may not open it: the background disconnects it at once.
  const ext = await browser.extensionPage('popup/popup.html');
  const closed = await ext.evaluate(() => new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: 'rubrica.warm' });
    port.onMessage.addListener(() => resolve('answered'));
    port.onDisconnect.addListener(() => resolve('disconnected'));
    port.postMessage({ id: 1, message: { type: 'ping' } });
    setTimeout(() => resolve('still open'), 3000);
  }));
  assert.equal(closed, 'disconnected');
  await ext.close();
});

test('a web page cannot message Rubrica at all', async () => {
  const page = await browser.page(server.url('/task.html'));
  const result = await page.evaluate(async (id) => {
    if (!globalThis.chrome?.runtime?.sendMessage) return 'no runtime API';
    try {
      await chrome.runtime.sendMessage(id, { type: 'state.get' });
      return 'delivered';
    } catch (e) {
      return `refused: ${e.message}`;
    }
  }, browser.extensionId);
  assert.notEqual(result, 'delivered');
  await page.close();
});

test('popup and dashboard open without console errors', async () => {
  for (const [path, name] of [
    ['popup/popup.html', 'popup'],
    ['dashboard/dashboard.html', 'dashboard'],
  ]) {
    const page = await browser.extensionPage(path);
    await page.waitForLoadState('networkidle');
    await browser.screenshot(page, name);
    await page.close();
  }
  assert.deepEqual(browser.errors, []);
});

test('forged senders are refused by the router (test build)', async () => {
  const tb = await launch({ dir: TEST_BUILD });
  try {
    const out = await tb.sw.evaluate(async () => {
      const own = chrome.runtime.id;
      const origin = new URL(chrome.runtime.getURL('')).origin;
      const r = globalThis.__rubricaTest.route;
      return {
        otherExtension: await r({ type: 'ping' }, { id: 'abcdefghijklmnopabcdefghijklmnop', origin }),
        noSender: await r({ type: 'ping' }, undefined),
        webPageAsContentAskingForData: await r(
          { type: 'state.get' },
          { id: own, origin: 'https://evil.example', tab: { id: 1 }, frameId: 0 },
        ),
        contentPing: await r({ type: 'ping' }, { id: own, origin: 'https://outlier.ai', tab: { id: 1 } }),
        pageState: await r({ type: 'state.get' }, { id: own, origin }),
        urlIsNotTrusted: globalThis.__rubricaTest.senderKind(
          { id: own, origin: 'https://evil.example', url: `${origin}/popup/popup.html` },
        ),
      };
    });
    assert.equal(out.otherExtension.error.kind, 'forbidden');
    assert.equal(out.noSender.error.kind, 'forbidden');
    assert.equal(out.webPageAsContentAskingForData.error.kind, 'forbidden');
    assert.equal(out.contentPing.ok, true);
    assert.equal(out.pageState.ok, true);
    assert.equal(out.urlIsNotTrusted, null);

    // The console-error recorder the other tests rely on can fail: an error logged by the
    // service worker shows up in it.
    await tb.sw.evaluate(() => console.error('probe: service-worker error'));
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(tb.errors.some((e) => e.includes('probe: service-worker error')), JSON.stringify(tb.errors));
  } finally {
    await tb.close();
  }
});
