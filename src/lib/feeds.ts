/**
 * Feeds of a locale's stories, independent of their format: where each feed lives, what a feed and
 * an item carry, and the items of a locale's feed. The formats (RSS 2.0, Atom 1.0, JSON Feed 1.1) are
 * written by feed-formats.ts, bodies made fit for a feed reader by feed-html.ts. Inputs are plain
 * data; src/data/site-feeds.ts gathers them for the routes.
 */
import type { PublishedAt } from './dates.ts';
import { filePath, storyPath } from './paths.ts';
import { listingItems, type SharedFacts, type Story } from './stories.ts';
import { coverFigureHtml, memoizedFeedHtml } from './feed-html.ts';
import { correctionsNoticeHtml, type Correction } from './corrections.ts';
import { newestDate, revisionDates } from './seo.ts';

/** The feed formats the site publishes per locale. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** Media type and file name of each feed format. */
export const FEED_FORMATS: Readonly<Record<FeedFormat, { type: string; file: string; name: string }>> = {
  rss: { type: 'application/rss+xml', file: 'rss.xml', name: 'RSS' },
  atom: { type: 'application/atom+xml', file: 'atom.xml', name: 'Atom' },
  json: { type: 'application/feed+json', file: 'feed.json', name: 'JSON Feed' },
};

/** The path of a locale's feed: `/base/en/rss.xml`, `/base/en/atom.xml`, `/base/en/feed.json`. */
export function feedPath(base: string, locale: string, format: FeedFormat): string {
  return filePath(base, locale, FEED_FORMATS[format].file);
}

/** The path of a tag's RSS feed: `/base/en/tags/innovation/rss.xml`. */
export function tagFeedPath(base: string, locale: string, id: string): string {
  return filePath(base, locale, 'tags', id, FEED_FORMATS.rss.file);
}

/** The path of a speaker's RSS feed: `/base/en/speakers/zhang-wei/rss.xml`. */
export function speakerFeedPath(base: string, locale: string, id: string): string {
  return filePath(base, locale, 'speakers', id, FEED_FORMATS.rss.file);
}

/** One `<link rel="alternate">` of a page's `<head>` pointing at a feed. */
export interface FeedLink {
  /** Always `alternate`: feed autodiscovery. */
  readonly rel: 'alternate';
  /** The feed's media type. */
  readonly type: string;
  /** Site path of the feed (base path included). */
  readonly href: string;
  /** Human title, from the locale's dictionary. */
  readonly title: string;
}

/**
 * The `<link rel="alternate">` tags of a locale's RSS, Atom and JSON feeds, e.g.
 * `feedLinks(import.meta.env.BASE_URL, 'en', t.feedLinkTitle)`; `title` gets the format's name.
 */
export function feedLinks(base: string, locale: string, title: (format: string) => string): FeedLink[] {
  return (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({
    rel: 'alternate',
    type: FEED_FORMATS[format].type,
    href: feedPath(base, locale, format),
    title: title(FEED_FORMATS[format].name),
  }));
}

/** Who publishes the feed. */
export interface FeedAuthor {
  /** Name in the feed's language. */
  readonly name: string;
  /** Website. */
  readonly url?: string | undefined;
}

/** A category of an item: a tag's id and its label in the feed's language. */
export interface FeedCategory {
  /** Tag id (Atom `term`). */
  readonly id: string;
  /** Localized label (RSS `category`, Atom `label`, JSON Feed `tags`). */
  readonly label: string;
}

/**
 * A story's cover as feeds carry it: a file the build publishes anyway (the story page's share
 * image, 1200 px at most, JPEG or PNG, which every reader decodes), never an extra encode.
 */
export interface FeedImage {
  /** Absolute URL of the published file. */
  readonly url: string;
  /** Media type (`image/jpeg`, `image/png`). */
  readonly type: string;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
  /** Alternative text. */
  readonly alt: string;
  /** BCP 47 tag of the alt text and caption when not the item's language (an inherited cover). */
  readonly lang?: string | undefined;
  /** Caption, as the story page shows it. */
  readonly caption?: string | undefined;
  /** Credit line, already labelled for the feed's language ("Photo: X"). */
  readonly credit?: string | undefined;
}

/** One story version as every feed format carries it. */
export interface FeedItem {
  /** Absolute URL of the story version: link, RSS guid, Atom id, JSON Feed id. */
  readonly url: string;
  /** Headline. */
  readonly title: string;
  /** Summary: always present, the RSS description. */
  readonly summary: string;
  /** Whole article as HTML with absolute links, when the site publishes full content. */
  readonly contentHtml?: string | undefined;
  /** Publication date. */
  readonly published: PublishedAt;
  /** Last substantive revision, if any. */
  readonly updated?: PublishedAt | undefined;
  /** BCP 47 tag of the version's language. */
  readonly language: string;
  /** Tags, in the story's order. */
  readonly categories: readonly FeedCategory[];
  /** The cover the story version shows, if any. */
  readonly image?: FeedImage | undefined;
}

