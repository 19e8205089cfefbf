/**
 * Redirects for moved stories: every `aliases` path of a published version points at that version's
 * page, both as a static redirect page and as a line of a `_redirects` file for hosts that read one.
 */
import { joinPath, storyPath } from './paths.ts';

/** One redirect from an old path to a story page. */
export interface Redirect {
  /** Old path relative to the site root, as the editor wrote it (e.g. `/news/2024/old-name/`). */
  readonly alias: string;
  /** Old path under the base path, what readers request. */
  readonly from: string;
  /** The story page it now lives at, under the base path. */
  readonly to: string;
  /** Language of the version it points at. */
  readonly language: string;
}

/** What redirect collection needs of a story. */
export interface AliasedStory {
  /** Folder year. */
  readonly year: string;
  /** Folder slug. */
  readonly slug: string;
  /** Published versions by language, with their aliases. */
  readonly versions: ReadonlyMap<string, { readonly data: { readonly aliases?: readonly string[] | undefined } }>;
}

/** The site path of an alias: directory-style aliases gain a trailing slash, `.html` ones keep their name. */
export function aliasPath(base: string, alias: string): string {
  const path = joinPath(base, alias);
  return /\.html?$/i.test(alias) ? path.slice(0, -1) : path;
}

/**
 * Every alias of every published version, sorted by path. An alias claimed twice keeps its first
 * claimant in story order (the checker reports the clash to the editor).
 */
export function aliasRedirects(stories: readonly AliasedStory[], base: string): Redirect[] {
  const seen = new Map<string, Redirect>();
  for (const story of stories) {
    for (const [language, version] of story.versions) {
      for (const alias of version.data.aliases ?? []) {
        const from = aliasPath(base, alias);
        if (!seen.has(from)) seen.set(from, { alias, from, to: storyPath(base, language, story), language });
      }
    }
  }
  return [...seen.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The `_redirects` file (Netlify, Cloudflare Pages and others): `from to 301`, one per line. */
export function redirectsFile(redirects: readonly Redirect[]): string {
  return redirects.map((r) => `${r.from} ${r.to} 301\n`).join('');
}
