// Builds the fixture site (tests/fixtures/site) for real, at the root and under a preview sub-path,
// and asserts on dist/: page types per locale, links, language switching, pinyin order, sanitizing,
// mixed-language passages, whitespace, figures, redirects, drafts.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSiteLinks } from '#pipeline/links.ts';
import { root, sharedBuild } from './build-site.ts';
import { indexedPageCounts, loadPagefind, searchHits, searchShards } from './pagefind-node.ts';

const content = path.join(root, 'tests/fixtures/site/content');
const SUB_PATH = '/previews/pr-42/';
let out: string;
let subOut: string;

// Both builds are shared read-only with other test files of the run (sharedBuild).
beforeAll(async () => {
  const [rootBuild, subBuild] = [
    await sharedBuild({ CONTENT_DIR: content }),
    await sharedBuild({ CONTENT_DIR: content, BASE_PATH: SUB_PATH }),
  ];
  ({ out } = rootBuild);
  ({ out: subOut } = subBuild);
  for (const { build } of [rootBuild, subBuild]) {
    if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
  }
});

/** The parsed page at `page` (relative to dist, e.g. `en/`), from the root build unless `dir` is given. */
async function load(page: string, dir = out): Promise<Root> {
  const file = page.endsWith('.html') ? page : path.join(page, 'index.html');
  return fromHtml(await readFile(path.join(dir, file), 'utf8'));
}

/** Every element of a tree, in document order. */
function elements(tree: Root | Element): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'element') {
        found.push(child);
        walk(child);
        if (child.content) walk(child.content);
      }
    }
  };
  walk(tree);
  return found;
}

/** Elements matching a tag name and optional attribute test. */
function select(tree: Root | Element, tag: string, test: (e: Element) => boolean = () => true): Element[] {
  return elements(tree).filter((e) => e.tagName === tag && test(e));
}

const prop = (e: Element, name: string) => {
  const value = e.properties[name];
  return Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? undefined : String(value);
};
const hasClass = (e: Element, name: string) => (prop(e, 'className') ?? '').split(' ').includes(name);

/** Every .html file under a directory, relative. */
async function htmlFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const rel = path.join(prefix, entry.name);
      if (entry.isDirectory()) return htmlFiles(dir, rel);
      return Promise.resolve(entry.name.endsWith('.html') ? [rel] : []);
    }),
  );
  return nested.flat();
}

describe('every page type, in every locale', () => {
  it('exists', async () => {
    const pages = ['index.html', '404.html'];
    for (const locale of ['en', 'zh']) {
      pages.push(
        ...[
          '',
          'page/2/',
          '2023/innovation-week-opens/',
          'speakers/',
          'speakers/zhang-wei/',
          'organisations/',
          'organisations/example-ip-office/',
          'events/',
          'events/example-forum-2024/',
          'tags/',
          'tags/innovation/',
          'tags/innovation/page/2/',
          'archive/',
          'archive/2024/',
          'archive/2024/04/',
        ].map((p) => `${locale}/${p}index.html`),
      );
    }
    for (const page of pages) await expect(stat(path.join(out, page)), page).resolves.toBeTruthy();
  });

  it('paginates listings at the configured page size', async () => {
    const home = await load('en/');
    // Page 1: the lead (the featured forum-photo-report, one of its ten) above the nine others.
    expect(select(home, 'article', (e) => hasClass(e, 'lead-story'))).toHaveLength(1);
    expect(select(home, 'li', (e) => hasClass(e, 'story-card'))).toHaveLength(9);
    const second = await load('en/page/2/');
    // 14 English stories plus the Chinese-only one, shown with a badge.
    expect(select(second, 'li', (e) => hasClass(e, 'story-card'))).toHaveLength(5);
    expect(select(home, 'a', (e) => prop(e, 'rel') === 'next').map((a) => prop(a, 'href'))).toEqual(['/en/page/2/']);
    const tagPage2 = await load('zh/tags/innovation/page/2/');
    expect(select(tagPage2, 'li', (e) => hasClass(e, 'story-card'))).toHaveLength(3);
  });
});

