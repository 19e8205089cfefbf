import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { articleRemarkPlugins } from '#plugins/index.ts';
import { calloutsMessageSource } from '#plugins/remark-callouts.ts';
import { elementsOf, render, textOf } from './render.ts';

/** `line:column reason` of each message remark-callouts files for the editor (the checker prints them). */
function messages(markdown: string): string[] {
  const processor = unified().use(remarkParse).use(remarkGfm).use(articleRemarkPlugins());
  const file = new VFile({ value: markdown });
  processor.runSync(processor.parse(file), file);
  return file.messages
    .filter((m) => m.source === calloutsMessageSource)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map((m) => `${m.line ?? '?'}:${m.column ?? '?'} ${m.reason}`);
}

/** The callouts of a rendered body: kind (from the class), visible title line, and the text after it. */
function callouts(html: string): { kind: string; title: string; body: string }[] {
  return elementsOf(html)
    .filter((e) => e.properties['role'] === 'note')
    .map((e) => {
      const classes = (e.properties['className'] as string[]).join(' ');
      const [title, ...rest] = e.children.filter((c): c is Element => c.type === 'element');
      return {
        kind: classes,
        title: title ? toString(title).replace(/\s+/g, ' ') : '',
        body: rest.map((c) => toString(c).replace(/\s+/g, ' ').trim()).join('|'),
      };
    });
}

describe('GitHub alerts', () => {
  it('turns each of the five alerts into a labelled callout; the marker is gone', async () => {
    const kinds = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'];
    const html = await render(kinds.map((kind) => `> [!${kind}]\n> About *${kind}*.`).join('\n\n'));
    expect(callouts(html)).toEqual([
      { kind: 'callout callout-note', title: 'Note', body: 'About NOTE.' },
      { kind: 'callout callout-tip', title: 'Tip', body: 'About TIP.' },
      { kind: 'callout callout-important', title: 'Important', body: 'About IMPORTANT.' },
      { kind: 'callout callout-warning', title: 'Warning', body: 'About WARNING.' },
      { kind: 'callout callout-caution', title: 'Caution', body: 'About CAUTION.' },
    ]);
    expect(textOf(html)).not.toContain('[!');
    expect(html).not.toContain('<blockquote');
    expect(html).toContain('<p class="callout-title"><span class="callout-label">Note</span></p>');
  });

  it('labels in the article’s language and keeps a title written after the marker', async () => {
    const html = await render('> [!warning] 截止日期提前\n> 请在五月前提交。', { language: 'zh' });
    expect(callouts(html)).toEqual([
      { kind: 'callout callout-warning', title: '警告：截止日期提前', body: '请在五月前提交。' },
    ]);
  });

  it('keeps blocks inside, and leaves plain quotes, unknown markers and an escaped marker as quotes', async () => {
    const html = await render(
      '> [!TIP]\n> First.\n>\n> - a list\n\n> Just a quote.\n\n> [!SHOUT]\n> Not a kind.\n\n> \\[!NOTE]\n> Escaped.',
    );
    expect(callouts(html)).toHaveLength(1);
    expect(callouts(html)[0]?.body).toBe('First.|a list');
    expect(elementsOf(html).filter((e) => e.tagName === 'blockquote')).toHaveLength(3);
    expect(textOf(html)).toContain('[!SHOUT]');
    expect(textOf(html)).toContain('[!NOTE]');
  });
});

