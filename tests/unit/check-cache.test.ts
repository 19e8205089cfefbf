// The checker's per-file cache (pipeline/check/check-cache.ts), as the dev server uses it: a check
// with the cache reports exactly what a check without it reports, after every kind of change, while
// reading only the files that changed (and those that name a changed image; all of them when the
// registry's ids change).
import { cp, mkdtemp, readFile, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckCache, cacheScope } from '#pipeline/check/check-cache.ts';
import { checkContent, type CheckResult } from '#pipeline/check/checker.ts';
import { siteConfig } from '#site.config';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let contentDir: string;
let cache: CheckCache;

/** Checks the folder with the cache and without it, expects the same report, and returns the cached run's. */
async function check(): Promise<CheckResult> {
  const options = { contentDir, config: siteConfig, displayRoot: dir };
  const cached = await checkContent({ ...options, cache });
  const fresh = await checkContent(options);
  expect(cached).toEqual(fresh);
  return cached;
}

/** A file of the content folder. */
const file = (rel: string): string => path.join(contentDir, rel);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-cache-'));
  contentDir = path.join(dir, 'content');
  // Two folders in one: the fixture site (images, registries, stories) and the broken fixtures (every kind of problem).
  await cp(path.join(root, 'tests/fixtures/site/content'), contentDir, { recursive: true });
  await cp(path.join(root, 'tests/fixtures/broken-content/articles/2024'), path.join(contentDir, 'articles/2024'), {
    recursive: true,
  });
  cache = new CheckCache();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the check cache', () => {
  it('reads every entry once, then none while nothing changes', async () => {
    const first = await check();
    expect(first.problems.length).toBeGreaterThan(10);
    const entries = cache.stats().checked;
    expect(entries).toBeGreaterThan(40);
    expect(cache.stats().reused).toBe(0);
    await check();
    expect(cache.stats()).toEqual({ reused: entries, checked: 0 });
  });

  it('reads again only an edited file, and reports its new problem', async () => {
    await check();
    const story = 'articles/2024/green-patents-pilot/en.md';
    const text = await readFile(file(story), 'utf8');
    await writeFile(file(story), text.replace(/^date: .*$/m, 'date: 2024-02-30'));
    const result = await check();
    expect(cache.stats().checked).toBe(1);
    expect(result.problems.some((p) => p.file.endsWith(story) && p.field === 'date' && p.line === 3)).toBe(true);
    // Fixed again: the problem is gone, again from one read.
    await writeFile(file(story), text);
    const fixed = await check();
    expect(cache.stats().checked).toBe(1);
    expect(fixed.problems.some((p) => p.file.endsWith(story) && p.field === 'date')).toBe(false);
  });

  it('keeps a result when a file is touched but its bytes are the same', async () => {
    await check();
    const later = new Date(Date.now() + 60_000);
    await utimes(file('articles/2024/green-patents-pilot/en.md'), later, later);
    await check();
    expect(cache.stats().checked).toBe(0);
  });

  it('checks again the files that name a changed or removed image', async () => {
    await check();
    await unlink(file('articles/2024/forum-photo-report/cover.png'));
    const result = await check();
    // The story's files that name cover.png, and no other.
    expect(cache.stats().checked).toBeGreaterThanOrEqual(1);
    expect(cache.stats().checked).toBeLessThan(5);
    expect(result.problems.some((p) => p.file.includes('forum-photo-report') && p.field === 'cover.src')).toBe(true);
  });

  it('validates every file again when the registry ids change, and forgets removed files', async () => {
    await check();
    const before = cache.stats();
    await writeFile(file('speakers/new-person.yaml'), 'name:\n  en: New Person\n');
    await check();
    expect(cache.stats().checked).toBe(before.checked + 1);
    await unlink(file('speakers/new-person.yaml'));
    await unlink(file('articles/2024/green-patents-pilot/en.md'));
    await check();
    expect(cache.stats().checked).toBe(before.checked - 1);
  });

  it('keys the scope on the ids and the files of public/', () => {
    const ids = { speakers: new Map([['a', 'speakers/a.yaml']]), tags: new Map<string, string>() };
    const scope = cacheScope(ids, ['favicon.svg']);
    expect(cacheScope(ids, ['favicon.svg'])).toBe(scope);
    expect(cacheScope(ids, ['favicon.svg', 'img/a.png'])).not.toBe(scope);
    expect(cacheScope({ ...ids, tags: new Map([['t', 'tags/t.yaml']]) }, ['favicon.svg'])).not.toBe(scope);
  });
});
