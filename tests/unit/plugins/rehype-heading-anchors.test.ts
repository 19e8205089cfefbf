import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { rehypeHeadingAnchors } from '#plugins/rehype-heading-anchors.ts';
import { render } from './render.ts';

const labels = { en: 'Link to this section', zh: '本节链接' };
const separators = { en: ': ', zh: '：' };
const anchors = (markdown: string, language = 'en'): Promise<string> =>
  render(markdown, { language, plugins: [rehypeRaw, [rehypeHeadingAnchors, { labels, separators }]] });

describe('rehypeHeadingAnchors', () => {
  it('wraps a heading with its self-link in the Starlight pattern', async () => {
    expect(await anchors('## Keynote speeches')).toBe(
      '<div class="heading-wrapper level-h2"><h2 id="keynote-speeches">Keynote speeches</h2>' +
        '<a class="heading-anchor" href="#keynote-speeches" data-pagefind-ignore="all"><span aria-hidden="true">#</span>' +
        '<span class="sr-only">Link to this section: Keynote speeches</span></a></div>',
    );
  });

  it('labels the link in the article’s language and keeps Han characters in ids', async () => {
    expect(await anchors('### 来自政府、企业和机构的专家', 'zh')).toBe(
      '<div class="heading-wrapper level-h3"><h3 id="来自政府企业和机构的专家">来自政府、企业和机构的专家</h3>' +
        '<a class="heading-anchor" href="#来自政府企业和机构的专家" data-pagefind-ignore="all"><span aria-hidden="true">#</span>' +
        '<span class="sr-only">本节链接：来自政府、企业和机构的专家</span></a></div>',
    );
  });

  it('keeps the self-link, and so its label, out of the search index and its excerpts', async () => {
    const html = await anchors('## Keynote speeches\n\nText.');
    expect(html).toMatch(/<a class="heading-anchor"[^>]* data-pagefind-ignore="all">.*Link to this section/);
    expect(html).toContain('<h2 id="keynote-speeches">Keynote speeches</h2>');
  });

  it('falls back to the first label for an unknown language', async () => {
    expect(await anchors('## Résumé', 'fr')).toContain('<span class="sr-only">Link to this section: Résumé</span>');
  });

  it('uses the heading’s plain text for the label, whatever markup is inside', async () => {
    expect(await anchors('## The *new*  `PCT` [rules](https://example.org/)')).toContain(
      '<span class="sr-only">Link to this section: The new PCT rules</span>',
    );
  });

  it('makes ids unique in the document, also against existing ids and the page’s own', async () => {
    const html = await anchors('<p id="intro">x</p>\n\n## Intro\n\n## Intro\n\n## Main\n\n## !!!');
    expect(html).toMatch(/<h2 id="intro-1">Intro<\/h2>.*\n.*<h2 id="intro-2">Intro<\/h2>/);
    expect(html).toContain('<h2 id="main-1">Main</h2>');
    expect(html).toContain(
      '<h2 id="section">!!!</h2><a class="heading-anchor" href="#section" data-pagefind-ignore="all">',
    );
  });

  it('keeps an id the heading already has', async () => {
    expect(await anchors('<h2 id="user-content-custom">Custom</h2>')).toContain(
      '<h2 id="user-content-custom">Custom</h2><a class="heading-anchor" href="#user-content-custom" data-pagefind-ignore="all">',
    );
  });

  it('leaves h1 and the footnotes label alone', async () => {
    const html = await anchors('# Title\n\nText[^1]\n\n[^1]: Note.');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<h2 class="sr-only" id="footnote-label">Footnotes</h2>');
    expect(html).not.toContain('heading-anchor');
  });

  it('refuses a configuration without labels', () => {
    expect(() => rehypeHeadingAnchors({ labels: {} })).toThrow(/labels/);
  });
});
