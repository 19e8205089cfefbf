/** Mapping a source site to our content: pairs, dates, summaries, speakers, tags, aliases, links, images, notes. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mapSite } from '#tools/migrate/map-site.ts';
import type { MigrationPlan } from '#tools/migrate/plan.ts';
import type { SourcePage, SourceSite } from '#tools/migrate/source-page.ts';

const LOCALES = ['en', 'zh'];

/** A page of a site in `/site`, with the fields mapping reads. */
function page(
  generator: 'hugo' | 'docusaurus',
  sourceLocale: string,
  rel: string,
  frontMatter: Record<string, unknown>,
  extra: Partial<SourcePage> = {},
): SourcePage {
  return {
    generator,
    file: `/site/${rel}`,
    rel,
    sourceLocale,
    frontMatter,
    frontMatterFormat: 'yaml',
    body: 'First paragraph.\n\nSecond one.\n',
    bodyLine: 5,
    pathKey:
      rel
        .split('/')
        .pop()
        ?.replace(/\.[a-z-]+\.md$|\.md$/, '') ?? rel,
    aliases: [],
    ...extra,
  };
}

/** A Hugo site (languages en and zh-cn, section blog) with the given pages. */
function hugo(pages: SourcePage[], siteDir = '/site'): SourceSite {
  return {
    generator: 'hugo',
    siteDir,
    defaultLocale: 'en',
    locales: ['en', 'zh-cn'],
    pages,
    problems: [],
    skipped: [],
    sections: ['blog'],
  } as SourceSite;
}

/** The text of a planned file. */
function text(plan: MigrationPlan, path: string): string {
  const file = plan.files.find((f) => f.path === path);
  if (!file || !('text' in file)) throw new Error(`no text file ${path}: ${plan.files.map((f) => f.path).join(', ')}`);
  return file.text;
}

