// Builds the fixture site (tests/fixtures/site) once and asserts on its feeds and calendars: every
// file parses, carries the right stories in the right language and order, keeps hostile text inert,
// and links only to absolute URLs of pages and assets that the build produced.
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as fastXml from 'fast-xml-parser';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, sharedBuild } from './build-site.ts';

/**
 * Whether XML is well-formed. `XMLValidator` is marked deprecated in favour of the separate
 * `fast-xml-validator` package, which is not a dependency here; it still works, so use it knowingly.
 */
const wellFormed = (xml: string): true | object =>
  (fastXml as unknown as { XMLValidator: { validate(xml: string): true | object } }).XMLValidator.validate(xml);

const content = path.join(root, 'tests/fixtures/site/content');
const SITE = 'https://news.example.org';
let out: string;

// The build is shared read-only with other test files of the run (sharedBuild).
beforeAll(async () => {
  const shared = await sharedBuild({ CONTENT_DIR: content });
  ({ out } = shared);
  const { build } = shared;
  if (build.status !== 0) throw new Error(`fixture build failed:\n${build.stdout}\n${build.stderr}`);
});

/** Stories newest first, as the fixture README dates them. */
const EN_ORDER = [
  '2024/digital-archive-launch',
  '2024/trademark-campaign',
  '2024/speaker-roundtable',
  '2024/patent-data-api',
  '2024/university-licensing-deals',
  '2024/green-patents-pilot',
  '2024/forum-photo-report',
  '2024/hostile-markup',
  '2024/mixed-language-forum',
  '2023/year-end-review-2023',
  '2023/patent-statistics-2022',
  '2023/startup-clinic-launch',
  '2023/open-data-portal',
  '2023/innovation-week-opens',
];
const ZH_ORDER = [
  '2024/digital-archive-launch',
  '2024/trademark-campaign',
  '2024/speaker-roundtable',
  '2024/patent-data-api',
  '2024/university-licensing-deals',
  '2024/forum-photo-report',
  '2024/hostile-markup',
  '2024/mixed-language-forum',
  '2023/year-end-review-2023',
  '2023/river-delta-tech-forum',
  '2023/patent-statistics-2022',
  '2023/startup-clinic-launch',
  '2023/open-data-portal',
  '2023/innovation-week-opens',
];
const ORDER: Record<string, string[]> = { en: EN_ORDER, zh: ZH_ORDER };
const HTML_LANG: Record<string, string> = { en: 'en', zh: 'zh-Hans' };
/** The hostile title as the site shows it: typeset (src/lib/typography.ts), its quote curly. */
const HOSTILE_EN_TITLE = 'Hostile </script><script>alert(1)</script> title \u201c><img src=x onerror=alert(2)> test';

const parser = new fastXml.XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['item', 'entry', 'category'].includes(name),
});
const read = (file: string) => readFile(path.join(out, file), 'utf8');
const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string =>
  typeof value === 'object' && value !== null && '#text' in value ? String(value['#text']) : String(value);

/** Parses an XML feed after checking that it is well-formed. */
async function xml(file: string): Promise<Record<string, unknown>> {
  const source = await read(file);
  expect(wellFormed(source), file).toBe(true);
  return parser.parse(source) as Record<string, unknown>;
}

/** `YYYY/slug` of an absolute story URL in `locale`. */
function storyKey(url: string, locale: string): string {
  expect(url.startsWith(`${SITE}/${locale}/`), url).toBe(true);
  return new URL(url).pathname.split('/').filter(Boolean).slice(1).join('/');
}

/** Whether an absolute site URL names a file the build produced (a page's index.html, or an asset). */
async function builtFile(url: string): Promise<string | undefined> {
  const { pathname } = new URL(url);
  const file = path.join(out, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
  return access(file).then(
    () => file,
    () => undefined,
  );
}

/** Every URL in an HTML fragment's href, src and srcset attributes. */
function htmlUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [, name, value = ''] of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    if (name === 'srcset') urls.push(...value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? ''));
    else urls.push(value.replaceAll('&amp;', '&'));
  }
  return urls;
}

/** Script elements, event-handler attributes and script URLs in an HTML fragment (text mentioning them is fine). */
function executableMarkup(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (['script', 'style', 'svg', 'form'].includes(child.tagName)) found.push(`<${child.tagName}>`);
      for (const [name, value] of Object.entries(child.properties)) {
        if (/^on/i.test(name)) found.push(`${child.tagName}[${name}]`);
        if (typeof value === 'string' && /^\s*(javascript|vbscript|data):/i.test(value)) found.push(`${name}=${value}`);
      }
      walk(child);
    }
  };
  walk(fromHtml(html, { fragment: true }));
  return found;
}

interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@_isPermaLink': string };
  description: string;
  pubDate: string;
  'content:encoded'?: string;
  'dc:language': string;
  'dc:creator': string;
  category?: string[];
}

describe.each(['en', 'zh'])('feeds of %s', (locale) => {
  it('RSS 2.0: channel, items in order, languages, dates, creator, categories', async () => {
    const doc = (await xml(`${locale}/rss.xml`)) as { rss: { '@_version': string; channel: Record<string, unknown> } };
    expect(doc.rss['@_version']).toBe('2.0');
    const channel = doc.rss.channel;
    expect(channel['language']).toBe(HTML_LANG[locale]);
    expect(channel['link']).toBe(`${SITE}/${locale}/`);
    expect((channel['atom:link'] as Record<string, string>)['@_href']).toBe(`${SITE}/${locale}/rss.xml`);
    expect((channel['atom:link'] as Record<string, string>)['@_rel']).toBe('self');
    const items = asList(channel['item'] as RssItem[]);
    expect(items.map((item) => storyKey(item.link, locale))).toEqual(ORDER[locale]);
    // lastBuildDate is the newest item's date (deterministic), not the build time.
    expect(channel['lastBuildDate']).toBe('Mon, 02 Dec 2024 00:00:00 GMT');
    for (const item of items) {
      expect(item.guid['#text']).toBe(item.link);
      expect(item.guid['@_isPermaLink']).toBe('true');
      expect(item['dc:language']).toBe(HTML_LANG[locale]);
      expect(item['dc:creator']).toBe(locale === 'en' ? 'News Office' : '新闻办公室');
      expect(item.pubDate).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      expect(item.description.length).toBeGreaterThan(0);
      expect(item['content:encoded']?.length ?? 0).toBeGreaterThan(0);
    }
    const byKey = new Map(items.map((item) => [storyKey(item.link, locale), item]));
    // A date-only story is dated 00:00 UTC; a timed one by its instant (07:30 in Shanghai = 23:30 UTC the day before).
    expect(byKey.get('2024/digital-archive-launch')?.pubDate).toBe('Mon, 02 Dec 2024 00:00:00 GMT');
    expect(byKey.get('2024/speaker-roundtable')?.pubDate).toBe('Mon, 09 Sep 2024 23:30:00 GMT');
    const categories = byKey.get('2023/open-data-portal')?.category ?? [];
    expect(categories).toEqual(
      locale === 'en' ? ['Open data', 'Patents', 'Innovation'] : expect.arrayContaining(['开放数据']),
    );
  });

  it('Atom 1.0 carries the same items, with ids, dates and languages', async () => {
    const { feed } = (await xml(`${locale}/atom.xml`)) as { feed: Record<string, unknown> };
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@_xml:lang']).toBe(HTML_LANG[locale]);
    expect(feed['updated']).toBe('2024-12-02T00:00:00Z');
    const entries = asList(feed['entry'] as Record<string, unknown>[]);
    expect(entries.map((e) => storyKey(String(e['id']), locale))).toEqual(ORDER[locale]);
    for (const entry of entries) {
      expect(entry['@_xml:lang']).toBe(HTML_LANG[locale]);
      // The alternate link is the entry's page (an entry with a cover also has an enclosure link).
      const links = asList(entry['link'] as Record<string, string> | Record<string, string>[]);
      expect(links.find((link) => link['@_rel'] === 'alternate')?.['@_href']).toBe(entry['id']);
      expect(String(entry['published'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(String(entry['updated'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const review = entries.find((e) => String(e['id']).includes('year-end-review-2023'));
    expect(review?.['published']).toBe('2023-12-28T00:00:00Z');
    expect(review?.['updated']).toBe('2024-01-05T00:00:00Z');
  });

  it('JSON Feed 1.1 carries the same items', async () => {
    const feed = JSON.parse(await read(`${locale}/feed.json`)) as {
      version: string;
      language: string;
      feed_url: string;
      home_page_url: string;
      authors: { name: string }[];
      items: {
        id: string;
        url: string;
        language: string;
        date_published: string;
        date_modified?: string;
        tags?: string[];
        content_html?: string;
      }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe(HTML_LANG[locale]);
    expect(feed.feed_url).toBe(`${SITE}/${locale}/feed.json`);
    expect(feed.home_page_url).toBe(`${SITE}/${locale}/`);
    expect(feed.authors[0]?.name).toBe(locale === 'en' ? 'News Office' : '新闻办公室');
    expect(feed.items.map((item) => storyKey(item.url, locale))).toEqual(ORDER[locale]);
    for (const item of feed.items) {
      expect(item.id).toBe(item.url);
      expect(item.language).toBe(HTML_LANG[locale]);
      expect(item.content_html?.length ?? 0).toBeGreaterThan(0);
    }
    const review = feed.items.find((item) => item.url.includes('year-end-review-2023'));
    expect([review?.date_published, review?.date_modified]).toEqual(['2023-12-28T00:00:00Z', '2024-01-05T00:00:00Z']);
  });

  it('links every item, image and in-article link to an absolute URL; site URLs resolve to built files', async () => {
    const rss = asList(
      ((await xml(`${locale}/rss.xml`)) as { rss: { channel: { item: RssItem[] } } }).rss.channel.item,
    );
    for (const item of rss) {
      expect(await builtFile(item.link), item.link).toBeDefined();
      const html = item['content:encoded'] ?? '';
      expect(html).not.toMatch(/__ASTRO_IMAGE_/i);
      for (const url of htmlUrls(html)) {
        expect(url, `${item.link}: ${url}`).toMatch(/^(https?:|mailto:)/);
        if (url.startsWith(`${SITE}/`)) expect(await builtFile(url), url).toBeDefined();
      }
    }
    // The photo report's local images come out as the files built for the page.
    const photos = rss.find((item) => item.link.endsWith('/2024/forum-photo-report/'));
    const images = htmlUrls(photos?.['content:encoded'] ?? '').filter((url) => url.includes('/_astro/'));
    expect(images.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the hostile story inert in every format', async () => {
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const source = await read(`${locale}/${file}`);
      expect(source, file).not.toMatch(/<script|<img|onerror=alert\(2\)>/);
    }
    const rss = (await xml(`${locale}/rss.xml`)) as { rss: { channel: { item: RssItem[] } } };
    const hostile = asList(rss.rss.channel.item).find((item) => item.link.endsWith('/2024/hostile-markup/'));
    expect(hostile?.title).toContain('</script><script>alert(1)</script>');
    if (locale === 'en') expect(hostile?.title).toBe(HOSTILE_EN_TITLE);
    expect(executableMarkup(hostile?.['content:encoded'] ?? '')).toEqual([]);
    const json = JSON.parse(await read(`${locale}/feed.json`)) as { items: { url: string; title: string }[] };
    expect(json.items.find((item) => item.url.endsWith('/2024/hostile-markup/'))?.title).toBe(hostile?.title);
    const atom = (await xml(`${locale}/atom.xml`)) as { feed: { entry: { id: string; title: unknown }[] } };
    expect(text(atom.feed.entry.find((e) => e.id.endsWith('/2024/hostile-markup/'))?.title)).toBe(hostile?.title);
  });
});

describe('drafts and languages across all feeds', () => {
  it('never publishes the draft, and the Chinese-only story only in Chinese feeds', async () => {
    const files = await feedFiles(out);
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) {
      const source = await read(file);
      expect(source, file).not.toMatch(/draft-budget-note|DRAFT-MARKER-7f3a/);
      if (file.startsWith('en/')) expect(source, file).not.toContain('river-delta-tech-forum');
      if (file.startsWith('zh/')) expect(source, file).not.toContain('green-patents-pilot');
    }
  });
});

/** Every feed and calendar file of the build, relative to it. */
async function feedFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const rel = path.posix.join(prefix, entry.name);
      if (entry.isDirectory()) return feedFiles(dir, rel);
      return Promise.resolve(/\.(xml|json|ics)$/.test(entry.name) && /^(en|zh)\//.test(rel) ? [rel] : []);
    }),
  );
  return nested.flat();
}

/** Ids of a registry folder of the fixture content. */
async function ids(folder: string): Promise<string[]> {
  return (await readdir(path.join(content, folder))).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
}

describe('tag and speaker feeds', () => {
  it('exist for every tag and speaker in every locale and parse (empty ones included)', async () => {
    for (const locale of ['en', 'zh']) {
      for (const [folder, segment] of [
        ['tags', 'tags'],
        ['speakers', 'speakers'],
      ] as const) {
        for (const id of await ids(folder)) {
          const doc = (await xml(`${locale}/${segment}/${id}/rss.xml`)) as {
            rss: { channel: Record<string, unknown> };
          };
          const channel = doc.rss.channel;
          expect(channel['link']).toBe(`${SITE}/${locale}/${segment}/${id}/`);
          expect(await builtFile(String(channel['link']))).toBeDefined();
          for (const item of asList(channel['item'] as RssItem[])) {
            expect(item['dc:language']).toBe(HTML_LANG[locale]);
            expect(await builtFile(item.link), item.link).toBeDefined();
          }
        }
      }
    }
  });

  it("list a tag's stories in the feed's language only, newest first", async () => {
    for (const locale of ['en', 'zh']) {
      const doc = (await xml(`${locale}/tags/innovation/rss.xml`)) as { rss: { channel: { item: RssItem[] } } };
      const keys = asList(doc.rss.channel.item).map((item) => storyKey(item.link, locale));
      // 13 published stories are tagged innovation: 12 in English; in Chinese all but the English-only one.
      expect(keys).toHaveLength(12);
      expect(keys).toEqual(ORDER[locale]?.filter((key) => keys.includes(key)));
      expect(keys).not.toContain('2024/trademark-campaign');
    }
    const trademarks = (await xml('zh/tags/trademarks/rss.xml')) as { rss: { channel: { item: RssItem[] } } };
    expect(asList(trademarks.rss.channel.item).map((item) => item.category)).toEqual(
      asList(trademarks.rss.channel.item).map((): unknown => expect.arrayContaining(['商标'])),
    );
  });
});

/** The content lines of an iCalendar file: CRLF checked, folding undone, octet limit checked. */
function icsLines(source: string): string[] {
  expect(source.endsWith('\r\n')).toBe(true);
  const physical = source.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
  }
  return source.slice(0, -2).replaceAll('\r\n ', '').split('\r\n');
}

const DATED = ['example-forum-2024', 'example-forum-2024-opening', 'innovation-week-2023', 'patent-data-briefing-2023'];

describe('calendars', () => {
  it('one .ics per dated event and locale, none for an event without a start date', async () => {
    for (const locale of ['en', 'zh']) {
      const files = (await readdir(path.join(out, locale, 'events'))).filter((f) => f.endsWith('.ics'));
      expect(files.sort()).toEqual(DATED.map((id) => `${id}.ics`).sort());
    }
  });

  it('parse line by line: balanced components, dates, UID, URL to the built event page, localized text', async () => {
    for (const locale of ['en', 'zh']) {
      for (const id of DATED) {
        const lines = icsLines(await read(`${locale}/events/${id}.ics`));
        expect(lines[0]).toBe('BEGIN:VCALENDAR');
        expect(lines.at(-1)).toBe('END:VCALENDAR');
        expect(lines).toContain('VERSION:2.0');
        expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
        expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
        for (const line of lines) expect(line).toMatch(/^[A-Z-]+(;[A-Z-]+=[^:;]+)*:/);
        expect(lines).toContain(`UID:${id}@news.example.org`);
        expect(lines.find((l) => l.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
        const url = lines.find((l) => l.startsWith('URL:'))?.slice(4) ?? '';
        expect(url).toBe(`${SITE}/${locale}/events/${id}/`);
        expect(await builtFile(url)).toBeDefined();
      }
    }
    const en = icsLines(await read('en/events/example-forum-2024.ics'));
    expect(en).toEqual(
      expect.arrayContaining([
        'DTSTART;VALUE=DATE:20240422',
        'DTEND;VALUE=DATE:20240425',
        'SUMMARY:Example Forum on Innovation 2024',
        'LOCATION:Riverside Conference Hall\\, Harbour City',
      ]),
    );
    const zh = icsLines(await read('zh/events/innovation-week-2023.ics'));
    expect(zh).toEqual(
      expect.arrayContaining(['DTSTART;VALUE=DATE:20230313', 'DTEND;VALUE=DATE:20230318', 'SUMMARY:2023海港市创新周']),
    );
    expect(zh.find((l) => l.startsWith('DESCRIPTION:'))).toContain('主题：让创意走得更远');
    const oneDay = icsLines(await read('en/events/patent-data-briefing-2023.ics'));
    expect(oneDay).toEqual(expect.arrayContaining(['DTSTART;VALUE=DATE:20230619', 'DTEND;VALUE=DATE:20230620']));
  });

  it('events.ics holds every dated event of the locale, with the same UIDs', async () => {
    for (const locale of ['en', 'zh']) {
      const lines = icsLines(await read(`${locale}/events.ics`));
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(DATED.length);
      expect(
        lines
          .filter((l) => l.startsWith('UID:'))
          .map((l) => l.slice(4))
          .sort(),
      ).toEqual(DATED.map((id) => `${id}@news.example.org`).sort());
      expect(lines).not.toContain('UID:licensing-roundtable@news.example.org');
    }
  });
});
