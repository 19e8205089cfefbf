import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { rehypeHeadingLevels } from '#plugins/rehype-heading-levels.ts';
import { render } from './render.ts';

const levels = (markdown: string): Promise<string> => render(markdown, { plugins: [rehypeRaw, rehypeHeadingLevels] });

describe('rehypeHeadingLevels', () => {
  it('moves a body that starts at # down under the page title', async () => {
    expect(await levels('# A\n\n## B\n\n# C')).toBe('<h2>A</h2>\n<h3>B</h3>\n<h2>C</h2>');
  });

  it('moves a body that starts at ### up to h2, keeping the distances', async () => {
    expect(await levels('### A\n\n#### B\n\n###### C')).toBe('<h2>A</h2>\n<h3>B</h3>\n<h5>C</h5>');
  });

  it('leaves a body that already starts at ## as it is', async () => {
    expect(await levels('## A\n\n### B')).toBe('<h2>A</h2>\n<h3>B</h3>');
  });

  it('never goes beyond h6', async () => {
    expect(await levels('# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6')).toBe(
      '<h2>1</h2>\n<h3>2</h3>\n<h4>3</h4>\n<h5>4</h5>\n<h6>5</h6>\n<h6>6</h6>',
    );
  });

  it('counts headings written in HTML and keeps their attributes', async () => {
    expect(await levels('<h1 id="x" lang="zh-Hans">标题</h1>\n\n## Sub')).toBe(
      '<h2 id="x" lang="zh-Hans">标题</h2>\n<h3>Sub</h3>',
    );
  });

  it('leaves the generated footnotes label alone and out of the count', async () => {
    const html = await levels('### A\n\nText[^1]\n\n[^1]: Note.');
    expect(html).toContain('<h2>A</h2>');
    expect(html).toContain('<h2 class="sr-only" id="footnote-label">Footnotes</h2>');
  });

  it('does nothing to a body without headings', async () => {
    expect(await levels('Just text.')).toBe('<p>Just text.</p>');
  });
});
