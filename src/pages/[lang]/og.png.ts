// The locale's site card (`/en/og.png`): the share image of every page without one of its own
// (src/lib/site-card.ts), drawn like the story cards and through the same disk cache.
import { withCacheKeys } from '#data/cache-keys.ts';
import { localePaths, type StaticEndpoint } from '#data/page.ts';
import { shareCardCacheDir, siteCardsIn } from '#data/share-cards.ts';
import { cachedShareImage, shareImageCacheKey } from '#lib/share-image.ts';

export function getStaticPaths() {
  return withCacheKeys(localePaths(siteCardsIn), (path) => shareImageCacheKey(path.props.card));
}

export const GET: StaticEndpoint<typeof getStaticPaths> = async ({ props }) => {
  const png = await cachedShareImage(props.card, { cacheDir: shareCardCacheDir() });
  // Copied into a view over a plain ArrayBuffer, the only kind `Response` is typed to take.
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
