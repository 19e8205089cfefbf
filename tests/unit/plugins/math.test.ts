import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { mathElements, mathError, temmlClasses, texToMathml } from '#plugins/rehype-mathml.ts';
import { elementsOf, render, textOf } from './render.ts';

/** Every element under `node`, depth first. */
function descendants(node: Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...descendants(child)] : []));
}

/** The `<math>` elements of a rendered body with their TeX (from the annotation) and display mode. */
function formulas(html: string): { tex: string; display: boolean }[] {
  return elementsOf(html)
    .filter((e) => e.tagName === 'math')
    .map((math) => {
      const annotation = descendants(math).find((e) => e.tagName === 'annotation');
      return { tex: annotation ? toString(annotation).trim() : '', display: math.properties['display'] === 'block' };
    });
}

/** Every attribute name and element name in the HTML, to check against the allow list. */
function inventory(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  for (const e of elementsOf(html)) {
    tags.add(e.tagName);
    for (const key of Object.keys(e.properties)) attributes.add(key);
  }
  return { tags, attributes };
}

describe('math syntax', () => {
  it('reads `$…$`, `\\(…\\)` and inline `$$…$$` as inline formulas', async () => {
    const html = await render('Area $\\pi r^2$, mass \\(m_0\\), energy $$E=mc^2$$ here.');
    expect(formulas(html)).toEqual([
      { tex: '\\pi r^2', display: false },
      { tex: 'm_0', display: false },
      { tex: 'E=mc^2', display: false },
    ]);
  });

  it('reads `$$` blocks, ```math fences and paragraphs of one `$$…$$` or `\\[…\\]` as display formulas', async () => {
    const html = await render('$$\n\\sum_i x_i\n$$\n\n```math\na^2+b^2=c^2\n```\n\n$$x=1$$\n\n\\[\ny = 2\n\\]');
    expect(formulas(html)).toEqual([
      { tex: '\\sum_i x_i', display: true },
      { tex: 'a^2+b^2=c^2', display: true },
      { tex: 'x=1', display: true },
      { tex: 'y = 2', display: true },
    ]);
    const boxes = elementsOf(html).filter((e) => e.tagName === 'div');
    expect(boxes).toHaveLength(4);
    for (const box of boxes) {
      expect(box.properties).toMatchObject({ className: ['math-display'], role: 'group', tabIndex: 0 });
      expect(box.properties['ariaLabel']).toBe('Formula');
    }
  });

  it('names the scroll box in the article’s language', async () => {
    expect(await render('$$\nx\n$$', { language: 'zh' })).toContain('aria-label="公式"');
  });

  it('draws a `\\[…\\]` line inside a paragraph as a display formula in place', async () => {
    const html = await render('We define\n\\[ f(x) = x^2 \\]\nfor all x.');
    expect(formulas(html)).toEqual([{ tex: 'f(x) = x^2', display: true }]);
    expect(elementsOf(html)[0]?.tagName).toBe('p');
  });

  it('keeps prices prices (Pandoc’s rule for `$`)', async () => {
    const prices = 'Tickets cost $5 and $10, or $5-$10 (US$20,000 to $30,000); $5/$10 tiers; a $ sign.';
    const html = await render(prices);
    expect(formulas(html)).toEqual([]);
    expect(textOf(html)).toBe(prices);
    const mixed = await render('From $5 to $10, where $x > 0$ holds.');
    expect(formulas(mixed)).toEqual([{ tex: 'x > 0', display: false }]);
  });

  it('keeps escaped brackets and parentheses text unless they are math delimiters', async () => {
    const html = await render('See \\[1\\] and \\[2\\], \\(not closed, and \\$5.');
    expect(formulas(html)).toEqual([]);
    expect(textOf(html)).toBe('See [1] and [2], (not closed, and $5.');
  });

  it('never curls quotes or makes dashes inside math (remark-typography skips it)', async () => {
    const html = await render('Say "hi" -- then $f\'(x) = "a" -- b$ and \\(g\'\\) and\n\n$$\n\\text{"q"} -- x\n$$');
    expect(formulas(html).map((f) => f.tex)).toEqual(['f\'(x) = "a" -- b', "g'", '\\text{"q"} -- x']);
    expect(textOf(html)).toContain('Say \u201chi\u201d \u2014 then');
  });

  it('skips math in code', async () => {
    const html = await render('`$x$` and\n\n```\n$$y$$ \\(z\\)\n```');
    expect(formulas(html)).toEqual([]);
  });
});

