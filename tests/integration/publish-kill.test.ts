// Kill test for publishing (pipeline/publish.ts): a child process publishes synthetic sites of a
// few hundred files over and over and is killed with SIGKILL at random moments and at every named
// step of the swap. After each kill the output path must be a complete site, the one published
// before or the one being published, never a mix; the next publish takes over the dead lock,
// repairs and removes every leftover. Also: a second build on a locked output refuses in one line.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLock, outputPaths, prepareOutput, publishSite } from '#pipeline/publish.ts';
import { root } from './build-site.ts';
import { writeSite } from './publish-child.ts';

const child = path.join(import.meta.dirname, 'publish-child.ts');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-publish-kill-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A started child process and the lines it has printed so far. */
interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  /** Resolves when a line matching `pattern` has been printed. */
  readonly waitFor: (pattern: RegExp) => Promise<void>;
  /** Kills it with SIGKILL and waits until it is gone (a zombie's pid would still look alive). */
  readonly kill: () => Promise<void>;
}

/** Starts publish-child.ts with `args`. */
function start(args: string[]): Child {
  const proc = spawn(process.execPath, [child, ...args], { stdio: 'pipe' });
  const lines: string[] = [];
  let buffered = '';
  let stderr = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  proc.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of [...waiting]) {
      if (lines.some((line) => w.pattern.test(line))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    process: proc,
    lines,
    waitFor: (pattern) =>
      lines.some((line) => pattern.test(line))
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiting.push({ pattern, resolve })),
            exited.then(() => {
              throw new Error(`publish-child exited before printing ${pattern}: ${stderr}`);
            }),
          ]),
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Asserts that `out` resolves to one complete synthetic site and returns its version. */
async function completeSite(out: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as {
    version: string;
    files: string[];
  };
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  const present = entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(out, path.join(e.parentPath, e.name)))
    .filter((file) => file !== 'manifest.json');
  expect(present.sort()).toEqual([...manifest.files].sort());
  expect(manifest.files).toContain('index.html');
  const contents = await Promise.all(manifest.files.map((file) => readFile(path.join(out, file), 'utf8')));
  const wrong = manifest.files.filter((file, i) => !contents[i]?.includes(`${manifest.version} ${file}`));
  expect(wrong).toEqual([]);
  return manifest.version;
}

/** The entries beside `out` in its folder, and inside `<out>.versions`. */
async function siblings(out: string): Promise<{ beside: string[]; versions: string[] }> {
  const beside = (await readdir(path.dirname(out))).filter((name) => name.startsWith(path.basename(out))).sort();
  const versions = await readdir(outputPaths(out).versions).catch(() => []);
  return { beside, versions: versions.sort() };
}

/** The next build's part: takes over the dead lock, repairs, publishes `version`; nothing else is left. */
async function publishAfterKill(out: string, version: string): Promise<void> {
  const name = path.basename(out);
  const lock = acquireLock(out);
  await prepareOutput(out);
  const state = await lstat(out).catch(() => undefined);
  const linkedTo = state?.isSymbolicLink() ? [path.basename(await readlink(out))] : [];
  const prepared = await siblings(out);
  expect(prepared.beside).toEqual([
    ...(state ? [name] : []),
    `${name}.lock`,
    ...linkedTo.map(() => `${name}.versions`),
  ]);
  expect(prepared.versions).toEqual(linkedTo);
  await writeSite(outputPaths(out).staging, version, 100);
  await publishSite(out);
  lock.release();
  expect(await completeSite(out)).toBe(version);
  expect((await lstat(out)).isSymbolicLink()).toBe(true);
  const after = await siblings(out);
  expect(after.beside).toEqual([name, `${name}.versions`]);
  expect(after.versions).toEqual([path.basename(await readlink(out))]);
}

/**
 * Runs a child publishing into `out`, kills it (at `pauseAt`, or after `delay` ms), and checks the
 * output: the last site published before the kill, or the one being published, complete.
 */
