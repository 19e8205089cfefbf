import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { elementsOf, render, textOf } from './render.ts';

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