describe('links', () => {
  it('has no broken internal link, asset or anchor in a root build', async () => {
    const result = await checkSiteLinks({ distDir: out, base: '/' });
    expect(result.problems).toEqual([]);
    expect(result.pages).toBeGreaterThan(100);
  });

  it('has no broken link in a build under a preview sub-path, and every link stays under it', async () => {
    const result = await checkSiteLinks({ distDir: subOut, base: SUB_PATH });
    expect(result.problems).toEqual([]);
    const article = await load('en/2024/forum-photo-report/', subOut);
    const hrefs = select(article, 'a').map((a) => prop(a, 'href') ?? '');
    const internal = hrefs.filter((h) => h.startsWith('/'));
    expect(internal.length).toBeGreaterThan(10);
    for (const href of internal) expect(href.startsWith(SUB_PATH), href).toBe(true);
    const images = select(article, 'img').map((img) => prop(img, 'src') ?? '');
    for (const src of images) expect(src.startsWith(`${SUB_PATH}_astro/`), src).toBe(true);
    // A link the editor wrote site-absolute in the body (src/plugins/rehype-base-path.ts), on the page and in the feed.
    expect(hrefs).toContain(`${SUB_PATH}en/events/example-forum-2024-opening/`);
    expect(await readFile(path.join(subOut, 'en/rss.xml'), 'utf8')).toContain(
      `https://news.example.org${SUB_PATH}en/events/example-forum-2024-opening/`,
    );
  });
});

