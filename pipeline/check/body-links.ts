/**
 * Finding the links in article bodies that may stay on the site: Markdown links (inline and by
 * reference) and raw-HTML `<a href>`, relative (`./slides.pdf`, `../other-story/`), site-absolute
 * (`/en/2024/x/`, `/files/a.pdf`) or to a fragment (`#results`). A cheap scan finds the addresses
 * first ({@link linkCandidates}); the parser ({@link bodyLinks}) confirms only the parts where one is
 * suspect. Whether a link goes anywhere is ./link-checker.ts's business. Web addresses (`https:`,
 * `mailto:`, `//host`) are not looked at.
 */
import type { Element } from 'hast';
import type { Nodes } from 'mdast';
import { definitions } from 'mdast-util-definitions';
import rehypeRaw from 'rehype-raw';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A link's address and how it is written, for messages. */
export interface WrittenLink {
  /** The address as the page will have it (Markdown: as micromark normalises it, %-encoded). */
  readonly href: string;
  /** How it is written: `link` (Markdown) or `<a href>`. */
  readonly where: string;
}

/** A link found in a Markdown body, with its place in the body (1-based). */
export interface BodyLink extends WrittenLink {
  /** Line in the body, 1-based. */
  readonly line: number;
  /** Column, 1-based. */
  readonly column: number;
}

/** Bodies without these have no link: most parts skip the walk. */
const MAY_HAVE_LINK = /\]|<a\s/i;
/** Raw HTML that may hold a link: only such parts need the HTML tree. */
const MAY_HAVE_HTML_LINK = /<a\s/i;

/** An address with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`): not a path of this site. */
export function leavesSite(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('/\\');
}

/** A Markdown link without a scheme, a link definition, or `<a href>`. */
const SITE_LINK = /\]\(\s*<?(?![A-Za-z][A-Za-z0-9+.-]*:|\/\/)|^ {0,3}\[[^\]\n]+\]:|<a\s[^>]*href/im;

/**
 * Whether a part of a body may hold a link that stays on the site: a Markdown link whose address
 * has no scheme, a link definition, or raw HTML `<a href>`. Web addresses, the bulk of news links,
 * are not looked at, so their paragraphs are never parsed for this rule.
 */
export function mayHaveSiteLink(part: string): boolean {
  return SITE_LINK.test(part);
}

/** An address found by scanning the text, before any parse. */
export interface LinkCandidate extends WrittenLink {
  /** True when the scan cannot be sure of the address the parser will make of it (escapes, entities). */
  readonly uncertain: boolean;
}

/** What the Markdown parser would rewrite in an address: escapes, entities, %-escapes. */
const REWRITTEN = /[\\&%]/;

/**
 * The addresses that look like links staying on the site, found by scanning the text: a superset of
 * the links the parser finds (some may be in code, or not links at all), with their addresses as
 * the parser will read them, or marked uncertain. A part whose candidates all check out needs no
 * parse; one with a suspect candidate is parsed, and only the links the parser finds are reported.
 */
export function linkCandidates(text: string): LinkCandidate[] {
  const found: LinkCandidate[] = [];
  const add = (href: string, where: string): void => {
    if (href === '' || leavesSite(href)) return;
    found.push({ href, where, uncertain: REWRITTEN.test(href) });
  };
  // Inline links: the destination after `](`, as CommonMark reads it (`<...>`, or up to a space or
  // the unbalanced `)`).
  for (let at = text.indexOf('](', 0); at !== -1; at = text.indexOf('](', at + 2)) {
    // Images are the image rule's (./images.ts).
    if (closesImage(text, at)) continue;
    let i = at + 2;
    while (i < text.length && /[ \t]/.test(text.charAt(i))) i++;
    if (text.charAt(i) === '\n') i++;
    while (i < text.length && /[ \t]/.test(text.charAt(i))) i++;
    if (text.charAt(i) === '<') {
      const end = text.indexOf('>', i);
      const line = text.indexOf('\n', i);
      if (end !== -1 && (line === -1 || end < line)) add(text.slice(i + 1, end), 'link');
      continue;
    }
    let depth = 0;
    let end = i;
    for (; end < text.length; end++) {
      const c = text.charAt(end);
      if (c === '\\') end++;
      else if (c === '(') depth++;
      else if (c === ')' && depth-- === 0) break;
      else if (/\s/.test(c)) break;
    }
    add(text.slice(i, end), 'link');
  }
  for (const match of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)/gm)) {
    const href = match[1] ?? '';
    add(href.startsWith('<') ? href.slice(1, -1) : href, 'link');
  }
  for (const match of text.matchAll(/<a\s(?:[^>]*?\s)?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi)) {
    add((match[1] ?? match[2] ?? match[3] ?? '').trim(), '<a href>');
  }
  return found;
}

/**
 * Whether the `]` at `close` ends the text of an image (`![alt](…)`): its `[` found by counting
 * brackets back, within the paragraph. When unsure (no `[` found), it is taken for a link.
 */
function closesImage(text: string, close: number): boolean {
  let depth = 0;
  for (let i = close - 1; i >= 0 && close - i < 2000; i--) {
    const c = text.charAt(i);
    if (c === '\n' && text.charAt(i - 1) === '\n') return false;
    if (text.charAt(i - 1) === '\\') continue;
    if (c === ']') depth++;
    else if (c === '[' && depth-- === 0) return text.charAt(i - 1) === '!';
  }
  return false;
}

/**
 * CommonMark alone finds the same links as with GFM, at the same places (GFM adds tables, whose
 * cells are inline text either way, footnotes, which are skipped, and bare `www.` addresses, which
 * are web addresses), at a third of the cost: parts are parsed only to confirm a suspect link, and
 * converted documentation is full of link tables.
 */
const commonMark = unified().use(remarkParse);
// Raw HTML kept, then parsed into elements (with positions), as the sanitizer sees it.
const toHtml = unified().use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw);

/**
 * Every link of a body that may stay on the site (no web addresses), in document order: Markdown
 * links, reference links by their definition, and raw-HTML `<a href>`.
 */
export function bodyLinks(text: string): BodyLink[] {
  if (!MAY_HAVE_LINK.test(text)) return [];
  const tree = commonMark.parse(text);
  const found: BodyLink[] = [];
  const markdownLinks = new Set<number>();
  let definition: ReturnType<typeof definitions> | undefined;
  visit(tree, (node: Nodes) => {
    if (node.type !== 'link' && node.type !== 'linkReference') return;
    const start = node.position?.start ?? { line: 1, column: 1, offset: undefined };
    if (start.offset !== undefined) markdownLinks.add(start.offset);
    let url: string | undefined;
    if (node.type === 'link') url = node.url;
    // `[^1]` is a footnote in GFM, not a link.
    else if (!node.identifier.startsWith('^')) {
      definition ??= definitions(tree);
      url = definition(node.identifier)?.url;
    }
    if (url === undefined || url === '' || leavesSite(url)) return;
    found.push({ href: url, line: start.line, column: start.column, where: 'link' });
  });
  if (MAY_HAVE_HTML_LINK.test(text)) {
    visit(toHtml.runSync(tree), 'element', (node: Element) => {
      const start = node.position?.start;
      // Markdown links are elements here too; they were collected above.
      if (node.tagName !== 'a' || !start || (start.offset !== undefined && markdownLinks.has(start.offset))) return;
      const href = node.properties['href'];
      if (typeof href !== 'string' || href === '' || leavesSite(href)) return;
      found.push({ href, line: start.line, column: start.column, where: '<a href>' });
    });
    found.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  return found;
}
