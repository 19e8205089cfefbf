/**
 * Real posts from two public bilingual project sites (tests/fixtures/real/, see its README): the
 * checker reports what the renderer drops or prints literally with the file and line it is on, and
 * every image problem of the original posts (missing, site-absolute outside public/, escaping the
 * content folder) together with schema and drift errors, in one run; after a clean check the build
 * succeeds, both languages get their pages and no link is broken.
 */
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import type { Problem } from '#pipeline/check/problems.ts';
import { checkSiteLinks } from '#pipeline/links.ts';
import { siteConfig } from '#site.config';
import { root, runBuild, type BuildResult } from './build-site.ts';

const fixture = path.join(root, 'tests/fixtures/real/content');

/** Problems of a check of `contentDir`, with paths relative to it (`articles/2019/x/en.md`). */
async function check(contentDir: string): Promise<Problem[]> {
  const result = await checkContent({ contentDir, displayRoot: contentDir, config: siteConfig });
  return result.problems;
}

/** The 1-based line of the first line of a fixture file that contains `needle`. */
async function lineOf(dir: string, file: string, needle: string): Promise<number> {
  const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${file} has no line with ${needle}`);
  return index + 1;
}

/** Replaces the first occurrence of `from` in a file (it must be there). */
async function replaceIn(dir: string, file: string, from: string, to: string): Promise<void> {
  const text = await readFile(path.join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  await writeFile(path.join(dir, file), text.replace(from, to));
}

describe('checking real posts', () => {
  let problems: Problem[];
  beforeAll(async () => {
    problems = await check(fixture);
  });

  it('finds no error in the converted archive, only warnings', () => {
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.length).toBeGreaterThan(20);
  });

  it('names the file, line and column of every problem, inside the file', async () => {
    for (const p of problems) {
      expect(p.file, JSON.stringify(p)).toMatch(/^articles\/\d{4}\/[a-z0-9-]+\/(?:en|zh)\.md$/);
      const lines = (await readFile(path.join(fixture, p.file), 'utf8')).split('\n');
      expect(p.line, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
      expect(p.line, JSON.stringify(p)).toBeLessThanOrEqual(lines.length);
      expect(p.column, JSON.stringify(p)).toBeGreaterThanOrEqual(1);
      // A message is one line for editors: never a stack trace.
      expect(p.message, JSON.stringify(p)).not.toMatch(/\n|\bat .+:\d+:\d+/);
    }
  });

  // Each row: a real leftover of another generator or of raw HTML, the line it is on, and the warning.
  const leftovers: readonly [file: string, needle: string, message: RegExp][] = [
    ['articles/2019/podgroup/en.md', '{{<figure', /shortcode/i],
    ['articles/2019/podgroup/zh.md', '{{<figure', /shortcode/i],
    ['articles/2023/volcano-community-co-construction-program/en.md', '{{<figure', /shortcode/i],
    ['articles/2024/volcano-1-8-2-release/en.md', '{/*', /MDX comment/],
    ['articles/2022/platform-engineers-advanced-install/en.md', "import Tabs from '@theme/Tabs'", /MDX/],
    ['articles/2022/platform-engineers-advanced-install/zh.md', '<TabItem', /<TabItem>/],
    ['articles/2023/volcano-community-co-construction-program/en.md', '<font', /<font>/],
    ['articles/2023/volcano-community-co-construction-program/zh.md', '<center>', /<center>/],
    ['articles/2024/volcano-1-8-2-release/zh.md', '<center>', /<center>/],
    ['articles/2026/keyfeatures-cloudnativecolocation/zh.md', 'style={{', /style/],
    ['articles/2026/ecosystem-headlamponvolcano/en.md', 'style={{', /style/],
    ['articles/2025/how-volcano-boosts-distributed-training-and-inference-performance/en.md', 'TODO', /to-do/],
  ];
  it.each(leftovers)('warns about %s at the line with %s', async (file, needle, message) => {
    const line = await lineOf(fixture, file, needle);
    const found = problems.filter((p) => p.file === file && p.line === line);
    expect(
      found.some((p) => p.severity === 'warning' && message.test(p.message)),
      `${file}:${line}: ${JSON.stringify(found)}`,
    ).toBe(true);
  });

  it('does not warn about code that only looks like MDX or to-dos (Go imports in fences)', () => {
    const file = 'articles/2022/kubevela-generate-top-50-popular-resources-of-aws-using-100-lines-of-code/en.md';
    expect(problems.filter((p) => p.file === file)).toEqual([]);
  });
});

describe('checking the posts as their authors wrote them', () => {
  let dir: string;
  let problems: Problem[];
  const release = 'articles/2022/release-1-4';
  const versions = 'articles/2022/end-user-version-control';
  const headlamp = 'articles/2026/ecosystem-headlamponvolcano/en.md';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-real-'));
    const content = path.join(dir, 'content');
    await cp(fixture, content, { recursive: true });
    // The image addresses of the sources (tests/fixtures/real/README.md), put back: a GIF missing
    // from the source repository, a site-absolute image that is not in public/, a relative path into
    // a folder the story does not have, and one that climbs out of the content folder.
    await replaceIn(content, `${release}/en.md`, '\nalt\n', '\n![alt](/img/release-1.4/demo.gif)\n');
    await replaceIn(content, headlamp, '(./volcano-sidebar.png)', '(/img/headlamp/volcano-sidebar.png)');
    await replaceIn(
      content,
      `${versions}/en.md`,
      '(./application-revision-arch.jpg)',
      '(../resources/application-revision-arch.jpg)',
    );
    await replaceIn(
      content,
      `${versions}/zh.md`,
      '(./application-revision-arch.jpg)',
      '(../../../../../docs/resources/application-revision-arch.jpg)',
    );
    // And two front-matter mistakes in the same story: a missing summary, a drifting date.
    await replaceIn(content, `${release}/en.md`, '\nsummary: ', '\nsummaryy: ');
    await replaceIn(content, `${release}/zh.md`, '\nlanguage: zh\n', '\nlanguage: zh\ndate: 2022-06-20\n');
    problems = await check(content);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The errors at the line of `needle` in `file`. */
  async function errorsAt(file: string, needle: string): Promise<string[]> {
    const line = await lineOf(path.join(dir, 'content'), file, needle);
    return problems.filter((p) => p.severity === 'error' && p.file === file && p.line === line).map((p) => p.message);
  }

  it('reports a missing site-absolute image, with the file and line', async () => {
    const messages = await errorsAt(`${release}/en.md`, '/img/release-1.4/demo.gif');
    expect(messages).toEqual([expect.stringMatching(/demo\.gif.*public\//)]);
    expect(await errorsAt(headlamp, '/img/headlamp/volcano-sidebar.png')).toEqual([
      expect.stringMatching(/volcano-sidebar\.png.*public\//),
    ]);
  });

  it('reports a missing relative image and one that leaves the content folder', async () => {
    expect(await errorsAt(`${versions}/en.md`, '../resources/')).toEqual([expect.stringMatching(/not found/)]);
    expect(await errorsAt(`${versions}/zh.md`, '../../../../../docs/')).toEqual([
      expect.stringMatching(/outside the content folder/),
    ]);
  });

  it('reports schema, drift and image errors of one story in the same run', () => {
    const errors = problems.filter((p) => p.severity === 'error' && p.file.startsWith(release));
    expect(errors.map((p) => `${p.file.slice(release.length + 1)} ${p.field}`)).toEqual(
      expect.arrayContaining(['en.md summary', 'en.md summaryy', 'zh.md date', 'en.md (body image)']),
    );
    // Nothing else is wrong: these four and the three other images are all the errors.
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(7);
  });
});

describe('building real posts', () => {
  let out: string;
  let build: BuildResult;
  beforeAll(async () => {
    out = path.join(await mkdtemp(path.join(tmpdir(), 'news-archive-real-site-')), 'dist');
    build = await runBuild({ CONTENT_DIR: fixture, OUT_DIR: out });
    // A build may first wait for others to release the build lock.
  }, 600_000);
  afterAll(async () => {
    await rm(path.dirname(out), { recursive: true, force: true });
  });

  /** The parsed page at a path of the site (`en/2019/x/`). */
  async function page(site: string): Promise<Root> {
    return fromHtml(await readFile(path.join(out, site, 'index.html'), 'utf8'));
  }

  /** The elements inside the article body of a page (`.article__body`), in document order. */
  function body(tree: Root): Element[] {
    let container: Element | undefined;
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties['className'];
      if (!container && Array.isArray(classes) && classes.includes('article__body')) container = node;
    });
    if (!container) throw new Error('no article body on the page');
    const found: Element[] = [];
    visit(container, 'element', (node: Element) => void found.push(node));
    return found.slice(1);
  }

  it('builds after the clean check, without a stack trace', () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(build.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('takes the missing organisations and events folders for empty registries, without warnings', async () => {
    for (const folder of ['organisations', 'events']) await expect(stat(path.join(fixture, folder))).rejects.toThrow();
    const output = `${build.stdout}\n${build.stderr}`;
    expect(output).not.toMatch(/The base directory .* does not exist/);
    expect(output).not.toMatch(/The collection "\w+" does not exist or is empty/);
  });

  it('publishes both languages of each story, and one-language stories only in theirs', async () => {
    for (const story of ['2019/kube-batch-customers', '2026/keyfeatures-unifiedscheduling', '2022/release-1-4']) {
      for (const lang of ['en', 'zh']) await stat(path.join(out, lang, story, 'index.html'));
    }
    await stat(path.join(out, 'zh/2020/extend-kubevela-by-cuelang-in-20-mins/index.html'));
    await expect(stat(path.join(out, 'en/2020/extend-kubevela-by-cuelang-in-20-mins'))).rejects.toThrow();
    await stat(path.join(out, 'en/2022/abstraction-kubevela/index.html'));
    await expect(stat(path.join(out, 'zh/2022/abstraction-kubevela'))).rejects.toThrow();
  });

  it('has no broken link, image or anchor (npm run check:links)', async () => {
    const result = await checkSiteLinks({ distDir: out, base: '/' });
    expect(result.problems).toEqual([]);
    expect(result.pages).toBeGreaterThan(100);
  });

  it('reads the BOM and CRLF files as plain text', async () => {
    const crlf = await readFile(path.join(fixture, 'articles/2019/kube-batch-customers/en.md'), 'utf8');
    expect(crlf).toContain('\r\n');
    const story = 'articles/2025/how-volcano-boosts-distributed-training-and-inference-performance/zh.md';
    expect((await readFile(path.join(fixture, story), 'utf8')).startsWith('\uFEFF---')).toBe(true);
    const en = await readFile(path.join(out, 'en/2019/kube-batch-customers/index.html'), 'utf8');
    expect(en).not.toContain('\r');
    const rows = body(fromHtml(en)).filter((e) => e.tagName === 'tr');
    // The table's header and four rows: CRLF does not break the GFM table.
    expect(rows).toHaveLength(5);
    const zh = await readFile(
      path.join(out, 'zh/2025/how-volcano-boosts-distributed-training-and-inference-performance/index.html'),
      'utf8',
    );
    expect(zh).not.toContain('\uFEFF');
    expect(toString(fromHtml(zh))).toContain('Volcano 如何提升分布式训练和推理性能');
  });

  it('serves every body image through the image pipeline or from its web address', async () => {
    for (const story of [
      'en/2022/release-1-4/',
      'zh/2022/platform-engineers-system-operation-velaql/',
      'en/2024/volcano-1-8-2-release/',
    ]) {
      const images = body(await page(story)).filter((e) => e.tagName === 'img');
      expect(images.length, story).toBeGreaterThan(0);
      for (const img of images) expect(String(img.properties['src']), story).toMatch(/^(?:\/_astro\/|https:\/\/)/);
    }
  });

  it('turns a custom heading id into the heading id, and the link to it works', async () => {
    const zh = await page('zh/2026/keyfeatures-unifiedscheduling/');
    const heading = body(zh).find((e) => e.properties['id'] === 'dra-activation');
    expect(heading && /^h[2-6]$/.test(heading.tagName)).toBe(true);
    expect(toString(heading!)).not.toContain('{#');
    expect(body(zh).some((e) => e.tagName === 'a' && e.properties['href'] === '#dra-activation')).toBe(true);
  });

  it('keeps YouTube videos as privacy-enhanced embeds with a link to the original', async () => {
    const en = body(await page('en/2019/quick-start-volcano/'));
    const frames = en.filter((e) => e.tagName === 'iframe').map((e) => String(e.properties['src']));
    expect(frames).toEqual(['https://www.youtube-nocookie.com/embed/hsXXmWSUtyo']);
    const links = en.filter((e) => e.tagName === 'a').map((e) => String(e.properties['href']));
    expect(links.some((href) => /youtube\.com\/watch\?v=hsXXmWSUtyo|youtu\.be\/hsXXmWSUtyo/.test(href))).toBe(true);
  });

  it('highlights code blocks and puts tables in a focusable scroll container', async () => {
    const en = body(await page('en/2026/keyfeatures-cloudnativecolocation/'));
    const blocks = en.filter((e) => e.tagName === 'pre');
    expect(blocks.length).toBeGreaterThanOrEqual(20);
    // Highlighted: the code is split into tokens that carry a class or a colour variable.
    const tokens = (pre: Element): number => {
      let count = 0;
      visit(pre, 'element', (e: Element) => {
        if (e.tagName === 'span' && (e.properties['className'] !== undefined || e.properties['style'] !== undefined))
          count++;
      });
      return count;
    };
    expect(blocks.filter((pre) => tokens(pre) > 3).length).toBeGreaterThanOrEqual(20);
    const tables = en.filter((e) => e.tagName === 'table');
    expect(tables.length).toBeGreaterThan(0);
    const containers = en.filter(
      (e) => e.properties['tabIndex'] === 0 && e.children.some((c) => c.type === 'element' && c.tagName === 'table'),
    );
    expect(containers).toHaveLength(tables.length);
    for (const c of containers) expect(String(c.properties['ariaLabel'] ?? '')).not.toBe('');
  });
});