describe('MathML output', () => {
  it('is MathML Core from the allow list only, with the TeX as annotation and out of the search index', async () => {
    const html = await render(
      '$\\frac{a}{b} + \\sqrt[3]{x} + \\sum_{i=0}^n i + \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix} + \\color{red}{c} + \\mathbb{R} + \\overbrace{x}$',
    );
    const math = elementsOf(html).filter((e) => e.tagName === 'math');
    expect(math).toHaveLength(1);
    expect(math[0]?.properties['dataPagefindIgnore']).toBe('all');
    const { tags, attributes } = inventory(html.slice(html.indexOf('<math')));
    for (const tag of tags) if (tag !== 'p') expect(Object.keys(mathElements), tag).toContain(tag);
    for (const name of ['style', 'href', 'xLinkHref', 'xlinkHref', 'src', 'id', 'actiontype']) {
      expect(attributes.has(name), name).toBe(false);
    }
    expect(html).toContain('mathcolor="#ff0000"');
    expect(html).toContain('<annotation encoding="application/x-tex">');
  });

  it('turns Temml’s table cell styles into classes (aligned equations keep their alignment)', () => {
    const math = texToMathml('\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}', true);
    const cells = math ? descendants(math).filter((e) => e.tagName === 'mtd') : [];
    // Right-aligned left of the `&`, left-aligned right of it, with no padding between: the `=` line up.
    expect(cells.map((cell) => cell.properties)).toEqual(
      ['tml-right', 'tml-left', 'tml-right', 'tml-left'].map((align) => ({
        className: [align, 'math-pad-start-0', 'math-pad-end-0'],
      })),
    );
  });

  it('keeps only the Temml classes the stylesheet draws, and accents at full size', () => {
    const math = texToMathml('\\bar{t} + \\overline{ab} + \\cancel{x} + \\mathscr{A} + \\vec{v}', false);
    const names = new Set(math ? descendants(math).flatMap((e) => (e.properties['className'] as string[]) ?? []) : []);
    expect([...names].sort()).toEqual(['math-depth-0', 'tml-cancel', 'tml-overline', 'upstrike']);
    for (const name of names) expect(temmlClasses.has(name) || name.startsWith('math-'), name).toBe(true);
  });

  it('shows a formula Temml cannot read as its TeX, marked, and reports why', async () => {
    const html = await render('Broken $\\frac{a$ here.');
    expect(html).toContain('<code class="math-error">\\frac{a</code>');
    expect(mathError('\\frac{a', false)).toMatch(/expected/i);
    expect(mathError('x^2', false)).toBeUndefined();
  });

  it('gives the checker Temml’s reason in one short line, without its pointer into the TeX', () => {
    expect(mathError('\\foo x', false)).toBe('Unsupported function name: \\foo');
    expect(mathError('x_{1', false)).toBe("Expected '}', got 'EOF'");
    expect(mathError('a \\tag{1}', false)).toBe('\\tag works only in display mode');
    expect(mathError('a \\tag{1}', true)).toBeUndefined();
    // Temml failing on input it did not expect is not a message for an editor.
    expect(mathError('x^', false)).toBe('Temml cannot read it');
    // Trimmed as the plugin trims it: the line breaks of a `$$` block are not part of the formula.
    expect(mathError('\n  x^2\n', true)).toBeUndefined();
  });

  it('keeps hostile TeX harmless: `<script>` stays text, links and includes are refused', async () => {
    const html = await render(
      [
        '$\\text{<script>alert(1)</script>}$',
        '$\\href{javascript:alert(2)}{x}$',
        '$\\url{https://evil.example/}$',
        '$\\includegraphics{https://evil.example/x.png}$',
        '$\\htmlStyle{color:red}{x}$ $\\class{evil}{x}$ $\\htmlId{main}{x}$',
        '$\\ref{a}$ $\\eqref{b}$',
        '$$\n\\text{</math><img src=x onerror=alert(3)>}\n$$',
        '\\(\\def\\a{\\a\\a}\\a\\)',
      ].join('\n\n'),
    );
    const { tags, attributes } = inventory(html);
    for (const tag of ['script', 'img', 'a', 'style', 'iframe']) expect(tags.has(tag), tag).toBe(false);
    for (const name of ['href', 'src', 'style', 'onError', 'onerror', 'id'])
      expect(attributes.has(name), name).toBe(false);
    expect(textOf(html)).toContain('<script>alert(1)</script>');
    expect(textOf(html)).toContain('</math><img src=x onerror=alert(3)>');
    // Eight refused commands and the endless macro (Temml's expansion limit).
    expect(html.match(/class="math-error"/g)?.length).toBe(9);
  });

  it('refuses Temml output outside the allow list instead of passing it on', () => {
    // `\ref` makes Temml write an `<a href>`, not MathML: no formula at all, the TeX is shown.
    expect(texToMathml('\\ref{x}', false)).toBeUndefined();
    for (const tag of ['a', 'maction', 'annotation-xml', 'mglyph', 'semantics']) {
      expect(Object.keys(mathElements).includes(tag), tag).toBe(tag === 'semantics');
    }
  });
});
