// Builds the fixture site (tests/fixtures/site) for production and as a preview (another SITE_URL),
// and asserts on what search engines and social networks read: JSON-LD per page type, Open Graph and
// Twitter tags, hostile titles kept inert, the sitemap with its hreflang pairs, robots.txt, noindex.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { typeset } from '#lib/typography.ts';
import { root, sharedBuild } from './build-site.ts';

const content = path.join(root, 'tests/fixtures/site/content');
const SITE = 'https://news.example.org';
const PREVIEW = 'https://preview.example.org';
let out: string;
let previewOut: string;

// Both builds are shared read-only with other test files of the run (sharedBuild).
beforeAll(async () => {
  const [production, preview] = [
    await sharedBuild({ CONTENT_DIR: content }),
    await sharedBuild({ CONTENT_DIR: content, SITE_URL: PREVIEW }),
  ];
  ({ out } = production);
  ({ out: previewOut } = preview);
  for (const { build } of [production, preview]) {
    if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
  }
});

/** The file of a page (`en/`, `404.html`) in a built site. */
const fileOf = (page: string, dir: string) => path.join(dir, page.endsWith('.html') ? page : `${page}index.html`);

/** The parsed page at `page` (relative to the site root, e.g. `en/`). */
async function load(page: string, dir = out): Promise<Root> {
  return fromHtml(await readFile(fileOf(page, dir), 'utf8'));
}

/** Every element of a tree, in document order. */
function elements(node: Root | Element): Element[] {
  return node.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}

const prop = (e: Element, name: string): string | undefined => {
  const value = e.properties[name];
  return Array.isArray(value) ? value.join(' ') : value === undefined || value === null ? undefined : String(value);
};

/** The `<head>` of a page. */
function head(tree: Root): Element {
  const found = elements(tree).find((e) => e.tagName === 'head');
  if (!found) throw new Error('no <head>');
  return found;
}

/** Every `content` of `<meta property|name=key>` in the head, in order. */
function metas(tree: Root, key: string): string[] {
  return elements(head(tree))
    .filter((e) => e.tagName === 'meta' && (prop(e, 'property') === key || prop(e, 'name') === key))
    .map((e) => prop(e, 'content') ?? '');
}

/** The single `content` of a meta tag (fails when there is none or several). */
function meta(tree: Root, key: string): string {
  const values = metas(tree, key);
  expect(values, key).toHaveLength(1);
  return values[0] ?? '';
}

/** The JSON-LD scripts of a page. */
const ldScripts = (tree: Root) =>
  elements(tree).filter((e) => e.tagName === 'script' && prop(e, 'type') === 'application/ld+json');

type Node = Record<string, unknown> & { '@type': string };

/** The nodes of a page's one JSON-LD document, by `@type`. */
function jsonLd(tree: Root): Map<string, Node> {
  const scripts = ldScripts(tree);
  expect(scripts).toHaveLength(1);
  const doc = JSON.parse(toString(scripts[0] as Element)) as { '@context': string; '@graph': Node[] };
  expect(doc['@context']).toBe('https://schema.org');
  return new Map(doc['@graph'].map((node) => [node['@type'], node]));
}

/** The `hreflang → href` pairs a page declares. */
function hreflangs(tree: Root): Record<string, string> {
  return Object.fromEntries(
    elements(head(tree))
      .filter((e) => e.tagName === 'link' && prop(e, 'rel') === 'alternate' && prop(e, 'hrefLang') !== undefined)
      .map((e): [string, string] => [String(prop(e, 'hrefLang')), String(prop(e, 'href'))]),
  );
}

