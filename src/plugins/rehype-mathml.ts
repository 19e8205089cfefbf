/**
 * Formulas become MathML at build time, which browsers draw themselves (Chromium since 109, Firefox,
 * Safari): no webfont, no script on the reader's side. The TeX comes from remark-math-syntax.ts as
 * `<code class="language-math">` (inline) and `<pre><code class="language-math">` (display, also
 * GitHub's ```` ```math ```` fences), which the sanitizer keeps; this plugin runs after it.
 *
 * Renderer: Temml (temml.org, by a KaTeX maintainer), chosen over KaTeX's `output: 'mathml'`
 * because Temml writes MathML Core for browsers to draw, while KaTeX's MathML is the screen-reader
 * twin of its HTML rendering, which needs KaTeX's CSS and webfonts to look right.
 *
 * Temml's output is not trusted either: it is parsed and rebuilt through an allow list of MathML
 * presentation elements and attributes ({@link mathElements}). `\href`, `\url`, `\includegraphics`,
 * `\class`, `\htmlId` and the like are refused by Temml (`trust: false`); `<a>`, `maction`,
 * `annotation-xml`, `mglyph`, `href`, `xlink:href`, `src`, `style`, event handlers and ids never pass
 * the allow list. The few `style` declarations Temml writes are turned into attributes or classes
 * (a colour into `mathcolor`, accent sizes and table cell alignment and spacing into `math-*`
 * classes) or dropped; of Temml's classes only those in {@link temmlClasses} stay. A
 * formula Temml cannot read is shown as its TeX in `<code class="math-error">`.
 */
import type { Element, ElementContent, Properties, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import temml from 'temml';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hasClass, isElement, localizedLabel, text } from './hast-helpers.ts';
import { getMark } from './source-marks.ts';