async function killOnce(out: string, before: string, options: { delay?: number; pauseAt?: string; exdev?: boolean }) {
  const args = [out, 'loop', ...(options.pauseAt ? ['--pause-at', options.pauseAt] : [])];
  const proc = start(options.exdev ? [...args, '--exdev'] : args);
  await proc.waitFor(options.pauseAt ? new RegExp(`^at ${options.pauseAt}$`) : /^ready$/);
  if (options.delay !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delay));
  await proc.kill();
  const published = proc.lines.filter((l) => l.startsWith('published ')).map((l) => l.slice(10));
  const started = proc.lines.filter((l) => l.startsWith('publishing ')).map((l) => l.slice(11));
  const old = published.at(-1) ?? before;
  const candidates = [old, ...(started.at(-1) === published.at(-1) ? [] : started.slice(-1))];
  const found = await completeSite(out);
  expect(candidates).toContain(found);
  return proc;
}

describe('publishing killed with SIGKILL', () => {
  it('always leaves a complete old or new site, and the next publish cleans up', { timeout: 60_000 }, async () => {
    const out = path.join(work, 'site');
    await publishAfterKill(out, 'initial');
    let current = 'initial';
    const steps = ['prepared', 'stored', 'linked', 'swapped', 'cleaned'];
    const runs: { delay?: number; pauseAt?: string; exdev?: boolean }[] = [
      ...steps.map((pauseAt) => ({ pauseAt })),
      { pauseAt: 'copying', exdev: true },
      { pauseAt: 'stored', exdev: true },
      { pauseAt: 'linked', exdev: true },
      // Random moments: writing the staging folder, moving it, swapping, removing the old version.
      ...Array.from({ length: 24 }, (_, i) => ({ delay: Math.floor(Math.random() * 250), exdev: i % 4 === 3 })),
    ];
    for (const [i, run] of runs.entries()) {
      await killOnce(out, current, run);
      current = `repaired-${i}`;
      await publishAfterKill(out, current);
    }
  });

  it('while a real dist/ folder is moved aside once, leaves the old site findable; the next build restores it', async () => {
    const out = path.join(work, 'migrating');
    for (const pauseAt of ['linked', 'swapped', 'moved-old']) {
      await rm(out, { recursive: true, force: true });
      await rm(outputPaths(out).versions, { recursive: true, force: true });
      await writeSite(out, 'real-folder', 300);
      if (pauseAt !== 'moved-old') {
        // Before the move the real folder is still there; after the swap the link is.
        await killOnce(out, 'real-folder', { pauseAt });
      } else {
        // The one moment without dist/: the previous site is complete in dist.versions/previous.
        const proc = start([out, 'loop', '--pause-at', 'moved-old']);
        await proc.waitFor(/^at moved-old$/);
        await proc.kill();
        await expect(lstat(out)).rejects.toThrow();
        expect(await completeSite(outputPaths(out).previous)).toBe('real-folder');
        // The next build puts it back first thing, even if it is killed right after.
        const next = start([out, 'loop', '--pause-at', 'restored']);
        await next.waitFor(/^at restored$/);
        await next.kill();
        expect((await lstat(out)).isDirectory()).toBe(true);
        expect(await completeSite(out)).toBe('real-folder');
      }
      await publishAfterKill(out, `after-${pauseAt}`);
    }
  });
});

describe('the lock', () => {
  it('makes a second build of the same output refuse at once, in one line, and is taken over once its holder dies', async () => {
    const out = path.join(work, 'locked');
    const holder = start([out, 'hold']);
    await holder.waitFor(/^locked$/);
    const line = `another build is writing ${out}/ (pid ${holder.process.pid}); wait for it or stop it`;
    expect(() => acquireLock(out)).toThrow(line);
    const build = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const proc = spawn(process.execPath, [path.join(root, 'pipeline/build.ts')], {
        cwd: root,
        env: { ...process.env, OUT_DIR: out, GITHUB_ACTIONS: '' },
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      proc.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(build.status).toBe(1);
    expect(build.stdout).toBe('');
    expect(build.stderr).toBe(`✖ ${line}\n`);
    await holder.kill();
    const lock = acquireLock(out);
    lock.release();
    expect((await readdir(work)).filter((name) => name.startsWith('locked'))).toEqual([]);
  });
});
