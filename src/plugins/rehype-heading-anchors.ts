/**
 * Gives body headings ids and a self-link readers can copy, in the pattern Starlight uses: the link
 * sits after the heading (not inside it, so the heading's accessible name stays its text), shows a
 * decorative `#` and announces "label: heading text" to screen readers. The link is kept out of the
 * search index (`data-pagefind-ignore="all"`), so excerpts never repeat the label.
 *
 * Ids are made here with github-slugger rather than by rehype-slug (the same slugger, ids on h1–h6),
 * which cannot give these ids: it slugs the heading's raw text (a line break or double space becomes
 * `--`), the `<h1>` and the footnotes' generated label too, knows neither the `{#id}` the editor
 * chose (which must win over every slug) nor the layout's reserved ids and those raw HTML already
 * holds (a slug must not repeat them), and gives a heading of only punctuation an empty id. The
 * checker (pipeline/check/heading-ids.ts) runs this plugin to know the same ids.
 */
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import GithubSlugger, { slug } from 'github-slugger';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hasClass, isElement, localizedLabel, localizedSeparator } from './hast-helpers.ts';
import { headingRank, isFootnotesSection } from './rehype-heading-levels.ts';
import { getMark } from './source-marks.ts';

/** Options of {@link rehypeHeadingAnchors}. */
export interface HeadingAnchorsOptions {
  /** The link's screen-reader label per locale code, e.g. `{ en: 'Link to this section', zh: '本节链接' }`. */
  readonly labels: Readonly<Record<string, string>>;
  /** What joins the label and the heading per locale code (`{ zh: '：' }`); default `': '`. */
  readonly separators?: Readonly<Record<string, string>>;
  /** Ids the page itself uses around the article, which a heading slug must not take. */
  readonly reservedIds?: readonly string[];
}

/** Ids the site's layouts use (the skip link's target and the like): a heading "Main" gets `main-1`. */
export const defaultReservedIds: readonly string[] = ['main', 'top', 'content'];

/** Ids the article page uses around the body (its event box's heading too): the site's `reservedIds`. */
export const articlePageIds: readonly string[] = [...defaultReservedIds, 'event-box-heading'];

/** Class of the element wrapping a heading and its anchor (`level-hN` is added beside it). */
export const wrapperClass = 'heading-wrapper';

/**
 * Rehype plugin: gives every h2–h6 an id (the one the editor chose with `{#id}`, else GitHub's slugs;
 * unique in the document, Han characters kept) unless it has one, and wraps it with its self-link
 * labelled in the article's language.
 */
export function rehypeHeadingAnchors(options: HeadingAnchorsOptions): (tree: Root, file: VFile) => void {
  const labelFor = localizedLabel(options.labels, 'rehypeHeadingAnchors');
  const separatorFor = localizedSeparator(options.separators);
  const reserved = options.reservedIds ?? defaultReservedIds;
  return (tree, file) => {
    const label = labelFor(file);
    const separator = separatorFor(file);
    const taken = new Set<string>(reserved);
    visit(tree, 'element', (node) => {
      const id = node.properties['id'];
      if (typeof id === 'string') taken.add(id);
    });
    // Ids the editor chose (`## Results {#results}`, see remark-heading-ids.ts) go first, so that no
    // slug takes them, whatever the order of the headings; a taken one gets `-1` like a repeated slug.
    visit(tree, 'element', (node) => {
      const chosen = headingRank(node) === undefined ? undefined : getMark(file, node, 'headingId');
      if (chosen && typeof node.properties['id'] !== 'string') node.properties['id'] = uniqueId(chosen.id, taken);
    });
    const slugger = new GithubSlugger();
    visit(tree, 'element', (node, index, parent) => {
      if (isFootnotesSection(node)) return SKIP;
      const rank = headingRank(node);
      if (rank === undefined || rank < 2 || !parent || index === undefined) return undefined;
      if (isElement(parent, 'div') && hasClass(parent, wrapperClass)) return SKIP;
      const heading = toString(node).replace(/\s+/g, ' ').trim();
      let id = node.properties['id'];
      if (typeof id !== 'string' || id === '') {
        id = uniqueSlug(slugger, heading, taken);
        node.properties['id'] = id;
      }
      // Out of the search index: its label would otherwise show in search excerpts
      // ("#Link to this section: ..."); the heading itself stays indexed.
      const anchor = h('a.heading-anchor', { href: `#${id}`, dataPagefindIgnore: 'all' }, [
        h('span', { ariaHidden: 'true' }, '#'),
        h('span.sr-only', `${label}${separator}${heading}`),
      ]);
      parent.children[index] = h('div', { className: [wrapperClass, `level-h${rank}`] }, [node, anchor]);
      return [SKIP, index + 1];
    });
  };
}

function uniqueId(id: string, taken: Set<string>): string {
  let unique = id;
  for (let n = 1; taken.has(unique); n++) unique = `${id}-${n}`;
  taken.add(unique);
  return unique;
}

function uniqueSlug(slugger: GithubSlugger, heading: string, taken: Set<string>): string {
  // Headings of only punctuation or emoji slug to nothing; give them a usable id.
  const source = slug(heading) === '' ? 'section' : heading;
  let id = slugger.slug(source);
  while (taken.has(id)) id = slugger.slug(source);
  taken.add(id);
  return id;
}
