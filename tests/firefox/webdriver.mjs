// A minimal W3C WebDriver client for Firefox ESR through geckodriver (installed by
// `cargo install geckodriver`), enough to install Rubrica as a temporary add-on and act as a user.
// geckodriver listens on 127.0.0.1 only; nothing here talks to any other address. Every call is
// bounded (CALL_MS) and fails saying which command did not answer; `close()` kills Firefox and
// geckodriver when the session does not end.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
/** How long one WebDriver command may take (starting a session and installing the add-on included). */
const CALL_MS = 60_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts geckodriver and a headless Firefox session; returns a small client. `prefs` adds Firefox
 * prefs; `systemAccess` lets the client open the add-on's own pages (`openExtensionPage`).
 */
export async function firefox({ prefs = {}, systemAccess = false } = {}) {
  const port = await freePort();
  const args = ['--host', '127.0.0.1', '--port', String(port), ...(systemAccess ? ['--allow-system-access'] : [])];
  const driver = spawn('geckodriver', args, { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body, ms = CALL_MS) => {
    let res;
    let json;
    try {
      res = await fetch(base + path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(ms),
      });
      json = await res.json();
    } catch (e) {
      throw new Error(`${method} ${path}: geckodriver did not answer (within ${ms} ms): ${e.message}`);
    }
    if (!res.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  for (let i = 0; i < 100; i++) {
    try {
      await call('GET', '/status', undefined, 2000);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const session = await call('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
          args: ['-headless'],
          prefs: {
            'app.update.enabled': false,
            'browser.shell.checkDefaultBrowser': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'extensions.getAddons.cache.enabled': false,
            'network.captive-portal-service.enabled': false,
            ...prefs,
          },
        },
      },
    },
  });
  const id = session.sessionId;
  const firefoxPid = session.capabilities?.['moz:processID'];
  const s = (path) => `/session/${id}${path}`;
  return {
    installAddon: (path) => call('POST', s('/moz/addon/install'), { path, temporary: true }),
    goto: (url) => call('POST', s('/url'), { url }),
    find: async (css) => (await call('POST', s('/element'), { using: 'css selector', value: css }))[ELEMENT],
    click: (el) => call('POST', s(`/element/${el}/click`), {}),
    type: (el, text) => call('POST', s(`/element/${el}/value`), { text }),
    script: (fn, ...args) => call('POST', s('/execute/sync'), { script: `return (${fn})(...arguments)`, args }),
    /**
     * Opens `url` (moz-extension://…, which WebDriver may not navigate to) in a new tab from the
     * browser's chrome context and switches to it. Needs `systemAccess`.
     */
    async openExtensionPage(url) {
      await call('POST', s('/moz/context'), { context: 'chrome' });
      try {
        await call('POST', s('/execute/sync'), {
          script: `const w = Services.wm.getMostRecentWindow('navigator:browser');
            w.gBrowser.selectedTab = w.gBrowser.addTab(arguments[0],
              { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
          args: [url],
        });
      } finally {
        await call('POST', s('/moz/context'), { context: 'content' });
      }
      const handles = await call('GET', s('/window/handles'));
      await call('POST', s('/window'), { handle: handles[handles.length - 1] });
    },
    /** Runs `script` (a function body; `arguments` are `args`) in the browser's chrome context. Needs `systemAccess`. */
    async chromeScript(script, ...args) {
      await call('POST', s('/moz/context'), { context: 'chrome' });
      try {
        return await call('POST', s('/execute/sync'), { script, args });
      } finally {
        await call('POST', s('/moz/context'), { context: 'content' });
      }
    },
    /** Closes the current tab and switches to the first one. */
    async closeTab() {
      const handles = await call('DELETE', s('/window'));
      if (handles.length > 0) await call('POST', s('/window'), { handle: handles[0] });
    },
    /**
     * Presses keys (WebDriver key values, e.g. '\uE007' Enter) wherever focus is, key by key
     * (WebDriver actions), as a user does: unlike `type`, this reaches Rubrica's overlay, which
     * WebDriver's page session cannot see into (and Element Send Keys delivers a burst that
     * Lexical loses all but the first key of).
     */
    keys: (...values) =>
      call('POST', s('/actions'), {
        actions: [{
          type: 'key',
          id: 'keyboard',
          actions: values.flatMap((v) => [...v].flatMap((k) => [{ type: 'keyDown', value: k }, { type: 'keyUp', value: k }])),
        }],
      }),
    async waitFor(fn, args = [], timeout = 8000) {
      const until = Date.now() + timeout;
      while (Date.now() < until) {
        if (await this.script(fn, ...args)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    },
    /** Ends the session; kills Firefox and geckodriver when it does not end within 15 s. */
    async close() {
      const ended = await call('DELETE', s(''), undefined, 15_000).then(() => true, () => false);
      if (!ended && Number.isInteger(firefoxPid)) {
        try {
          process.kill(firefoxPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      driver.kill('SIGKILL');
    },
  };
}