/** Whether a file exists in the build for an absolute URL of the site. */
async function existsInDist(url: string, dir = out, site = SITE): Promise<boolean> {
  const pathname = decodeURIComponent(new URL(url).pathname);
  expect(url.startsWith(`${site}/`), url).toBe(true);
  return stat(path.join(dir, pathname)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Every .html page of a built site, as site paths (`/en/`, `/404.html`). */
async function htmlPages(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const rel = path.posix.join(prefix, entry.name);
      if (entry.isDirectory()) return htmlPages(dir, rel);
      if (!entry.name.endsWith('.html')) return [];
      return [`/${rel}`.replace(/(^|\/)index\.html$/, '$1')];
    }),
  );
  return nested.flat();
}

/** The alias redirect pages, from the `_redirects` file the build writes (`from to 301`). */
async function aliasPages(dir: string): Promise<string[]> {
  const text = await readFile(path.join(dir, '_redirects'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ')[0] ?? '');
}

/** A fixture article's frontmatter. */
async function frontmatter(file: string): Promise<Record<string, string>> {
  const text = await readFile(path.join(content, 'articles', file), 'utf8');
  return parseYaml(text.split(/^---$/m)[1] ?? '') as Record<string, string>;
}

describe('JSON-LD per page type', () => {
  it('story (original with cover): NewsArticle with every required property, and breadcrumbs', async () => {
    const page = await load('en/2024/forum-photo-report/');
    const ld = jsonLd(page);
    const article = ld.get('NewsArticle');
    const url = `${SITE}/en/2024/forum-photo-report/`;
    expect(article).toMatchObject({
      headline: 'Example Forum on Innovation Opens in Harbour City',
      url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      inLanguage: 'en',
      datePublished: '2024-04-23',
      dateModified: '2024-04-23',
      author: { '@type': 'Organization', name: 'News Office', url: SITE },
      publisher: { '@type': 'Organization', name: 'News Office', url: SITE },
      about: { '@type': 'Event', url: `${SITE}/en/events/example-forum-2024-opening/` },
      keywords: expect.arrayContaining(['Innovation']) as unknown,
      workTranslation: [{ '@type': 'NewsArticle', url: `${SITE}/zh/2024/forum-photo-report/`, inLanguage: 'zh-Hans' }],
    });
    expect(typeof article?.['description']).toBe('string');
    const image = article?.['image'] as { url: string };
    expect(image.url).toBe(meta(page, 'og:image'));
    const mentions = article?.['mentions'] as Node[];
    expect(mentions.filter((m) => m['@type'] === 'Person').map((m) => m['url'])).toContain(
      `${SITE}/en/speakers/zhang-wei/`,
    );
    expect(mentions.filter((m) => m['@type'] === 'Organization').length).toBeGreaterThan(0);
    const crumbs = ld.get('BreadcrumbList')?.['itemListElement'] as { position: number; item: string }[];
    expect(crumbs.map((c) => c.position)).toEqual([1, 2, 3, 4]);
    expect(crumbs[0]?.item).toBe(`${SITE}/en/`);
    expect(crumbs.at(-1)?.item).toBe(url);
  });

  it('story translation: links to its original; revision and clock times in ISO form', async () => {
    const zh = jsonLd(await load('zh/2024/forum-photo-report/')).get('NewsArticle');
    expect(zh).toMatchObject({
      inLanguage: 'zh-Hans',
      translationOfWork: { '@type': 'NewsArticle', url: `${SITE}/en/2024/forum-photo-report/`, inLanguage: 'en' },
    });
    expect(zh).not.toHaveProperty('workTranslation');
    const revised = jsonLd(await load('zh/2023/year-end-review-2023/')).get('NewsArticle');
    expect(revised).toMatchObject({ datePublished: '2023-12-28', dateModified: '2024-01-05' });
    const timed = jsonLd(await load('en/2024/university-licensing-deals/')).get('NewsArticle');
    expect(timed?.['datePublished']).toBe('2024-06-03T01:30:00.000Z');
  });

  it('story in one language: no translation links', async () => {
    const ld = jsonLd(await load('zh/2023/river-delta-tech-forum/')).get('NewsArticle');
    expect(ld).not.toHaveProperty('translationOfWork');
    expect(ld).not.toHaveProperty('workTranslation');
  });

  it('event: Event with dates, status, place, organisers and sub-events; none of those it lacks', async () => {
    const ld = jsonLd(await load('en/events/example-forum-2024/'));
    expect(ld.get('Event')).toMatchObject({
      name: 'Example Forum on Innovation 2024',
      url: `${SITE}/en/events/example-forum-2024/`,
      startDate: '2024-04-22',
      endDate: '2024-04-24',
      eventStatus: 'https://schema.org/EventScheduled',
      location: {
        '@type': 'Place',
        name: 'Riverside Conference Hall',
        address: { '@type': 'PostalAddress', addressLocality: 'Harbour City' },
      },
      organizer: expect.arrayContaining([
        expect.objectContaining({ '@type': 'Organization', url: `${SITE}/en/organisations/example-ip-office/` }),
      ]) as unknown,
      subEvent: [expect.objectContaining({ url: `${SITE}/en/events/example-forum-2024-opening/` })],
      sameAs: 'https://forum.example.org/2024/',
    });
    expect(ld.get('BreadcrumbList')).toBeDefined();
    const session = jsonLd(await load('zh/events/example-forum-2024-opening/')).get('Event');
    expect(session).toMatchObject({ superEvent: { url: `${SITE}/zh/events/example-forum-2024/` } });
    const undated = jsonLd(await load('en/events/licensing-roundtable/')).get('Event');
    expect(undated).toMatchObject({ name: 'University Licensing Roundtable' });
    expect(undated).not.toHaveProperty('startDate');
    expect(undated).not.toHaveProperty('eventStatus');
  });

  it('speaker: Person with other-language names, role, organisation, portrait and links', async () => {
    const ld = jsonLd(await load('en/speakers/zhang-wei/'));
    const person = ld.get('Person');
    expect(person).toMatchObject({
      name: 'Zhang Wei',
      alternateName: ['张伟'],
      jobTitle: 'Commissioner, Example Intellectual Property Office',
      worksFor: { '@type': 'Organization', url: `${SITE}/en/organisations/example-ip-office/` },
      sameAs: [
        'https://ip-office.example.org/about/leadership/',
        'https://lumen-press.example.com/interviews/zhang-wei',
      ],
      url: `${SITE}/en/speakers/zhang-wei/`,
    });
    expect(await existsInDist(String(person?.['image']))).toBe(true);
    const crumbs = ld.get('BreadcrumbList')?.['itemListElement'] as { item: string }[];
    expect(crumbs.map((c) => c.item)).toEqual([
      `${SITE}/en/`,
      `${SITE}/en/speakers/`,
      `${SITE}/en/speakers/zhang-wei/`,
    ]);
  });

  it('organisation: Organization with other names, website, parent and member bodies', async () => {
    const parent = jsonLd(await load('en/organisations/example-ip-office/'));
    expect(parent.get('Organization')).toMatchObject({
      name: 'Example Intellectual Property Office',
      alternateName: expect.arrayContaining(['示例知识产权局']) as unknown,
      subOrganization: [expect.objectContaining({ url: `${SITE}/en/organisations/eipo-patent-department/` })],
    });
    const child = jsonLd(await load('zh/organisations/eipo-patent-department/'));
    expect(child.get('Organization')).toMatchObject({
      parentOrganization: { '@type': 'Organization', url: `${SITE}/zh/organisations/example-ip-office/` },
    });
    const crumbs = child.get('BreadcrumbList')?.['itemListElement'] as { item: string }[];
    expect(crumbs.map((c) => c.item)).toContain(`${SITE}/zh/organisations/example-ip-office/`);
  });

  it('tag and archive pages: BreadcrumbList ending at the page', async () => {
    for (const page of [
      'en/tags/innovation/',
      'zh/tags/innovation/page/2/',
      'en/archive/',
      'zh/archive/2024/',
      'en/archive/2024/04/',
    ]) {
      const crumbs = jsonLd(await load(page)).get('BreadcrumbList')?.['itemListElement'] as { item: string }[];
      expect(crumbs.at(-1)?.item, page).toBe(`${SITE}/${page}`);
      expect(crumbs[0]?.item, page).toBe(`${SITE}/${page.slice(0, 3)}`);
    }
  });

  it('home pages: WebSite', async () => {
    expect(jsonLd(await load('zh/')).get('WebSite')).toMatchObject({
      name: '新闻档案',
      url: `${SITE}/zh/`,
      inLanguage: 'zh-Hans',
      publisher: { '@type': 'Organization', name: '新闻办公室' },
    });
    expect(jsonLd(await load('')).get('WebSite')).toMatchObject({ url: `${SITE}/`, inLanguage: ['en', 'zh-Hans'] });
  });

  it('every page has at most one JSON-LD script, and each parses', async () => {
    for (const page of await htmlPages(out)) {
      const scripts = ldScripts(await load(page.slice(1)));
      expect(scripts.length, page).toBeLessThanOrEqual(1);
      for (const script of scripts) expect(() => JSON.parse(toString(script)) as unknown, page).not.toThrow();
    }
  });
});

describe('the hostile story', () => {
  for (const locale of ['en', 'zh']) {
    it(`keeps its ${locale} title and summary inert in <title>, meta tags and JSON-LD`, async () => {
      // As the site shows them: typeset (src/lib/typography.ts), the straight quote curly.
      const written = await frontmatter(`2024/hostile-markup/${locale}.md`);
      const [title, summary] = [typeset(written['title'] ?? ''), typeset(written['summary'] ?? '')];
      expect(title).toContain('</script>');
      const html = await readFile(fileOf(`${locale}/2024/hostile-markup/`, out), 'utf8');
      const page = fromHtml(html);
      const titleElement = elements(head(page)).find((e) => e.tagName === 'title');
      expect(toString(titleElement as Element).startsWith(`${title} · `)).toBe(true);
      for (const key of ['og:title', 'twitter:title', 'og:image:alt']) expect(meta(page, key), key).toBe(title);
      for (const key of ['description', 'og:description', 'twitter:description']) {
        expect(meta(page, key), key).toBe(summary);
      }
      // The only scripts in the page are the one JSON-LD document: nothing broke out of it.
      const scripts = elements(page).filter((e) => e.tagName === 'script');
      expect(scripts).toHaveLength(1);
      expect(elements(page).some((e) => e.tagName === 'img' && prop(e, 'src') === 'x')).toBe(false);
      const article = jsonLd(page).get('NewsArticle');
      expect(article?.['headline']).toBe(title);
      expect(article?.['description']).toBe(summary);
      expect(String(article?.['headline'])).toContain('</script>');
      // In the file itself, no raw `<` survives inside the JSON.
      const raw = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
      expect(raw).not.toMatch(/[<>]/);
    });
  }
});

describe('Open Graph and Twitter tags per page type', () => {
  it('story with a cover: article, the cover at 1200 px with its alt, article facts', async () => {
    const page = await load('en/2024/forum-photo-report/');
    expect(meta(page, 'og:type')).toBe('article');
    expect(meta(page, 'og:url')).toBe(`${SITE}/en/2024/forum-photo-report/`);
    expect(meta(page, 'og:site_name')).toBe('News Archive');
    expect(meta(page, 'og:locale')).toBe('en_GB');
    expect(metas(page, 'og:locale:alternate')).toEqual(['zh_CN']);
    const image = meta(page, 'og:image');
    expect(image).toMatch(new RegExp(`^${SITE}/_astro/cover\\.[^/]+\\.png$`));
    expect(await existsInDist(image)).toBe(true);
    expect(meta(page, 'og:image:width')).toBe('1200');
    expect(meta(page, 'og:image:height')).toBe('800');
    expect(meta(page, 'og:image:alt').length).toBeGreaterThan(0);
    expect(meta(page, 'article:published_time')).toBe('2024-04-23');
    expect(metas(page, 'article:tag').length).toBeGreaterThan(0);
    expect(meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(meta(page, 'twitter:image')).toBe(image);
  });

  it('story without a cover: the generated card, with the title as alt', async () => {
    const page = await load('zh/2023/year-end-review-2023/');
    const image = meta(page, 'og:image');
    expect(image).toBe(`${SITE}/zh/2023/year-end-review-2023/og.png`);
    expect(await existsInDist(image)).toBe(true);
    expect(meta(page, 'og:image:alt')).toBe(meta(page, 'og:title'));
    expect(meta(page, 'og:image:width')).toBe('1200');
    expect(meta(page, 'og:image:height')).toBe('630');
    expect(meta(page, 'og:locale')).toBe('zh_CN');
    expect(meta(page, 'article:modified_time')).toBe('2024-01-05');
    expect(meta(page, 'twitter:card')).toBe('summary_large_image');
  });

  it('story in one language: no alternate locale, no x-default', async () => {
    const page = await load('en/2024/green-patents-pilot/');
    expect(metas(page, 'og:locale:alternate')).toEqual([]);
    expect(hreflangs(page)).toEqual({ en: `${SITE}/en/2024/green-patents-pilot/` });
  });

  it('speaker: profile, with the portrait when there is one', async () => {
    const withPhoto = await load('zh/speakers/zhang-wei/');
    expect(meta(withPhoto, 'og:type')).toBe('profile');
    expect(await existsInDist(meta(withPhoto, 'og:image'))).toBe(true);
    expect(meta(withPhoto, 'twitter:card')).toBe('summary_large_image');
    const without = await load('en/speakers/an-ning/');
    expect(meta(without, 'og:type')).toBe('profile');
    // Without a portrait: the locale's site card.
    expect(metas(without, 'og:image')).toEqual([`${SITE}/en/og.png`]);
    expect(meta(without, 'twitter:card')).toBe('summary_large_image');
  });

  it('listings and registry pages: website, the site card, both locales', async () => {
    for (const page of ['en/', 'zh/tags/', 'en/events/example-forum-2024/', 'zh/organisations/example-ip-office/']) {
      const tree = await load(page);
      expect(meta(tree, 'og:type'), page).toBe('website');
      expect(meta(tree, 'og:url'), page).toBe(`${SITE}/${page}`);
      expect(meta(tree, 'twitter:card'), page).toBe('summary_large_image');
      expect(meta(tree, 'og:image'), page).toBe(`${SITE}/${page.slice(0, 2)}/og.png`);
      expect(metas(tree, 'og:locale:alternate'), page).toHaveLength(1);
      expect(hreflangs(tree)['x-default'], page).toBe(`${SITE}/`);
    }
    const landing = await load('');
    expect(meta(landing, 'og:url')).toBe(`${SITE}/`);
    expect(hreflangs(landing)['x-default']).toBe(`${SITE}/`);
  });
});

describe('sitemap', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['sitemap', 'url', 'xhtml:link'].includes(name),
  });
  interface Entry {
    loc: string;
    'xhtml:link'?: { rel: string; hreflang: string; href: string }[];
  }

  /** Every entry of the sitemap, through the index. */
  async function entries(dir: string): Promise<Entry[]> {
    const index = parser.parse(await readFile(path.join(dir, 'sitemap-index.xml'), 'utf8')) as {
      sitemapindex: { sitemap: { loc: string }[] };
    };
    const all: Entry[] = [];
    for (const { loc } of index.sitemapindex.sitemap) {
      const file = path.join(dir, new URL(loc).pathname);
      const doc = parser.parse(await readFile(file, 'utf8')) as { urlset: { url: Entry[] } };
      all.push(...doc.urlset.url);
    }
    return all;
  }

  it('lists every HTML page once, except the 404 and the alias redirect pages', async () => {
    const aliases = await aliasPages(out);
    expect(aliases.sort()).toEqual(['/en/old-path/', '/news/2023/old-name/', '/news/startup-clinic.html']);
    const expected = (await htmlPages(out)).filter((p) => p !== '/404.html' && !aliases.includes(p));
    const listed = (await entries(out)).map((e) => e.loc);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(expected.map((p) => `${SITE}${p}`).sort());
    expect(listed.some((url) => /\.(xml|json|png|txt|ics)$/.test(url))).toBe(false);
  });

  it('pairs language versions with hreflang and x-default, as the pages do', async () => {
    const list = await entries(out);
    const byUrl = new Map(list.map((e) => [e.loc, e]));
    const alternates = (e: Entry | undefined) =>
      Object.fromEntries((e?.['xhtml:link'] ?? []).map((l) => [l.hreflang, l.href]));
    // A story's x-default is its primary version (English, the first locale it has).
    expect(alternates(byUrl.get(`${SITE}/zh/2023/innovation-week-opens/`))).toEqual({
      en: `${SITE}/en/2023/innovation-week-opens/`,
      'zh-Hans': `${SITE}/zh/2023/innovation-week-opens/`,
      'x-default': `${SITE}/en/2023/innovation-week-opens/`,
    });
    expect(alternates(byUrl.get(`${SITE}/`))).toEqual({
      en: `${SITE}/en/`,
      'zh-Hans': `${SITE}/zh/`,
      'x-default': `${SITE}/`,
    });
    // A story in one language only has no alternates at all.
    expect(byUrl.get(`${SITE}/en/2024/green-patents-pilot/`)?.['xhtml:link']).toBeUndefined();
    expect(byUrl.get(`${SITE}/zh/2023/river-delta-tech-forum/`)?.['xhtml:link']).toBeUndefined();
    // Every entry agrees with the page's own <link rel="alternate" hreflang> (self-only counts as none).
    for (const entry of list) {
      const page = await load(new URL(entry.loc).pathname.slice(1));
      const own = hreflangs(page);
      const expected = Object.keys(own).length > 1 ? own : {};
      expect(alternates(entry), entry.loc).toEqual(expected);
      for (const link of entry['xhtml:link'] ?? []) expect(byUrl.has(link.href), link.href).toBe(true);
    }
  });
});

