import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusFiles, corpusStats, editArticle, editTarget, planCorpus } from '#tools/bench/corpus.ts';
import type { CorpusFile } from '#tools/bench/corpus-model.ts';
import { registrySizes } from '#tools/bench/registries.ts';
import { writeCorpus } from '#tools/bench/workspace.ts';
import { parseAstroLog, parseBuildPhases, parseTimeReport, routeKind, spread } from '#tools/bench/measure.ts';
import { checkContent } from '#pipeline/check/checker.ts';
import { countProblems, formatProblem } from '#pipeline/check/problems.ts';
import { siteConfig } from '#site.config';

/** Every file of a corpus of `stories` stories. */
const files = (stories: number, seed?: number): CorpusFile[] => [
  ...corpusFiles(planCorpus({ stories, ...(seed === undefined ? {} : { seed }) })),
];

describe('benchmark corpus: determinism', () => {
  it('gives identical files for the same seed and size', () => {
    const first = files(40);
    expect(files(40)).toEqual(first);
    expect(files(40, 7)).toEqual(files(40, 7));
  });

  it('gives a different archive for another seed', () => {
    const a = files(40, 1).filter((f) => f.path.startsWith('articles/'));
    const b = files(40, 2).filter((f) => f.path.startsWith('articles/'));
    expect(a.map((f) => f.text)).not.toEqual(b.map((f) => f.text));
  });

  it('writes a story the same whatever comes after it (per-story sub-streams)', () => {
    // Both sizes are below every registry floor, so the registries are the same too.
    const small = files(20);
    const large = new Map(files(60).map((f) => [f.path, f.text]));
    for (const file of small) expect(large.get(file.path), file.path).toBe(file.text);
  });

  it('edits one story body into a new text each round', () => {
    const plan = planCorpus({ stories: 30 });
    const target = editTarget(plan);
    const original = [...corpusFiles(plan)].find((f) => f.path === target)?.text ?? '';
    expect(original).toMatch(/^---\n/);
    expect(editArticle(original, 1)).not.toBe(original);
    expect(editArticle(original, 2)).not.toBe(editArticle(original, 1));
    expect(editArticle(original, 1).startsWith(original.trimEnd())).toBe(true);
  });
});

describe('benchmark corpus: proportions', () => {
  // Planned only: 10,000 stories' facts without writing a single body.
  const stats = corpusStats(planCorpus({ stories: 10_000 }));

  it('has the registry sizes of the issue at 10,000 stories', () => {
    expect(stats.registries).toEqual({ speakers: 300, organisations: 60, events: 300, tags: 40 });
    expect(registrySizes(10_000)).toEqual(stats.registries);
    expect(stats.eventsPartOf).toBeGreaterThan(10);
  });

  it('scales the registries with floors and a capped tag vocabulary', () => {
    expect(registrySizes(1_000)).toEqual({ speakers: 30, organisations: 8, events: 30, tags: 12 });
    expect(registrySizes(50)).toEqual({ speakers: 20, organisations: 8, events: 8, tags: 12 });
    expect(registrySizes(100_000).tags).toBeLessThanOrEqual(48);
  });

  it('writes about 85 % of stories in both languages, mostly English originals, a few zh-only', () => {
    const share = (n: number): number => n / stats.stories;
    expect(share(stats.bilingual)).toBeGreaterThan(0.83);
    expect(share(stats.bilingual)).toBeLessThan(0.87);
    expect(stats.shapes['zh-original'] / stats.bilingual).toBeGreaterThan(0.2);
    expect(stats.shapes['zh-original'] / stats.bilingual).toBeLessThan(0.3);
    expect(share(stats.shapes['zh-only'])).toBeGreaterThan(0.02);
    expect(share(stats.shapes['zh-only'])).toBeLessThan(0.06);
    expect(stats.articleFiles).toBe(stats.stories + stats.bilingual);
  });

  it('puts a Chinese paragraph in about 10 % of English articles and spreads dates over years', () => {
    expect(stats.englishWithChinese / stats.englishVersions).toBeGreaterThan(0.08);
    expect(stats.englishWithChinese / stats.englishVersions).toBeLessThan(0.12);
    expect(stats.withTable / stats.stories).toBeGreaterThan(0.1);
    expect(stats.lastYear - stats.firstYear).toBeGreaterThanOrEqual(8);
  });
});

