import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodiesOnlyBuild } from '#integrations/bodies-only.ts';
import {
  linkTree,
  planRebuild,
  snapshotInputs,
  storyDigest,
  type BuildRecord,
  type InputSnapshot,
} from '#pipeline/rebuild.ts';

const settings = { contentDir: 'c', outDir: 'd', cacheDir: 'k', siteUrl: 'https://example.org', basePath: '/' };
const story = (title: string, body: string) => `---\ntitle: ${title}\n---\n${body}`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-rebuild-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A record of a build made from `snapshot`, published in `/site/v1`. */
const recordOf = (snapshot: InputSnapshot): BuildRecord => ({
  format: 1,
  ...snapshot,
  fingerprint: 'f',
  published: '/site/v1',
});

describe('storyDigest', () => {
  it('hashes frontmatter and body apart, and lists the folder files the body names', () => {
    const a = storyDigest(story('A', 'Text ![map](./map.png)\n'), ['map.png', 'photo.jpg']);
    const b = storyDigest(story('A', 'Other text ![map](./map.png)\n'), ['map.png', 'photo.jpg']);
    const c = storyDigest(story('B', 'Text ![map](./map.png)\n'), ['map.png', 'photo.jpg']);
    expect(a.head).toBe(b.head);
    expect(a.body).not.toBe(b.body);
    expect(c.head).not.toBe(a.head);
    expect(a.mentions).toEqual(['map.png']);
  });

  it('treats a file without frontmatter as all head', () => {
    expect(storyDigest('no frontmatter', []).body).toBeUndefined();
  });
});

describe('planRebuild', () => {
  const write = async (rel: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, 'content', rel)), { recursive: true });
    await writeFile(path.join(dir, 'content', rel), text);
  };
  const snapshot = () => snapshotInputs(path.join(dir, 'content'), path.join(dir, 'project'), settings);

  beforeEach(async () => {
    await write('articles/2024/a/en.md', story('A', 'Body.\n'));
    await write('articles/2024/a/photo.jpg', 'jpeg');
    await write('articles/2024/b/zh.md', story('B', '正文。\n'));
    await write('tags/x.yaml', 'label: X\n');
    await mkdir(path.join(dir, 'project/src'), { recursive: true });
    await writeFile(path.join(dir, 'project/src/page.astro'), 'page');
  });

  it('builds in full without a record, or when the published site is not the recorded one', async () => {
    const now = await snapshot();
    expect(planRebuild(undefined, now, '/site/v1').kind).toBe('full');
    expect(planRebuild(recordOf(now), now, '/site/v0')).toMatchObject({ kind: 'full', reason: /published/ });
    expect(planRebuild(recordOf(now), now, undefined).kind).toBe('full');
  });

  it('builds nothing when nothing changed', async () => {
    const now = await snapshot();
    expect(planRebuild(recordOf(now), await snapshot(), '/site/v1')).toEqual({ kind: 'unchanged' });
  });

  it('renders only the changed bodies when only bodies changed', async () => {
    const before = recordOf(await snapshot());
    await write('articles/2024/a/en.md', story('A', 'Body, corrected.\n'));
    expect(planRebuild(before, await snapshot(), '/site/v1')).toEqual({
      kind: 'bodies',
      files: ['articles/2024/a/en.md'],
    });
  });

  it('builds in full for a frontmatter edit, a registry edit, a new file, a new image in a body, or a code change', async () => {
    const cases: [() => Promise<void>, RegExp][] = [
      [() => write('articles/2024/b/zh.md', story('B2', '正文。\n')), /zh\.md changed beyond its body/],
      [() => write('tags/x.yaml', 'label: Y\n'), /tags\/x\.yaml changed/],
      [() => write('articles/2024/c/en.md', story('C', 'New.\n')), /added, removed or renamed/],
      [() => write('articles/2024/a/en.md', story('A', 'Body. ![p](./photo.jpg)\n')), /other files of its folder/],
      [() => writeFile(path.join(dir, 'project/src/page.astro'), 'page 2'), /code or the settings/],
    ];
    for (const [change, reason] of cases) {
      const before = recordOf(await snapshot());
      await change();
      expect(planRebuild(before, await snapshot(), '/site/v1')).toMatchObject({ kind: 'full', reason });
    }
  });

  it('with a memo of digests, gives the same snapshot and still sees an edit whose modification time was set back', async () => {
    const memo = path.join(dir, 'memo', 'input-digests.json');
    const content = path.join(dir, 'content');
    const project = path.join(dir, 'project');
    const plain = await snapshot();
    const first = await snapshotInputs(content, project, settings, memo);
    expect(first).toEqual(plain);
    expect(await snapshotInputs(content, project, settings, memo)).toEqual(plain);
    // Same size, same modification time: only the change time tells the edit apart.
    const file = path.join(content, 'articles/2024/a/en.md');
    const { atime, mtime } = await stat(file);
    await writeFile(file, story('A', 'Body!\n'));
    await utimes(file, atime, mtime);
    expect(planRebuild(recordOf(first), await snapshotInputs(content, project, settings, memo), '/site/v1')).toEqual({
      kind: 'bodies',
      files: ['articles/2024/a/en.md'],
    });
  });

  it('names a pipe or a link in the content without reading it (the plan is made before the check)', async () => {
    const before = recordOf(await snapshot());
    // A pipe with no writer: a plain read of it would wait forever.
    execFileSync('mkfifo', [path.join(dir, 'content/articles/2024/a/clip.mp4')]);
    await symlink('/etc/hostname', path.join(dir, 'content/tags/y.yaml'));
    const now = await snapshot();
    expect(Object.keys(now.files)).toEqual(expect.arrayContaining(['articles/2024/a/clip.mp4', 'tags/y.yaml']));
    expect(planRebuild(before, now, '/site/v1')).toMatchObject({ kind: 'full', reason: /added, removed or renamed/ });
  });

  it('builds in full when a build setting changes', async () => {
    const before = recordOf(await snapshot());
    const now = await snapshotInputs(path.join(dir, 'content'), path.join(dir, 'project'), {
      ...settings,
      basePath: '/p/',
    });
    expect(planRebuild(before, now, '/site/v1')).toMatchObject({ kind: 'full', reason: /settings/ });
  });
});

