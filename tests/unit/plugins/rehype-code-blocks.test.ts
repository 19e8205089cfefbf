import type { Element } from 'hast';
import rehypeRaw from 'rehype-raw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { longestHighlightedLine, rehypeCodeBlocks } from '#plugins/rehype-code-blocks.ts';
import { elementsOf, render, renderWithAstro, textOf } from './render.ts';

const labels = { en: 'Code', zh: '代码' };
const separators = { en: ': ', zh: '：' };
const code = (markdown: string, language = 'en'): Promise<string> =>
  render(markdown, { language, plugins: [rehypeRaw, [rehypeCodeBlocks, { labels, separators }]] });

const pres = (html: string): Element[] => elementsOf(html).filter((e) => e.tagName === 'pre');
/** The token spans of a highlighted block (those that carry colours). */
const tokens = (html: string): Element[] =>
  elementsOf(html).filter((e) => e.tagName === 'span' && typeof e.properties['style'] === 'string');
const style = (e: Element): string => String(e.properties['style']);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rehypeCodeBlocks', () => {
  it('highlights a fenced block with both themes as CSS variables, several colours, no inline colours', async () => {
    const html = await code('```ts\nconst answer: number = 42; // the answer\n```');
    const [pre] = pres(html);
    expect(pre?.properties['className']).toEqual(expect.arrayContaining(['astro-code']));
    expect(pre?.properties['dataLanguage']).toBe('ts');
    expect(style(pre!)).toMatch(/^--shiki-light:#[0-9a-f]+;--shiki-dark:#[0-9a-f]+;--shiki-light-bg:#[0-9a-f]+;/i);
    const spans = tokens(html);
    expect(spans.length).toBeGreaterThan(4);
    for (const span of spans) expect(style(span)).toMatch(/^--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}$/i);
    // Keyword, number and comment are coloured differently, in light and in dark.
    const light = new Set(spans.map((s) => /--shiki-light:([^;]+)/.exec(style(s))?.[1]));
    const dark = new Set(spans.map((s) => /--shiki-dark:([^;]+)/.exec(style(s))?.[1]));
    expect(light.size).toBeGreaterThanOrEqual(3);
    expect(dark.size).toBeGreaterThanOrEqual(3);
    expect(textOf(html)).toBe('const answer: number = 42; // the answer');
  });

  it('leaves no style declaration but --shiki-* anywhere (no overflow, no user-select, no colour)', async () => {
    const html = await code('```diff\n- removed line\n+ added line\n```\n\n```py\nprint("x")\n```');
    for (const e of elementsOf(html)) {
      if (e.properties['style'] === undefined) continue;
      for (const declaration of style(e).split(';')) expect(declaration).toMatch(/^--shiki-[a-z-]+:/);
    }
    // Astro splits the diff marker off and keeps it out of copied text: a class does that now.
    const markers = elementsOf(html).filter((e) => e.properties['className']?.includes('diff-marker'));
    expect(markers.map((m) => textOf(`<b>${String((m.children[0] as { value: string }).value)}</b>`))).toEqual([
      '-',
      '+',
    ]);
  });

  it('names each block in the article’s language, labels its language, and makes it focusable', async () => {
    const en = pres(await code('```python\nprint(1)\n```'))[0]!;
    expect(en.properties).toMatchObject({
      tabIndex: 0,
      role: 'group',
      ariaLabel: 'Code: Python',
      dataLabel: 'Python',
      translate: 'no',
    });
    const zh = pres(await code('```sh\necho 你好\n```', 'zh'))[0]!;
    expect(zh.properties).toMatchObject({ ariaLabel: '代码：Shell', dataLabel: 'Shell' });
    // An article in a language without a label falls back to the first.
    expect(pres(await code('```go\nfunc main() {}\n```', 'fr'))[0]?.properties['ariaLabel']).toBe('Code: Go');
  });

  it('prints the tabindex once (Shiki writes it under its HTML name)', async () => {
    const html = await code('```js\nlet a\n```');
    expect(html.match(/tabindex=/g)).toHaveLength(1);
  });

  it('matches language names case-insensitively', async () => {
    const [pre] = pres(await code('```JSON\n{"a": 1}\n```'));
    expect(pre?.properties).toMatchObject({ dataLanguage: 'json', dataLabel: 'JSON' });
    expect(tokens(await code('```JSON\n{"a": 1}\n```')).length).toBeGreaterThan(2);
  });

  it('shows an unknown language as plain text under the name the editor wrote, without a console warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    const [pre] = pres(await code('```promql\nrate(http_requests_total[5m])\n```'));
    expect(pre?.properties).toMatchObject({
      dataLanguage: 'plaintext',
      dataLabel: 'promql',
      ariaLabel: 'Code: promql',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('gives plain text and unlabelled blocks a name but no language label', async () => {
    for (const markdown of ['```\nplain\n```', '```text\nplain\n```', '    indented code']) {
      const [pre] = pres(await code(markdown));
      expect(pre?.properties['ariaLabel'], markdown).toBe('Code');
      expect(pre?.properties['dataLabel'], markdown).toBeUndefined();
      expect(pre?.properties['tabIndex'], markdown).toBe(0);
    }
  });

  it('makes a raw-HTML <pre> without <code> focusable and named too', async () => {
    const [pre] = pres(await code('<pre>ASCII   art\n  here</pre>'));
    expect(pre?.properties).toMatchObject({ tabIndex: 0, role: 'group', ariaLabel: 'Code' });
  });

  it('leaves math fences for a math renderer (Astro’s own exclusion)', async () => {
    const html = await code('```math\nx^2\n```');
    expect(html).toContain('<code class="language-math">x^2\n</code>');
  });

  it('colours no line longer than the limit, the same way on every machine', async () => {
    const long = `const data = [${'1, '.repeat(longestHighlightedLine / 3)}];`;
    const html = await code('```js\n' + long + '\nconst short = 1;\n```');
    const lines = elementsOf(html).filter((e) => e.properties['className']?.includes('line'));
    expect(lines).toHaveLength(2);
    expect(lines[0]?.children).toHaveLength(1);
    expect(lines[1]!.children.length).toBeGreaterThan(2);
    expect(await code('```js\n' + long + '\nconst short = 1;\n```')).toBe(html);
  });
});

describe('rehypeCodeBlocks in the article pipeline', () => {
  it('survives the sanitizer (it runs after it) and keeps markup in code as text', async () => {
    const html = await renderWithAstro('```html\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n```');
    expect(elementsOf(html).filter((e) => ['script', 'img'].includes(e.tagName))).toEqual([]);
    expect(tokens(html).length).toBeGreaterThan(4);
    expect(textOf(html)).toContain('<script>alert(1)</script>');
  });

  it('is highlighted, never split into language passages, never given typographic quotes', async () => {
    const html = await render('```python\n# 中文注释 -- "quoted"\nprint("你好, world") ...\n```', { language: 'en' });
    expect(tokens(html).length).toBeGreaterThan(2);
    expect(elementsOf(html).filter((e) => e.properties['lang'] !== undefined)).toEqual([]);
    expect(textOf(html)).toBe('# 中文注释 -- "quoted"\nprint("你好, world") ...');
  });
});
