/**
 * What a body link to a missing page may have meant, for ./site-pages.ts: the story in a language it
 * is not published in, the same path in other letter case, the story an address of the site the
 * content came from names (`/docs/guide/install`, `../cue/basic`), or a near miss among the pages of
 * the same depth and locale. The tables behind the guesses are built on the first hint only: most
 * checks have no broken link.
 */
import { servedFiles } from '#pipeline/links.ts';
import { storyPath } from '#lib/paths.ts';
import type { SharedFacts, Story } from '#lib/stories.ts';
import { closestMatch } from '#lib/suggest.ts';

/** Where a link is written: its story, for suggestions in its language and its neighbourhood. */
export interface LinkOrigin {
  /** The story's slug. */
  readonly slug: string;
  /** The article's language. */
  readonly language: string;
}

/** File names that stand for their folder: a language's file, an index, a read-me. */
const FOLDER_FILE = /^(?:[a-z]{2}(?:-[A-Za-z]+)?|_?index|readme)\.mdx?$/i;
/** A date at the start of a name: `2022-06-21-`. */
const DATE_PREFIX = /^\d{4}(?:-\d{1,2}){0,2}-/;

/** A name as a story slug would have it: `Release_1.4` → `release-1-4`, `install.mdx` → `install`. */
function slugLike(name: string): string {
  return name
    .replace(/\.mdx?$/i, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** How many characters two strings share at their start. */
function sharedStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** What the hints read of the site's content. */
export interface HintContent<D extends SharedFacts & { readonly draft: boolean }> {
  /** Locale codes, default first. */
  readonly locales: readonly string[];
  /** The published stories. */
  readonly stories: readonly Story<D>[];
  /** Every article file, drafts included, by story folder (`YYYY/slug`) and language. */
  readonly folders: ReadonlyMap<string, ReadonlyMap<string, { readonly draft: boolean }>>;
}

/**
 * A sentence on what a missing path may have meant (` Did you mean "/en/2024/x/"?`), or `''`;
 * `fragment` gives what to write after a suggested page (the link's `#id`, if that page has it).
 */
export type PageHint = (pathname: string, from?: LinkOrigin, fragment?: (page: string) => string) => string;

/**
 * The hints for the site of `content`, whose published stories are `stories` (by `YYYY/slug`) and
 * whose files (from the site's root: `en/2024/x/index.html`) are the keys of `files`, complete
 * before the first hint is asked for.
 */
export function pageHints<D extends SharedFacts & { readonly draft: boolean }>(
  content: HintContent<D>,
  stories: ReadonlyMap<string, Story<D>>,
  files: ReadonlyMap<string, unknown>,
): PageHint {
  const base = '/';
  const { locales } = content;

  /** A story's page in the reader's language if it has one, else in its first published language. */
  const pageOf = (story: Story<D>, language: string | undefined): string => {
    const code = language !== undefined && story.versions.has(language) ? language : [...story.versions.keys()][0];
    return storyPath(base, code ?? locales[0] ?? 'en', story);
  };

  // Built on the first hint only: most checks have no broken link.
  let bySlug: Map<string, Story<D>> | undefined;
  let bySuffix: Map<string, Story<D>[]> | undefined;
  let byShape: Map<string, string[]> | undefined;
  let byLowerCase: Map<string, string> | undefined;
  const shapeOf = (segments: readonly string[]): string =>
    `${segments.length} ${locales.includes(segments[0] ?? '') ? segments[0] : ''}`;

  /** The story a converted site's address probably meant: its last names, joined, end a story's slug. */
  const storyByName = (segments: readonly string[], from?: LinkOrigin): Story<D> | undefined => {
    if (!bySlug || !bySuffix) {
      bySlug = new Map();
      bySuffix = new Map();
      for (const story of content.stories) {
        bySlug.set(story.slug, story);
        const parts = story.slug.split('-');
        for (let i = 1; i < parts.length; i++) {
          const suffix = parts.slice(i).join('-');
          const list = bySuffix.get(suffix);
          if (list) list.push(story);
          else bySuffix.set(suffix, [story]);
        }
      }
    }
    // A language's file or a folder's index names the folder above it (`../other/en.md`, `_index.md`).
    const written = segments.filter((segment, i) => i < segments.length - 1 || !FOLDER_FILE.test(segment));
    const names = written.map(slugLike).filter((name) => name !== '');
    const keys: string[] = [];
    for (let count = Math.min(names.length, 4); count >= 1; count--) {
      const key = names.slice(-count).join('-');
      // Blog files and folders often start with their date (`2022-06-21-release-1.4.md`).
      keys.push(key, key.replace(DATE_PREFIX, ''));
    }
    for (const key of keys) {
      // Too general to name a story: nothing, a language, a year.
      if (key === '' || locales.includes(key) || /^\d+$/.test(key)) continue;
      const exact = bySlug.get(key);
      if (exact) return exact;
      const candidates = bySuffix.get(key) ?? [];
      // Several stories end so: the one nearest the linking story's own slug (its section of the
      // docs), then the one with the fewest other words; none when that still leaves a choice.
      const rank = (story: Story<D>): number =>
        (from ? sharedStart(story.slug, from.slug) : 0) * 1000 - story.slug.length;
      const best = Math.max(...candidates.map(rank));
      const nearest = candidates.filter((story) => rank(story) === best);
      if (nearest.length === 1) return nearest[0];
    }
    return undefined;
  };

  return (pathname: string, from?: LinkOrigin, fragment: (page: string) => string = () => ''): string => {
    const segments = pathname.split('/').filter((segment) => segment !== '');
    const [first = '', second = '', third = ''] = segments;
    const suggest = (page: string, lead = 'Did you mean'): string => ` ${lead} "${page}${fragment(page)}"?`;
    // A story folder that exists, in a language it is not published in.
    if (segments.length === 3 && locales.includes(first)) {
      const folder = content.folders.get(`${second}/${third}`);
      if (folder) {
        const story = stories.get(`${second}/${third}`);
        const available = story ? [...story.versions.keys()].map((code) => storyPath(base, code, story)) : [];
        const others =
          available.length > 0 ? ` Link to ${available.map((p) => `"${p}${fragment(p)}"`).join(' or ')}.` : '';
        if (folder.get(first)?.draft)
          return ` The ${first} version of ${second}/${third} is a draft: it is not published.${others}`;
        if (!folder.has(first)) return ` The story ${second}/${third} has no ${first} version.${others}`;
      }
    }
    // The same path in other letter case: servers tell them apart.
    byLowerCase ??= new Map([...files.keys()].map((file) => [file.toLowerCase(), file]));
    const rel = segments.join('/');
    for (const candidate of servedFiles(rel.toLowerCase(), 'page')) {
      const file = byLowerCase.get(candidate);
      if (file !== undefined)
        return suggest(`/${file.replace(/index\.html$/, '')}`, 'Paths are case-sensitive: did you mean');
    }
    // An address of the site the content came from (`/docs/guide/install`, `../cue/basic`).
    const story = storyByName(segments, from);
    if (story) return suggest(pageOf(story, from?.language ?? (locales.includes(first) ? first : undefined)));
    // A near miss among the pages of the same depth and locale.
    if (!byShape) {
      byShape = new Map();
      for (const file of files.keys()) {
        if (!file.endsWith('index.html')) continue;
        const page = `/${file.slice(0, -'index.html'.length)}`;
        const key = shapeOf(page.split('/').filter((segment) => segment !== ''));
        const list = byShape.get(key);
        if (list) list.push(page);
        else byShape.set(key, [page]);
      }
    }
    // Compared by their last names (the id or slug), the part editors mistype, within the pages of
    // the same depth and locale; edit distance is at least the difference in length.
    const last = segments.at(-1) ?? '';
    const limit = Math.max(2, Math.ceil(last.length / 3));
    const byName = new Map<string, string[]>();
    for (const page of byShape.get(shapeOf(segments)) ?? []) {
      const name = page.slice(0, -1).split('/').at(-1) ?? '';
      if (Math.abs(name.length - last.length) > limit && !name.startsWith(last) && !last.startsWith(name)) continue;
      const list = byName.get(name);
      if (list) list.push(page);
      else byName.set(name, [page]);
    }
    const name = closestMatch(last, byName.keys());
    if (name === undefined) return '';
    const wanted = `/${rel}/`;
    const pages = byName.get(name) ?? [];
    const best = pages.reduce((a, b) => (sharedStart(b, wanted) > sharedStart(a, wanted) ? b : a));
    return suggest(best);
  };
}
