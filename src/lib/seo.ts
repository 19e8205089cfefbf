/**
 * Search-engine and social-sharing rules, as plain functions of plain data: whether a build is a
 * preview (kept out of search engines), the `<meta>` tags of Open Graph and Twitter cards, hreflang
 * links with `x-default`, `robots.txt`, and what the sitemap keeps and how it pairs languages.
 */
import type { ElementContent, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { PublishedAt } from './dates.ts';

/** Normalises a site URL for comparison: origin and path, without the trailing slash. */
function siteKey(url: string | URL): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/**
 * Whether a build is a preview: its site URL (`SITE_URL`, Astro's `site`) is not the production
 * URL. Previews must stay out of search engines; a missing or unreadable URL counts as a preview,
 * because indexing a build by mistake is worse than not indexing one.
 */
export function isPreviewBuild(siteUrl: string | URL | undefined, productionUrl: string): boolean {
  if (siteUrl === undefined) return true;
  const site = siteKey(siteUrl);
  return site === undefined || site !== siteKey(productionUrl);
}

/** An absolute URL for a site path (or an already absolute URL) against the site's address. */
export function absoluteUrl(pathOrUrl: string, site: string | URL): string {
  return new URL(pathOrUrl, site).href;
}

/**
 * A publication moment as schema.org and Open Graph want it (ISO 8601): the calendar day for a
 * date-only value (no invented midnight), the UTC instant for a value written with a time.
 */
export function isoDate(date: PublishedAt): string {
  return date.hasTime ? date.instant : date.day;
}

/** The format of a share image made from a source image: PNG stays PNG (transparency), the rest JPEG. */
export function shareImageFormat(sourceFormat: string): 'png' | 'jpg' {
  // Every social network reads JPEG and PNG; WebP and AVIF are not read everywhere.
  return sourceFormat.toLowerCase() === 'png' ? 'png' : 'jpg';
}

/** The media type of the share image made from a source image (see `shareImageFormat`). */
export function shareImageMediaType(sourceFormat: string): 'image/png' | 'image/jpeg' {
  return shareImageFormat(sourceFormat) === 'png' ? 'image/png' : 'image/jpeg';
}

/** The image a page is shared with. */
export interface ShareImage {
  /** Absolute URL (social networks fetch it from elsewhere). */
  readonly url: string;
  /** What the image shows. */
  readonly alt: string;
  /** Width in pixels, when known. */
  readonly width?: number | undefined;
  /** Height in pixels, when known. */
  readonly height?: number | undefined;
}

/** Article facts for `article:*` Open Graph tags. */
export interface ArticleMeta {
  /** ISO 8601 publication date. */
  readonly publishedTime: string;
  /** ISO 8601 date of the last revision, when there was one. */
  readonly modifiedTime?: string | undefined;
  /** Topic labels in the page's language. */
  readonly tags: readonly string[];
}

/** What the Open Graph and Twitter tags of a page say. */
export interface SocialMetaInput {
  /** `og:type`. */
  readonly type: 'website' | 'article' | 'profile';
  /** Page title, without the site name. */
  readonly title: string;
  /** Page description. */
  readonly description: string;
  /** Canonical absolute URL of the page, when it has one. */
  readonly url?: string | undefined;
  /** The site's name in the page's language. */
  readonly siteName: string;
  /** Open Graph locale of the page (`en_GB`). */
  readonly locale: string;
  /** Open Graph locales of the page's other language versions. */
  readonly alternateLocales: readonly string[];
  /** Share image, if the page has one. */
  readonly image?: ShareImage | undefined;
  /** Article facts, on story pages. */
  readonly article?: ArticleMeta | undefined;
}

/** One `<meta>` tag: Open Graph uses `property`, Twitter `name`. */
export interface MetaTag {
  /** `property` attribute (Open Graph, `article:*`). */
  readonly property?: string;
  /** `name` attribute (Twitter). */
  readonly name?: string;
  /** `content` attribute. */
  readonly content: string;
}

/** The Open Graph and Twitter card `<meta>` tags of a page, in a stable order. */
export function socialMeta(input: SocialMetaInput): MetaTag[] {
  const og = (property: string, content: string): MetaTag => ({ property, content });
  const tw = (name: string, content: string): MetaTag => ({ name, content });
  const tags: MetaTag[] = [
    og('og:type', input.type),
    og('og:title', input.title),
    og('og:description', input.description),
  ];
  if (input.url !== undefined) tags.push(og('og:url', input.url));
  tags.push(og('og:site_name', input.siteName), og('og:locale', input.locale));
  for (const alternate of input.alternateLocales) {
    if (alternate !== input.locale) tags.push(og('og:locale:alternate', alternate));
  }
  const image = input.image;
  if (image) {
    tags.push(og('og:image', image.url), og('og:image:alt', image.alt));
    if (image.width !== undefined && image.height !== undefined) {
      tags.push(og('og:image:width', String(image.width)), og('og:image:height', String(image.height)));
    }
  }
  if (input.article) {
    tags.push(og('article:published_time', input.article.publishedTime));
    if (input.article.modifiedTime !== undefined) tags.push(og('article:modified_time', input.article.modifiedTime));
    for (const tag of input.article.tags) tags.push(og('article:tag', tag));
  }
  tags.push(
    tw('twitter:card', image ? 'summary_large_image' : 'summary'),
    tw('twitter:title', input.title),
    tw('twitter:description', input.description),
  );
  if (image) tags.push(tw('twitter:image', image.url), tw('twitter:image:alt', image.alt));
  return tags;
}

/** One `<link rel="alternate" hreflang>`. */
export interface HreflangLink {
  /** BCP 47 tag, or `x-default`. */
  readonly hreflang: string;
  /** Absolute URL. */
  readonly href: string;
}

/**
 * The page for readers whose language matches none of a page's versions (`x-default`): the version
 * in `primaryLocale` when the page has an original language and that version exists (a story's
 * primary version: the original, which every translation was made from), the bilingual landing
 * page, where such a reader chooses a language, otherwise (home, listings, entity pages).
 */
export function xDefaultPath(
  alternates: Readonly<Partial<Record<string, string>>>,
  primaryLocale: string | undefined,
  landingPath: string,
): string {
  return (primaryLocale === undefined ? undefined : alternates[primaryLocale]) ?? landingPath;
}

/**
 * The hreflang links of a page: one per locale it exists in (`alternates`, by locale code, in the
 * configured order) and, when it exists in several, `x-default` pointing at `xDefaultUrl` (see
 * {@link xDefaultPath}).
 */
export function hreflangLinks(
  alternates: Readonly<Partial<Record<string, string>>>,
  locales: readonly { readonly code: string; readonly htmlLang: string }[],
  xDefaultUrl: string,
  site: string | URL,
): HreflangLink[] {
  const links = locales.flatMap((l) => {
    const href = alternates[l.code];
    return href === undefined ? [] : [{ hreflang: l.htmlLang, href: absoluteUrl(href, site) }];
  });
  if (links.length > 1) links.push({ hreflang: 'x-default', href: absoluteUrl(xDefaultUrl, site) });
  return links;
}

/**
 * The dates a story version was revised on after it was published: its `updated` date and the date
 * of each of its corrections. The one place a new kind of revision joins what `article:modified_time`,
 * JSON-LD `dateModified`, a feed item's update date and the sitemap's `lastmod` say.
 */
export function revisionDates(data: {
  readonly updated?: PublishedAt | undefined;
  readonly corrections?: readonly { readonly date: PublishedAt }[] | undefined;
}): PublishedAt[] {
  return [...(data.updated ? [data.updated] : []), ...(data.corrections ?? []).map((c) => c.date)];
}

/** The newest of `dates` by instant (the first of equal ones), `undefined` for none. */
export function newestDate(dates: readonly PublishedAt[]): PublishedAt | undefined {
  let newest: PublishedAt | undefined;
  for (const date of dates) if (!newest || date.instant > newest.instant) newest = date;
  return newest;
}

/**
 * `robots.txt`: production builds allow everything and name the sitemap; preview builds disallow
 * everything (and name no sitemap, so nothing points crawlers at a preview).
 */
export function robotsTxt(options: { readonly preview: boolean; readonly sitemapUrl: string }): string {
  if (options.preview) return 'User-agent: *\nDisallow: /\n';
  return `User-agent: *\nAllow: /\n\nSitemap: ${options.sitemapUrl}\n`;
}

/**
 * Whether a built URL belongs in the sitemap: HTML pages only (directory URLs ending in `/`), so
 * feeds, share images, `robots.txt`, `_redirects` and file-named redirect pages stay out, and not
 * one of the `excluded` URLs (redirect pages, the 404).
 */
export function isSitemapPage(url: string, excluded: ReadonlySet<string>): boolean {
  return new URL(url).pathname.endsWith('/') && !excluded.has(url);
}

/** The `i18n.locales` option of `@astrojs/sitemap`: locale code (URL segment) → hreflang tag. */
export function sitemapLocales(
  locales: readonly { readonly code: string; readonly htmlLang: string }[],
): Record<string, string> {
  return Object.fromEntries(locales.map((l) => [l.code, l.htmlLang]));
}

/** A sitemap entry as `@astrojs/sitemap` hands it to `serialize` (only what we touch). */
export interface SitemapEntry {
  /** Absolute URL of the page. */
  readonly url: string;
  /** Its language versions, `hreflang` alternates. */
  readonly links?: readonly { readonly url: string; readonly lang: string }[] | undefined;
  /** Last modification (W3C date or date-time). */
  readonly lastmod?: string | undefined;
}

/** What a built page's `<head>` says that its sitemap entry repeats. */
export interface PageHeadFacts {
  /** `href` of `<link rel="alternate" hreflang="x-default">`. */
  readonly xDefault?: string | undefined;
  /** `article:published_time`. */
  readonly published?: string | undefined;
  /** `article:modified_time`. */
  readonly modified?: string | undefined;
}

/** The `<link>` and `<meta>` tags of a head that may hold {@link PageHeadFacts}. */
const FACT_TAG = /<(?:link|meta)\b[^>]*>/gi;
const FACT_NAME = /x-default|article:(?:published|modified)_time/;

/**
 * The facts of a page's `<head>` HTML (or the start of the page, up to `</head>`). Only the few
 * tags that can hold them are parsed (by hast, which decodes their attributes): parsing whole heads
 * took 1 to 2.5 ms a page, half a minute for a 20,000-page archive. Cutting tags out by pattern is
 * exact on built pages: Astro escapes `>` in every attribute value it writes.
 */
export function pageHeadFacts(headHtml: string): PageHeadFacts {
  const facts: { xDefault?: string; published?: string; modified?: string } = {};
  const tags = (headHtml.match(FACT_TAG) ?? []).filter((tag) => FACT_NAME.test(tag));
  for (const node of fromHtml(tags.join(''), { fragment: true }).children) visitHead(node, facts);
  return facts;
}

/** Collects {@link PageHeadFacts} from a parsed head's elements. */
function visitHead(
  node: RootContent | ElementContent,
  facts: { xDefault?: string; published?: string; modified?: string },
) {
  if (node.type !== 'element') return;
  const { properties: p } = node;
  if (node.tagName === 'link' && p['hrefLang'] === 'x-default' && typeof p['href'] === 'string')
    facts.xDefault = p['href'];
  if (node.tagName === 'meta' && typeof p['content'] === 'string') {
    if (p['property'] === 'article:published_time') facts.published = p['content'];
    if (p['property'] === 'article:modified_time') facts.modified = p['content'];
  }
  for (const child of node.children) visitHead(child, facts);
}

/**
 * A sitemap `lastmod`: the newer of a story page's publication and last revision as its head says
 * them (both ISO 8601, a day or an instant; a day counts as 00:00 UTC, the instant stories are
 * sorted by), so the value never depends on the build machine's time zone or clock. Pages without
 * them (listings, entity pages) get none: their honest date would be the newest change to anything
 * they show, which is not the newest story they list (an older story's edited title changes a
 * listing too), and a `lastmod` that is not always right is ignored by search engines.
 */
export function sitemapLastmod(facts: PageHeadFacts): string | undefined {
  const dates = [facts.published, facts.modified].filter(
    (date): date is string => date !== undefined && !Number.isNaN(Date.parse(date)),
  );
  return dates.reduce<string | undefined>(
    (newest, date) => (newest === undefined || Date.parse(date) > Date.parse(newest) ? date : newest),
    undefined,
  );
}

/**
 * Completes a sitemap entry from its page. `@astrojs/sitemap` writes no `x-default`, and it reads the
 * landing page (`/`, no locale segment) as a default-locale page with the same path as `/en/`, so it
 * lists it as a second `en` version of the home pages. Here the landing page leaves the locale list;
 * every page that exists in several languages gets the `x-default` its own head names (a story's
 * primary version), the landing page when the head names none; and `lastmod` (see `sitemapLastmod`).
 */
export function withXDefault<T extends SitemapEntry>(entry: T, landingUrl: string, facts: PageHeadFacts = {}): T {
  const lastmod = sitemapLastmod(facts);
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'links' && key !== 'lastmod'));
  const base = (lastmod === undefined ? rest : { ...rest, lastmod }) as T;
  const links = (entry.links ?? []).filter((link) => link.url !== landingUrl);
  if (links.length < 2) return base;
  return { ...base, links: [...links, { url: facts.xDefault ?? landingUrl, lang: 'x-default' }] };
}
