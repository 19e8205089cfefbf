// Builds the fixture site (tests/fixtures/site) and asserts on the built pages of the story that uses
// every Markdown extension (2023/year-end-review-2023, in English and Chinese): custom heading ids
// and links to them, GitHub alerts and `:::` callouts with localized labels, formulas as MathML, and
// a Mermaid diagram shown as its captioned source; none of their syntax is left in the text or in
// search excerpts, and the pages are valid HTML.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, sharedBuild } from './build-site.ts';
import { loadPagefind, searchHits } from './pagefind-node.ts';

const content = path.join(root, 'tests/fixtures/site/content');
const story = '2023/year-end-review-2023';
let out: string;

// The build is shared read-only with other test files of the run (sharedBuild).
beforeAll(async () => {
  const shared = await sharedBuild({ CONTENT_DIR: content });
  ({ out } = shared);
  const { build } = shared;
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
});

const pageFile = (locale: string) => path.join(out, locale, story, 'index.html');

/** Every element of a tree, in document order. */
function elements(tree: Root | Element): Element[] {
  return tree.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

const classes = (e: Element): string[] => {
  const value = e.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
};

/** The article body of a built story page. */
async function body(locale: string): Promise<Element> {
  const tree = fromHtml(await readFile(pageFile(locale), 'utf8'));
  const prose = elements(tree).find((e) => classes(e).includes('prose'));
  if (!prose) throw new Error(`no .prose in ${locale}/${story}/`);
  return prose;
}

/** The body's text as a reader sees it, without formulas (whose MathML text is not prose). */
function proseText(node: Element): string {
  const walk = (n: Element): string =>
    n.children
      .map((child) =>
        child.type === 'text' ? child.value : child.type === 'element' && child.tagName !== 'math' ? walk(child) : '',
      )
      .join('');
  return walk(node);
}

describe.each([
  {
    locale: 'en',
    headings: ['Shorter examinations', 'How we count'],
    callouts: [
      ['callout-note', 'Note'],
      ['callout-tip', 'Tip: Read the \u201cfull\u201d data'],
      ['callout-caution', 'Caution: Provisional figures'],
    ],
    caption: 'Diagram (Mermaid source)',
    formula: 'Formula',
  },
  {
    locale: 'zh',
    headings: ['审查周期缩短', '统计口径'],
    callouts: [
      ['callout-important', '重要'],
      ['callout-note', '注意：数据尚未最终确定'],
      ['callout-warning', '警告：\u201c开放\u201d数据'],
    ],
    caption: '图表（Mermaid 源码）',
    formula: '公式',
  },
])('the $locale story page', ({ locale, headings, callouts, caption, formula }) => {
  it('gives headings the ids written with `{#id}`, and the body’s links reach them', async () => {
    const prose = await body(locale);
    const found = elements(prose).filter((e) => e.tagName === 'h2');
    expect(found.map((h) => [h.properties['id'], toString(h)])).toEqual([
      ['exam-times', headings[0]],
      ['method', headings[1]],
    ]);
    const ids = new Set(elements(prose).map((e) => e.properties['id']));
    const fragments = elements(prose)
      .filter((e) => e.tagName === 'a')
      .map((a) => String(a.properties['href']))
      .filter((href) => href.startsWith('#'));
    expect(fragments).toEqual(expect.arrayContaining(['#exam-times', '#method']));
    for (const fragment of fragments) expect(ids.has(fragment.slice(1)), fragment).toBe(true);
  });

  it('renders the callouts with labels in the page’s language', async () => {
    const prose = await body(locale);
    const found = elements(prose).filter((e) => e.properties['role'] === 'note');
    expect(
      found.map((c) => {
        const title = elements(c).find((e) => classes(e).includes('callout-title'));
        return [classes(c)[1], title ? toString(title) : ''];
      }),
    ).toEqual(callouts);
  });

  it('renders every formula as MathML, two of them displayed in named scroll boxes', async () => {
    const prose = await body(locale);
    const math = elements(prose).filter((e) => e.tagName === 'math');
    expect(math).toHaveLength(4);
    const boxes = elements(prose).filter((e) => classes(e).includes('math-display'));
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box.properties['ariaLabel']).toBe(formula);
    expect(elements(prose).some((e) => classes(e).includes('math-error'))).toBe(false);
  });

  it('shows the Mermaid diagram as its source under a caption', async () => {
    const prose = await body(locale);
    const figure = elements(prose).find((e) => classes(e).includes('diagram-source'));
    const figcaption = figure && elements(figure).find((e) => e.tagName === 'figcaption');
    expect(figcaption && toString(figcaption)).toBe(caption);
    expect(figure && toString(figure)).toContain('flowchart LR');
  });

  it('leaves no extension syntax in the text', async () => {
    const text = proseText(await body(locale));
    for (const leftover of ['{#', '[!NOTE]', '[!IMPORTANT]', ':::', '$$', '\\(', '\\[', '\\frac']) {
      expect(text, leftover).not.toContain(leftover);
    }
    if (locale === 'en') expect(text).toContain('Fees stayed at $50 and $80 per claim.');
  });

  it('is valid HTML', async () => {
    const report = await new HtmlValidate(new FileSystemConfigLoader()).validateFile(pageFile(locale));
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });
});

describe('search excerpts of the story', () => {
  it('hold neither `{#id}` nor TeX', async () => {
    const hits = await searchHits(await loadPagefind(out, 'en'), 'examinations');
    const hit = hits.find((h) => h.url.includes(story));
    expect(hit).toBeDefined();
    for (const leftover of ['{#', '\\frac', '\\bar', '$$']) expect(hit?.excerpt, leftover).not.toContain(leftover);
  });
});
