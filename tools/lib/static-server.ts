/**
 * A small static file server for a built site, used by the screenshot script and browser tests:
 * serves `dir` under `base` the way static hosts do (directory → index.html, 404.html otherwise).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** A running server and its origin (`http://127.0.0.1:<port>`). */
export interface StaticServer {
  /** Origin to prefix paths with. */
  readonly origin: string;
  /** Stops the server. */
  readonly close: () => Promise<void>;
}

/** Resolves a request path to a file under `dir`, or `undefined`. */
async function fileFor(dir: string, base: string, pathname: string): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  const relative = decodeURIComponent(pathname.slice(base.length));
  const candidate = path.resolve(dir, relative);
  if (candidate !== dir && !candidate.startsWith(dir + path.sep)) return undefined;
  for (const file of [candidate, path.join(candidate, 'index.html')]) {
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // Try the next candidate.
    }
  }
  return undefined;
}

/** Serves `dir` (a built site) under the base path `base` on a free loopback port. */
export async function serveDirectory(dir: string, base = '/'): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    void (async () => {
      const file = await fileFor(root, base, url.pathname);
      if (file) {
        response.writeHead(200, {
          'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        });
        response.end(await readFile(file));
        return;
      }
      const notFound = path.join(root, '404.html');
      response.writeHead(404, { 'Content-Type': TYPES['.html'] ?? 'text/html' });
      response.end(await readFile(notFound).catch(() => 'Not found'));
    })().catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
