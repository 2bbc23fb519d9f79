// Who sent a message. Pure, so it is unit-tested under Node (tests/unit/senders.test.js).

/**
 * 'content' for Rubrica's content script in a web page, 'page' for one of Rubrica's own extension
 * pages, or null for anything else (other extensions, web pages, forged senders). Decided from
 * `sender.id` and the sender's origin — never from `sender.url`, which a page can influence;
 * only Firefox before 126, which reports no `origin`, falls back to the URL's origin.
 */
export function senderKind(sender, runtimeId, ownOrigin) {
  if (!sender || typeof sender !== 'object' || sender.id !== runtimeId) return null;
  let origin = sender.origin;
  if (origin === undefined && typeof sender.url === 'string') {
    try {
      const url = new URL(sender.url);
      origin = `${url.protocol}//${url.host}`; // URL#origin is "null" for extension schemes in some engines
    } catch {
      return null;
    }
  }
  if (typeof origin !== 'string') return null;
  if (origin === ownOrigin) return 'page';
  // Content scripts always run in a tab's frame; opaque origins (sandboxed frames) included.
  return sender.tab && typeof sender.tab === 'object' ? 'content' : null;
}
