/**
 * What a story card (src/components/StoryCard.astro) shows, read from the story's view
 * (src/lib/story-view.ts, resolved once per build): the cover it shows (inherited or its own), the
 * event and topics its kicker chooses from. Nothing here resolves a story again; the kicker's name is
 * the entry's name in the page's locale, as every link to an entry is.
 */
import { localeInfo } from '#i18n/index.ts';
import { kickerOf, type KickerEntry } from '#lib/front-page.ts';
import { storyPath } from '#lib/paths.ts';
import type { ListingItem } from '#lib/stories.ts';
import type { Locale } from '#site.config';
import { storyView, type ArticleData, type SiteData, type SiteStoryView } from './content.ts';
import { isLocale, localePage, type PageLink } from './page.ts';

/** What a card adds to a listed story (`ListingItem`) to show it. */
export interface StoryCardData {
  /** The view of the version shown (its cover, event, tags). */
  readonly view: SiteStoryView;
  /** The story page of the version shown. */
  readonly href: string;
  /** BCP 47 tag of the version's language (its headline and summary). */
  readonly lang: string;
  /** The event or topic named above the headline, linked to its page; none when there is nothing to name. */
  readonly kicker: PageLink | undefined;
  /** The story's other languages, linked (none for a story shown in another language). */
  readonly otherLanguages: readonly { readonly href: string; readonly lang: string; readonly label: string }[];
}

/** The view of the version a listing shows: the page's locale's, or another language's for an untranslated story. */
export function listingView(data: SiteData, item: ListingItem<ArticleData>): SiteStoryView {
  const code = item.version.language;
  if (!isLocale(code)) throw new Error(`${item.story.key}: ${code} is not a configured locale`);
  return storyView(data, item.story, code);
}

/**
 * The card of `item` on a page in `locale`; `omit` is the entry whose page the list is on (an event
 * page's stories are not each headed with that event's name).
 */
export async function storyCard(
  locale: Locale,
  item: ListingItem<ArticleData>,
  omit?: KickerEntry,
): Promise<StoryCardData> {
  const { data, base, link } = await localePage(locale);
  const view = listingView(data, item);
  const entry = kickerOf(view, omit);
  const name = entry && (entry.collection === 'events' ? view.event?.data.name : data.tags.get(entry.id)?.data.label);
  const { story, version, isFallback } = item;
  return {
    view,
    href: storyPath(base, version.language, story),
    lang: localeInfo(version.language).htmlLang,
    kicker: entry && name && link(entry.collection, entry.id, name),
    otherLanguages: isFallback
      ? []
      : [...story.versions.keys()]
          .filter((code) => code !== version.language)
          .map((code) => ({
            href: storyPath(base, code, story),
            lang: localeInfo(code).htmlLang,
            label: localeInfo(code).label,
          })),
  };
}
