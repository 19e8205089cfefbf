/**
 * The Hugo site reader of `npm run migrate` (tools/migrate/hugo-site.ts): small Hugo sites are
 * written to temporary folders and read back, one layout or rule per test.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readHugoSite } from '#tools/migrate/hugo-site.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a Hugo site (relative path → text) to a new temporary folder and returns the folder. */
function site(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hugo-site-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const FOLDER_TOML = `defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.zh-cn]
contentDir = "content/zh-cn"
weight = 2
`;

describe('readHugoSite: configuration and layouts', () => {
  it('reads translation by folder from hugo.toml (languages with contentDir)', () => {
    const dir = site({
      'hugo.toml': FOLDER_TOML,
      'content/en/posts/2024/hello.md': '---\ntitle: Hello\ndate: 2024-04-30\n---\n\nBody\n',
      'content/zh-cn/posts/2024/hello.md': '+++\ntitle = "你好"\ndate = 2024-04-30\n+++\nBody\n',
    });
    const read = readHugoSite(dir);
    expect(read).toMatchObject({
      generator: 'hugo',
      defaultLocale: 'en',
      locales: ['en', 'zh-cn'],
      sections: ['posts'],
    });
    expect(read.problems).toEqual([]);
    expect(read.configFiles).toEqual([join(dir, 'hugo.toml')]);
    expect(read.pages.map((p) => [p.rel, p.sourceLocale, p.pathKey, p.bodyLine, p.frontMatterFormat])).toEqual([
      ['content/en/posts/2024/hello.md', 'en', '2024/hello', 5, 'yaml'],
      ['content/zh-cn/posts/2024/hello.md', 'zh-cn', '2024/hello', 5, 'toml'],
    ]);
    // Dates stay the text they were written as, in YAML and TOML alike.
    expect(read.pages[0]?.frontMatter).toEqual({ title: 'Hello', date: '2024-04-30' });
    expect(read.pages[1]?.frontMatter).toEqual({ title: '你好', date: '2024-04-30' });
    expect(read.pages[0]?.body).toBe('\nBody\n');
    expect(read.pages[0]?.file).toBe(join(dir, 'content/en/posts/2024/hello.md'));
  });

  it('merges config/_default/ (hugo.toml, languages.toml as the languages table, params.toml)', () => {
    const dir = site({
      'config/_default/hugo.toml': 'defaultContentLanguage = "zh-cn"\n',
      'config/_default/languages.toml':
        '[en]\ncontentDir = "content/english"\nweight = 2\n[zh-cn]\ncontentDir = "content/chinese"\nweight = 1\n',
      'config/_default/params.toml': 'author = "Desk"\n',
      'config/_default/menus.en.toml': '[[main]]\nname = "Home"\n',
      'content/english/news/a.md': '---\ntitle: A\n---\nA\n',
      'content/chinese/news/a.md': '---\ntitle: 甲\n---\n甲\n',
    });
    const read = readHugoSite(dir);
    expect(read.problems).toEqual([]);
    expect(read).toMatchObject({ defaultLocale: 'zh-cn', locales: ['zh-cn', 'en'], sections: ['news'] });
    expect(read.configFiles).toHaveLength(4);
    expect(read.pages.map((p) => [p.sourceLocale, p.pathKey])).toEqual([
      ['zh-cn', 'a'],
      ['en', 'a'],
    ]);
  });

  it('reads hugo.yaml and translation by file name suffix', () => {
    const dir = site({
      'hugo.yaml': 'defaultContentLanguage: en\nlanguages:\n  en:\n    weight: 1\n  zh-cn:\n    weight: 2\n',
      'content/posts/post.md': '---\ntitle: Post\n---\nText\n',
      'content/posts/post.zh-cn.md': '---\ntitle: 文章\n---\n文本\n',
      'content/posts/v1.2.md': 'No front matter at all.\n',
    });
    const read = readHugoSite(dir);
    expect(read.problems).toEqual([]);
    expect(read.pages.map((p) => [p.rel, p.sourceLocale, p.pathKey])).toEqual([
      ['content/posts/post.md', 'en', 'post'],
      ['content/posts/post.zh-cn.md', 'zh-cn', 'post'],
      // ".2" is no language: it stays part of the name.
      ['content/posts/v1.2.md', 'en', 'v1.2'],
    ]);
    expect(read.pages[2]).toMatchObject({ frontMatterFormat: 'none', frontMatter: {}, bodyLine: 1 });
  });

  it('takes the defaults without languages (en) and with a legacy config.toml', () => {
    const dir = site({ 'config.toml': 'title = "Site"\n', 'content/post/a.md': '---\ntitle: A\n---\n' });
    const read = readHugoSite(dir);
    expect(read).toMatchObject({ defaultLocale: 'en', locales: ['en'], sections: ['post'], problems: [] });
    expect(read.pages[0]).toMatchObject({ sourceLocale: 'en', pathKey: 'a', body: '' });
  });

  it('skips the pages of a disabled language, saying why', () => {
    const dir = site({
      'hugo.toml': 'disableLanguages = ["fr"]\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n',
      'content/posts/a.md': '---\ntitle: A\n---\n',
      'content/posts/a.fr.md': '---\ntitle: A\n---\n',
    });
    const read = readHugoSite(dir);
    expect(read.locales).toEqual(['en']);
    expect(read.pages.map((p) => p.rel)).toEqual(['content/posts/a.md']);
    expect(read.skipped).toEqual([
      { file: join(dir, 'content/posts/a.fr.md'), reason: expect.stringContaining('disables') },
    ]);
  });

  it('reports a defaultContentLanguage that is not a language, and a missing configuration', () => {
    const wrong = readHugoSite(
      site({ 'hugo.toml': 'defaultContentLanguage = "de"\n[languages.en]\n[languages.zh]\n' }),
    );
    expect(wrong.defaultLocale).toBe('en');
    expect(wrong.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('defaultContentLanguage "de"')]),
    );
    const none = readHugoSite(site({ 'content/posts/a.md': 'A\n' }));
    expect(none.problems[0]?.message).toContain('no Hugo configuration found');
    expect(none.pages).toHaveLength(1);
  });
});

