/**
 * `npm run status`'s engine: which stories exist in which languages, which translations are missing,
 * and which are older than their story's primary file.
 *
 * Files are read the way the checker reads them (the same layout rules, UTF-8 decoding, frontmatter
 * split, YAML parser and article schema), so status and `npm run check` never disagree on what a file
 * says. Status does not re-check references between files: that is the checker's job, and a
 * misspelled speaker should not hide how old a translation is. A file the checker would reject is
 * still counted, and listed under "unreadable" with the first reason.
 *
 * Staleness, precisely: a story's primary file (the default locale's, else the first configured
 * locale present, as for inheritance) was last changed on its `updated`, else its `date`. A
 * translation was last changed on its own `updated`, else its own `date`, else the primary's `date`
 * (which it inherits). The translation is stale when the primary's last change is later than the
 * translation's: compared as instants when both values carry a clock time, otherwise as calendar days
 * (a date-only value names a day, not midnight), so an update on the same day is never stale.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { articleSchema } from '#schemas/article.ts';
import type { SiteConfig } from '#site.config';
import { mapWithLimit } from '#lib/concurrency.ts';
import { toolSchemaContext } from '#pipeline/check/schema-context.ts';
import type { PublishedAt } from '#lib/dates.ts';
import { primaryLanguage } from '#lib/stories.ts';
import { classifyContentPath } from '#pipeline/check/layout.ts';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';
import { describeIssues, fieldName, knownFieldNames } from '#pipeline/check/zod-issues.ts';

/** What one article file says, as far as status and change summaries need it. */
export interface ArticleFacts {
  /** Headline, when it is valid text. */
  readonly title: string | undefined;
  /** Whether the file is a draft (`false` when the field is absent or invalid, as the schema defaults). */
  readonly draft: boolean;
  /** Own publication date, when given and valid. */
  readonly date: PublishedAt | undefined;
  /** Own last revision, when given and valid. */
  readonly updated: PublishedAt | undefined;
  /** False when `date` or `updated` is written but invalid: the version's age is then unknown. */
  readonly datesKnown: boolean;
  /** Why the checker would reject the file (its first problem), or undefined when it validates. */
  readonly problem: string | undefined;
}

/** One language version of a story, found in the content folder. */
export interface ArticleVersion extends ArticleFacts {
  /** Path of the file as shown to the user (relative to the display root, forward slashes). */
  readonly file: string;
  /** Year folder. */
  readonly year: string;
  /** Story folder (the slug). */
  readonly slug: string;
  /** Language, from the file name (as the checker groups stories). */
  readonly language: string;
}

/** The parts of the site configuration that reading an article depends on. */
export type ReadConfig = Pick<SiteConfig, 'locales' | 'timeZone' | 'maxArticleBytes'>;

/** Schemas are built once per configuration: building them is the costly part of a small file. */
const schemaCache = new WeakMap<ReadConfig, { schema: ReturnType<typeof articleSchema>; words: Set<string> }>();

/** The article schema (lenient references) and its field names, for one configuration. */
function schemaFor(config: ReadConfig): { schema: ReturnType<typeof articleSchema>; words: Set<string> } {
  let entry = schemaCache.get(config);
  if (!entry) {
    // Any non-empty id is accepted: status and change summaries report on files, not on the registry.
    const locales = config.locales.map((l) => l.code) as [string, ...string[]];
    const schema = articleSchema(toolSchemaContext({ locales, timeZone: config.timeZone }));
    entry = { schema, words: knownFieldNames(schema) };
    schemaCache.set(config, entry);
  }
  return entry;
}

/** Facts of a file that cannot be read at all. */
function none(problem: string): ArticleFacts {
  return { title: undefined, draft: false, date: undefined, updated: undefined, datesKnown: false, problem };
}

/** The checker's wording for an oversized file. */
function tooLarge(size: number, config: ReadConfig): string {
  const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;
  return `the file is ${mb(size)}, over the ${mb(config.maxArticleBytes)} limit`;
}

/**
 * Reads an article file's bytes with the checker's decoding, frontmatter split, YAML parser and
 * schema. Each field status needs is validated on its own with the schema's own field, so one bad
 * field elsewhere does not hide the title or the dates.
 */
