// The one place that hides the chrome/browser difference and the message round trip.
// Extension pages (popup, dashboard) import this; the content script has its own bundled copy of
// `send` (content scripts are classic scripts), built from this same file by esbuild.

/** The WebExtension API object: `browser` in Firefox, `chrome` in Chromium. */
export const api = globalThis.browser ?? globalThis.chrome;

/** An error reply from the background, with the contract's fields. */
export class RubricaError extends Error {
  constructor({ kind = 'internal', message = 'Unknown error', line, column, excerpt } = {}) {
    super(message);
    this.name = 'RubricaError';
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.excerpt = excerpt;
  }
}

/**
 * Sends a message of the contract (extension/shared/contract.js) to the background and resolves
 * with the reply's `data`; rejects with a RubricaError carrying `{kind, message, line, column}`.
 */
export async function send(type, payload) {
  const message = payload === undefined ? { type } : { type, payload };
  let reply;
  try {
    reply = await api.runtime.sendMessage(message);
  } catch (e) {
    throw new RubricaError({ kind: 'internal', message: `The background did not answer: ${e.message}` });
  }
  return replyData(reply);
}

/** A reply's data, or the RubricaError it carries (whichever way the reply came). */
export function replyData(reply) {
  if (!reply || typeof reply !== 'object') {
    throw new RubricaError({ kind: 'internal', message: 'The background sent no reply.' });
  }
  if (!reply.ok) throw new RubricaError(reply.error);
  return reply.data;
}