describe('languages', () => {
  it('switches to the same story in the other language, with hreflang alternates', async () => {
    const en = await load('en/2024/forum-photo-report/');
    const html = select(en, 'html')[0];
    expect(html && prop(html, 'lang')).toBe('en');
    const switcher = select(en, 'nav', (e) => hasClass(e, 'language-switcher'))[0];
    expect(switcher).toBeDefined();
    expect(select(switcher!, 'a').map((a) => [prop(a, 'hrefLang'), prop(a, 'href')])).toEqual([
      ['zh-Hans', '/zh/2024/forum-photo-report/'],
    ]);
    const alternates = select(en, 'link', (e) => prop(e, 'rel') === 'alternate' && prop(e, 'hrefLang') !== undefined);
    expect(alternates.map((l) => [prop(l, 'hrefLang'), prop(l, 'href')])).toEqual([
      ['en', 'https://news.example.org/en/2024/forum-photo-report/'],
      ['zh-Hans', 'https://news.example.org/zh/2024/forum-photo-report/'],
      ['x-default', 'https://news.example.org/en/2024/forum-photo-report/'],
    ]);
    const canonical = select(en, 'link', (e) => prop(e, 'rel') === 'canonical')[0];
    expect(canonical && prop(canonical, 'href')).toBe('https://news.example.org/en/2024/forum-photo-report/');
  });

  it('does not fake a missing translation; listings show the existing version with its language', async () => {
    await expect(stat(path.join(out, 'zh/2024/green-patents-pilot'))).rejects.toThrow();
    await expect(stat(path.join(out, 'en/2023/river-delta-tech-forum'))).rejects.toThrow();
    const enOnly = await load('en/2024/green-patents-pilot/');
    expect(select(enOnly, 'link', (e) => prop(e, 'hrefLang') === 'zh-Hans')).toEqual([]);

    const enArchive = await load('en/archive/2023/09/');
    const card = select(enArchive, 'li', (e) => hasClass(e, 'story-card'))[0];
    expect(card).toBeDefined();
    const link = select(select(card!, 'h2')[0]!, 'a')[0];
    expect(link && prop(link, 'href')).toBe('/zh/2023/river-delta-tech-forum/');
    const badge = select(card!, 'span', (e) => hasClass(e, 'badge'))[0];
    expect(badge && [toString(badge).trim(), prop(badge, 'lang')]).toEqual(['中文', 'zh-Hans']);
    const title = select(card!, 'h2')[0];
    expect(title && prop(title, 'lang')).toBe('zh-Hans');
  });

  it('marks mixed-language passages with their language', async () => {
    const en = await load('en/2024/mixed-language-forum/');
    const body = select(en, 'div', (e) => hasClass(e, 'article__body'))[0]!;
    const zhParagraphs = select(body, 'p', (e) => prop(e, 'lang') === 'zh-Hans').map((p) => toString(p));
    expect(zhParagraphs).toEqual([
      '会议一致认为，人名、机构名和术语应当在首次出现时给出两种语言的写法，此后保持一致。',
    ]);
    const zhSpans = select(body, 'span', (e) => prop(e, 'lang') === 'zh-Hans').map((s) => toString(s));
    expect(zhSpans).toEqual(expect.arrayContaining(['欧阳静', '曾卫东']));

    const zh = await load('zh/2024/mixed-language-forum/');
    const zhBody = select(zh, 'div', (e) => hasClass(e, 'article__body'))[0]!;
    const enParagraphs = select(zhBody, 'p', (e) => prop(e, 'lang') === 'en').map((p) => toString(p));
    expect(enParagraphs).toHaveLength(1);
    expect(enParagraphs[0]).toMatch(/^The panel agreed that names of people/);
    const enSpans = select(zhBody, 'span', (e) => prop(e, 'lang') === 'en').map((s) => toString(s));
    expect(enSpans).toEqual(expect.arrayContaining(['Lumen Press', 'Amelia Hart']));
  });

  it('keeps the space between a word and a link on the next source line (compressHTML must not be "jsx")', async () => {
    const en = await load('en/2024/mixed-language-forum/');
    const paragraph = select(en, 'p').find((p) => toString(p).includes('full report'));
    expect(paragraph && toString(paragraph).replace(/\s+/g, ' ')).toContain('can read the full report today');
    // Template text and elements too: "Published" and its date stay two words.
    const meta = select(en, 'p', (e) => hasClass(e, 'article__meta'))[0];
    expect(meta && toString(meta).replace(/\s+/g, ' ').trim()).toBe('Published 18 January 2024');
  });

  it('orders the Chinese speaker index by pinyin, grouped by pinyin initial, and the English one alphabetically', async () => {
    const index = async (locale: string) =>
      select(await load(`${locale}/speakers/`), 'section', (e) => hasClass(e, 'initial-group')).map((section) => [
        toString(select(section, 'h2')[0]!).trim(),
        ...select(section, 'a', (e) => hasClass(e, 'entry__name')).map((a) => toString(a).trim()),
      ]);
    expect(await index('zh')).toEqual([
      ['A', '安宁', 'Amelia Hart'],
      ['B', '白露'],
      ['C', '陈佳怡'],
      ['H', 'Hélène Marchetti'],
      ['L', '吕芳'],
      ['O', '欧阳静'],
      ['Z', '曾卫东', '张伟', '赵磊'],
    ]);
    expect(await index('en')).toEqual([
      ['A', 'Amelia Hart', 'An Ning'],
      ['B', 'Bai Lu'],
      ['C', 'Chen Jiayi'],
      ['L', 'Lü Fang'],
      ['M', 'Hélène Marchetti'],
      ['O', 'Ouyang Jing'],
      ['Z', 'Zeng Weidong', 'Zhang Wei', 'Zhao Lei'],
    ]);
  });

  it('writes dates and month names through Intl in each locale', async () => {
    const zhArchive = toString(await load('zh/archive/'));
    expect(zhArchive).toContain('四月');
    const enMonth = await load('en/archive/2024/04/');
    expect(toString(select(enMonth, 'h1')[0]!)).toMatch(/^April 2024/);
    // 07:30 +08:00 on 10 September is still 9 September in UTC: the newsroom's zone decides.
    const timed = await load('en/2024/speaker-roundtable/');
    expect(toString(select(timed, 'time')[0]!)).toBe('10 September 2024');
  });
});

