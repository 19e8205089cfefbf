// The checker and the build read YAML the same way (src/loaders/read-entry.ts), built for real on a
// copy of the fixture site: a value the checker accepts builds as the checker read it (an unquoted
// `title: 2024-04-30` used to become a Date in the build and fail it); a file the checker refuses
// stops `npm run build` at the check, and `astro build` alone (no checker) at the loader, with one
// line naming the file, line and column, and no stack trace.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { root, runAstroBuild, runBuild, type BuildResult } from './build-site.ts';

// Each test runs a real build, and builds wait for each other's lock.
vi.setConfig({ testTimeout: 300_000 });

let work: string;
let content: string;
const STORY = 'articles/2024/green-patents-pilot/en.md';

/** Replaces the story's title line. */
async function setTitle(line: string): Promise<void> {
  const file = path.join(content, STORY);
  await writeFile(file, (await readFile(file, 'utf8')).replace(/^title: .*$/m, line));
}

/** Everything a build printed. */
const printed = (build: BuildResult): string => `${build.stdout}\n${build.stderr}`;

/** The environment of a build of the work folder. */
const env = (): Record<string, string> => ({ CONTENT_DIR: content, OUT_DIR: path.join(work, 'dist') });

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-yaml-'));
  content = path.join(work, 'content');
  await cp(path.join(root, 'tests/fixtures/site/content'), content, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a date-like title', () => {
  it('is text for the checker and for the build: the site builds with it', async () => {
    await setTitle('title: 2024-04-30');
    const build = await runBuild(env());
    expect(build.status, printed(build)).toBe(0);
    const page = await readFile(path.join(work, 'dist/en/2024/green-patents-pilot/index.html'), 'utf8');
    expect(page).toMatch(/<h1[^>]*>2024-04-30<\/h1>/);
  });
});

describe('a YAML tag', () => {
  it('stops npm run build at the checker, with file, line and column', async () => {
    await setTitle('title: !!js/function "function () { return 1 }"');
    const build = await runBuild(env());
    expect(build.status).toBe(1);
    expect(printed(build)).toContain(
      `${STORY}:2:8  error  (yaml)  YAML tags such as !!js/function are not allowed: write plain text, lists and maps`,
    );
    expect(printed(build)).not.toMatch(/^\s+at /m);
    expect(existsSync(path.join(work, 'dist'))).toBe(false);
  });
});

describe('an indented opening "---"', () => {
  it('stops astro build alone (no checker) at the articles loader, in one line, and nothing else', async () => {
    const file = path.join(content, STORY);
    await writeFile(file, `  ${await readFile(file, 'utf8')}`);
    const build = await runAstroBuild(env());
    expect(build.status).not.toBe(0);
    expect(printed(build)).toContain(
      `${STORY}:1:1 the opening "---" must start at the very beginning of line 1: remove the spaces before it\n`,
    );
    // Not buried under one "pool was closed" error per article still queued, nor under a stack trace.
    expect(printed(build)).not.toMatch(/pool was closed|^\s+at |Stack trace/m);
    expect(existsSync(path.join(work, 'dist/en/2024/green-patents-pilot/index.html'))).toBe(false);
  });
});

describe('a YAML merge key in a registry file', () => {
  it('stops astro build alone (no checker) at the loader, in one line, without a stack trace', async () => {
    const speaker = path.join(content, 'speakers/an-ning.yaml');
    await writeFile(speaker, `base: &base\n  en: An Ning\n${await readFile(speaker, 'utf8')}extra:\n  <<: *base\n`);
    const build = await runAstroBuild(env());
    expect(build.status).not.toBe(0);
    expect(printed(build)).toMatch(
      /speakers\/an-ning\.yaml:\d+:3 YAML merge keys \(<<: \*name\) are not supported: write the fields out\n/,
    );
    expect(printed(build)).not.toMatch(/^\s+at |Stack trace/m);
    expect(existsSync(path.join(work, 'dist/en/speakers/an-ning/index.html'))).toBe(false);
  });
});
