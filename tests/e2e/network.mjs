// Records every network request made by every target — pages, extension pages and the extension's
// service worker, including workers started later — through a browser-level CDP session.
// Playwright's own request events miss service-worker traffic, hence this recorder.
import { within, WAIT_MS } from './within.mjs';

/** Starts recording; returns `{requests, stop()}` where `requests` is a live array of URLs. */
export async function recordNetwork(ctx) {
  const cdp = await within(ctx.browser().newBrowserCDPSession(), WAIT_MS, 'no browser CDP session');
  const requests = [];
  let nextId = 1;
  const attached = new Set();
  const attach = async (targetInfo) => {
    if (!['page', 'service_worker', 'iframe', 'worker', 'shared_worker'].includes(targetInfo.type)) return;
    if (attached.has(targetInfo.targetId)) return;
    attached.add(targetInfo.targetId);
    try {
      const { sessionId } = await within(
        cdp.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false }),
        WAIT_MS,
        'CDP did not attach to a target',
      );
      const message = JSON.stringify({ id: nextId++, method: 'Network.enable', params: {} });
      await within(cdp.send('Target.sendMessageToTarget', { sessionId, message }), WAIT_MS, 'CDP did not enable Network');
    } catch {
      // the target went away before we attached
    }
  };
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.method === 'Network.requestWillBeSent') requests.push(m.params.request.url);
  });
  cdp.on('Target.targetCreated', ({ targetInfo }) => attach(targetInfo));
  await within(cdp.send('Target.setDiscoverTargets', { discover: true }), WAIT_MS, 'CDP did not discover targets');
  const { targetInfos } = await within(cdp.send('Target.getTargets'), WAIT_MS, 'CDP did not list targets');
  await Promise.all(targetInfos.map(attach));
  return {
    requests,
    stop: () => within(cdp.detach(), WAIT_MS, 'CDP did not detach').catch(() => {}),
  };
}
