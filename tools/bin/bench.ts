#!/usr/bin/env node
// `npm run bench`: generates a synthetic archive of N stories (tools/bench/corpus.ts) in a temporary
// folder, runs the real production build (pipeline/build.ts) on it cold, warm and after a one-story
// edit, and reports per phase: wall and CPU time, peak memory, pages written, where Astro spends its
// time (from its own log), optionally as a ratio of a stock Astro site building an equivalent corpus.
import { spawn } from 'node:child_process';
import {
  access,
  constants,
  cp,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusFiles, corpusStats, DEFAULT_SEED, editArticle, editTarget, planCorpus } from '#tools/bench/corpus.ts';
import {
  formatTable,
  parseAstroLog,
  parseBuildPhases,
  parseTimeReport,
  ROUTE_KIND_LABELS,
  spread,
  type AstroStages,
  type BuildPhases,
  type RouteKind,
  type Spread,
} from '#tools/bench/measure.ts';
import { parseCommandLine, usageError as exitWithUsageError } from '#tools/lib/cli.ts';

const HELP = `Usage: npm run bench -- --stories N [options]

Generates a deterministic synthetic archive of N stories (our content contract, ~85 % bilingual) in a
temporary folder, builds it with the production build (node pipeline/build.ts: content check, Astro,
Pagefind) and reports wall time, CPU time, peak memory and pages per phase.

  --stories N        number of stories (required)
  --runs R           repetitions of each mode (default 3); medians, minima and maxima are reported
  --mode M           cold | warm | edit | all (default all: each run is cold, then warm, then edit)
                       cold: the cache folder (ASTRO_CACHE_DIR) removed before the build
                       warm: the same build again with the cache kept
                       edit: one story's body changed, then built with the cache
  --seed S           seed of the corpus (default ${DEFAULT_SEED})
  --json FILE        also write every figure as JSON to FILE
  --keep             keep the temporary folder (corpus, site, cache, logs) and print its path
  --anchor DIR       also build a stock Astro anchor site (DIR: its astro/ folder, after npm ci) on a
                     corpus of N stories from its own generator (DIR/../gen-corpus.mjs), cold, with
                     ASTRO_MD=unified, and print our times as a ratio of its
  --no-time          measure CPU and memory by sampling /proc instead of /usr/bin/time -v
  --help             show this help`;

/** Prints a usage error and exits 2. */
function usageError(message: string): never {
  return exitWithUsageError('bench', message);
}