describe('readHugoSite: pages', () => {
  it('reads a leaf bundle: index.md and index.zh.md are pages, the rest resources', () => {
    const dir = site({
      'hugo.toml': '[languages.en]\nweight = 1\n[languages.zh]\nweight = 2\n',
      'content/posts/trip/index.md': '---\ntitle: Trip\n---\n![](photo.jpg)\n',
      'content/posts/trip/index.zh.md': '---\ntitle: 旅行\n---\n![](photo.jpg)\n',
      'content/posts/trip/photo.jpg': 'jpeg',
      'content/posts/trip/notes.md': '---\ntitle: a resource, not a page\n---\n',
    });
    const read = readHugoSite(dir);
    const bundleDir = join(dir, 'content/posts/trip');
    expect(read.pages.map((p) => [p.rel, p.sourceLocale, p.pathKey, p.bundleDir])).toEqual([
      ['content/posts/trip/index.md', 'en', 'trip', bundleDir],
      ['content/posts/trip/index.zh.md', 'zh', 'trip', bundleDir],
    ]);
  });

  it('takes translationKey, slug, url and aliases from the front matter, keys in any case', () => {
    const dir = site({
      'hugo.toml': FOLDER_TOML,
      'content/en/posts/launch.md':
        '---\ntranslationKey: launch-2024\nslug: launch\nurl: /2024/launch/\naliases: [/old/launch/, /launch.html]\n---\n',
      'content/zh-cn/posts/fabu.md': '+++\ntranslationkey = "launch-2024"\naliases = "/old/fabu/"\n+++\n',
    });
    const [en, zh] = readHugoSite(dir).pages;
    expect(en).toMatchObject({
      translationKey: 'launch-2024',
      slug: 'launch',
      url: '/2024/launch/',
      aliases: ['/old/launch/', '/launch.html'],
    });
    expect(zh).toMatchObject({ translationKey: 'launch-2024', aliases: ['/old/fabu/'], pathKey: 'fabu' });
    expect(zh?.slug).toBeUndefined();
  });

  it('reads JSON front matter and counts the body line after leading blank lines, a BOM and CRLF', () => {
    const dir = site({
      'hugo.toml': '',
      'content/posts/json.md': '{\n  "title": "J",\n  "tags": ["a", "b"]\n}\nBody {not json}\n',
      'content/posts/blank.md': '\n\n---\ntitle: B\n---\nBody\n',
      'content/posts/crlf.md': '\uFEFF+++\r\ntitle = "C"\r\n+++\r\nBody\r\n',
      'content/posts/shortcode.md': '{{< figure src="a.jpg" >}}\n',
    });
    const pages = readHugoSite(dir).pages;
    expect(pages.map((p) => [p.pathKey, p.frontMatterFormat, p.bodyLine, p.body])).toEqual([
      ['blank', 'yaml', 6, 'Body\n'],
      ['crlf', 'toml', 4, 'Body\n'],
      ['json', 'json', 5, 'Body {not json}\n'],
      ['shortcode', 'none', 1, '{{< figure src="a.jpg" >}}\n'],
    ]);
    expect(pages[2]?.frontMatter).toEqual({ title: 'J', tags: ['a', 'b'] });
  });

  it('skips _index.md list pages and other content formats, saying why', () => {
    const dir = site({
      'hugo.toml': '',
      'content/posts/_index.md': '---\ntitle: Posts\n---\n',
      'content/posts/2024/_index.md': '---\ntitle: 2024\n---\n',
      'content/posts/2024/a.md': '---\ntitle: A\n---\n',
      'content/posts/old.html': '<p>old</p>',
    });
    const read = readHugoSite(dir);
    expect(read.pages.map((p) => p.pathKey)).toEqual(['2024/a']);
    expect(read.skipped.map((s) => [s.file.slice(dir.length + 1), s.reason])).toEqual([
      ['content/posts/2024/_index.md', expect.stringContaining('list page')],
      ['content/posts/_index.md', expect.stringContaining('list page')],
      ['content/posts/old.html', expect.stringContaining('Markdown')],
    ]);
  });

  it('reports front matter that does not parse, with its file line, and skips the page', () => {
    const dir = site({
      'hugo.toml': '',
      'content/posts/bad-toml.md': '+++\ntitle = "A"\ndate = = 2024\n+++\nBody\n',
      'content/posts/bad-yaml.md': '---\ntitle: A\ntags: [a, b\n---\nBody\n',
      'content/posts/bad-json.md': '{\n  "title": "A"\n  "x": 1\n}\n',
      'content/posts/unclosed.md': '\n---\ntitle: A\nBody\n',
      'content/posts/good.md': '---\ntitle: Good\n---\n',
    });
    const read = readHugoSite(dir);
    expect(read.pages.map((p) => p.pathKey)).toEqual(['good']);
    expect(read.problems.map((p) => [p.file.slice(dir.length + 1), p.line])).toEqual([
      ['content/posts/bad-json.md', 3],
      ['content/posts/bad-toml.md', 3],
      ['content/posts/bad-yaml.md', expect.any(Number)],
      ['content/posts/unclosed.md', 2],
    ]);
    expect(read.problems[1]?.message).toMatch(/front matter cannot be read: TOML/);
    expect(read.problems[3]?.message).toContain('never closed');
  });

  it('refuses symbolic links to files and folders, and reports those among bundle resources', () => {
    const dir = site({
      'hugo.toml': '',
      'outside/secret.md': '---\ntitle: S\n---\n',
      'content/posts/real.md': '---\ntitle: R\n---\n',
      'content/posts/trip/index.md': '---\ntitle: T\n---\n',
    });
    symlinkSync(join(dir, 'outside/secret.md'), join(dir, 'content/posts/linked.md'));
    symlinkSync(join(dir, 'outside'), join(dir, 'content/posts/folder'));
    symlinkSync(join(dir, 'outside/secret.md'), join(dir, 'content/posts/trip/asset.md'));
    const read = readHugoSite(dir);
    expect(read.pages.map((p) => p.pathKey)).toEqual(['real', 'trip']);
    expect(read.problems.map((p) => p.file.slice(dir.length + 1))).toEqual([
      'content/posts/folder',
      'content/posts/linked.md',
      'content/posts/trip/asset.md',
    ]);
    expect(read.problems[0]?.message).toContain('symbolic link');
  });
});

