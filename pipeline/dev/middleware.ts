/**
 * The dev server's request middleware (added by ./integration.ts, first in order): while the
 * content has errors, every page request throws the content error, so Astro's dev error page shows
 * it instead of a page built on a guessed fact; otherwise the page is served with its warnings
 * banner, if it has warnings. Requests for files (scripts, images, feeds) pass untouched.
 */
import type { MiddlewareHandler } from 'astro';
import { injectBanner } from './banner.ts';
import { devCheckState } from './state.ts';

/** Whether `pathname` names a page: the site's pages end with a slash (`trailingSlash: 'always'`) or `.html`. */
export function isPagePath(pathname: string): boolean {
  return pathname.endsWith('/') || pathname.endsWith('.html');
}

/** Astro's middleware entry point. */
export const onRequest: MiddlewareHandler = async (context, next) => {
  const state = devCheckState();
  if (!state || !isPagePath(context.url.pathname)) return next();
  const verdict = await state.verdict(context.url.pathname);
  if (verdict.error) throw verdict.error;
  const response = await next();
  if (verdict.banner === '' || !(response.headers.get('content-type') ?? '').includes('text/html')) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(injectBanner(await response.text(), verdict.banner), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
};