describe('hostile content', () => {
  const hostilePages = ['en/2024/hostile-markup/', 'zh/2024/hostile-markup/'];

  it('never lets markup from content execute, on any page of the site', async () => {
    const files = await htmlFiles(out);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const tree = await load(file);
      for (const e of elements(tree)) {
        const where = `${file}: <${e.tagName}>`;
        expect(['object', 'embed', 'svg', 'base'], where).not.toContain(e.tagName);
        // Our own scripts only: bundled modules and JSON-LD data; our own form only: site search.
        if (e.tagName === 'script') {
          const ours =
            prop(e, 'type') === 'application/ld+json' ||
            (prop(e, 'type') === 'module' && (prop(e, 'src') ?? '').startsWith('/_astro/'));
          expect(ours, `${where} ${prop(e, 'type')} ${prop(e, 'src')}`).toBe(true);
        }
        if (e.tagName === 'form')
          expect(
            file === path.join('en', 'search', 'index.html') || file === path.join('zh', 'search', 'index.html'),
            where,
          ).toBe(true);
        for (const [name, value] of Object.entries(e.properties)) {
          expect(name.toLowerCase().startsWith('on'), `${where} ${name}`).toBe(false);
          if (['href', 'src', 'action', 'formAction'].includes(name)) {
            expect(String(value).trim().toLowerCase(), `${where} ${name}`).not.toMatch(/^(javascript|vbscript|data):/);
          }
        }
        if (e.tagName === 'iframe') {
          // Privacy-enhanced players only (2024/digital-archive-launch embeds YouTube and Vimeo).
          expect(prop(e, 'src'), where).toMatch(/^https:\/\/(?:www\.youtube-nocookie\.com|player\.vimeo\.com)\//);
          expect(prop(e, 'sandbox'), where).toBeTruthy();
        }
      }
    }
  });

  it('prints hostile titles and summaries as text in the title, meta tags and listings', async () => {
    for (const page of hostilePages) {
      const tree = await load(page);
      const title = toString(select(tree, 'title')[0]!);
      expect(title).toContain('</script><script>alert(1)</script>');
      // Typeset like every title (src/lib/typography.ts): the straight quote is a curly one.
      expect(title).toContain('\u201c><img src=x onerror=alert(2)>');
      const description = select(tree, 'meta', (e) => prop(e, 'name') === 'description')[0];
      expect(description && prop(description, 'content')).toContain('</script>');
      expect(select(tree, 'iframe')).toHaveLength(1);
      expect(select(tree, 'style')).toEqual([]);
      expect(select(tree, 'div', (e) => prop(e, 'style') !== undefined)).toEqual([]);
    }
    // In text, markup is escaped; in attribute values only quotes matter, and they are escaped.
    const raw = await readFile(path.join(out, 'en/2024/hostile-markup/index.html'), 'utf8');
    expect(raw).toContain('<title>Hostile &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(raw).toContain('content="Summary with </script><script>alert(1)</script> and \u201c><img');
  });
});

describe('articles', () => {
  it('highlights code at build time and boxes tables, named in the page language', async () => {
    // Each locale joins label and value in its own form ("Code: Python", "代码：Python").
    for (const [locale, code, table, separator] of [
      ['en', 'Code', 'Table', ': '],
      ['zh', '代码', '表格', '：'],
    ] as const) {
      const tree = await load(`${locale}/2024/patent-data-api/`);
      const body = select(tree, 'div', (e) => hasClass(e, 'article__body'))[0]!;
      const blocks = select(body, 'pre');
      expect(blocks.length, locale).toBeGreaterThanOrEqual(3);
      for (const pre of blocks) {
        expect(hasClass(pre, 'astro-code'), locale).toBe(true);
        expect([prop(pre, 'tabIndex'), prop(pre, 'role')]).toEqual(['0', 'group']);
        expect(prop(pre, 'ariaLabel')).toMatch(new RegExp(`^${code}(${separator}.+)?$`));
        // Blocks in a language have coloured tokens (plain text has none).
        const coloured = select(pre, 'span', (e) =>
          /^--shiki-light:#\w+;--shiki-dark:#\w+$/.test(prop(e, 'style') ?? ''),
        );
        if (prop(pre, 'dataLabel') !== undefined) expect(coloured.length, prop(pre, 'dataLabel')).toBeGreaterThan(0);
      }
      expect(blocks.map((pre) => prop(pre, 'dataLabel'))).toEqual(expect.arrayContaining(['Shell', 'Python', 'JSON']));
      const boxes = select(body, 'div', (e) => hasClass(e, 'table-scroll'));
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) {
        expect(prop(box, 'ariaLabel')).toMatch(new RegExp(`^${table}${separator}`));
        expect(select(box, 'table')).toHaveLength(1);
      }
      // Highlighting writes no colour, only Shiki's colour variables, in its style attributes.
      const declarations = elements(body).flatMap((e) => prop(e, 'style')?.split(';') ?? []);
      expect(declarations.length).toBeGreaterThan(0);
      expect(declarations.filter((d) => !/^--shiki-[a-z-]+:/.test(d))).toEqual([]);
    }
  });

  it('turns images with titles and credit lines into figures, through the image pipeline', async () => {
    for (const [locale, credit] of [
      ['en', 'Photo: Example Forum'],
      ['zh', '图：示例论坛'],
    ] as const) {
      const tree = await load(`${locale}/2024/forum-photo-report/`);
      const body = select(tree, 'div', (e) => hasClass(e, 'article__body'))[0]!;
      const figures = select(body, 'figure');
      expect(figures).toHaveLength(2);
      const credits = figures.map((f) => toString(select(f, 'span', (e) => hasClass(e, 'credit'))[0]!));
      expect(credits).toEqual([credit, credit]);
      for (const figure of figures) {
        const img = select(figure, 'img')[0]!;
        expect(prop(img, 'width')).toBe('1200');
        expect(prop(img, 'height')).toBe('800');
        expect(prop(img, 'loading')).toBe('lazy');
        // The column at 1x and 1.5x, and the picture's own width (under 2x the column).
        expect(prop(img, 'srcSet')).toMatch(/ 672w, .* 1008w, .* 1200w$/);
      }
      // The cover, with its caption and credit.
      const cover = select(tree, 'figure', (e) => hasClass(e, 'article__cover'))[0]!;
      expect(select(cover, 'source').length).toBeGreaterThan(0);
      expect(select(cover, 'span', (e) => hasClass(e, 'credit'))).toHaveLength(1);
    }
  });

  it('shows the event box, speakers with their roles, tags, source and neighbours', async () => {
    const tree = await load('en/2023/innovation-week-opens/');
    const box = select(tree, 'aside', (e) => hasClass(e, 'event-box'))[0]!;
    expect(select(box, 'a').map((a) => prop(a, 'href'))).toContain('/en/events/innovation-week-2023/');
    expect(toString(box)).toMatch(/13\s–\s17 March 2023/u);
    const speakerLinks = select(tree, 'ul', (e) => hasClass(e, 'people-list')).flatMap((ul) => select(ul, 'a'));
    expect(speakerLinks.length).toBeGreaterThan(0);
    for (const a of speakerLinks) expect(prop(a, 'href')).toMatch(/^\/en\/speakers\/[a-z-]+\/$/);
    const nav = select(tree, 'nav', (e) => hasClass(e, 'story-nav'))[0]!;
    expect(select(nav, 'a').map((a) => prop(a, 'href'))).toEqual(['/en/2023/open-data-portal/']);
    const source = await load('en/2023/open-data-portal/');
    expect(select(source, 'a', (e) => hasClass(e, 'external')).length).toBeGreaterThan(0);
  });

  it('keeps drafts out of every page', async () => {
    await expect(stat(path.join(out, 'en/2023/draft-budget-note'))).rejects.toThrow();
    for (const file of await htmlFiles(out)) {
      expect(await readFile(path.join(out, file), 'utf8'), file).not.toContain('DRAFT-MARKER-7f3a');
    }
    const tag = toString(await load('en/tags/innovation/'));
    expect(tag).toContain('13 stories');
  });
});

