import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { articleRehypePlugins } from '#plugins/index.ts';
import { elementsOf, render, renderWithAstro, testOptions } from './render.ts';

const hostile = `
# Totally normal article

<script>alert('script')</script>
<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>

Look: <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">click</a> and [x](javascript:alert(1)).

<a href=" JaVaScRiPt:alert(1)">spaced</a> <a href="&#106;avascript:alert(1)">entity</a>
<a href="data:text/html,<script>alert(1)</script>">data</a> <a href="vbscript:msgbox(1)">vb</a>

<svg onload="alert(1)"><circle r="10"/></svg>
<math><mtext><script>alert(1)</script></mtext></math>

<iframe src="https://evil.example/"></iframe>
<iframe src="https://www.youtube-nocookie.com/embed/abc" onload="alert(1)"></iframe>

<style>body { display: none }</style>
<form action="https://evil.example/"><input type="password" name="pw"><button formaction="javascript:alert(1)">Go</button></form>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<link rel="stylesheet" href="https://evil.example/x.css">
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">

<div style="position:fixed;inset:0" id="main">overlay</div>

<details open ontoggle="alert(1)"><summary>More</summary>Hidden</details>

<p onmouseover="alert(1)" style="color:red">styled</p>
`;

/** Every way the output could still run script, reported as readable strings. */
function executable(html: string): string[] {
  const problems: string[] = [];
  const forbidden = ['script', 'style', 'object', 'embed', 'base', 'meta', 'link', 'svg', 'math', 'form', 'template'];
  for (const node of elementsOf(html)) {
    if (forbidden.includes(node.tagName)) problems.push(`<${node.tagName}>`);
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) problems.push(`${node.tagName}[${key}]`);
      if (key === 'style') problems.push(`${node.tagName}[style]`);
      if (key === 'href' || key === 'src' || key === 'action' || key === 'formAction') {
        const url = String(value).trim().toLowerCase();
        if (/^(javascript|vbscript|data):/.test(url)) problems.push(`${node.tagName}[${key}=${url}]`);
      }
    }
  }
  return problems;
}

const iframes = (html: string): Element[] => elementsOf(html).filter((e) => e.tagName === 'iframe');

describe('articleRehypePlugins: a hostile article', () => {
  it('the check itself catches what it should', () => {
    expect(executable('<a href=" javascript:x" onclick="y"><svg></svg></a><p style="x"></p>')).toEqual([
      'a[href=javascript:x]',
      'a[onClick]',
      '<svg>',
      'p[style]',
    ]);
  });

  it('renders with nothing executable left', async () => {
    const html = await render(hostile);
    expect(executable(html)).toEqual([]);
    expect(html).not.toMatch(/alert|evil\.example/);
  });

  it('keeps the allowed embed, sandboxed, and drops the other', async () => {
    const html = await render(hostile);
    const frames = iframes(html);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.properties).toEqual({
      src: 'https://www.youtube-nocookie.com/embed/abc',
      loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin',
      sandbox: ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'],
      // Added by rehype-embeds: a frame needs a name for screen readers.
      title: 'Video',
    });
  });

  it('keeps the harmless content and moves the user id out of the page’s way', async () => {
    const html = await render(hostile);
    expect(html).toContain('<div id="user-content-main">overlay</div>');
    expect(html).toContain('<details open><summary>More</summary>Hidden</details>');
    expect(html).toContain('<p>styled</p>');
    expect(html).toContain('<h2 id="totally-normal-article">Totally normal article</h2>');
  });

  it('is just as safe through Astro’s own processor', async () => {
    const html = await renderWithAstro(hostile);
    expect(executable(html)).toEqual([]);
    expect(html).not.toMatch(/alert|evil\.example/);
    expect(iframes(html)).toHaveLength(1);
  });
});

