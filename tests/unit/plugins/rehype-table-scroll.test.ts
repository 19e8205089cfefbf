import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { rehypeTableScroll } from '#plugins/rehype-table-scroll.ts';
import { elementsOf, render } from './render.ts';

const labels = { en: 'Table', zh: '表格' };
const separators = { en: ': ', zh: '：' };
const tables = (markdown: string, language = 'en'): Promise<string> =>
  render(markdown, { language, plugins: [rehypeRaw, [rehypeTableScroll, { labels, separators }]] });

const gfm = '| Field | 2021 | 2022 |\n| --- | --: | --: |\n| Transport | 6,200 | 6,150 |';

describe('rehypeTableScroll', () => {
  it('wraps a table in a focusable scroll box named after its column headings', async () => {
    const html = await tables(gfm);
    expect(html).toMatch(
      /^<div class="table-scroll" role="group" tabindex="0" aria-label="Table: Field, 2021, 2022"><table>\n<thead>[\s\S]*<\/table><\/div>$/,
    );
    expect(elementsOf(html).filter((e) => e.tagName === 'table')).toHaveLength(1);
  });

  it('names the box in the article’s language, after the caption when there is one', async () => {
    const html = await tables(
      '<table><caption>\n  专利申请  按领域\n</caption><tr><th>领域</th></tr><tr><td>交通</td></tr></table>',
      'zh',
    );
    expect(html).toContain('<div class="table-scroll" role="group" tabindex="0" aria-label="表格：专利申请 按领域">');
    // Without separators, the ASCII form.
    const plain = await render('<table><caption>专利</caption><tr><td>1</td></tr></table>', {
      language: 'zh',
      plugins: [rehypeRaw, [rehypeTableScroll, { labels }]],
    });
    expect(plain).toContain('aria-label="表格: 专利"');
  });

  it('uses the bare label for a table without caption or headings, and the first label for other languages', async () => {
    expect(await tables('<table><tr><td>a</td><td>b</td></tr></table>', 'fr')).toContain('aria-label="Table"><table>');
  });

  it('shortens a long summary at a word, with an ellipsis', async () => {
    const headings = Array.from({ length: 30 }, (_, i) => `Column ${i + 1}`);
    const markdown = `| ${headings.join(' | ')} |\n|${' --- |'.repeat(30)}\n|${' x |'.repeat(30)}`;
    const label = /aria-label="([^"]*)"/.exec(await tables(markdown))?.[1] ?? '';
    expect(label).toMatch(/^Table: Column 1, Column 2, .*Column \d+…$/);
    expect([...label].length).toBeLessThanOrEqual('Table: '.length + 81);
  });

  it('wraps every table once, not the tables nested in it, and is idempotent', async () => {
    const nested = '<table><tr><td><table><tr><th>inner</th></tr></table></td></tr></table>\n\n' + gfm;
    const html = await render(nested, {
      plugins: [rehypeRaw, [rehypeTableScroll, { labels }], [rehypeTableScroll, { labels }]],
    });
    const boxes = elementsOf(html).filter((e) => e.tagName === 'div');
    expect(boxes).toHaveLength(2);
  });

  it('refuses to start without a label', () => {
    expect(() => rehypeTableScroll({ labels: {} })).toThrow(/labels/);
  });
});

describe('rehypeTableScroll in the article pipeline', () => {
  it('wraps Markdown tables in every article', async () => {
    const html = await render(gfm, { language: 'zh' });
    expect(html).toContain('<div class="table-scroll" role="group" tabindex="0" aria-label="表格：Field, 2021, 2022">');
  });
});