describe('readHugoSite: sections', () => {
  const files = {
    'hugo.toml': '',
    'content/blog/b.md': '---\ntitle: B\n---\n',
    'content/posts/p.md': '---\ntitle: P\n---\n',
    'content/news/n.md': '---\ntitle: N\n---\n',
    'content/about.md': '---\ntitle: About\n---\n',
  };

  it('reads the first of blog, posts, news, post by default, and only that one', () => {
    const read = readHugoSite(site(files));
    expect(read.sections).toEqual(['blog']);
    expect(read.pages.map((p) => p.rel)).toEqual(['content/blog/b.md']);
  });

  it('reads the sections given, with the section in the page keys when several', () => {
    const dir = site(files);
    expect(readHugoSite(dir, { sections: ['news'] }).pages.map((p) => p.pathKey)).toEqual(['n']);
    const both = readHugoSite(dir, { sections: ['news', 'posts', 'missing'] });
    expect(both.pages.map((p) => p.pathKey)).toEqual(['news/n', 'posts/p']);
    expect(both.sections).toEqual(['news', 'posts']);
    expect(both.problems[0]?.message).toContain('section "missing"');
  });

  it('says so when no news section is found', () => {
    const read = readHugoSite(site({ 'hugo.toml': '', 'content/docs/a.md': 'A\n' }));
    expect(read.pages).toEqual([]);
    expect(read.problems[0]?.message).toContain('no news section found');
  });
});
