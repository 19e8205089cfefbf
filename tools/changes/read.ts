/**
 * Reading the two commits' content for `npm run changes`: which changed files are worth opening
 * (articles and registry entries, at the head commit, or at the merge base when removed), and what
 * a summary shows of each (a headline or an entry's name, whether an article is a draft, its dates
 * for the translation status, its aliases for a moved story), read with the checker's decoding and
 * YAML parser.
 */
import { readArticleFacts, type ArticleFacts, type ReadConfig } from '#tools/authoring/status.ts';
import { classifyContentPath } from '#pipeline/check/layout.ts';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';
import { readAt } from './git.ts';
import type { FileChange } from './name-status.ts';
import { articleOf, inContent, touchedStories } from './paths.ts';

/** The files whose contents a summary shows: head versions, and base versions of removed files. */
export interface ReadPlan {
  /** Paths to read at the head commit. */
  readonly head: string[];
  /** Paths to read at the merge base (removed files: their title is still worth showing). */
  readonly base: string[];
}

/** Which files the script must read for `summariseChanges`: articles and registry entries only. */
export function planReads(
  changes: readonly FileChange[],
  headArticles: readonly string[],
  contentPrefix: string,
  locales: readonly string[],
): ReadPlan {
  const touched = touchedStories(changes, contentPrefix, locales);
  const head = new Set<string>();
  const base = new Set<string>();
  for (const c of changes) {
    const rel = inContent(c.path, contentPrefix);
    if (rel === undefined) continue;
    const kind = classifyContentPath(rel, locales).kind;
    if (kind !== 'article' && kind !== 'entry') continue;
    (c.status === 'removed' ? base : head).add(c.path);
  }
  for (const file of headArticles) {
    const a = articleOf(file, contentPrefix, locales);
    if (a && touched.has(`${a.year}/${a.slug}`)) head.add(file);
  }
  return { head: [...head].sort(), base: [...base].sort() };
}

/** What the summary shows of a file's contents. */
export interface FileFacts {
  /** An article's headline, or a registry entry's name in the default locale. */
  readonly title: string | undefined;
  /** Whether an article is a draft (never published, so it has no preview page). */
  readonly draft: boolean;
  /** An article's own dates, as `npm run status` reads them (absent for registry entries). */
  readonly dates?: ArticleDates;
  /** An article's `aliases` as written (the strings of the list; absent for registry entries). */
  readonly aliases?: readonly string[];
}

/** The dates of an article that its translation status depends on. */
export type ArticleDates = Pick<ArticleFacts, 'date' | 'updated' | 'datesKnown'>;

/**
 * The `aliases` an article lists, as written: the strings of the frontmatter's list, none when the
 * file or the field cannot be read (the checker reports that). Read apart from the status facts,
 * which do not need them, with the same decoding, frontmatter split and YAML parser.
 */
export function articleAliases(bytes: Uint8Array): string[] {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return [];
  const split = splitFrontmatter(decoded.text);
  if (!split.ok) return [];
  const parsed = parseYaml(split.value.yaml);
  if (!parsed.ok) return [];
  const data = parsed.value.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return [];
  const aliases = (data as Record<string, unknown>)['aliases'];
  return Array.isArray(aliases) ? aliases.filter((a): a is string => typeof a === 'string') : [];
}

/** The default-locale name of a registry entry (`name`, or `label` for tags), read like the checker does. */
export function registryEntryName(bytes: Uint8Array, defaultLocale: string): string | undefined {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return undefined;
  const parsed = parseYaml(decoded.text);
  if (!parsed.ok) return undefined;
  const data = parsed.value.data;
  if (data === null || typeof data !== 'object') return undefined;
  for (const field of ['name', 'label']) {
    const text: unknown = (data as Record<string, Record<string, unknown> | undefined>)[field]?.[defaultLocale];
    if (typeof text === 'string' && text.trim() !== '') return text.trim();
  }
  return undefined;
}

/** Where and how `readFacts` reads the planned files. */
export interface FactsSource {
  /** The repository's top folder. */
  readonly top: string;
  /** The commit the plan's `head` files are read at. */
  readonly headCommit: string;
  /** The commit the plan's `base` (removed) files are read at. */
  readonly mergeBase: string;
  /** The content folder, relative to the repository root. */
  readonly contentPrefix: string;
  /** Configured locale codes, default first. */
  readonly locales: readonly string[];
  /** The site configuration articles are read with. */
  readonly config: ReadConfig;
}

/** Reads the planned files from git: facts of articles and registry entries, by path. */
export async function readFacts(plan: ReadPlan, source: FactsSource): Promise<Map<string, FileFacts>> {
  const { top, contentPrefix, locales, config } = source;
  const facts = new Map<string, FileFacts>();
  for (const [commit, files] of [
    [source.headCommit, plan.head],
    [source.mergeBase, plan.base],
  ] as const) {
    for (const [file, bytes] of await readAt(top, commit, files)) {
      // Planned files all lie in the content folder.
      const rel = inContent(file, contentPrefix) ?? file;
      if (classifyContentPath(rel, locales).kind === 'entry') {
        facts.set(file, { title: registryEntryName(bytes, locales[0] ?? 'en'), draft: false });
      } else {
        const { title, draft, date, updated, datesKnown } = readArticleFacts(bytes, config);
        facts.set(file, { title, draft, dates: { date, updated, datesKnown }, aliases: articleAliases(bytes) });
      }
    }
  }
  return facts;
}