describe('moved stories', () => {
  it('serves a redirect page at every alias and lists them in _redirects', async () => {
    // An old address that named a file is that file, not a directory.
    for (const alias of ['news/2023/old-name/', 'en/old-path/', 'news/startup-clinic.html']) {
      const tree = await load(alias);
      const refresh = select(tree, 'meta', (e) => prop(e, 'httpEquiv') === 'refresh')[0];
      expect(refresh && prop(refresh, 'content')).toBe('0; url=/en/2023/startup-clinic-launch/');
      const canonical = select(tree, 'link', (e) => prop(e, 'rel') === 'canonical')[0];
      expect(canonical && prop(canonical, 'href')).toBe('https://news.example.org/en/2023/startup-clinic-launch/');
    }
    expect(await readFile(path.join(subOut, '_redirects'), 'utf8')).toBe(
      `${SUB_PATH}en/old-path/ ${SUB_PATH}en/2023/startup-clinic-launch/ 301\n` +
        `${SUB_PATH}news/2023/old-name/ ${SUB_PATH}en/2023/startup-clinic-launch/ 301\n` +
        `${SUB_PATH}news/startup-clinic.html ${SUB_PATH}en/2023/startup-clinic-launch/ 301\n`,
    );
  });
});

describe('the 404 page', () => {
  it('speaks every locale and links home in each', async () => {
    const tree = await load('404.html');
    const sections = select(tree, 'section', (e) => hasClass(e, 'not-found'));
    expect(sections.map((s) => prop(s, 'lang'))).toEqual(['en', 'zh-Hans']);
    expect(select(tree, 'a').map((a) => prop(a, 'href'))).toEqual(expect.arrayContaining(['/en/', '/zh/']));
    expect(select(tree, 'meta', (e) => prop(e, 'name') === 'robots')).toHaveLength(1);
  });
});

