/**
 * The article body rendering pipeline: every rehype plugin an article body goes through, in order, for
 * `unified({ rehypePlugins })` in `astro.config.mjs`. Pure TypeScript, no `astro:` imports, so the
 * config file can import it.
 */
import type { RehypePlugin, RemarkPlugin } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import { rehypeBasePath } from './rehype-base-path.ts';
import { rehypeEmbeds } from './rehype-embeds.ts';
import { rehypeCodeBlocks } from './rehype-code-blocks.ts';
import { rehypeCallouts, type CalloutLabels } from './rehype-callouts.ts';
import { rehypeDiagramSource } from './rehype-diagram-source.ts';
import { rehypeExternalLinks } from './rehype-external-links.ts';
import { rehypeMathml } from './rehype-mathml.ts';
import { remarkCallouts } from './remark-callouts.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';
import { remarkMathSyntax } from './remark-math-syntax.ts';
import { remarkShortcodes } from './remark-shortcodes.ts';
import { rehypeFigures } from './rehype-figures.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeHeadingLevels } from './rehype-heading-levels.ts';
import { rehypeImageSizes } from './rehype-image-sizes.ts';
import type { PassageLocale } from './rehype-lang-passages.ts';
import { rehypeLangPassages } from './rehype-lang-passages.ts';
import { rehypeRawImages } from './rehype-raw-images.ts';
import { rehypeSanitizeBody } from './rehype-sanitize-body.ts';
import { rehypeSearchWords } from './rehype-search-words.ts';
import { rehypeTableScroll } from './rehype-table-scroll.ts';
import { remarkTypography } from './remark-typography.ts';

/** What the article pipeline needs to know about the site. */
export interface ArticlePluginOptions {
  /** The site's absolute URL; links to other hosts are marked external. */
  readonly siteUrl: string;
  /** The base path the site is published under (`BASE_PATH`; default `/`): site-absolute body addresses get it. */
  readonly base?: string;
  /** Hosts whose https pages may be embedded with `<iframe>` (exact names). */
  readonly embedHosts: readonly string[];
  /** The site's locales, default first (`siteConfig.locales` fits). */
  readonly locales: readonly PassageLocale[];
  /** The heading self-link's screen-reader label per locale code. */
  readonly anchorLabels: Readonly<Record<string, string>>;
  /** A code block's accessible name ("Code", "代码") per locale code; its language follows. */
  readonly codeLabels: Readonly<Record<string, string>>;
  /** A table scroll box's accessible name ("Table", "表格") per locale code; its caption or headings follow. */
  readonly tableLabels: Readonly<Record<string, string>>;
  /** What joins a label and its value in the names above ("Code: Python", "代码：Python") per locale code. */
  readonly labelSeparators?: Readonly<Record<string, string>>;
  /** The title of an embedded video nobody named ("Video", "视频") per locale code. */
  readonly videoLabels: Readonly<Record<string, string>>;
  /** A callout's visible labels ("Note", "注意") and the label–title separator, per locale code. */
  readonly calloutLabels: Readonly<Record<string, CalloutLabels>>;
  /** A displayed formula's accessible name ("Formula", "公式") per locale code. */
  readonly formulaLabels: Readonly<Record<string, string>>;
  /** The caption of a Mermaid diagram shown as source ("Diagram (Mermaid source)") per locale code. */
  readonly diagramLabels: Readonly<Record<string, string>>;
  /** The content folder (CONTENT_DIR): raw-HTML images inside it go through Astro's image pipeline. */
  readonly contentDir: string;
  /** Ids the page layout uses around the article, kept free of heading slugs (default: main, top, content). */
  readonly reservedIds?: readonly string[];
}

/**
 * A list of rehype plugins with their options: both a unified `PluggableList` and the `rehypePlugins`
 * type of Astro's `unified()` (whose tuples are exactly `[plugin, options]`).
 */
export type ArticleRehypePlugins = (RehypePlugin | [RehypePlugin, unknown])[];

