// Builds the shipped sample archive (content/) for real: it must build cleanly (exit code, the
// summary the build prints, nothing on stderr, none of the known signs of a silent failure), and
// every story version in it must become a valid page, indexed for search. What is expected is read
// from the content folder, never from the sample's prose, so editors can rewrite the sample freely;
// what a page says is tested on the fixture site (site.test.ts). Also: invalid content stops the
// build with the checker's message and writes no site.
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { siteConfig } from '#site.config';
import { root, runBuild, sharedBuild, type BuildResult } from './build-site.ts';
import { validateSite } from './html-validity.ts';
import { indexedPageCounts, loadPagefind, searchHits, searchShards } from './pagefind-node.ts';

/** One language version of a story of the sample archive, as its file says. */
interface StoryVersion {
  readonly year: string;
  readonly slug: string;
  readonly language: string;
  readonly title: string;
  readonly draft: boolean;
}

/** Every story version of a content folder (`articles/<year>/<slug>/<lang>.md`), with its front matter. */
async function storyVersions(content: string): Promise<StoryVersion[]> {
  const versions: StoryVersion[] = [];
  const articles = path.join(content, 'articles');
  for (const year of (await readdir(articles)).filter((name) => /^\d{4}$/.test(name))) {
    for (const slug of await readdir(path.join(articles, year))) {
      for (const file of await readdir(path.join(articles, year, slug))) {
        const language = /^([a-z]{2})\.md$/.exec(file)?.[1];
        if (!language) continue;
        const text = await readFile(path.join(articles, year, slug, file), 'utf8');
        const front = (parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') ?? {}) as Record<string, unknown>;
        versions.push({ year, slug, language, title: String(front['title']), draft: front['draft'] === true });
      }
    }
  }
  return versions;
}

/**
 * Output that means a build went wrong even when it exited 0, with what each one means. The build
 * prints its own summary and the checker's problems; Astro's and Vite's logs are its own business
 * only while they are quiet.
 */
const BAD_OUTPUT: [RegExp, string][] = [
  [/^\s+at .+:\d+:\d+\)?$/m, 'a stack trace: an exception reached the top instead of a message for the editor'],
  [/\[ERROR\]/, 'Astro logged an error (a page or an integration failed) but the build went on'],
  [/\[WARN\] \[router\]/, 'two routes produce the same URL: one of the pages is silently not written'],
  [
    /\[WARN\] \[(content|glob-loader)\]/,
    'the content layer skipped or replaced an entry (a duplicate id, an unreadable file)',
  ],
  [/\[WARN\] \[vite\]/, 'Vite could not bundle something as written (an unresolvable or unanalysable import)'],
  [/Unhandled(Promise)?Rejection|unhandled rejection/i, 'a promise failed with nobody to report it'],
  [/MaxListenersExceededWarning/, 'listeners pile up: a leak that grows with the size of the archive'],
  [/ExperimentalWarning|DeprecationWarning/, 'Node warns about an API the build relies on'],
];

/** The `<html lang>` of a content language (`zh` → `zh-Hans`). */
const htmlLang = (code: string): string =>
  siteConfig.locales.find((locale) => locale.code === code)?.htmlLang ?? `unknown locale ${code}`;

let content: string;
let out: string;
let build: BuildResult;
let versions: StoryVersion[];
let published: StoryVersion[];

beforeAll(async () => {
  content = path.join(root, 'content');
  versions = await storyVersions(content);
  published = versions.filter((v) => !v.draft);
  // Shared read-only with the browser tier's sample-archive tests (sharedBuild): same inputs, same site.
  ({ out, build } = await sharedBuild({}));
});

