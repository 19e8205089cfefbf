/** Mapping a source site's lead images to covers, and its authors' titles to speaker roles. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mapSite } from '#tools/migrate/map-site.ts';
import type { MigrationPlan } from '#tools/migrate/plan.ts';
import type { SourcePage, SourceSite } from '#tools/migrate/source-page.ts';

const LOCALES = ['en', 'zh'];

/** A page of the site in `siteDir`, with the fields mapping reads. */
function page(
  siteDir: string,
  generator: 'hugo' | 'docusaurus',
  sourceLocale: string,
  rel: string,
  frontMatter: Record<string, unknown>,
  extra: Partial<SourcePage> = {},
): SourcePage {
  return {
    generator,
    file: join(siteDir, rel),
    rel,
    sourceLocale,
    frontMatter,
    frontMatterFormat: 'yaml',
    body: 'First paragraph.\n',
    bodyLine: 5,
    pathKey: 'hello',
    aliases: [],
    ...extra,
  };
}

/** A site of `generator` in `siteDir` (languages en and zh) with the given pages. */
function site(generator: 'hugo' | 'docusaurus', siteDir: string, pages: SourcePage[], extra = {}): SourceSite {
  return { generator, siteDir, defaultLocale: 'en', locales: ['en', 'zh'], pages, problems: [], skipped: [], ...extra };
}

/** The text of a planned file. */
function text(plan: MigrationPlan, path: string): string {
  const file = plan.files.find((f) => f.path === path);
  if (!file || !('text' in file)) throw new Error(`no text file ${path}: ${plan.files.map((f) => f.path).join(', ')}`);
  return file.text;
}

/** The source a planned copy comes from. */
function copyOf(plan: MigrationPlan, path: string): string | undefined {
  const file = plan.files.find((f) => f.path === path);
  return file && 'copyFrom' in file ? file.copyFrom : undefined;
}

