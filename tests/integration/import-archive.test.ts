// `npm run import` knows the archive, run for real (`node tools/bin/import.ts`, as npm runs it) on a
// temporary copy of the fixture archive tests/fixtures/editor/content/: the shipped release imported
// twice is refused the second time with its three stories named and nothing written; --force-new
// imports it anyway; a Chinese text is written as the Chinese file of an existing story, asked for
// with --translation-of or found by its day, event and speakers; `npm run check` accepts the result.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const release = path.join(root, 'tests/fixtures/raw/raw-press-release-2024-04-30.txt');
const fixture = path.join(root, 'tests/fixtures/editor/content');
const temporary: string[] = [];

/** The English story the shipped release gives, as the first import writes it. */
const ENGLISH = '2024/wipo-china-ipr-stimulates-innovative-vitality';
/** The three files the first import writes. */
const IMPORTED = [
  'content/articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md',
  'content/articles/2024/zgc-forum-2024-clusters/zh.md',
  'content/articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju/zh.md',
];

/** A Chinese version of the English story: its day, event and most of its speakers. */
const CHINESE = [
  '产权组织中国办事处:知识产权激发新质生产力发展的创新活力',
  '2024年4月30日',
  '为纪念世界知识产权日,2024中国知识产权保护高层论坛于4月23日在北京开幕。王彬颖发表书面主旨致辞,申长雨、陶凯元、史卫忠、穆鹏出席,胡文辉主持开幕式。',
  '开幕式致辞',
  '刘华代表王彬颖致辞。她表示,知识产权为创新者提供了坚实保护(制度保障)。',
].join('\n\n');

/** A fresh copy of the fixture archive with the release and the Chinese text; the folder holding them. */
async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-import-'));
  temporary.push(dir);
  await cp(fixture, path.join(dir, 'content'), { recursive: true });
  await cp(release, path.join(dir, 'release.txt'));
  await writeFile(path.join(dir, 'chinese.txt'), CHINESE);
  return dir;
}

/** Runs a script of tools/bin/ in `cwd` with Node (the same binary running the tests). */
function run(script: string, args: string[], cwd: string) {
  return spawnSync(process.execPath, [path.join(root, 'tools/bin', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', NEWS_TODAY: '2024-04-30', CONTENT_DIR: '' },
  });
}

/** Every file of the content folder with its text: to tell that nothing was written. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const content = path.join(dir, 'content');
  const entries = await readdir(content, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const e of entries.filter((x) => x.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(e.parentPath, e.name);
    files.set(path.relative(content, file), await readFile(file, 'utf8'));
  }
  return files;
}

/** The frontmatter of an article file. */
async function frontmatter(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8');
  return parse(/^---\n([\s\S]*?)\n---\n/.exec(text)?.[1] ?? '') as Record<string, unknown>;
}

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe('importing into an archive that has the stories', () => {
  let dir: string;
  let first: ReturnType<typeof run>;

  beforeAll(async () => {
    dir = await workspace();
    first = run('import.ts', ['release.txt', '--content', 'content'], dir);
  });

  it('writes the three stories the first time, the Chinese one under the parallel forum', async () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    for (const file of IMPORTED) expect(first.stdout).toContain(file);
    expect((await frontmatter(path.join(dir, IMPORTED[1] ?? '')))['event']).toBe('zgc-forum-2024-clusters');
    expect(first.stdout).toMatch(/Chinese punctuation: \d+ ASCII marks made full width next to Han/);
  });

  it('refuses the same release again, naming the three matches, and writes nothing', async () => {
    const before = await snapshot(dir);
    const again = run('import.ts', ['release.txt', '--content', 'content'], dir);
    expect(again.status).toBe(1);
    const refusals = again.stderr.split('\n').filter((l) => l.includes('is already in the archive: '));
    expect(refusals).toHaveLength(3);
    IMPORTED.forEach((file, i) => {
      expect(refusals[i]).toMatch(
        new RegExp(`^error: story ${i + 1} \\(.*\\) is already in the archive: ${file}: .*similarity 1\\.00\\)$`),
      );
    });
    expect(again.stderr).toContain(
      'error: 3 of the 3 stories of release.txt are already in the archive. Add --force-new to import them as new stories anyway',
    );
    expect(again.stderr).toContain('Nothing was written.');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('imports them anyway with --force-new', async () => {
    const forced = run('import.ts', ['release.txt', '--content', 'content', '--force-new'], dir);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    for (const file of IMPORTED) {
      const renamed = file.replace(/\/(en|zh)\.md$/, '-2/$1.md');
      expect(forced.stdout).toContain(renamed);
      expect((await snapshot(dir)).has(renamed.replace(/^content\//, ''))).toBe(true);
    }
  });

  it('writes a Chinese text as the zh.md of a story with --translation-of, which npm run check accepts', async () => {
    const result = run('import.ts', ['chinese.txt', '--content', 'content', '--translation-of', ENGLISH], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const zh = path.join(dir, 'content/articles', ENGLISH, 'zh.md');
    expect(result.stdout).toContain(`1. content/articles/${ENGLISH}/zh.md`);
    expect(result.stdout).toContain(`translation: the zh version of ${ENGLISH} (as asked with --translation-of)`);
    const data = await frontmatter(zh);
    expect(data['title']).toBe('产权组织中国办事处：知识产权激发新质生产力发展的创新活力');
    for (const shared of ['date', 'event', 'speakers', 'organisations']) expect(data[shared]).toBeUndefined();
    expect(await readFile(zh, 'utf8')).toContain('\n## 开幕式致辞\n');

    // Again: the file exists.
    const again = run('import.ts', ['chinese.txt', '--content', 'content', '--translation-of', ENGLISH], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`articles/${ENGLISH}/zh.md already exists: not overwritten. Add --force`);

    const check = run('check.ts', ['content'], dir);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/✔ 0 errors, \d+ warnings/);
    const warnings = check.stdout.split('\n').filter((l) => l.includes('  warning  '));
    for (const w of warnings) expect(w).toMatch(/to-do left: |this is a draft/);
  });
});

describe('automatic translation', () => {
  it('writes a Chinese text matching an English story by day, event and speakers as its zh.md', async () => {
    const dir = await workspace();
    expect(run('import.ts', ['release.txt', '--content', 'content'], dir).status).toBe(0);
    const result = run('import.ts', ['chinese.txt', '--content', 'content'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`1. content/articles/${ENGLISH}/zh.md`);
    expect(result.stdout).toMatch(
      new RegExp(
        `translation: the zh version of ${ENGLISH} \\(found by its day, event and speakers, speaker overlap 0\\.\\d\\d;`,
      ),
    );
    expect((await frontmatter(path.join(dir, 'content/articles', ENGLISH, 'zh.md')))['date']).toBeUndefined();
    const check = run('check.ts', ['content'], dir);
    expect(check.status).toBe(0);
  });

  it('imports it as a new story with --force-new', async () => {
    const dir = await workspace();
    expect(run('import.ts', ['release.txt', '--content', 'content'], dir).status).toBe(0);
    const result = run('import.ts', ['chinese.txt', '--content', 'content', '--force-new'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('translation:');
    expect((await snapshot(dir)).has(`articles/${ENGLISH}/zh.md`)).toBe(false);
  });
});
