/**
 * Which pages of a built site to photograph: every page type (for reviewers), or the README's set
 * (home, an article with a cover, the busiest speaker, search results). Pages are found in `dist/`,
 * never named after the sample's prose, so the set works on any archive.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One screenshot: file name stem, path under the site's base, and what to do once loaded. */
export interface Shot {
  /** File name without the viewport suffix, e.g. `home-en`. */
  readonly name: string;
  /** Path under the base path, e.g. `en/speakers/`. */
  readonly url: string;
  /** A search query typed into the page's search box before the shot, when it is a search page. */
  readonly query?: string;
}

/** The sorted sub-folders of `folder` that hold a page. */
function pageFolders(dist: string, folder: string): string[] {
  if (!existsSync(path.join(dist, folder))) return [];
  return readdirSync(path.join(dist, folder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dist, folder, entry.name, 'index.html')))
    .map((entry) => entry.name)
    .sort();
}

/** The first (or newest) page of a kind, or the folder itself when it has none. */
function firstPage(dist: string, folder: string, newest = false): string {
  const names = pageFolders(dist, folder);
  const name = newest ? names.at(-1) : names[0];
  return name === undefined ? folder : `${folder}${name}/`;
}

/** The story pages of a locale, newest year first, as paths under the base. */
function storyPages(dist: string, locale: string): string[] {
  const years = existsSync(path.join(dist, locale))
    ? readdirSync(path.join(dist, locale))
        .filter((name) => /^\d{4}$/.test(name))
        .sort()
        .reverse()
    : [];
  return years.flatMap((year) => pageFolders(dist, `${locale}/${year}/`).map((slug) => `${locale}/${year}/${slug}/`));
}

/** The HTML of a page under the base. */
const html = (dist: string, url: string): string => readFileSync(path.join(dist, url, 'index.html'), 'utf8');

/** Every page type of one locale, for reviewers. */
export function everyPageType(dist: string, locale: string): Shot[] {
  const shot = (name: string, url: string): Shot => ({ name: `${name}-${locale}`, url });
  return [
    shot('home', `${locale}/`),
    shot('article', storyPages(dist, locale)[0] ?? `${locale}/`),
    shot('speakers', `${locale}/speakers/`),
    shot('speaker', firstPage(dist, `${locale}/speakers/`)),
    shot('organisations', `${locale}/organisations/`),
    shot('organisation', firstPage(dist, `${locale}/organisations/`)),
    shot('events', `${locale}/events/`),
    shot('event', firstPage(dist, `${locale}/events/`)),
    shot('tags', `${locale}/tags/`),
    shot('tag', firstPage(dist, `${locale}/tags/`)),
    shot('archive', `${locale}/archive/`),
    shot('month', firstPage(dist, firstPage(dist, `${locale}/archive/`, true), true)),
  ];
}

/** How many story links a page lists (`<article>`/`<li>` items link to a story path). */
function storyLinks(page: string): number {
  return (page.match(/href="[^"]*\/\d{4}\/[^"/]+\/"/g) ?? []).length;
}

/** The text of a page's `<h1>`, tags stripped. */
function heading(page: string): string {
  const match = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page);
  return (match?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
}

/** The README's set for one locale: home, the newest article with a cover, the busiest speaker, a search. */
export function readmeSet(dist: string, locale: string): Shot[] {
  const stories = storyPages(dist, locale);
  const withCover = stories.find((url) => html(dist, url).includes('class="article__cover"')) ?? stories[0];
  const speakers = pageFolders(dist, `${locale}/speakers/`).map((id) => `${locale}/speakers/${id}/`);
  const busiest = speakers
    .map((url) => ({ url, links: storyLinks(html(dist, url)) }))
    .sort((a, b) => b.links - a.links || a.url.localeCompare(b.url))[0]?.url;
  const shots: Shot[] = [{ name: `home-${locale}`, url: `${locale}/` }];
  if (withCover) shots.push({ name: `article-${locale}`, url: withCover });
  if (busiest) {
    shots.push({ name: `speaker-${locale}`, url: busiest });
    shots.push({ name: `search-${locale}`, url: `${locale}/search/`, query: heading(html(dist, busiest)) });
  }
  return shots;
}