describe('linkTree', () => {
  it('links the previous files in beside the rendered ones, which it keeps, and skips folders', async () => {
    const old = path.join(dir, 'old');
    const next = path.join(dir, 'next');

    const files: [string, string][] = [
      ['index.html', 'home'],
      ['en/a/index.html', 'a v1'],
      ['pagefind/x.pf', 'index'],
    ];
    for (const [rel, text] of files) {
      await mkdir(path.dirname(path.join(old, rel)), { recursive: true });
      await writeFile(path.join(old, rel), text);
    }
    await mkdir(path.join(next, 'en/a'), { recursive: true });
    await writeFile(path.join(next, 'en/a/index.html'), 'a v2');
    expect(await linkTree(old, next, { skip: ['pagefind'], keep: new Set(['en/a/index.html']) })).toBe(1);
    expect(await readFile(path.join(next, 'en/a/index.html'), 'utf8')).toBe('a v2');
    expect(await readFile(path.join(old, 'en/a/index.html'), 'utf8')).toBe('a v1');
    expect((await stat(path.join(next, 'index.html'))).nlink).toBe(2);
    await expect(stat(path.join(next, 'pagefind'))).rejects.toThrow();
  });
});

describe('bodiesOnlyBuild', () => {
  it('turns the incremental build off only once the build starts, after the content sync hashed the config', () => {
    const config = { experimental: { incrementalBuild: true } };
    const { hooks } = bodiesOnlyBuild();
    (hooks['astro:config:done'] as (options: unknown) => void)({ config });
    expect(config.experimental.incrementalBuild).toBe(true);
    (hooks['astro:build:start'] as (options: unknown) => void)({});
    expect(config.experimental.incrementalBuild).toBe(false);
  });
});
