// The editor commands run for real (`node tools/bin/new.ts`, `node tools/bin/import.ts`, as npm runs them)
// on temporary copies of the fixture archive tests/fixtures/editor/content/ (never on content/, the
// shipped sample that editors may change); `npm run check` must accept what they write. The import
// reads the real press release of tests/fixtures/raw/, whose names the fixture's registries hold.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const release = path.join(root, 'tests/fixtures/raw/raw-press-release-2024-04-30.txt');
const fixture = path.join(root, 'tests/fixtures/editor/content');
const temporary: string[] = [];

// What the tests rely on in the fixture (tests/fixtures/editor/README.md describes it).
/** How many stories the fixture has. */
const FIXTURE_STORIES = 3;
/** A story of the fixture in English and Chinese, whose en.md gives a speaker a per-article role. */
const TRANSLATED = {
  story: '2024/forum-opening',
  slug: 'forum-opening',
  title: 'Forum on Intellectual Property Protection Opens in Beijing',
  speaker: { id: 'liu-hua', role: 'Director of the WIPO Office in China, speaking for the Deputy Director General' },
} as const;
/** Registry ids of the fixture, given to `npm run new` as options. */
const REGISTRY = {
  event: 'wipo-cnipa-bilateral-2024',
  speakers: ['marco-aleman', 'lu-pengqi'],
  tag: 'international-cooperation',
} as const;
/** An event id the fixture does not have, one character away from one it has. */
const UNKNOWN_EVENT = { id: 'zgc-forum-2025', meant: 'zgc-forum-2024' } as const;
/** A Chinese title for `npm run new` and the slug its pinyin gives. */
const CHINESE = {
  title: '产权组织在2024中关村论坛举办科技集群平行论坛',
  slug: 'chanquan-zuzhi-zai-2024-zhongguancun-luntan',
} as const;

/** A fresh copy of the fixture archive in a temporary folder; returns the folder holding `content/`. */
async function copyContent(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-editor-'));
  temporary.push(dir);
  await cp(fixture, path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** Runs a script of tools/bin/ in `cwd` with Node (the same binary running the tests). */
function run(script: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(root, 'tools/bin', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTIONS: '', NEWS_TODAY: '2024-04-30', CONTENT_DIR: '', ...env },
  });
}

/** Frontmatter data and body of an article file. */
async function article(file: string): Promise<{ data: Record<string, unknown>; body: string; text: string }> {
  const text = await readFile(file, 'utf8');
  const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  return { data: parse(yaml) as Record<string, unknown>, body, text };
}

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe('the fixture archive', () => {
  it('passes npm run check with no errors and no warnings, as the tests below assume', () => {
    // Every warning the tests count comes from what the commands write, none from the fixture.
    const check = run('check.ts', [fixture], root);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(new RegExp(`✔ 0 errors, 0 warnings in \\d+ files \\(${FIXTURE_STORIES} stories\\)`));
  });
});

