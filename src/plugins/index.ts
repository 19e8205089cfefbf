/**
 * The article body rendering pipeline: every rehype plugin an article body goes through, in order, for
 * `unified({ rehypePlugins })` in `astro.config.mjs`. Pure TypeScript, no `astro:` imports, so the
 * config file can import it.
 */
import type { RehypePlugin, RemarkPlugin } from '@astrojs/markdown-remark';
import { rehypeExternalLinks } from './rehype-external-links.ts';
import { rehypeFigures } from './rehype-figures.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeHeadingLevels } from './rehype-heading-levels.ts';
import type { PassageLocale } from './rehype-lang-passages.ts';
import { rehypeLangPassages } from './rehype-lang-passages.ts';
import { rehypeSanitizeBody } from './rehype-sanitize-body.ts';
import { rehypeSearchWords } from './rehype-search-words.ts';
import { remarkTypography } from './remark-typography.ts';

/** What the article pipeline needs to know about the site. */
export interface ArticlePluginOptions {
  /** The site's absolute URL; links to other hosts are marked external. */
  readonly siteUrl: string;
  /** Hosts whose https pages may be embedded with `<iframe>` (exact names). */
  readonly embedHosts: readonly string[];
  /** The site's locales, default first (`siteConfig.locales` fits). */
  readonly locales: readonly PassageLocale[];
  /** The heading self-link's screen-reader label per locale code. */
  readonly anchorLabels: Readonly<Record<string, string>>;
  /** Ids the page layout uses around the article, kept free of heading slugs (default: main, top, content). */
  readonly reservedIds?: readonly string[];
}

/**
 * A list of rehype plugins with their options: both a unified `PluggableList` and the `rehypePlugins`
 * type of Astro's `unified()` (whose tuples are exactly `[plugin, options]`).
 */
export type ArticleRehypePlugins = (RehypePlugin | [RehypePlugin, unknown])[];

/**
 * The remark plugins for article bodies: typographic punctuation, in place of Astro's
 * remark-smartypants (switch that off with `smartypants: false`), at a fraction of its cost.
 */
export function articleRemarkPlugins(): RemarkPlugin[] {
  return [remarkTypography];
}

/**
 * The ordered rehype plugins for article bodies:
 * 1. sanitize (parses raw HTML first, then cleans): everything after it adds attributes the
 *    allow list would strip, and must see real elements, not raw HTML strings;
 * 2. heading levels, then 3. heading anchors: ids and links are made for the final levels;
 * 4. external links: needs only sanitized links (the allow list would strip its `rel` and `class`);
 * 5. figures: before lang passages, so captions and credits are judged for their language;
 * 6. lang passages: it splits text into spans, which earlier text matching (credits) must not see;
 * 7. search words last: it reads the `lang` attributes lang passages wrote.
 */
export function articleRehypePlugins(options: ArticlePluginOptions): ArticleRehypePlugins {
  return [
    [rehypeSanitizeBody, { embedHosts: options.embedHosts }],
    rehypeHeadingLevels,
    [
      rehypeHeadingAnchors,
      {
        labels: options.anchorLabels,
        ...(options.reservedIds ? { reservedIds: options.reservedIds } : {}),
      },
    ],
    [rehypeExternalLinks, { siteUrl: options.siteUrl }],
    rehypeFigures,
    [rehypeLangPassages, { locales: options.locales }],
    [rehypeSearchWords, { locales: options.locales }],
  ];
}
