/**
 * The pages and files a build of the checked content will publish, by site path, so that the
 * checker can tell a body link to a page that will exist from one that will not (and say which page
 * was meant). The routes are those of src/pages/ (README, "The site"), their paths made by the same
 * builders (../paths.ts, ../feeds.ts, ../icalendar.ts, ../pagination.ts) from the same story,
 * listing and index rules (../stories.ts, ../indexes.ts) as the build. Paths are from the site's
 * root: editors write `/en/2024/x/` and the build adds `BASE_PATH` (src/plugins/rehype-base-path.ts).
 * Pure: the caller hands over what it read. What a missing path may have meant is ./page-hints.ts's.
 */
import { FEED_FORMATS, feedPath, speakerFeedPath, tagFeedPath, type FeedFormat } from '#lib/feeds.ts';
import { eventCalendarPath, eventsCalendarPath } from '#lib/icalendar.ts';
import { indexStories } from '#lib/indexes.ts';
import { servedFiles } from '#pipeline/links.ts';
import { normaliseAlias } from '#lib/aliases.ts';
import { paginateLocales } from '#lib/pagination.ts';
import { filePath, localizedPath, storyPath } from '#lib/paths.ts';
import { listingItems, type SharedFacts, type Story } from '#lib/stories.ts';
import { pageHints, type LinkOrigin } from './page-hints.ts';

/** What an article's data must give for the site's pages. */
export interface PageFacts extends SharedFacts {
  /** Drafts are never published. */
  readonly draft: boolean;
  /** Old paths that redirect to the version. */
  readonly aliases?: readonly string[] | undefined;
}

/** Everything the site's pages are made from. */
export interface SiteContent<D extends PageFacts> {
  /** Locale codes, default first. */
  readonly locales: readonly string[];
  /** The published stories (`buildStories`), whose versions' `entryId` is `YYYY/slug/lang`. */
  readonly stories: readonly Story<D>[];
  /** Every article file, drafts included, by story folder (`YYYY/slug`) and language: for hints. */
  readonly folders: ReadonlyMap<string, ReadonlyMap<string, { readonly draft: boolean }>>;
  /** Speaker ids: each has a page and a feed in every locale. */
  readonly speakers: Iterable<string>;
  /** Organisation ids: each has a page in every locale. */
  readonly organisations: Iterable<string>;
  /** Event ids: each has a page in every locale. */
  readonly events: Iterable<string>;
  /** Tag ids: each has a listing (with later pages) and a feed in every locale. */
  readonly tags: Iterable<string>;
  /** Ids of the events with a start date: they get a calendar file. */
  readonly datedEvents: Iterable<string>;
  /** Stories per listing page. */
  readonly pageSize: number;
  /** Whether listings show another language's version of an untranslated story. */
  readonly untranslatedStories: 'show-with-badge' | 'hide';
}

/** A page or file of the site. */
export interface SitePage {
  /** The file a static server answers with, from the site's root: `en/2024/x/index.html`. */
  readonly file: string;
  /** For a story page, the article file it shows, relative to the content folder. */
  readonly article?: string;
}

/** The pages of one site. */
export interface SitePages {
  /** The page or file at a decoded site path (`/en/2024/x/`, `/en/rss.xml`), found as a static server finds it. */
  find(pathname: string): SitePage | undefined;
  /** The site path of a story's version when it is published: `/en/2024/x/`. */
  storyPage(year: string, slug: string, language: string): string | undefined;
  /**
   * A sentence on what a missing path may have meant (` Did you mean "/en/2024/x/"?`), or `''`;
   * `fragment` gives what to write after a suggested page (the link's `#id`, if that page has it).
   */
  hint(pathname: string, from?: LinkOrigin, fragment?: (page: string) => string): string;
}

/** Folders the build fills with names nobody links to by hand: scripts, styles, images, the search index. */
const BUILD_FOLDERS = ['_astro/', 'pagefind/'];
/** The sitemap index and its numbered parts (@astrojs/sitemap). */
const SITEMAP = /^sitemap-(?:index|\d+)\.xml$/;
/** Files the build writes at the root: src/pages/ and the integrations. */
const ROOT_FILES = ['index.html', '404.html', 'robots.txt', '_redirects'];

