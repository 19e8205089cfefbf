// Hostile files in content/, built for real: a link named cover.png pointing at a secret, a cover
// outside the content folder, a linked story folder. `npm run build` stops at the checker with the
// file's name; `astro build` alone (no checker) is stopped by the build's own guards. Neither ever
// prints a line of the secret.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { root, runAstroBuild, runBuild, type BuildResult } from './build-site.ts';

// Each test runs a real build, and builds wait for each other's lock.
vi.setConfig({ testTimeout: 300_000 });

const SECRET = 'root:x:0:0:SECRET-LINE-FROM-OUTSIDE:/root:/bin/bash';
let work: string;
let content: string;
const story = (...parts: string[]): string => path.join(content, 'articles/2024/forum-photo-report', ...parts);

/** Points the English version's cover at `src`. */
async function setCover(src: string): Promise<void> {
  const text = await readFile(story('en.md'), 'utf8');
  await writeFile(story('en.md'), text.replace('src: ./cover.png', `src: ${src}`));
}

/** Everything a build printed. */
const printed = (build: BuildResult): string => `${build.stdout}\n${build.stderr}`;

/** The environment of a build of the work folder. */
const env = (): Record<string, string> => ({ CONTENT_DIR: content, OUT_DIR: path.join(work, 'dist') });

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-hostile-'));
  content = path.join(work, 'content');
  await cp(path.join(root, 'tests/fixtures/site/content'), content, { recursive: true });
  await writeFile(path.join(work, 'secret.png'), `${SECRET}\n`);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a cover that is a link to a secret', () => {
  beforeEach(async () => {
    await rm(story('cover.png'));
    await symlink(path.join(work, 'secret.png'), story('cover.png'));
  });

  it('stops npm run build at the checker, naming the link, without quoting the target', async () => {
    const build = await runBuild(env());
    expect(build.status).toBe(1);
    expect(printed(build)).toContain(
      'articles/2024/forum-photo-report/cover.png:1:1  error  (file)  this is a symbolic link',
    );
    expect(printed(build)).not.toContain('SECRET-LINE');
    expect(existsSync(path.join(work, 'dist'))).toBe(false);
  });

  it('stops astro build alone (no checker) without quoting the target', async () => {
    const build = await runAstroBuild(env());
    expect(build.status).not.toBe(0);
    expect(printed(build)).toMatch(/symbolic link|outside the content folder/);
    expect(printed(build)).not.toContain('SECRET-LINE');
  });
});

describe('a cover outside the content folder', () => {
  it('is refused by astro build alone (no checker), and nothing is published', async () => {
    await cp(story('stage.png'), path.join(work, 'outside.png'));
    await setCover('../../../../outside.png');
    const build = await runAstroBuild(env());
    expect(build.status).not.toBe(0);
    expect(printed(build)).toContain('names an image outside the content folder');
    expect(existsSync(path.join(work, 'dist/en/2024/forum-photo-report/index.html'))).toBe(false);
  });
});

describe('a linked story folder', () => {
  it('is refused by astro build alone (no checker): the loader does not follow it', async () => {
    const elsewhere = path.join(work, 'elsewhere');
    await cp(story(), elsewhere, { recursive: true });
    await symlink(elsewhere, path.join(content, 'articles/2024/linked-story'));
    const build = await runAstroBuild(env());
    expect(build.status).not.toBe(0);
    expect(printed(build)).toContain('linked-story is a symbolic link');
    expect(existsSync(path.join(work, 'dist/en/2024/linked-story/index.html'))).toBe(false);
  });
});
