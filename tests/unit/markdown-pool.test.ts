import { unified } from '@astrojs/markdown-remark';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MarkdownPool } from '#loaders/markdown-pool.ts';
import { articleMarkdownOptions } from '#plugins/markdown-options.ts';

const root = path.resolve(import.meta.dirname, '../..');
const siteUrl = 'https://news.example.org/';
const renderer = { syntaxHighlight: false as const, image: { domains: [], remotePatterns: [] } };
const base = '/previews/pr-42/';
const pool = new MarkdownPool(
  { siteUrl, base, renderer },
  { size: 2, workerFile: path.join(root, 'src/loaders/markdown-worker.ts') },
);
afterAll(() => pool.close());

/** Bodies of fixture articles: images and credits, mixed languages, hostile markup, code and tables. */
const articles = [
  'tests/fixtures/site/content/articles/2024/forum-photo-report/en.md',
  'tests/fixtures/site/content/articles/2024/mixed-language-forum/zh.md',
  'tests/fixtures/site/content/articles/2024/hostile-markup/en.md',
  // Highlighted code (Shiki starts its own highlighter in each thread) and wide tables.
  'tests/fixtures/site/content/articles/2024/patent-data-api/en.md',
  'tests/fixtures/site/content/articles/2024/patent-data-api/zh.md',
  // Math (Temml), callouts, custom heading ids and a Mermaid source: marks made in remark, read
  // after the sanitizer (src/plugins/source-marks.ts), must match in the threads too.
  'tests/fixtures/site/content/articles/2023/year-end-review-2023/en.md',
  'tests/fixtures/site/content/articles/2023/year-end-review-2023/zh.md',
].map((file) => path.join(root, file));

/** Splits a Markdown file into a minimal frontmatter (its language) and the body. */
async function readArticle(file: string) {
  const text = await readFile(file, 'utf8');
  const end = text.indexOf('\n---', 3);
  return { body: text.slice(text.indexOf('\n', end + 1) + 1), frontmatter: { language: path.basename(file, '.md') } };
}

describe('MarkdownPool', () => {
  it('renders exactly what the site processor renders in the main thread', async () => {
    const processor = await unified(articleMarkdownOptions(siteUrl, base)).createRenderer(renderer);
    for (const file of articles) {
      const { body, frontmatter } = await readArticle(file);
      const inThread = await processor.render(body, { frontmatter, fileURL: pathToFileURL(file) });
      const inWorker = await pool.render({ body, frontmatter, filePath: file });
      expect(inWorker.html).toBe(inThread.code);
      expect(inWorker.metadata.localImagePaths).toEqual(inThread.metadata.localImagePaths);
      expect(inWorker.html.length).toBeGreaterThan(200);
    }
  });

  it('answers many concurrent requests, each with its own body', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => `Paragraph number ${i} -- "quoted".`);
    const results = await Promise.all(
      bodies.map((body) => pool.render({ body, frontmatter: {}, filePath: undefined })),
    );
    results.forEach((result, i) => expect(result.html).toBe(`<p>Paragraph number ${i} \u2014 \u201cquoted\u201d.</p>`));
  });
});
