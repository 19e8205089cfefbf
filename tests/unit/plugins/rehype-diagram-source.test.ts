import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { rehypeDiagramSource } from '#plugins/rehype-diagram-source.ts';
import { rehypeSanitizeBody } from '#plugins/rehype-sanitize-body.ts';
import { elementsOf, render } from './render.ts';

const labels = { en: 'Diagram (Mermaid source)', zh: '图表（Mermaid 源码）' };
const diagrams = (markdown: string, language = 'en'): Promise<string> =>
  render(markdown, {
    language,
    plugins: [
      [rehypeSanitizeBody, { embedHosts: [] }],
      [rehypeDiagramSource, { labels }],
    ],
  });

describe('rehypeDiagramSource', () => {
  it('wraps a mermaid fence in a figure captioned in the article’s language, the code kept as text', async () => {
    const source = 'graph TD\n  A["<script>alert(1)</script>"] --> B';
    expect(await diagrams('```mermaid\n' + source + '\n```')).toBe(
      '<figure class="diagram-source"><figcaption>Diagram (Mermaid source)</figcaption>' +
        '<pre><code class="language-mermaid">graph TD\n  A["&#x3C;script>alert(1)&#x3C;/script>"] --> B\n</code></pre></figure>',
    );
    const zh = await diagrams('```mermaid\nsequenceDiagram\n```', 'zh');
    const caption = elementsOf(zh).find((e) => e.tagName === 'figcaption');
    expect(caption && toString(caption)).toBe('图表（Mermaid 源码）');
  });

  it('leaves other code blocks alone', async () => {
    const html = await diagrams('```js\nmermaid()\n```\n\n```\ngraph TD\n```');
    expect(elementsOf(html).some((e) => e.tagName === 'figure')).toBe(false);
  });

  it('keeps the diagram’s source highlighted like code in the whole pipeline, inside the figure', async () => {
    const html = await render('```mermaid\ngraph TD\n  A --> B\n```');
    const figure = elementsOf(html).find((e) => e.tagName === 'figure');
    expect(figure?.properties['className']).toEqual(['diagram-source']);
    expect(figure && toString(figure)).toContain('A --> B');
    expect(elementsOf(html).filter((e) => e.tagName === 'pre')).toHaveLength(1);
  });
});
