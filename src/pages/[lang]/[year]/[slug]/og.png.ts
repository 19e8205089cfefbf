// The Open Graph share image of one story version without a cover: its title on a branded card.
// Only built for the versions whose view has `shareCard` (the newest `shareImageStories` stories
// while `shareImages` is `generate`, the rule the SEO tags use, so `og:image` never points at an
// image that was not built); cards are cached between builds (src/lib/share-image.ts) and drawn
// ahead on a second core in builds (src/data/share-cards.ts).
import { withCacheKeys } from '#data/cache-keys.ts';
import { loadSiteData } from '#data/content.ts';
import { localePaths, type StaticEndpoint } from '#data/page.ts';
import { shareCardCacheDir, shareCardsIn } from '#data/share-cards.ts';
import { cachedShareImage, shareImageCacheKey } from '#lib/share-image.ts';

export async function getStaticPaths() {
  const { views } = await loadSiteData();
  const paths = localePaths((locale) => shareCardsIn(views, locale));
  // The card's own cache key: everything that shapes the PNG, render engine included.
  return withCacheKeys(paths, (path) => shareImageCacheKey(path.props.card));
}

export const GET: StaticEndpoint<typeof getStaticPaths> = async ({ props }) => {
  const png = await cachedShareImage(props.card, { cacheDir: shareCardCacheDir() });
  // Copied into a view over a plain ArrayBuffer, the only kind `Response` is typed to take.
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
