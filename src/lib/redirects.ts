/**
 * Redirects for moved stories: every `aliases` path of a published version points at that version's
 * page, both as a static redirect page and as a line of a `_redirects` file for hosts that read one.
 * Every alias goes through the same rules as in `npm run check` (./aliases.ts) once more here, so a
 * build that skipped the checker still cannot let an alias take over a page of the site.
 */
import { aliasRegistry, normaliseAlias, type AliasLocale } from './aliases.ts';
import { joinPath, storyPath } from './paths.ts';

/** One redirect from an old path to a story page. */
export interface Redirect {
  /** Old path relative to the site root, as the editor wrote it (e.g. `/news/2024/old-name/`). */
  readonly alias: string;
  /** Old path under the base path, normalised and percent-encoded: what readers request, what `_redirects` lists. */
  readonly from: string;
  /** The old path decoded, without outer slashes: the `[...alias]` route's parameter. */
  readonly param: string;
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
  /** Published versions by language, with their aliases and the id that names their file. */
  readonly versions: ReadonlyMap<
    string,
    { readonly entryId: string; readonly data: { readonly aliases?: readonly string[] | undefined } }
  >;
}

/** What the build knows of the site besides its stories, for the alias rules. */
export interface RedirectSite {
  /** The base path the site is served under (`/`, `/previews/pr-42/`). */
  readonly base: string;
  /** Every locale, for the addresses aliases may not take. */
  readonly locales: readonly AliasLocale[];
  /** Files of `public/`, relative to it. */
  readonly publicFiles: readonly string[];
  /** The content file of an article entry, as an editor would look for it. */
  readonly file: (entryId: string) => string;
}

/** The site path of an alias under the base path: `/a/b` → `/base/a/b/`, `/old.html` stays a file. Throws on a refused alias. */
export function aliasPath(base: string, alias: string): string {
  const result = normaliseAlias(alias);
  if (!result.ok) throw new Error(result.message);
  return `${joinPath(base)}${result.alias.path.slice(1)}`;
}

/**
 * Every alias of every published version, sorted by path. An alias that the rules refuse (a page
 * of the site, another alias, outside the site) stops the build with one line naming the file; the
 * checker has normally said so before.
 */
export function aliasRedirects(stories: readonly AliasedStory[], site: RedirectSite): Redirect[] {
  const claims = stories.flatMap((story) =>
    [...story.versions].flatMap(([language, version]) =>
      (version.data.aliases ?? []).map((alias, index) => ({
        story,
        language,
        alias,
        file: site.file(version.entryId),
        field: `aliases[${index}]`,
      })),
    ),
  );
  // File order, as the checker reads them: the same alias is "first" in both reports.
  claims.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const registry = aliasRegistry({ locales: site.locales, stories, publicFiles: site.publicFiles });
  const base = joinPath(site.base);
  const redirects = claims.map((claim): Redirect => {
    const result = registry.claim(claim.alias, { file: claim.file, field: claim.field });
    if (!result.ok) throw new Error(`${claim.file}: ${claim.field}: ${result.message}`);
    return {
      alias: claim.alias,
      from: `${base}${result.alias.path.slice(1)}`,
      param: result.alias.param,
      to: storyPath(site.base, claim.language, claim.story),
      language: claim.language,
    };
  });
  return redirects.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/** The `_redirects` file (Netlify, Cloudflare Pages and others): `from to 301`, one per line. */
export function redirectsFile(redirects: readonly Redirect[]): string {
  return redirects.map((r) => `${r.from} ${r.to} 301\n`).join('');
}
