/**
 * Other generators' syntax in an article body, which Markdown prints as text: Hugo shortcodes
 * (`{{< figure >}}`, `{{% alert %}}`, and `{{<figure>}}`, which src/plugins/remark-shortcodes.ts keeps
 * as text where Markdown would read a raw `<figure>`), Liquid/Jinja tags and variables (`{% raw %}`,
 * `{{ site.url }}`), and MDX (`<Tabs>` components, `import`/`export` lines, `{/* comments *\/}`).
 * One of the rules of ./body-lint.ts, which hands over the body with code, comments and math masked.
 */
import { visit } from 'unist-util-visit';
import { excerpt } from './todos.ts';
import { inRanges, type BodyNote, type ParsedBody, type Range } from './markdown.ts';

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

/**
 * Everything the renderer will print literally: other generators' syntax, MDX, found in `masked` (the
 * body with the parts never looked at blanked out). With the ranges they cover, and where JSX starts.
 */
export function literalSyntax(
  parsed: ParsedBody,
  masked: string,
): { notes: BodyNote[]; ranges: Range[]; jsx: Set<number> } {
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
