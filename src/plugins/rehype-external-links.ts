/**
 * Marks links that leave the site: `rel="noopener noreferrer"` (the linked site learns nothing about
 * the reader's page and cannot script it) and the class `external` for styling. Links open in the same
 * tab: forcing new windows takes control away from the reader and disorients screen-reader users.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import { addClass } from './hast-helpers.ts';

/** Options of {@link rehypeExternalLinks}. */
export interface ExternalLinksOptions {
  /** The site's absolute URL (`https://news.example.org`); links to its host are internal. */
  readonly siteUrl: string;
}

const externalRel = ['noopener', 'noreferrer'];

/** Whether `href` leaves the site at `siteUrl`: an http(s) URL, absolute or `//host`, on another host. */
export function isExternalHref(href: string, siteUrl: URL): boolean {
  if (!URL.canParse(href, siteUrl)) return false;
  const url = new URL(href, siteUrl);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== siteUrl.host;
}

/** Rehype plugin: adds `rel="noopener noreferrer"` (kept with existing values) and `class="external"`. */
export function rehypeExternalLinks(options: ExternalLinksOptions): (tree: Root) => void {
  const site = new URL(options.siteUrl);
  return (tree) => {
    visit(tree, 'element', (node) => {
      const href = node.properties['href'];
      if (node.tagName !== 'a' || typeof href !== 'string' || !isExternalHref(href, site)) return;
      const existing: unknown = node.properties['rel'];
      const rel = (Array.isArray(existing) ? existing : typeof existing === 'string' ? existing.split(/\s+/) : [])
        .map(String)
        .filter(Boolean);
      for (const value of externalRel) if (!rel.includes(value)) rel.push(value);
      node.properties['rel'] = rel;
      addClass(node, 'external');
    });
  };
}