describe('directive callouts', () => {
  it('reads Docusaurus’ six kinds, untitled and titled with `[Title]`', async () => {
    const kinds = ['note', 'tip', 'info', 'caution', 'warning', 'danger'];
    const html = await render(kinds.map((kind) => `:::${kind}\nAbout ${kind}.\n:::`).join('\n\n'));
    expect(callouts(html).map((c) => [c.kind, c.title, c.body])).toEqual(
      kinds.map((kind) => [`callout callout-${kind}`, kind[0]?.toUpperCase() + kind.slice(1), `About ${kind}.`]),
    );
    const titled = await render(':::tip[Use **both** hands]\nCarefully.\n:::');
    expect(callouts(titled)).toEqual([
      { kind: 'callout callout-tip', title: 'Tip: Use both hands', body: 'Carefully.' },
    ]);
    expect(titled).toContain('<span class="callout-label">Tip: </span>Use <strong>both</strong> hands</p>');
  });

  it('reads Docusaurus 2’s `:::note Title`, with and without blank lines, in Chinese too', async () => {
    const spaced = await render(':::note 会议须知\n\n第一段。\n\n- 列表\n\n最后一段。\n\n:::', { language: 'zh' });
    expect(callouts(spaced)).toEqual([
      { kind: 'callout callout-note', title: '注意：会议须知', body: '第一段。|列表|最后一段。' },
    ]);
    const tight = await render(':::danger Do not\nTouch the wire.\n:::');
    expect(callouts(tight)).toEqual([
      { kind: 'callout callout-danger', title: 'Danger: Do not', body: 'Touch the wire.' },
    ]);
    const spacedName = await render('::: tip\nHint.\n:::');
    expect(callouts(spacedName)).toEqual([{ kind: 'callout callout-tip', title: 'Tip', body: 'Hint.' }]);
  });

  it('nests callouts and keeps code, lists and headings inside', async () => {
    const html = await render('::::note\nOuter.\n\n:::warning\nInner.\n:::\n\n```js\nx\n```\n::::');
    const found = callouts(html);
    expect(found.map((c) => c.kind)).toEqual(['callout callout-note', 'callout callout-warning']);
    expect(found[1]?.body).toBe('Inner.');
    expect(elementsOf(html).some((e) => e.tagName === 'pre')).toBe(true);
  });

  it('puts every other directive back as the text the editor wrote', async () => {
    const html = await render(
      'Meet at 10:30 in namespace:default :smile: ok.\n\n::youtube[Video]{#abc}\n\n:::details Summary\n\nInside.\n\n:::\n\n:::unknown[label]{.x}\nBody.\n:::\n\n:::note Unclosed',
    );
    expect(callouts(html)).toEqual([]);
    const paragraphs = elementsOf(html)
      .filter((e) => e.tagName === 'p')
      .map((e) => toString(e));
    expect(paragraphs).toEqual([
      'Meet at 10:30 in namespace:default :smile: ok.',
      '::youtube[Video]{#abc}',
      ':::details Summary',
      'Inside.',
      ':::',
      ':::unknown[label]{.x}',
      'Body.',
      ':::',
      ':::note Unclosed',
    ]);
  });
});

