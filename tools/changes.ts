/**
 * `npm run changes`'s engine: what a pull request does to the archive. It turns `git diff
 * --name-status -z` output over the content folder into stories (grouped per story and language,
 * with preview URLs), registry entries and other files, and renders them as text, JSON or a GitHub
 * Markdown summary. Pure: the script does the git and file access and hands the results in.
 *
 * Renames (`R<score>`) become a removal of the old path and an addition of the new one, each naming
 * the other (`movedTo` / `movedFrom`): a story that moves folder changes its URL, so the old page
 * disappears and a new one appears, which is what an editor needs to see (and why the old path may
 * need an `aliases` entry). Copies (`C`) are additions; type changes and unmerged paths are
 * modifications.
 */
import type { Problem } from '#pipeline/check/problems.ts';
import { classifyContentPath, REGISTRY_COLLECTIONS } from '#pipeline/check/layout.ts';
import { decodeUtf8 } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';
import { storyPath } from '#lib/paths.ts';
import { ID_PATTERN, type CollectionName } from '#schemas/common.ts';

/** One record of `git diff --name-status -z`. */
export interface NameStatusEntry {
  /** The status letter: A, C, D, M, R, T, U, X or B. */
  readonly status: string;
  /** The similarity score of a rename or copy (`R100` → 100), else undefined. */
  readonly score: number | undefined;
  /** The path after the change (for a deletion: the deleted path). */
  readonly path: string;
  /** The path before a rename or copy, else undefined. */
  readonly from: string | undefined;
}

/**
 * Parses `git diff --name-status -z` output: NUL-separated fields, a status (`M`, `R100`…) then one
 * path, or two for renames and copies. `-z` leaves paths unquoted, so any file name survives.
 */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split('\0');
  if (fields[fields.length - 1] === '') fields.pop();
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < fields.length;) {
    const code = fields[i++] ?? '';
    const match = /^([A-Z])(\d*)$/.exec(code);
    if (!match) throw new Error(`unexpected git diff --name-status output at "${code}": was it run with -z?`);
    const status = match[1] ?? '';
    const score = match[2] ? Number(match[2]) : undefined;
    if (status === 'R' || status === 'C') {
      const from = fields[i++];
      const to = fields[i++];
      if (from === undefined || to === undefined) throw new Error(`git diff output ends inside a ${code} record`);
      entries.push({ status, score, path: to, from });
    } else {
      const file = fields[i++];
      if (file === undefined) throw new Error(`git diff output ends inside a ${code} record`);
      entries.push({ status, score, path: file, from: undefined });
    }
  }
  return entries;
}

/** What happened to one file, after renames are split. */
export type FileStatus = 'added' | 'modified' | 'removed';

/** One changed file (repository-relative path). */
export interface FileChange {
  /** Added, modified or removed. */
  readonly status: FileStatus;
  /** The file. */
  readonly path: string;
  /** For the new half of a rename: the old path. */
  readonly movedFrom: string | undefined;
  /** For the old half of a rename: the new path. */
  readonly movedTo: string | undefined;
}

/** Splits renames into removal + addition and maps git's letters to three statuses. */
export function fileChanges(entries: readonly NameStatusEntry[]): FileChange[] {
  return entries.flatMap((e): FileChange[] => {
    switch (e.status) {
      case 'A':
      case 'C':
        return [{ status: 'added', path: e.path, movedFrom: undefined, movedTo: undefined }];
      case 'D':
        return [{ status: 'removed', path: e.path, movedFrom: undefined, movedTo: undefined }];
      case 'R':
        return [
          { status: 'removed', path: e.from ?? e.path, movedFrom: undefined, movedTo: e.path },
          { status: 'added', path: e.path, movedFrom: e.from, movedTo: undefined },
        ];
      default:
        return [{ status: 'modified', path: e.path, movedFrom: undefined, movedTo: undefined }];
    }
  });
}

/** The path inside the content folder, or undefined when the file lies outside it. */
function inContent(file: string, contentPrefix: string): string | undefined {
  if (contentPrefix === '') return file;
  return file.startsWith(`${contentPrefix}/`) ? file.slice(contentPrefix.length + 1) : undefined;
}

/** Story key (`YYYY/slug`) and language of an article path, or undefined. */
function articleOf(
  file: string,
  contentPrefix: string,
  locales: readonly string[],
): { year: string; slug: string; language: string } | undefined {
  const rel = inContent(file, contentPrefix);
  if (rel === undefined) return undefined;
  const kind = classifyContentPath(rel, locales);
  return kind.kind === 'article' ? kind : undefined;
}

