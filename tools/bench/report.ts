/**
 * What `npm run bench` prints and writes: a line per build as it finishes, then medians per mode
 * (wall, phases, CPU, memory, pages), where Astro's time goes, the ratio to the anchor site, and
 * optionally every figure as JSON.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { BuildResult, Mode } from './builds.ts';
import type { CorpusStats } from './corpus.ts';
import { formatTable, ROUTE_KIND_LABELS, spread, type RouteKind, type Spread } from './measure.ts';

/** Seconds with one decimal. */
export const s1 = (seconds: number | undefined): string => (seconds === undefined ? '–' : seconds.toFixed(1));
/** A whole number with thousands separators. */
export const int = (n: number | undefined): string => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
/** A share in whole percent. */
export const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(0)} %`;

/** The line describing a written corpus. */
export function corpusLine(stats: CorpusStats, files: number, bytes: number, seconds: number): string {
  return (
    `  ${int(files)} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s: ` +
    `${int(stats.articleFiles)} article files, ${pct(stats.bilingual, stats.stories)} bilingual ` +
    `(${int(stats.shapes['zh-original'])} Chinese originals), ${int(stats.shapes['en-only'])} en-only, ` +
    `${int(stats.shapes['zh-only'])} zh-only; ${int(stats.registries.speakers)} speakers, ` +
    `${int(stats.registries.organisations)} organisations, ${int(stats.registries.events)} events, ` +
    `${int(stats.registries.tags)} tags; ${stats.firstYear}–${stats.lastYear}; ` +
    (stats.images === 0
      ? 'no pictures'
      : `${int(stats.images)} pictures (${int(stats.withCover)} cover photos, ` +
        `${int(stats.withFigures)} stories with body images, ${int(stats.diagrams)} PNG diagrams)`)
  );
}

/** One line about a finished build, printed as the benchmark goes. */
export function progress(result: BuildResult): void {
  const { phases, usage } = result;
  const cards = result.astro.routeKinds['share-card'];
  console.log(
    `  ${result.mode} #${result.run}: ${s1(result.wall)} s wall, ${s1(usage.cpu)} s CPU, ${int(usage.maxRssMiB)} MiB, ` +
      `load ${result.load.toFixed(1)}; ` +
      (result.mode === 'anchor'
        ? `${int(result.pages)} pages`
        : `check ${s1(phases.check)} s, astro ${s1(phases.astro)} s, index ${s1(phases.index)} s; ` +
          `${int(result.pages)} pages, ${int(cards.count)} share cards in ${s1(cards.seconds)} s`),
  );
}

/** The time of a build outside its three phases (start-up, publishing), when all three are known. */
const rest = (r: BuildResult): number | undefined => {
  // A body-only rebuild's splice stands where Astro's build would.
  const built = r.phases.astro ?? r.phases.splice;
  if (r.phases.check === undefined || built === undefined || r.phases.index === undefined) return undefined;
  // The check runs on its own thread: the build spends only the time it waits for it.
  return r.wall - (r.phases.checkWait ?? r.phases.check) - built - r.phases.index;
};

/** Every figure summarised over the builds of a mode, by name. */
const FIGURES = {
  wall: (r: BuildResult) => r.wall,
  check: (r: BuildResult) => r.phases.check,
  checkWait: (r: BuildResult) => r.phases.checkWait,
  astro: (r: BuildResult) => r.phases.astro,
  splice: (r: BuildResult) => r.phases.splice,
  index: (r: BuildResult) => r.phases.index,
  rest,
  cpu: (r: BuildResult) => r.usage.cpu,
  cpuPerWall: (r: BuildResult) => (r.usage.cpu === undefined ? undefined : r.usage.cpu / r.wall),
  maxRssMiB: (r: BuildResult) => r.usage.maxRssMiB,
  pages: (r: BuildResult) => r.pages,
  shareCards: (r: BuildResult) => r.shareCards,
  pagesPerSecond: (r: BuildResult) => r.pagesPerSecond,
  contentSync: (r: BuildResult) => r.astro.sync,
  vite: (r: BuildResult) => r.astro.vite,
  routes: (r: BuildResult) => r.astro.routes,
  images: (r: BuildResult) => r.astro.images,
  imagesEncoded: (r: BuildResult) => r.astro.imageFiles?.encoded,
  imagesReused: (r: BuildResult) => r.astro.imageFiles?.reused,
  astroRest: (r: BuildResult) => {
    const { sync, vite, routes, images = 0 } = r.astro;
    const total = r.phases.astro;
    return total === undefined || sync === undefined || vite === undefined || routes === undefined
      ? undefined
      : total - sync - vite - routes - images;
  },
  ...(Object.fromEntries(
    (Object.keys(ROUTE_KIND_LABELS) as RouteKind[]).map((kind) => [
      `routes:${kind}`,
      (r: BuildResult) => r.astro.routeKinds[kind].seconds,
    ]),
  ) as Record<`routes:${RouteKind}`, (r: BuildResult) => number>),
};