describe('mapSite covers', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A temporary site folder holding `files` (relative path → content). */
  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'map-covers-'));
    dirs.push(dir);
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    return dir;
  }

  it('copies a Docusaurus site-absolute image from static/ and the translation inherits it', () => {
    const dir = folder({ 'static/img/x.png': 'png' });
    const plan = mapSite(
      site('docusaurus', dir, [
        page(dir, 'docusaurus', 'en', 'blog/2024-03-01-hello.md', {
          title: 'Hello',
          date: '2024-03-01',
          image: '/img/x.png',
        }),
        page(dir, 'docusaurus', 'zh', 'i18n/zh/docusaurus-plugin-content-blog/2024-03-01-hello.md', {
          title: '你好',
          date: '2024-03-01',
          image: '/img/x.png',
        }),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/hello/en.md')).toContain(
      'cover:\n  src: ./x.png\n  alt: "TODO describe: Hello"\n',
    );
    expect(text(plan, 'articles/2024/hello/zh.md')).not.toContain('cover:');
    expect(copyOf(plan, 'articles/2024/hello/x.png')).toBe(join(dir, 'static/img/x.png'));
    expect(plan.counts).toMatchObject({ covers: 1, images: 1 });
    const todos = plan.notes.filter((n) => n.kind === 'todo' && n.message.includes('alt text'));
    expect(todos.map((n) => n.file)).toEqual([join(dir, 'blog/2024-03-01-hello.md')]);
  });

  it("takes a Hugo leaf bundle's featured image file as the cover", () => {
    const dir = folder({ 'content/blog/hello/featured.jpg': 'jpg', 'content/blog/hello/other.png': 'png' });
    const bundleDir = join(dir, 'content/blog/hello');
    const plan = mapSite(
      site('hugo', dir, [
        page(dir, 'hugo', 'en', 'content/blog/hello/index.md', { title: 'Hello', date: '2024-03-01' }, { bundleDir }),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/hello/en.md')).toContain('cover:\n  src: ./featured.jpg\n');
    expect(copyOf(plan, 'articles/2024/hello/featured.jpg')).toBe(join(bundleDir, 'featured.jpg'));
    expect(plan.files.some((f) => f.path.endsWith('other.png'))).toBe(false);
  });

  it("keeps a PaperMod cover's alt and caption; a translation's own words give it its own cover", () => {
    const dir = folder({ 'content/blog/hello/cover.png': 'png' });
    const bundleDir = join(dir, 'content/blog/hello');
    const cover = (alt: string, caption: string) => ({ image: 'cover.png', alt, caption, relative: true });
    const plan = mapSite(
      site('hugo', dir, [
        page(
          dir,
          'hugo',
          'en',
          'content/blog/hello/index.md',
          { title: 'Hello', date: '2024-03-01', cover: cover('The forum hall', 'Opening *day*') },
          { bundleDir },
        ),
        page(
          dir,
          'hugo',
          'zh',
          'content/blog/hello/index.zh.md',
          { title: '你好', date: '2024-03-01', cover: cover('论坛会场', '开幕日') },
          { bundleDir },
        ),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/hello/en.md')).toContain(
      'cover:\n  src: ./cover.png\n  alt: The forum hall\n  caption: Opening day\n',
    );
    expect(text(plan, 'articles/2024/hello/zh.md')).toContain('cover:\n  src: ./cover.png\n  alt: 论坛会场\n');
    expect(plan.files.filter((f) => f.path.endsWith('.png'))).toHaveLength(1);
    expect(plan.notes.filter((n) => n.kind === 'todo' && n.message.includes('alt text'))).toEqual([]);
  });

  it('leaves out a web address and a missing file, with an image note each', () => {
    const dir = folder({});
    const plan = mapSite(
      site('hugo', dir, [
        page(
          dir,
          'hugo',
          'en',
          'content/blog/a.md',
          {
            title: 'A',
            date: '2024-03-01',
            images: ['https://example.org/a.jpg'],
          },
          { pathKey: 'a' },
        ),
        page(
          dir,
          'hugo',
          'en',
          'content/blog/b.md',
          { title: 'B', date: '2024-03-02', image: 'gone.jpg' },
          { pathKey: 'b' },
        ),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'articles/2024/a/en.md')).not.toContain('cover:');
    expect(text(plan, 'articles/2024/b/en.md')).not.toContain('cover:');
    const notes = plan.notes.filter((n) => n.kind === 'image');
    expect(notes.map((n) => n.file)).toEqual([join(dir, 'content/blog/a.md'), join(dir, 'content/blog/b.md')]);
    expect(notes[0]?.message).toContain('web address');
    expect(notes[1]?.message).toContain('not found');
    expect(plan.counts.covers).toBe(0);
  });
});

describe('mapSite speaker roles', () => {
  it("gives a Docusaurus author's authors.yml title as the role per language", () => {
    const plan = mapSite(
      site(
        'docusaurus',
        '/site',
        [
          page('/site', 'docusaurus', 'en', 'blog/2024-03-01-hello.md', {
            title: 'Hello',
            date: '2024-03-01',
            authors: ['jane'],
          }),
          page('/site', 'docusaurus', 'zh', 'i18n/zh/docusaurus-plugin-content-blog/2024-03-01-hello.md', {
            title: '你好',
            date: '2024-03-01',
            authors: ['jane'],
          }),
        ],
        {
          authors: new Map([
            ['en', new Map([['jane', { name: 'Jane Doe', title: 'Director' }]])],
            ['zh', new Map([['jane', { name: '简·多伊', title: '主任' }]])],
          ]),
        },
      ),
      { locales: LOCALES },
    );
    expect(text(plan, 'speakers/jane-doe.yaml')).toBe(
      'name:\n  en: Jane Doe\n  zh: 简·多伊\nrole:\n  en: Director\n  zh: 主任\n',
    );
  });

  it('gives a Hugo author object its title or role, filling the default language', () => {
    const plan = mapSite(
      site('hugo', '/site', [
        page(
          '/site',
          'hugo',
          'zh',
          'content/blog/a.zh.md',
          {
            title: '甲',
            date: '2024-01-01',
            authors: [{ name: '王小明', role: '研究员' }],
          },
          { pathKey: 'a' },
        ),
        page(
          '/site',
          'hugo',
          'en',
          'content/blog/b.md',
          {
            title: 'B',
            date: '2024-01-02',
            author: { name: 'Li Hua', title: 'Editor' },
          },
          { pathKey: 'b' },
        ),
      ]),
      { locales: LOCALES },
    );
    expect(text(plan, 'speakers/li-hua.yaml')).toContain('role:\n  en: Editor\n');
    expect(text(plan, 'speakers/wang-xiaoming.yaml')).toContain('role:\n  en: 研究员\n  zh: 研究员\n');
  });
});
