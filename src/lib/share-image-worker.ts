/**
 * Worker thread of `prerenderShareImages`: draws the cards it is given into the disk cache, skipping
 * any the build's main thread has drawn meanwhile. It receives the cards last first while the build
 * draws them first to last, so the two meet in the middle instead of drawing the same cards.
 */
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { cachedShareImage, shareImageCacheFile, type ShareCard } from './share-image.ts';

const { cards, cacheDir } = workerData as { readonly cards: readonly ShareCard[]; readonly cacheDir: string };
for (const card of cards) {
  if (!existsSync(shareImageCacheFile(card, cacheDir))) await cachedShareImage(card, { cacheDir });
}