/** The story folder (`YYYY/slug`) an asset such as an image beside an article belongs to, or undefined. */
function assetStory(file: string, contentPrefix: string, locales: readonly string[]): string | undefined {
  const rel = inContent(file, contentPrefix);
  if (rel === undefined || classifyContentPath(rel, locales).kind !== 'asset') return undefined;
  const [top, year = '', slug = '', ...rest] = rel.split('/');
  return top === 'articles' && /^\d{4}$/.test(year) && ID_PATTERN.test(slug) && rest.length > 0
    ? `${year}/${slug}`
    : undefined;
}

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

/** Story keys that any change touches (article files or files beside them). */
function touchedStories(
  changes: readonly FileChange[],
  contentPrefix: string,
  locales: readonly string[],
): Set<string> {
  const keys = new Set<string>();
  for (const c of changes) {
    const a = articleOf(c.path, contentPrefix, locales);
    if (a) keys.add(`${a.year}/${a.slug}`);
    const s = assetStory(c.path, contentPrefix, locales);
    if (s) keys.add(s);
  }
  return keys;
}

/** What the summary shows of a file's contents. */
export interface FileFacts {
  /** An article's headline, or a registry entry's name in the default locale. */
  readonly title: string | undefined;
  /** Whether an article is a draft (never published, so it has no preview page). */
  readonly draft: boolean;
}

/** How one language version of a story changed. */
export type VersionStatus = FileStatus | 'unchanged';

/** One language version of a changed story. */
export interface VersionChange {
  /** Its language (the file name). */
  readonly language: string;
  /** Added, modified, removed; or unchanged, listed because files beside it (images) changed. */
  readonly status: VersionStatus;
  /** The article file (repository-relative). */
  readonly file: string;
  /** Its headline (the head version's; a removed version's from the merge base), if readable. */
  readonly title: string | null;
  /** Whether it is a draft. */
  readonly draft: boolean;
  /** The preview page: none for removed versions and drafts, which have no page. */
  readonly url: string | null;
  /** For a moved file: the path it came from. */
  readonly movedFrom: string | null;
  /** For a moved file: the path it went to. */
  readonly movedTo: string | null;
}

/** A changed file beside a story's articles (an image). */
export interface AssetChange {
  /** The file. */
  readonly file: string;
  /** Added, modified or removed. */
  readonly status: FileStatus;
}

/** A story the change adds, changes or removes. */
export interface StoryChange {
  /** `YYYY/slug`. */
  readonly story: string;
  /** Year folder. */
  readonly year: string;
  /** Slug. */
  readonly slug: string;
  /** Added (no version existed before), removed (none is left) or changed. */
  readonly status: 'added' | 'changed' | 'removed';
  /** Versions in locale order. */
  readonly versions: VersionChange[];
  /** Changed files beside the articles, by path. */
  readonly assets: AssetChange[];
}

/** A registry entry (speaker, organisation, event, tag) the change touches. */
export interface RegistryChange {
  /** Its collection. */
  readonly collection: CollectionName;
  /** Its id (the file name). */
  readonly id: string;
  /** Added, modified or removed. */
  readonly status: FileStatus;
  /** The file. */
  readonly file: string;
  /** Its name in the default locale, if readable. */
  readonly name: string | null;
  /** For a renamed file: the path it came from. */
  readonly movedFrom: string | null;
  /** For a renamed file: the path it went to. */
  readonly movedTo: string | null;
}

/** Everything a change does to the content folder. */
export interface ContentChanges {
  /** Stories, by key. */
  readonly stories: StoryChange[];
  /** Registry entries, by collection then id. */
  readonly registry: RegistryChange[];
  /** Other files in the content folder (misplaced files, notes), by path. */
  readonly other: AssetChange[];
  /** Checker problems in the touched files (changed files, and every version of a touched story). */
  readonly problems: Problem[];
  /** Problems in files the change does not touch (they may still be caused by it: a removed speaker). */
  readonly problemsElsewhere: { readonly errors: number; readonly warnings: number };
}

