/**
 * `npm run dev`'s content check (pipeline/dev.ts adds it; plain `astro dev` and every build run
 * without it): the checker runs when the dev server starts and after every change in the content
 * folder, incrementally (./session.ts). While the content has errors, every page shows Astro's dev
 * error overlay for them (./overlay.ts); a page whose content has warnings gets a banner listing
 * them (./banner.ts, ./pages.ts). When a check changes what pages show, open pages reload.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { countProblems, formatProblem } from '#pipeline/check/problems.ts';
import type { SiteConfig } from '#site.config';
import { warningBanner } from './banner.ts';
import { overlayError, toThrownError, type SourceText } from './overlay.ts';
import { pagesOfProblemFile, warningsForPage } from './pages.ts';
import { CheckSession, type SessionResult } from './session.ts';
import { setDevCheckState } from './state.ts';

/** What the dev check needs. */
export interface DevCheckOptions {
  /** The content folder (CONTENT_DIR). */
  readonly contentDir: string;
  /** The site configuration. */
  readonly config: SiteConfig;
  /** Problems' paths are relative to this folder (default: {@link displayRootFor} the current directory). */
  readonly displayRoot?: string;
}

/**
 * Where problems' paths start from: the project, as for `npm run check` (`content/articles/…`),
 * unless the content folder is outside it (CONTENT_DIR=/elsewhere/content): then its parent, so
 * that paths still read `content/articles/…` rather than climbing out of the project.
 */
export function displayRootFor(contentDir: string, projectRoot: string): string {
  const rel = path.relative(projectRoot, contentDir);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(contentDir) : projectRoot;
}

/** The one line a check prints: counts, time, and how much of the archive it read again. */
export function summaryLine(result: SessionResult): string {
  const { errors, warnings } = countProblems(result.problems);
  const seconds = (result.milliseconds / 1000).toFixed(2);
  const read = `${result.cache.checked} file(s) read, ${result.cache.reused} from cache`;
  return `content check: ${errors} error(s), ${warnings} warning(s) in ${result.files} files (${result.stories} stories), ${seconds} s, ${read}`;
}

/** The most of a file the overlay shows (Astro highlights all of it). */
const MAX_SOURCE_BYTES = 1_000_000;

/**
 * The text of the file at fault, for the overlay: only a regular file's (never through a link, as
 * the checker reads content), and not a huge one.
 */
export function sourceText(file: string): SourceText {
  let stats;
  try {
    stats = lstatSync(file);
  } catch {
    return { ok: false, why: 'the file cannot be read' };
  }
  if (!stats.isFile()) return { ok: false, why: 'not a regular file: its content is not shown' };
  if (stats.size > MAX_SOURCE_BYTES) return { ok: false, why: 'the file is too large to show' };
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch {
    return { ok: false, why: 'the file cannot be read' };
  }
}

/** Whether two results would show the same pages. */
function samePages(a: SessionResult | undefined, b: SessionResult): boolean {
  return a !== undefined && JSON.stringify(a.problems) === JSON.stringify(b.problems);
}

/** The dev server's content check, as an Astro integration. */
export function devCheck(options: DevCheckOptions): AstroIntegration {
  const contentDir = path.resolve(options.contentDir);
  const root = path.resolve(options.displayRoot ?? displayRootFor(contentDir, process.cwd()));
  const locales = options.config.locales.map((l) => l.code);
  let base = '/';
  let projectRoot = process.cwd();
  return {
    name: 'news-archive:dev-check',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command !== 'dev') return;
        addMiddleware({ order: 'pre', entrypoint: new URL('./middleware.ts', import.meta.url) });
      },
      'astro:config:done': ({ config }) => {
        base = config.base;
        projectRoot = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server, logger }) => {
        const session = new CheckSession({
          contentDir,
          config: options.config,
          displayRoot: root,
          onResult: (result, previous) => {
            // Errors, and the warnings no page shows (an image's, a misplaced file's): nothing only in a banner is lost.
            const context = { root, contentDir, locales, base };
            for (const p of result.problems) {
              if (p.severity === 'error') logger.error(formatProblem(p));
              else if (pagesOfProblemFile(p.file, context).length === 0) logger.warn(formatProblem(p));
            }
            logger.info(summaryLine(result));
            // Open pages show the old verdict (an overlay, a banner, a page): they reload to show the new one.
            if (previous && !samePages(previous, result))
              server.environments.client.hot.send({ type: 'full-reload', path: '*' });
          },
        });
        setDevCheckState({
          async verdict(pathname) {
            const { problems } = await session.current();
            const overlay = overlayError(problems, root);
            if (overlay)
              return { error: toThrownError(overlay, projectRoot, sourceText(overlay.loc.file)), banner: '' };
            return { banner: warningBanner(warningsForPage(problems, pathname, { root, contentDir, locales, base })) };
          },
        });
        // The content folder may be outside the project (CONTENT_DIR), where Vite does not watch.
        server.watcher.add(contentDir);
        const inContent = (file: string): boolean => {
          const rel = path.relative(contentDir, file);
          return !rel.startsWith('..') && !path.isAbsolute(rel);
        };
        server.watcher.on('all', (_event: string, file: string) => {
          if (inContent(file)) session.schedule();
        });
        server.httpServer?.on('close', () => setDevCheckState(undefined));
      },
    },
  };
}
