#!/usr/bin/env node
// `npm run bench`: generates a synthetic archive of N stories (tools/bench/corpus.ts) in a temporary
// folder, runs the real production build (pipeline/build.ts) on it cold, warm and after a one-story
// edit, and reports per phase: wall and CPU time, peak memory, pages written, where Astro spends its
// time (from its own log), optionally as a ratio of a stock Astro site building an equivalent corpus.
// The work is in tools/bench/: workspace.ts (folders, project snapshot, corpus on disk), builds.ts
// (the measured builds), runner.ts (measuring one command), report.ts (the tables and the JSON).
import { rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  MODES,
  runAnchorBuilds,
  runOurBuilds,
  type BuildResult,
  type BuildSetup,
  type Mode,
} from '#tools/bench/builds.ts';
import { corpusStats, DEFAULT_SEED, editTarget, planCorpus } from '#tools/bench/corpus.ts';
import {
  corpusLine,
  int,
  measuredWith,
  printReport,
  progress,
  summarise,
  writeJsonReport,
} from '#tools/bench/report.ts';
import { createRunner, gnuTimeAvailable } from '#tools/bench/runner.ts';
import { createWorkspace, prepareWorkspace, writeCorpus } from '#tools/bench/workspace.ts';
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
  --no-images        a corpus without pictures (by default a third of stories have a 1–3 MB camera
                     JPEG cover, a tenth one to three body images, a quarter of those PNG diagrams)
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
      'no-images': { type: 'boolean', default: false },
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

const stories = positiveInteger('stories', values.stories);
const runs = positiveInteger('runs', values.runs);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) usageError('--seed needs an integer');
if (values.mode !== 'all' && !MODES.includes(values.mode as Mode)) usageError('--mode must be cold, warm, edit or all');
const modes: readonly Mode[] = values.mode === 'all' ? MODES : [values.mode as Mode];

const useTime = !values['no-time'] && (await gnuTimeAvailable());
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

const workspace = await createWorkspace();
const { work } = workspace;
// Removed however the script ends (done, failed, interrupted): a large archive's folder is gigabytes.
process.on('exit', () => {
  if (values.keep) console.log(`Kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
await prepareWorkspace(workspace);
const runner = createRunner(useTime);
process.on('SIGINT', () => {
  runner.interrupt();
  process.exit(130);
});
const setup: BuildSetup = { runner, workspace, node: process.execPath };

console.log(`Generating ${int(stories)} stories (seed ${seed}) in ${work}/content …`);
const generateStarted = performance.now();
const plan = planCorpus({ stories, seed, images: !values['no-images'] });
const stats = corpusStats(plan);
const written = await writeCorpus(plan, workspace.contentDir);
const generateSeconds = (performance.now() - generateStarted) / 1000;
console.log(corpusLine(stats, written.files, written.bytes, generateSeconds));

const startLoad = os.loadavg();
const editedFile = editTarget(plan);
try {
  const results = await runOurBuilds(setup, { modes, runs, editedFile, onResult: progress });
  let anchor: { corpus: string; results: BuildResult[] } | undefined;
  if (anchorDir !== undefined && anchorGenerator !== undefined) {
    anchor = await runAnchorBuilds(setup, { anchorDir, generator: anchorGenerator, stories, runs, onResult: progress });
  }
  const summary = summarise(modes, results, anchor?.results ?? []);
  printReport(summary, results, { stories, articleFiles: stats.articleFiles, runs, pictures: stats.images });
  if (values.json !== undefined) {
    await writeJsonReport(path.resolve(invokedFrom, values.json), {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
        node: process.versions.node,
        platform: `${process.platform} ${os.release()}`,
        loadAverageAtStart: startLoad,
        loadAverageAtEnd: os.loadavg(),
        measuredWith: measuredWith(results),
      },
      options: { stories, runs, modes, seed },
      corpus: { ...stats, files: written.files, bytes: written.bytes, seconds: generateSeconds, editedFile },
      builds: results,
      summary: summary.modes,
      ...(anchor && summary.anchor
        ? {
            anchor: { corpus: anchor.corpus, builds: anchor.results, summary: summary.anchor, ratio: summary.ratio },
          }
        : {}),
    });
    console.log(`\nJSON written to ${values.json}`);
  }
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
