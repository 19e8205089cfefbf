// The `_redirects` file for hosts that read one (Netlify, Cloudflare Pages): a 301 for every alias.
// Astro ignores page files whose names start with `_`, hence the dynamic route with one value.
import type { APIRoute } from 'astro';
import { withCacheKeys } from '#data/cache-keys.ts';
import { siteRedirects } from '#data/redirects.ts';
import { redirectsFile } from '#lib/redirects.ts';

export function getStaticPaths() {
  return withCacheKeys([{ params: { redirects: '_redirects' } }]);
}

export const GET: APIRoute = async () =>
  new Response(redirectsFile(await siteRedirects()), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
