/**
 * What the renderer will drop from an article body or print literally, found before the build so
 * the editor hears about it (as warnings, with line and column) instead of a reader finding a gap:
 *
 * - raw HTML the sanitizer removes: elements and attributes outside the allow list, and iframes from
 *   hosts that are not in `embedHosts`. The sanitizer's own allow list and host check decide
 *   (src/plugins/rehype-sanitize-body.ts), run on the same HTML tree the renderer builds, so the
 *   warnings follow the allow list when it changes;
 * - other generators' syntax, which Markdown prints as text: Hugo shortcodes (`{{< figure >}}`,
 *   `{{% alert %}}`, and `{{<figure>}}`, which src/plugins/remark-shortcodes.ts keeps as text where
 *   Markdown would read a raw `<figure>`), Liquid/Jinja tags and variables (`{% raw %}`,
 *   `{{ site.url }}`), and MDX (`<Tabs>` components, `import`/`export` lines, `{/* comments *\/}`).
 *
 * Code spans, code fences, HTML comments and `$$` math are never looked at. Only bodies a cheap test
 * says may hold any of this are parsed, so news text without markup costs one regular expression.
 */
import type { Element, Nodes as HastNodes } from 'hast';
import rehypeSanitize, { type Options as Schema } from 'rehype-sanitize';
import { visit } from 'unist-util-visit';
import { articleSchema, embedFor } from '#plugins/rehype-sanitize-body.ts';
import { excerpt } from './todos.ts';
import {
  codeRanges,
  commentRanges,
  inRanges,
  maskRanges,
  ParsedBody,
  type BodyPosition,
  type Range,
} from './markdown.ts';

/** What the body rules need to know about the site. */
export interface BodyLintOptions {
  /** The hosts whose iframes the site keeps (`embedHosts` in src/site.config.ts). */
  readonly embedHosts: readonly string[];
}

/** One thing the renderer will drop or print literally, at its place in the body. */
export interface BodyNote extends BodyPosition {
  /** What happens to it and what to write instead. */
  readonly message: string;
}

