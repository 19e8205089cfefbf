/**
 * Serves a built site locally for the screenshot script and the browser tests, the way a static host
 * does: under its base path, `dir/` → `dir/index.html`, `dir` → a 301 to `dir/`, anything else
 * missing → `404.html` with a 404. `npm run preview` serves through it too (src/integrations/static-preview.ts).
 *
 * The files are served by `sirv` (on `node:http`), which resolves URLs, sets content types (mrmime)
 * and streams files; this module adds only what sirv leaves to its caller: the base-path prefix and
 * the site's own 404 page. `astro preview` was the other candidate; it was not chosen because it
 * serves only the configured `outDir` with the base path of the environment it starts in (the
 * tests serve temporary folders), loads the whole Astro config, and runs as a second process to
 * start, wait for and kill.
 *
 * sirv runs in its production mode: it lists the folder's files once, at start, and answers only
 * with files of that list. A URL that leaves the folder (`..`, `%2e%2e`, an encoded `/`) is not on
 * the list, so it is a 404 by construction. The listing follows links, so a published `dist` that
 * is a link into `dist.versions/` serves the version it points to at start.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/** A running server and its origin (`http://127.0.0.1:<port>`). */
export interface StaticServer {
  /** Origin to prefix paths with. */
  readonly origin: string;
  /** Stops the server, cutting off kept-alive connections. */
  readonly close: () => Promise<void>;
}

/**
 * The content type to send for the one sirv chose (from the file name, by mrmime): a charset on
 * text types, which browsers would otherwise guess for plain text and calendars, and a type for the
 * files mrmime does not know (Pagefind's `.pf_*` index files), which sirv sends with an empty one.
 */
export function contentType(chosen: string): string {
  if (chosen === '') return 'application/octet-stream';
  if (chosen.includes('charset')) return chosen;
  return /^(text\/|application\/(json|xml|javascript|[\w.-]+\+(xml|json))$)/.test(chosen)
    ? `${chosen}; charset=utf-8`
    : chosen;
}

/**
 * Has `response` send {@link contentType} of the type sirv gives it. sirv passes its headers straight
 * to `writeHead` (its `setHeaders` hook runs before it has chosen the type), so that is the one place.
 */
function amendContentType(response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (
    status: number,
    headers?: OutgoingHttpHeaders,
  ) => ServerResponse;
  const amended = (status: number, headers?: OutgoingHttpHeaders): ServerResponse =>
    writeHead(status, headers && { ...headers, 'Content-Type': contentType(String(headers['Content-Type'] ?? '')) });
  response.writeHead = amended as ServerResponse['writeHead'];
}

/** `base` as a path that starts and ends with "/". */
function normaliseBase(base: string): string {
  const withLead = base.startsWith('/') ? base : `/${base}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

/**
 * Where a folder's address without its trailing slash belongs (`/en` → `/en/`), as static hosts
 * answer: the site's addresses all end in "/" (`trailingSlash: 'always'`), and a page served at
 * `/en` itself would resolve its relative links against `/`. `inner` is the request's path inside
 * the site; undefined when it ends in "/", names a file, or is no folder with an `index.html`.
 */
export async function folderRedirect(root: string, inner: string): Promise<string | undefined> {
  if (inner.endsWith('/') || /\.[^/]*$/.test(inner)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(inner);
  } catch {
    return undefined;
  }
  const index = path.join(root, decoded, 'index.html');
  if (!index.startsWith(root + path.sep)) return undefined;
  const found = await stat(index).then(
    (s) => s.isFile(),
    () => false,
  );
  return found ? `${inner}/` : undefined;
}

/** Where the server listens: loopback and a free port unless told otherwise (`astro preview`). */
export interface ListenOptions {
  /** Host name or address to listen on. */
  readonly host?: string | undefined;
  /** Port; 0 picks a free one. */
  readonly port?: number | undefined;
}

/** Serves `dir` (a built site, or a link to one) under the base path `base` on a free loopback port. */
export async function serveDirectory(dir: string, base = '/', listen: ListenOptions = {}): Promise<StaticServer> {
  const root = path.resolve(dir);
  const prefix = normaliseBase(base);
  // Production mode (`dev: false`): the file list is made once; no ETag, as nothing changes while served.
  const files = sirv(root, { dev: false, etag: false, dotfiles: false, extensions: ['html'] });

  const notFound = (response: ServerResponse): void => {
    void readFile(path.join(root, '404.html')).then(
      (page) => {
        response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(page);
      },
      () => {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('Not found');
      },
    );
  };

  const server = createServer((request, response) => {
    // Prefixing the origin keeps a path such as `//host/x` a path; URL also resolves dot segments.
    const url = new URL(`http://localhost${request.url ?? '/'}`);
    if (!url.pathname.startsWith(prefix)) {
      notFound(response);
      return;
    }
    // sirv sees the path inside the site, as if the site were served at `/`.
    const inner = `/${url.pathname.slice(prefix.length)}`;
    void folderRedirect(root, inner).then((to) => {
      if (to !== undefined) {
        // 301, as hosts answer a GET for a folder without its slash; the query string goes along.
        response.writeHead(301, { Location: `${prefix}${to.slice(1)}${url.search}` });
        response.end();
        return;
      }
      request.url = `${inner}${url.search}`;
      amendContentType(response);
      files(request, response, () => notFound(response));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A browser keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
