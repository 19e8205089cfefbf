/**
 * The generated share cards of a build: one per story version whose view has `shareCard`, with
 * what the card shows in that version's language. The `og.png` route lists them; a production build
 * starts drawing them on a second core as soon as the site's data is loaded (`loadSiteData` calls
 * `prerenderShareCards` once), before any page renders, so no route's `getStaticPaths` starts a thread.
 */
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { formatPublished } from '#lib/format.ts';
import { buildSettings } from '#lib/environment.ts';
import { shareImageCacheDir, type ShareCard } from '#lib/share-image.ts';
import { prerenderShareImages } from '#lib/share-image-prerender.ts';
import { siteCard, siteCardImage, type SiteCardText } from '#lib/site-card.ts';
import type { ShareImage } from '#lib/seo.ts';
import type { StoryViews } from '#lib/story-view.ts';
import { localeCodes, siteConfig, type Locale } from '#site.config';
import type { ArticleData, EventEntry } from './content.ts';

/** Every published version's view, as the site data holds them. */
type SiteViews = StoryViews<ArticleData, EventEntry, Locale>;

/** The cards of `locale`'s versions that get one, in the stories' order, with their route params. */
export function shareCardsIn(views: SiteViews, locale: Locale) {
  const { htmlLang, dateLocale } = localeInfo(locale);
  return [...(views.get(locale)?.values() ?? [])]
    .filter((view) => view.shareCard)
    .map((view) => {
      const card: ShareCard = {
        title: view.version.data.title,
        date: formatPublished(view.story.date, dateLocale),
        siteName: uiStrings(locale).siteName,
        lang: htmlLang,
      };
      return { params: { year: view.story.year, slug: view.story.slug }, props: { card } };
    });
}

/** A locale's site card texts: its dictionary's name and description. */
function siteCardText(locale: Locale): SiteCardText {
  const t = uiStrings(locale);
  return { siteName: t.siteName, siteDescription: t.siteDescription, lang: localeInfo(locale).htmlLang };
}

/** The site cards the `[lang]/og.png` route draws: one per locale, none while `shareImages` is `off`. */
export function siteCardsIn(locale: Locale) {
  if (siteConfig.shareImages !== 'generate') return [];
  return [{ params: {}, props: { card: siteCard(siteCardText(locale), siteConfig.productionUrl) } }];
}

/**
 * The share image of a page in `locale` that has none of its own: the locale's site card, by the
 * rule its route follows (none while `shareImages` is `off`), so `og:image` never names a file not built.
 */
export function siteShareImage(base: string, locale: Locale): ShareImage | undefined {
  if (siteConfig.shareImages !== 'generate') return undefined;
  return siteCardImage(base, locale, siteCardText(locale), uiStrings(locale).labelled);
}

/** The folder of this build's cached cards, from `ASTRO_CACHE_DIR`. */
export function shareCardCacheDir(): string {
  return shareImageCacheDir(buildSettings(process.env).cacheDir);
}

/** Starts drawing the cards not cached yet in a worker thread (src/lib/share-image-prerender.ts). */
export function prerenderShareCards(views: SiteViews): void {
  const cards = localeCodes.flatMap((locale) =>
    [...siteCardsIn(locale), ...shareCardsIn(views, locale)].map((entry) => entry.props.card),
  );
  prerenderShareImages(cards, { cacheDir: shareCardCacheDir() });
}
