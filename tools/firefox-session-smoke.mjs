// Manual Firefox smoke test of work sessions (not part of ./build.sh test): headless Firefox ESR
// through geckodriver (W3C WebDriver), the release build installed as a temporary add-on, the popup
// opened in a tab (WebDriver may not navigate to moz-extension:, so a chrome-context script opens
// it; that needs geckodriver --allow-system-access). Start from the popup, first task, live clock,
// stop, then the day report. Usage: ./build.sh && node tools/firefox-session-smoke.mjs
import { spawn } from 'node:child_process';
const UUID = '6d1f1c1e-1111-4222-8333-944455556666';
const gd = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', '4455', '--allow-system-access'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1000));
const base = 'http://127.0.0.1:4455';
const call = async (method, path, body) => {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const j = await r.json();
  if (j.value?.error) throw new Error(`${path}: ${j.value.error} ${j.value.message}`);
  return j.value;
};
try {
  const s = await call('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless'], prefs: { 'extensions.webextensions.uuids': JSON.stringify({ 'rubrica@rubrica.invalid': UUID }) } } } } });
  const id = s.sessionId;
  await call('POST', `/session/${id}/moz/addon/install`, { path: new URL('../dist/rubrica', import.meta.url).pathname, temporary: true });
  await new Promise((r) => setTimeout(r, 1500));
  await call('POST', `/session/${id}/moz/context`, { context: 'chrome' });
  await call('POST', `/session/${id}/execute/sync`, { script: `const w = Services.wm.getMostRecentWindow('navigator:browser'); const tab = w.gBrowser.addTab(arguments[0], {triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()}); w.gBrowser.selectedTab = tab; return true;`, args: [`moz-extension://${UUID}/popup/popup.html`] });
  await call('POST', `/session/${id}/moz/context`, { context: 'content' });
  await new Promise((r) => setTimeout(r, 1500));
  const handles = await call('GET', `/session/${id}/window/handles`);
  await call('POST', `/session/${id}/window`, { handle: handles[handles.length - 1] });
  console.log('url', await call('GET', `/session/${id}/url`));
  await new Promise((r) => setTimeout(r, 1500));
  const exec = (script, args = []) => call('POST', `/session/${id}/execute/async`, { script, args });
  const send = (m) => exec('const [m, done] = arguments; browser.runtime.sendMessage(m).then(done, (e) => done({err: String(e)}));', [m]);
  console.log('get', JSON.stringify(await send({ type: 'session.get' })).slice(0, 120));
  console.log('plat', JSON.stringify(await send({ type: 'platform.create', payload: { name: 'DataAnnotation' } })).slice(0, 120));
  await exec('const done = arguments[0]; document.getElementById("session-start").click(); setTimeout(() => done(document.getElementById("session-state").textContent), 1500);').then((t) => console.log('state after click', t));
  await exec('const done = arguments[0]; document.getElementById("session-next").click(); setTimeout(() => done(document.getElementById("fig-task-label").textContent), 1200);').then((t) => console.log('task label', t));
  await new Promise((r) => setTimeout(r, 1500));
  await exec('const done = arguments[0]; done(document.getElementById("session-time").textContent);').then((t) => console.log('clock', t));
  const stop = await send({ type: 'session.command', payload: { command: { type: 'stop' } } });
  console.log('stop', stop.ok, stop.data?.state?.state, 'wall', stop.data?.totals?.wall, '=', stop.data?.session?.endedAt - stop.data?.session?.startedAt, 'tasks', stop.data?.totals?.tasks?.length);
  const rep = await send({ type: 'session.report', payload: { from: Date.now() - 86400000, to: Date.now() + 1000 } });
  console.log('report', rep.ok, JSON.stringify(rep.data?.days?.map((d) => [d.date, d.wall])));
  await call('DELETE', `/session/${id}`);
} catch (e) {
  console.error('FAILED', e.message);
  process.exitCode = 1;
} finally {
  gd.kill();
}
