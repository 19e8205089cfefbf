/**
 * The hand-off of rendered pages from the site to the build pipeline while Astro renders them.
 * The pipeline (pipeline/search-stream.ts) registers a receiver before it calls Astro's `build()`;
 * the site's middleware (src/integrations/search-stream-middleware.ts) gives it each HTML page as
 * rendered, so the search index is built on the other cores while Astro renders on one.
 * Astro runs the built page code in the pipeline's own process but as separately bundled modules:
 * the receiver lives on `globalThis` under a registered symbol, the one value both copies share.
 * Without a receiver (dev server, `astro build` alone, tests) the middleware does nothing.
 */

/** One HTML page as Astro rendered it. */
export interface RenderedPage {
  /** The request path of the page, base path included (`/base/en/2024/slug/`). */
  readonly pathname: string;
  /** The page's HTML, exactly the bytes Astro writes. */
  readonly html: string;
}

/** Receives a rendered page; it returns at once (the render never waits for the indexer). */
export type RenderedPageReceiver = (page: RenderedPage) => void;

/** The registered symbol under which the receiver is kept (one per process, `Symbol.for`). */
const RECEIVER = Symbol.for('news-archive.rendered-page-receiver');

/** The global object with the receiver's slot. */
type WithReceiver = typeof globalThis & { [RECEIVER]?: RenderedPageReceiver | undefined };

/** The registered receiver, if a pipeline is listening. */
export function renderedPageReceiver(): RenderedPageReceiver | undefined {
  return (globalThis as WithReceiver)[RECEIVER];
}

/** Registers `receiver` (or removes it with `undefined`) for the pages rendered from now on. */
export function setRenderedPageReceiver(receiver: RenderedPageReceiver | undefined): void {
  (globalThis as WithReceiver)[RECEIVER] = receiver;
}