/** What `summariseChanges` needs. */
export interface SummaryInput {
  /** The changed files. */
  readonly changes: readonly FileChange[];
  /** The content folder, relative to the repository root (`content`, or '' for the root). */
  readonly contentPrefix: string;
  /** Configured locale codes, default first. */
  readonly locales: readonly string[];
  /** Every article file at the head commit (repository-relative), to tell new stories from changed ones. */
  readonly headArticles: readonly string[];
  /** Contents of the files `planReads` asked for, by path (head versions; base versions of removed files). */
  readonly facts: ReadonlyMap<string, FileFacts>;
  /** Absolute site URL of the preview (`SITE_URL`). */
  readonly siteUrl: string;
  /** Base path of the preview (`BASE_PATH`), e.g. `/previews/pr-42/`. */
  readonly basePath: string;
  /** Checker problems of the head working tree (paths repository-relative), or none when not run. */
  readonly problems: readonly Problem[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Groups changed files into stories, registry entries and other files, with preview URLs. */
export function summariseChanges(input: SummaryInput): ContentChanges {
  const { changes, contentPrefix, locales, facts, siteUrl, basePath } = input;
  const stories = new Map<string, { versions: Map<string, VersionChange>; assets: AssetChange[] }>();
  const story = (key: string): { versions: Map<string, VersionChange>; assets: AssetChange[] } => {
    let s = stories.get(key);
    if (!s) stories.set(key, (s = { versions: new Map(), assets: [] }));
    return s;
  };
  const urlOf = (year: string, slug: string, language: string): string =>
    // `|` is legal in a URL path but ends a Markdown table cell; the site URL comes from configuration.
    new URL(storyPath(basePath, language, { year, slug }), siteUrl).href.replaceAll('|', '%7C');
  const registry: RegistryChange[] = [];
  const other: AssetChange[] = [];
  const touchedFiles = new Set<string>();

  for (const c of changes) {
    const rel = inContent(c.path, contentPrefix);
    if (rel === undefined) continue;
    if (c.status !== 'removed') touchedFiles.add(c.path);
    const kind = classifyContentPath(rel, locales);
    const fact = facts.get(c.path);
    if (kind.kind === 'article') {
      const key = `${kind.year}/${kind.slug}`;
      const published = c.status !== 'removed' && !(fact?.draft ?? false);
      story(key).versions.set(kind.language, {
        language: kind.language,
        status: c.status,
        file: c.path,
        title: fact?.title ?? null,
        draft: fact?.draft ?? false,
        url: published ? urlOf(kind.year, kind.slug, kind.language) : null,
        movedFrom: c.movedFrom ?? null,
        movedTo: c.movedTo ?? null,
      });
    } else if (kind.kind === 'entry') {
      registry.push({
        collection: kind.collection,
        id: kind.id,
        status: c.status,
        file: c.path,
        name: fact?.title ?? null,
        movedFrom: c.movedFrom ?? null,
        movedTo: c.movedTo ?? null,
      });
    } else {
      const key = assetStory(c.path, contentPrefix, locales);
      if (key) story(key).assets.push({ file: c.path, status: c.status });
      else other.push({ file: c.path, status: c.status });
    }
  }

  // Versions at head that did not change: they tell a new story from a changed one, and when files
  // beside them changed (a new cover image) they are listed too, since their pages look different.
  const headByStory = new Map<string, { language: string; file: string }[]>();
  for (const file of input.headArticles) {
    const a = articleOf(file, contentPrefix, locales);
    if (!a) continue;
    const key = `${a.year}/${a.slug}`;
    headByStory.set(key, [...(headByStory.get(key) ?? []), { language: a.language, file }]);
  }
  const result: StoryChange[] = [];
  for (const key of [...stories.keys()].sort(byString)) {
    const s = stories.get(key)!;
    const [year = '', slug = ''] = key.split('/');
    const atHead = headByStory.get(key) ?? [];
    for (const { file } of atHead) touchedFiles.add(file);
    if (s.assets.length > 0) {
      for (const { language, file } of atHead) {
        if (s.versions.has(language)) continue;
        const fact = facts.get(file);
        s.versions.set(language, {
          language,
          status: 'unchanged',
          file,
          title: fact?.title ?? null,
          draft: fact?.draft ?? false,
          url: fact?.draft ? null : urlOf(year, slug, language),
          movedFrom: null,
          movedTo: null,
        });
      }
    }
    const versions = [...s.versions.values()];
    const existedBefore =
      versions.some((v) => v.status === 'removed' || v.status === 'modified' || v.status === 'unchanged') ||
      atHead.some((h) => s.versions.get(h.language)?.status !== 'added');
    const status = atHead.length === 0 ? 'removed' : existedBefore ? 'changed' : 'added';
    const order = (language: string): number => {
      const i = locales.indexOf(language);
      return i === -1 ? locales.length : i;
    };
    result.push({
      story: key,
      year,
      slug,
      status,
      versions: versions.sort((a, b) => order(a.language) - order(b.language) || byString(a.language, b.language)),
      assets: s.assets.sort((a, b) => byString(a.file, b.file)),
    });
  }

  const collectionOrder = (c: CollectionName): number => REGISTRY_COLLECTIONS.indexOf(c);
  registry.sort(
    (a, b) =>
      collectionOrder(a.collection) - collectionOrder(b.collection) ||
      byString(a.id, b.id) ||
      byString(a.status, b.status),
  );
  other.sort((a, b) => byString(a.file, b.file) || byString(a.status, b.status));
  const problems = input.problems.filter((p) => touchedFiles.has(p.file));
  const elsewhere = input.problems.filter((p) => !touchedFiles.has(p.file));
  const errors = elsewhere.filter((p) => p.severity === 'error').length;
  return {
    stories: result,
    registry,
    other,
    problems,
    problemsElsewhere: { errors, warnings: elsewhere.length - errors },
  };
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

/** The JSON form: every key always present, in a fixed order, so CI can diff and query it. */
export function changesJson(
  changes: ContentChanges,
  meta: { base: string; head: string; mergeBase: string; siteUrl: string; basePath: string; checked: boolean },
): string {
  const ordered = {
    base: meta.base,
    head: meta.head,
    mergeBase: meta.mergeBase,
    siteUrl: meta.siteUrl,
    basePath: meta.basePath,
    stories: changes.stories.map((s) => ({
      story: s.story,
      year: s.year,
      slug: s.slug,
      status: s.status,
      versions: s.versions.map((v) => ({
        language: v.language,
        status: v.status,
        file: v.file,
        title: v.title,
        draft: v.draft,
        url: v.url,
        movedFrom: v.movedFrom,
        movedTo: v.movedTo,
      })),
      assets: s.assets.map((a) => ({ file: a.file, status: a.status })),
    })),
    registry: changes.registry.map((r) => ({
      collection: r.collection,
      id: r.id,
      status: r.status,
      file: r.file,
      name: r.name,
      movedFrom: r.movedFrom,
      movedTo: r.movedTo,
    })),
    other: changes.other.map((o) => ({ file: o.file, status: o.status })),
    checked: meta.checked,
    problems: changes.problems.map((p) => ({
      file: p.file,
      line: p.line,
      column: p.column,
      severity: p.severity,
      field: p.field,
      message: p.message,
    })),
    problemsElsewhere: { errors: changes.problemsElsewhere.errors, warnings: changes.problemsElsewhere.warnings },
  };
  return JSON.stringify(ordered, null, 2);
}

/** Characters that would reorder or hide text (bidirectional overrides and isolates, zero-width). */
const INVISIBLE_RE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Makes untrusted text (a title, a name, a message quoting a value) inert in a Markdown table cell:
 * line breaks and control characters become spaces (a newline would end the row), invisible
 * direction controls go, and every ASCII punctuation character is backslash-escaped (CommonMark lets
 * each of them be escaped), so no `|`, link, image, HTML tag, emphasis, entity, mention or autolink
 * survives. Long text is cut: a summary has a size limit.
 */
export function escapeMarkdown(text: string, max = 300): string {
  const flat = text
    .replace(INVISIBLE_RE, '')
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = [...flat];
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  // ASCII punctuation: ! to /, : to @, [ to `, { to ~.
  return cut.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** Untrusted text as an inline code span in a table cell (paths): a fence longer than any backtick run. */
export function markdownCode(text: string): string {
  const flat = text.replace(INVISIBLE_RE, '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  // GFM splits table rows on `|` before reading code spans; `\|` is its escape, even inside them.
  return `${fence}${pad}${flat.replaceAll('|', '\\|')}${pad}${fence}`;
}

/** `2024/new-slug` for an article path, else the path itself (where a moved file came from or went). */
function storyOfPath(file: string, contentPrefix: string, locales: readonly string[]): string {
  const a = articleOf(file, contentPrefix, locales);
  return a ? `${a.year}/${a.slug}` : file;
}

/** A count with its noun. */
function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `3 stories: 1 added, 1 changed, 1 removed`. */
function storyCounts(stories: readonly StoryChange[]): string {
  const by = (status: StoryChange['status']): number => stories.filter((s) => s.status === status).length;
  const parts = (['added', 'changed', 'removed'] as const).filter((s) => by(s) > 0).map((s) => `${by(s)} ${s}`);
  return `${plural(stories.length, 'story', 'stories')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** `1 registry entry (1 modified)`. */
function registryCounts(entries: readonly RegistryChange[]): string {
  const by = (status: FileStatus): number => entries.filter((r) => r.status === status).length;
  const parts = (['added', 'modified', 'removed'] as const).filter((s) => by(s) > 0).map((s) => `${by(s)} ${s}`);
  return `${plural(entries.length, 'registry entry', 'registry entries')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The notes on a version's change: where it moved, why an unchanged version is listed, drafts. */
function versionNotes(v: VersionChange, contentPrefix: string, locales: readonly string[], code = (t: string) => t) {
  const notes: string[] = [];
  if (v.movedFrom) notes.push(`moved from ${code(storyOfPath(v.movedFrom, contentPrefix, locales))}`);
  if (v.movedTo) notes.push(`moved to ${code(storyOfPath(v.movedTo, contentPrefix, locales))}`);
  if (v.status === 'unchanged') notes.push('files beside it changed');
  if (v.draft && v.status !== 'removed') notes.push('draft, not published');
  return notes;
}

/** How a version's change reads: `added`, `removed (moved to 2024/new)`, `unchanged (files beside it changed)`. */
function describeVersion(v: VersionChange, contentPrefix: string, locales: readonly string[]): string {
  const notes = versionNotes(v, contentPrefix, locales);
  return notes.length ? `${v.status} (${notes.join('; ')})` : v.status;
}

/** Singular collection names for tables. */
const SINGULAR: Record<CollectionName, string> = {
  speakers: 'speaker',
  organisations: 'organisation',
  events: 'event',
  tags: 'tag',
};

/** Options of the renderers. */
export interface RenderOptions {
  /** The content folder, relative to the repository root. */
  readonly contentPrefix: string;
  /** Configured locale codes. */
  readonly locales: readonly string[];
  /** The preview site's root (`SITE_URL` + `BASE_PATH`). */
  readonly previewUrl: string;
  /** Whether the checker ran (it does not when `--head` is not the checked-out commit). */
  readonly checked: boolean;
  /** Table rows at most, per table (a step summary may hold 1 MiB). */
  readonly maxRows?: number;
}

/** A GitHub-flavoured Markdown summary for `$GITHUB_STEP_SUMMARY`. Every untrusted value is escaped. */
export function changesMarkdown(changes: ContentChanges, options: RenderOptions): string {
  const { contentPrefix, locales } = options;
  const maxRows = options.maxRows ?? 300;
  const out: string[] = ['## Content changes', ''];
  out.push(`Preview: <${options.previewUrl.replace(/[<>\s|]/g, encodeURIComponent)}>`, '');
  if (changes.stories.length === 0 && changes.registry.length === 0 && changes.other.length === 0) {
    out.push('No stories, registry entries or other content files changed.', '');
  } else {
    const counts = [storyCounts(changes.stories), registryCounts(changes.registry)];
    if (changes.other.length) counts.push(plural(changes.other.length, 'other file'));
    out.push(`${counts.join(' · ')}.`, '');
  }
  const table = (head: readonly string[], rows: readonly string[][], what: readonly [string, string]): void => {
    out.push(`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
    for (const row of rows.slice(0, maxRows)) out.push(`| ${row.join(' | ')} |`);
    if (rows.length > maxRows)
      out.push('', `…and ${plural(rows.length - maxRows, ...what)} more: run npm run changes locally.`);
    out.push('');
  };
  if (changes.stories.length > 0) {
    const rows = changes.stories.flatMap((s) => {
      const label = `${markdownCode(s.story)}${s.status === 'changed' ? '' : ` (${s.status === 'added' ? 'new story' : 'story removed'})`}`;
      const versionRows = s.versions.map((v) => [
        label,
        v.language,
        [v.status, ...versionNotes(v, contentPrefix, locales, markdownCode).map((n) => `(${n})`)].join(' '),
        v.title === null ? '*(no title)*' : escapeMarkdown(v.title),
        v.url === null ? '—' : `[preview](<${v.url}>)`,
      ]);
      const assetRows = s.assets.map((a) => [label, '—', `file ${a.status}`, markdownCode(a.file), '—']);
      return [...versionRows, ...assetRows];
    });
    table(['Story', 'Language', 'Change', 'Title', 'Preview'], rows, ['row', 'rows']);
  }
  if (changes.registry.length > 0) {
    out.push('### Registry', '');
    const rows = changes.registry.map((r) => {
      const moved = r.movedFrom
        ? ` (renamed from ${markdownCode(r.movedFrom)})`
        : r.movedTo
          ? ` (renamed to ${markdownCode(r.movedTo)})`
          : '';
      return [
        SINGULAR[r.collection],
        markdownCode(r.id),
        `${r.status}${moved}`,
        r.name === null ? '*(no name)*' : escapeMarkdown(r.name),
      ];
    });
    table(['Kind', 'Id', 'Change', 'Name'], rows, ['entry', 'entries']);
  }
  if (changes.other.length > 0) {
    out.push('### Other files', '');
    table(
      ['File', 'Change'],
      changes.other.map((o) => [markdownCode(o.file), o.status]),
      ['file', 'files'],
    );
  }
  if (!options.checked) {
    out.push('The content checker did not run: `--head` is not the checked-out commit.', '');
  } else if (changes.problems.length > 0) {
    out.push('### Checker: problems in the changed files', '');
    table(
      ['File', 'Line', 'Severity', 'Field', 'Message'],
      changes.problems.map((p) => [
        markdownCode(p.file),
        String(p.line),
        p.severity,
        markdownCode(p.field),
        escapeMarkdown(p.message, 1000),
      ]),
      ['problem', 'problems'],
    );
  } else if (changes.stories.length + changes.registry.length + changes.other.length > 0) {
    out.push('The content checker finds no problem in the changed files.', '');
  }
  const { errors, warnings } = changes.problemsElsewhere;
  if (options.checked && errors + warnings > 0) {
    out.push(
      `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in other files (perhaps caused by this change): \`npm run check\` lists them.`,
      '',
    );
  }
  return out.join('\n');
}

/** Left-aligned columns, two spaces apart. */
function columns(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}

/** Untrusted text for a terminal: control characters (escape sequences, line breaks) become spaces. */
function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/** A plain-text summary for a terminal. */
export function changesText(changes: ContentChanges, options: RenderOptions & { readonly range: string }): string {
  const { contentPrefix, locales } = options;
  const out: string[] = [`Content changes ${options.range}, preview at ${options.previewUrl}`];
  if (changes.stories.length > 0) {
    out.push('', `Stories: ${storyCounts(changes.stories)}`);
    for (const s of changes.stories) {
      out.push(`  ${s.story}  ${s.status}`);
      out.push(
        ...columns(
          // The title goes last: its width (CJK, long headlines) would misalign every column after it.
          s.versions.map((v) => [
            v.language,
            describeVersion(v, contentPrefix, locales),
            v.url ?? '-',
            v.title === null ? '(no title)' : terminalSafe(v.title),
          ]),
          '    ',
        ),
      );
      for (const a of s.assets) out.push(`    ${a.status} ${a.file}`);
    }
  }
  if (changes.registry.length > 0) {
    out.push('', `Registry: ${registryCounts(changes.registry)}`);
    out.push(
      ...columns(
        changes.registry.map((r) => [
          SINGULAR[r.collection],
          r.status,
          r.id,
          r.name === null ? '(no name)' : terminalSafe(r.name),
          r.movedFrom ? `renamed from ${r.movedFrom}` : r.movedTo ? `renamed to ${r.movedTo}` : '',
        ]),
        '  ',
      ),
    );
  }
  if (changes.other.length > 0) {
    out.push('', `Other files: ${changes.other.length}`);
    for (const o of changes.other) out.push(`  ${o.status} ${o.file}`);
  }
  if (changes.stories.length + changes.registry.length + changes.other.length === 0) {
    out.push('', 'No content changes.');
  }
  if (!options.checked) {
    out.push('', 'Checker not run: --head is not the checked-out commit.');
  } else {
    const { errors, warnings } = changes.problemsElsewhere;
    out.push('', `Checker: ${plural(changes.problems.length, 'problem')} in the changed files`);
    for (const p of changes.problems)
      out.push(`  ${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.field}  ${p.message}`);
    if (errors + warnings > 0) {
      out.push(
        `  and ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in other files: npm run check lists them`,
      );
    }
  }
  return out.join('\n');
}
