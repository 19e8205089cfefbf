import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { headingIdsMessageSource, remarkHeadingIds, splitHeadingId } from '#plugins/remark-heading-ids.ts';
import { elementsOf, render, textOf } from './render.ts';

/** `line:column reason` of each message remark-heading-ids files for the editor (the checker prints them). */
function messages(markdown: string): string[] {
  const processor = unified().use(remarkParse).use(remarkHeadingIds);
  const file = new VFile({ value: markdown });
  processor.runSync(processor.parse(file), file);
  return file.messages
    .filter((m) => m.source === headingIdsMessageSource)
    .map((m) => `${m.line ?? '?'}:${m.column ?? '?'} ${m.reason}`);
}

/** The ids of the headings of a rendered body, in order. */
const headingIds = (html: string): unknown[] =>
  elementsOf(html)
    .filter((e) => /^h[1-6]$/.test(e.tagName))
    .map((e) => e.properties['id']);

describe('splitHeadingId', () => {
  it('finds `{#id}` at the end of a heading and the text before it', () => {
    expect(splitHeadingId('Results {#results}')).toEqual({ text: 'Results', id: 'results' });
    expect(splitHeadingId('结果 {#结果-2024}')).toEqual({ text: '结果', id: '结果-2024' });
    expect(splitHeadingId('Release v1.2 {#v1.2_notes}  ')).toEqual({ text: 'Release v1.2', id: 'v1.2_notes' });
  });

  it('leaves anything else alone: ids with spaces or quotes, braces mid-text, no braces', () => {
    expect(splitHeadingId('Results {#two words}')).toBeUndefined();
    expect(splitHeadingId('A {#"x"}')).toBeUndefined();
    expect(splitHeadingId('A {#x} b')).toBeUndefined();
    expect(splitHeadingId('Set {a, b}')).toBeUndefined();
  });
});

describe('custom heading ids through the article pipeline', () => {
  it('gives the heading the chosen id, and its self-link points at it; `{#id}` shows nowhere', async () => {
    const html = await render('## Keynote speeches {#keynotes}\n\nText.');
    expect(headingIds(html)).toEqual(['keynotes']);
    expect(html).toContain('<a class="heading-anchor" href="#keynotes"');
    expect(html).toContain('Link to this section: Keynote speeches</span>');
    expect(textOf(html)).not.toContain('{#');
  });

  it('makes in-body links to `#id` reach the heading, not a `user-content-` twin', async () => {
    const html = await render('See [the results](#results).\n\n## Results of the year {#results}');
    expect(headingIds(html)).toEqual(['results']);
    expect(html).toContain('<a href="#results">the results</a>');
  });

  it('gives the chosen id priority over a slug of an earlier heading', async () => {
    const html = await render('## Intro\n\n## Overview {#intro}');
    expect(headingIds(html)).toEqual(['intro-1', 'intro']);
  });

  it('keeps ids unique and clear of the page’s own ids', async () => {
    const html = await render('## One {#same}\n\n## Two {#same}\n\n## Three {#main}');
    expect(headingIds(html)).toEqual(['same', 'same-1', 'main-1']);
  });

  it('takes the id out before typography: `--` in it stays two hyphens, the heading text is curled', async () => {
    const html = await render('## "Quoted" heading {#a--b}');
    expect(headingIds(html)).toEqual(['a--b']);
    expect(html).toContain('\u201cQuoted\u201d heading</h2>');
  });

  it('works on setext headings, closed ATX headings and Chinese headings', async () => {
    const html = await render('Results {#r}\n-------\n\n## Closed {#closed} ##\n\n## 会议成果 {#成果}', {
      language: 'zh',
    });
    expect(headingIds(html)).toEqual(['r', 'closed', '成果']);
    expect(html).toContain('本节链接：会议成果');
  });

  it('leaves an escaped brace, an invalid id and a heading of only an id as the editor wrote them', async () => {
    const html = await render('## Literal \\{#not-an-id}\n\n## Bad {#two words}');
    expect(textOf(html)).toContain('Literal {#not-an-id}');
    expect(textOf(html)).toContain('Bad {#two words}');
    expect(headingIds(html)).toEqual(['literal-not-an-id', 'bad-two-words']);
  });

  it('never gives an id to a heading written in raw HTML, whose id keeps the `user-content-` prefix', async () => {
    const html = await render('<h2 id="raw">Raw {#x}</h2>\n\n## Markdown {#raw}');
    expect(headingIds(html)).toEqual(['user-content-raw', 'raw']);
  });

  it('keeps hostile text in the heading text, never in the id', async () => {
    const html = await render('## <script>alert(1)</script> Title {#ok}\n\n## `<img src=x onerror=alert(1)>` {#x"y}');
    expect(elementsOf(html).some((e) => e.tagName === 'script' || e.tagName === 'img')).toBe(false);
    expect(headingIds(html)[0]).toBe('ok');
    expect(textOf(html)).toContain('<img src=x onerror=alert(1)> {#x\u201cy}');
    expect(headingIds(html)[1]).toBe('img-srcx-onerroralert1-xy');
  });
});

describe('`{#…}` braces that hold no usable id', () => {
  const instead = 'so the braces show in the heading and its id is made from its text instead';

  it('tells the editor where, why and what to write', () => {
    expect(
      messages('## Heading {#}\n\n## Has {#has space}\n\n## Pandoc {#intro .unnumbered}\n\nSetext {#a"b}\n---'),
    ).toEqual([
      `1:12 heading id {#} is empty, ${instead}: write an id after the "#", e.g. {#results}`,
      `3:8 heading id {#has space} cannot be used: an id holds only letters, digits, "-", "_" and "." (no spaces or quotes), ${instead}: write {#has-space}`,
      `5:11 heading id {#intro .unnumbered} cannot be used: an id holds only letters, digits, "-", "_" and "." (no spaces, quotes or classes), ${instead}: write {#intro}`,
      `7:8 heading id {#a"b} cannot be used: an id holds only letters, digits, "-", "_" and "." (no spaces or quotes), ${instead}: write {#ab}`,
    ]);
  });

  it('says nothing about good ids (`{#1.2}` is a valid HTML id and a working link), escapes or braces mid-text', async () => {
    expect(messages('## Release {#1.2}\n\n## 结果 {#结果}\n\n## Literal \\{#not an id}\n\n## Set {#a} b')).toEqual([]);
    expect(headingIds(await render('## Release {#1.2}'))).toEqual(['1.2']);
  });
});
