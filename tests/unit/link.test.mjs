// The content script's link (extension/content/link.js) over a fake runtime: requests go over the
// warm port while it is open, each reply reaches its own request, and a port the browser closes
// with requests unanswered (the worker stopped) sends them again through runtime.sendMessage.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const sent = [];
const ports = [];
globalThis.chrome = {
  runtime: {
    async sendMessage(message) {
      sent.push(message);
      return { ok: true, data: { via: 'sendMessage', type: message.type } };
    },
    connect({ name }) {
      const listeners = { message: [], disconnect: [] };
      const port = {
        name,
        posted: [],
        postMessage(m) {
          port.posted.push(m);
        },
        disconnect() {
          port.closed = true;
        },
        onMessage: { addListener: (f) => listeners.message.push(f) },
        onDisconnect: { addListener: (f) => listeners.disconnect.push(f) },
        /** The background answers. */
        answer: (m) => listeners.message.forEach((f) => f(m)),
        /** The browser stopped the worker. */
        drop: () => listeners.disconnect.forEach((f) => f()),
      };
      ports.push(port);
      return port;
    },
  },
};

const { keepWarm, send } = await import('../../extension/content/link.js');

test('without the warm port, a request goes through runtime.sendMessage', async () => {
  assert.deepEqual(await send('ping'), { via: 'sendMessage', type: 'ping' });
  assert.deepEqual(sent.at(-1), { type: 'ping' });
});

test('with the warm port open, requests go over it and each reply reaches its own request', async () => {
  keepWarm();
  const port = ports.at(-1);
  assert.equal(port.name, 'rubrica.warm');
  const before = sent.length;
  const a = send('expand', { trigger: ';a' });
  const b = send('expand', { trigger: ';b' });
  assert.equal(port.posted.length, 2);
  const [pa, pb] = port.posted;
  assert.deepEqual(pa.message, { type: 'expand', payload: { trigger: ';a' } });
  assert.notEqual(pa.id, pb.id);
  // Answered out of order; an unknown id and a stray message are ignored.
  port.answer({ id: 9999, reply: { ok: true, data: 'nobody asked' } });
  port.answer(null);
  port.answer({ id: pb.id, reply: { ok: true, data: 'B' } });
  port.answer({ id: pa.id, reply: { ok: false, error: { kind: 'forbidden', message: 'no' } } });
  assert.equal(await b, 'B');
  await assert.rejects(a, (e) => e.kind === 'forbidden' && e.message === 'no');
  assert.equal(sent.length, before, 'nothing went through sendMessage');
});

test('when the browser closes the port with a request unanswered, it is sent again, once', async () => {
  keepWarm();
  const port = ports.at(-1);
  const pending = send('expand', { trigger: ';late' });
  assert.equal(port.posted.length > 0, true);
  port.drop();
  assert.deepEqual(await pending, { via: 'sendMessage', type: 'expand' });
  assert.deepEqual(sent.at(-1), { type: 'expand', payload: { trigger: ';late' } });
  // A late answer on the closed port changes nothing.
  port.answer({ id: port.posted.at(-1).id, reply: { ok: true, data: 'too late' } });
  // The port is gone: the next request goes through sendMessage until a trigger opens a new one.
  assert.deepEqual(await send('ping'), { via: 'sendMessage', type: 'ping' });
  keepWarm();
  assert.notEqual(ports.at(-1), port, 'a new port');
  ports.at(-1).drop(); // (its 25 s timer goes with it)
});
