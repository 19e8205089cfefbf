// The Open Graph share image of one story version without a cover: its title on a branded card.
// Only built for the newest `shareImageStories` stories while `shareImages` is `generate`; cards are
// cached between builds (src/lib/share-image.ts) and drawn ahead on a second core in builds.
import type { APIRoute } from 'astro';
import { loadSiteData } from '#data/content.ts';
import { localeInfo, uiStrings } from '#i18n/index.ts';
import { formatPublished } from '#lib/format.ts';
import { cachedShareImage, hasGeneratedShareImage, shareImageCacheKey, type ShareCard } from '#lib/share-image.ts';
import { prerenderShareImages } from '#lib/share-image-prerender.ts';
import { localeCodes } from '#site.config';

interface Props {
  readonly card: ShareCard;
}

export async function getStaticPaths() {
  const { stories, shareCardStories } = await loadSiteData();
  const paths = localeCodes.flatMap((lang) =>
    stories.flatMap((story) => {
      const version = story.versions.get(lang);
      // The same rule the SEO tags use, so `og:image` never points at an image that was not built.
      if (!version || !hasGeneratedShareImage(story, lang, shareCardStories)) return [];
      const { htmlLang, dateLocale } = localeInfo(lang);
      const card: ShareCard = {
        title: version.data.title,
        date: formatPublished(story.date, dateLocale),
        siteName: uiStrings(lang).siteName,
        lang: htmlLang,
      };
      return [
        {
          params: { lang, year: story.year, slug: story.slug },
          props: { card } satisfies Props,
          // The card's own cache key: everything that shapes the PNG, render engine included.
          cacheKey: shareImageCacheKey(card),
        },
      ];
    }),
  );
  // Astro asks every route for its paths before rendering any page: the worker starts now and
  // draws while the other pages render. The dev server draws on request instead.
  if (import.meta.env.PROD) prerenderShareImages(paths.map((p) => p.props.card));
  return paths;
}

export const GET: APIRoute<Props> = async ({ props }) => {
  const png = await cachedShareImage(props.card);
  // Copied into a view over a plain ArrayBuffer, the only kind `Response` is typed to take.
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