/** A feed, independent of its format. */
export interface Feed {
  /** Title. */
  readonly title: string;
  /** One-line description. */
  readonly description: string;
  /** BCP 47 tag of the feed's language. */
  readonly language: string;
  /** Absolute URL of the page the feed follows (locale home, tag page...). */
  readonly home: string;
  /** Absolute URL of this feed file (`rel="self"`); set per format by the caller. */
  readonly self: string;
  /** Publisher, written as the author. */
  readonly author: FeedAuthor;
  /** Newest first. */
  readonly items: readonly FeedItem[];
  /** Feed-level date when there are no items (Atom requires one), e.g. the site's newest story. */
  readonly emptyUpdated?: PublishedAt | undefined;
}

/** What the feed builder needs of an article's frontmatter. */
export interface FeedArticleData extends SharedFacts {
  /** Draft flag (drafts are never in stories; kept for the story rules' type). */
  readonly draft: boolean;
  /** Headline. */
  readonly title: string;
  /** Summary. */
  readonly summary: string;
  /** Last revision. */
  readonly updated?: PublishedAt | undefined;
  /** Corrections of this version (src/lib/corrections.ts). */
  readonly corrections?: readonly Correction[] | undefined;
}

/** Everything `feedItems` needs besides the stories. */
export interface FeedItemsOptions<D extends FeedArticleData> {
  /** Absolute site URL (`Astro.site`). */
  readonly site: string | URL;
  /** Base path (`import.meta.env.BASE_URL`). */
  readonly base: string;
  /** The feed's locale code. */
  readonly locale: string;
  /** Every configured locale code, default first. */
  readonly locales: readonly string[];
  /** The feed locale's BCP 47 tag (`htmlLang`). */
  readonly htmlLang: string;
  /** Items at most (`siteConfig.feedSize`). */
  readonly size: number;
  /**
   * The categories of a story's version in the feed's locale: its tags found in the vocabulary,
   * labelled in that locale, in the story's order (the site gives them from the story's view).
   */
  readonly categories: (story: Story<D>) => readonly FeedCategory[];
  /**
   * The rendered HTML of an article entry, for full-content feeds; leave out for summary-only
   * feeds. Unresolved `__ASTRO_IMAGE_` placeholders in it are dropped.
   */
  readonly bodyHtml?: ((entryId: string) => string | undefined | Promise<string | undefined>) | undefined;
  /** The cover a story's version in the feed's locale shows (the site gives its share image). */
  readonly image?: ((story: Story<D>) => FeedImage | undefined | Promise<FeedImage | undefined>) | undefined;
  /**
   * The label of a correction in the feed's language ("Correction, 3 May 2024:"): with it, a
   * full-content item starts with the corrections notice, as the page does.
   */
  readonly correctionLabel?: ((correction: Correction) => string) | undefined;
}

/**
 * A locale's feed items from published stories (newest first, as the data module gives them): only
 * versions in the feed's own language (never another language's fallback), at most `size`.
 */
export async function feedItems<D extends FeedArticleData>(
  stories: readonly Story<D>[],
  options: FeedItemsOptions<D>,
): Promise<FeedItem[]> {
  // `hide` is the listing rule without fallbacks: the same visibility and order as every listing.
  const chosen = listingItems(stories, options.locale, options.locales, 'hide').slice(0, Math.max(0, options.size));
  return Promise.all(
    chosen.map(async ({ story, version }) => {
      const url = new URL(storyPath(options.base, options.locale, story), options.site).href;
      const html = options.bodyHtml ? await options.bodyHtml(version.entryId) : undefined;
      const categories = options.categories(story).map(({ id, label }) => ({ id, label }));
      const image = options.image ? await options.image(story) : undefined;
      // The page shows the cover above the body; a full-content item does too.
      const cover = image ? coverFigureHtml(image) : '';
      const label = options.correctionLabel;
      const notice = label ? correctionsNoticeHtml(version.data.corrections, label) : '';
      return {
        url,
        title: version.data.title,
        summary: version.data.summary,
        contentHtml: html === undefined ? undefined : notice + cover + memoizedFeedHtml(html, url),
        published: story.date,
        // The newest of `updated` and the corrections' dates: a correction is a revision.
        updated: newestDate(revisionDates(version.data)),
        language: options.htmlLang,
        categories,
        image,
      };
    }),
  );
}