describe('articleRehypePlugins: composition', () => {
  const article = [
    '# Experts from government',
    '',
    'The forum[^1] was opened by 申长雨, see [WIPO](https://www.wipo.int/) and [below](#关于论坛).',
    '',
    '![Speakers on the stage](./opening.jpg "The opening ceremony")',
    '',
    '（图：WOC）',
    '',
    '## 关于论坛',
    '',
    '## About the forum',
    '',
    '[^1]: The 2024 High-level Forum.',
  ].join('\n');

  it('runs every plugin, in an order where each sees what it needs', async () => {
    const html = await render(article, { language: 'en' });
    expect(html).toBe(
      [
        '<div class="heading-wrapper level-h2"><h2 id="experts-from-government">Experts from government</h2>' +
          '<a class="heading-anchor" href="#experts-from-government" data-pagefind-ignore="all"><span aria-hidden="true">#</span>' +
          '<span class="sr-only">Link to this section: Experts from government</span></a></div>',
        '<p>The forum<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" ' +
          'aria-describedby="user-content-footnote-label">1</a></sup> was opened by <span lang="zh-Hans" data-search-words="申 长 雨" data-pagefind-meta="search_words_1[data-search-words]">申长雨</span>, ' +
          'see <a href="https://www.wipo.int/" rel="noopener noreferrer" class="external">WIPO</a> and ' +
          '<a href="#%E5%85%B3%E4%BA%8E%E8%AE%BA%E5%9D%9B">below</a>.</p>',
        '<figure><img src="./opening.jpg" alt="Speakers on the stage"><figcaption>The opening ceremony ' +
          '<span class="credit"><span lang="zh-Hans" data-search-words="图" data-pagefind-meta="search_words_2[data-search-words]">图：</span>WOC</span></figcaption></figure>',
        '<div class="heading-wrapper level-h3"><h3 id="关于论坛" lang="zh-Hans" data-search-words="关于 论坛" data-pagefind-meta="search_words_3[data-search-words]">关于论坛</h3>' +
          '<a class="heading-anchor" href="#关于论坛" data-pagefind-ignore="all"><span aria-hidden="true">#</span>' +
          '<span class="sr-only">Link to this section: <span lang="zh-Hans" data-search-words="关于 论坛" data-pagefind-meta="search_words_4[data-search-words]">关于论坛</span></span></a></div>',
        '<div class="heading-wrapper level-h3"><h3 id="about-the-forum">About the forum</h3>' +
          '<a class="heading-anchor" href="#about-the-forum" data-pagefind-ignore="all"><span aria-hidden="true">#</span>' +
          '<span class="sr-only">Link to this section: About the forum</span></a></div>',
        '<section data-footnotes="" class="footnotes"><h2 class="sr-only" id="user-content-footnote-label">Footnotes</h2>',
        '<ol>',
        '<li id="user-content-fn-1">',
        '<p>The 2024 High-level Forum. <a href="#user-content-fnref-1" data-footnote-backref="" ' +
          'aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p>',
        '</li>',
        '</ol>',
        '</section>',
      ].join('\n'),
    );
  });

  it('leaves every in-page link pointing at an id that exists', async () => {
    const markdown = `${article}\n\n<a href="#note">to the note</a> <span id="note">Note</span>\n\nMore[^long].\n\n[^long]: Another.`;
    for (const language of ['en', 'zh']) {
      const elements = elementsOf(await render(markdown, { language }));
      const ids = new Set(elements.map((e) => e.properties['id']));
      const hrefs = elements.map((e) => e.properties['href']).filter((h) => typeof h === 'string' && h.startsWith('#'));
      expect(hrefs.length).toBeGreaterThan(8);
      // Browsers percent-decode a fragment before looking for the id (`#%E5%85%B3…` finds `关…`).
      for (const href of hrefs)
        expect(ids, `${href} (${language})`).toContain(decodeURIComponent(String(href).slice(1)));
    }
  });

  it('keeps images, ids and figures intact through Astro’s image and heading-id plugins', async () => {
    const html = await renderWithAstro(article);
    expect(html).toMatch(
      /<figure><img __ASTRO_IMAGE_="[^"]*&#x22;src&#x22;:&#x22;\.\/opening\.jpg&#x22;[^"]*"><figcaption>/,
    );
    expect(html).toContain('<h2 id="experts-from-government">');
    expect(html).toContain('<h3 id="关于论坛" lang="zh-Hans" data-search-words="关于 论坛"');
    expect(html).toContain('<li id="user-content-fn-1">');
  });

  it('renders every sample article, with each in-page link resolving', async () => {
    const root = 'content/articles';
    for (const year of readdirSync(root)) {
      for (const story of readdirSync(join(root, year))) {
        for (const file of readdirSync(join(root, year, story))) {
          const source = readFileSync(join(root, year, story, file), 'utf8');
          const language = /^language: (\w+)$/m.exec(source)?.[1] ?? 'en';
          const elements = elementsOf(await render(source.replace(/^---\n[\s\S]*?\n---\n/, ''), { language }));
          const ids = new Set(elements.map((e) => e.properties['id']));
          for (const e of elements) {
            const href = e.properties['href'];
            if (typeof href === 'string' && href.startsWith('#'))
              expect(ids).toContain(decodeURIComponent(href.slice(1)));
          }
          expect(elements.some((e) => e.tagName === 'p')).toBe(true);
        }
      }
    }
  });

  it('builds the list in its documented order from plain options', () => {
    const list = articleRehypePlugins(testOptions);
    const names = list
      .map((entry) => (Array.isArray(entry) ? entry[0] : entry))
      .map((p) => (p as { name: string }).name);
    expect(names).toEqual([
      'rehypeSanitizeBody',
      'rehypeEmbeds',
      'rehypeRawImages',
      'rehypeMathml',
      'rehypeCallouts',
      'rehypeDiagramSource',
      'rehypeHeadingLevels',
      'rehypeHeadingAnchors',
      'rehypeExternalLinks',
      'rehypeBasePath',
      'rehypeFigures',
      'rehypeLangPassages',
      'rehypeSearchWords',
      'rehypeCodeBlocks',
      'rehypeTableScroll',
      'rehypeImageSizes',
    ]);
  });
});