describe('directives the site does not have, and callouts written oddly', () => {
  const kinds = ':::note, :::tip, :::info, :::important, :::warning, :::caution, :::danger';

  it('takes a `{title="…"}` attribute as the title when there is no `[label]`', async () => {
    const html = await render(
      ':::warning{title="Heads up"}\nBody.\n:::\n\n:::tip[Label]{title="Attribute"}\nBody.\n:::',
    );
    expect(callouts(html)).toEqual([
      { kind: 'callout callout-warning', title: 'Warning: Heads up', body: 'Body.' },
      { kind: 'callout callout-tip', title: 'Tip: Label', body: 'Body.' },
    ]);
  });

  it('keeps the closing line of an unknown container in a quote and with more colons', async () => {
    const paragraphs = (html: string): string[] =>
      elementsOf(html)
        .filter((e) => e.tagName === 'p')
        .map((e) => toString(e));
    expect(paragraphs(await render('> :::details\n> Inside.\n> :::'))).toEqual([':::details', 'Inside.', ':::']);
    expect(paragraphs(await render('::::details\nInside.\n::::'))).toEqual(['::::details', 'Inside.', '::::']);
  });

  it('keeps colons in image descriptions, which remark-directive used to cut', async () => {
    const html = await render('![Stage at 10:30, :foo[bar]](x.png) ![Hall 9:45][r]\n\n[r]: y.png');
    const alts = elementsOf(html)
      .filter((e) => e.tagName === 'img')
      .map((e) => e.properties['alt']);
    // Before: "Stage at 10, bar" and "Hall 9".
    expect(alts).toEqual(['Stage at 10:30, :foo[bar]', 'Hall 9:45']);
  });

  it('renders times, "Note:foo" and emoji codes literally, and says nothing about them', async () => {
    const prose = 'Doors open at 12:30. Note:foo, namespace:default, :smile: and key:value[0].';
    expect(textOf(await render(prose))).toBe(prose);
    expect(messages(prose)).toEqual([]);
  });

  it('tells the editor about every directive printed as text, naming the callout kinds', () => {
    expect(
      messages(
        ':::details\nInside.\n:::\n\n:::details Summary\n\nx\n\n:::\n\n::youtube[Launch]{#abc}\n\n::chart{src=a}\n\nSee :abbr[HTML]{title="x"}.',
      ),
    ).toEqual([
      `1:1 ":::details" is not a callout ("details" is not one of ${kinds}): its ":::" lines are printed as text and what is between them as ordinary paragraphs; use one of those kinds, or remove the two lines`,
      `5:1 ":::details Summary" is not a callout ("details" is not one of ${kinds}): its ":::" lines are printed as text and what is between them as ordinary paragraphs; use one of those kinds, or remove the two lines`,
      `11:1 "::youtube[Launch]{#abc}" is printed as text: the site has no "::name" directives; put the video's or post's link on a line of its own instead`,
      '13:1 "::chart{src=a}" is printed as text: the site has no "::name" directives; write it in Markdown',
      '15:5 ":abbr[HTML]{title="x"}" is printed as text: the site has no ":name[…]" directives; write the text itself',
    ]);
  });

  it('tells the editor about a callout never closed, which takes in the rest of the article', async () => {
    const markdown = 'Intro.\n\n:::tip\nA tip.\n\n## Later heading\n\nMore text.';
    expect(callouts(await render(markdown))[0]?.body).toContain('Later heading');
    expect(messages(markdown)).toEqual([
      '3:1 ":::tip" is never closed, so the callout takes in everything after it, to the end of the article (or of the quote or list item it is in): add a line ":::" where it ends',
    ]);
    expect(messages(':::note Title\n\nText.')).toEqual([
      '1:1 ":::note Title" is printed as text: the callout is never closed; add a line ":::" where it ends',
    ]);
    // Closed, nested, or closed with more colons: nothing to say.
    expect(messages('::::note\nOuter.\n\n:::warning\nInner.\n:::\n::::\n\n:::tip Title\nx\n:::')).toEqual([]);
  });
});

describe('hostile callout titles and bodies', () => {
  it('keeps escaped and code markup as text and lets the sanitizer remove raw HTML', async () => {
    const html = await render(
      [
        ':::tip[Use `<script>alert(1)</script>` never]\nx\n:::',
        ':::note[<img src=x onerror=alert(2)>Raw]\ny\n:::',
        ':::caution <script>alert(3)</script> legacy\n\nz\n\n:::',
        '> [!NOTE] \\<script>alert(4)\\</script>\n> w',
      ].join('\n\n'),
    );
    // The sanitizer's rules, as anywhere in a body: no script, no event handler (a plain `<img>` may stay).
    expect(elementsOf(html).map((e) => e.tagName)).not.toContain('script');
    expect(elementsOf(html).some((e) => Object.keys(e.properties).some((key) => /^on/i.test(key)))).toBe(false);
    expect(callouts(html).map((c) => c.title)).toEqual([
      'Tip: Use <script>alert(1)</script> never',
      'Note: Raw',
      'Caution: legacy',
      'Note: <script>alert(4)</script>',
    ]);
  });

  it('cannot be forged with raw HTML: a div with the callout’s class and role loses both', async () => {
    const html = await render('<div class="callout callout-note" role="note">Fake</div>');
    expect(callouts(html)).toEqual([]);
  });
});