/** The name of a summarised figure. */
type Figure = keyof typeof FIGURES;

/** Median, minimum and maximum of every figure over some builds. */
export type FigureSummary = Partial<Record<Figure, Spread>>;

/** The summary of every figure over `list`. */
function summaryOf(list: readonly BuildResult[]): FigureSummary {
  return Object.fromEntries(
    (Object.keys(FIGURES) as Figure[]).flatMap((name) => {
      const value = spread(list.flatMap((r) => FIGURES[name](r) ?? []));
      return value ? [[name, value]] : [];
    }),
  );
}

/** What the report summarised, for the JSON. */
export interface Summaries {
  /** Modes that have builds, in the order run. */
  readonly measuredModes: readonly Mode[];
  /** Per mode. */
  readonly modes: Partial<Record<Mode, FigureSummary>>;
  /** The anchor's builds, if any. */
  readonly anchor: FigureSummary | undefined;
  /** Our cold build's wall and CPU time as a multiple of the anchor's. */
  readonly ratio: { wall?: number; cpu?: number } | undefined;
}

/** Summarises the builds of each mode and of the anchor. */
export function summarise(
  modes: readonly Mode[],
  results: readonly BuildResult[],
  anchorResults: readonly BuildResult[],
): Summaries {
  const measuredModes = modes.filter((m) => results.some((r) => r.mode === m));
  const summaries = Object.fromEntries(
    measuredModes.map((m) => [m, summaryOf(results.filter((r) => r.mode === m))]),
  ) as Partial<Record<Mode, FigureSummary>>;
  const anchor = anchorResults.length > 0 ? summaryOf(anchorResults) : undefined;
  let ratio: Summaries['ratio'];
  if (anchor) {
    const ours = summaries.cold;
    ratio = {
      ...(ours?.wall && anchor.wall ? { wall: ours.wall.median / anchor.wall.median } : {}),
      ...(ours?.cpu && anchor.cpu ? { cpu: ours.cpu.median / anchor.cpu.median } : {}),
    };
  }
  return { measuredModes, modes: summaries, anchor, ratio };
}

/** How CPU and memory were measured. */
export function measuredWith(results: readonly BuildResult[]): string {
  return results[0]?.usage.via ?? 'none';
}

