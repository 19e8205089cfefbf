import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { parseSrcset, rewriteSrcset, srcsetUrls } from '#lib/srcset.ts';
import { rehypeBasePath, withBase } from '#plugins/rehype-base-path.ts';
import { articleRehypePlugins } from '#plugins/index.ts';
import { render, renderWithAstro, testOptions } from './render.ts';

const base = '/previews/pr-42/';
const based = (markdown: string, under = base): Promise<string> =>
  render(markdown, { plugins: [rehypeRaw, [rehypeBasePath, { base: under }]] });

describe('withBase', () => {
  it.each([
    ['/en/2024/story/', '/previews/pr-42/en/2024/story/'],
    ['/', '/previews/pr-42/'],
    ['/files/report.pdf?v=2#page=3', '/previews/pr-42/files/report.pdf?v=2#page=3'],
    // Already under the base: as written.
    ['/previews/pr-42/en/', '/previews/pr-42/en/'],
    ['/previews/pr-42', '/previews/pr-42'],
    ['/previews/pr-42#top', '/previews/pr-42#top'],
    // A longer name that only starts like the base is not under it.
    ['/previews/pr-420/en/', '/previews/pr-42/previews/pr-420/en/'],
    // Not root-relative: protocol-relative (also with a backslash, as browsers read it), web, relative, fragments.
    ['//cdn.example.net/a.png', '//cdn.example.net/a.png'],
    ['/\\cdn.example.net/a.png', '/\\cdn.example.net/a.png'],
    ['https://example.org/x', 'https://example.org/x'],
    ['mailto:press@example.org', 'mailto:press@example.org'],
    ['./diagram.png', './diagram.png'],
    ['../other/', '../other/'],
    ['#notes', '#notes'],
    ['?page=2', '?page=2'],
    ['', ''],
  ])('%s → %s', (url, expected) => {
    expect(withBase(url, base)).toBe(expected);
  });

  it('reads the base with or without its slashes, and changes nothing under /', () => {
    expect(withBase('/en/', 'previews/pr-42')).toBe('/previews/pr-42/en/');
    expect(withBase('/en/', '/previews/pr-42')).toBe('/previews/pr-42/en/');
    expect(withBase('/en/', '/')).toBe('/en/');
    expect(withBase('/en/', '')).toBe('/en/');
  });
});

describe('rehypeBasePath', () => {
  it('prefixes site-absolute links and files, in Markdown and raw HTML', async () => {
    const html = await based(
      '[story](/en/2024/story/) [report](/files/report.pdf) ![logo](/img/logo.png)\n\n' +
        '<img src="/img/x.png" alt="x"> <a href="/zh/">中文</a>',
    );
    expect(html).toBe(
      '<p><a href="/previews/pr-42/en/2024/story/">story</a> <a href="/previews/pr-42/files/report.pdf">report</a> ' +
        '<img src="/previews/pr-42/img/logo.png" alt="logo"></p>\n' +
        '<p><img src="/previews/pr-42/img/x.png" alt="x"> <a href="/previews/pr-42/zh/">中文</a></p>',
    );
  });

  it('prefixes every candidate of a srcset, and posters and sources', async () => {
    const html = await based(
      '<picture><source srcset="/img/a.webp 1x, /img/a@2x.webp 2x, https://cdn.example.net/a.webp 3x"><img src="/img/a.png" alt=""></picture>\n\n' +
        '<video poster="/img/still.jpg" src="/media/clip.mp4"></video>',
    );
    expect(html).toContain(
      'srcset="/previews/pr-42/img/a.webp 1x, /previews/pr-42/img/a@2x.webp 2x, https://cdn.example.net/a.webp 3x"',
    );
    expect(html).toContain('<video poster="/previews/pr-42/img/still.jpg" src="/previews/pr-42/media/clip.mp4">');
  });

  it('reads a srcset as browsers do: a comma inside an address does not split it', async () => {
    const html = await based(
      '<picture><source srcset="/img/a.webp?w=1,2 1x,/img/b.webp 2x, img/c.webp,/img/d.webp"><img src="/img/a.png" alt=""></picture>',
    );
    expect(html).toContain(
      'srcset="/previews/pr-42/img/a.webp?w=1,2 1x,/previews/pr-42/img/b.webp 2x, img/c.webp,/img/d.webp"',
    );
  });

  it('leaves fragments, relative, protocol-relative, web and already-prefixed addresses alone', async () => {
    const markdown =
      '[a](#notes) [b](../y/) [c](//cdn.example.net/f.pdf) [d](https://example.org/) [e](/previews/pr-42/en/)';
    expect(await based(markdown)).toBe(
      '<p><a href="#notes">a</a> <a href="../y/">b</a> <a href="//cdn.example.net/f.pdf">c</a> ' +
        '<a href="https://example.org/">d</a> <a href="/previews/pr-42/en/">e</a></p>',
    );
  });

  it('changes nothing when the site is at the root', async () => {
    expect(await based('[story](/en/2024/story/) <img src="/img/x.png">', '/')).toBe(
      '<p><a href="/en/2024/story/">story</a> <img src="/img/x.png"></p>',
    );
  });

  it('runs in the site pipeline, leaving relative images (the image pipeline takes them) and in-page links', async () => {
    const html = await render(
      '## Results\n\nSee [the story](/en/2024/story/) and [results](#results).\n\n![A](./a.png)',
      {
        plugins: articleRehypePlugins({ ...testOptions, base }),
      },
    );
    expect(html).toContain('<a href="/previews/pr-42/en/2024/story/">the story</a>');
    expect(html).toContain('<a href="#results">results</a>');
    expect(html).toContain('src="./a.png"');
    // Without the option (the default base /) nothing is prefixed.
    expect(await renderWithAstro('[s](/en/2024/story/)')).toContain('<a href="/en/2024/story/">s</a>');
  });
});

// The srcset reader of src/lib/srcset.ts, which this plugin, the feeds and both checkers share.
describe('srcset', () => {
  it('splits candidates at commas after an address or its descriptors, as the HTML standard reads them', () => {
    expect(srcsetUrls('/a.png 1x, /b.png 2x')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('/a.png, /b.png 2x,/c.png')).toEqual(['/a.png', '/b.png', '/c.png']);
    expect(srcsetUrls('/a.png,/b.png 2x')).toEqual(['/a.png,/b.png']);
    expect(srcsetUrls('/img?size=1,2 800w, /c.png')).toEqual(['/img?size=1,2', '/c.png']);
    expect(srcsetUrls(' ')).toEqual([]);
    expect(srcsetUrls(undefined)).toEqual([]);
    expect(srcsetUrls(['/a.png 1x', ' /b.png 2x'])).toEqual(['/a.png', '/b.png']);
  });

  it('gives each address with its place and its descriptors', () => {
    expect(parseSrcset(' /a.png 640w (x, y),/b.png')).toEqual([
      { url: '/a.png', start: 1, descriptors: '640w (x, y)' },
      { url: '/b.png', start: 20, descriptors: '' },
    ]);
  });

  it('rewrites addresses in place, keeping every space and comma as written', () => {
    expect(rewriteSrcset(' /a.png  2x ,/b.png,, /c.png', (url) => url.toUpperCase())).toBe(
      ' /A.PNG  2x ,/B.PNG,, /C.PNG',
    );
  });
});
