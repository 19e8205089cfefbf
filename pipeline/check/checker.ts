/**
 * `npm run check`'s engine: validates every file in the content folder against the same schemas the
 * Astro build uses, plus the rules that span files (references, stories, ids), and reports every
 * problem with its file, line and field. It only reads: no file is ever written.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { articleSchema } from '#schemas/article.ts';
import type { CollectionName, EntryReference } from '#schemas/common.ts';
import { eventSchema } from '#schemas/event.ts';
import { organisationSchema } from '#schemas/organisation.ts';
import { speakerSchema } from '#schemas/speaker.ts';
import { tagSchema } from '#schemas/tag.ts';
import type { SiteConfig } from '#site.config';
import type { PublishedAt } from '#lib/dates.ts';
import {
  buildStories,
  describeSharedField,
  driftedFields,
  primaryLanguage,
  type SharedFacts,
  type SharedField,
} from '#lib/stories.ts';
import { SINGULAR, toolSchemaContext } from './schema-context.ts';
import { mapWithLimit } from '#lib/concurrency.ts';
import { walkContent } from '#lib/content-files.ts';
import { bodyAssetProblem, bodyAssets, imageProblem, type AssetFolders } from './images.ts';
import { publicFiles } from '#lib/aliases.ts';
import { checkAliases } from './aliases.ts';
import { bodyLint } from './body-lint.ts';
import { bodySyntax } from './body-syntax.ts';
import {
  bodyLinks,
  linkCandidates,
  linkChecker,
  mayHaveSiteLink,
  type LinkCandidate,
  type LinkSource,
} from './body-links.ts';
import { pageAnchors, type PageAnchors } from './heading-ids.ts';
import { classifyContentPath } from './layout.ts';
import { bodyRegions } from './markdown.ts';
import { readableFields } from './partial.ts';
import { sortProblems, type Problem, type Severity } from './problems.ts';
import { decodeUtf8, splitFrontmatter } from '#lib/source.ts';
import { bodyTodos, frontmatterTodos } from './todos.ts';
import { parseYaml, type ParsedYaml, type Position } from '#lib/yaml.ts';
import { describeIssues, fieldName, knownFieldNames } from './zod-issues.ts';

/** What to check and how to name files in the report. */
export interface CheckOptions {
  /** The content folder to check. */
  readonly contentDir: string;
  /** Paths in problems are relative to this folder (default: the current directory). */
  readonly displayRoot?: string;
  /** The site configuration (locales, time zone, limits, embed hosts). */
  readonly config: SiteConfig;
  /**
   * The project's `public/` folder, which the site serves at its root: site-absolute paths in bodies
   * (`/img/a.png`) must name a file there (default: `public` in the current directory, the project
   * the build runs in, wherever the content folder is).
   */
  readonly publicDir?: string;
}

/** The outcome of a check. */
export interface CheckResult {
  /** Every problem, sorted by file and line. */
  readonly problems: Problem[];
  /** How many files were looked at. */
  readonly files: number;
  /** How many stories (article folders) were found. */
  readonly stories: number;
}

/** The data of an article as the checker sees it after validation. */
interface ArticleData extends SharedFacts {
  readonly language: string;
  readonly draft: boolean;
  readonly date?: PublishedAt;
  readonly updated?: PublishedAt;
  readonly cover?: { readonly src: string };
  readonly aliases?: readonly string[];
}

/** One article file as the story rules see it. */
interface CheckedArticle {
  readonly rel: string;
  readonly abs: string;
  readonly year: string;
  readonly slug: string;
  readonly language: string;
  /** Every field that could be read (all of them when the file is valid), so one bad field hides no rule. */
  readonly facts: Partial<ArticleData>;
  /** The frontmatter as parsed, when it could be. */
  readonly raw: Record<string, unknown> | undefined;
  readonly locate: (path: readonly PropertyKey[]) => Position;
}

