import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_IMAGE_SIZES } from '#lib/image-sizes.ts';
import { articleRehypePlugins, articleRemarkPlugins } from '#plugins/index.ts';
import { pipelineImagePath } from '#plugins/rehype-raw-images.ts';
import { testOptions } from './render.ts';

let content: string;
let article: string;

beforeAll(() => {
  content = mkdtempSync(path.join(tmpdir(), 'raw-images-'));
  const story = path.join(content, 'articles/2024/story');
  mkdirSync(story, { recursive: true });
  article = path.join(story, 'en.md');
  // A folder beside the article that is a link to one outside the content folder.
  const outside = mkdtempSync(path.join(tmpdir(), 'raw-images-outside-'));
  writeFileSync(path.join(outside, 'secret.png'), 'not read');
  symlinkSync(outside, path.join(story, 'linked'));
});
afterAll(() => {
  rmSync(content, { recursive: true, force: true });
});

/** Renders a body with Astro's real Markdown processor, as the article at `article` in `content`. */
async function renderArticle(markdown: string): Promise<{ html: string; local: string[] }> {
  const renderer = await createMarkdownProcessor({
    syntaxHighlight: false,
    smartypants: false,
    remarkPlugins: articleRemarkPlugins(),
    rehypePlugins: articleRehypePlugins({ ...testOptions, contentDir: content }),
  });
  const result = await renderer.render(markdown, { fileURL: pathToFileURL(article), frontmatter: { language: 'en' } });
  return { html: result.code, local: result.metadata.localImagePaths };
}

/** The JSON Astro's rehype-images wrote into each `__ASTRO_IMAGE_` mark, in order. */
function marks(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/__ASTRO_IMAGE_="([^"]*)"/g)].map(
    ([, json]) =>
      JSON.parse((json ?? '').replaceAll('&#x22;', '"').replaceAll('&#x26;', '&')) as Record<string, unknown>,
  );
}

describe('pipelineImagePath', () => {
  it.each([
    ['./diagram.png', './diagram.png'],
    ['diagram.png', './diagram.png'],
    ['../other-story/chart.svg', '../other-story/chart.svg'],
    ['./images/Photo%20one.JPG', './images/Photo one.JPG'],
    ['./图表.webp', './图表.webp'],
  ])('reads %j as %j', (src, expected) => {
    expect(pipelineImagePath(src)).toBe(expected);
  });

  it.each([
    'https://example.org/a.png',
    '//cdn.example.org/a.png',
    '/img/a.png',
    'data:image/png;base64,iVBORw0KGgo=',
    'javascript:alert(1)//.png',
    './a.png?v=2',
    './a.png#frag',
    './notes.txt',
    './a.png.exe',
    './bad%E0%A4%A.png',
    ' ./a.png',
    '',
    undefined,
    42,
  ])('leaves %j as it is', (src) => {
    expect(pipelineImagePath(src)).toBeUndefined();
  });
});

describe('rehypeRawImages: raw-HTML images through Astro’s image pipeline', () => {
  it('registers a raw <img> beside the article, as Astro registers Markdown images, and marks it', async () => {
    const { html, local } = await renderArticle(
      'Text.\n\n<img src="./diagram.png" alt="How the archive works" title="Diagram" width="600">\n\n' +
        '![A photo](./photo.jpg)',
    );
    expect(local).toEqual(['./photo.jpg', './diagram.png']);
    expect(html).not.toContain('src="./diagram.png"');
    expect(marks(html)).toEqual([
      {
        src: './diagram.png',
        alt: 'How the archive works',
        title: 'Diagram',
        width: 600,
        index: 0,
        sizes: BODY_IMAGE_SIZES,
      },
      { src: './photo.jpg', alt: 'A photo', index: 0, sizes: BODY_IMAGE_SIZES },
    ]);
  });

  it('finds images anywhere in raw HTML, and reads a bare file name as ./name', async () => {
    const { html, local } = await renderArticle(
      '<p align="center"><a href="https://example.org/"><img src="diagram.png" alt="D" height="200"></a></p>\n\n' +
        '<figure><img src="./chart%20one.png" alt="C"><figcaption>Chart</figcaption></figure>\n\n' +
        'Inline <img src="./icon.gif" alt="i" width="50%"> too.',
    );
    expect(local).toEqual(['./diagram.png', './chart one.png', './icon.gif']);
    expect(marks(html)).toEqual([
      { src: './diagram.png', alt: 'D', height: 200, index: 0, sizes: BODY_IMAGE_SIZES },
      { src: './chart one.png', alt: 'C', index: 0, sizes: BODY_IMAGE_SIZES },
      // `50%` is no size in pixels: dropped, the pipeline sizes the image.
      { src: './icon.gif', alt: 'i', index: 0, sizes: BODY_IMAGE_SIZES },
    ]);
  });

  it('leaves web addresses, site-absolute paths and everything outside the content folder alone', async () => {
    const body = [
      '<img src="https://example.org/a.png" alt="remote">',
      '<img src="/img/a.png" alt="site">',
      '<img src="//cdn.example.org/a.png" alt="cdn">',
      '<img src="../../../../outside.png" alt="escapes">',
      '<img src="./linked/secret.png" alt="through a link">',
      '<img src="./a.png?v=2" alt="query">',
      '<picture><source srcset="./a.webp" type="image/webp"><img src="./a.png" alt="picture"></picture>',
    ].join('\n\n');
    const { html, local } = await renderArticle(body);
    expect(local).toEqual([]);
    expect(marks(html)).toEqual([]);
    for (const src of ['https://example.org/a.png', '/img/a.png', '../../../../outside.png', './linked/secret.png']) {
      expect(html).toContain(`src="${src}"`);
    }
  });

  it('keeps the sanitizer’s work: hostile attributes never reach the image pipeline', async () => {
    const { html } = await renderArticle(
      '<img src="./diagram.png" alt="x" onerror="alert(1)" style="position:fixed" id="main" loading="eager">',
    );
    expect(marks(html)).toEqual([
      { src: './diagram.png', alt: 'x', id: 'user-content-main', index: 0, sizes: BODY_IMAGE_SIZES },
    ]);
    expect(html).not.toMatch(/onerror|style=/);
  });

  it('does nothing without a file to resolve from', async () => {
    const renderer = await createMarkdownProcessor({
      syntaxHighlight: false,
      smartypants: false,
      rehypePlugins: articleRehypePlugins({ ...testOptions, contentDir: content }),
    });
    const result = await renderer.render('<img src="./diagram.png" alt="x">');
    expect(result.metadata.localImagePaths).toEqual([]);
    expect(result.code).toContain('<img src="./diagram.png" alt="x">');
  });
});