export function readArticleFacts(bytes: Uint8Array, config: ReadConfig): ArticleFacts {
  if (bytes.length === 0) return none('the file is empty');
  if (bytes.length > config.maxArticleBytes) return none(tooLarge(bytes.length, config));
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return none(`line ${decoded.line}: ${decoded.message}`);
  const split = splitFrontmatter(decoded.text);
  if (!split.ok) return none(`line ${split.line}: ${split.message}`);
  const parsed = parseYaml(split.value.yaml);
  if (!parsed.ok) {
    const [first] = parsed.errors;
    return none(first ? `line ${first.line}: ${first.message}` : 'the YAML could not be read');
  }
  const raw = parsed.value.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return none('expected "field: value" lines');
  const data = raw as Record<string, unknown>;
  const { schema, words } = schemaFor(config);
  const { shape } = schema;
  const title = shape.title.safeParse(data['title']);
  const draft = shape.draft.safeParse(data['draft']);
  const dateResult = shape.date.safeParse(data['date']);
  const updatedResult = shape.updated.safeParse(data['updated']);
  const date = dateResult.success ? dateResult.data : undefined;
  const updated = updatedResult.success ? updatedResult.data : undefined;
  const whole = schema.safeParse(data);
  const [issue] = whole.success ? [] : describeIssues(whole.error.issues, words);
  return {
    title: title.success ? title.data : undefined,
    draft: draft.success ? draft.data : false,
    date,
    updated,
    datesKnown: dateResult.success && updatedResult.success,
    problem: issue && `line ${parsed.value.locate(issue.path).line}: ${fieldName(issue.path)}: ${issue.message}`,
  };
}

/** An article file the checker would reject, with the first reason. */
export interface UnreadableFile {
  /** Path as shown to the user. */
  readonly file: string;
  /** The first problem, with its line. */
  readonly message: string;
}

/** Files read at once (as the checker: keeps the disk busy, stays far from descriptor limits). */
const OPEN_FILES = 64;

