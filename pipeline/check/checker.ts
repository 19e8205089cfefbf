/**
 * `npm run check`'s engine: validates every file in the content folder against the same schemas the
 * Astro build uses, plus the rules that span files (references, stories, ids), and reports every
 * problem with its file, line and field. It only reads: no file is ever written. Each step is a
 * module of its own; this one runs them in order.
 */
import type { SiteConfig } from '#site.config';
import { checkAliases } from './aliases.ts';
import { publicFiles } from '#lib/aliases.ts';
import { checkArticles, type CheckedArticle } from './articles.ts';
import { cacheScope, type CheckCache } from './check-cache.ts';
import { checkCorrections } from './corrections.ts';
import { startRun, type CheckRun } from './check-run.ts';
import { discoverFiles } from './discover.ts';
import { checkerSchemas } from './entry-files.ts';
import { checkFeatured } from './featured.ts';
import { sortProblems, type Problem } from './problems.ts';
import { checkParentChains, checkRegistries } from './registries.ts';
import { checkSiteLinks, siteLinks } from './site-links.ts';
import { checkStories, groupStories, publishedStories, type StoryFolders } from './story-rules.ts';

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
  /**
   * Results of earlier checks of the same folder (./check-cache.ts): files unchanged since are not
   * read again; the rules across files run on their cached fields. The dev server keeps one.
   */
  readonly cache?: CheckCache;
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

/** Checks a content folder and returns every problem found. */
export async function checkContent(options: CheckOptions): Promise<CheckResult> {
  const run = startRun(options);
  // Regular files only, sorted by kind; the registry's ids are known from file names alone.
  const found = discoverFiles(run);
  const schemas = checkerSchemas(run, found.ids);
  const { cache } = options;
  cache?.prepare(run.contentDir, found.files, cacheScope(found.ids, publicFiles(run.publicDir)));
  const registries = await checkRegistries(run, found.registryFiles, schemas, cache);
  checkParentChains(run, found.ids, registries);
  // Links that stay on the site are kept while bodies are read, and checked once every page is known.
  const links = siteLinks();
  const articles = await checkArticles(run, found.articleFiles, schemas, links, cache);
  const stories = groupStories(articles);
  checkStories(run, stories);
  checkCorrections(run, stories);
  const published = publishedStories(articles, run.locales);
  checkFeatured(run, published, stories);
  checkArticleAliases(run, stories, articles);
  await checkSiteLinks(run, links, { stories, published, ids: found.ids, registries });
  return { problems: sortProblems(run.problems), files: found.files.length, stories: stories.size };
}

/** Aliases, across all stories: the rules the build applies again when it writes redirects. */
function checkArticleAliases(run: CheckRun, stories: StoryFolders, articles: readonly CheckedArticle[]): void {
  const { config, display, publicDir } = run;
  for (const p of checkAliases({
    locales: config.locales,
    storyFolders: stories.keys(),
    articles,
    display,
    publicDir,
  })) {
    run.report(p.rel, p.position, 'error', p.field, p.message);
  }
}