/** Bodies without any of these hold no raw HTML, template syntax, MDX or script addresses. */
const MAY_NEED_LINT = /<[A-Za-z]|\{[{%#]|\{\/\*|^(?:import|export)\s|(?:javascript|vbscript|data):/im;
/** Raw HTML, or a Markdown link the sanitizer would empty: only then is the HTML tree built. */
const MAY_HAVE_HTML = /<[A-Za-z]|(?:javascript|vbscript|data):/i;

// The generators' syntax. Each pattern stays on one line: a stray `{{` never swallows a paragraph.
const HUGO_SHORTCODE = /\{\{([<%])\s*\/?\s*([\w./-]*)[^\n]*?[>%]\}\}/g;
const TEMPLATE_TAG = /\{%-?\s*(\w*)[^\n]*?-?%\}/g;
const TEMPLATE_COMMENT = /\{#[^\n]*?#\}/g;
// `{{ site.url }}`, `{{name | upcase}}`, `{{#if x}}`: a name first. Not after a letter, `^`, `_` or
// `\`, where `{{` is TeX grouping (`x^{{2}}`, `\frac{{a}}{b}`).
const TEMPLATE_VARIABLE =
  /(?<![\p{L}\p{N}^_\\])\{\{\{?-?\s*[#/^>&]?\s*[A-Za-z_@][\w.@-]*(?:\s*[|\s][^{}\n]*?)?\s*-?\}?\}\}/gu;
const MDX_COMMENT = /\{\/\*[^\n]*?\*\/\}/g;
const MDX_STATEMENT =
  /^(?:import\s+(?:[\w*{][^\n]*?\s+from\s+)?["'][^"'\n]+["'];?|export\s+(?:const|let|var|default|function|class|async)\b)[^\n]*/gm;
const JSX_TAG = /<([A-Z][\w.]*)(?=[\s/>])/g;
// An HTML element with a JSX expression for an attribute (`<div style={{ margin: 0 }}>`).
const JSX_ATTRIBUTE = /<([a-z][\w-]*)\b[^<>]*?\s([\w:-]+)=\{/g;
const MATH_BLOCK = /\$\$[\s\S]*?\$\$/g;

/** Attributes whose loss the renderer makes up for (it sets loading, referrer and link targets itself). */
const SILENT_ATTRIBUTES = new Set([
  'target',
  'loading',
  'decoding',
  'fetchPriority',
  'referrerPolicy',
  'frameBorder',
  'scrolling',
  'crossOrigin',
]);

const MEDIA = new Set([
  'video',
  'audio',
  'track',
  'object',
  'embed',
  'applet',
  'canvas',
  'frame',
  'frameset',
  'map',
  'area',
]);
const FORM = new Set([
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'label',
  'fieldset',
  'legend',
  'output',
  'datalist',
]);
const PAGE = new Set([
  'script',
  'noscript',
  'style',
  'link',
  'meta',
  'base',
  'head',
  'title',
  'template',
  'html',
  'body',
]);

/** Where an embed may come from, for messages. */
function embedHint(hosts: readonly string[]): string {
  return `an embed from a host in embedHosts (src/site.config.ts: ${hosts.join(', ') || 'none'})`;
}

/** The HTML attribute name of a hast property (`className` → `class`, `ariaLabel` → `aria-label`). */
function attributeName(property: string): string {
  if (property === 'className') return 'class';
  if (property === 'htmlFor') return 'for';
  if (/^(?:aria|data)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  if (property === 'acceptCharset' || property === 'httpEquiv')
    return property.replace(/[A-Z]/, (c) => `-${c.toLowerCase()}`);
  return property.toLowerCase();
}

/** Why an element outside the allow list goes, and what to write instead. */
function elementMessage(tag: string, schema: Schema, hosts: readonly string[]): string {
  const stripped = (schema.strip ?? []).includes(tag);
  const goes = stripped ? 'will be removed with its content' : 'will be removed (its text is kept)';
  const lead = `the <${tag}> element ${goes}`;
  const inside = schema.ancestors?.[tag];
  if (inside && (schema.tagNames ?? []).includes(tag)) {
    return `${lead}: it is only kept inside ${inside.map((a) => `<${a}>`).join(' or ')}; move it there or write it in Markdown`;
  }
  if (MEDIA.has(tag))
    return `${lead}: articles cannot carry players or plug-ins; use a Markdown image or ${embedHint(hosts)}`;
  if (PAGE.has(tag)) return `${lead}: articles cannot run scripts or change the page; remove it`;
  if (FORM.has(tag)) return `${lead}: forms do not work in articles; link to the form instead`;
  if (tag === 'svg')
    return `${lead}: save the drawing as an .svg file beside the article and add it as a Markdown image`;
  if (tag === 'math') return `${lead}: write the formula as $$ … $$ math instead`;
  return `${lead}: <${tag}> is not among the elements articles may use; write it in Markdown`;
}

/** Whether the allow list lets `tag` keep `property` at all (whatever its value). */
function attributeAllowed(schema: Schema, tag: string, property: string): boolean {
  const named = (list: readonly unknown[] | undefined): boolean =>
    (list ?? []).some((entry) => (Array.isArray(entry) ? entry[0] : entry) === property);
  return named(schema.attributes?.[tag]) || named(schema.attributes?.['*']);
}

/** Why attributes go (grouped per element), and what to do. */
function attributesMessage(tag: string, removed: readonly string[], schema: Schema): string {
  const names = removed.map(attributeName);
  const reasons = new Set<string>();
  let styling = true;
  for (const property of removed) {
    if (property === 'style' || property === 'className') {
      reasons.add('articles cannot style the page');
      continue;
    }
    styling = false;
    const protocols = schema.protocols?.[property];
    if (/^on[A-Z]/.test(property)) reasons.add('event handlers never run');
    else if (protocols && attributeAllowed(schema, tag, property)) {
      reasons.add(`${attributeName(property)} keeps only ${protocols.join(', ')} addresses`);
    } else reasons.add(`<${tag}> cannot keep ${attributeName(property)} in an article`);
  }
  const list =
    names.length === 1
      ? `the ${names[0]} attribute`
      : `the ${names.slice(0, -1).join(', ')} and ${names.at(-1)} attributes`;
  const fix = styling ? 'use Markdown formatting instead' : `remove ${names.length === 1 ? 'it' : 'them'}`;
  return `${list} of <${tag}> will be removed: ${[...reasons].join('; ')}; ${fix}`;
}

/**
 * Why an iframe goes, or undefined when the sanitizer keeps it (YouTube and Vimeo addresses are
 * kept as their privacy-enhanced players): the sanitizer's own decision, {@link embedFor}.
 */
function iframeMessage(src: unknown, hosts: readonly string[]): string | undefined {
  if (embedFor(src, hosts) !== undefined) return undefined;
  const address = typeof src === 'string' ? src.trim() : '';
  const absolute = address.startsWith('//') ? `https:${address}` : address;
  if (!URL.canParse(absolute)) {
    return `the <iframe> will be removed: it has no web address to embed; use ${embedHint(hosts)}`;
  }
  const url = new URL(absolute);
  const allowed = hosts.some((host) => host.toLowerCase() === url.host);
  if (allowed)
    return `the <iframe> will be removed: only https addresses are embedded; write its address with https://`;
  return `the <iframe> from ${url.host} will be removed: ${url.host} is not in embedHosts (src/site.config.ts); use a player address of an allowed host (${hosts.join(', ')}), or add the host there`;
}

/** A short quote of the editor's own syntax for a message. */
function quoted(text: string): string {
  return excerpt(text, 40);
}

/** Hugo shortcode: what to write instead, by its name. */
function shortcodeHint(name: string): string {
  const n = name.toLowerCase();
  if (/^(?:figure|img|image|picture|gallery)$/.test(n)) return 'write a Markdown image: ![what it shows](./image.png)';
  if (/youtube|vimeo|bilibili|video|tweet|twitter|gist|instagram/.test(n))
    return 'put the link on a line of its own instead';
  if (/^(?:alert|note|tip|warning|caution|danger|info|notice|hint|admonition|callout)$/.test(n)) {
    return 'write a callout instead: > [!NOTE] on the first line of a quote';
  }
  if (/^(?:ref|relref|link)$/.test(n)) return 'write a Markdown link instead';
  if (/^(?:highlight|code)$/.test(n)) return 'write a ``` code block instead';
  if (/^tabs?$/.test(n)) return 'write the tabs as headings instead';
  return 'rewrite it in Markdown';
}

/** Liquid/Jinja tag: what to do, by its name. */
function tagHint(name: string): string {
  const n = name.toLowerCase();
  if (n === 'raw' || n === 'endraw') return 'remove it (the text it wraps stays as written)';
  if (n === 'include' || n === 'include_relative') return 'paste the included text instead';
  if (n === 'highlight' || n === 'endhighlight') return 'write a ``` code block instead';
  if (n === 'comment' || n === 'endcomment') return 'delete it, or make it an HTML comment <!-- … -->';
  return 'remove it or write the result in Markdown';
}

/** Everything the renderer will print literally: other generators' syntax, MDX. With the ranges they cover. */
function literalSyntax(parsed: ParsedBody, masked: string): { notes: BodyNote[]; ranges: Range[]; jsx: Set<number> } {
  const notes: BodyNote[] = [];
  const ranges: Range[] = [];
  const add = (offset: number, length: number, message: string): void => {
    // `{{% alert %}}` is one shortcode, not also a `{% … %}` tag inside it.
    if (inRanges(offset, ranges) || inRanges(offset + length - 1, ranges)) return;
    notes.push({ ...parsed.positionAt(offset), message });
    ranges.push([offset, offset + length]);
  };
  if (/\{[{%#/]/.test(masked)) {
    // Outermost first: an MDX comment is one warning, whatever shortcode it comments out.
    for (const m of masked.matchAll(MDX_COMMENT)) {
      add(
        m.index,
        m[0].length,
        `MDX comment ${quoted(m[0])} will be printed as text: make it an HTML comment <!-- … -->`,
      );
    }
    for (const m of masked.matchAll(HUGO_SHORTCODE)) {
      add(m.index, m[0].length, `Hugo shortcode ${quoted(m[0])} will be printed as text: ${shortcodeHint(m[2] ?? '')}`);
    }
    for (const m of masked.matchAll(TEMPLATE_TAG)) {
      add(m.index, m[0].length, `template tag ${quoted(m[0])} will be printed as text: ${tagHint(m[1] ?? '')}`);
    }
    for (const m of masked.matchAll(TEMPLATE_COMMENT)) {
      add(
        m.index,
        m[0].length,
        `template comment ${quoted(m[0])} will be printed as text: delete it, or make it an HTML comment <!-- … -->`,
      );
    }
    for (const m of masked.matchAll(TEMPLATE_VARIABLE)) {
      add(m.index, m[0].length, `template variable ${quoted(m[0])} will be printed as text: write the value itself`);
    }
  }
  for (const m of masked.matchAll(MDX_STATEMENT)) {
    add(
      m.index,
      m[0].length,
      `MDX line ${quoted(m[0])} will be printed as text: remove it (articles are Markdown, not MDX)`,
    );
  }
  // JSX parses as raw HTML (lowercased, its `{…}` attributes cut into nonsense): found in the source,
  // where it shows, and said once per element, instead of the sanitizer's view of the pieces.
  const jsx = new Set<number>();
  if (/<[A-Z]|=\{/.test(masked)) {
    visit(parsed.mdast, 'html', (node) => {
      const base = node.position?.start.offset;
      if (base === undefined || node.value.startsWith('<!--')) return;
      const found = (m: RegExpExecArray | RegExpMatchArray, message: string): void => {
        const offset = base + (m.index ?? 0);
        if (!parsed.text.startsWith(m[0], offset) || inRanges(offset, ranges) || jsx.has(offset)) return;
        jsx.add(offset);
        notes.push({ ...parsed.positionAt(offset), message });
      };
      for (const m of node.value.matchAll(JSX_TAG)) {
        found(
          m,
          `MDX/JSX component <${m[1] ?? ''}> is not rendered: its tags are removed and what it wraps shows as plain text; rewrite it in Markdown`,
        );
      }
      for (const m of node.value.matchAll(JSX_ATTRIBUTE)) {
        found(
          m,
          `JSX attribute ${m[2] ?? ''}={…} of <${m[1] ?? ''}> is not HTML: it is removed; write the element without it (articles are Markdown, not MDX)`,
        );
      }
    });
  }
  return { notes, ranges, jsx };
}

/** The site's sanitizer, the allow list alone: iframes from other hosts are judged by its host check. */
const sanitizeTree = rehypeSanitize(articleSchema);

/** The key an element is found by in the sanitized tree: its tag and where it starts. */
function elementKey(node: Element): string | undefined {
  const offset = node.position?.start.offset;
  return offset === undefined ? undefined : `${node.tagName}@${offset}`;
}

/** What the sanitizer removes, found by running it on the renderer's HTML tree and comparing. */
function droppedHtml(
  parsed: ParsedBody,
  options: BodyLintOptions,
  skip: Range[],
  jsx: ReadonlySet<number>,
): BodyNote[] {
  const schema: Schema = articleSchema;
  const raw = parsed.hast;
  const clean = new Map<string, Element>();
  // The sanitizer builds a new tree and leaves `raw` as it is; positions are carried over.
  visit(sanitizeTree(raw) as HastNodes, 'element', (node: Element) => {
    const key = elementKey(node);
    if (key) clean.set(key, node);
  });
  const notes: BodyNote[] = [];
  visit(raw, 'element', (node: Element) => {
    const key = elementKey(node);
    const start = node.position?.start;
    if (!key || !start || start.offset === undefined) return undefined;
    const note = (message: string): void => {
      notes.push({ line: start.line, column: start.column, message });
    };
    const kept = clean.get(key);
    if (node.tagName === 'iframe' && kept) {
      // The sanitizer rebuilds a kept iframe's attributes itself; only whether it stays matters.
      const message = iframeMessage(node.properties['src'], options.embedHosts);
      if (message) note(message);
      return 'skip';
    }
    // Said already: a shortcode or JSX that happens to parse as HTML.
    if (jsx.has(start.offset) || inRanges(start.offset, skip)) return undefined;
    if (!kept) {
      note(elementMessage(node.tagName, schema, options.embedHosts));
      // Gone with its content, or a player's or form's inside (fallback text, sources, fields):
      // the one warning says it all.
      const whole = (schema.strip ?? []).includes(node.tagName) || MEDIA.has(node.tagName) || FORM.has(node.tagName);
      return whole ? 'skip' : undefined;
    }
    const removed = Object.keys(node.properties).filter(
      (property) =>
        !SILENT_ATTRIBUTES.has(property) &&
        node.properties[property] !== undefined &&
        node.properties[property] !== null &&
        node.properties[property] !== false &&
        (kept.properties[property] === undefined || kept.properties[property] === null),
    );
    if (removed.length > 0) note(attributesMessage(node.tagName, removed, schema));
    return undefined;
  });
  return notes;
}

/**
 * Everything in a body the renderer will drop (sanitized HTML, iframes from other hosts) or print
 * literally (other generators' syntax, MDX), in document order. Pass the checker's parsed body to
 * share its parse.
 */
export function bodyLint(body: string | ParsedBody, options: BodyLintOptions): BodyNote[] {
  const text = typeof body === 'string' ? body : body.text;
  if (!MAY_NEED_LINT.test(text)) return [];
  const parsed = typeof body === 'string' ? new ParsedBody(body) : body;
  const quiet = [...codeRanges(parsed.mdast), ...commentRanges(parsed.mdast, text)];
  if (text.includes('$$')) for (const m of text.matchAll(MATH_BLOCK)) quiet.push([m.index, m.index + m[0].length]);
  const masked = maskRanges(text, quiet);
  const literal = literalSyntax(parsed, masked);
  const notes = [...literal.notes];
  if (MAY_HAVE_HTML.test(masked)) notes.push(...droppedHtml(parsed, options, literal.ranges, literal.jsx));
  return notes.sort((a, b) => a.line - b.line || a.column - b.column);
}