/**
 * The remark plugins for article bodies, in order:
 * 1. math syntax and 2. directives: syntax extensions (they add to the parser; their order among
 *    themselves does not matter), registered before any transform runs;
 * 3. Hugo shortcodes: `{{<figure …>}}` back to text, before anything reads the raw HTML it parsed as;
 * 4. heading ids: takes `{#id}` out of heading text before typography could turn `--` in it into a dash;
 * 5. callouts: finds alerts and `:::` callouts and puts every other directive back as text, before
 *    typography, so that restored text ("10:30") gets the same punctuation as the text around it;
 * 6. typographic punctuation last, in place of Astro's remark-smartypants (switch that off with
 *    `smartypants: false`), at a fraction of its cost; it skips math nodes.
 */
export function articleRemarkPlugins(): RemarkPlugin[] {
  return [remarkMathSyntax, remarkDirective, remarkShortcodes, remarkHeadingIds, remarkCallouts, remarkTypography];
}

/**
 * The ordered rehype plugins for article bodies:
 * 1. sanitize (parses raw HTML first, then cleans): everything after it adds attributes the
 *    allow list would strip, and must see real elements, not raw HTML strings;
 * 1a. embeds: on the iframes the sanitizer kept (and rewrote to privacy-enhanced players), building
 *    figures and classes the allow list would strip; before external links marks its caption link
 *    and lang passages marks its caption's language;
 * 1b. raw images: on parsed, cleaned `<img>` elements; registers them for Astro's rehype-images,
 *    which runs after all of our plugins;
 * 1c. MathML, 1d. callouts, 1e. diagram sources: they build markup the allow list would strip
 *    (MathML, classes, `role`) from what remark marked (src/plugins/source-marks.ts), so after the
 *    sanitizer; and before code blocks, which must not highlight a formula's TeX and does highlight
 *    a diagram's source inside its figure;
 * 2. heading levels, then 3. heading anchors: ids and links are made for the final levels;
 * 4. external links: needs only sanitized links (the allow list would strip its `rel` and `class`);
 * 4a. base path: site-absolute addresses (`/en/2024/x/`, `/files/a.pdf`) get the base; on elements,
 *    so raw HTML's too, after raw images, which must see a site-absolute `src` as written (such an
 *    image is a file of public/, not one for the image pipeline); Astro's own image addresses are
 *    written after every plugin, with the base already;
 * 5. figures: before lang passages, so captions and credits are judged for their language;
 * 6. lang passages: it splits text into spans, which earlier text matching (credits) must not see;
 * 7. search words last: it reads the `lang` attributes lang passages wrote.
 * 8. code blocks (Shiki highlighting) and 9. table scroll boxes, after everything that reads the
 *    body: every plugin before them sees Markdown's plain `<pre><code class="language-…">` and
 *    bare tables (the shape other renderers, math or diagrams, look for) and none rewrites what
 *    the highlighter produced.
 * 10. image sizes: after raw images (which adds raw `<img>` to Astro's list), on the final `<img>`s.
 */
export function articleRehypePlugins(options: ArticlePluginOptions): ArticleRehypePlugins {
  const separators = options.labelSeparators ? { separators: options.labelSeparators } : {};
  return [
    [rehypeSanitizeBody, { embedHosts: options.embedHosts }],
    [rehypeEmbeds, { embedHosts: options.embedHosts, labels: options.videoLabels }],
    [rehypeRawImages, { contentDir: options.contentDir }],
    [rehypeMathml, { labels: options.formulaLabels }],
    [rehypeCallouts, { labels: options.calloutLabels }],
    [rehypeDiagramSource, { labels: options.diagramLabels }],
    rehypeHeadingLevels,
    [
      rehypeHeadingAnchors,
      {
        labels: options.anchorLabels,
        ...separators,
        ...(options.reservedIds ? { reservedIds: options.reservedIds } : {}),
      },
    ],
    [rehypeExternalLinks, { siteUrl: options.siteUrl }],
    [rehypeBasePath, { base: options.base ?? '/' }],
    rehypeFigures,
    [rehypeLangPassages, { locales: options.locales }],
    [rehypeSearchWords, { locales: options.locales }],
    [rehypeCodeBlocks, { labels: options.codeLabels, ...separators }],
    [rehypeTableScroll, { labels: options.tableLabels, ...separators }],
    [rehypeImageSizes, { contentDir: options.contentDir }],
  ];
}
