/**
 * What the site's own Markdown extensions make of a body, found before the build and reported as
 * warnings with line and column, so nothing the editor wrote goes missing without a word:
 *
 * - directives the site does not have (`:::details`, `::youtube[…]`, `:abbr[…]`), printed as text,
 *   and callouts never closed, which take in the rest of the article;
 * - `{#…}` heading ids that cannot be used (`{#}`, `{#two words}`), a heading id used twice, or one
 *   the page itself uses: the heading then gets another id than the one links point to;
 * - formulas Temml cannot read, which the page shows as their TeX.
 *
 * The plugins decide, so the checker and the page never disagree: the body is parsed and transformed
 * by the article pipeline's remark plugins (src/plugins/index.ts, less typography, which changes no
 * structure), whose file messages are the directive and unusable-id warnings; the ids they accepted
 * are resolved here as rehype-heading-anchors.ts resolves them, and formulas are tried with
 * rehype-mathml.ts's own Temml settings. Only the parts of a body that may hold any of this outside
 * code (a `::` line, `:name[`, `{#`, a `$…$` pair, `$$`, `\(`, `\[`, a math fence) are parsed.
 */
import type { Heading, Nodes, Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { articlePageIds } from '#plugins/rehype-heading-anchors.ts';
import { mathError } from '#plugins/rehype-mathml.ts';
import { calloutsMessageSource, remarkCallouts } from '#plugins/remark-callouts.ts';
import { headingIdsMessageSource, remarkHeadingIds } from '#plugins/remark-heading-ids.ts';
import { remarkMathSyntax } from '#plugins/remark-math-syntax.ts';
import { remarkShortcodes } from '#plugins/remark-shortcodes.ts';
import { getMark, sourceOf } from '#plugins/source-marks.ts';
import { bodyRegions, ParsedBody, type BodyNote } from './markdown.ts';
import { excerpt } from './todos.ts';

/** The article pipeline's remark plugins, without typography. */
const pipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMathSyntax)
  .use(remarkDirective)
  .use(remarkShortcodes)
  .use(remarkHeadingIds)
  .use(remarkCallouts);

/** The plugins whose file messages are for the editor. */
const REPORTING = new Set([calloutsMessageSource, headingIdsMessageSource]);

// After any list or quote markers: a leaf or container directive (`::name`, `:::name`).
const BLOCK_DIRECTIVE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*::/m;
/**
 * What the rules look for: block directives, text directives written as such (`:abbr[…]`, not
 * "Note:foo"), heading ids, math (`$$`, a `$…$` pair as remark-math-syntax.ts reads one, so that
 * "$HOME" and prices are passed over; `\(`, `\[`), math fences.
 */
const MAY_NEED_SYNTAX = new RegExp(
  `${BLOCK_DIRECTIVE.source}|(?<![\\p{L}\\p{N}:]):[A-Za-z][\\w-]*[[{]|\\{#|\\$\\$|\\$[^\\s$](?:[^$]*?[^\\s$\\\\])?\\$(?!\\d)|\\\\[([]|^[ \\t>]*(?:\`{3,}|~{3,})[ \\t]*math`,
  'mu',
);
/**
 * Blocks that may hold blank lines and are read whole: a `:::` container (whether it is closed
 * depends on a line far below) or a `$$` block. A body with one is parsed as one part.
 */
const LONG_BLOCK = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?::::|\$\$[ \t]*$)/m;
/** A code fence's opening or closing line, after any list or quote markers, with its info string. */
const FENCE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/;

/**
 * A part of a body without its code (fences other than `math` ones, code spans), for the cheap test
 * of whether to parse it: shell prompts (`$ kubectl`) and templates in code are most of the `$` and
 * `:name{` of technical archives, and parsing every part with code would double the check's time.
 */