const { values } = parseCommandLine('bench', HELP, () =>
  parseArgs({
    allowPositionals: false,
    options: {
      stories: { type: 'string' },
      runs: { type: 'string', default: '3' },
      mode: { type: 'string', default: 'all' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      anchor: { type: 'string' },
      'no-time': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }),
);

/** A positive integer option, or a usage error. */
function positiveInteger(name: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < 1) usageError(`--${name} needs a positive integer`);
  return value;
}

type Mode = 'cold' | 'warm' | 'edit';
const MODES: readonly Mode[] = ['cold', 'warm', 'edit'];
const stories = positiveInteger('stories', values.stories);
const runs = positiveInteger('runs', values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) usageError('--seed needs an integer');
if (values.mode !== 'all' && !MODES.includes(values.mode as Mode)) usageError('--mode must be cold, warm, edit or all');
const modes: readonly Mode[] = values.mode === 'all' ? MODES : [values.mode as Mode];

const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;
const TIME = '/usr/bin/time';
const useTime =
  !values['no-time'] &&
  (await access(TIME, constants.X_OK).then(
    () => true,
    () => false,
  ));
if (!useTime && process.platform !== 'linux') {
  console.warn('bench: neither /usr/bin/time nor /proc: CPU time and peak memory are not measured.');
}

// npm runs scripts in the project folder; paths on the command line are meant from where it was typed.
const invokedFrom = process.env['INIT_CWD'] ?? process.cwd();
const anchorDir = values.anchor === undefined ? undefined : path.resolve(invokedFrom, values.anchor);
const anchorGenerator = anchorDir === undefined ? undefined : path.join(anchorDir, '..', 'gen-corpus.mjs');
if (anchorDir !== undefined && anchorGenerator !== undefined) {
  for (const needed of [path.join(anchorDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), anchorGenerator]) {
    if (!(await stat(needed).catch(() => undefined))) {
      usageError(`--anchor: ${needed} is missing (DIR is the anchor's astro/ folder, after its own npm ci)`);
    }
  }
}

const work = await mkdtemp(path.join(os.tmpdir(), 'news-archive-bench-'));
// Removed however the script ends (done, failed, interrupted): a large archive's folder is gigabytes.
process.on('exit', () => {
  if (values.keep) console.log(`Kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
const contentDir = path.join(work, 'content');
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');
const logDir = path.join(work, 'logs');
await mkdir(logDir);
// The build runs in a snapshot of the project, not in the checkout: Astro writes its prerender chunks to
// the project's .astro/ folder, so two builds in one checkout at once (tests, another bench) break each
// other. The code is copied; dependencies are linked one by one, so Vite's node_modules/.vite cache is
// the snapshot's own.
const buildRoot = path.join(work, 'project');
for (const entry of ['src', 'pipeline', 'tools', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
  await cp(path.join(root, entry), path.join(buildRoot, entry), { recursive: true });
}
await mkdir(path.join(buildRoot, 'node_modules'));
for (const name of await readdir(path.join(root, 'node_modules'))) {
  if (['.astro', '.vite', '.cache'].includes(name)) continue;
  await symlink(path.join(root, 'node_modules', name), path.join(buildRoot, 'node_modules', name));
}

let child: ReturnType<typeof spawn> | undefined;
process.on('SIGINT', () => {
  child?.kill('SIGINT');
  process.exit(130);
});

/** Seconds with one decimal. */
const s1 = (seconds: number | undefined): string => (seconds === undefined ? '–' : seconds.toFixed(1));
/** A whole number with thousands separators. */
const int = (n: number | undefined): string => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));

// ---------------------------------------------------------------------------------------------------
// The corpus

console.log(`Generating ${int(stories)} stories (seed ${seed}) in ${work}/content …`);
const generateStarted = performance.now();
const plan = planCorpus({ stories, seed });
const stats = corpusStats(plan);
let corpusBytes = 0;
let corpusFileCount = 0;
const madeDirs = new Set<string>();
for (const file of corpusFiles(plan)) {
  const target = path.join(contentDir, file.path);
  const dir = path.dirname(target);
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  await writeFile(target, file.text);
  corpusBytes += Buffer.byteLength(file.text);
  corpusFileCount++;
}
const generateSeconds = (performance.now() - generateStarted) / 1000;
const pct = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(0)} %`;
console.log(
  `  ${int(corpusFileCount)} files, ${(corpusBytes / 1e6).toFixed(1)} MB in ${generateSeconds.toFixed(1)} s: ` +
    `${int(stats.articleFiles)} article files, ${pct(stats.bilingual, stats.stories)} bilingual ` +
    `(${int(stats.shapes['zh-original'])} Chinese originals), ${int(stats.shapes['en-only'])} en-only, ` +
    `${int(stats.shapes['zh-only'])} zh-only; ${int(stats.registries.speakers)} speakers, ` +
    `${int(stats.registries.organisations)} organisations, ${int(stats.registries.events)} events, ` +
    `${int(stats.registries.tags)} tags; ${stats.firstYear}–${stats.lastYear}`,
);

// ---------------------------------------------------------------------------------------------------
// Measuring one build

/** CPU and memory of a finished command. */
interface Usage {
  /** User + system CPU seconds of the whole process tree. */
  readonly cpu?: number;
  /** Peak resident memory of the largest process, MiB. */
  readonly maxRssMiB?: number;
  /** How it was measured. */
  readonly via: 'time -v' | '/proc sampling' | 'none';
}

/** One measured build. */
interface BuildResult {
  readonly mode: Mode | 'anchor';
  readonly run: number;
  readonly wall: number;
  readonly usage: Usage;
  readonly phases: BuildPhases;
  readonly astro: AstroStages;
  /** `.html` files in the output. */
  readonly pages: number;
  /** Generated share cards (`og.png`) in the output. */
  readonly shareCards: number;
  /** Every file in the output. */
  readonly files: number;
  readonly pagesPerSecond: number;
  /** The machine's 1-minute load average when the build ended: above the CPU count, others were busy. */
  readonly load: number;
}

/** Counts the output: HTML pages, share cards, all files. */
async function countOutput(dir: string): Promise<{ pages: number; shareCards: number; files: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let pages = 0;
  let shareCards = 0;
  let files = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith('.html')) pages++;
    else if (entry.name === 'og.png') shareCards++;
  }
  return { pages, shareCards, files };
}

/**
 * Samples a process tree in /proc every 200 ms (the fallback without GNU time): the largest VmHWM
 * (peak resident memory) of any process, and CPU as the root's own and reaped children's ticks plus
 * its live descendants'. Misses at most the last 200 ms and short-lived grandchildren.
 */
function sampleTree(rootPid: number): () => Promise<Usage> {
  const tick = 100; // USER_HZ, 100 on every Linux architecture node runs on
  let maxHwmKiB = 0;
  let maxCpuTicks = 0;
  let busy = false;
  const sample = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const parents = new Map<number, number>();
      const times = new Map<number, { own: number; children: number }>();
      for (const name of await readdir('/proc').catch(() => [])) {
        if (!/^\d+$/.test(name)) continue;
        const text = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
        // Fields after the parenthesised command name: state ppid … utime(14) stime cutime cstime.
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(name), Number(fields[1]));
        times.set(Number(name), {
          own: Number(fields[11]) + Number(fields[12]),
          children: Number(fields[13]) + Number(fields[14]),
        });
      }
      const tree = [rootPid];
      for (let i = 0; i < tree.length; i++) {
        for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
      }
      let cpu = times.get(rootPid)?.children ?? 0;
      for (const pid of tree) {
        cpu += times.get(pid)?.own ?? 0;
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
        if (hwm !== undefined) maxHwmKiB = Math.max(maxHwmKiB, Number(hwm));
      }
      maxCpuTicks = Math.max(maxCpuTicks, cpu);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), 200);
  void sample();
  return () => {
    clearInterval(timer);
    return Promise.resolve({ cpu: maxCpuTicks / tick, maxRssMiB: maxHwmKiB / 1024, via: '/proc sampling' });
  };
}