/** Whether a parsed YAML value is a map of fields. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Files read at once: enough to keep the disk busy, far below the usual 1024 descriptor limit. */
const OPEN_FILES = 64;

/** Checks a content folder and returns every problem found. */
export async function checkContent(options: CheckOptions): Promise<CheckResult> {
  const { contentDir, config } = options;
  const root = options.displayRoot ?? process.cwd();
  const locales = config.locales.map((l) => l.code) as [string, ...string[]];
  const problems: Problem[] = [];
  const display = (rel: string): string => path.relative(root, path.join(contentDir, rel)).split(path.sep).join('/');
  const report = (rel: string, pos: Position, severity: Severity, field: string, message: string): void => {
    problems.push({ file: display(rel), line: pos.line, column: pos.column, severity, field, message });
  };
  const atStart: Position = { line: 1, column: 1 };

  // Regular files only; every link or special file is an error, and is never read.
  const tree = walkContent(contentDir);
  const files = tree.files;
  for (const breach of tree.breaches) {
    if (breach.rel === '.') {
      problems.push({
        file: display(''),
        line: 1,
        column: 1,
        severity: 'error',
        field: '(folder)',
        message: breach.message,
      });
    } else {
      report(breach.rel, atStart, 'error', '(file)', `this is ${breach.message}`);
    }
  }

  // Pass 1: layout, and the registry of ids (known from file names alone).
  const ids: Record<CollectionName, Map<string, string>> = {
    speakers: new Map(),
    organisations: new Map(),
    events: new Map(),
    tags: new Map(),
  };
  const registryFiles: { rel: string; collection: CollectionName; id: string }[] = [];
  const articleFiles: { rel: string; year: string; slug: string; language: string }[] = [];
  for (const rel of files) {
    const kind = classifyContentPath(rel, locales);
    switch (kind.kind) {
      case 'misplaced':
        report(rel, atStart, 'error', '(file)', kind.message);
        break;
      case 'entry': {
        const existing = ids[kind.collection].get(kind.id);
        if (existing) {
          report(
            rel,
            atStart,
            'error',
            '(file)',
            `duplicate ${SINGULAR[kind.collection]} id "${kind.id}": ${display(existing)} has it too; keep one file`,
          );
        } else {
          ids[kind.collection].set(kind.id, rel);
          registryFiles.push({ rel, ...kind });
        }
        break;
      }
      case 'article':
        articleFiles.push({ rel, ...kind });
        break;
      default:
        break;
    }
  }

  // The checker's reference(): the id must exist; a near miss gets a suggestion.
  const context = toolSchemaContext({ locales, timeZone: config.timeZone, ids });
  const schemas = {
    articles: articleSchema(context),
    speakers: speakerSchema(context),
    organisations: organisationSchema(context),
    events: eventSchema(context),
    tags: tagSchema(context),
  } satisfies Record<string, z.ZodType>;
  const vocabulary = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, knownFieldNames(schema)]),
  ) as Record<keyof typeof schemas, Set<string>>;

  /** Reads a file's bytes and decodes them, reporting size and encoding problems. */
  const readText = (rel: string, maxBytes: number): string | undefined => {
    const abs = path.join(contentDir, rel);
    // One open for size and bytes, read synchronously: for thousands of small files the promise
    // API's round trips through the thread pool cost more than the reads (half the check's time).
    const fd = openSync(abs, 'r');
    let bytes: Buffer;
    try {
      const { size } = fstatSync(fd);
      if (size === 0) {
        report(rel, atStart, 'error', '(file)', 'the file is empty: add its fields, or delete it');
        return undefined;
      }
      if (size > maxBytes) {
        const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;
        report(
          rel,
          atStart,
          'error',
          '(file)',
          `the file is ${mb(size)}, over the ${mb(maxBytes)} limit: split the story, or move tables and data out of it`,
        );
        return undefined;
      }
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      report(rel, { line: decoded.line, column: 1 }, 'error', '(file)', decoded.message);
      return undefined;
    }
    return decoded.text;
  };

  /** Parses YAML, reporting every syntax error at its position; undefined when it cannot be read. */
  const parseYamlOrReport = (rel: string, text: string): ParsedYaml | undefined => {
    const parsed = parseYaml(text);
    if (parsed.ok) return parsed.value;
    for (const e of parsed.errors) report(rel, e, 'error', '(yaml)', e.message);
    return undefined;
  };

  /**
   * Validates parsed data, reporting each issue at its field's line, and returns the fields that
   * could be read: all of them when the data is valid, else each valid field on its own, so that the
   * rules after this one (story rules, drift, parent chains) still run with whatever is fine.
   */
  const validate = <T>(
    rel: string,
    schema: z.ZodType<T>,
    words: ReadonlySet<string>,
    data: unknown,
    locate: (p: readonly PropertyKey[]) => Position,
  ): Partial<T> => {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      report(rel, atStart, 'error', '(file)', 'expected "field: value" lines, found none');
      return {};
    }
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    for (const issue of describeIssues(result.error.issues, words)) {
      report(rel, locate(issue.path), 'error', fieldName(issue.path), issue.message);
    }
    return readableFields(schema, data) as Partial<T>;
  };

  /** Reports what is wrong with an image path written in a field (a cover, a photo). */
  const checkImage = async (
    rel: string,
    src: string | undefined,
    field: readonly PropertyKey[],
    locate: (p: readonly PropertyKey[]) => Position,
  ): Promise<void> => {
    if (src === undefined) return;
    if (/^[a-z]+:/i.test(src)) {
      report(
        rel,
        locate(field),
        'error',
        fieldName(field),
        `images must be files in the content folder, not web addresses: save it beside the file and write ./name.jpg`,
      );
      return;
    }
    const problem = await imageProblem(contentDir, rel, src, display);
    if (problem) report(rel, locate(field), 'error', fieldName(field), problem);
  };

  // Pass 2: registry files.
  const registryData = new Map<
    string,
    {
      collection: CollectionName;
      id: string;
      data: Record<string, unknown>;
      locate: (p: readonly PropertyKey[]) => Position;
      rel: string;
    }
  >();
  await mapWithLimit(registryFiles, OPEN_FILES, async ({ rel, collection, id }) => {
    const text = readText(rel, config.maxArticleBytes);
    if (text === undefined) return;
    const parsed = parseYamlOrReport(rel, text);
    if (!parsed) return;
    const { data: raw, locate } = parsed;
    const data = validate(
      rel,
      schemas[collection] as z.ZodType<Record<string, unknown>>,
      vocabulary[collection],
      raw,
      locate,
    );
    registryData.set(`${collection}/${id}`, { collection, id, data, locate, rel });
    // From the raw data, so a missing photo is reported even when another field is wrong.
    const photo = (raw as { photo?: unknown } | null)?.photo;
    if (collection === 'speakers' && typeof photo === 'string') await checkImage(rel, photo, ['photo'], locate);
  });

  // Parent chains must end: an organisation cannot be its own ancestor, nor an event part of itself.
  for (const [collection, field] of [
    ['organisations', 'parent'],
    ['events', 'partOf'],
  ] as const) {
    for (const id of ids[collection].keys()) {
      const seen = new Set<string>([id]);
      let next = (registryData.get(`${collection}/${id}`)?.data[field] as EntryReference | undefined)?.id;
      while (next !== undefined && !seen.has(next)) {
        seen.add(next);
        next = (registryData.get(`${collection}/${next}`)?.data[field] as EntryReference | undefined)?.id;
      }
      if (next === id) {
        const entry = registryData.get(`${collection}/${id}`);
        if (entry)
          report(
            entry.rel,
            entry.locate([field]),
            'error',
            field,
            `"${id}" is its own ${field === 'parent' ? 'ancestor' : 'container'}: ${[...seen].join(' → ')} → ${id}`,
          );
      }
    }
  }

  // Pass 3: articles. Every rule runs on every file that can be read, whatever else is wrong with
  // it: the frontmatter's rules with the fields that could be read, the body's whatever the
  // frontmatter holds, so that one run reports everything.
  const assetFolders: AssetFolders = {
    contentDir,
    publicDir: options.publicDir ?? path.resolve('public'),
    show: display,
    showAbsolute: (abs) => path.relative(root, abs).split(path.sep).join('/'),
  };
  // Links that stay on the site, checked once every page is known (after all articles are read): the
  // parts of bodies that hold any, with the addresses a scan found in them, parsed only if one is suspect.
  const linkParts: { source: LinkSource; line: number; part: string; candidates: LinkCandidate[] }[] = [];
  const anchorsByFile = new Map<string, PageAnchors | undefined>();
  const articles: CheckedArticle[] = await mapWithLimit(
    articleFiles,
    OPEN_FILES,
    async (file): Promise<CheckedArticle> => {
      const abs = path.join(contentDir, file.rel);
      const none = { ...file, abs, facts: {}, raw: undefined, locate: () => atStart };
      const text = readText(file.rel, config.maxArticleBytes);
      if (text === undefined) return none;
      const split = splitFrontmatter(text);
      if (!split.ok) {
        report(file.rel, { line: split.line, column: 1 }, 'error', '(frontmatter)', split.message);
        return none;
      }
      const { body, bodyLine } = split.value;
      const parsed = parseYamlOrReport(file.rel, split.value.yaml);
      const raw = isRecord(parsed?.data) ? parsed.data : undefined;
      const locate = parsed?.locate ?? ((): Position => atStart);
      const facts: Partial<ArticleData> = parsed
        ? validate(file.rel, schemas.articles as z.ZodType<ArticleData>, vocabulary.articles, parsed.data, locate)
        : {};
      const draft = facts.draft ?? false;
      if (body.trim() === '') {
        report(
          file.rel,
          { line: bodyLine, column: 1 },
          draft ? 'warning' : 'error',
          '(body)',
          'the article has no text after the frontmatter',
        );
      }
      // To-dos (from `npm run new`/`import` or by hand) are warnings: a draft may carry them while
      // the editor sees what is left. Read from the raw data so they show even when a field is invalid.
      for (const todo of frontmatterTodos(raw)) {
        report(file.rel, locate(todo.path), 'warning', fieldName(todo.path), `to-do left: ${todo.text}`);
      }
      // The body's rules share one parse of each part that may concern them (most bodies: none).
      for (const region of bodyRegions(body)) {
        const at = (position: { line: number; column: number }): Position => ({
          line: bodyLine + region.line - 1 + position.line - 1,
          column: position.column,
        });
        // Every file the body names (Markdown and raw-HTML images, posters, sources), relative or site-absolute.
        for (const asset of bodyAssets(region.parsed)) {
          const problem = await bodyAssetProblem(assetFolders, file.rel, asset);
          const field = asset.kind === 'image' ? '(body image)' : '(body file)';
          if (problem) report(file.rel, at(asset), problem.severity, field, problem.message);
        }
        // What the renderer drops or prints literally: warnings, the text still publishes.
        for (const note of bodyLint(region.parsed, { embedHosts: config.embedHosts })) {
          report(file.rel, at(note), 'warning', '(body)', note.message);
        }
        for (const todo of bodyTodos(region.parsed)) {
          report(
            file.rel,
            at({ line: todo.index + 1, column: todo.column }),
            'warning',
            '(body)',
            `to-do left: ${todo.text}`,
          );
        }
      }
      // What the site's own Markdown extensions make of it: directives, `{#id}` heading ids, formulas.
      for (const note of bodySyntax(body)) {
        report(file.rel, { line: bodyLine + note.line - 1, column: note.column }, 'warning', '(body)', note.message);
      }
      let fragmentLinks = false;
      for (const region of bodyRegions(body, mayHaveSiteLink)) {
        const candidates = linkCandidates(region.parsed.text);
        if (candidates.length === 0) continue;
        linkParts.push({ source: file, line: bodyLine + region.line - 1, part: region.parsed.text, candidates });
        fragmentLinks ||= candidates.some((c) => c.href.startsWith('#'));
      }
      // Links to this page's own headings are common: its ids now, while the body is at hand (other
      // pages' ids are read when a link to one of them needs them).
      if (fragmentLinks) anchorsByFile.set(file.rel, pageAnchors(body));
      if (facts.language !== undefined && facts.language !== file.language) {
        report(
          file.rel,
          locate(['language']),
          'error',
          'language',
          `language is "${facts.language}" but the file is ${file.language}.md: rename the file to ${facts.language}.md or fix the field`,
        );
      }
      if (facts.draft === true)
        report(
          file.rel,
          locate(['draft']),
          'warning',
          'draft',
          'this is a draft: it is checked but will not be published',
        );
      if (facts.updated && facts.date && facts.updated.instant < facts.date.instant) {
        report(
          file.rel,
          locate(['updated']),
          'error',
          'updated',
          `updated ${facts.updated.day} is before the publication date ${facts.date.day}`,
        );
      }
      // Checked from the raw data so a missing image is reported even when other fields are wrong.
      const cover = (raw as { cover?: { src?: unknown } } | undefined)?.cover;
      if (typeof cover?.src === 'string') await checkImage(file.rel, cover.src, ['cover', 'src'], locate);
      return { ...file, abs, facts, raw, locate };
    },
  );

  // Pass 4: story rules, with the fields each file could give (a file with an invalid field still
  // takes part: its other fields are compared, its invalid ones were reported above).
  const stories = new Map<string, CheckedArticle[]>();
  for (const a of articles) {
    const key = `${a.year}/${a.slug}`;
    stories.set(key, [...(stories.get(key) ?? []), a]);
  }
  const slugHome = new Map<string, string>();
  for (const [key, members] of stories) {
    const [year = '', slug = ''] = key.split('/');
    const first = members[0];
    if (!first) continue;
    const earlier = slugHome.get(slug);
    if (earlier !== undefined) {
      for (const m of members) {
        report(
          m.rel,
          atStart,
          'error',
          '(folder)',
          `story slug "${slug}" is already used by ${display(`articles/${earlier}/${slug}`)}: slugs must be unique across years, rename this folder`,
        );
      }
    } else {
      slugHome.set(slug, year);
    }
    const primaryLang = primaryLanguage(
      members.map((m) => m.language),
      locales,
    );
    const primary = members.find((m) => m.language === primaryLang);
    // Without readable frontmatter in the primary there is nothing to compare with (reported above).
    if (!primary?.raw) continue;
    const main = primary.facts;
    if (primary.raw['date'] === undefined) {
      report(
        primary.rel,
        primary.locate([]),
        'error',
        'date',
        `date is missing: the story's primary file (${primary.language}.md) must give the publication date, e.g. date: ${year}-01-31`,
      );
    } else if (main.date && main.date.day.slice(0, 4) !== year) {
      report(
        primary.rel,
        primary.locate(['date']),
        'error',
        'date',
        `date ${main.date.day} is not in ${year}: move the story folder to articles/${main.date.day.slice(0, 4)}/ or fix the date`,
      );
    }
    // A shared field the primary gives but that could not be read has no value to compare with.
    const unreadable = (field: SharedField): boolean => primary.raw?.[field] !== undefined && main[field] === undefined;
    for (const m of members) {
      if (m === primary || !m.raw) continue;
      for (const field of driftedFields(main, m.facts)) {
        if (unreadable(field)) continue;
        report(
          m.rel,
          m.locate([field]),
          'error',
          field,
          `${field} ${describeSharedField(m.facts, field)} differs from ${primary.language}.md (${describeSharedField(main, field)}): remove it here to inherit, or make both agree`,
        );
      }
      if (primary.raw['cover'] !== undefined && m.raw['cover'] === undefined) {
        report(
          m.rel,
          m.locate([]),
          'warning',
          'cover',
          `no cover: the ${primary.language}.md cover is used, with its alt text and caption in ${primary.language}; add a cover with ${m.language} text`,
        );
      }
      if (m.facts.draft === false && main.draft === true) {
        report(
          m.rel,
          m.locate(['draft']),
          'warning',
          'draft',
          `${primary.language}.md is a draft but this translation is not: the translation will be published alone`,
        );
      }
    }
  }

  // Aliases, across all stories: the rules the build applies again when it writes redirects.
  const aliasInput = { locales: config.locales, storyFolders: stories.keys(), articles, display };
  for (const p of checkAliases({ ...aliasInput, publicDir: assetFolders.publicDir })) {
    report(p.rel, p.position, 'error', p.field, p.message);
  }

  // Body links, against every page the site will have (stories with unreadable dates included:
  // their error is reported above, and their pages will exist once it is fixed).
  if (linkParts.length > 0) {
    // Loaded only now: the feed path builders it shares with the build bring the RSS library along.
    const { sitePages } = await import('./site-pages.ts');
    const site = sitePages({
      locales,
      stories: buildStories(
        articles.map((a) => ({
          id: `${a.year}/${a.slug}/${a.language}`,
          data: {
            ...a.facts,
            language: a.language,
            draft: a.facts.draft ?? false,
            date: a.facts.date ?? { day: `${a.year}-01-01`, instant: `${a.year}-01-01T00:00:00.000Z`, hasTime: false },
          },
        })),
        locales,
      ),
      folders: new Map(
        [...stories].map(([key, members]) => [
          key,
          new Map(members.map((m) => [m.language, { draft: m.facts.draft ?? false }])),
        ]),
      ),
      speakers: ids.speakers.keys(),
      organisations: ids.organisations.keys(),
      events: ids.events.keys(),
      tags: ids.tags.keys(),
      datedEvents: [...registryData.values()]
        .filter((e) => e.collection === 'events' && e.data['start'])
        .map((e) => e.id),
      pageSize: config.pageSize,
      untranslatedStories: config.untranslatedStories,
    });
    /** The anchors of another article's page, read when a link first needs them. */
    const anchorsOf = (rel: string): PageAnchors | undefined => {
      if (!anchorsByFile.has(rel)) {
        let anchors: PageAnchors | undefined;
        try {
          const decoded = decodeUtf8(readFileSync(path.join(contentDir, rel)));
          const split = decoded.ok ? splitFrontmatter(decoded.text) : undefined;
          anchors = split?.ok ? pageAnchors(split.value.body) : undefined;
        } catch {
          // Unreadable: reported with the file itself; its anchors are not checked.
        }
        anchorsByFile.set(rel, anchors);
      }
      return anchorsByFile.get(rel);
    };
    const check = linkChecker({
      contentDir,
      publicFiles: new Set(publicFiles(assetFolders.publicDir)),
      site,
      locales,
      anchorsOf,
      show: display,
    });
    for (const { source, line, part, candidates } of linkParts) {
      if (!candidates.some((c) => c.uncertain || check(source, c) !== undefined)) continue;
      // Something looks wrong: the parser says which of the addresses are links, and where.
      for (const link of bodyLinks(part)) {
        const message = check(source, link);
        const position = { line: line + link.line - 1, column: link.column };
        if (message !== undefined) report(source.rel, position, 'warning', '(body link)', message);
      }
    }
  }

  return { problems: sortProblems(problems), files: files.length, stories: stories.size };
}
