/**
 * What a built page links to, for the link checker (links.ts): one walk over the parsed page
 * collects its element ids (anchor targets) and every URL a browser would fetch or follow, with
 * the role of each, and the page's `<base href>`; plus the parsing of meta refresh (`srcset` is read by src/lib/srcset.ts).
 */
import type { Element, Root, RootContent } from 'hast';
import { srcsetUrls } from '#lib/srcset.ts';

/** A URL found in a page, with what the browser does with it. */
export interface FoundUrl {
  readonly href: string;
  /** `page`: followed (a missing target is a missing page, unless it names a file); `asset`: fetched. */
  readonly role: 'page' | 'asset';
  /** Whether a `data:` URL is harmless here (images, icons), or can carry a document or a script. */
  readonly dataOk: boolean;
}

/** What one page holds: its ids, its URLs in document order, and its `<base href>`. */
export interface Collected {
  readonly ids: Set<string>;
  readonly urls: FoundUrl[];
  readonly baseHref: string | undefined;
}

/** A string attribute (hast properties may be numbers, booleans or lists). */
function attr(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return typeof value === 'string' ? value : undefined;
}

/** A space-separated attribute (`rel`, `http-equiv`) as lowercase tokens. */
function tokens(node: Element, name: string): string[] {
  const value = node.properties[name];
  const list = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
  return list.map((t) => t.toLowerCase());
}

/** Walks the tree once, collecting ids and the URLs a browser would fetch or follow. */
export function collect(tree: Root): Collected {
  const ids = new Set<string>();
  const urls: FoundUrl[] = [];
  let baseHref: string | undefined;
  // `data:` URLs are harmless where they are only an image or a file; where they are navigated
  // to or run (links, frames, forms, scripts) they can carry a page or a script.
  const add = (href: string | undefined, role: FoundUrl['role'], dataOk = role === 'asset'): void => {
    if (href !== undefined) urls.push({ href, role, dataOk });
  };

  forEachElement(tree, (node) => {
    const id = attr(node, 'id');
    if (id !== undefined && id !== '') ids.add(id);
    switch (node.tagName) {
      case 'a':
      case 'area': {
        const name = attr(node, 'name');
        if (node.tagName === 'a' && name !== undefined && name !== '') ids.add(name);
        add(attr(node, 'href'), 'page');
        break;
      }
      case 'base':
        baseHref ??= attr(node, 'href');
        break;
      case 'link': {
        const rel = tokens(node, 'rel');
        const followed = rel.some((r) => ['alternate', 'canonical', 'prev', 'next', 'author', 'help'].includes(r));
        add(attr(node, 'href'), followed ? 'page' : 'asset');
        break;
      }
      case 'img':
      case 'source':
        add(attr(node, 'src'), 'asset');
        for (const candidate of srcsetUrls(attr(node, 'srcSet'))) add(candidate, 'asset');
        break;
      case 'video':
        add(attr(node, 'src'), 'asset');
        add(attr(node, 'poster'), 'asset');
        break;
      case 'audio':
      case 'track':
        add(attr(node, 'src'), 'asset');
        break;
      case 'script':
        add(attr(node, 'src'), 'asset', false);
        break;
      case 'iframe':
        // External embeds are the embed host's business; `resolve` only checks internal URLs.
        add(attr(node, 'src'), 'page');
        break;
      case 'form':
        add(attr(node, 'action'), 'page');
        break;
      case 'meta':
        if (tokens(node, 'httpEquiv').includes('refresh')) add(refreshUrl(attr(node, 'content') ?? ''), 'page');
        break;
    }
  });
  return { ids, urls, baseHref };
}

/**
 * Calls `fn` on every element in document order. A plain loop rather than unist-util-visit, which
 * builds a closure and an ancestor list per node: that was a third of the time on a large site.
 */
function forEachElement(tree: Root, fn: (node: Element) => void): void {
  const stack: RootContent[] = [...tree.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.type !== 'element') continue;
    fn(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as RootContent);
  }
}

/** The URL of a `<meta http-equiv="refresh" content="0; url=/x/">`, if it names one. */
export function refreshUrl(content: string): string | undefined {
  const match = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content);
  let url = (match?.[1] ?? '').trim();
  const quote = url.charAt(0);
  if (quote === '"' || quote === "'") {
    const end = url.indexOf(quote, 1);
    url = end === -1 ? url.slice(1) : url.slice(1, end);
  }
  return url === '' ? undefined : url;
}
