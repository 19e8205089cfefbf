import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OTHER_SHARD } from '#lib/search-shards.ts';
import { pagefindEngines, searchableHtml, shardOfPage } from '#pipeline/search-index.ts';

/** A page's bytes as the build writes them. */
const page = (html: string): Buffer => Buffer.from(html, 'utf8');

describe('shardOfPage', () => {
  it('puts a story page in the shard of the year its Pagefind filter states', () => {
    expect(shardOfPage(page('<main data-pagefind-body><span data-pagefind-filter="year:2024" hidden></span>'))).toBe(
      '2024',
    );
  });

  it('puts a page without a year filter, or with a malformed one, in `other`', () => {
    expect(shardOfPage(page('<main data-pagefind-body><h1>Speakers</h1></main>'))).toBe(OTHER_SHARD);
    expect(shardOfPage(page('<span data-pagefind-filter="year:20x4">'))).toBe(OTHER_SHARD);
    expect(shardOfPage(page('<span data-pagefind-filter="year:20245">'))).toBe(OTHER_SHARD);
  });
});

/** A story page shaped like the site's: head, site header, the marked article, neighbours, footer. */
function storyPage(lang: 'en' | 'zh', slug: string, year: string): string {
  const words =
    lang === 'zh' ? `新闻发布会在北京举行，${slug} 专利合作签署。` : `A press conference on ${slug} patents was held.`;
  return [
    `<!DOCTYPE html><html lang="${lang}" dir="ltr"><head><meta charset="utf-8"><title>${slug} | News</title>`,
    `<meta name="description" content="Site description words"><link rel="stylesheet" href="/_astro/a.css"></head>`,
    `<body><a href="#main">Skip</a><header class="site-header"><img src="/logo.svg" alt="Logo">`,
    `<nav><a href="/${lang}/">Home</a> <a href="/${lang}/archive/">Archive</a> Navigation words</nav></header>`,
    `<main id="main"><article class="article" data-pagefind-body data-pagefind-sort="date:${year}-05-01"`,
    ` data-pagefind-filter="year:${year}" data-pagefind-meta="date:1 May ${year}"><header>`,
    `<h1 data-pagefind-meta="title">${slug}</h1></header><div class="prose"><p>${words}</p>`,
    `<img src="/${lang}/${year}/${slug}/photo.jpg" alt="Photo ${slug}"></div>`,
    `<div data-pagefind-ignore data-pagefind-meta="facts:Guo Jing"><a href="/${lang}/tags/ip/" data-pagefind-filter="tag">IP</a></div>`,
    `</article><nav class="neighbours">Previous story words</nav></main>`,
    `<footer>Footer words © News</footer><script type="module" src="/_astro/s.js"></script></body></html>`,
  ].join('');
}

describe('searchableHtml', () => {
  it('keeps the html tag and the page from the marked element to the end of <main>', () => {
    const slim = searchableHtml(storyPage('en', 'alpha', '2024'));
    expect(
      slim.startsWith('<!DOCTYPE html><html lang="en" dir="ltr"><body><article class="article" data-pagefind-body'),
    ).toBe(true);
    expect(slim.endsWith('Previous story words</nav></body></html>')).toBe(true);
    for (const gone of ['<title>', 'Navigation words', 'Footer words', '/logo.svg']) expect(slim).not.toContain(gone);
  });

  it('sends a page whole when a Pagefind attribute is outside that stretch, or the stretch is not there', () => {
    const outside = storyPage('en', 'alpha', '2024').replace('<footer>', '<footer data-pagefind-filter="site:x">');
    const noMain = storyPage('en', 'alpha', '2024').replace('</main>', '</div>');
    const unmarked = '<html lang="en"><body><main><h1>Speakers</h1></main></body></html>';
    for (const html of [outside, noMain, unmarked]) expect(searchableHtml(html)).toBe(html);
  });

  it('gives Pagefind bundles byte-identical to those of the whole pages, in both languages', async () => {
    const pages = ['en', 'zh'].flatMap((lang) =>
      ['alpha', 'beta', 'gamma'].map((slug) => ({
        path: `${lang}/2024/${slug}/index.html`,
        html: storyPage(lang as 'en' | 'zh', slug, '2024'),
      })),
    );
    const work = await mkdtemp(path.join(tmpdir(), 'news-archive-searchable-'));
    try {
      const [engine] = await pagefindEngines(1);
      if (!engine) throw new Error('no Pagefind engine');
      const digests: string[] = [];
      for (const slim of [false, true]) {
        const { index } = await engine.createIndex({});
        if (!index) throw new Error('no Pagefind index');
        for (const page of pages) {
          const added = await index.addHTMLFile({
            sourcePath: page.path,
            content: slim ? searchableHtml(page.html) : page.html,
          });
          expect(added.errors).toEqual([]);
        }
        const out = path.join(work, String(slim));
        await index.writeFiles({ outputPath: out });
        await index.deleteIndex();
        const hash = createHash('sha256');
        const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
        for (const file of files.map((e) => path.join(e.parentPath, e.name)).sort()) {
          hash.update(path.relative(out, file)).update(await readFile(file));
        }
        digests.push(hash.digest('hex'));
      }
      await engine.close();
      expect(digests[1]).toBe(digests[0]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
