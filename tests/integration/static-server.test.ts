// The local static server (tools/lib/static-server.ts) that the browser tests and the screenshot
// script open sites through, over real HTTP on a small site written here: the base-path prefix, the
// 404 page, content types, a published folder that is a link into its versions folder, and no way
// out of the folder.
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, serveDirectory, type StaticServer } from '#tools/lib/static-server.ts';

const BASE = '/previews/pr-7/';
let work: string;
let server: StaticServer;

/** A GET of a raw request path (not normalised by a URL parser, unlike fetch). */
function get(rawPath: string): Promise<{ status: number; type: string; body: string }> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-static-'));
  const version = path.join(work, 'dist.versions', 'v1');
  const files: Record<string, string> = {
    'index.html': '<p>landing</p>',
    'en/index.html': '<p>english home</p>',
    '404.html': '<p>the site 404</p>',
    'style.css': 'body{}',
    'calendar.ics': 'BEGIN:VCALENDAR',
    'feed.xml': '<rss/>',
    'pagefind/en.pf_meta': 'binary',
    '中文/index.html': '<p>chinese folder</p>',
    '.hidden': 'dotfile',
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(version, name)), { recursive: true });
    await writeFile(path.join(version, name), text);
  }
  await writeFile(path.join(work, 'secret.txt'), 'outside the site');
  // As `npm run build` publishes: dist is a link to the current version.
  await symlink(path.join('dist.versions', 'v1'), path.join(work, 'dist'));
  server = await serveDirectory(path.join(work, 'dist'), BASE);
});

afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

describe('serveDirectory', () => {
  it('serves the linked version under the base path, a folder by its index.html', async () => {
    expect(await get(BASE)).toMatchObject({ status: 200, body: '<p>landing</p>' });
    expect((await get(BASE)).type).toMatch(/^text\/html; ?charset=utf-8$/);
    expect(await get(`${BASE}en/`)).toMatchObject({ status: 200, body: '<p>english home</p>' });
    expect(await get(`${BASE}${encodeURIComponent('中文')}/`)).toMatchObject({
      status: 200,
      body: '<p>chinese folder</p>',
    });
  });

  it('answers a missing page, or one outside the base path, with the site 404 page and status 404', async () => {
    for (const missing of [`${BASE}no-such-story/`, '/', '/en/', '/previews/pr-7']) {
      expect(await get(missing), missing).toEqual({
        status: 404,
        type: 'text/html; charset=utf-8',
        body: '<p>the site 404</p>',
      });
    }
  });

  it('sends content types with a charset for text, and a type for files it cannot name', async () => {
    expect((await get(`${BASE}style.css`)).type).toBe('text/css; charset=utf-8');
    expect((await get(`${BASE}calendar.ics`)).type).toBe('text/calendar; charset=utf-8');
    expect((await get(`${BASE}feed.xml`)).type).toMatch(/^(text|application)\/xml; charset=utf-8$/);
    expect((await get(`${BASE}pagefind/en.pf_meta`)).type).toBe('application/octet-stream');
    expect(contentType('image/png')).toBe('image/png');
    expect(contentType('application/rss+xml')).toBe('application/rss+xml; charset=utf-8');
  });

  it('never serves a file outside the folder, nor a dotfile', async () => {
    for (const escape of [
      `${BASE}../secret.txt`,
      `${BASE}%2e%2e/secret.txt`,
      `${BASE}..%2fsecret.txt`,
      `${BASE}%2e%2e%2fsecret.txt`,
      `${BASE}..%5csecret.txt`,
      `//secret.txt`,
      `${BASE}.hidden`,
    ]) {
      const response = await get(escape);
      expect(response.status, escape).toBe(404);
      expect(response.body, escape).not.toMatch(/outside the site|dotfile/);
    }
  });

  it('says "Not found" when the site has no 404 page, and closes with a connection kept alive', async () => {
    const bare = await mkdtemp(path.join(tmpdir(), 'news-archive-static-bare-'));
    const other = await serveDirectory(bare);
    try {
      const response = await fetch(`${other.origin}/anything/`, { keepalive: true });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found');
    } finally {
      await other.close();
      await rm(bare, { recursive: true, force: true });
    }
  });
});
