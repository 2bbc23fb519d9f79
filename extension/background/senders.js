// Who sent a message. Pure, so it is unit-tested under Node (tests/unit/senders.test.js).

/**
 * 'content' for Rubrica's content script in a web page, 'page' for one of Rubrica's own extension
 * pages (popup, dashboard), 'overlay' for Rubrica's overlay page (the fill-in form and the search
 * palette: an extension page inside a web page's tab), or null for anything else (other
 * extensions, web pages, forged senders). Decided from `sender.id`, the sender's origin and
 * `sender.tab`/`sender.frameId` — never from `sender.url`, which a page can influence; only
 * Firefox before 126, which reports no `origin`, falls back to the URL's origin.
 *
 * `ownOrigins` is Rubrica's origin, or a list of them: the overlay is a web-accessible resource with
 * `use_dynamic_url`, whose URL (`runtime.getURL('overlay/overlay.html')`) has a per-session host.
 * Chromium 156 reports the real extension origin for it (verified by the palette tests); the
 * dynamic one is accepted as well in case a browser reports the URL it was loaded from. Only
 * Rubrica's own documents can have either origin.
 */
export function senderKind(sender, runtimeId, ownOrigins) {
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
  const own = Array.isArray(ownOrigins) ? ownOrigins : [ownOrigins];
  const inTab = sender.tab !== null && typeof sender.tab === 'object';
  if (own.includes(origin)) {
    // The dashboard is a top-level tab (frameId 0); the overlay is a subframe of a web page.
    return inTab && Number.isInteger(sender.frameId) && sender.frameId > 0 ? 'overlay' : 'page';
  }
  // Content scripts always run in a tab's frame; opaque origins (sandboxed frames) included.
  return inTab ? 'content' : null;
}

/** The origin (`scheme://host`) of an extension URL, or null. */
export function originOf(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
