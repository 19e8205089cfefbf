/**
 * What the renderer will drop from an article body or print literally, found before the build so
 * the editor hears about it (as warnings, with line and column) instead of a reader finding a gap:
 *
 * - raw HTML the sanitizer removes: elements and attributes outside the allow list, and iframes from
 *   hosts that are not in `embedHosts` (./sanitized-html.ts);
 * - other generators' syntax, which Markdown prints as text: Hugo shortcodes (`{{< figure >}}`,
 *   `{{% alert %}}`, and `{{<figure>}}`, which src/plugins/remark-shortcodes.ts keeps as text where
 *   Markdown would read a raw `<figure>`), Liquid/Jinja tags and variables (`{% raw %}`,
 *   `{{ site.url }}`), and MDX (`<Tabs>` components, `import`/`export` lines, `{/* comments *\/}`)
 *   (./template-syntax.ts).
 *
 * Code spans, code fences, HTML comments and `$$` math are never looked at. Only bodies a cheap test
 * says may hold any of this are parsed, so news text without markup costs one regular expression.
 */
import { droppedHtml } from './sanitized-html.ts';
import { literalSyntax } from './template-syntax.ts';
import { codeRanges, commentRanges, maskRanges, ParsedBody, type BodyNote } from './markdown.ts';

/** What the body rules need to know about the site. */
export interface BodyLintOptions {
  /** The hosts whose iframes the site keeps (`embedHosts` in src/site.config.ts). */
  readonly embedHosts: readonly string[];
}

/** Bodies without any of these hold no raw HTML, template syntax, MDX or script addresses. */
const MAY_NEED_LINT = /<[A-Za-z]|\{[{%#]|\{\/\*|^(?:import|export)\s|(?:javascript|vbscript|data):/im;
/** Raw HTML, or a Markdown link the sanitizer would empty: only then is the HTML tree built. */
const MAY_HAVE_HTML = /<[A-Za-z]|(?:javascript|vbscript|data):/i;
/** `$$` math, never looked at. */
const MATH_BLOCK = /\$\$[\s\S]*?\$\$/g;

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
  if (MAY_HAVE_HTML.test(masked)) notes.push(...droppedHtml(parsed, options.embedHosts, literal.ranges, literal.jsx));
  return notes.sort((a, b) => a.line - b.line || a.column - b.column);
}
