/**
 * The site's Markdown options, built in one place: `astro.config.mjs` hands them to Astro's
 * `unified()` processor, and the Markdown worker threads (src/loaders/) build the very same
 * processor from them, so a body renders identically on either side.
 */
import { dictionaries } from '#i18n/index.ts';
import { buildSettings } from '#lib/environment.ts';
import { siteConfig } from '#site.config';
import { articlePageIds } from './rehype-heading-anchors.ts';
import {
  articleRehypePlugins,
  articleRemarkPlugins,
  type ArticlePluginOptions,
  type ArticleRehypePlugins,
} from './index.ts';

/** Options of Astro's `unified()` Markdown processor for article bodies. */
export interface ArticleMarkdownOptions {
  /** Off: `remark-typography` does SmartyPants' job (see src/plugins/remark-typography.ts). */
  readonly smartypants: false;
  /** Our remark plugins. */
  readonly remarkPlugins: ReturnType<typeof articleRemarkPlugins>;
  /** Our rehype plugins, in order. */
  readonly rehypePlugins: ArticleRehypePlugins;
}

/** Each locale's value of one dictionary entry, keyed by locale code. */
function perLocale<T>(pick: (t: (typeof dictionaries)[keyof typeof dictionaries]) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(dictionaries).map(([code, t]) => [code, pick(t)]));
}

/** The labels the body plugins write (anchors, code, tables, callouts...), from the UI dictionaries. */
export function localizedLabels(): Pick<
  ArticlePluginOptions,
  | 'anchorLabels'
  | 'codeLabels'
  | 'tableLabels'
  | 'labelSeparators'
  | 'videoLabels'
  | 'calloutLabels'
  | 'formulaLabels'
  | 'diagramLabels'
> {
  return {
    // The locale's own "label: value" form, as the page around the body writes it.
    labelSeparators: perLocale((t) => t.labelled('', '')),
    anchorLabels: perLocale((t) => t.sectionLink),
    codeLabels: perLocale((t) => t.codeBlock),
    tableLabels: perLocale((t) => t.table),
    videoLabels: perLocale((t) => t.video),
    // "Note", and "Note: " before a title: the locale's own "label: value" form.
    calloutLabels: perLocale((t) => ({ names: t.callouts, separator: t.labelled('', '') })),
    formulaLabels: perLocale((t) => t.formula),
    diagramLabels: perLocale((t) => t.diagramSource),
  };
}

/**
 * The Markdown options of a site published at `siteUrl` (links to other hosts are external) under
 * the base path `base` (Astro's `base`: site-absolute body addresses are prefixed with it).
 */
export function articleMarkdownOptions(siteUrl: string, base: string): ArticleMarkdownOptions {
  return {
    // Our own typographic quotes and dashes: remark-smartypants parses every text node into a
    // language tree and was 40 % of the Markdown time of a build.
    smartypants: false,
    remarkPlugins: articleRemarkPlugins(),
    rehypePlugins: articleRehypePlugins({
      siteUrl,
      base,
      embedHosts: siteConfig.embedHosts,
      locales: siteConfig.locales,
      ...localizedLabels(),
      // The folder astro.config.mjs and the loaders read (tests point CONTENT_DIR at fixture sites).
      contentDir: buildSettings(process.env).contentDir,
      // Ids the article page itself uses around the body.
      reservedIds: articlePageIds,
    }),
  };
}
