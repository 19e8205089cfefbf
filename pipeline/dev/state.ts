/**
 * What the dev integration (./integration.ts, in the dev server's Node process) shares with its
 * request middleware (./middleware.ts, loaded by Vite's module runner, which gives it module
 * instances of its own): one object on `globalThis`, under a registered symbol.
 */

/** What a page request is answered with, once the content check is up to date. */
export interface PageVerdict {
  /** The error to throw (Astro's dev error page) while the content has errors. */
  readonly error?: Error;
  /** The warnings banner's HTML for this page, '' when it has none. */
  readonly banner: string;
}

/** The integration's side of the middleware. */
export interface DevCheckState {
  /** The verdict for the page at `pathname`, after every content change seen so far is checked. */
  verdict(pathname: string): Promise<PageVerdict>;
}

/** The key of the shared state on `globalThis`. */
export const STATE_KEY = Symbol.for('news-archive:dev-check');

/** The shared state, if the dev integration has set it. */
export function devCheckState(): DevCheckState | undefined {
  return (globalThis as Record<symbol, DevCheckState | undefined>)[STATE_KEY];
}

/** Sets (or, with undefined, clears) the shared state. */
export function setDevCheckState(state: DevCheckState | undefined): void {
  (globalThis as Record<symbol, DevCheckState | undefined>)[STATE_KEY] = state;
}