describe('benchmark corpus: content contract', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('passes the content checker with no error and no warning (50 stories)', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-bench-corpus-'));
    const all = files(50);
    // The pictures too (photos at 1/16 of their size: same code, milliseconds).
    const written = await writeCorpus(planCorpus({ stories: 50 }), dir, 1 / 16);
    expect(written.images).toBeGreaterThan(10);
    const result = await checkContent({ contentDir: dir, displayRoot: dir, config: siteConfig });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(countProblems(result.problems)).toEqual({ errors: 0, warnings: 0 });
    expect(result.stories).toBe(50);
    expect(result.files).toBe(all.length + written.images);
  });

  it('uses the Markdown a real archive has: headings, lists, links, tables, mixed scripts', () => {
    const bodies = files(50)
      .filter((f) => f.path.endsWith('/en.md'))
      .map((f) => f.text);
    const some = (pattern: RegExp): boolean => bodies.some((text) => pattern.test(text));
    expect(some(/^## /m)).toBe(true);
    expect(some(/^- /m)).toBe(true);
    expect(some(/\]\(https:\/\//)).toBe(true);
    expect(some(/^\| ---: \|/m)).toBe(true);
    expect(some(/^\p{Script=Han}.*。$/mu)).toBe(true);
  });
});

describe('benchmark measurements', () => {
  it('reads the phase timings of pipeline/build.ts', () => {
    const log = [
      '✔ content check: 20,046 files, 10,000 stories, 0 warning(s) (7.52 s)',
      '✔ astro build (412.30 s)',
      '✔ search index: 18500 pages (31.05 s)',
      '✔ site built into /tmp/x/',
    ].join('\n');
    expect(parseBuildPhases(log)).toEqual({ check: 7.52, astro: 412.3, index: 31.05, indexedPages: 18500 });
    expect(parseBuildPhases('✔ content check: 3 files')).toEqual({});
    const spliced = [
      '✔ content check: 19200 files, 10000 stories, 0 warning(s) (4.87 s)',
      '  (checked on a thread of its own; the build waited 0.96 s for it)',
      '✔ rebuild plan: the bodies of 1 story file(s) changed (1.02 s)',
      '  en/2021/x/index.html (spliced)',
      '✔ bodies spliced, without Astro (6.33 s)',
      '✔ search index: 18500 pages (9.50 s), 10 year shard(s), 9 unchanged copied from the cache',
    ].join('\n');
    expect(parseBuildPhases(spliced)).toEqual({
      check: 4.87,
      splice: 6.33,
      index: 9.5,
      indexedPages: 18500,
      checkWait: 0.96,
    });
  });

  it("splits Astro's page generation by kind of route", () => {
    const log = [
      '19:16:29 [types] Generated 969ms',
      '19:16:29 [vite] ✓ built in 540ms',
      '19:16:29 [vite] ✓ built in 22ms',
      ' generating static routes ',
      '19:16:30   ├─ /en/2024/forum/index.html (+8ms) ',
      '19:16:30   ├─ /en/2024/forum/og.png (+1.25s) ',
      '19:16:30   ├─ /zh/2024/forum/og.png (+105ms) ',
      '19:16:30   ├─ /en/tags/patents/rss.xml (+3ms) ',
      '19:16:30   ├─ /en/tags/patents/index.html (+2ms) ',
      '19:16:30   ├─ /en/page/2/index.html (+2ms) ',
      '19:16:30   └─ /404.html (+1ms) ',
      '19:16:33 ✓ Completed in 2m 3s.',
      '19:16:34 [build] 129 page(s) built in 2m 5s',
    ].join('\n');
    const stages = parseAstroLog(log);
    expect(stages).toMatchObject({ sync: 0.969, vite: 0.562, routes: 123, total: 125 });
    expect(stages.routeKinds['share-card'].count).toBe(2);
    expect(stages.routeKinds['share-card'].seconds).toBeCloseTo(1.355);
    expect(stages.routeKinds.story).toEqual({ count: 1, seconds: 0.008 });
    expect(stages.imageFiles).toBeUndefined();
    expect(routeKind('/zh/archive/2024/05/index.html')).toBe('listing');
    expect(routeKind('/news/2023/old-name/index.html')).toBe('other');
    expect(routeKind('/en/events/forum-2024.ics')).toBe('feed');
  });

  it('times the optimised images and counts the files encoded and reused', () => {
    const log = [
      ' generating optimized images ',
      '19:20:01   ▶ /_astro/photo.Ab12_Z1x2Y3.webp (before: 2481kB, after: 121kB) (+1.20s) (1/3)',
      '19:20:02   ▶ /_astro/photo.Ab12_Z1x2Y3.jpg (before: 2481kB, after: 190kB) (+0.30s) (2/3)',
      '19:20:02   ▶ /_astro/map.Cd34_Z1x2Y3.webp (reused cache entry) (+2ms) (3/3)',
      '19:20:02 ✓ Completed in 1.52s.',
    ].join('\n');
    expect(parseAstroLog(log)).toMatchObject({ images: 1.52, imageFiles: { encoded: 2, reused: 1 } });
  });

  it('reads GNU time -v and summarises runs', () => {
    const report = [
      '\tCommand being timed: "node pipeline/build.ts"',
      '\tUser time (seconds): 101.25',
      '\tSystem time (seconds): 9.50',
      '\tMaximum resident set size (kbytes): 2097152',
      '\tExit status: 0',
    ].join('\n');
    expect(parseTimeReport(report)).toEqual({ user: 101.25, system: 9.5, maxRssKiB: 2097152, exitStatus: 0 });
    expect(parseTimeReport('nothing')).toBeUndefined();
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 2, 3])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spread([])).toBeUndefined();
  });
});
