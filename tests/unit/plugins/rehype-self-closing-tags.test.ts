import rehypeRaw from 'rehype-raw';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { rehypeSelfClosingTags } from '#plugins/rehype-self-closing-tags.ts';
import { elementsOf, render, textOf } from './render.ts';

const closed = (markdown: string): Promise<string> => render(markdown, { plugins: [rehypeSelfClosingTags, rehypeRaw] });

describe('rehypeSelfClosingTags', () => {
  it('closes a JSX-style <iframe … /> so the text after it stays (an iframe’s content is raw text)', async () => {
    const markdown = [
      '<div style={{ position: "relative" }}>',
      '  <iframe',
      '    title="Demo"',
      '    src="https://www.youtube-nocookie.com/embed/x"',
      '    allowFullScreen',
      '  />',
      '</div>',
      '',
      '## Prerequisites',
      '',
      'Text after the video.',
    ].join('\n');
    const html = await closed(markdown);
    const iframe = elementsOf(html).find((e) => e.tagName === 'iframe');
    expect(iframe?.children).toEqual([]);
    expect(elementsOf(html).map((e) => e.tagName)).toContain('h2');
    expect(textOf(html)).toContain('Text after the video.');
    // Without the plugin the heading after it is the iframe's raw text (dropped by the sanitizer).
    const unclosed = await render(markdown, { plugins: [rehypeRaw] });
    expect(elementsOf(unclosed).map((e) => e.tagName)).not.toContain('h2');
  });

  it('closes a self-closed <div/> where it stands instead of letting it wrap the rest', async () => {
    const html = await closed('<div class="spacer"/>\n\nA paragraph.');
    expect(html).toMatch(/<div class="spacer"><\/div>/);
    expect(html).toContain('<p>A paragraph.</p>');
  });

  it('keeps attribute values holding `/>` or `>` whole, in quotes and in JSX braces', async () => {
    const html = await closed('<div>\n<span title="a /> b" data-x={{ a: ">" }} />after\n</div>');
    expect(elementsOf(html).find((e) => e.tagName === 'span')?.properties['title']).toBe('a /> b');
    expect(html).toContain('</span>after');
  });

  it('leaves void elements, SVG and text without tags alone', async () => {
    expect(await closed('a<br/>b')).toBe('<p>a<br>b</p>');
    const svg = await closed('<svg viewBox="0 0 1 1"><path d="M0 0"/><circle r="1"/></svg>');
    expect(elementsOf(svg).map((e) => e.tagName)).toEqual(['p', 'svg', 'path', 'circle']);
    expect(await closed('1 /> 2')).toBe('<p>1 /> 2</p>');
  });

  it('keeps the source position of what follows the tag in the same block', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeSelfClosingTags)
      .use(rehypeRaw);
    const tree = await processor.run(processor.parse('<div>\n<iframe src="x" />\n<b>bold</b>\n</div>'));
    let found: { line: number; column: number } | undefined;
    const walk = (node: {
      type: string;
      tagName?: string;
      position?: { start: { line: number; column: number } };
      children?: unknown[];
    }): void => {
      if (node.type === 'element' && node.tagName === 'b') found = node.position?.start;
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(tree as Parameters<typeof walk>[0]);
    expect(found).toMatchObject({ line: 3, column: 1 });
  });
});
