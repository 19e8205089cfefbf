// Publishing a built site (pipeline/publish.ts): the output becomes a link swapped in one
// rename, a real dist/ folder is migrated once, leftovers of a killed build are removed, a staging
// folder on another filesystem is copied first (EXDEV injected), a filesystem without links gets a
// two-step replacement, a mount point is refused, and the lock refuses a live holder and takes over
// a dead one. The kill test is tests/integration/publish-kill.test.ts.
import { spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  outputPaths,
  prepareOutput,
  PublishError,
  publishSite,
  stagingFor,
  type PublishStep,
} from '#pipeline/publish.ts';

let work: string;
let out: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-publish-'));
  out = path.join(work, 'dist');
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Writes `{ file: content }` into the staging folder of `out`. */
async function stage(files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(outputPaths(out).staging, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** The names in `work`, sorted. */
async function beside(): Promise<string[]> {
  return (await readdir(work)).sort();
}

/** A Node.js system error with `code`. */
const systemError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

describe('publishSite', () => {
  it('publishes the staging folder as a link to a version folder, and swaps it for the next one', async () => {
    await stage({ 'index.html': 'one', 'en/index.html': 'one en' });
    const first = await publishSite(out);
    expect(first).toMatchObject({ copied: false, atomic: true });
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    // Relative, so the checkout can move.
    expect(await readlink(out)).toBe(path.join('dist.versions', path.basename(first.version)));
    expect(await readFile(path.join(out, 'en/index.html'), 'utf8')).toBe('one en');
    expect(await beside()).toEqual(['dist', 'dist.versions']);

    await stage({ 'index.html': 'two' });
    const second = await publishSite(out);
    expect(second.version).not.toBe(first.version);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('two');
    await expect(lstat(path.join(out, 'en'))).rejects.toThrow();
    // The previous version is gone; only the published one is left.
    expect(await readdir(outputPaths(out).versions)).toEqual([path.basename(second.version)]);
    expect(await beside()).toEqual(['dist', 'dist.versions']);
  });

  it('replaces the output only by renaming a link over it once the new version is complete', async () => {
    await stage({ 'index.html': 'one' });
    await publishSite(out);
    await stage({ 'index.html': 'two' });
    const seen: string[] = [];
    await publishSite(out, {
      onStep: async (step: PublishStep) => {
        // At every step before the swap the old site is served, after it the new one.
        seen.push(`${step}:${await readFile(path.join(out, 'index.html'), 'utf8')}`);
      },
    });
    expect(seen).toEqual(['stored:one', 'linked:one', 'swapped:two', 'cleaned:two']);
  });

  it('moves a real dist/ folder left by an older build aside once, and replaces it', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'index.html'), 'old real folder');
    await stage({ 'index.html': 'new' });
    const steps: string[] = [];
    await publishSite(out, { onStep: (step) => void steps.push(step) });
    expect(steps).toEqual(['stored', 'linked', 'moved-old', 'swapped', 'cleaned']);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(await readdir(outputPaths(out).versions)).toHaveLength(1);
  });

  it('replaces a link the user made to somewhere else without touching its target', async () => {
    const elsewhere = path.join(work, 'www');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'index.html'), 'their site');
    await symlink(elsewhere, out);
    await stage({ 'index.html': 'new' });
    await publishSite(out);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(await readFile(path.join(elsewhere, 'index.html'), 'utf8')).toBe('their site');
  });

  it('copies the staging folder beside the versions first when it is on another filesystem (EXDEV)', async () => {
    await stage({ 'index.html': 'copied', 'a/b/c.txt': 'deep' });
    const { staging } = outputPaths(out);
    const calls: string[] = [];
    const result = await publishSite(out, {
      fs: {
        rename: async (from, to) => {
          calls.push(`${path.basename(from)} -> ${path.basename(to)}`);
          if (from === staging) throw systemError('EXDEV');
          await rename(from, to);
        },
      },
    });
    expect(result.copied).toBe(true);
    const name = path.basename(result.version);
    // Copied under a name no link points to, then renamed on the target filesystem.
    expect(calls.slice(0, 2)).toEqual([`dist.building -> ${name}`, `${name}.partial -> ${name}`]);
    expect(await readFile(path.join(out, 'a/b/c.txt'), 'utf8')).toBe('deep');
    expect(await beside()).toEqual(['dist', 'dist.versions']);
    expect(await readdir(outputPaths(out).versions)).toEqual([name]);
  });

  it('on a filesystem without links, replaces a real folder in two renames and says so', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'index.html'), 'old');
    await stage({ 'index.html': 'new' });
    const result = await publishSite(out, { fs: { symlink: () => Promise.reject(systemError('EPERM')) } });
    expect(result).toMatchObject({ atomic: false, version: path.resolve(out) });
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('new');
    expect(await beside()).toEqual(['dist']);
  });

  it('refuses an output folder that cannot be moved (a mount point) in one line, leaving it as it was', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'index.html'), 'mounted');
    await stage({ 'index.html': 'new' });
    const publishing = publishSite(out, {
      fs: {
        rename: async (from, to) => {
          if (from === path.resolve(out)) throw systemError('EBUSY');
          await rename(from, to);
        },
      },
    });
    await expect(publishing).rejects.toThrow(PublishError);
    await expect(publishing).rejects.toThrow(
      /dist\/ cannot be moved aside \(EBUSY: a mount point, or in use\).*set OUT_DIR to a folder inside it/,
    );
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('mounted');
    await prepareOutput(out);
    expect(await beside()).toEqual(['dist']);
  });
});

