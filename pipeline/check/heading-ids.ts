/**
 * The ids an article page gives its body, for the checker's `#fragment` links: each heading's (the
 * `{#id}` the editor chose, else the slug of its text, made unique), each id and `<a name>` written
 * in raw HTML (which the sanitizer prefixes with `user-content-`), and the ids the page layout uses
 * around the body. They are computed by the article pipeline's own plugins, in its order, up to the
 * heading anchors, so that the checker and the page never disagree on an id (a test compares them
 * with the whole pipeline). Only the blocks that can give an id (headings, raw HTML naming an id)
 * are run through it, joined in body order: uniqueness suffixes come out as on the page.
 */
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { remarkCallouts } from '#plugins/remark-callouts.ts';
import { remarkHeadingIds } from '#plugins/remark-heading-ids.ts';
import { remarkMathSyntax } from '#plugins/remark-math-syntax.ts';
import { remarkShortcodes } from '#plugins/remark-shortcodes.ts';
import { remarkTypography } from '#plugins/remark-typography.ts';
import { articlePageIds, rehypeHeadingAnchors } from '#plugins/rehype-heading-anchors.ts';
import { rehypeHeadingLevels } from '#plugins/rehype-heading-levels.ts';
import { rehypeMathml } from '#plugins/rehype-mathml.ts';
import { clobberPrefix, rehypeSanitizeBody } from '#plugins/rehype-sanitize-body.ts';
import { bodyRegions } from './markdown.ts';
import { visit } from 'unist-util-visit';

/** The anchors of one article page. */
export interface PageAnchors {
  /** Every id on the page: the body's, as the page has them, and the layout's. */
  readonly ids: ReadonlySet<string>;
  /**
   * Ids written in raw HTML as the editor wrote them (`intro` for `<span id="intro">`): a link to one
   * on the same page is rewritten by the sanitizer to follow its prefixed id; a link from another page is not.
   */
  readonly written: ReadonlySet<string>;
}

/**
 * The article pipeline's remark plugins, in its order (src/plugins/index.ts, `articleRemarkPlugins`;
 * a test keeps the two lists equal). Listed here rather than imported from index.ts, which would
 * load the code highlighter into every `npm run check`.
 */
export const headingRemarkPlugins = [
  remarkMathSyntax,
  remarkDirective,
  remarkShortcodes,
  remarkHeadingIds,
  remarkCallouts,
  remarkTypography,
] as const;

/**
 * The article pipeline's rehype plugins up to the heading anchors, in its order, without those that
 * cannot change an id (a test checks which were left out): embeds and raw images (no text, and an
 * iframe keeps no id), callout and diagram boxes (they add no heading).
 */
export const headingRehypePlugins = [
  rehypeSanitizeBody,
  rehypeMathml,
  rehypeHeadingLevels,
  rehypeHeadingAnchors,
] as const;

const pipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(headingRemarkPlugins as unknown as PluggableList)
  // Astro's options for remark-rehype (@astrojs/markdown-remark).
  .use(remarkRehype, { allowDangerousHtml: true, passThrough: [] })
  // An iframe keeps no id, whatever its host.
  .use(rehypeSanitizeBody, { embedHosts: [] })
  // A formula in a heading becomes MathML, whose text is what the slug is made of.
  .use(rehypeMathml, { labels: { en: '' } })
  .use(rehypeHeadingLevels)
  .use(rehypeHeadingAnchors, { labels: { en: '' }, reservedIds: articlePageIds });

/** A line that makes or underlines a heading, after any quote or list markers (CRLF files keep their `\r`). */
const HEADING_LINE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?:#{1,6}(?:[ \t]|\r?$)|=+[ \t]*\r?$|-+[ \t]*\r?$)/;
/** Raw HTML that names an id: a heading element, or an `id`/`name` attribute. */
const HTML_ID = /<h[1-6][\s>/]|<[A-Za-z][^>]*\s(?:id|name)\s*=/i;
/** Anything of the above anywhere: most parts of a body have none. */
const MAY_GIVE_ID = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[#=-]|<h[1-6][\s>/]|\s(?:id|name)\s*=/im;
/** A code fence's opening line at the start of a line: its lines are code until the closing line. */
const FENCE_OPEN = /^(`{3,}|~{3,})/;

/**
 * Whether a part of a body may give the page an id: a heading or raw HTML with an id, outside code
 * fences (shell comments, `# install`, are not headings). Only fences at the start of a line are
 * skipped: one in a list item or a quote ends with its container too, which a line scan cannot
 * tell, so its lines are looked at like any other.
 */
function mayGiveId(part: string): boolean {
  if (!MAY_GIVE_ID.test(part)) return false;
  const outside: string[] = [];
  let closer: RegExp | undefined;
  for (const line of part.split('\n')) {
    if (closer !== undefined) {
      if (closer.test(line)) closer = undefined;
      continue;
    }
    const mark = FENCE_OPEN.exec(line)?.[1];
    // A backtick "fence" with a backtick after it is inline code, not a fence.
    if (mark !== undefined && !(mark.startsWith('`') && line.slice(mark.length).includes('`'))) {
      closer = new RegExp(`^ {0,3}${mark.startsWith('`') ? '`' : '~'}{${mark.length},}[ \\t]*\\r?$`);
    } else if (HEADING_LINE.test(line)) return true;
    else outside.push(line);
  }
  // Joined, so that a tag written over several lines is still read whole.
  return HTML_ID.test(outside.join('\n'));
}

/** The anchors of the page an article body becomes. */
export function pageAnchors(body: string): PageAnchors {
  const ids = new Set<string>(articlePageIds);
  const written = new Set<string>();
  const parts = bodyRegions(body, mayGiveId);
  if (parts.length === 0) return { ids, written };
  const text = parts.map((part) => part.parsed.text).join('\n\n');
  const file = new VFile({ value: text });
  const tree = pipeline.runSync(pipeline.parse(file), file);
  visit(tree, 'element', (node) => {
    const values = [node.properties['id'], node.tagName === 'a' ? node.properties['name'] : undefined];
    for (const value of values) {
      if (typeof value !== 'string' || value === '') continue;
      ids.add(value);
      if (value.startsWith(clobberPrefix)) written.add(value.slice(clobberPrefix.length));
    }
  });
  return { ids, written };
}