/** Reads every article file of a content folder (other files are the checker's business). */
export async function readArticleVersions(options: {
  /** The content folder. */
  readonly contentDir: string;
  /** The site configuration (locales, time zone, size limit). */
  readonly config: ReadConfig;
  /** Paths are shown relative to this folder (default: the current directory). */
  readonly displayRoot?: string;
}): Promise<ArticleVersion[]> {
  const { contentDir, config } = options;
  const root = options.displayRoot ?? process.cwd();
  const locales = config.locales.map((l) => l.code);
  const articlesDir = path.join(contentDir, 'articles');
  const entries = await readdir(articlesDir, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    // A content folder without articles yet is an empty archive, not an error.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(contentDir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
  const articles = files.flatMap((rel) => {
    const kind = classifyContentPath(rel, locales);
    return kind.kind === 'article' ? [{ rel, ...kind }] : [];
  });
  return mapWithLimit(articles, OPEN_FILES, async ({ rel, year, slug, language }): Promise<ArticleVersion> => {
    const abs = path.join(contentDir, rel);
    const file = path.relative(root, abs).split(path.sep).join('/');
    // Size first, so an oversized file is never read into memory (as the checker does).
    const { size } = await stat(abs);
    const facts =
      size > config.maxArticleBytes ? none(tooLarge(size, config)) : readArticleFacts(await readFile(abs), config);
    return { file, year, slug, language, ...facts };
  });
}

/** Counts for one locale. */
export interface LocaleStatus {
  /** Files in this language. */
  readonly versions: number;
  /** Of those, the ones that are published (not drafts). */
  readonly published: number;
  /** Of those, the drafts. */
  readonly drafts: number;
  /** Stories whose primary file is in this language. */
  readonly primary: number;
  /** Versions in this language that are translations (not the story's primary file). */
  readonly translations: number;
  /** Stories without a file in this language. */
  readonly missing: number;
  /** Translations in this language older than their primary file. */
  readonly stale: number;
}

/** A story without a version in some configured language. */
export interface MissingTranslation {
  /** `YYYY/slug`. */
  readonly story: string;
  /** Year folder. */
  readonly year: string;
  /** Story slug. */
  readonly slug: string;
  /** The languages it has, in locale order. */
  readonly languages: string[];
  /** Of those, the ones that are drafts. */
  readonly drafts: string[];
  /** The configured languages it lacks, in locale order. */
  readonly missing: string[];
}

/** A translation older than its story's primary file. */
export interface StaleTranslation {
  /** `YYYY/slug`. */
  readonly story: string;
  /** Year folder. */
  readonly year: string;
  /** Story slug. */
  readonly slug: string;
  /** The translation's language. */
  readonly language: string;
  /** The translation's file. */
  readonly file: string;
  /** Whether the translation is a draft. */
  readonly draft: boolean;
  /** The translation's last change (`YYYY-MM-DD`, or an ISO instant when a time was given). */
  readonly changed: string;
  /** Where that came from: its own `updated` or `date`, or the `date` it inherits. */
  readonly changedFrom: 'updated' | 'date' | 'inherited date';
  /** The primary file's language. */
  readonly primary: string;
  /** The primary file's last change. */
  readonly primaryChanged: string;
  /** Where that came from: the primary's `updated` or `date`. */
  readonly primaryChangedFrom: 'updated' | 'date';
}

/** The whole translation status of an archive. */
export interface StatusReport {
  /** Configured locales, default first. */
  readonly locales: string[];
  /** Story folders. */
  readonly stories: number;
  /** Article files. */
  readonly versions: number;
  /** Stories with a file in every configured language. */
  readonly complete: number;
  /** Counts per locale, in locale order. */
  readonly byLocale: Record<string, LocaleStatus>;
  /** Stories lacking a language, by story. */
  readonly missing: MissingTranslation[];
  /** Stale translations, by story then locale. */
  readonly stale: StaleTranslation[];
  /** Files the checker would reject, by path. */
  readonly unreadable: UnreadableFile[];
}

/** A publication value as status shows it: the day for date-only values, the instant otherwise. */
function show(value: PublishedAt): string {
  return value.hasTime ? value.instant : value.day;
}

/** Whether `a` is later than `b`: as instants when both carry a time, otherwise as calendar days. */
export function isLater(a: PublishedAt, b: PublishedAt): boolean {
  return a.hasTime && b.hasTime ? a.instant > b.instant : a.day > b.day;
}

/** Computes the translation status from the article versions of an archive. */
export function translationStatus(versions: readonly ArticleVersion[], locales: readonly string[]): StatusReport {
  const stories = new Map<string, ArticleVersion[]>();
  for (const v of versions) {
    const key = `${v.year}/${v.slug}`;
    const list = stories.get(key);
    if (list) list.push(v);
    else stories.set(key, [v]);
  }
  const counts = new Map(
    locales.map((l) => [
      l,
      { versions: 0, published: 0, drafts: 0, primary: 0, translations: 0, missing: 0, stale: 0 },
    ]),
  );
  const missing: MissingTranslation[] = [];
  const stale: StaleTranslation[] = [];
  let complete = 0;
  const keys = [...stories.keys()].sort();
  for (const key of keys) {
    const members = stories.get(key) ?? [];
    const [year = '', slug = ''] = key.split('/');
    const byLang = new Map(members.map((m) => [m.language, m]));
    const primaryLang = primaryLanguage(byLang.keys(), locales);
    const primary = primaryLang === undefined ? undefined : byLang.get(primaryLang);
    for (const m of members) {
      const c = counts.get(m.language);
      if (!c) continue;
      c.versions++;
      if (m.draft) c.drafts++;
      else c.published++;
      if (m === primary) c.primary++;
      else c.translations++;
    }
    const have = locales.filter((l) => byLang.has(l));
    const lacking = locales.filter((l) => !byLang.has(l));
    if (lacking.length === 0) complete++;
    else {
      for (const l of lacking) {
        const c = counts.get(l);
        if (c) c.missing++;
      }
      missing.push({
        story: key,
        year,
        slug,
        languages: have,
        drafts: have.filter((l) => byLang.get(l)?.draft),
        missing: lacking,
      });
    }
    // The primary's age must be known; a dateless primary is a checker error, not a stale translation.
    if (!primary?.datesKnown || primaryLang === undefined) continue;
    const primaryChangedFrom = primary.updated ? 'updated' : 'date';
    const primaryChanged = primary.updated ?? primary.date;
    if (!primaryChanged) continue;
    for (const language of locales) {
      const t = byLang.get(language);
      if (!t || t === primary || !t.datesKnown) continue;
      const changedFrom = t.updated ? 'updated' : t.date ? 'date' : 'inherited date';
      const changed = t.updated ?? t.date ?? primary.date;
      if (!changed || !isLater(primaryChanged, changed)) continue;
      const c = counts.get(language);
      if (c) c.stale++;
      stale.push({
        story: key,
        year,
        slug,
        language,
        file: t.file,
        draft: t.draft,
        changed: show(changed),
        changedFrom,
        primary: primaryLang,
        primaryChanged: show(primaryChanged),
        primaryChangedFrom,
      });
    }
  }
  const unreadable = versions
    .flatMap((v) => (v.problem === undefined ? [] : [{ file: v.file, message: v.problem }]))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    locales: [...locales],
    stories: stories.size,
    versions: versions.length,
    complete,
    byLocale: Object.fromEntries(locales.map((l) => [l, counts.get(l)!])),
    missing,
    stale,
    unreadable,
  };
}

