import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spliceBodies, type SpliceOptions } from '#pipeline/splice.ts';
import { BODY_START, bodyHash, type BodyIndex } from '#lib/body-splice.ts';
import { feedHtml } from '#lib/feed-html.ts';
import { jsonFeed } from '#lib/feed-formats.ts';
import type { Feed } from '#lib/feeds.ts';
import { bodyRenderer } from '#loaders/markdown-render.ts';
import type { WorkerSetup } from '#loaders/markdown-pool.ts';

const setup: WorkerSetup = {
  siteUrl: 'https://news.example.org/',
  base: '/',
  renderer: { syntaxHighlight: false, image: { domains: [], remotePatterns: [] } },
};
const url = 'https://news.example.org/en/2024/a/';
const story = 'articles/2024/a/en.md';
const page = 'en/2024/a/index.html';
const oldBody = 'The first version of the story.';
const newBody = 'The second version, with *emphasis*.';

let work: string;
let options: SpliceOptions;
let oldHtml: string;
let newHtml: string;

/** A one-item JSON Feed of the story with `html` as its body. */
const feed = (html: string): string => {
  const published = { day: '2024-05-01', instant: '2024-05-01T00:00:00.000Z', hasTime: false };
  const value: Feed = {
    title: 'News',
    description: 'News',
    language: 'en',
    home: 'https://news.example.org/en/',
    self: 'https://news.example.org/en/feed.json',
    author: { name: 'Office' },
    items: [
      {
        url,
        title: 'A',
        summary: 'A',
        contentHtml: feedHtml(html, url),
        published,
        language: 'en',
        categories: [],
      },
    ],
  };
  return jsonFeed(value);
};
const storyPage = (html: string) =>
  `<html lang="en"><h1>A</h1>${BODY_START} ${html} </div><div class="f"></div></html>`;

/** Writes the body index of the published site as the routes would. */
async function writeIndex(entry: Partial<BodyIndex['entries'][string]> = {}): Promise<void> {
  const index: BodyIndex = {
    format: 1,
    nameForms: [['Northfield University', '北田大学']],
    entries: {
      [path.join(work, 'content', story)]: {
        hash: bodyHash(oldHtml),
        length: oldHtml.length,
        shared: false,
        images: false,
        mentions: [],
        url,
        pages: [page],
        ...entry,
      },
    },
  };
  await writeFile(options.indexFile, JSON.stringify(index));
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-splice-'));
  const render = await bodyRenderer(setup);
  const frontmatter = { language: 'en' };
  oldHtml = (await render({ body: oldBody, frontmatter, filePath: undefined })).html;
  newHtml = (await render({ body: newBody, frontmatter, filePath: undefined })).html;
  const published = path.join(work, 'site');
  await mkdir(path.join(published, 'en/2024/a'), { recursive: true });
  await mkdir(path.join(work, 'content/articles/2024/a'), { recursive: true });
  await writeFile(path.join(published, page), storyPage(oldHtml));
  await writeFile(path.join(published, 'en/feed.json'), feed(oldHtml));
  await writeFile(path.join(published, 'en/index.html'), '<p>listing</p>');
  await writeFile(path.join(work, 'content', story), `---\nlanguage: en\ntitle: A\n---\n${newBody}\n`);
  await writeFile(path.join(work, 'setup.json'), JSON.stringify(setup));
  options = {
    contentDir: path.join(work, 'content'),
    files: [story],
    siteFiles: [page, 'en/feed.json', 'en/index.html'],
    published,
    staging: path.join(work, 'staging'),
    indexFile: path.join(work, 'body-index.json'),
    setupFile: path.join(work, 'setup.json'),
  };
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('spliceBodies', () => {
  it('writes the story page and the feed with the new body, as they would be rendered, and nothing else', async () => {
    await writeIndex();
    const result = await spliceBodies(options);
    expect(result).toMatchObject({ ok: true, written: ['en/2024/a/index.html', 'en/feed.json'] });
    expect(await readFile(path.join(options.staging, page), 'utf8')).toBe(storyPage(newHtml));
    expect(await readFile(path.join(options.staging, 'en/feed.json'), 'utf8')).toBe(feed(newHtml));
    if (result.ok) {
      const entry = result.index.entries[path.join(work, 'content', story)];
      expect(entry).toMatchObject({ hash: bodyHash(newHtml), length: newHtml.length, url, pages: [page] });
    }
  });

  it('refuses what it cannot be certain of', async () => {
    const refused = async () => {
      const result = await spliceBodies({ ...options, staging: path.join(work, 'refused') });
      return result.ok ? 'spliced' : result.reason;
    };
    await writeIndex({ hash: bodyHash('<p>Another body.</p>') });
    expect(await refused()).toBe(`${page} does not hold the indexed body`);
    await writeIndex({ images: true });
    expect(await refused()).toBe(`${story} shows local images`);
    await writeIndex({ shared: true });
    expect(await refused()).toBe(`${story} had the same body as another version`);
    await writeIndex({ mentions: ['北田大学'] });
    expect(await refused()).toBe(`${story} mentions other registry names than before`);
    await writeIndex({ pages: ['../../outside/index.html'] });
    expect(await refused()).toBe('../../outside/index.html is not a file of the last site');
    // The splice runs before the content check: a story it cannot read is left to the check.
    await writeIndex();
    const storyFile = path.join(work, 'content', story);
    const source = await readFile(storyFile, 'utf8');
    await writeFile(storyFile, '---\nlanguage: [en\n---\nText.\n');
    expect(await refused()).toBe(`${story} could not be read here`);
    await rm(storyFile);
    execFileSync('mkfifo', [storyFile]);
    expect(await refused()).toBe(`${story} is not a regular file`);
    await rm(storyFile);
    await writeFile(storyFile, source);
    await writeFile(options.indexFile, '{}');
    expect(await refused()).toBe('no body index from the last build');
    await writeFile(options.indexFile, '{"format":1,"entries":null}');
    expect(await refused()).toBe('no body index from the last build');
  });
});