describe('stagingFor', () => {
  const project = '/home/me/archive';
  /** Two filesystems: the project's, and /mnt's. */
  const device = (target: string) => Promise.resolve(target.startsWith('/mnt') ? 2 : 1);

  it('stages beside the output when Astro can rename into it: inside the project, or on its filesystem', async () => {
    expect(await stagingFor('/home/me/archive/dist', project, device)).toBe('/home/me/archive/dist.building');
    expect(await stagingFor('/home/me/site', project, device)).toBe('/home/me/site.building');
  });

  it('stages inside the project, under one name per output, when the output is on another filesystem', async () => {
    const staging = await stagingFor('/mnt/www/site', project, device);
    expect(staging).toMatch(/^\/home\/me\/archive\/node_modules\/\.cache\/news-archive\/staging\/site-[0-9a-f]{12}$/);
    expect(await stagingFor('/mnt/www/site', project, device)).toBe(staging);
    expect(await stagingFor('/mnt/other/site', project, device)).not.toBe(staging);
  });

  it('publishes and cleans a staging folder kept inside the project', async () => {
    const staging = path.join(work, 'project/node_modules/.cache/news-archive/staging/dist-0123456789ab');
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'index.html'), 'from the project');
    await publishSite(out, { staging });
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('from the project');
    await expect(lstat(staging)).rejects.toThrow();
    await mkdir(path.join(staging, 'en'), { recursive: true });
    await prepareOutput(out, { staging });
    await expect(lstat(staging)).rejects.toThrow();
  });
});

