/**
 * Mermaid diagrams (```` ```mermaid ```` fences) are shown as their source, in a figure captioned
 * "Diagram (Mermaid source)" in the article's language, so a reader knows the code is a diagram's
 * description and not a listing. The code block inside is highlighted like any other (rehype-code-blocks).
 *
 * Not drawn as SVG: Mermaid lays diagrams out with a browser's DOM, so every maintained renderer
 * (mermaid-cli, rehype-mermaid, mermaid-isomorphic) drives a headless Chromium through Puppeteer or
 * Playwright, a browser the build would have to find or download on every machine and CI, seconds
 * per diagram. The one DOM-free renderer (beautiful-mermaid, 1.x) writes a Google Fonts `@import`,
 * `<style>` blocks, inline styles and fixed ids that collide between diagrams.
 */
import type { Root } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { hasClass, isElement, localizedLabel } from './hast-helpers.ts';

/** Options of {@link rehypeDiagramSource}. */
export interface DiagramSourceOptions {
  /** The caption per locale code ("Diagram (Mermaid source)"); the first entry serves other locales. */
  readonly labels: Readonly<Record<string, string>>;
}

/** Class of the figure around a diagram's source. */
export const diagramSourceClass = 'diagram-source';

/** Rehype plugin: wraps every `<pre><code class="language-mermaid">` in a captioned figure. */
export function rehypeDiagramSource(options: DiagramSourceOptions): (tree: Root, file: VFile) => void {
  const labelFor = localizedLabel(options.labels, 'rehypeDiagramSource');
  return (tree, file) => {
    const label = labelFor(file);
    visit(tree, 'element', (node, index, parent) => {
      if (!isElement(node, 'pre') || !parent || index === undefined) return undefined;
      const code = node.children.find((child) => child.type === 'element');
      if (isElement(code, 'code') && hasClass(code, 'language-mermaid')) {
        parent.children[index] = h('figure', { className: [diagramSourceClass] }, [h('figcaption', label), node]);
      }
      return SKIP;
    });
  };
}
