/**
 * `npm run status`'s reader (also used by `npm run changes`): what each article file of a content
 * folder says about its story, language, title, draft state and dates. The report is computed in
 * translation-status.ts and printed by status-output.ts.
 *
 * Files are read the way the checker reads them (the same layout rules, UTF-8 decoding, frontmatter
 * split, YAML parser and article schema), so status and `npm run check` never disagree on what a file
 * says. Status does not re-check references between files: that is the checker's job, and a
 * misspelled speaker should not hide how old a translation is. A file the checker would reject is
 * still counted, and listed under "unreadable" with the first reason.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { articleSchema } from '#schemas/article.ts';
import type { SiteConfig } from '#site.config';
import { mapWithLimit } from '#lib/concurrency.ts';
import { toolSchemaContext } from '#pipeline/check/schema-context.ts';
import type { PublishedAt } from '#lib/dates.ts';
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