describe('prepareOutput', () => {
  it('removes the version a build kept beside the published one, in the background when asked', async () => {
    await stage({ 'index.html': 'one' });
    const first = await publishSite(out);
    await stage({ 'index.html': 'two' });
    const second = await publishSite(out, { keepPrevious: true });
    const { versions } = outputPaths(out);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('two');
    expect((await readdir(versions)).sort()).toEqual(
      [first.version, second.version].map((v) => path.basename(v)).sort(),
    );
    const prepared = await prepareOutput(out, { background: true });
    await prepared.removed;
    expect(await readdir(versions)).toEqual([path.basename(second.version)]);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('two');
  });

  it('removes what a killed build left: staging, temporary link, half copies, unpublished versions', async () => {
    await stage({ 'index.html': 'published' });
    const { version } = await publishSite(out);
    const { versions, staging, next } = outputPaths(out);
    await mkdir(path.join(versions, '20990101-000000-000.partial/en'), { recursive: true });
    await mkdir(path.join(versions, '20990101-000000-001'));
    await mkdir(path.join(staging, 'en'), { recursive: true });
    await symlink(path.join('dist.versions', '20990101-000000-001'), next);
    await prepareOutput(out);
    expect(await beside()).toEqual(['dist', 'dist.versions']);
    expect(await readdir(versions)).toEqual([path.basename(version)]);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('published');
  });

  it('restores a real dist/ folder that a build killed mid-migration left in dist.versions/previous', async () => {
    const { versions, previous } = outputPaths(out);
    await mkdir(previous, { recursive: true });
    await writeFile(path.join(previous, 'index.html'), 'old real folder');
    await mkdir(path.join(versions, '20990101-000000-000'));
    await prepareOutput(out);
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('old real folder');
    expect(await beside()).toEqual(['dist']);
  });

  it('leaves a previous real dist/ folder exactly as it is (only publishing replaces it)', async () => {
    await mkdir(out);
    await writeFile(path.join(out, 'index.html'), 'previous site');
    await prepareOutput(out);
    expect((await lstat(out)).isDirectory()).toBe(true);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
  });

  it('does not bring back versions of a dist/ link the user deleted', async () => {
    await stage({ 'index.html': 'one' });
    await publishSite(out);
    await rm(out);
    await prepareOutput(out);
    expect(await beside()).toEqual([]);
  });
});

/** Runs `fn` with a live process that is not this one, then stops it. */
async function withOtherProcess(fn: (pid: number) => Promise<void>): Promise<void> {
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => other.on('exit', resolve));
  try {
    await fn(other.pid ?? 0);
  } finally {
    other.kill('SIGKILL');
    await exited;
  }
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const other = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => other.on('exit', resolve));
  return other.pid ?? 0;
}

describe('acquireLock', () => {
  it('creates <out>.lock with this pid and removes it on release', async () => {
    const lock = acquireLock(out);
    expect((await readFile(outputPaths(out).lock, 'utf8')).split('\n')[0]).toBe(String(process.pid));
    lock.release();
    lock.release();
    expect(await beside()).toEqual([]);
  });

  it('creates the folder that will hold the output if it does not exist yet', async () => {
    out = path.join(work, 'a/b/dist');
    acquireLock(out).release();
    expect(await readdir(path.join(work, 'a/b'))).toEqual([]);
  });

  it('refuses while another live process holds the lock, naming it, in one line', async () => {
    await withOtherProcess(async (pid) => {
      await writeFile(outputPaths(out).lock, `${pid}\n\n`);
      let error: unknown;
      try {
        acquireLock(out);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PublishError);
      expect((error as Error).message).toBe(
        `another build is writing ${path.resolve(out)}/ (pid ${pid}); wait for it or stop it`,
      );
    });
  });

  it('takes over a lock whose process is dead, or that records this very pid (a reused pid)', async () => {
    const { lock } = outputPaths(out);
    await writeFile(lock, `${await deadPid()}\n\n`);
    acquireLock(out).release();
    await writeFile(lock, `${process.pid}\n\n`);
    acquireLock(out).release();
    expect(await beside()).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid now belongs to a newer process', async () => {
    await withOtherProcess(async (pid) => {
      // Same pid, but the holder recorded another start time: the pid was reused.
      await writeFile(outputPaths(out).lock, `${pid}\n1\n`);
      acquireLock(out).release();
    });
  });

  it('does not remove a lock that another process took after this one lost it', async () => {
    const lock = acquireLock(out);
    await withOtherProcess(async (pid) => {
      await writeFile(outputPaths(out).lock, `${pid}\n\n`);
      lock.release();
      expect(await readFile(outputPaths(out).lock, 'utf8')).toBe(`${pid}\n\n`);
    });
  });
});
