/**
 * The Docusaurus reader of `npm run migrate` on small blogs built in temporary folders: locales from
 * the config text, posts of each locale, dates from front matter or path, authors, links and broken
 * front matter reported with their line.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dateFromPath, readDocusaurusSite } from '#tools/migrate/docusaurus-site.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A site folder holding `files` (path → text). */
function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'news-archive-docusaurus-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

// A real config's first lines; `${'import'}` keeps tests/unit/dependencies.test.ts from reading its type
// comment as an import of this project.
const CONFIG = `// @ts-check
/** @type {${'import'}('@docusaurus/types').Config} */
const config = {
  url: 'https://example.org', // not a comment: https://
  i18n: {
    defaultLocale: "en",
    // locales: ['fr'],
    locales: ["en", "zh-Hans"],
    localeConfigs: { en: { label: 'English' }, 'zh-Hans': { label: '简体中文' } },
  },
};
module.exports = config;
`;
const ZH = 'i18n/zh-Hans/docusaurus-plugin-content-blog';

describe('readDocusaurusSite', () => {
  it('reads the locales from the config text and each locale’s posts', () => {
    const dir = site({
      'docusaurus.config.js': CONFIG,
      'blog/2024-04-30-launch.md': '---\ntitle: Launch\n---\nHello\n<!-- truncate -->\nMore\n',
      'blog/2024/05/02/nested/index.mdx': '---\ntitle: Nested\nslug: /custom\n---\n\nBody\n',
      'blog/undated.md': '---\ntitle: Undated\ndate: 2023-01-02T10:00:00Z\n---\nText\n',
      'blog/_partial.md': 'partial',
      'blog/notes.txt': 'not a post',
      [`${ZH}/2024-04-30-launch.md`]: '---\ntitle: 发布\ndate: 2024-05-01\n---\n你好\n',
    });
    const result = readDocusaurusSite(dir);
    expect(result.generator).toBe('docusaurus');
    expect(result.defaultLocale).toBe('en');
    expect(result.locales).toEqual(['en', 'zh-Hans']);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([{ file: path.join(dir, 'blog/_partial.md'), reason: expect.any(String) }]);
    expect(result.pages.map((p) => [p.rel, p.sourceLocale, p.pathKey])).toEqual([
      ['blog/2024-04-30-launch.md', 'en', '2024-04-30-launch'],
      ['blog/2024/05/02/nested/index.mdx', 'en', '2024/05/02/nested'],
      ['blog/undated.md', 'en', 'undated'],
      [`${ZH}/2024-04-30-launch.md`, 'zh-Hans', '2024-04-30-launch'],
    ]);
    const [launch, nested, undated, zh] = result.pages;
    expect(launch).toMatchObject({
      frontMatter: { title: 'Launch', date: '2024-04-30' },
      frontMatterFormat: 'yaml',
      date: '2024-04-30',
      dateFromFileName: true,
      body: 'Hello\n<!-- truncate -->\nMore\n',
      bodyLine: 4,
      url: '/blog/2024/04/30/launch',
      aliases: [],
    });
    expect(launch?.bundleDir).toBeUndefined();
    expect(nested).toMatchObject({
      slug: '/custom',
      url: '/blog/custom',
      date: '2024-05-02',
      dateFromFileName: true,
      bundleDir: path.join(dir, 'blog/2024/05/02/nested'),
      body: '\nBody\n',
      bodyLine: 5,
    });
    expect(undated).toMatchObject({ date: '2023-01-02T10:00:00Z', dateFromFileName: false, url: '/blog/undated' });
    // Front matter wins over the path, and is never overwritten.
    expect(zh).toMatchObject({ frontMatter: { date: '2024-05-01' }, dateFromFileName: false });
    expect(zh?.url).toBe('/zh-Hans/blog/2024/04/30/launch');
  });

  it('reads authors.yml per locale', () => {
    const dir = site({
      'docusaurus.config.ts': CONFIG,
      'blog/authors.yml':
        'jane:\n  name: Jane\n  title: Editor\n  url: https://x.org\n  image_url: /j.png\n  extra: 1\n',
      [`${ZH}/authors.yml`]: 'jane:\n  name: 简\nbroken: text\n',
    });
    const result = readDocusaurusSite(dir);
    expect(result.authors.get('en')?.get('jane')).toEqual({
      name: 'Jane',
      title: 'Editor',
      url: 'https://x.org',
      image_url: '/j.png',
    });
    expect(result.authors.get('zh-Hans')?.get('jane')).toEqual({ name: '简' });
    expect(result.problems).toEqual([
      { file: path.join(dir, ZH, 'authors.yml'), line: 3, message: expect.stringContaining('"broken"') },
    ]);
  });

  it('reports unreadable front matter at its line and skips the file', () => {
    const dir = site({
      'docusaurus.config.mjs': 'export default { i18n: { defaultLocale: "en", locales: ["en"] } };',
      'blog/bad.md': '---\ntitle: ok\ntags: [a, b\n---\nBody\n',
      'blog/open.md': '---\ntitle: never closed\n',
      'blog/list.md': '---\n- a\n---\nBody\n',
      'blog/code.md': '---js\n{ title: "x" }\n---\nBody\n',
      'blog/none.md': 'Just text\n',
    });
    writeFileSync(
      path.join(dir, 'blog/gbk.md'),
      Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a, 0xc4, 0xe3, 0x0a]),
    );
    const result = readDocusaurusSite(dir);
    expect(result.pages.map((p) => [p.rel, p.frontMatterFormat, p.bodyLine])).toEqual([['blog/none.md', 'none', 1]]);
    expect(result.problems.map((p) => [path.basename(p.file), p.line])).toEqual([
      ['bad.md', 3],
      ['code.md', 1],
      ['gbk.md', 3],
      ['list.md', 1],
      ['open.md', 1],
    ]);
  });

  it('reads a file with a byte order mark and Windows line endings', () => {
    const dir = site({ 'blog/2024-01-02-crlf.md': '\uFEFF---\r\ntitle: CRLF\r\n---\r\nLine one\r\n' });
    const [crlf] = readDocusaurusSite(dir).pages;
    expect(crlf).toMatchObject({
      frontMatter: { title: 'CRLF', date: '2024-01-02' },
      body: 'Line one\r\n',
      bodyLine: 4,
    });
  });

  it('never follows a symbolic link, and reports it', () => {
    const dir = site({ 'docusaurus.config.js': CONFIG, 'outside/2024-01-01-x.md': '---\ntitle: X\n---\n' });
    mkdirSync(path.join(dir, 'blog'));
    symlinkSync(path.join(dir, 'outside/2024-01-01-x.md'), path.join(dir, 'blog/2024-01-01-x.md'));
    mkdirSync(path.join(dir, 'i18n/zh-Hans'), { recursive: true });
    symlinkSync(path.join(dir, 'outside'), path.join(dir, ZH));
    const result = readDocusaurusSite(dir);
    expect(result.pages).toEqual([]);
    expect(result.problems.map((p) => p.file)).toEqual([path.join(dir, 'blog/2024-01-01-x.md'), path.join(dir, ZH)]);
  });

  it('uses another blog folder, and English alone without a config (reported)', () => {
    const dir = site({ 'news/a.md': '---\ntitle: A\n---\n' });
    const result = readDocusaurusSite(dir, { blogDir: 'news' });
    expect(result.locales).toEqual(['en']);
    expect(result.pages.map((p) => p.rel)).toEqual(['news/a.md']);
    expect(result.problems).toEqual([{ file: dir, line: 1, message: expect.stringContaining('docusaurus.config') }]);
  });

  it('reports a config whose locales are computed', () => {
    const dir = site({
      'docusaurus.config.js': 'const l = ["en"]; module.exports = { i18n: { defaultLocale: "en", locales: l } };',
    });
    const result = readDocusaurusSite(dir);
    expect(result.locales).toEqual(['en']);
    expect(result.problems).toHaveLength(1);
  });
});

describe('dateFromPath', () => {
  it('reads Docusaurus’s date forms and refuses impossible dates', () => {
    expect(dateFromPath('2020-12-7-name.md')).toBe('2020-12-07');
    expect(dateFromPath('2024/04/30/name/index.md')).toBe('2024-04-30');
    expect(dateFromPath('2024-04-30.md')).toBe('2024-04-30');
    expect(dateFromPath('archive/2024-04-30-name/index.mdx')).toBe('2024-04-30');
    expect(dateFromPath('2024-02-30-name.md')).toBeUndefined();
    expect(dateFromPath('v2024-04-30.md')).toBeUndefined();
    expect(dateFromPath('name.md')).toBeUndefined();
  });
});
