/**
 * Runs the real production build (`pipeline/build.ts`) for integration tests. Astro writes generated
 * modules into the project's `.astro/` folder, so two builds at once would race: builds take a lock
 * (an atomic `mkdir`) and run one at a time, each with its own cache directory.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

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

/** Runs `fn` while holding the build lock; a lock left by a dead process is taken over. */
export async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(await readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => '0'));
      if (owner > 0 && !alive(owner)) await rm(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
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
// A built OUT_DIR is a link into `<OUT_DIR>.versions/` (pipeline/publish.ts): tests remove their
// OUT_DIR, and the versions folder beside it goes when the test file ends.
afterAll(async () => {
  for (const out of outputs) await rm(`${out}.versions`, { recursive: true, force: true });
});

/** Runs `npm run build`'s script with extra environment variables (CONTENT_DIR, OUT_DIR, BASE_PATH...). */
export function runBuild(env: Record<string, string>): Promise<BuildResult> {
  if (env['OUT_DIR']) outputs.add(path.resolve(env['OUT_DIR']));
  return runNode([path.join(root, 'pipeline/build.ts')], env);
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
