/** mapSite on tiny Hugo and Docusaurus sites read from disk by their readers: the whole chain, end to end. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDocusaurusSite } from '#tools/migrate/docusaurus-site.ts';
import { readHugoSite } from '#tools/migrate/hugo-site.ts';
import { mapSite } from '#tools/migrate/map-site.ts';
import type { MigrationPlan } from '#tools/migrate/plan.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a site (relative path → text) to a new temporary folder and returns the folder. */
function site(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'map-readers-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

/** The text of a planned file. */
function text(plan: MigrationPlan, path: string): string {
  const file = plan.files.find((f) => f.path === path);
  if (!file || !('text' in file)) throw new Error(`no text file ${path}: ${plan.files.map((f) => f.path).join(', ')}`);
  return file.text;
}

describe('mapSite on a Hugo site', () => {
  it('pairs by folder, copies bundle images, rewrites relref links and keeps old paths', () => {
    const dir = site({
      'hugo.toml':
        'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.zh-cn]\ncontentDir = "content/zh-cn"\nweight = 2\n',
      'content/en/posts/launch/index.md':
        '---\ntitle: Launch\ndate: 2024-04-30\nauthor: Jane Doe\n---\n\nWe launched.\n\n<!--more-->\n\n![Stage](stage.jpg)\n\nSee {{< relref "recap.md" >}}.\n',
      'content/en/posts/launch/stage.jpg': 'jpg',
      'content/zh-cn/posts/launch/index.md':
        '---\ntitle: 发布\ndate: 2024-04-30\nauthor: 简·多伊\n---\n\n我们发布了。\n\n![舞台](/img/stage.jpg)\n',
      'static/img/stage.jpg': 'other jpg',
      'content/en/posts/recap.md': '---\ntitle: Recap\ndate: 2024-05-02\ndescription: The recap.\n---\nText.\n',
    });
    const read = readHugoSite(dir);
    expect(read.problems).toEqual([]);
    const plan = mapSite(read, { locales: ['en', 'zh'] });
    expect(plan.files.map((f) => f.path)).toEqual([
      'articles/2024/launch/en.md',
      'articles/2024/launch/stage-2.jpg',
      'articles/2024/launch/stage.jpg',
      'articles/2024/launch/zh.md',
      'articles/2024/recap/en.md',
      'speakers/jane-doe.yaml',
    ]);
    const en = text(plan, 'articles/2024/launch/en.md');
    expect(en).toContain('summary: "TODO confirm: We launched."\n');
    expect(en).toContain('![Stage](./stage.jpg)');
    expect(en).toContain('See /en/2024/recap/.');
    expect(en).toContain('aliases:\n  - /posts/launch/\n');
    const zh = text(plan, 'articles/2024/launch/zh.md');
    expect(zh).toContain('![舞台](./stage-2.jpg)');
    expect(zh).toContain('aliases:\n  - /zh-cn/posts/launch/\n');
    expect(text(plan, 'speakers/jane-doe.yaml')).toBe('name:\n  en: Jane Doe\n  zh: 简·多伊\n');
    expect(plan.counts).toMatchObject({ stories: 2, pairs: 1, images: 2, speakers: 1 });
    // The relref convertBody resolved points at our page already: not a link to note.
    expect(plan.notes.filter((n) => n.kind === 'link')).toEqual([]);
  });

  it('makes old addresses from the configuration’s permalinks', () => {
    const dir = site({
      'hugo.toml': '[permalinks]\n  posts = "/:year/:month/:slug/"\n',
      'content/posts/hello.md': '---\ntitle: Hello There\ndate: 2024-04-30\ndescription: Hi.\n---\nText.\n',
    });
    const plan = mapSite(readHugoSite(dir), { locales: ['en', 'zh'] });
    expect(text(plan, 'articles/2024/hello/en.md')).toContain('aliases:\n  - /2024/04/hello-there/\n');
  });
});

describe('mapSite on a Docusaurus site', () => {
  it('reads dates from file names, authors per locale and /<locale>/blog/ addresses', () => {
    const dir = site({
      'docusaurus.config.js': "export default { i18n: { defaultLocale: 'en', locales: ['en', 'zh-Hans'] } };\n",
      'blog/authors.yml': 'jane:\n  name: Jane Doe\n',
      'blog/2024-03-01-hello.md':
        '---\ntitle: Hello\nauthors: jane\ntags: [news]\n---\n\nHi.\n\n<!-- truncate -->\n\nMore.\n',
      'i18n/zh-Hans/docusaurus-plugin-content-blog/authors.yml': 'jane:\n  name: 简\n',
      'i18n/zh-Hans/docusaurus-plugin-content-blog/2024-03-01-hello.md':
        '---\ntitle: 你好\nauthors: jane\ntags: [新闻]\n---\n\n你好。\n',
    });
    const read = readDocusaurusSite(dir);
    expect(read.problems).toEqual([]);
    const plan = mapSite(read, { locales: ['en', 'zh'] });
    const en = text(plan, 'articles/2024/hello/en.md');
    expect(en).toContain('date: 2024-03-01\n');
    expect(en).toContain('summary: "TODO confirm: Hi."\n');
    expect(en).toContain('aliases:\n  - /blog/2024/03/01/hello/\n');
    expect(text(plan, 'articles/2024/hello/zh.md')).toContain('aliases:\n  - /zh-Hans/blog/2024/03/01/hello/\n');
    expect(text(plan, 'speakers/jane-doe.yaml')).toBe('name:\n  en: Jane Doe\n  zh: 简\n');
    expect(text(plan, 'tags/news.yaml')).toBe('label:\n  en: news\n  zh: 新闻\n');
    expect(plan.notes.filter((n) => n.kind === 'disagreement')).toEqual([]);
  });
});