describe('mapSite', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes a pair with the shared date in the primary only', () => {
    const plan = mapSite(
      hugo([
        page('hugo', 'en', 'content/blog/launch.md', {
          title: 'Launch',
          date: '2024-04-30',
          description: 'The launch.',
        }),
        page('hugo', 'zh-cn', 'content/blog/launch.zh-cn.md', { title: '发布', date: '2024-04-30' }),
      ]),
      { locales: LOCALES },
    );
    const en = text(plan, 'articles/2024/launch/en.md');
    expect(en).toContain('date: 2024-04-30\n');
    expect(en).toContain('summary: The launch.\n');
    expect(en).toContain('aliases:\n  - /blog/launch/\n');
    const zh = text(plan, 'articles/2024/launch/zh.md');
    expect(zh).not.toContain('date:');
    expect(zh).toContain('aliases:\n  - /zh-cn/blog/launch/\n');
    expect(plan.counts).toMatchObject({ stories: 1, pairs: 1, aliases: 2, pages: { en: 1, 'zh-cn': 1 } });
    expect(plan.notes.filter((n) => n.kind === 'disagreement')).toEqual([]);
  });

  it('keeps the primary date and notes a translation that disagrees', () => {
    const plan = mapSite(
      hugo([
        page('hugo', 'en', 'content/blog/launch.md', { title: 'Launch', date: '2024-04-30T09:00:00+08:00' }),
        page('hugo', 'zh-cn', 'content/blog/launch.zh-cn.md', { title: '发布', date: '2024-05-01' }),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/launch/en.md')).toContain('date: 2024-04-30T09:00:00+08:00\n');
    const notes = plan.notes.filter((n) => n.kind === 'disagreement');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.file).toBe('/site/content/blog/launch.zh-cn.md');
    expect(notes[0]?.message).toContain('2024-04-30T09:00:00+08:00');
    expect(notes[0]?.message).toContain('2024-05-01');
  });

  it('makes a story of a Chinese-only page, with a pinyin slug, without an unpaired note', () => {
    const plan = mapSite(
      hugo([page('hugo', 'zh-cn', 'content/blog/发布会.zh-cn.md', { title: '发布会', date: '2023-01-02' })]),
      { locales: LOCALES },
    );
    const paths = plan.files.map((f) => f.path);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^articles\/2023\/[a-z0-9]+(?:-[a-z0-9]+)*\/zh\.md$/);
    expect(text(plan, paths[0] ?? '')).toContain('date: 2023-01-02\n');
    expect(plan.notes.filter((n) => n.kind === 'unpaired')).toEqual([]);
  });

  it('takes the summary from the description, else the first paragraph as a to-do', () => {
    const plan = mapSite(
      hugo([
        page('hugo', 'en', 'content/blog/a.md', { title: 'A', date: '2024-01-01', description: 'From *description*.' }),
        page('hugo', 'en', 'content/blog/b.md', { title: 'B', date: '2024-01-02' }),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/a/en.md')).toContain('summary: From description.\n');
    expect(text(plan, 'articles/2024/b/en.md')).toContain('summary: "TODO confirm: First paragraph."\n');
    const todos = plan.notes.filter((n) => n.kind === 'todo');
    expect(todos.map((n) => n.file)).toEqual(['/site/content/blog/b.md']);
  });

  it('resolves Docusaurus author keys into one speaker with a name per language', () => {
    const site: SourceSite = {
      generator: 'docusaurus',
      siteDir: '/site',
      defaultLocale: 'en',
      locales: ['en', 'zh-Hans'],
      pages: [
        page('docusaurus', 'en', 'blog/2024-03-01-hello.md', { title: 'Hello', date: '2024-03-01', authors: ['jane'] }),
        page(
          'docusaurus',
          'zh-Hans',
          'i18n/zh-Hans/docusaurus-plugin-content-blog/2024-03-01-hello.md',
          { title: '你好', date: '2024-03-01', authors: 'jane' },
          { pathKey: '2024-03-01-hello' },
        ),
      ].map((p) => ({ ...p, pathKey: '2024-03-01-hello' })),
      problems: [],
      skipped: [],
      authors: new Map([
        ['en', new Map([['jane', { name: 'Jane Doe' }]])],
        ['zh-Hans', new Map([['jane', { name: '简·多伊' }]])],
      ]),
    } as SourceSite;
    const plan = mapSite(site, { locales: LOCALES });
    expect(text(plan, 'speakers/jane-doe.yaml')).toBe('name:\n  en: Jane Doe\n  zh: 简·多伊\n');
    expect(text(plan, 'articles/2024/hello/en.md')).toContain('speakers:\n  - jane-doe\n');
    expect(text(plan, 'articles/2024/hello/zh.md')).not.toContain('speakers:');
    expect(plan.counts.speakers).toBe(1);
  });

  it('gives one id to case and spacing variants of an author name, and pairs names by position', () => {
    const plan = mapSite(
      hugo([
        page('hugo', 'en', 'content/blog/a.md', { title: 'A', date: '2024-01-01', author: 'Jane Doe' }),
        page('hugo', 'zh-cn', 'content/blog/a.zh-cn.md', { title: '甲', date: '2024-01-01', author: '简' }),
        page('hugo', 'en', 'content/blog/b.md', { title: 'B', date: '2024-01-02', authors: ['jane  DOE'] }),
      ]),
      { locales: LOCALES },
    );
    expect(plan.files.filter((f) => f.path.startsWith('speakers/')).map((f) => f.path)).toEqual([
      'speakers/jane-doe.yaml',
    ]);
    expect(text(plan, 'speakers/jane-doe.yaml')).toBe('name:\n  en: Jane Doe\n  zh: 简\n');
    expect(text(plan, 'articles/2024/b/en.md')).toContain('speakers:\n  - jane-doe\n');
  });

  it('turns tags and categories into tag files with a label per language', () => {
    const plan = mapSite(
      hugo([
        page('hugo', 'en', 'content/blog/a.md', { title: 'A', date: '2024-01-01', tags: ['AI'], categories: 'News' }),
        page('hugo', 'zh-cn', 'content/blog/a.zh-cn.md', {
          title: '甲',
          date: '2024-01-01',
          tags: ['人工智能'],
          categories: ['新闻'],
        }),
        page('hugo', 'en', 'content/blog/b.md', { title: 'B', date: '2024-01-02', tags: ['ai', 'Only English'] }),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'tags/ai.yaml')).toBe('label:\n  en: AI\n  zh: 人工智能\n');
    expect(text(plan, 'tags/news.yaml')).toBe('label:\n  en: News\n  zh: 新闻\n');
    expect(text(plan, 'tags/only-english.yaml')).toBe('label:\n  en: Only English\n  zh: Only English\n');
    expect(text(plan, 'articles/2024/a/en.md')).toContain('tags:\n  - ai\n  - news\n');
    expect(plan.counts.tags).toBe(3);
  });

  it('rewrites a link to another migrated story and notes one to nowhere', () => {
    const plan = mapSite(
      hugo([
        page(
          'hugo',
          'en',
          'content/blog/a.md',
          { title: 'A', date: '2024-01-01', description: 'A.' },
          { body: 'See [B](/blog/b/) and [C](/blog/c/).\n' },
        ),
        page('hugo', 'en', 'content/blog/b.md', { title: 'B', date: '2023-06-01', description: 'B.' }),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/a/en.md')).toContain('See [B](/en/2023/b/) and [C](/blog/c/).');
    const links = plan.notes.filter((n) => n.kind === 'link');
    expect(links).toMatchObject([{ file: '/site/content/blog/a.md', line: 5 }]);
  });

  it('points a link to a page that was not migrated at the old site when --old-site is given', () => {
    const plan = mapSite(
      hugo([
        page(
          'hugo',
          'en',
          'content/blog/a.md',
          { title: 'A', date: '2024-01-01', description: 'A.' },
          { body: 'Read [the guide](/docs/guide/) or [GitHub](https://github.com/x/y/blob/main/a.md).\n' },
        ),
      ]),
      { locales: LOCALES, oldSite: 'https://old.example.org' },
    );
    expect(text(plan, 'articles/2024/a/en.md')).toContain(
      'Read [the guide](https://old.example.org/docs/guide/) or [GitHub](https://github.com/x/y/blob/main/a.md).',
    );
    // Listed for an editor, once, and a web address of another site is not a migration matter.
    expect(plan.notes.filter((n) => n.kind === 'link')).toMatchObject([
      { line: 5, message: expect.stringContaining('now points at the old site, https://old.example.org/docs/guide/') },
    ]);
  });

  it('copies an image of a page bundle into the story folder', () => {
    const siteDir = mkdtempSync(join(tmpdir(), 'map-site-'));
    dirs.push(siteDir);
    const bundle = join(siteDir, 'content/blog/launch');
    mkdirSync(bundle, { recursive: true });
    writeFileSync(join(bundle, 'photo.png'), 'png');
    const source = {
      ...page('hugo', 'en', 'content/blog/launch/index.md', { title: 'Launch', date: '2024-04-30', summary: 'S.' }),
      file: join(bundle, 'index.md'),
      bundleDir: bundle,
      pathKey: 'launch',
      body: 'Text.\n\n![A photo](photo.png)\n\n![Gone](missing.png)\n',
    };
    const plan = mapSite(hugo([source], siteDir), { locales: LOCALES });
    expect(plan.files).toContainEqual({ path: 'articles/2024/launch/photo.png', copyFrom: join(bundle, 'photo.png') });
    expect(text(plan, 'articles/2024/launch/en.md')).toContain('![A photo](./photo.png)');
    expect(plan.notes.filter((n) => n.kind === 'image')).toMatchObject([{ line: 9 }]);
    expect(plan.counts.images).toBe(1);
  });

  it('notes a shortcode left as written with its line in the source file', () => {
    const plan = mapSite(
      hugo([
        page(
          'hugo',
          'en',
          'content/blog/a.md',
          { title: 'A', date: '2024-01-01', description: 'A.' },
          { body: 'Intro.\n\n{{< unknown-widget id="1" >}}\n', bodyLine: 6 },
        ),
      ]),
      { locales: LOCALES },
    );
    const leftovers = plan.notes.filter((n) => n.kind.startsWith('leftover:'));
    expect(leftovers).toMatchObject([{ file: '/site/content/blog/a.md', line: 8, column: 1 }]);
  });

  it('gives the same plan for the same site, whatever the order of its pages', () => {
    const pages = [
      page('hugo', 'en', 'content/blog/a.md', { title: 'A', date: '2024-01-01', tags: ['X'], author: 'Jane' }),
      page('hugo', 'zh-cn', 'content/blog/a.zh-cn.md', { title: '甲', date: '2024-01-02' }),
      page('hugo', 'en', 'content/blog/2024-02-02-a.md', { title: 'A again', date: '2024-02-02' }),
      page('hugo', 'fr', 'content/blog/a.fr.md', { title: 'Un', date: '2024-01-01' }),
    ];
    const first = mapSite(hugo(pages), { locales: LOCALES });
    expect(mapSite(hugo(pages), { locales: LOCALES })).toEqual(first);
    expect(mapSite(hugo([...pages].reverse()), { locales: LOCALES })).toEqual(first);
    expect(first.counts.otherLocales).toEqual({ fr: 1 });
    expect(first.files.map((f) => f.path).filter((p) => p.startsWith('articles/'))).toEqual([
      'articles/2024/a-2/en.md',
      'articles/2024/a/en.md',
      'articles/2024/a/zh.md',
    ]);
  });
});
