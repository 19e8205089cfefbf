/**
 * The markup of the callouts remark-callouts.ts found, built after the sanitizer (which would strip
 * the classes and the role): a `<div role="note">` (a note is "ancillary to the main content"; an
 * `<aside>` would add a complementary landmark per callout inside `<main>`) whose first line is the
 * visible label in the article's language, followed by the editor's title if there is one:
 *
 *     <div class="callout callout-warning" role="note">
 *       <p class="callout-title"><span class="callout-label">Warning: </span>Deadline moved</p>
 *       <p>…</p>
 *     </div>
 *
 * The label is text, so the kind never depends on colour alone (the stylesheet's colours only repeat it).
 */
import type { ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isElement, localizedLabel } from './hast-helpers.ts';
import { calloutKind, type CalloutKind } from './callout-syntax.ts';
import { getMark } from './source-marks.ts';

/** One locale's callout labels. */
export interface CalloutLabels {
  /** The visible label of each kind ("Note", "注意"). */
  readonly names: Readonly<Record<CalloutKind, string>>;
  /** What goes between the label and a title: the locale's "label: value" separator (": ", "："). */
  readonly separator: string;
}

/** Options of {@link rehypeCallouts}. */
export interface CalloutsOptions {
  /** Labels per locale code; the first entry serves articles in other languages. */
  readonly labels: Readonly<Record<string, CalloutLabels>>;
}

/** Class of every callout (`callout-<kind>` is added beside it). */
export const calloutClass = 'callout';

/** Rehype plugin: turns the marked `<div>`s into labelled callouts. */
export function rehypeCallouts(options: CalloutsOptions): (tree: Root, file: VFile) => void {
  const labelFor = localizedLabel(options.labels, 'rehypeCallouts');
  return (tree, file) => {
    const labels = labelFor(file);
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'div') return;
      const found = getMark(file, node, 'callout');
      const kind = found === undefined ? undefined : calloutKind(found.kind);
      if (!found || !kind) return;
      let title: ElementContent[] = [];
      if (found.titled) {
        const index = node.children.findIndex((child) => child.type === 'element');
        const first = node.children[index];
        if (isElement(first, 'p')) {
          title = first.children;
          node.children.splice(index, 1);
        }
      }
      const name = labels.names[kind];
      const label = h('span.callout-label', title.length > 0 ? name + labels.separator : name);
      node.properties = { className: [calloutClass, `${calloutClass}-${kind}`], role: 'note' };
      node.children = [h('p.callout-title', [label, ...title]), ...node.children];
      // Callouts nested in this one are built as the walk goes on into its children.
    });
  };
}
