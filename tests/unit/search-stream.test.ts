import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageVersion } from '#lib/packages.ts';
import { indexingOrder } from '#lib/search-shards.ts';
import { indexSite } from '#pipeline/search-index.ts';
import { pageFileOf, SearchStream } from '#pipeline/search-stream.ts';

/** A story page as the site renders it: indexed, with its year filter. */
function storyPage(lang: string, year: string, slug: string): { pathname: string; html: string } {
  const words = lang === 'zh' ? `新闻发布会 北京 ${slug}` : `press conference in ${slug}`;
  return {
    pathname: `/${lang}/${year}/${slug}/`,
    html: `<!DOCTYPE html><html lang="${lang}"><body><article data-pagefind-body data-pagefind-filter="year:${year}"><h1>${slug}</h1><p>${words}</p></article></body></html>`,
  };
}

/** Twelve story pages over two years and two languages, plus one page that is not indexed. */
const pages = ['2024', '2023'].flatMap((year) =>
  ['en', 'zh'].flatMap((lang) => ['alpha', 'beta-two', 'beta'].map((slug) => storyPage(lang, year, slug))),
);
const notIndexed = { pathname: '/en/speakers/', html: '<html lang="en"><body><h1>Speakers</h1></body></html>' };
const rendered = indexingOrder(
  pages,
  (p) => p.pathname.split('/')[2] ?? '',
  (p) => p.pathname.slice(1),
);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-stream-'));
  for (const page of [...pages, notIndexed]) {
    const file = path.join(dir, 'site', pageFileOf(page.pathname, '/') ?? 'missing.html');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, page.html);
  }
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A digest of every file of the bundle folder, with its path. */
async function bundleDigest(folder: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  for (const file of files.sort()) hash.update(path.relative(folder, file)).update(await readFile(file));
  return hash.digest('hex');
}

/** Streams `order` into a fresh stream and returns its usable shards. */
async function streamPages(order: readonly { pathname: string; html: string }[], heldChars?: number) {
  const stream = new SearchStream({
    base: '/',
    outDir: path.join(dir, 'site'),
    workDir: path.join(dir, 'stream'),
    version: packageVersion('pagefind'),
    heldChars,
  });
  for (const page of order) stream.receive(page);
  // Every shard indexed before `finish()`, which would give up the shards no lane has begun.
  await stream.idle();
  const streamed = stream.finish();
  const usable: string[] = [];
  for (const [shard, ready] of streamed) if (await ready) usable.push(shard);
  await stream.close();
  return { streamed, usable };
}

describe('pageFileOf', () => {
  it('maps a page path under the base to the file Astro writes', () => {
    expect(pageFileOf('/en/2024/slug/', '/')).toBe('en/2024/slug/index.html');
    expect(pageFileOf('/previews/pr-42/zh/2024/slug/', '/previews/pr-42')).toBe('zh/2024/slug/index.html');
    expect(pageFileOf('/en/2024/%E6%96%B0%E9%97%BB/', '/')).toBe('en/2024/新闻/index.html');
  });

  it('gives nothing for a path outside the base or without its trailing slash', () => {
    expect(pageFileOf('/other/en/', '/previews/')).toBeUndefined();
    expect(pageFileOf('/en/feed.json', '/')).toBeUndefined();
    expect(pageFileOf('/en/%E0%A4%A/', '/')).toBeUndefined();
  });
});

describe('SearchStream', () => {
  it('writes, while pages are rendered, the same bundles as indexing the site from disk', async () => {
    const fromDisk = await indexSite(path.join(dir, 'site'), { concurrency: 1 });
    const expected = await bundleDigest(fromDisk.bundleDir);
    await rm(fromDisk.bundleDir, { recursive: true });

    const { streamed, usable } = await streamPages([notIndexed, ...rendered]);
    expect(usable).toEqual(['2024', '2023']);
    const result = await indexSite(path.join(dir, 'site'), { concurrency: 1, streamed });
    expect(result.streamed).toEqual(['2024', '2023']);
    expect(result.pages).toBe(12);
    expect(await bundleDigest(result.bundleDir)).toBe(expected);
  }, 30_000);

  it('reads back from the written site the pages past the memory it may hold: the same bundles', async () => {
    const fromDisk = await indexSite(path.join(dir, 'site'), { concurrency: 1 });
    const expected = await bundleDigest(fromDisk.bundleDir);
    await rm(fromDisk.bundleDir, { recursive: true });
    const { streamed } = await streamPages(rendered, 0);
    const result = await indexSite(path.join(dir, 'site'), { concurrency: 1, streamed });
    expect(result.streamed).toEqual(['2024', '2023']);
    expect(await bundleDigest(result.bundleDir)).toBe(expected);
  }, 30_000);

  it('drops a shard whose page on disk never gets the bytes rendered', async () => {
    await writeFile(path.join(dir, 'site', 'en/2023/alpha/index.html'), 'half a page');
    const { usable } = await streamPages(rendered, 0);
    expect(usable).toEqual(['2024']);
  }, 30_000);

  it('gives up, when finished, the shards no lane has begun: they are indexed from disk', async () => {
    const stream = new SearchStream({
      base: '/',
      outDir: path.join(dir, 'site'),
      workDir: path.join(dir, 'stream'),
      version: packageVersion('pagefind'),
      lanes: 1,
    });
    for (const page of rendered) stream.receive(page);
    // The lane reaches the first shard (2024) on its next turn; the second waits behind it.
    await new Promise((resolve) => setImmediate(resolve));
    const streamed = stream.finish();
    const result = await indexSite(path.join(dir, 'site'), { concurrency: 1, streamed });
    await stream.close();
    expect(result.streamed).toEqual(['2024']);
    expect(result.pages).toBe(12);
  }, 30_000);

  it('drops a shard whose pages come out of path order: it is indexed from disk', async () => {
    const swapped = [...rendered];
    [swapped[0], swapped[1]] = [swapped[1] ?? notIndexed, swapped[0] ?? notIndexed];
    const { usable } = await streamPages(swapped);
    expect(usable).toEqual(['2023']);
  }, 30_000);

  it('drops a shard whose pages come back after another shard began', async () => {
    const [first, ...rest] = rendered;
    const { usable } = await streamPages([...rest, first ?? notIndexed]);
    expect(usable).toEqual(['2023']);
  }, 30_000);

  it('is not taken for a shard whose pages on disk differ from the pages indexed', async () => {
    const { streamed } = await streamPages(rendered);
    await writeFile(path.join(dir, 'site', 'en/2023/alpha/index.html'), storyPage('en', '2023', 'changed').html);
    const result = await indexSite(path.join(dir, 'site'), { concurrency: 1, streamed });
    expect(result.streamed).toEqual(['2024']);
  }, 30_000);
});
