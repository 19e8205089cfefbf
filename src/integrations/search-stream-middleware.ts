/**
 * Middleware, build only in effect: gives every rendered HTML page to the pipeline's receiver
 * (src/lib/rendered-pages.ts), which indexes story pages for search while Astro goes on rendering.
 * The page is read from a clone of the response, so what Astro writes is untouched; the receiver
 * only queues it. No receiver: nothing happens.
 */
import { defineMiddleware } from 'astro:middleware';
import { renderedPageReceiver } from '#lib/rendered-pages.ts';

/** Whether `response` is an HTML page with a body (not a feed, a share card or a redirect). */
function isHtmlPage(response: Response): boolean {
  return (
    response.status === 200 &&
    response.body !== null &&
    /^text\/html\b/.test(response.headers.get('content-type') ?? '')
  );
}

/** Astro's middleware entry point. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const receiver = renderedPageReceiver();
  if (!receiver || !isHtmlPage(response)) return response;
  receiver({ pathname: context.url.pathname, html: await response.clone().text() });
  return response;
});
