/**
 * One run of the content checker: what every step of ./checker.ts shares (the content folder, the
 * site configuration, how paths are named in the report) and the list the steps add problems to.
 */
import path from 'node:path';
import type { SiteConfig } from '#site.config';
import type { Position } from '#lib/yaml.ts';
import type { CheckOptions } from './checker.ts';
import type { Problem, Severity } from './problems.ts';

/** The start of a file: where a problem with the whole file is reported. */
export const AT_START: Position = { line: 1, column: 1 };

/** Files read at once: enough to keep the disk busy, far below the usual 1024 descriptor limit. */
export const OPEN_FILES = 64;

/** What the steps of one check share. */
export interface CheckRun {
  /** The content folder. */
  readonly contentDir: string;
  /** The site configuration. */
  readonly config: SiteConfig;
  /** Configured locale codes, default first. */
  readonly locales: readonly [string, ...string[]];
  /** The project's `public/` folder, served at the site's root. */
  readonly publicDir: string;
  /** Every problem reported so far, in the order found. */
  readonly problems: Problem[];
  /** How a path relative to the content folder is named in the report. */
  readonly display: (rel: string) => string;
  /** How an absolute path (a file in `public/`) is named in the report. */
  readonly displayAbsolute: (abs: string) => string;
  /** Adds a problem of the file `rel` (relative to the content folder) at `pos`. */
  readonly report: (rel: string, pos: Position, severity: Severity, field: string, message: string) => void;
}

/** Starts a run of the checker with `options`, with no problem yet. */
export function startRun(options: CheckOptions): CheckRun {
  const { contentDir, config } = options;
  const root = options.displayRoot ?? process.cwd();
  const problems: Problem[] = [];
  const display = (rel: string): string => path.relative(root, path.join(contentDir, rel)).split(path.sep).join('/');
  return {
    contentDir,
    config,
    locales: config.locales.map((l) => l.code) as [string, ...string[]],
    publicDir: options.publicDir ?? path.resolve('public'),
    problems,
    display,
    displayAbsolute: (abs) => path.relative(root, abs).split(path.sep).join('/'),
    report: (rel, pos, severity, field, message) => {
      problems.push({ file: display(rel), line: pos.line, column: pos.column, severity, field, message });
    },
  };
}

/**
 * The same run with a list of problems of its own: one file's problems, kept apart so that a cache
 * (./check-cache.ts) can replay them when the file has not changed.
 */
export function forkRun(run: CheckRun): CheckRun {
  const problems: Problem[] = [];
  return {
    ...run,
    problems,
    report: (rel, pos, severity, field, message) => {
      problems.push({ file: run.display(rel), line: pos.line, column: pos.column, severity, field, message });
    },
  };
}