describe('npm run build on the sample archive', () => {
  it('exits 0 and prints its summary: content check, Astro build, search index, where the site is', () => {
    expect(build.status, build.stdout + build.stderr).toBe(0);
    const summary = build.stdout.split('\n').filter((line) => line.startsWith('✔') || line.startsWith('✖'));
    const stories = new Set(versions.map((v) => `${v.year}/${v.slug}`)).size;
    const years = new Set(published.map((v) => v.year)).size;
    expect(summary).toEqual([
      expect.stringMatching(new RegExp(`^✔ content check: \\d+ files, ${stories} stories(, \\d+ warning\\(s\\))? \\(`)),
      // A fresh build: no record of a previous one, so the plan is a full build (pipeline/rebuild.ts).
      expect.stringMatching(/^✔ rebuild plan: full build \(no record of a previous build\) \(/),
      expect.stringMatching(/^✔ astro build \(/),
      // Every year was indexed while Astro rendered its story pages (pipeline/search-stream.ts).
      expect.stringMatching(
        new RegExp(
          `^✔ search index: ${published.length} pages \\(.*\\), ${years} year shard\\(s\\), ${years} indexed while rendering$`,
        ),
      ),
      `✔ site built into ${out}/`,
    ]);
  });

  it('prints nothing on stderr, and none of the known signs of a silent failure', () => {
    expect(build.stderr).toBe('');
    const found = BAD_OUTPUT.filter(([pattern]) => pattern.test(build.stdout)).map(([, meaning]) => meaning);
    expect(found).toEqual([]);
  });

  it('the signs above are found where they occur (so the test above can fail)', () => {
    const samples = [
      'TypeError: x is undefined\n    at render (file:///src/pages/a.astro:3:7)',
      '12:00:01 [ERROR] [build] Failed to render /en/',
      '12:00:01 [WARN] [router] The route "/en/x/" is defined in both a.astro and b.astro',
      '12:00:01 [WARN] [glob-loader] Duplicate id "x" found in articles',
      '12:00:01 [WARN] [vite] "x" is not exported by "y"',
      'UnhandledPromiseRejection: boom',
      'MaxListenersExceededWarning: Possible EventEmitter memory leak detected',
      '(node:1) ExperimentalWarning: something',
    ];
    for (const [index, [pattern]] of BAD_OUTPUT.entries()) expect(pattern.test(samples[index] ?? '')).toBe(true);
    expect(BAD_OUTPUT.some(([pattern]) => pattern.test('✔ astro build (40.1 s)'))).toBe(false);
  });

  it('writes a page for every published story version, and none for a draft', async () => {
    expect(published.length).toBeGreaterThan(0);
    for (const page of ['index.html', '404.html', ...siteConfig.locales.map((locale) => `${locale.code}/index.html`)]) {
      await expect(stat(path.join(out, page)), page).resolves.toBeTruthy();
    }
    for (const v of versions) {
      const page = path.join(out, v.language, v.year, v.slug, 'index.html');
      if (v.draft) await expect(stat(page), page).rejects.toThrow();
      else await expect(stat(page), page).resolves.toBeTruthy();
    }
  });

  it('gives every translation the language, date and alternates of its story', async () => {
    const bySlug = Map.groupBy(published, (v) => `${v.year}/${v.slug}`);
    const translated = [...bySlug.values()].filter((group) => group.length > 1);
    expect(translated.length, 'the sample has translated stories').toBeGreaterThan(0);
    for (const group of translated) {
      const dates = new Set<string>();
      for (const v of group) {
        const html = await readFile(path.join(out, v.language, v.year, v.slug, 'index.html'), 'utf8');
        const where = `${v.language}/${v.year}/${v.slug}`;
        expect(/<html lang="([^"]+)"/.exec(html)?.[1], where).toBe(htmlLang(v.language));
        dates.add(/<time datetime="([^"]+)"/.exec(html)?.[1] ?? 'no date');
        // Every other version of the story is linked as an alternate, at its own address.
        for (const other of group.filter((o) => o !== v)) {
          const href = new URL(`${other.language}/${other.year}/${other.slug}/`, `${siteConfig.productionUrl}/`).href;
          expect(html, where).toMatch(new RegExp(`<link rel="alternate" hreflang="[^"]+" href="${href}">`));
        }
      }
      // A translation's date comes from its primary file: one date for the whole story.
      expect([...dates], group[0]?.slug).toHaveLength(1);
      expect([...dates][0]).toMatch(/^\d{4}-\d{2}-\d{2}/);
    }
  });
});

describe('valid HTML', () => {
  it('every page of the sample archive passes html-validate', async () => {
    const { pages, report } = await validateSite(out);
    expect(pages).toBeGreaterThan(published.length);
    expect(report).toBe('');
  });
});

describe('search on the sample archive', () => {
  /** Pagefind names its index after `<html lang>`, lower-cased (`zh-hans`). */
  const indexLanguage = (language: string) => htmlLang(language).toLowerCase();

  it('indexes every published story version, one index per language, one shard per year', async () => {
    const expected: Record<string, number> = {};
    for (const v of published) expected[indexLanguage(v.language)] = (expected[indexLanguage(v.language)] ?? 0) + 1;
    expect(await indexedPageCounts(out)).toEqual(expected);
    const years = [...new Set(published.map((v) => v.year))].sort().reverse();
    expect(await searchShards(out)).toEqual(years);
  });

  it('finds every story version by its title, in its own language', async () => {
    const missing: string[] = [];
    for (const language of new Set(published.map((v) => v.language))) {
      const api = await loadPagefind(out, indexLanguage(language));
      for (const v of published.filter((p) => p.language === language)) {
        const url = `/${v.language}/${v.year}/${v.slug}/`;
        const hits = await searchHits(api, v.title);
        if (!hits.some((hit) => hit.url === url)) missing.push(`${url} by "${v.title}"`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('npm run build on invalid content', () => {
  it('exits 1 with the checker message and writes no site', { timeout: 300_000 }, async () => {
    // A copy of the fixture site with one speaker reference misspelt.
    const work = await mkdtemp(path.join(tmpdir(), 'news-archive-bad-'));
    const bad = path.join(work, 'content');
    await cp(path.join(root, 'tests/fixtures/site/content'), bad, { recursive: true });
    const file = path.join(bad, 'articles/2024/mixed-language-forum/en.md');
    const source = await readFile(file, 'utf8');
    expect(source).toContain('  - ouyang-jing\n');
    await writeFile(file, source.replace('  - ouyang-jing\n', '  - ouyang-jinq\n'));
    const badOut = path.join(work, 'dist');
    try {
      const result = await runBuild({ CONTENT_DIR: bad, OUT_DIR: badOut });
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(
        /mixed-language-forum\/en\.md:\d+:\d+ {2}error {2}speakers\[\d+\] {2}unknown speaker "ouyang-jinq"\. Did you mean "ouyang-jing"\?/,
      );
      expect(result.stdout + result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      await expect(stat(badOut)).rejects.toThrow();
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
