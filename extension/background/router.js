// The one message router. Before anything else it establishes who sent a message — Rubrica's own
// content script or one of Rubrica's extension pages — from `sender.id` and the sender's origin
// (never from `sender.url`, which a page can influence). Then the core validates the message
// against the contract (crate/src/messages.rs) and one handler answers it. Every failure becomes
// an error reply; nothing a sender does can throw out of the listener.

import { DEMO_TRIGGER, MSG, WARM_PORT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { engine } from './engine.js';
import { countUse } from './expansion.js';
import { handlers } from './handlers/index.js';
import { lookup as literalExpansion } from './literal.js';
import { originOf, senderKind as classify } from './senders.js';

/**
 * Rubrica's origins: its own, and the per-session one of the in-page frame, a web-accessible
 * resource with `use_dynamic_url` (docs/palette.md).
 */
const extensionOrigins = [...new Set([originOf(api.runtime.getURL('')), originOf(api.runtime.getURL('overlay/overlay.html'))])].filter(Boolean);

/** The sender's kind for the contract ('content' | 'page' | 'overlay'), or null for anyone else. */
export function senderKind(sender) {
  return classify(sender, api.runtime.id, extensionOrigins);
}

function failure(kind, message, extra = {}) {
  return { ok: false, error: { kind, message, ...extra } };
}

function toFailure(e) {
  if (e && typeof e.kind === 'string') {
    const { kind, message, line, column, excerpt } = e;
    return failure(kind, message, { line, column, excerpt });
  }
  console.error('Rubrica: unexpected error', e);
  return failure('internal', `Something went wrong in Rubrica: ${e?.message ?? e}`);
}

/** The first message of this worker's life is marked for the cold-start benchmark's breakdown. */
let first = true;

/**
 * Answers one message: `{ok: true, data}` or `{ok: false, error: {kind, message, …}}`. A
 * `rehearsal` (see `rehearseFor`) runs the same path, answered to nobody: handlers count, write
 * and show nothing for it, and it is not the first message the benchmark times.
 */
export async function route(message, sender, { rehearsal = false } = {}) {
  if (first && !rehearsal) performance.mark?.('rubrica:message');
  const kind = senderKind(sender);
  if (kind === null) return failure('forbidden', 'Messages from outside Rubrica are not accepted.');
  try {
    // While the core loads (a cold start), a literal expansion is answered from the list the
    // engine left in memory-only storage (literal.js).
    if (!engine.core && !rehearsal) {
      const quick = await literalExpansion(message, { kind, sender });
      if (quick) {
        if (first) performance.mark?.('rubrica:literal');
        first = false;
        // Its use is counted once the core is in. The core loads a moment later (warmSoon), not
        // now: fetching and compiling it alongside would delay this reply on its way to the page.
        engine.booted.then(() => countUse(quick), () => {});
        engine.warmSoon();
        return { ok: true, data: quick };
      }
    }
    await engine.ready();
    const marked = first && !rehearsal && message?.type !== 'ping';
    if (marked) {
      first = false;
      performance.mark?.('rubrica:route');
    }
    // Extension pages' messages are the full module's to parse (the start-up module stays small).
    const core = kind === 'page' ? await engine.full() : engine.core;
    const request = core.parseRequest(kind, message);
    const handler = handlers[request.type];
    if (!handler) return failure('internal', `No handler for “${request.type}”.`);
    const data = await handler(request.payload, { kind, sender, rehearsal });
    if (marked) performance.mark?.('rubrica:expanded');
    return { ok: true, data: data ?? null };
  } catch (e) {
    return toFailure(e);
  }
}

/**
 * How many times the rehearsal runs: V8 compiles a function on its first call and fills its caches
 * on the next ones (the worker's share of a first expansion after a wake-up: 1.6–2.6 ms without
 * it, ~0.8 after 3 runs, 0.6–0.7 after 10 or 12; 0.3–0.4 warm).
 */
const REHEARSALS = 10;
/** The rehearsal in flight or done (null: none yet, or it was refused, so the next port tries). */
let rehearsing = null;

/**
 * Once per worker life, after the core's own rehearsal (`engine.warm`), runs a content script's
 * expansion request through this router for `sender` (the port's sender: a real frame) with the
 * demo trigger: the sender check, the message check, the site check, the handler, the core's call
 * and the conversion of its answer. The browser compiles JavaScript functions on their first
 * call too, and the first expansion after a wake-up paid for it in the worker (BENCHMARKS.md).
 * The answer goes nowhere: the text never leaves the worker and no use is counted. Marked
 * `rubrica:rehearsed` with its answer's status. Refused (expansion paused, the site off), it stops
 * short of the core, and the next port tries again.
 */
function rehearseFor(sender) {
  rehearsing ??= engine.warmed.then(async () => {
    let reached = false;
    let status = 'none';
    for (let i = 0; i < REHEARSALS; i++) {
      const reply = await route({ type: MSG.EXPAND, payload: { trigger: DEMO_TRIGGER } }, sender, { rehearsal: true });
      status = reply.ok ? reply.data?.status : reply.error?.kind;
      reached = status === 'done' || status === 'needsInput';
      if (!reached) break;
      await new Promise((resolve) => setTimeout(resolve, 0)); // a real request arriving meanwhile goes first
    }
    performance.mark?.('rubrica:rehearsed', { detail: status });
    if (!reached) rehearsing = null;
  });
}

/**
 * Marks `rubrica:<name>` once, replacing the last such mark (so they never pile up): the latest
 * port request's arrival and its reply, read by tests/bench/startup.mjs for the worker's share.
 */
function markLast(name) {
  performance.clearMarks?.(`rubrica:${name}`);
  performance.mark?.(`rubrica:${name}`);
}

/** Registers the listeners; call synchronously at the top level of the background. */
export function listen() {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    route(message, sender).then(sendResponse);
    return true; // the reply is asynchronous
  });
  // A content script whose field gained focus connects a port: that wakes this worker, which
  // loads the core soon after, and when the browser stops the worker the port's disconnection
  // tells the content script to wake it again on the next trigger character. While it is open,
  // the content script's requests come over it as `{id, message}` (a quarter of the round trip of
  // sendMessage, which opens a channel per message): each is routed exactly like a message from
  // the port's sender, and its reply goes back as `{id, reply}`.
  api.runtime.onConnect.addListener((port) => {
    if (port.name !== WARM_PORT || senderKind(port.sender) !== 'content') {
      port.disconnect();
      return;
    }
    port.onMessage.addListener((envelope) => {
      markLast('port:in');
      const id = envelope?.id;
      if (!Number.isSafeInteger(id) || Object.keys(envelope).length !== 2 || !('message' in envelope)) {
        return; // not a request of this port's shape: nothing to answer
      }
      route(envelope.message, port.sender).then((reply) => {
        try {
          markLast('port:out');
          port.postMessage({ id, reply });
        } catch {
          // the content script went away (tab closed, navigated): nobody to answer
        }
      });
    });
    engine.warmSoon();
    rehearseFor(port.sender);
  });
}