/** The file a server answers a built path with: `/en/x/` → `en/x/index.html`, `/en/rss.xml` → itself. */
function servedFile(sitePath: string): string {
  const rel = sitePath.slice(1);
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}

/** The pages and files the site will have, with the routes and rules of the build. */
export function sitePages<D extends PageFacts>(content: SiteContent<D>): SitePages {
  const base = '/';
  const { locales } = content;
  const files = new Map<string, SitePage>();
  const add = (sitePath: string, article?: string): void => {
    const file = servedFile(sitePath);
    files.set(file, article === undefined ? { file } : { file, article });
  };
  const stories = new Map<string, Story<D>>();
  for (const story of content.stories) stories.set(story.key, story);
  const indexes = indexStories(content.stories);
  const ids = (list: Iterable<string>): string[] => [...list];
  const registry = {
    speakers: ids(content.speakers),
    organisations: ids(content.organisations),
    events: ids(content.events),
    tags: ids(content.tags),
  };

  for (const file of ROOT_FILES) files.set(file, { file });
  // Home pages and their later pages, as src/pages/[lang]/[...page].astro paginates them.
  const listing = (list: readonly Story<D>[]) => (locale: string) =>
    listingItems(list, locale, locales, content.untranslatedStories);
  const paginated = (list: readonly Story<D>[], ...segments: string[]): void => {
    const pages = paginateLocales(locales, listing(list), content.pageSize, (locale) =>
      localizedPath(base, locale, ...segments),
    );
    for (const { page } of pages) add(page.path);
  };
  paginated(content.stories);
  for (const locale of locales) {
    for (const story of content.stories) {
      const version = story.versions.get(locale);
      if (!version) continue;
      const page = storyPath(base, locale, story);
      add(page, `articles/${version.entryId}.md`);
      // The share card (src/pages/[lang]/[year]/[slug]/og.png.ts): only the newest stories without a
      // cover get one (a rule of share-image.ts, which loads the image renderer); every version is
      // taken to have it, so that a link to one is never wrongly reported.
      add(filePath(base, locale, story.year, story.slug, 'og.png'));
    }
    for (const section of ['speakers', 'organisations', 'events', 'tags', 'archive', 'search']) {
      add(localizedPath(base, locale, section));
    }
    for (const section of ['speakers', 'organisations', 'events'] as const) {
      for (const id of registry[section]) add(localizedPath(base, locale, section, id));
    }
    for (const id of registry.speakers) add(speakerFeedPath(base, locale, id));
    for (const id of registry.tags) add(tagFeedPath(base, locale, id));
    for (const id of content.datedEvents) add(eventCalendarPath(base, locale, id));
    add(eventsCalendarPath(base, locale));
    for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) add(feedPath(base, locale, format));
    for (const year of indexes.byYear.keys()) add(localizedPath(base, locale, 'archive', year));
    for (const month of indexes.byMonth.keys()) {
      add(localizedPath(base, locale, 'archive', month.slice(0, 4), month.slice(5, 7)));
    }
  }
  for (const id of registry.tags) paginated(indexes.byTag.get(id) ?? [], 'tags', id);
  // Redirect pages of the published versions' aliases (src/pages/[...alias].astro).
  for (const story of content.stories) {
    for (const version of story.versions.values()) {
      for (const alias of version.data.aliases ?? []) {
        const result = normaliseAlias(alias);
        if (!result.ok) continue;
        const { param, isFile } = result.alias;
        files.set(isFile ? param : `${param}/index.html`, { file: isFile ? param : `${param}/index.html` });
      }
    }
  }

  const find = (pathname: string): SitePage | undefined => {
    const rel = pathname.replace(/^\/+/, '');
    if (BUILD_FOLDERS.some((folder) => rel.startsWith(folder)) || SITEMAP.test(rel)) return { file: rel };
    for (const candidate of servedFiles(rel, 'page')) {
      const page = files.get(candidate);
      if (page) return page;
    }
    return undefined;
  };

  const storyPage = (year: string, slug: string, language: string): string | undefined =>
    stories.get(`${year}/${slug}`)?.versions.has(language) ? storyPath(base, language, { year, slug }) : undefined;

  return { find, storyPage, hint: pageHints(content, stories, files) };
}
