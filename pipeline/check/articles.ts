/**
 * The checker's article step. Every rule runs on every file that can be read, whatever else is wrong
 * with it: the frontmatter's rules with the fields that could be read, the body's whatever the
 * frontmatter holds, so that one run reports everything. What the rules across files need (the
 * fields, the links that stay on the site) is handed on.
 */
import path from 'node:path';
import type { z } from 'astro/zod';
import type { Correction } from '#lib/corrections.ts';
import type { PublishedAt } from '#lib/dates.ts';
import { mapWithLimit } from '#lib/concurrency.ts';
import { splitFrontmatter } from '#lib/source.ts';
import type { SharedFacts } from '#lib/stories.ts';
import type { Position } from '#lib/yaml.ts';
import { checkBodyRules } from './article-body.ts';
import { cachedFileCheck, type CheckCache } from './check-cache.ts';
import { AT_START, OPEN_FILES, type CheckRun } from './check-run.ts';
import type { ArticleFile } from './discover.ts';
import {
  checkFieldImage,
  parseYamlOrReport,
  readText,
  validate,
  type CheckerSchemas,
  type Locate,
} from './entry-files.ts';
import type { AssetFolders } from './images.ts';
import { collectSiteLinks, siteLinks, type SiteLinks } from './site-links.ts';
import { frontmatterTodos } from './todos.ts';
import { fieldName } from './zod-issues.ts';

/** The data of an article as the checker sees it after validation. */
export interface ArticleData extends SharedFacts {
  readonly language: string;
  readonly draft: boolean;
  readonly date?: PublishedAt;
  readonly updated?: PublishedAt;
  readonly cover?: { readonly src: string };
  readonly aliases?: readonly string[];
  readonly corrections?: readonly Correction[];
}

/** One article file as the story rules see it. */
export interface CheckedArticle extends ArticleFile {
  /** The file's absolute path. */
  readonly abs: string;
  /** Every field that could be read (all of them when the file is valid), so one bad field hides no rule. */
  readonly facts: Partial<ArticleData>;
  /** The frontmatter as parsed, when it could be. */
  readonly raw: Record<string, unknown> | undefined;
  /** The line and column of a field. */
  readonly locate: Locate;
}

/** An article file read as far as it could be: its body, and its frontmatter's fields. */
interface ReadArticle {
  readonly body: string;
  readonly bodyLine: number;
  readonly raw: Record<string, unknown> | undefined;
  readonly locate: Locate;
  readonly facts: Partial<ArticleData>;
}

/** Whether a parsed YAML value is a map of fields. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What one article file gives the rules across files: its fields and the links it keeps. */
interface ArticleResult {
  readonly article: CheckedArticle;
  readonly links: SiteLinks;
}

/**
 * Checks every article file; returns each with the fields it could give, in file order. With a
 * `cache`, a file unchanged since the last check is not read again: its problems and fields are.
 */
export async function checkArticles(
  run: CheckRun,
  files: readonly ArticleFile[],
  schemas: CheckerSchemas,
  links: SiteLinks,
  cache?: CheckCache,
): Promise<CheckedArticle[]> {
  const folders: AssetFolders = {
    contentDir: run.contentDir,
    publicDir: run.publicDir,
    show: run.display,
    showAbsolute: run.displayAbsolute,
  };
  const results = await mapWithLimit(files, OPEN_FILES, (file) =>
    cachedFileCheck<ArticleResult>(run, cache, file.rel, async (fileRun) => {
      // Each file keeps its own links, so that a cached file gives them again without being read.
      const own = siteLinks();
      const { article, text } = await checkArticle(fileRun, file, schemas, own, folders);
      return { value: { article, links: own }, text };
    }),
  );
  // In file order, as without a cache: the link rule reports in the order it finds.
  for (const { links: own } of results) {
    links.parts.push(...own.parts);
    for (const [rel, anchors] of own.anchorsByFile) links.anchorsByFile.set(rel, anchors);
  }
  return results.map((r) => r.article);
}