/** Runs a command with its output in `logFile`, measuring wall time, CPU and peak memory. */
async function measure(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Promise<{ wall: number; usage: Usage; log: string }> {
  const timeFile = `${options.logFile}.time`;
  const log = await open(options.logFile, 'w');
  const started = performance.now();
  const [file, argv] = useTime ? [TIME, ['-v', '-o', timeFile, command, ...args]] : [command, [...args]];
  const running = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', log.fd, log.fd] });
  child = running;
  const stopSampling = !useTime && process.platform === 'linux' && running.pid ? sampleTree(running.pid) : undefined;
  const code = await new Promise<number | null>((resolve, reject) => {
    running.on('error', reject);
    running.on('close', resolve);
  });
  const wall = (performance.now() - started) / 1000;
  child = undefined;
  await log.close();
  const sampled = await stopSampling?.();
  const text = await readFile(options.logFile, 'utf8');
  if (code !== 0) {
    const tail = text.trimEnd().split('\n').slice(-20).join('\n');
    throw new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}:\n${tail}`);
  }
  let usage: Usage = sampled ?? { via: 'none' };
  if (useTime) {
    const report = parseTimeReport(await readFile(timeFile, 'utf8'));
    if (report) usage = { cpu: report.user + report.system, maxRssMiB: report.maxRssKiB / 1024, via: 'time -v' };
  }
  return { wall, usage, log: text };
}

/** Runs the production build on the corpus and gathers every figure. */
async function ourBuild(mode: Mode, run: number): Promise<BuildResult> {
  const { wall, usage, log } = await measure(node, ['pipeline/build.ts'], {
    cwd: buildRoot,
    env: {
      ...process.env,
      CONTENT_DIR: contentDir,
      OUT_DIR: outDir,
      ASTRO_CACHE_DIR: cacheDir,
      BUILD_LOG_LEVEL: 'info',
    },
    logFile: path.join(logDir, `${mode}-${run}.log`),
  });
  const output = await countOutput(outDir);
  return {
    mode,
    run,
    wall,
    usage,
    phases: parseBuildPhases(log),
    astro: parseAstroLog(log),
    ...output,
    pagesPerSecond: output.pages / wall,
    load: os.loadavg()[0] ?? 0,
  };
}

/** One line about a finished build, printed as the benchmark goes. */
function progress(result: BuildResult): void {
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

// ---------------------------------------------------------------------------------------------------
// The runs

const results: BuildResult[] = [];
const target = editTarget(plan);
let edits = 0;
/** Changes the body of the one story the edit mode edits. */
async function editOneStory(): Promise<void> {
  const file = path.join(contentDir, target);
  await writeFile(file, editArticle(await readFile(file, 'utf8'), ++edits));
}

const startLoad = os.loadavg();
try {
  console.log(`Building with node pipeline/build.ts (modes: ${modes.join(', ')}; ${runs} run(s)) …`);
  if (!modes.includes('cold')) {
    // Warm and edit builds need a filled cache: one cold build first, not counted.
    await rm(cacheDir, { recursive: true, force: true });
    const prime = await ourBuild('cold', 0);
    console.log(`  (priming cold build, not counted: ${s1(prime.wall)} s)`);
  }
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      if (mode === 'cold') await rm(cacheDir, { recursive: true, force: true });
      if (mode === 'edit') await editOneStory();
      const result = await ourBuild(mode, run);
      results.push(result);
      progress(result);
    }
  }

  const anchorResults: BuildResult[] = [];
  let anchorCorpus: string | undefined;
  if (anchorDir !== undefined && anchorGenerator !== undefined) {
    const corpusOut = path.join(work, 'anchor-corpus');
    const anchorOut = path.join(work, 'anchor-dist');
    const generated = await measure(node, [anchorGenerator, '--stories', String(stories), '--out', corpusOut], {
      cwd: anchorDir,
      env: process.env,
      logFile: path.join(logDir, 'anchor-corpus.log'),
    });
    anchorCorpus = generated.log.trim();
    console.log(`Anchor corpus: ${anchorCorpus}`);
    for (let run = 1; run <= runs; run++) {
      // Cold, as the anchor's README measures: its generated types, cache and output removed.
      for (const dir of ['.astro', 'node_modules/.astro', 'dist']) {
        await rm(path.join(anchorDir, dir), { recursive: true, force: true });
      }
      await rm(anchorOut, { recursive: true, force: true });
      const { wall, usage, log } = await measure(node, ['node_modules/astro/bin/astro.mjs', 'build'], {
        cwd: anchorDir,
        env: {
          ...process.env,
          CORPUS: path.relative(anchorDir, path.join(corpusOut, 'content')),
          ASTRO_MD: 'unified',
          OUT_DIR: anchorOut,
        },
        logFile: path.join(logDir, `anchor-${run}.log`),
      });
      const output = await countOutput(anchorOut);
      const result: BuildResult = {
        mode: 'anchor',
        run,
        wall,
        usage,
        phases: {},
        astro: parseAstroLog(log),
        ...output,
        pagesPerSecond: output.pages / wall,
        load: os.loadavg()[0] ?? 0,
      };
      anchorResults.push(result);
      progress(result);
    }
  }

  // -------------------------------------------------------------------------------------------------
  // The report

  /** The spread of one figure over the builds of a mode. */
  const over = (list: readonly BuildResult[], figure: (r: BuildResult) => number | undefined): Spread | undefined =>
    spread(list.flatMap((r) => figure(r) ?? []));
  const byMode = (mode: Mode | 'anchor'): BuildResult[] =>
    (mode === 'anchor' ? anchorResults : results).filter((r) => r.mode === mode);
  const rest = (r: BuildResult): number | undefined =>
    r.phases.check === undefined || r.phases.astro === undefined || r.phases.index === undefined
      ? undefined
      : r.wall - r.phases.check - r.phases.astro - r.phases.index;
  const figures = {
    wall: (r: BuildResult) => r.wall,
    check: (r: BuildResult) => r.phases.check,
    astro: (r: BuildResult) => r.phases.astro,
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
  type Figure = keyof typeof figures;
  const summaryOf = (list: readonly BuildResult[]): Partial<Record<Figure, Spread>> =>
    Object.fromEntries(
      (Object.keys(figures) as Figure[]).flatMap((name) => {
        const value = over(list, figures[name]);
        return value ? [[name, value]] : [];
      }),
    );
  const measuredModes = modes.filter((m) => byMode(m).length > 0);
  const summaries = Object.fromEntries(measuredModes.map((m) => [m, summaryOf(byMode(m))])) as Partial<
    Record<Mode, Partial<Record<Figure, Spread>>>
  >;
  const anchorSummary = anchorResults.length > 0 ? summaryOf(anchorResults) : undefined;

  const median = (mode: Mode | 'anchor', figure: Figure): number | undefined =>
    (mode === 'anchor' ? anchorSummary : summaries[mode])?.[figure]?.median;
  const range = (mode: Mode, figure: Figure): string => {
    const value = summaries[mode]?.[figure];
    return value ? `${s1(value.min)}–${s1(value.max)}` : '–';
  };

  console.log('');
  console.log(
    `Results: ${int(stories)} stories, ${int(stats.articleFiles)} article files; medians of ${runs} run(s); ` +
      `${os.cpus().length} CPUs, Node ${process.versions.node}; CPU and memory via ${results[0]?.usage.via ?? 'none'}`,
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
    mode === 'anchor'
      ? (() => {
          const w = anchorSummary?.wall;
          return w ? `${s1(w.min)}–${s1(w.max)}` : '–';
        })()
      : range(mode, 'wall'),
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
    ['content check (pipeline/build.ts)', 'check'],
    ['Astro: content sync (load, validate, render Markdown)', 'contentSync'],
    ['Astro: Vite bundling', 'vite'],
    ['Astro: generating static routes', 'routes'],
    ...(Object.entries(ROUTE_KIND_LABELS) as [RouteKind, string][]).map(([kind, label]): [string, Figure] => [
      `  ${label}`,
      `routes:${kind}`,
    ]),
    ['Astro: optimising images', 'images'],
    ['Astro: set-up, integrations (sitemap, aliases), rest', 'astroRest'],
    ['search index (Pagefind)', 'index'],
    ['start-up and swap (the rest)', 'rest'],
    ['wall', 'wall'],
  ];
  const first = (mode: Mode): BuildResult | undefined => byMode(mode)[0];
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
          ? `${label} ×${int(first(measuredModes[0] ?? 'cold')?.astro.routeKinds[figure.slice(7) as RouteKind].count)}`
          : label,
        ...measuredModes.map((m) => `${s1(median(m, figure))}${figure === 'wall' ? '' : share(m, figure)}`),
      ]),
    ]),
  );

  let ratio: { wall?: number; cpu?: number } | undefined;
  if (anchorSummary) {
    const ours = summaries.cold;
    ratio = {
      ...(ours?.wall && anchorSummary.wall ? { wall: ours.wall.median / anchorSummary.wall.median } : {}),
      ...(ours?.cpu && anchorSummary.cpu ? { cpu: ours.cpu.median / anchorSummary.cpu.median } : {}),
    };
    console.log('');
    console.log(
      `Anchor: our cold build takes ${ratio.wall?.toFixed(2) ?? '–'}× the stock Astro build's wall time ` +
        `(${ratio.cpu?.toFixed(2) ?? '–'}× its CPU time) for ${int(stories)} stories` +
        (ours ? '' : ' (no cold run of ours to compare)'),
    );
  }

  if (values.json !== undefined) {
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
        node: process.versions.node,
        platform: `${process.platform} ${os.release()}`,
        loadAverageAtStart: startLoad,
        loadAverageAtEnd: os.loadavg(),
        measuredWith: results[0]?.usage.via ?? 'none',
      },
      options: { stories, runs, modes, seed },
      corpus: { ...stats, files: corpusFileCount, bytes: corpusBytes, seconds: generateSeconds, editedFile: target },
      builds: results,
      summary: summaries,
      ...(anchorSummary
        ? { anchor: { corpus: anchorCorpus, builds: anchorResults, summary: anchorSummary, ratio } }
        : {}),
    };
    // Milliseconds are plenty: round the floating-point noise away.
    const rounded = (_key: string, value: unknown) =>
      typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
    await writeFile(path.resolve(invokedFrom, values.json), `${JSON.stringify(report, rounded, 2)}\n`);
    console.log(`\nJSON written to ${values.json}`);
  }
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
