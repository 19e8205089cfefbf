/**
 * Runs the real production build (`pipeline/build.ts`) for integration and browser tests. Astro
 * writes generated modules into the project's `.astro/` folder, so two builds at once would race:
 * builds take a lock (an atomic `mkdir`) and run one at a time, each with its own cache directory.
 *
 * Most test files only read a build of the same inputs (the fixture site, the sample): `sharedBuild`
 * builds each distinct set of inputs once per Vitest run, into the run's folder from
 * tests/global-setup.ts, and hands the same `dist/` to every file that asks, in any worker process.
 * Hand-written rather than a library: the memo is a folder per inputs' hash behind the same kind of
 * `mkdir` lock, and no package shares files between Vitest's worker processes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, inject } from 'vitest';

/** The project root. */
export const root = path.resolve(import.meta.dirname, '../..');
const lockDir = path.join(root, 'node_modules', '.cache', 'news-archive-build.lock');

/** Whether the process that wrote a lock is still running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` while holding the lock folder `dir`; a lock left by a dead process is taken over. */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(path.join(dir, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(await readFile(path.join(dir, 'pid'), 'utf8').catch(() => '0'));
      if (owner > 0 && !alive(owner)) await rm(dir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` while holding the build lock; a lock left by a dead process is taken over. */
export function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  return withLock(lockDir, fn);
}

/**
 * The environment a build gets: ours, without what Vitest sets for itself. Astro reads
 * `import.meta.env` values from the process environment, so Vitest's `BASE_URL=/` would override
 * the base path of a sub-path build, and `NODE_ENV=test` is not a production build.
 */
export function buildEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST'].includes(key) || key.startsWith('VITEST')) {
      delete env[key];
    }
  }
  return env;
}

/** What a build printed and how it ended. */
export interface BuildResult {
  /** Exit code. */
  readonly status: number | null;
  /** Standard output. */
  readonly stdout: string;
  /** Standard error. */
  readonly stderr: string;
}

/** Output folders built by the current test file. */
const outputs = new Set<string>();
/** Shared builds the current test file used, with their fingerprint when it got them. */
const sharedUsed = new Map<string, string>();
/** The current test file's own folder of shared builds, when no global set-up provided one. */
let privateSharedDir: string | undefined;
afterAll(async () => {
  // A built OUT_DIR is a link into `<OUT_DIR>.versions/` (pipeline/publish.ts): tests remove their
  // OUT_DIR, and the versions folder beside it goes when the test file ends.
  for (const out of outputs) await rm(`${out}.versions`, { recursive: true, force: true });
  // Other files read the shared builds after this one: fail the file that left one changed.
  const changed: string[] = [];
  for (const [out, before] of sharedUsed) if ((await fingerprint(out)) !== before) changed.push(out);
  if (privateSharedDir) await rm(privateSharedDir, { recursive: true, force: true });
  if (changed.length > 0) {
    throw new Error(
      `a shared build changed while this test file used it: ${changed.join(', ')}. ` +
        'Tests that write into a build must make their own with runBuild.',
    );
  }
});

/** Runs `npm run build`'s script with extra environment variables (CONTENT_DIR, OUT_DIR, BASE_PATH...). */
export function runBuild(env: Record<string, string>): Promise<BuildResult> {
  if (env['OUT_DIR']) outputs.add(path.resolve(env['OUT_DIR']));
  return runNode([path.join(root, 'pipeline/build.ts')], env);
}

/** A build shared read-only by the test files of a run: where it is and how it ended. */
export interface SharedBuild {
  /** The built site (`OUT_DIR`): read it, never write into it. */
  readonly out: string;
  /** What the build printed and how it ended (the same for every file that shares it). */
  readonly build: BuildResult;
}

/**
 * Sizes and modification times of every entry under `dir` (or the one stamp of a missing `dir`),
 * hashed: what changes when a file is written, added, removed or renamed. Links are not followed.
 */
async function fingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined) return 'missing';
  hash.update(real);
  const names = (await readdir(real, { recursive: true })).sort();
  for (const name of names) {
    const info = await lstat(path.join(real, name));
    hash.update(`\n${name}\t${info.mode}\t${info.size}\t${info.mtimeMs}`);
  }
  return hash.digest('hex');
}

/**
 * The production build of `env` (CONTENT_DIR, BASE_PATH, SITE_URL, TZ…; no OUT_DIR), built once per
 * Vitest run and shared by every test file that asks for the same inputs: the key is a hash of
 * `env`, the content folder's path and its files' sizes and times, so a test that changes its
 * content gets a new build. The first file to ask builds it under a lock in the run's folder
 * (tests/global-setup.ts), the others wait and read the same `dist/` and the same output; a failed
 * build is shared too. Only for tests that read the site: a test that writes into `out`, or builds
 * twice to compare, uses `runBuild` with its own folder. Each file checks when it ends that the
 * builds it used were left as they were. Run without the global set-up (another config), the file
 * builds into a folder of its own, removed when it ends.
 */
export async function sharedBuild(env: Record<string, string>): Promise<SharedBuild> {
  if ('OUT_DIR' in env) throw new Error('sharedBuild chooses OUT_DIR itself; use runBuild for a build of your own');
  const provided = inject('sharedBuilds') as string | undefined;
  const dir = provided ?? (privateSharedDir ??= await mkdtemp(path.join(tmpdir(), 'news-archive-shared-builds-')));
  const content = path.resolve(root, env['CONTENT_DIR'] ?? process.env['CONTENT_DIR'] ?? 'content');
  const inputs = JSON.stringify([Object.entries(env).sort(), content, await fingerprint(content)]);
  const key = createHash('sha256').update(inputs).digest('hex').slice(0, 16);
  const out = path.join(dir, key, 'dist');
  const done = path.join(dir, key, 'build.json');
  const shared = await withLock(path.join(dir, `${key}.lock`), async () => {
    const found = await readFile(done, 'utf8').catch(() => undefined);
    if (found !== undefined) return JSON.parse(found) as { build: BuildResult; fingerprint: string };
    await mkdir(path.dirname(out), { recursive: true });
    // Not runBuild: its versions folder must outlive this test file.
    const build = await runNode([path.join(root, 'pipeline/build.ts')], { ...env, OUT_DIR: out });
    const made = { build, fingerprint: await fingerprint(out) };
    await writeFile(done, JSON.stringify(made));
    return made;
  });
  if ((await fingerprint(out)) !== shared.fingerprint) {
    throw new Error(`the shared build ${out} was changed by an earlier test file: see its failure`);
  }
  sharedUsed.set(out, shared.fingerprint);
  return { out, build: shared.build };
}

/**
 * Runs `astro build` alone, without the content check that `npm run build` runs first: for tests
 * proving that the build's own guards hold when the checker is skipped.
 */
export function runAstroBuild(env: Record<string, string>): Promise<BuildResult> {
  return runNode([path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], env);
}

/** Runs Node with `args` in the project root under the build lock, with a fresh cache directory. */
export function runNode(args: readonly string[], env: Record<string, string>): Promise<BuildResult> {
  return withBuildLock(async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'news-archive-cache-'));
    try {
      return await new Promise<BuildResult>((resolve, reject) => {
        const child = spawn(process.execPath, args, {
          cwd: root,
          env: { ...buildEnvironment(), GITHUB_ACTIONS: '', ASTRO_CACHE_DIR: cache, ...env },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
}
