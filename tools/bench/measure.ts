/**
 * Reading what a benchmarked build printed: the phase timings `pipeline/build.ts` writes at the end of
 * its step lines, Astro's own log (`BUILD_LOG_LEVEL=info`: stage times and the time of every page), and
 * the resource report of GNU `/usr/bin/time -v`. Pure string handling, so it is unit-testable; the
 * benchmark script does the running.
 */

/** The build's own phases, in seconds (undefined when the line was not printed). */
export interface BuildPhases {
  /** `npm run check`'s work inside the build (on its own thread, beside the other steps). */
  readonly check?: number;
  /** Astro's build (content sync, bundling, every page and image). */
  readonly astro?: number;
  /** A body-only rebuild without Astro: bodies spliced into the last site's files, the rest linked. */
  readonly splice?: number;
  /** Pagefind. */
  readonly index?: number;
  /** Pages Pagefind indexed. */
  readonly indexedPages?: number;
  /** How long the build waited for the check, which runs on a thread of its own beside the rest. */
  readonly checkWait?: number;
}

/** What kind of output a generated route is, for the split of page-generation time. */
export type RouteKind = 'story' | 'share-card' | 'feed' | 'entity' | 'listing' | 'other';

/** Labels of route kinds, for the report. */
export const ROUTE_KIND_LABELS: Readonly<Record<RouteKind, string>> = {
  story: 'story pages',
  'share-card': 'share cards (og.png)',
  feed: 'feeds and calendars',
  entity: 'tag, speaker, organisation, event pages',
  listing: 'home, archive and index pages',
  other: 'redirects, search, 404, robots',
};

/** Count and summed time of one kind of route. */
export interface RouteTotal {
  readonly count: number;
  readonly seconds: number;
}

/** Astro's stages as its info log reports them, in seconds. */
export interface AstroStages {
  /** Content layer sync and type generation (`[types] Generated …`): loading, validating, rendering Markdown. */
  readonly sync?: number;
  /** Vite bundling (the sum of `[vite] ✓ built in …`). */
  readonly vite?: number;
  /** Generating every static route (`generating static routes … ✓ Completed in …`). */
  readonly routes?: number;
  /** Optimising images (`generating optimized images … ✓ Completed in …`). */
  readonly images?: number;
  /** Image files Astro wrote in that phase: encoded now, or copied from its cache (`reused cache entry`). */
  readonly imageFiles?: { readonly encoded: number; readonly reused: number };
  /** Astro's total (`N page(s) built in …`). */
  readonly total?: number;
  /** Time per kind of route, summed from each route's `(+12ms)`. */
  readonly routeKinds: Readonly<Record<RouteKind, RouteTotal>>;
}

/** What `/usr/bin/time -v` reports about the process tree. */
export interface ResourceUsage {
  /** User CPU seconds of the process and every child it waited for. */
  readonly user: number;
  /** System CPU seconds, likewise. */
  readonly system: number;
  /** Maximum resident set size of the largest single process, in KiB. */
  readonly maxRssKiB: number;
  /** The exit status of the command. */
  readonly exitStatus?: number;
}

/** Median, minimum and maximum of a series. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

// Colour codes, in case a terminal-like environment made Astro colour its log.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** A duration as Astro's `getTimeStat` prints it (`850ms`, `12.34s`, `2m 5s`), in seconds. */
export function parseAstroDuration(text: string): number | undefined {
  const match = /^(?:(\d+)m\s*(\d+(?:\.\d+)?)s|(\d+(?:\.\d+)?)ms|(\d+(?:\.\d+)?)s)$/.exec(text.trim());
  if (!match) return undefined;
  const [, minutes, minuteSeconds, ms, seconds] = match;
  if (minutes !== undefined) return Number(minutes) * 60 + Number(minuteSeconds);
  if (ms !== undefined) return Number(ms) / 1000;
  return Number(seconds);
}

