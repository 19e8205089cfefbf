/**
 * Site-absolute addresses in a body follow the site when it is published under a sub-path. Editors
 * write links and files from the site's root (`[story](/en/2024/story/)`, `/files/report.pdf` from
 * `public/`, `<img src="/img/x.png">`); the site's own links honour `BASE_PATH` (src/lib/paths.ts),
 * but a body's are text, so on a preview at `/previews/pr-42/` they pointed at the host's root and
 * failed. This plugin prefixes the base to every root-relative `href`, `src`, `srcset` and `poster`.
 *
 * Left alone: protocol-relative addresses (`//host/x`, and `/\host/x`, which browsers read the same
 * way), web addresses, relative paths, `#fragments`, `?queries`, and paths already under the base.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { rewriteSrcset } from '#lib/srcset.ts';

/** Options of {@link rehypeBasePath}. */
export interface BasePathOptions {
  /** The base path the site is published under (Astro's `base`, from `BASE_PATH`): `/` or `/previews/pr-42/`. */
  readonly base: string;
}

/** The properties (hast names) that hold an address, as the sanitizer lets them through. */
const URL_PROPERTIES = ['href', 'src', 'poster'] as const;

/** `base` with exactly one leading and one trailing slash: `previews/pr-42` → `/previews/pr-42/`. */
function normalizeBase(base: string): string {
  const inner = base.replace(/^\/+|\/+$/g, '');
  return inner === '' ? '/' : `/${inner}/`;
}

/**
 * `url` with `base` in front when it is root-relative (`/en/x/` → `/previews/pr-42/en/x/`), else
 * `url` itself: protocol-relative, web and relative addresses, fragments, and paths already under
 * the base (`/previews/pr-42/en/`, or the base without its slash) are left as written.
 */
export function withBase(url: string, base: string): string {
  const prefix = normalizeBase(base);
  if (prefix === '/' || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return url;
  // The base itself without its slash (`/previews/pr-42`, `?x`, `#y` after it) is under the base too.
  const bare = prefix.slice(0, -1);
  if (url.startsWith(prefix) || url === bare || url.startsWith(`${bare}?`) || url.startsWith(`${bare}#`)) return url;
  return prefix + url.slice(1);
}

/** Rehype plugin: prefixes `options.base` to the root-relative addresses of a body; nothing to do under `/`. */
export function rehypeBasePath(options: BasePathOptions): (tree: Root) => void {
  const base = normalizeBase(options.base);
  return (tree) => {
    if (base === '/') return;
    visit(tree, 'element', (node) => {
      for (const key of URL_PROPERTIES) {
        const value = node.properties[key];
        if (typeof value === 'string') node.properties[key] = withBase(value, base);
      }
      // Parsed HTML holds a srcset as a string; trees built by hand may hold its candidates as a list.
      const properties: Record<string, unknown> = node.properties;
      const srcSet = properties['srcSet'];
      const rewrite = (value: string): string => rewriteSrcset(value, (url) => withBase(url, base));
      if (Array.isArray(srcSet)) properties['srcSet'] = srcSet.map((candidate) => rewrite(String(candidate)));
      else if (typeof srcSet === 'string') properties['srcSet'] = rewrite(srcSet);
    });
  };
}