describe('production and preview builds', () => {
  it('robots.txt: allow and sitemap in production; disallow on a preview', async () => {
    expect(await readFile(path.join(out, 'robots.txt'), 'utf8')).toBe(
      `User-agent: *\nAllow: /\n\nSitemap: ${SITE}/sitemap-index.xml\n`,
    );
    const preview = await readFile(path.join(previewOut, 'robots.txt'), 'utf8');
    expect(preview).toMatch(/^Disallow: \/$/m);
    expect(preview).not.toMatch(/^Allow:/m);
    expect(preview).not.toContain('Sitemap:');
  });

  it('production: noindex only on the 404 and the redirect pages', async () => {
    const aliases = await aliasPages(out);
    for (const page of await htmlPages(out)) {
      const tree = await load(page.slice(1));
      const noindex = elements(head(tree)).some(
        (e) => e.tagName === 'meta' && prop(e, 'name') === 'robots' && /noindex/.test(prop(e, 'content') ?? ''),
      );
      expect(noindex, page).toBe(page === '/404.html' || aliases.includes(page));
    }
  });

  it('preview: every page carries noindex, and absolute URLs name the preview host', async () => {
    const pages = await htmlPages(previewOut);
    expect(pages.length).toBeGreaterThan(100);
    for (const page of pages) {
      const tree = await load(page.slice(1), previewOut);
      expect(metas(tree, 'robots'), page).toContain('noindex');
    }
    const story = await load('en/2024/forum-photo-report/', previewOut);
    expect(meta(story, 'og:url')).toBe(`${PREVIEW}/en/2024/forum-photo-report/`);
    expect(await existsInDist(meta(story, 'og:image'), previewOut, PREVIEW)).toBe(true);
  });
});