/** Prints the tables: medians per mode (and the anchor), where the time goes, the anchor ratio. */
export function printReport(
  summary: Summaries,
  results: readonly BuildResult[],
  context: {
    readonly stories: number;
    readonly articleFiles: number;
    readonly runs: number;
    /** Pictures in the corpus (covers and body images). */
    readonly pictures: number;
  },
): void {
  const { measuredModes, modes: summaries, anchor: anchorSummary, ratio } = summary;
  const firstBuild = results.find((r) => r.mode === (measuredModes[0] ?? 'cold'));
  const median = (mode: Mode | 'anchor', figure: Figure): number | undefined =>
    (mode === 'anchor' ? anchorSummary : summaries[mode])?.[figure]?.median;
  const range = (value: Spread | undefined): string => (value ? `${s1(value.min)}–${s1(value.max)}` : '–');

  console.log('');
  console.log(
    `Results: ${int(context.stories)} stories, ${int(context.articleFiles)} article files; medians of ${context.runs} run(s); ` +
      `${os.cpus().length} CPUs, Node ${process.versions.node}; CPU and memory via ${measuredWith(results)}`,
  );
  console.log('');
  const header = [
    'mode',
    'wall s',
    'min–max',
    'check s',
    'astro s',
    'index s',
    'rest s',
    'CPU s',
    'CPU/wall',
    'peak MiB',
    'pages',
    'og.png',
    'pages/s',
  ];
  const row = (mode: Mode | 'anchor', label: string): string[] => [
    label,
    s1(median(mode, 'wall')),
    range(mode === 'anchor' ? anchorSummary?.wall : summaries[mode]?.wall),
    s1(median(mode, 'check')),
    s1(median(mode, 'astro')),
    s1(median(mode, 'index')),
    s1(median(mode, 'rest')),
    s1(median(mode, 'cpu')),
    median(mode, 'cpuPerWall')?.toFixed(2) ?? '–',
    int(median(mode, 'maxRssMiB')),
    int(median(mode, 'pages')),
    int(median(mode, 'shareCards')),
    s1(median(mode, 'pagesPerSecond')),
  ];
  console.log(
    formatTable([
      header,
      ...measuredModes.map((m) => row(m, m)),
      ...(anchorSummary ? [row('anchor', 'anchor (stock Astro, unified)')] : []),
    ]),
  );

  // Where Astro's time goes, per mode: its stages, and page generation split by kind of route.
  console.log('');
  const stageRows: [string, Figure][] = [
    ['content check (its own thread, beside the steps below)', 'check'],
    ['  of which the build waited for', 'checkWait'],
    ['Astro: content sync (load, validate, render Markdown)', 'contentSync'],
    ['Astro: Vite bundling', 'vite'],
    ['Astro: generating static routes', 'routes'],
    ...(Object.entries(ROUTE_KIND_LABELS) as [RouteKind, string][]).map(([kind, label]): [string, Figure] => [
      `  ${label}`,
      `routes:${kind}`,
    ]),
    ['Astro: optimising images', 'images'],
    ['Astro: set-up, integrations (sitemap, aliases), rest', 'astroRest'],
    ['body splice without Astro, the last site linked (edit)', 'splice'],
    ['search index after the render (Pagefind)', 'index'],
    ['start-up, plan and swap (the rest)', 'rest'],
    ['wall', 'wall'],
  ];
  const share = (mode: Mode, figure: Figure): string => {
    const part = median(mode, figure);
    const whole = median(mode, 'wall');
    return part === undefined || whole === undefined ? '' : ` (${pct(part, whole)})`;
  };
  console.log(
    formatTable([
      ['where the time goes (medians, s)', ...measuredModes],
      ...stageRows.map(([label, figure]) => [
        figure.startsWith('routes:')
          ? `${label} ×${int(firstBuild?.astro.routeKinds[figure.slice(7) as RouteKind].count)}`
          : label,
        ...measuredModes.map((m) => `${s1(median(m, figure))}${figure === 'wall' ? '' : share(m, figure)}`),
      ]),
    ]),
  );

  // The pictures' own phase: time per source picture, and the files encoded or reused from the cache.
  if (context.pictures > 0) {
    console.log('');
    for (const mode of measuredModes) {
      const seconds = median(mode, 'images');
      if (seconds === undefined) continue;
      console.log(
        `Pictures, ${mode}: ${int(context.pictures)} pictures optimised in ${s1(seconds)} s, ` +
          `${((1000 * seconds) / context.pictures).toFixed(0)} ms per picture; ` +
          `${int(median(mode, 'imagesEncoded'))} files encoded, ${int(median(mode, 'imagesReused'))} reused from the cache`,
      );
    }
  }

  if (ratio) {
    console.log('');
    console.log(
      `Anchor: our cold build takes ${ratio.wall?.toFixed(2) ?? '–'}× the stock Astro build's wall time ` +
        `(${ratio.cpu?.toFixed(2) ?? '–'}× its CPU time) for ${int(context.stories)} stories` +
        (summaries.cold ? '' : ' (no cold run of ours to compare)'),
    );
  }
}

/** Writes every figure as JSON, numbers rounded to milliseconds (the floating-point noise away). */
export async function writeJsonReport(file: string, report: Record<string, unknown>): Promise<void> {
  const rounded = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  await writeFile(file, `${JSON.stringify(report, rounded, 2)}\n`);
}
