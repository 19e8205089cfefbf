/**
 * Tables in article bodies scroll sideways inside their own box instead of widening the page: each
 * table is wrapped in `<div class="table-scroll">`, which the stylesheet lets scroll. The box is
 * keyboard-reachable (`tabindex="0"`: a reader without a mouse can scroll it with the arrow keys) and
 * named for screen readers after the table ("Table: Patent filings by field", "表格: 领域, 2021, 2022").
 *
 * `role="group"`, not `region`: a region is a landmark, listed with the page's navigation and main
 * content, and landmarks of a kind must have unique names; a page with two tables of the same headers
 * would break that (html-validate's `unique-landmark`, run on every built page, refuses it).
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hasClass, isElement, localizedLabel, localizedSeparator } from './hast-helpers.ts';

/** Options of {@link rehypeTableScroll}. */
export interface TableScrollOptions {
  /**
   * The scroll box's accessible name per locale code (`{ en: 'Table', zh: '表格' }`), followed by the
   * table's caption or column headings; the first entry serves articles in other languages.
   */
  readonly labels: Readonly<Record<string, string>>;
  /** What joins the label and the summary per locale code (`{ zh: '：' }`); default `': '`. */
  readonly separators?: Readonly<Record<string, string>>;
}

/** The class of the scroll box around each table. */
export const tableScrollClass = 'table-scroll';

/** Longest table summary kept in the accessible name, in characters (a name is read out in full). */
const longestSummary = 80;

/** Text with runs of white space made single spaces, trimmed. */
const squash = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** Cuts `value` to `longestSummary` characters at a word boundary where there is one, with an ellipsis. */
function shorten(value: string): string {
  const characters = [...value];
  if (characters.length <= longestSummary) return value;
  const cut = characters.slice(0, longestSummary).join('');
  const space = cut.lastIndexOf(' ');
  return (space > longestSummary / 2 ? cut.slice(0, space) : cut).replace(/[\s,]+$/, '') + '\u2026';
}

/** The table's own rows (in `thead`, `tbody`, `tfoot` or directly in the table), not nested tables'. */
function rowsOf(table: Element): Element[] {
  return table.children.flatMap((child): Element[] => {
    if (child.type !== 'element') return [];
    if (child.tagName === 'tr') return [child];
    if (!['thead', 'tbody', 'tfoot'].includes(child.tagName)) return [];
    return child.children.filter((row): row is Element => row.type === 'element' && row.tagName === 'tr');
  });
}

/** What the table is about: its caption, else the headings of its first row, else nothing. */
export function tableSummary(table: Element): string | undefined {
  const caption = table.children.find((child) => isElement(child, 'caption'));
  if (caption) {
    const words = squash(toString(caption));
    if (words !== '') return shorten(words);
  }
  const [first] = rowsOf(table);
  const headings = (first?.children ?? [])
    .filter((cell) => isElement(cell, 'th'))
    .map((cell) => squash(toString(cell)))
    .filter((heading) => heading !== '');
  return headings.length > 0 ? shorten(headings.join(', ')) : undefined;
}

/** Rehype plugin: wraps every table of the body (not nested ones) in a named, focusable scroll box. */
export function rehypeTableScroll(options: TableScrollOptions): (tree: Root, file: VFile) => void {
  const labelFor = localizedLabel(options.labels, 'rehypeTableScroll');
  const separatorFor = localizedSeparator(options.separators);
  return (tree, file) => {
    const label = labelFor(file);
    const separator = separatorFor(file);
    visit(tree, 'element', (node, index, parent) => {
      // Already wrapped (the plugin ran twice): a table nested in it scrolls with its outer table.
      if (node.tagName === 'div' && hasClass(node, tableScrollClass)) return SKIP;
      if (node.tagName !== 'table' || !parent || index === undefined) return undefined;
      const summary = tableSummary(node);
      parent.children[index] = h(
        'div',
        {
          className: [tableScrollClass],
          role: 'group',
          tabIndex: 0,
          ariaLabel: summary === undefined ? label : `${label}${separator}${summary}`,
        },
        [node],
      );
      return SKIP;
    });
  };
}
