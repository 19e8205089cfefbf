/**
 * The site's Markdown options, built in one place: `astro.config.mjs` hands them to Astro's
 * `unified()` processor, and the Markdown worker threads (src/loaders/) build the very same
 * processor from them, so a body renders identically on either side.
 */
import { dictionaries } from '../i18n/index.ts';
import { siteConfig } from '../site.config.ts';
import { articleRehypePlugins, articleRemarkPlugins, type ArticleRehypePlugins } from './index.ts';

/** Options of Astro's `unified()` Markdown processor for article bodies. */
export interface ArticleMarkdownOptions {
  /** Off: `remark-typography` does SmartyPants' job (see src/plugins/remark-typography.ts). */
  readonly smartypants: false;
  /** Our remark plugins. */
  readonly remarkPlugins: ReturnType<typeof articleRemarkPlugins>;
  /** Our rehype plugins, in order. */
  readonly rehypePlugins: ArticleRehypePlugins;
}

/** The Markdown options of a site published at `siteUrl` (links to other hosts are external). */
export function articleMarkdownOptions(siteUrl: string): ArticleMarkdownOptions {
  return {
    // Our own typographic quotes and dashes: remark-smartypants parses every text node into a
    // language tree and was 40 % of the Markdown time of a build.
    smartypants: false,
    remarkPlugins: articleRemarkPlugins(),
    rehypePlugins: articleRehypePlugins({
      siteUrl,
      embedHosts: siteConfig.embedHosts,
      locales: siteConfig.locales,
      anchorLabels: Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, t.sectionLink])),
      codeLabels: Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, t.codeBlock])),
      tableLabels: Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, t.table])),
      videoLabels: Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, t.video])),
      // "Note", and "Note: " before a title: the locale's own "label: value" form.
      calloutLabels: Object.fromEntries(
        Object.entries(dictionaries).map(([code, t]) => [code, { names: t.callouts, separator: t.labelled('', '') }]),
      ),
      formulaLabels: Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, t.formula])),
      diagramLabels: Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, t.diagramSource])),
      // The folder astro.config.mjs and the loaders read (tests point CONTENT_DIR at fixture sites).
      contentDir: process.env['CONTENT_DIR'] ?? './content',
      // Ids the article page itself uses around the body.
      reservedIds: ['main', 'top', 'content', 'event-box-heading'],
    }),
  };
}
