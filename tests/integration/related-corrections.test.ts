// Builds a copy of the fixture site with two stories of its own (one corrected, in English and
// Chinese; one in Chinese only, sharing its speaker) and asserts on what readers, search engines and
// feed readers get: the dated corrections notice at the top of each language's page, `correction`
// and `dateModified` in the JSON-LD, the notice and date in the feed items, and the "Related
// stories" section at the end of the page, left out of the search index.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runBuild } from './build-site.ts';

let dir: string;
let out: string;

const EN = [
  '---',
  'title: Counterfeit Checks Extended to Online Shops',
  'date: 2024-11-20',
  'language: en',
  'summary: The trademark campaign now covers online shops.',
  'speakers: [chen-jiayi]',
  'organisations: [example-ip-office]',
  'tags: [trademarks]',
  'updated: 2024-11-21',
  'corrections:',
  '  - date: 2024-11-21',
  '    text: The campaign runs for a month, not a week.',
  '  - date: 2024-11-22',
  '    text: An earlier version gave the wrong number of <shopping> centres.',
  '---',
  '',
  'The campaign against counterfeit festival goods now covers online shops as well.',
  '',
];
const ZH = [
  '---',
  'title: 打假检查扩展到网店',
  'language: zh',
  'summary: 商标宣传活动现已覆盖网店。',
  'corrections:',
  '  - date: 2024-11-22',
  '    text: 此前版本写错了购物中心的数量。',
  '---',
  '',
  '打击节日假冒商品的宣传活动现已覆盖网店。',
  '',
];
const ZH_ONLY = [
  '---',
  'title: 陈佳怡谈网店商标保护',
  'date: 2024-11-25',
  'language: zh',
  'summary: 陈佳怡介绍网店商标保护措施。',
  'speakers: [chen-jiayi]',
  'organisations: [example-ip-office]',
  'tags: [trademarks]',
  '---',
  '',
  '陈佳怡介绍了网店商标保护措施。',
  '',
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-related-'));
  out = path.join(dir, 'dist');
  const content = path.join(dir, 'content');
  await cp(path.join(root, 'tests/fixtures/site/content'), content, { recursive: true });
  const write = async (story: string, file: string, lines: readonly string[]) => {
    await mkdir(path.join(content, 'articles/2024', story), { recursive: true });
    await writeFile(path.join(content, 'articles/2024', story, file), lines.join('\n'));
  };
  await write('counterfeit-online', 'en.md', EN);
  await write('counterfeit-online', 'zh.md', ZH);
  await write('online-trademarks-talk', 'zh.md', ZH_ONLY);
  const build = await runBuild({ CONTENT_DIR: content, OUT_DIR: out });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}, 600_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The built page at `page` (`en/2024/x/`), parsed. */
async function page(at: string): Promise<Root> {
  return fromHtml(await readFile(path.join(out, at, 'index.html'), 'utf8'));
}

/** Every element of a tree, in document order. */
function elements(node: Root | Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

/** The first element matching `test`, or a failure naming `what`. */
function find(tree: Root | Element, what: string, test: (el: Element) => boolean): Element {
  const found = elements(tree).find(test);
  if (!found) throw new Error(`no ${what}`);
  return found;
}

const hasClass = (el: Element, name: string) =>
  Array.isArray(el.properties['className']) && el.properties['className'].includes(name);

/** The story paths linked from the related section's headlines, in order. */
function relatedLinks(tree: Root): string[] {
  const section = find(tree, 'related section', (el) => el.tagName === 'section' && hasClass(el, 'related-stories'));
  return elements(section)
    .filter((el) => el.tagName === 'h3')
    .map((h3) => String(find(h3, 'headline link', (el) => el.tagName === 'a').properties['href']));
}

/** The page's NewsArticle node. */
function newsArticle(tree: Root): Record<string, unknown> {
  const script = find(
    tree,
    'JSON-LD',
    (el) => el.tagName === 'script' && el.properties['type'] === 'application/ld+json',
  );
  const graph = (JSON.parse(toString(script)) as { '@graph': Record<string, unknown>[] })['@graph'];
  const node = graph.find((n) => n['@type'] === 'NewsArticle');
  if (!node) throw new Error('no NewsArticle');
  return node;
}

describe('corrections on the page', () => {
  it('shows the notice at the top of the article, newest first, before the cover and body', async () => {
    const tree = await page('en/2024/counterfeit-online/');
    const article = find(tree, 'article', (el) => el.tagName === 'article');
    const aside = find(article, 'notice', (el) => el.tagName === 'aside');
    expect(aside.properties['role']).toBe('note');
    expect(aside.properties['ariaLabel']).toBe('Corrections');
    expect(
      elements(aside)
        .filter((el) => el.tagName === 'p')
        .map((p) => toString(p)),
    ).toEqual([
      'Correction, 22 November 2024: An earlier version gave the wrong number of <shopping> centres.',
      'Correction, 21 November 2024: The campaign runs for a month, not a week.',
    ]);
    // Right after the header: the first thing after the headline, date and summary.
    const children = article.children.filter((c): c is Element => c.type === 'element');
    expect(children.map((c) => c.tagName).slice(0, 2)).toEqual(['header', 'aside']);
    // "Updated" in the meta line is the file's `updated`, as written.
    const meta = find(article, 'meta line', (el) => hasClass(el, 'article__meta'));
    expect(toString(meta).replace(/\s+/g, ' ')).toContain('Updated 21 November 2024');
  });

  it('shows each language its own corrections, in its language, without a space after "："', async () => {
    const tree = await page('zh/2024/counterfeit-online/');
    const aside = find(tree, 'notice', (el) => el.tagName === 'aside' && hasClass(el, 'corrections'));
    expect(aside.properties['ariaLabel']).toBe('更正');
    expect(toString(aside)).toBe('更正（2024年11月22日）：此前版本写错了购物中心的数量。');
  });

  it('has no notice on a story without corrections', async () => {
    const tree = await page('en/2024/trademark-campaign/');
    expect(elements(tree).some((el) => el.tagName === 'aside' && hasClass(el, 'corrections'))).toBe(false);
  });
});

describe('corrections in the JSON-LD', () => {
  it('lists them as CorrectionComment and takes the newest as dateModified', async () => {
    const en = newsArticle(await page('en/2024/counterfeit-online/'));
    expect(en['dateModified']).toBe('2024-11-22');
    expect(en['correction']).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version gave the wrong number of <shopping> centres.',
        datePublished: '2024-11-22',
      },
      { '@type': 'CorrectionComment', text: 'The campaign runs for a month, not a week.', datePublished: '2024-11-21' },
    ]);
    const zh = newsArticle(await page('zh/2024/counterfeit-online/'));
    expect(zh['correction']).toEqual([
      { '@type': 'CorrectionComment', text: '此前版本写错了购物中心的数量。', datePublished: '2024-11-22' },
    ]);
    expect(zh['dateModified']).toBe('2024-11-22');
  });
});