describe('search', () => {
  /** Story pages of a locale whose facts list (`people-list`, `tag-list`) links to `target`. */
  async function storiesLinking(locale: string, list: string, target: string): Promise<string[]> {
    const found: string[] = [];
    for (const year of ['2023', '2024']) {
      const dir = path.join(out, locale, year);
      for (const slug of await readdir(dir).catch(() => [] as string[])) {
        const tree = await load(`${locale}/${year}/${slug}/`);
        const links = select(tree, 'ul', (e) => hasClass(e, list)).flatMap((ul) => select(ul, 'a'));
        if (links.some((a) => prop(a, 'href') === `/${locale}/${target}/`)) found.push(`/${locale}/${year}/${slug}/`);
      }
    }
    return found.sort();
  }
  const storiesWithSpeaker = (locale: string, id: string) => storiesLinking(locale, 'people-list', `speakers/${id}`);
  const find = async (lang: string, query: string | null, filters?: Record<string, string>) =>
    (await searchHits(await loadPagefind(out, lang), query as string, filters)).map((hit) => hit.url).sort();

  it('indexes every published story version and nothing else', async () => {
    expect(await indexedPageCounts(out)).toEqual({ en: 14, 'zh-hans': 14 });
    // One bundle per publication year, newest first.
    expect(await searchShards(out)).toEqual(['2024', '2023']);
    expect(await find('en', 'DRAFT-MARKER-7f3a')).toEqual([]);
  });

  it('finds a Chinese word in the Chinese stories that have it (the text is segmented into words)', async () => {
    // 研究人员 ("researchers") is written without spaces inside longer sentences of two Chinese stories.
    expect(await find('zh-hans', '研究人员')).toEqual(['/zh/2023/open-data-portal/', '/zh/2024/patent-data-api/']);
  });

  it('finds an English word in the English story that has it', async () => {
    expect(await find('en', 'licensing')).toEqual(['/en/2024/university-licensing-deals/']);
  });

  it('searches both languages at once when asked', async () => {
    const both = (await searchHits(await loadPagefind(out, 'en', ['zh-hans']), '欧阳静')).map((hit) => hit.url).sort();
    const expected = [
      ...(await storiesWithSpeaker('en', 'ouyang-jing')),
      ...(await storiesWithSpeaker('zh', 'ouyang-jing')),
    ].sort();
    expect(both).toEqual(expected);
    expect(both.some((url) => url.startsWith('/zh/'))).toBe(true);
  });

  it('finds a word from the middle of the Chinese paragraph of an English story', async () => {
    expect(await find('en', '术语')).toEqual(['/en/2024/mixed-language-forum/']);
  });

  it("finds every story of a speaker under either name, in the page's language", async () => {
    const zh = await storiesWithSpeaker('zh', 'ouyang-jing');
    const en = await storiesWithSpeaker('en', 'ouyang-jing');
    expect(zh.length).toBeGreaterThan(1);
    expect(await find('zh-hans', '欧阳静')).toEqual(zh);
    expect(await find('zh-hans', 'Ouyang Jing')).toEqual(zh);
    expect(await find('en', 'Ouyang Jing')).toEqual(en);
    expect(await find('en', '欧阳静')).toEqual(en);
  });

  it('filters by year, topic and speaker', async () => {
    const en2023 = (await readdir(path.join(out, 'en/2023'))).map((slug) => `/en/2023/${slug}/`).sort();
    expect(await find('en', null, { year: '2023' })).toEqual(en2023);
    expect(await find('en', null, { speaker: 'Ouyang Jing' })).toEqual(await storiesWithSpeaker('en', 'ouyang-jing'));
    const trademarks = await storiesLinking('zh', 'tag-list', 'tags/trademarks');
    expect(trademarks.length).toBeGreaterThan(0);
    expect(await find('zh-hans', null, { tag: '商标' })).toEqual(trademarks);
  });

  it('stores a hostile title as text', async () => {
    const hits = await searchHits(await loadPagefind(out, 'en'), 'hostile');
    const hostile = hits.find((hit) => hit.url === '/en/2024/hostile-markup/');
    expect(hostile?.meta['title']).toContain('</script><script>alert(1)</script>');
  });

  it('quotes only body text in excerpts: no heading-link label, no facts block, in both languages', async () => {
    // Words from a body heading (whose self-link repeats it after its label), speaker names, and
    // words only the facts block has (roles): all still find stories, none is quoted from the facts.
    const queries = {
      en: ['Volcano', 'Ouyang Jing', 'Zhao Lei', 'Economics', 'Harbour City'],
      'zh-hans': ['Volcano', '欧阳静', '赵磊', '教授', '副市长'],
    };
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const problems: string[] = [];
    let excerpts = 0;
    for (const [lang, terms] of Object.entries(queries)) {
      const api = await loadPagefind(out, lang);
      for (const term of terms) {
        const hits = await searchHits(api, term);
        expect(hits.length, `${lang} "${term}" finds a story`).toBeGreaterThan(0);
        for (const hit of hits) {
          const excerpt = flat(hit.excerpt.replace(/<[^>]+>/g, ''));
          const tree = await load(hit.url.slice(1));
          const article = select(tree, 'article')[0]!;
          const body = flat(
            select(article, 'div', (e) => hasClass(e, 'article__body'))
              .concat(select(article, 'header'))
              .map((e) => toString(e))
              .join(' '),
          );
          // The facts block's own texts: speakers' roles and the event box's details (place, organisers).
          const facts = [
            ...select(article, 'ul', (e) => hasClass(e, 'people-list')).flatMap((ul) =>
              select(ul, 'span', (e) => hasClass(e, 'meta')),
            ),
            ...select(article, 'aside', (e) => hasClass(e, 'event-box')).flatMap((aside) => select(aside, 'dd')),
          ].map((e) => flat(toString(e)).trim());
          const where = `${lang} "${term}" ${hit.url}: ${excerpt}`;
          for (const label of ['Link to this section', '本节链接']) {
            if (excerpt.includes(label)) problems.push(`anchor label in ${where}`);
          }
          // A fact the body itself does not say can only come from the facts block.
          for (const fact of facts) {
            if (excerpt.includes(fact) && !body.includes(fact)) problems.push(`"${fact}" in ${where}`);
          }
          excerpts++;
        }
      }
    }
    expect(excerpts).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});