/** The phase timings of `pipeline/build.ts`'s step lines (`✔ content check: … (1.23 s)`). */
export function parseBuildPhases(log: string): BuildPhases {
  const text = log.replace(ANSI, '');
  const seconds = (pattern: RegExp): number | undefined => {
    const value = pattern.exec(text)?.[1];
    return value === undefined ? undefined : Number(value);
  };
  const indexed = /^✔ search index: (\d+) pages/m.exec(text)?.[1];
  return {
    ...optional('check', seconds(/^✔ content check: .*\((\d+(?:\.\d+)?) s\)\s*$/m)),
    ...optional('astro', seconds(/^✔ astro build \((\d+(?:\.\d+)?) s\)/m)),
    ...optional('splice', seconds(/^✔ bodies spliced, without Astro \((\d+(?:\.\d+)?) s\)/m)),
    ...optional('index', seconds(/^✔ search index: \d+ pages \((\d+(?:\.\d+)?) s\)/m)),
    ...optional('indexedPages', indexed === undefined ? undefined : Number(indexed)),
    ...optional('checkWait', seconds(/^ {2}\(checked on a thread of its own; the build waited (\d+(?:\.\d+)?) s/m)),
  };
}

/** `{ [key]: value }`, or nothing when the value is undefined (optional properties stay absent). */
function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** The kind of a generated route, from its output path (`/en/2024/slug/og.png`). */
export function routeKind(route: string): RouteKind {
  if (/\/\d{4}\/[^/]+\/og\.png$/.test(route)) return 'share-card';
  if (/\.(?:xml|json|ics)$/.test(route)) return 'feed';
  if (/^\/[a-z]{2}(?:-[A-Za-z]+)?\/\d{4}\/[^/]+\/index\.html$/.test(route)) return 'story';
  if (/^\/[a-z]{2}(?:-[A-Za-z]+)?\/(?:tags|speakers|organisations|events)\//.test(route)) return 'entity';
  if (/^\/(?:[a-z]{2}(?:-[A-Za-z]+)?\/)?(?:index\.html|page\/|archive\/)/.test(route)) return 'listing';
  return 'other';
}

/** Astro's stages and the time per kind of route, from its info log. */
export function parseAstroLog(log: string): AstroStages {
  const lines = log.replace(ANSI, '').split(/\r?\n/);
  const routeKinds: Record<RouteKind, { count: number; seconds: number }> = {
    story: { count: 0, seconds: 0 },
    'share-card': { count: 0, seconds: 0 },
    feed: { count: 0, seconds: 0 },
    entity: { count: 0, seconds: 0 },
    listing: { count: 0, seconds: 0 },
    other: { count: 0, seconds: 0 },
  };
  let sync: number | undefined;
  let vite: number | undefined;
  let routes: number | undefined;
  let images: number | undefined;
  let total: number | undefined;
  let section: 'routes' | 'images' | undefined;
  const imageFiles = { encoded: 0, reused: 0 };
  for (const line of lines) {
    if (/generating static routes/.test(line)) section = 'routes';
    else if (/generating optimized images/.test(line)) section = 'images';
    const route = /[├└]─ (\S+) \(\+([^)]+)\)/.exec(line);
    if (route?.[1] !== undefined && section === 'routes') {
      const kind = routeKinds[routeKind(route[1])];
      kind.count++;
      kind.seconds += parseAstroDuration(route[2] ?? '') ?? 0;
      continue;
    }
    // `▶ /_astro/photo.Hash.webp (before: 2400kB, after: 120kB) (+1.2s) (3/40)`, or `(reused cache entry)`.
    if (section === 'images' && line.includes('▶ ')) {
      if (line.includes('(reused cache entry)')) imageFiles.reused++;
      else if (line.includes('(before:')) imageFiles.encoded++;
      continue;
    }
    const generated = /\[types\] Generated (.+?)\s*$/.exec(line)?.[1];
    if (generated !== undefined) sync = parseAstroDuration(generated);
    const built = /\[vite\] ✓ built in (.+?)\s*$/.exec(line)?.[1];
    if (built !== undefined) vite = (vite ?? 0) + (parseAstroDuration(built) ?? 0);
    // Long stages read `2m 5s`, hence everything up to the final full stop.
    const completed = /^\S*\s*✓ Completed in (.+?)\.?\s*$/.exec(line)?.[1];
    if (completed !== undefined && !line.includes('[build]') && section !== undefined) {
      if (section === 'routes') routes = parseAstroDuration(completed);
      else images = parseAstroDuration(completed);
      section = undefined;
    }
    const pages = /\[build\] \d+ page\(s\) built in (.+?)\s*$/.exec(line)?.[1];
    if (pages !== undefined) total = parseAstroDuration(pages);
  }
  return {
    ...optional('sync', sync),
    ...optional('vite', vite),
    ...optional('routes', routes),
    ...optional('images', images),
    ...(images === undefined ? {} : { imageFiles }),
    ...optional('total', total),
    routeKinds,
  };
}

/** The figures of a GNU `time -v` report, or undefined if it is not one. */
export function parseTimeReport(report: string): ResourceUsage | undefined {
  const value = (label: string): number | undefined => {
    const match = new RegExp(`^\\s*${label}:\\s*([\\d.]+)\\s*$`, 'm').exec(report);
    return match?.[1] === undefined ? undefined : Number(match[1]);
  };
  const user = value('User time \\(seconds\\)');
  const system = value('System time \\(seconds\\)');
  const maxRssKiB = value('Maximum resident set size \\(kbytes\\)');
  if (user === undefined || system === undefined || maxRssKiB === undefined) return undefined;
  const exitStatus = value('Exit status');
  return { user, system, maxRssKiB, ...(exitStatus === undefined ? {} : { exitStatus }) };
}

/** Median (mean of the middle two for an even count), minimum and maximum; undefined for no values. */
export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

/** A plain-text table: the first row is the header, numbers are right-aligned. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = (cell: string): boolean => /^(?:[-+]?[\d.,]+(?: \(\d+ %\))?|[\d.]+–[\d.]+|–)$/.test(cell);
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (numeric(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