describe('corrections in the feeds', () => {
  it('puts the notice before the item content and dates the item by the newest correction', async () => {
    const feed = JSON.parse(await readFile(path.join(out, 'en/feed.json'), 'utf8')) as {
      items: { id: string; content_html?: string; date_modified?: string }[];
    };
    const item = feed.items.find((i) => i.id.endsWith('/en/2024/counterfeit-online/'));
    expect(item?.date_modified).toBe('2024-11-22T00:00:00Z');
    expect(item?.content_html).toMatch(
      /^<aside role="note" class="corrections"><p><strong>Correction, 22 November 2024:<\/strong> An earlier version gave the wrong number of &#x3C;shopping> centres\.<\/p>/,
    );
    const atom = await readFile(path.join(out, 'en/atom.xml'), 'utf8');
    const entry = atom.split('<entry').find((e) => e.includes('/en/2024/counterfeit-online/')) ?? '';
    expect(entry).toContain('<updated>2024-11-22T00:00:00Z</updated>');
    expect(entry).toContain('Correction, 21 November 2024:');
    const rss = await readFile(path.join(out, 'zh/rss.xml'), 'utf8');
    expect(rss).toContain('更正（2024年11月22日）：&lt;/strong&gt;此前版本写错了购物中心的数量。');
  });
});

describe('related stories', () => {
  it('ends the article with the stories that share the most, same language first, never itself', async () => {
    const tree = await page('en/2024/counterfeit-online/');
    const section = find(tree, 'related section', (el) => el.tagName === 'section' && hasClass(el, 'related-stories'));
    expect(section.properties['dataPagefindIgnore']).toBe('all');
    expect(toString(find(section, 'heading', (el) => el.tagName === 'h2'))).toBe('Related stories');
    const links = relatedLinks(tree);
    // Speaker 3 + organisation 2 + tag 1: the campaign story comes first.
    expect(links[0]).toBe('/en/2024/trademark-campaign/');
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(4);
    expect(links).not.toContain('/en/2024/counterfeit-online/');
    // The Chinese-only story shares as much, but English versions fill the list first.
    expect(links.every((href) => href.startsWith('/en/'))).toBe(true);
    // Outside the article, after it: never part of its indexed text.
    const main = find(tree, 'main', (el) => el.tagName === 'main');
    const article = find(main, 'article', (el) => el.tagName === 'article');
    expect(elements(article)).not.toContain(section);
  });

  it('shows the Chinese page its Chinese related stories, headlines broken between words', async () => {
    const tree = await page('zh/2024/counterfeit-online/');
    const section = find(tree, 'related section', (el) => el.tagName === 'section' && hasClass(el, 'related-stories'));
    expect(toString(find(section, 'heading', (el) => el.tagName === 'h2'))).toBe('相关报道');
    const links = relatedLinks(tree);
    // Speaker, organisation and tag shared (6), 5 days away, ahead of the campaign story (6, 5 days before: older).
    expect(links.slice(0, 2)).toEqual(['/zh/2024/online-trademarks-talk/', '/zh/2024/trademark-campaign/']);
    expect(elements(section).some((el) => el.tagName === 'wbr')).toBe(true);
  });

  it('relates the other stories back', async () => {
    expect(relatedLinks(await page('en/2024/trademark-campaign/'))[0]).toBe('/en/2024/counterfeit-online/');
  });
});