/**
 * The report as JSON for CI: keys always present and always in the same order (objects are built
 * field by field), lists sorted, so two runs on the same content give the same bytes.
 */
export function statusJson(report: StatusReport, contentDir: string): string {
  const ordered = {
    contentDir,
    locales: report.locales,
    stories: report.stories,
    versions: report.versions,
    complete: report.complete,
    byLocale: Object.fromEntries(
      report.locales.map((l) => {
        const c = report.byLocale[l]!;
        return [
          l,
          {
            versions: c.versions,
            published: c.published,
            drafts: c.drafts,
            primary: c.primary,
            translations: c.translations,
            missing: c.missing,
            stale: c.stale,
          },
        ];
      }),
    ),
    missing: report.missing.map((m) => ({
      story: m.story,
      year: m.year,
      slug: m.slug,
      languages: m.languages,
      drafts: m.drafts,
      missing: m.missing,
    })),
    stale: report.stale.map((s) => ({
      story: s.story,
      year: s.year,
      slug: s.slug,
      language: s.language,
      file: s.file,
      draft: s.draft,
      changed: s.changed,
      changedFrom: s.changedFrom,
      primary: s.primary,
      primaryChanged: s.primaryChanged,
      primaryChangedFrom: s.primaryChangedFrom,
    })),
    unreadable: report.unreadable.map((u) => ({ file: u.file, message: u.message })),
  };
  return JSON.stringify(ordered, null, 2);
}

/** Left-aligned columns, two spaces apart (the rows are ASCII except for paths and messages). */
function columns(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}

/** The report as a readable table and lists, for editors at a terminal. */
export function formatStatus(report: StatusReport, contentDir: string): string {
  const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
  const out: string[] = [
    `Translation status of ${contentDir}: ${plural(report.stories, 'story', 'stories')}, ` +
      `${plural(report.versions, 'language version')}, ${report.complete} in every language`,
    '',
    ...columns([
      ['language', 'versions', 'published', 'drafts', 'primary', 'translations', 'missing', 'stale'],
      ...report.locales.map((l) => {
        const c = report.byLocale[l]!;
        return [l, c.versions, c.published, c.drafts, c.primary, c.translations, c.missing, c.stale].map(String);
      }),
    ]),
  ];
  if (report.missing.length > 0) {
    out.push('', `Missing translations (${plural(report.missing.length, 'story', 'stories')}):`);
    out.push(
      ...columns(
        report.missing.map((m) => [
          m.story,
          `has ${m.languages.map((l) => (m.drafts.includes(l) ? `${l} (draft)` : l)).join(', ')}`,
          `missing ${m.missing.join(', ')}`,
        ]),
        '  ',
      ),
    );
  }
  if (report.stale.length > 0) {
    out.push(
      '',
      `Stale translations (${report.stale.length}): the primary file changed after the translation last did`,
    );
    out.push(
      ...columns(
        report.stale.map((s) => [
          s.story,
          s.draft ? `${s.language} (draft)` : s.language,
          `${s.changedFrom} ${s.changed}`,
          `older than ${s.primary}.md ${s.primaryChangedFrom} ${s.primaryChanged}`,
        ]),
        '  ',
      ),
    );
  }
  if (report.unreadable.length > 0) {
    out.push('', `Files with problems (${report.unreadable.length}), the first of each: npm run check lists them all`);
    for (const u of report.unreadable) out.push(`  ${u.file}  ${u.message}`);
  }
  if (report.missing.length === 0 && report.stale.length === 0 && report.stories > 0) {
    out.push('', '✔ every story is in every language, and no translation is older than its primary file');
  }
  return out.join('\n');
}