function outsideCode(part: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of part.split('\n')) {
    const mark = FENCE.exec(line);
    if (fence !== undefined) {
      const closes = mark?.[1] !== undefined && mark[1][0] === fence[0] && mark[1].length >= fence.length;
      if (closes && (mark[2] ?? '').trim() === '') fence = undefined;
      continue;
    }
    if (mark?.[1] !== undefined && !/^[ \t]*math\b/.test(mark[2] ?? '')) fence = mark[1];
    else kept.push(line);
  }
  return kept.join('\n').replace(/(`+)[^`]+?\1(?!`)/g, '');
}

/** Whether a part of a body may concern the rules, outside its code. */
function mayNeedSyntax(part: string): boolean {
  return MAY_NEED_SYNTAX.test(part) && MAY_NEED_SYNTAX.test(outsideCode(part));
}

/** Every directive, heading-id and formula problem in a body, in document order, at body lines. */
export function bodySyntax(body: string): BodyNote[] {
  if (!mayNeedSyntax(body)) return [];
  const parts = LONG_BLOCK.test(outsideCode(body))
    ? [{ parsed: new ParsedBody(body), line: 1 }]
    : bodyRegions(body, mayNeedSyntax);
  const notes: BodyNote[] = [];
  const ids = new HeadingIds();
  for (const part of parts) {
    const file = new VFile({ value: part.parsed.text });
    const tree = pipeline.runSync(pipeline.parse(file), file) as Root;
    const at = (line: number, column: number, message: string): void => {
      notes.push({ line: part.line + line - 1, column, message });
    };
    for (const message of file.messages) {
      if (!REPORTING.has(message.source ?? '') || message.line === undefined) continue;
      at(message.line, message.column ?? 1, message.reason);
    }
    visit(tree, (node: Nodes) => {
      const start = node.position?.start;
      if (!start) return;
      if (node.type === 'heading') {
        const note = ids.take(node, file, part.parsed);
        if (note) at(note.line, note.column, note.message);
        return;
      }
      const formula = formulaOf(node, file);
      if (!formula) return;
      const error = mathError(formula.tex, formula.display);
      if (error === undefined) return;
      const written = excerpt(sourceOf(file, node), 40);
      at(
        start.line,
        start.column,
        `formula ${written} cannot be read (Temml: ${excerpt(error, 80)}), so the page shows its TeX as written: correct the TeX`,
      );
    });
  }
  return notes.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The TeX of a formula node and whether it is displayed, as rehype-mathml.ts renders it. */
function formulaOf(node: Nodes, file: VFile): { tex: string; display: boolean } | undefined {
  // A paragraph holding only `$$…$$` or `\[…\]` became `math` (remark-math-syntax.ts), as `$$` blocks are.
  if (node.type === 'math') return { tex: node.value, display: true };
  if (node.type === 'code' && node.lang === 'math') return { tex: node.value, display: true };
  if (node.type === 'inlineMath') return { tex: node.value, display: getMark(file, node, 'displayMath') !== undefined };
  return undefined;
}

/**
 * The ids editors chose with `{#id}`, resolved in body order as rehype-heading-anchors.ts does: the
 * page's own ids are taken from the start, and a taken id gets `-1`, `-2`… added.
 */
class HeadingIds {
  readonly #taken = new Set<string>(articlePageIds);
  /** The text of the heading that first chose each id, for messages. */
  readonly #chosenBy = new Map<string, string>();

  /** Records a heading's chosen id; says what happens when it is already taken. */
  take(heading: Heading, file: VFile, parsed: ParsedBody): BodyNote | undefined {
    const chosen = getMark(file, heading, 'headingId')?.id;
    const start = heading.position?.start.offset;
    if (chosen === undefined || start === undefined) return undefined;
    let id = chosen;
    for (let n = 1; this.#taken.has(id); n++) id = `${chosen}-${n}`;
    this.#taken.add(id);
    const first = this.#chosenBy.get(chosen);
    if (first === undefined) this.#chosenBy.set(chosen, excerpt(plainText(heading), 40));
    if (id === chosen) return undefined;
    const instead = `this heading gets the id "${id}", and links to #${chosen} lead`;
    const message =
      first === undefined
        ? `heading id {#${chosen}} is one the article page itself uses (${articlePageIds.join(', ')}): ${instead} to the page's own element; choose another id`
        : `heading id {#${chosen}} is already used by the heading "${first}": ${instead} to that one; choose another id`;
    // At the braces, which are still in the source (the plugin took them out of the text only).
    const braces = sourceOf(file, heading).lastIndexOf('{#');
    return { ...parsed.positionAt(start + Math.max(braces, 0)), message };
  }
}

/** The text of a heading, as its readers see it. */
function plainText(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map((child: Nodes) => plainText(child)).join('') : '';
}
