/**
 * Share cards on the second core. Astro renders pages on one thread, so a cold build with hundreds
 * of cards to draw leaves the machine's other cores idle: this starts a worker thread that fills the
 * card cache while Astro renders everything else; the `og.png` route then mostly reads cached files
 * (drawing any card the worker has not reached yet itself, from the other end of the list).
 * Pure TS with no `astro:` imports.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { shareImageCacheFile, type ShareCard } from './share-image.ts';

/** Fewer missing cards than this are drawn by the build itself: a worker's start-up costs more. */
export const PRERENDER_MIN_CARDS = 16;

/** Options of `prerenderShareImages`. */
export interface PrerenderOptions {
  /** Folder of cached PNGs (`shareImageCacheDir` of the Astro cache dir in builds). */
  readonly cacheDir: string;
  /** The worker's module (default: `src/lib/share-image-worker.ts` of the project being built). */
  readonly workerFile?: string;
}

/**
 * Starts drawing the cards that are not cached yet in a worker thread, last card first, and returns
 * the worker (or `undefined` when there is too little to draw, or no worker module to run). The
 * worker is unreferenced: it never keeps a finished build alive, and since every card is written
 * aside and renamed, stopping it mid-card leaves no broken file.
 */
export function prerenderShareImages(cards: readonly ShareCard[], options: PrerenderOptions): Worker | undefined {
  const { cacheDir } = options;
  // Resolved from the working directory, the project root: the site data calling this runs from a
  // bundled chunk, from which this file's own location is not the source tree.
  const workerFile = options.workerFile ?? path.resolve('src/lib/share-image-worker.ts');
  const missing = cards.filter((card) => !existsSync(shareImageCacheFile(card, cacheDir)));
  if (missing.length < PRERENDER_MIN_CARDS || !existsSync(workerFile)) return undefined;
  const worker = new Worker(workerFile, { workerData: { cards: missing.toReversed(), cacheDir } });
  // A failure in the worker only loses its head start: the route draws whatever is missing.
  worker.on('error', () => undefined);
  worker.unref();
  return worker;
}
