/**
 * Search-engine and social-sharing rules, as plain functions of plain data: whether a build is a
 * preview (kept out of search engines), the `<meta>` tags of Open Graph and Twitter cards, hreflang
 * links with `x-default`, `robots.txt`, and what the sitemap keeps and how it pairs languages.
 */
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
 * The hreflang links of a page: one per locale it exists in (`alternates`, by locale code, in the
 * configured order) and, when it exists in several, `x-default` pointing at the bilingual landing
 * page, where a reader whose language matches none chooses one.
 */
export function hreflangLinks(
  alternates: Readonly<Partial<Record<string, string>>>,
  locales: readonly { readonly code: string; readonly htmlLang: string }[],
  landingUrl: string,
  site: string | URL,
): HreflangLink[] {
  const links = locales.flatMap((l) => {
    const href = alternates[l.code];
    return href === undefined ? [] : [{ hreflang: l.htmlLang, href: absoluteUrl(href, site) }];
  });
  if (links.length > 1) links.push({ hreflang: 'x-default', href: absoluteUrl(landingUrl, site) });
  return links;
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
}

/**
 * Completes a sitemap entry's hreflang alternates. `@astrojs/sitemap` writes no `x-default`, and it
 * reads the landing page (`/`, no locale segment) as a default-locale page with the same path as
 * `/en/`, so it lists it as a second `en` version of the home pages. Here the landing page leaves
 * the locale list and becomes `x-default` of every page that exists in several languages, as the
 * pages' own `<link rel="alternate">` say.
 */
export function withXDefault<T extends SitemapEntry>(entry: T, landingUrl: string): T {
  const links = (entry.links ?? []).filter((link) => link.url !== landingUrl);
  if (links.length < 2) return Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'links')) as T;
  return { ...entry, links: [...links, { url: landingUrl, lang: 'x-default' }] };
}