describe('npm run new', () => {
  let dir: string;
  const file = () => path.join(dir, 'content/articles/2024/wipo-holds-talks-cnipa/en.md');
  beforeAll(async () => {
    dir = await copyContent();
  });

  it('prints its help', () => {
    const result = run('new.ts', ['--help'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run new -- "Title" \[options\]/);
    expect(result.stdout).toContain('--translate');
  });

  it('creates the story file with a complete skeleton, dated today in the site time zone', async () => {
    const result = run(
      'new.ts',
      [
        'WIPO Holds Talks with CNIPA',
        '--content',
        'content',
        '--event',
        REGISTRY.event,
        '--speaker',
        ...REGISTRY.speakers,
        '--tag',
        REGISTRY.tag,
      ],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Created content/articles/2024/wipo-holds-talks-cnipa/en.md');
    const { data, text } = await article(file());
    expect(data).toEqual({
      title: 'WIPO Holds Talks with CNIPA',
      date: '2024-04-30',
      language: 'en',
      summary: 'TODO: one or two sentences for listings, feeds and search results',
      event: REGISTRY.event,
      speakers: REGISTRY.speakers,
      tags: [REGISTRY.tag],
      draft: true,
    });
    for (const hint of ['# organisations:', '# cover:', '# source:', '# updated:', '# aliases:'])
      expect(text).toContain(hint);
  });

  it('refuses to overwrite it, and says how', async () => {
    const before = await readFile(file(), 'utf8');
    const result = run('new.ts', ['WIPO Holds Talks with CNIPA', '--content', 'content'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'articles/2024/wipo-holds-talks-cnipa/en.md already exists: not overwritten. Add --force',
    );
    expect(result.stderr).toContain('Nothing was written.');
    expect(await readFile(file(), 'utf8')).toBe(before);
  });

  it('overwrites it with --force', async () => {
    const result = run('new.ts', ['WIPO Holds Talks with CNIPA', '--content', 'content', '--force', '--no-draft'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Replaced content/articles/2024/wipo-holds-talks-cnipa/en.md');
    expect((await article(file())).data).toMatchObject({ draft: false });
    expect((await article(file())).data['event']).toBeUndefined();
  });

  it('suggests the id meant for an unknown event, and writes nothing', async () => {
    const result = run('new.ts', ['Another Story', '--content', 'content', '--event', UNKNOWN_EVENT.id], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `error: unknown event "${UNKNOWN_EVENT.id}". Did you mean "${UNKNOWN_EVENT.meant}"?`,
    );
    expect(await exists(path.join(dir, 'content/articles/2024/another-story'))).toBe(false);
  });

  it('gives a Chinese title a pinyin slug, and reads CONTENT_DIR', async () => {
    const result = run('new.ts', [CHINESE.title, '--lang', 'zh', '--date', '2024-04-23'], root, {
      CONTENT_DIR: path.join(dir, 'content'),
    });
    expect(result.status).toBe(0);
    expect(await exists(path.join(dir, `content/articles/2024/${CHINESE.slug}/zh.md`))).toBe(true);
  });

  it('rejects usage errors with exit status 2', () => {
    const result = run('new.ts', ['Title', '--organization', 'wipo', '--content', 'content'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option --organization. Did you mean "--organisation"?');
  });

  it('adds a translation with to-dos, without repeating the shared facts', async () => {
    const result = run('new.ts', ['--translate', TRANSLATED.story, '--lang', 'zh', '--content', 'content'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('zh.md already exists: not overwritten. Add --force');

    const talks = run('new.ts', ['--translate', 'wipo-holds-talks-cnipa', '--content', 'content'], dir);
    expect(talks.stderr).toBe('');
    expect(talks.stdout).toContain('Created content/articles/2024/wipo-holds-talks-cnipa/zh.md');
    const zh = await article(path.join(dir, 'content/articles/2024/wipo-holds-talks-cnipa/zh.md'));
    expect(zh.data).toEqual({
      title: 'TODO translate: WIPO Holds Talks with CNIPA',
      language: 'zh',
      summary: 'TODO translate: TODO: one or two sentences for listings, feeds and search results',
      draft: true,
    });
    expect(zh.text).toMatch(/^# date, event, speakers, organisations, tags, featured: inherited from en\.md/m);
    expect(zh.body).toMatch(/^\n<!-- TODO translate: the text below is the en\.md original; write it in zh/);
    expect(zh.body).toContain('TODO: write the story.');

    const forum = await copyContent();
    const redo = run(
      'new.ts',
      ['--translate', TRANSLATED.slug, '--lang', 'zh', '--force', '--content', 'content'],
      forum,
    );
    expect(redo.status).toBe(0);
    const forumZh = await article(path.join(forum, `content/articles/${TRANSLATED.story}/zh.md`));
    expect(forumZh.data['title']).toBe(`TODO translate: ${TRANSLATED.title}`);
    // Per-article roles are text, never inherited: the speakers are listed with their roles to translate.
    expect(forumZh.data['speakers']).toContainEqual({
      id: TRANSLATED.speaker.id,
      role: `TODO translate: ${TRANSLATED.speaker.role}`,
    });
    for (const field of ['date', 'event', 'organisations', 'tags']) expect(forumZh.data[field]).toBeUndefined();
    const check = run('check.ts', ['content'], forum);
    expect(check.stdout).toMatch(/✔ 0 errors, \d+ warnings/);
  });

  it('copies the shared facts when the new language becomes the primary file', async () => {
    const result = run('new.ts', ['--translate', CHINESE.slug, '--lang', 'en', '--content', 'content'], dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("en.md is now the story's primary file");
    const en = await article(path.join(dir, `content/articles/2024/${CHINESE.slug}/en.md`));
    expect(en.data).toMatchObject({ date: '2024-04-23', language: 'en', draft: true });
  });

  it('leaves content the checker accepts, with the to-dos as warnings', () => {
    const check = run('check.ts', ['content'], dir);
    expect(check.status).toBe(0);
    // The fixture's stories, plus the two created above.
    expect(check.stdout).toMatch(
      new RegExp(`✔ 0 errors, \\d+ warnings in \\d+ files \\(${FIXTURE_STORIES + 2} stories\\)`),
    );
    expect(check.stdout).toContain(
      'content/articles/2024/wipo-holds-talks-cnipa/zh.md:2:1  warning  title  to-do left: TODO translate: WIPO Holds Talks with CNIPA',
    );
  });
});

describe('npm run import', () => {
  let dir: string;
  let first: ReturnType<typeof run>;
  const stories = [
    { folder: 'wipo-china-ipr-stimulates-innovative-vitality', language: 'en' },
    { folder: 'zgc-forum-2024-clusters', language: 'zh' },
    { folder: 'yu-zhongguo-guojia-zhishi-chanquan-ju', language: 'zh' },
  ];
  const fileOf = (i: number) =>
    path.join(dir, 'content/articles/2024', stories[i]?.folder ?? '', `${stories[i]?.language ?? ''}.md`);

  beforeAll(async () => {
    dir = await copyContent();
    await cp(release, path.join(dir, 'release.txt'));
    first = run('import.ts', ['release.txt', '--content', 'content'], dir);
  });

  it('prints its help', () => {
    const result = run('import.ts', ['--help'], root);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run import -- <release\.txt>/);
  });

  it('writes three draft stories from the shipped example and reports them', async () => {
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Imported release.txt: 3 stories, dated 2024-04-30 (from the line "30 avril 2024")');
    expect(first.stdout).toContain('1. content/articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md');
    expect(first.stdout).toContain('   language: zh, 7 paragraphs');
    expect(first.stdout).toContain('   photo credits: Photo: ZGC Forum (×4)');
    expect(first.stdout).toContain('   photo credits: 图: WOC');
    expect(first.stdout).toContain('xue-lan ("薛澜")');
    expect(first.stdout).toMatch(/Names not in the registry[^\n]*\n {3}none/);

    const [en, zgc, bilateral] = await Promise.all([0, 1, 2].map((i) => article(fileOf(i))));
    expect([en, zgc, bilateral].map((a) => [a?.data['language'], a?.data['date'], a?.data['draft']])).toEqual([
      ['en', '2024-04-30', true],
      ['zh', '2024-04-30', true],
      ['zh', '2024-04-30', true],
    ]);
    expect(en?.data['speakers']).toEqual(expect.arrayContaining(['wang-binying', 'shen-changyu']));
    expect(zgc?.data['speakers']).toEqual(['marco-aleman', 'lin-xin', 'yu-yingjie', 'carsten-fink', 'xue-lan']);
    expect(bilateral?.data['speakers']).toContain('lu-pengqi');
    expect(bilateral?.data['organisations']).toEqual(['cnipa']);
    expect(en?.data['title']).toBe(
      'WIPO China: IPR Stimulates Innovative Vitality in Developing New Quality Productive Forces',
    );
    expect(zgc?.data['title']).toMatch(/^TODO title/);
    expect(bilateral?.data['title']).toBe('与中国国家知识产权局的双边会谈');
    // The English story resumes after the Chinese ones: its last paragraph is the release's last.
    expect(en?.body.trim().split('\n\n')).toHaveLength(4);
    expect(en?.body.trim()).toMatch(/during a panel discussion\.$/);
    // Credits are recorded as photo to-dos and in the cover hint.
    expect(zgc?.body.match(/<!-- TODO photo: .*\(Photo: ZGC Forum\) -->/g)).toHaveLength(4);
    expect(bilateral?.body.trim()).toMatch(/<!-- TODO photo: .*\(图: WOC\) -->$/);
    expect(bilateral?.text).toContain('#   credit: WOC');
  });

  it('passes npm run check with zero errors, the to-dos being warnings', () => {
    const check = run('check.ts', ['content'], dir);
    expect(check.status).toBe(0);
    // The fixture's stories, plus the three imported.
    expect(check.stdout).toMatch(
      new RegExp(`✔ 0 errors, \\d+ warnings in \\d+ files \\(${FIXTURE_STORIES + 3} stories\\)`),
    );
    const warnings = check.stdout.split('\n').filter((l) => l.includes('  warning  '));
    for (const w of warnings) expect(w).toMatch(/to-do left: |this is a draft/);
    expect(warnings.filter((w) => w.includes('TODO photo'))).toHaveLength(5);
  });

  it('refuses to import the same release again unless --force', async () => {
    const before = await readFile(fileOf(0), 'utf8');
    const again = run('import.ts', ['release.txt', '--content', 'content'], dir);
    expect(again.status).toBe(1);
    // The archive has the stories (tests/integration/import-archive.test.ts tells more).
    expect(again.stderr).toContain(
      'is already in the archive: content/articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md',
    );
    expect(again.stderr).toContain('Nothing was written.');
    expect(await readFile(fileOf(0), 'utf8')).toBe(before);
    const forced = run('import.ts', ['release.txt', '--content', 'content', '--force'], dir);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain('wipo-china-ipr-stimulates-innovative-vitality/en.md (replaced)');
  });

  it('lists people missing from the registry as suggested entries', async () => {
    const other = await copyContent();
    await rm(path.join(other, 'content/speakers/xue-lan.yaml'));
    const result = run('import.ts', [release, '--content', 'content', '--dry-run'], other);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Would import .*: 3 stories/);
    expect(result.stdout).toContain('薛澜 (story 2): add content/speakers/xue-lan.yaml');
    expect(await exists(path.join(other, 'content/articles/2024/zgc-forum-2024-clusters'))).toBe(false);
  });

  it('explains a missing date and a wrong path', () => {
    const noFile = run('import.ts', ['missing.txt', '--content', 'content'], dir);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('cannot read missing.txt');
    const badDate = run('import.ts', ['release.txt', '--content', 'content', '--date', '2024-02-30', '--force'], dir);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toContain('--date: 2024-02-30 does not exist');
  });
});
