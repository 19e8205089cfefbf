// Build guarantees on the fixture site: the same content gives a byte-identical site whatever the
// machine's time zone; every page is valid HTML; a build that fails leaves no half-written site.
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBuild, type BuildResult } from './build-site.ts';
import { validateSite } from './html-validity.ts';

const content = path.join(root, 'tests/fixtures/site/content');
let work: string;
let losAngeles: BuildResult;
let shanghai: BuildResult;

/** Every file under `dir` with the SHA-256 of its bytes, sorted by path. */
async function tree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  const hashes = new Map<string, string>();
  for (const file of files.sort()) {
    hashes.set(
      file,
      createHash('sha256')
        .update(await readFile(path.join(dir, file)))
        .digest('hex'),
    );
  }
  return hashes;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-guarantees-'));
  losAngeles = await runBuild({ CONTENT_DIR: content, OUT_DIR: path.join(work, 'la'), TZ: 'America/Los_Angeles' });
  shanghai = await runBuild({ CONTENT_DIR: content, OUT_DIR: path.join(work, 'sh'), TZ: 'Asia/Shanghai' });
  for (const build of [losAngeles, shanghai]) {
    if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
  }
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('deterministic output', () => {
  it('is byte-identical between two cold builds in different time zones', async () => {
    const [a, b] = [await tree(path.join(work, 'la')), await tree(path.join(work, 'sh'))];
    expect(a.size).toBeGreaterThan(150);
    const differing = [...a.keys()].filter((file) => a.get(file) !== b.get(file));
    expect(differing).toEqual([]);
    expect([...b.keys()].filter((file) => !a.has(file))).toEqual([]);
  });

  it('shows a calendar day as that day everywhere', async () => {
    for (const dir of ['la', 'sh']) {
      const page = await readFile(path.join(work, dir, 'en/2024/forum-photo-report/index.html'), 'utf8');
      expect(page).toContain('<time datetime="2024-04-23">23 April 2024</time>');
    }
  });
});

describe('valid HTML', () => {
  it('every page of the fixture site passes html-validate', async () => {
    const { pages, errors, report } = await validateSite(path.join(work, 'la'));
    expect(pages).toBeGreaterThan(100);
    expect(report).toBe('');
    expect(errors).toBe(0);
  });
});

describe('a failed build', () => {
  it(
    'exits non-zero with the reason and leaves the previous site untouched, with no partial output',
    { timeout: 300_000 },
    async () => {
      const broken = path.join(work, 'broken-content');
      await cp(content, broken, { recursive: true });
      // Passes the content check, then fails late in the build, after the pages are written: a body
      // image whose PNG header is whole (the checker reads headers) but whose image data is cut off.
      // (A missing image no longer does: the checker reports it.)
      const article = path.join(broken, 'articles/2024/trademark-campaign/en.md');
      const png = await readFile(path.join(content, 'articles/2024/forum-photo-report/stage.png'));
      await writeFile(
        path.join(path.dirname(article), 'broken.png'),
        Buffer.concat([png.subarray(0, 33), Buffer.alloc(64)]),
      );
      await writeFile(article, `${await readFile(article, 'utf8')}\n![A broken photo](./broken.png)\n`);
      const out = path.join(work, 'previous');
      await mkdir(out);
      await writeFile(path.join(out, 'index.html'), 'previous site');
      const result = await runBuild({ CONTENT_DIR: broken, OUT_DIR: out });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/broken\.\w/);
      expect(result.stderr).toContain('Nothing was written to');
      expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
      // Still the real folder it was: only a successful build turns it into a link to the new site.
      expect((await lstat(out)).isDirectory()).toBe(true);
      // No staging folder, temporary link, lock or new version left beside the previous site.
      expect((await readdir(work)).filter((name) => name.startsWith('previous.'))).toEqual([]);
      await expect(stat(path.join(out, 'en'))).rejects.toThrow();
    },
  );
});
