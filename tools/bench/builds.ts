/**
 * The builds `npm run bench` measures: the production build (`node pipeline/build.ts`) on the corpus
 * in its modes (cold, warm, after a one-story edit), and optionally a stock Astro anchor site on a
 * corpus from its own generator. Each build yields one `BuildResult`, reported as it finishes.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { editArticle } from './corpus.ts';
import { parseAstroLog, parseBuildPhases, type AstroStages, type BuildPhases } from './measure.ts';
import { countOutput, type Runner, type Usage } from './runner.ts';
import type { Workspace } from './workspace.ts';

/** How a build of ours runs: without a cache, with it, or with it after a one-story edit. */
export type Mode = 'cold' | 'warm' | 'edit';
/** Every mode, in the order a run goes through them. */
export const MODES: readonly Mode[] = ['cold', 'warm', 'edit'];

/** One measured build. */
export interface BuildResult {
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

/** What the builds run with. */
export interface BuildSetup {
  /** Runs and measures each build. */
  readonly runner: Runner;
  /** The run's folders. */
  readonly workspace: Workspace;
  /** The Node.js binary the builds run on (the benchmark's own). */
  readonly node: string;
}

/** Runs the production build on the corpus and gathers every figure. */
async function ourBuild(setup: BuildSetup, mode: Mode, run: number): Promise<BuildResult> {
  const { contentDir, outDir, cacheDir, logDir, buildRoot } = setup.workspace;
  const { wall, usage, log } = await setup.runner.measure(setup.node, ['pipeline/build.ts'], {
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

/**
 * Builds the corpus `runs` times in each of `modes` (cold removes the cache, edit first changes the
 * body of `editedFile`), after one uncounted cold build when no mode fills the cache itself.
 */
export async function runOurBuilds(
  setup: BuildSetup,
  options: {
    readonly modes: readonly Mode[];
    readonly runs: number;
    readonly editedFile: string;
    readonly onResult: (result: BuildResult) => void;
  },
): Promise<BuildResult[]> {
  const { modes, runs } = options;
  const { cacheDir, contentDir } = setup.workspace;
  const results: BuildResult[] = [];
  let edits = 0;
  /** Changes the body of the one story the edit mode edits. */
  const editOneStory = async (): Promise<void> => {
    const file = path.join(contentDir, options.editedFile);
    await writeFile(file, editArticle(await readFile(file, 'utf8'), ++edits));
  };
  console.log(`Building with node pipeline/build.ts (modes: ${modes.join(', ')}; ${runs} run(s)) …`);
  if (!modes.includes('cold')) {
    // Warm and edit builds need a filled cache: one cold build first, not counted.
    await rm(cacheDir, { recursive: true, force: true });
    const prime = await ourBuild(setup, 'cold', 0);
    console.log(`  (priming cold build, not counted: ${prime.wall.toFixed(1)} s)`);
  }
  for (let run = 1; run <= runs; run++) {
    for (const mode of modes) {
      if (mode === 'cold') await rm(cacheDir, { recursive: true, force: true });
      if (mode === 'edit') await editOneStory();
      const result = await ourBuild(setup, mode, run);
      results.push(result);
      options.onResult(result);
    }
  }
  return results;
}

/**
 * Generates the anchor's corpus of `stories` stories with its own generator, then builds the stock
 * Astro anchor site `runs` times, cold, as its README measures: generated types, cache and output
 * removed first. Returns what the generator printed and the builds.
 */
export async function runAnchorBuilds(
  setup: BuildSetup,
  options: {
    readonly anchorDir: string;
    readonly generator: string;
    readonly stories: number;
    readonly runs: number;
    readonly onResult: (result: BuildResult) => void;
  },
): Promise<{ corpus: string; results: BuildResult[] }> {
  const { anchorDir, runs } = options;
  const { work, logDir } = setup.workspace;
  const corpusOut = path.join(work, 'anchor-corpus');
  const anchorOut = path.join(work, 'anchor-dist');
  const generated = await setup.runner.measure(
    setup.node,
    [options.generator, '--stories', String(options.stories), '--out', corpusOut],
    { cwd: anchorDir, env: process.env, logFile: path.join(logDir, 'anchor-corpus.log') },
  );
  const corpus = generated.log.trim();
  console.log(`Anchor corpus: ${corpus}`);
  const results: BuildResult[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const dir of ['.astro', 'node_modules/.astro', 'dist']) {
      await rm(path.join(anchorDir, dir), { recursive: true, force: true });
    }
    await rm(anchorOut, { recursive: true, force: true });
    const { wall, usage, log } = await setup.runner.measure(setup.node, ['node_modules/astro/bin/astro.mjs', 'build'], {
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
    results.push(result);
    options.onResult(result);
  }
  return { corpus, results };
}
