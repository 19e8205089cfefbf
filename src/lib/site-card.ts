/**
 * The site card: one 1200×630 share image per locale (the site's name and description in that
 * locale, drawn by the story cards' renderer, src/lib/share-image.ts, in their design), published at
 * `/en/og.png` and shared by every page without an image of its own (home, listings, entity pages
 * without a portrait, stories without a cover or card). Which text, where, and how it is shared;
 * the route (src/pages/[lang]/og.png.ts) draws it through the same disk cache as the story cards.
 */
import { filePath } from './paths.ts';
import type { ShareImage } from './seo.ts';
import { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, type ShareCard } from './share-image.ts';

/** A locale's texts of the site card, from its dictionary and locale settings. */
export interface SiteCardText {
  /** The site's name. */
  readonly siteName: string;
  /** The site's one-line description. */
  readonly siteDescription: string;
  /** BCP 47 tag of the locale (`en`, `zh-Hans`). */
  readonly lang: string;
}

/**
 * The card a locale's site card is drawn from: the description in the title's place (the card's
 * large text, fitted the same way), the name above it, and the production host name in the
 * footer, where a story card has its date (the host, not the build's URL: previews share one card).
 */
export function siteCard(text: SiteCardText, productionUrl: string): ShareCard {
  return {
    title: text.siteDescription,
    siteName: text.siteName,
    date: new URL(productionUrl).host,
    lang: text.lang,
  };
}

/** Site path of a locale's site card: `/base/en/og.png`. */
export function siteCardPath(base: string, locale: string): string {
  return filePath(base, locale, 'og.png');
}

/**
 * The site card as a page's share image (site path; the layout makes it absolute). Its alt text is
 * what the card says: "News Archive: Event news in English and Chinese." through `labelled`.
 */
export function siteCardImage(
  base: string,
  locale: string,
  text: SiteCardText,
  labelled: (label: string, value: string) => string,
): ShareImage {
  return {
    url: siteCardPath(base, locale),
    alt: labelled(text.siteName, text.siteDescription),
    width: SHARE_IMAGE_WIDTH,
    height: SHARE_IMAGE_HEIGHT,
  };
}