/** Options of {@link rehypeMathml}. */
export interface MathmlOptions {
  /** The accessible name of a displayed formula's scroll box per locale code; the first serves other locales. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Class of the scroll box around a displayed formula. */
export const mathDisplayClass = 'math-display';

/** MathML presentation elements a formula may hold, with the attributes each may carry. */
export const mathElements: Readonly<Record<string, readonly string[]>> = {
  math: ['display'],
  semantics: [],
  annotation: ['encoding'],
  mrow: [],
  mi: [],
  mn: [],
  mo: ['form', 'fence', 'separator', 'stretchy', 'symmetric', 'largeop', 'movablelimits', 'lspace', 'rspace'],
  ms: [],
  mtext: [],
  mspace: ['width', 'height', 'depth'],
  msub: [],
  msup: [],
  msubsup: [],
  munder: ['accentunder'],
  mover: ['accent'],
  munderover: ['accent', 'accentunder'],
  mmultiscripts: [],
  mprescripts: [],
  none: [],
  mfrac: ['linethickness'],
  msqrt: [],
  mroot: [],
  mstyle: [],
  merror: [],
  mpadded: ['width', 'height', 'depth', 'lspace', 'voffset'],
  mphantom: [],
  menclose: ['notation'],
  mtable: ['columnalign', 'rowalign', 'rowspacing', 'columnspacing', 'columnlines', 'rowlines', 'frame'],
  mtr: ['columnalign', 'rowalign'],
  mtd: ['columnalign', 'rowalign', 'columnspan', 'rowspan'],
};

/** Attributes every allowed element may carry (MathML Core's global presentation attributes). */
const globalAttributes = ['mathvariant', 'displaystyle', 'scriptlevel', 'mathcolor', 'mathbackground', 'dir'];

/**
 * Temml's classes for what MathML Core cannot draw by itself (overlines, underlines, boxes and
 * strike-outs on `menclose`, cell alignment), kept because the stylesheet draws them with borders.
 */
export const temmlClasses: ReadonlySet<string> = new Set([
  'tml-overline',
  'tml-underline',
  'tml-fbox',
  'tml-cancel',
  'upstrike',
  'downstrike',
  'sout',
  'tml-xcancel',
  'tml-left',
  'tml-right',
]);

/** Attribute values: lengths, keywords, numbers, colours. Nothing with quotes, brackets, colons or slashes. */
const safeValue = /^[\w.#%+\- ]*$/;
/** A colour Temml writes: `#rgb`, `#rrggbb` or a CSS colour name. */
const colourValue = /^(#[\da-f]{3,8}|[a-z]+)$/i;

/**
 * Temml's reason for refusing a formula, in one short line, or `undefined` when it renders (for the
 * checker). The TeX is trimmed as the plugin trims it; Temml's pointer into the TeX ("at position 5:
 * …") is left out, since the checker names the formula's place itself.
 */
export function mathError(tex: string, display: boolean): string | undefined {
  try {
    temml.renderToString(trimTex(tex), options(display));
    return undefined;
  } catch (error) {
    // A TypeError and the like is Temml failing on input it did not expect, not a message for editors.
    if (!(error instanceof Error) || error.name !== 'ParseError') return 'Temml cannot read it';
    const line = error.message.trim().split('\n')[0] ?? '';
    return line.replace(/\s+at (?:position \d+|end of input):.*$/, '').trim() || 'Temml cannot read it';
  }
}

function options(display: boolean): Parameters<typeof temml.renderToString>[1] {
  // `trust: false` refuses links, images, classes and ids; `maxExpand` bounds macro expansion.
  return { displayMode: display, annotate: true, throwOnError: true, trust: false, strict: false, maxExpand: 1000 };
}

/** The MathML of `tex`, rebuilt through the allow list; `undefined` when Temml cannot read it. */
export function texToMathml(tex: string, display: boolean): Element | undefined {
  let html: string;
  try {
    html = temml.renderToString(tex, options(display));
  } catch {
    return undefined;
  }
  const nodes = fromHtml(html, { fragment: true }).children;
  const [math] = nodes;
  if (nodes.length !== 1 || !isElement(math, 'math')) return undefined;
  const clean = rebuild(math);
  if (clean === undefined) return undefined;
  // Out of the search index: the letters of a formula (and its TeX) make no excerpt a reader can use.
  clean.properties = display ? { display: 'block', dataPagefindIgnore: 'all' } : { dataPagefindIgnore: 'all' };
  return clean;
}

/** A copy of `node` with only allowed elements and attributes; `undefined` if anything else is in it. */
function rebuild(node: Element): Element | undefined {
  const allowed = mathElements[node.tagName];
  if (allowed === undefined) return undefined;
  const properties: Properties = {};
  const classes: string[] = [];
  for (const [key, value] of Object.entries(node.properties)) {
    if (key === 'style') {
      translateStyle(node.tagName, String(value), properties, classes);
      continue;
    }
    if (key === 'className') {
      classes.push(...(Array.isArray(value) ? value.map(String) : []).filter((name) => temmlClasses.has(name)));
      continue;
    }
    if (!allowed.includes(key) && !globalAttributes.includes(key)) continue;
    const written = Array.isArray(value) ? value.join(' ') : String(value);
    if (key === 'encoding') {
      // The TeX source, as text; any other annotation could be read as markup by some reader.
      if (written !== 'application/x-tex') return undefined;
      properties[key] = written;
    } else if (safeValue.test(written)) {
      properties[key] = written;
    }
  }
  if (classes.length > 0) properties['className'] = classes;
  const children: ElementContent[] = [];
  for (const child of node.children) {
    if (child.type === 'text') children.push(text(child.value));
    else if (child.type === 'element') {
      const clean = rebuild(child);
      if (clean === undefined) return undefined;
      children.push(clean);
    }
  }
  // A literal, not `h()`: the properties are already checked MathML values, which h() would read by
  // HTML's rules (splitting some at spaces, turning others into numbers).
  return { type: 'element', tagName: node.tagName, properties, children };
}

/**
 * Temml's inline styles, kept as what they mean: a colour (`\color`) as `mathcolor`; an accent's
 * `math-depth: 0` and a table cell's alignment and zero padding (`aligned`, `cases`) as classes the
 * stylesheet defines. Anything else (the padding and border of `\boxed`, say) is dropped.
 */
function translateStyle(tagName: string, style: string, properties: Properties, classes: string[]): void {
  for (const declaration of style.split(';')) {
    const [rawName = '', ...rest] = declaration.split(':');
    const name = rawName.trim().toLowerCase();
    const value = rest.join(':').trim().toLowerCase();
    if (name === 'color' && colourValue.test(value)) properties['mathcolor'] = value;
    // An accent (`\bar`, `\hat`) keeps the size of its base instead of shrinking like a superscript.
    if (name === 'math-depth' && value === '0') classes.push('math-depth-0');
    if (tagName !== 'mtd') continue;
    if (name === 'text-align' && ['left', 'right', 'center'].includes(value)) classes.push(`math-align-${value}`);
    if (name === 'padding-left' && /^0(em|pt)?$/.test(value)) classes.push('math-pad-start-0');
    // The space before the condition column of `cases`.
    if (name === 'padding-left' && value === '1em') classes.push('math-pad-start-1em');
    if (name === 'padding-right' && /^0(em|pt)?$/.test(value)) classes.push('math-pad-end-0');
  }
}

/** TeX without the white space around it (the line breaks after `\[`), but keeping an escaped `\ `. */
function trimTex(tex: string): string {
  return tex.replace(/^\s+/, '').replace(/(?<!\\)\s+$/, '');
}

/** Whether `node` is `<code class="language-math">`. */
function isMathCode(node: ElementContent | undefined): node is Element {
  return isElement(node, 'code') && hasClass(node, 'language-math');
}

/** The TeX of a failed formula, shown as written. */
function failed(tex: string): Element {
  return h('code.math-error', tex);
}

/** Rehype plugin: every `language-math` code element becomes MathML (display formulas in a scroll box). */
export function rehypeMathml(options: MathmlOptions): (tree: Root, file: VFile) => void {
  const labelFor = localizedLabel(options.labels, 'rehypeMathml');
  return (tree, file) => {
    const label = labelFor(file);
    visit(tree, 'element', (node, index, parent) => {
      if (!parent || index === undefined) return undefined;
      if (isElement(node, 'pre')) {
        const elements = node.children.filter((child) => child.type === 'element');
        const [code] = elements;
        if (elements.length !== 1 || !isMathCode(code)) return SKIP;
        const tex = trimTex(toString(code));
        const math = texToMathml(tex, true);
        parent.children[index] = math
          ? h('div', { className: [mathDisplayClass], role: 'group', tabIndex: 0, ariaLabel: label }, [math])
          : h('pre', [failed(tex)]);
        return SKIP;
      }
      if (!isMathCode(node)) return undefined;
      const tex = trimTex(toString(node));
      const display = getMark(file, node, 'displayMath') !== undefined;
      parent.children[index] = texToMathml(tex, display) ?? failed(tex);
      return SKIP;
    });
  };
}
