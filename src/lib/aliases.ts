/**
 * Aliases (old addresses of a story that must redirect to it) are read in one way everywhere: the
 * article schema, the checker and the build that writes redirect pages and `_redirects` all call
 * `normaliseAlias` (src/lib/alias-paths.ts, re-exported here) and `aliasRegistry` from here. Content
 * may come from outside the newsroom, so an alias must never take over an address the site publishes
 * (the home page, a feed, another story, `_redirects` itself) nor reach outside the site.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { normaliseAlias, type AliasResult, type NormalisedAlias } from './alias-paths.ts';

// Where the schema, the checker and the redirects have always found them.
export { normaliseAlias, type AliasResult, type NormalisedAlias } from './alias-paths.ts';

/** A locale as the reservation messages name it. */
export interface AliasLocale {
  /** URL segment, e.g. `en`. */
  readonly code: string;
  /** The locale's name, e.g. `English`. */
  readonly label: string;
}

/** What the site itself publishes: the addresses no alias may take. */
export interface SiteAddresses {
  /** Every locale: each has a home page and the sections below. */
  readonly locales: readonly AliasLocale[];
  /** Every story folder (`{ year, slug }`): its page in every locale is the story's, now or once translated. */
  readonly stories: Iterable<{ readonly year: string; readonly slug: string }>;
  /** Files of `public/`, relative to it with forward slashes (`favicon.svg`), copied to the site root. */
  readonly publicFiles: readonly string[];
}

/**
 * The sections of a locale (`/<locale>/<name>...`), as src/pages/[lang]/ generates them, with what
 * an alias there would hide. A unit test compares this list with the route files.
 */
export const LOCALE_SECTIONS: Readonly<Record<string, string>> = {
  page: 'home page listing (its later pages)',
  archive: 'archive',
  speakers: 'speaker pages',
  organisations: 'organisation pages',
  events: 'event pages',
  'events.ics': 'events calendar',
  tags: 'tag pages',
  search: 'search page',
  'rss.xml': 'RSS feed',
  'atom.xml': 'Atom feed',
  'feed.json': 'JSON feed',
  'og.png': "share card of the locale's pages",
};

/** Files the build and the site write at the root (src/pages/ and the integrations), with what they are. */
function rootFile(name: string): string | undefined {
  if (name === '_redirects') return "the _redirects file (the host's redirect rules)";
  if (name === '_astro') return "the site's scripts, styles and images (_astro/)";
  if (name.startsWith('_')) return 'a name the build and web hosts keep for themselves (starting with "_")';
  if (name === 'pagefind') return 'the search index (pagefind/)';
  if (name === 'robots.txt') return 'robots.txt';
  if (name === '404.html' || name === '404') return 'the 404 page';
  if (/^sitemap.*\.xml$/.test(name)) return 'the sitemap';
  return undefined;
}

/**
 * Says which page or file of the site an alias would hide, or undefined when the address is free.
 * Whole sections are reserved (`/en/speakers/...`), so a new speaker never meets an old alias; story
 * pages are reserved per folder, so a renamed story's old address stays usable as an alias.
 */
export function reservedBy(key: string, site: SiteAddresses, storyKeys: ReadonlySet<string>): string | undefined {
  if (key === '') return 'the home page';
  const segments = key.split('/');
  const [first = '', second, third] = segments;
  const root = rootFile(first);
  if (root) return root;
  for (const file of site.publicFiles) {
    const reserved = file.normalize('NFC').toLowerCase();
    if (key === reserved || key.startsWith(`${reserved}/`)) return `public/${file}`;
  }
  const locale = site.locales.find((l) => l.code.toLowerCase() === first);
  if (!locale) return undefined;
  if (second === undefined) return `the ${locale.label} home page`;
  const section = LOCALE_SECTIONS[second];
  if (section) return `the ${locale.label} ${section}`;
  if (third !== undefined && storyKeys.has(`${second}/${third}`)) {
    return `the ${locale.label} page of the story ${second}/${third} (/${locale.code}/${second}/${third}/)`;
  }
  return undefined;
}

/** Who claims an alias, for messages about clashes: the file and the field. */
export interface AliasOwner {
  /** The content file, as shown to the editor. */
  readonly file: string;
  /** The field, e.g. `aliases[0]`. */
  readonly field: string;
}

/** Claims aliases one by one against the site's addresses and the aliases claimed before. */
export interface AliasRegistry {
  /** The normalised alias if it is free, else why not (the page it would hide, or who has it). */
  claim(alias: string, owner: AliasOwner): AliasResult;
}

/**
 * A registry of aliases for one site: each claim is normalised and refused when it would hide a
 * page of the site, repeats an alias claimed before (after normalisation), or puts a page inside a
 * page file (`/a.html` and `/a.html/b/` cannot both exist).
 */
export function aliasRegistry(site: SiteAddresses): AliasRegistry {
  const storyKeys = new Set([...site.stories].map((s) => `${s.year}/${s.slug}`.toLowerCase()));
  /** A claim that succeeded: who, and the alias as written and normalised. */
  type Claim = { owner: AliasOwner; written: string; alias: NormalisedAlias };
  const claimed = new Map<string, Claim>();
  /** Every folder some claimed alias lives in, for the page-file clash. */
  const folders = new Map<string, Claim>();
  const where = (owner: AliasOwner): string => `${owner.field} in ${owner.file}`;
  return {
    claim(written, owner) {
      const result = normaliseAlias(written);
      if (!result.ok) return result;
      const { alias } = result;
      const refuse = (message: string): AliasResult => ({ ok: false, message: `alias ${written} ${message}` });
      const hidden = reservedBy(alias.key, site, storyKeys);
      if (hidden) return refuse(`would hide ${hidden}: choose the story's old address instead`);
      const same = claimed.get(alias.key);
      if (same) {
        const as = same.written === written ? '' : ` (written ${same.written} there)`;
        return refuse(
          `is the same address as ${where(same.owner)}${as}: an old address can redirect to one page only, keep one`,
        );
      }
      const segments = alias.key.split('/');
      for (let i = 1; i < segments.length; i++) {
        const outer = claimed.get(segments.slice(0, i).join('/'));
        if (outer?.alias.isFile) {
          return refuse(`would sit inside the page file ${outer.written} of ${where(outer.owner)}: keep one`);
        }
      }
      const inner = alias.isFile ? folders.get(alias.key) : undefined;
      if (inner) {
        return refuse(`is a page file, but ${inner.written} (${where(inner.owner)}) needs it to be a folder: keep one`);
      }
      const entry: Claim = { owner, written, alias };
      claimed.set(alias.key, entry);
      for (let i = 1; i < segments.length; i++) {
        const folder = segments.slice(0, i).join('/');
        if (!folders.has(folder)) folders.set(folder, entry);
      }
      return result;
    },
  };
}

/** The files of a `public/` folder, relative to it with forward slashes; none when there is no such folder. */
export function publicFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  } catch {
    return [];
  }
}
