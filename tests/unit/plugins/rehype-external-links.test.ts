import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { isExternalHref, rehypeExternalLinks } from '#plugins/rehype-external-links.ts';
import { render } from './render.ts';

const siteUrl = 'https://news.example.org/previews/pr-42/';
const links = (markdown: string): Promise<string> =>
  render(markdown, { plugins: [rehypeRaw, [rehypeExternalLinks, { siteUrl }]] });

describe('rehypeExternalLinks', () => {
  it('marks http(s) links to other hosts, without opening new windows', async () => {
    expect(await links('[WIPO](https://www.wipo.int/) and [old](http://example.com/x)')).toBe(
      '<p><a href="https://www.wipo.int/" rel="noopener noreferrer" class="external">WIPO</a> and ' +
        '<a href="http://example.com/x" rel="noopener noreferrer" class="external">old</a></p>',
    );
  });

  it('keeps existing rel values and classes, and adds nothing twice', async () => {
    expect(await links('<a href="https://x.example/" rel="nofollow noopener" class="cta">x</a>')).toBe(
      '<p><a href="https://x.example/" rel="nofollow noopener noreferrer" class="cta external">x</a></p>',
    );
  });

  it('treats protocol-relative links and other subdomains as external', async () => {
    const html = await links('[a](//cdn.example.net/f.pdf) [b](https://www.news.example.org/)');
    expect(html).toBe(
      '<p><a href="//cdn.example.net/f.pdf" rel="noopener noreferrer" class="external">a</a> ' +
        '<a href="https://www.news.example.org/" rel="noopener noreferrer" class="external">b</a></p>',
    );
  });

  it('leaves internal, relative, mailto and in-page links untouched', async () => {
    const markdown =
      '[a](https://news.example.org/en/) [b](/zh/2024/x/) [c](../y/) [d](mailto:press@example.org) [e](#notes)';
    expect(await links(markdown)).toBe(
      '<p><a href="https://news.example.org/en/">a</a> <a href="/zh/2024/x/">b</a> <a href="../y/">c</a> ' +
        '<a href="mailto:press@example.org">d</a> <a href="#notes">e</a></p>',
    );
  });

  it('isExternalHref decides by host only', () => {
    const site = new URL(siteUrl);
    expect(isExternalHref('https://NEWS.example.org/x', site)).toBe(false);
    expect(isExternalHref('http://news.example.org/x', site)).toBe(false);
    expect(isExternalHref('https://news.example.org:8443/x', site)).toBe(true);
    expect(isExternalHref('ftp://files.example.net/x', site)).toBe(false);
    expect(isExternalHref('tel:+861012345678', site)).toBe(false);
  });
});
