// A small page server on 127.0.0.1 that each test file starts and stops itself. Paths under
// /strict/ are served with `Content-Security-Policy: script-src 'self'` (a strict-CSP site).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../pages/', import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** Starts the server; resolves to `{origin, url(path), close()}`. */
export async function startServer({ headers = {} } = {}) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') return res.writeHead(204).end();
    const strict = path.startsWith('/strict/');
    const rel = normalize(strict ? path.slice('/strict'.length) : path).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(PAGES, rel === '/' ? 'task.html' : rel));
      const h = { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream', ...headers };
      if (strict) h['Content-Security-Policy'] = "script-src 'self'";
      res.writeHead(200, h).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (p) => origin + p,
    // Open keep-alive connections would hold `close` until the browser drops them: end them.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