/** Checks one article file: its frontmatter, its body, the rules between its fields, its cover. */
async function checkArticle(
  run: CheckRun,
  file: ArticleFile,
  schemas: CheckerSchemas,
  links: SiteLinks,
  folders: AssetFolders,
): Promise<{ article: CheckedArticle; text: string }> {
  const abs = path.join(run.contentDir, file.rel);
  const { text, read } = readArticle(run, file.rel, schemas);
  if (!read) return { article: { ...file, abs, facts: {}, raw: undefined, locate: () => AT_START }, text };
  const { body, bodyLine, raw, locate, facts } = read;
  if (body.trim() === '') {
    run.report(
      file.rel,
      { line: bodyLine, column: 1 },
      (facts.draft ?? false) ? 'warning' : 'error',
      '(body)',
      'the article has no text after the frontmatter',
    );
  }
  // To-dos (from `npm run new`/`import` or by hand) are warnings: a draft may carry them while
  // the editor sees what is left. Read from the raw data so they show even when a field is invalid.
  for (const todo of frontmatterTodos(raw)) {
    run.report(file.rel, locate(todo.path), 'warning', fieldName(todo.path), `to-do left: ${todo.text}`);
  }
  await checkBodyRules(run, file.rel, body, bodyLine, folders);
  collectSiteLinks(links, file, body, bodyLine);
  checkArticleFields(run, file, facts, locate);
  // Checked from the raw data so a missing image is reported even when other fields are wrong.
  const cover = (raw as { cover?: { src?: unknown } } | undefined)?.cover;
  if (typeof cover?.src === 'string') await checkFieldImage(run, file.rel, cover.src, ['cover', 'src'], locate);
  return { article: { ...file, abs, facts, raw, locate }, text };
}

/**
 * Reads an article file as far as it can be read, reporting why not: its bytes, its frontmatter's
 * fences, YAML and fields. `read` is undefined when there is no body to check; `text` is the file's
 * text ('' when it could not be decoded).
 */
function readArticle(
  run: CheckRun,
  rel: string,
  { schemas, vocabulary }: CheckerSchemas,
): { text: string; read?: ReadArticle } {
  const text = readText(run, rel, run.config.maxArticleBytes);
  if (text === undefined) return { text: '' };
  const split = splitFrontmatter(text);
  if (!split.ok) {
    run.report(rel, { line: split.line, column: 1 }, 'error', '(frontmatter)', split.message);
    return { text };
  }
  const { body, bodyLine } = split.value;
  const parsed = parseYamlOrReport(run, rel, split.value.yaml);
  const raw = isRecord(parsed?.data) ? parsed.data : undefined;
  const locate = parsed?.locate ?? ((): Position => AT_START);
  const schema = schemas.articles as z.ZodType<ArticleData>;
  const facts: Partial<ArticleData> = parsed
    ? validate(run, rel, schema, vocabulary.articles, parsed.data, locate)
    : {};
  return { text, read: { body, bodyLine, raw, locate, facts } };
}

/** The rules between an article's fields and its file: its language, draft state and dates. */
function checkArticleFields(run: CheckRun, file: ArticleFile, facts: Partial<ArticleData>, locate: Locate): void {
  if (facts.language !== undefined && facts.language !== file.language) {
    run.report(
      file.rel,
      locate(['language']),
      'error',
      'language',
      `language is "${facts.language}" but the file is ${file.language}.md: rename the file to ${facts.language}.md or fix the field`,
    );
  }
  if (facts.draft === true) {
    run.report(
      file.rel,
      locate(['draft']),
      'warning',
      'draft',
      'this is a draft: it is checked but will not be published',
    );
  }
  if (facts.updated && facts.date && facts.updated.instant < facts.date.instant) {
    run.report(
      file.rel,
      locate(['updated']),
      'error',
      'updated',
      `updated ${facts.updated.day} is before the publication date ${facts.date.day}`,
    );
  }
}
