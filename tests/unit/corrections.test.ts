// Corrections (src/lib/corrections.ts) and where they go: the order and the notice, the last
// modification date (`revisionDates`), JSON-LD `correction`, and feed items (notice before the
// content, updated to the newest correction), in every format.
import { describe, expect, it } from 'vitest';
import { correctionsNewestFirst, correctionsNoticeHtml, labelGap, repeatedCorrections } from '#lib/corrections.ts';
import type { PublishedAt } from '#lib/dates.ts';
import { atomXml, jsonFeed, rssXml } from '#lib/feed-formats.ts';
import { feedItems, type FeedArticleData } from '#lib/feeds.ts';
import { newestDate, revisionDates } from '#lib/seo.ts';
import { buildStories } from '#lib/stories.ts';
import { newsArticleLd, serializeJsonLd, type NewsArticleInput } from '#lib/structured-data.ts';

const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });
const timed = (d: string, instant: string): PublishedAt => ({ day: d, instant, hasTime: true });
const label = (c: { date: PublishedAt }) => `Correction, ${c.date.day}:`;

describe('corrections: order, repeats, the notice', () => {
  const list = [
    { date: day('2024-05-03'), text: 'First fix.' },
    { date: day('2024-06-01'), text: 'Second fix.' },
    { date: day('2024-05-03'), text: 'Same day, later in the file.' },
  ];

  it('lists newest first, keeping the file order of the same moment', () => {
    expect(correctionsNewestFirst(list).map((c) => c.text)).toEqual([
      'Second fix.',
      'First fix.',
      'Same day, later in the file.',
    ]);
    expect(correctionsNewestFirst(undefined)).toEqual([]);
  });

  it('finds exact repeats only (same date and text)', () => {
    expect(repeatedCorrections([...list, { date: day('2024-05-03'), text: 'First fix.' }])).toEqual([3]);
    expect(repeatedCorrections([...list, { date: day('2024-05-04'), text: 'First fix.' }])).toEqual([]);
  });

  it('writes the notice as an escaped note, label in bold, no space after full-width punctuation', () => {
    const html = correctionsNoticeHtml([{ date: day('2024-05-03'), text: 'A <b>name</b> & a "quote"' }], label);
    expect(html).toBe(
      '<aside role="note" class="corrections"><p><strong>Correction, 2024-05-03:</strong> A &#x3C;b>name&#x3C;/b> &#x26; a "quote"</p></aside>',
    );
    const zh = correctionsNoticeHtml([{ date: day('2024-05-03'), text: '更正内容。' }], () => '更正（2024年5月3日）：');
    expect(zh).toContain('<strong>更正（2024年5月3日）：</strong>更正内容。');
    expect(labelGap('Correction, 3 May 2024:')).toBe(' ');
    expect(correctionsNoticeHtml([], label)).toBe('');
  });
});

describe('corrections: the last modification', () => {
  it('is the newest of updated and the corrections’ dates', () => {
    const corrections = [{ date: day('2024-05-10'), text: 'x' }];
    expect(newestDate(revisionDates({ updated: day('2024-05-02'), corrections }))?.day).toBe('2024-05-10');
    expect(newestDate(revisionDates({ updated: day('2024-06-02'), corrections }))?.day).toBe('2024-06-02');
    expect(newestDate(revisionDates({ corrections }))?.day).toBe('2024-05-10');
    expect(newestDate(revisionDates({}))).toBeUndefined();
  });
});

describe('corrections in the NewsArticle JSON-LD', () => {
  const site = 'https://news.example.org';
  const input: NewsArticleInput = {
    headline: 'Forum opens',
    description: 'The forum opened.',
    url: `${site}/en/2024/forum/`,
    inLanguage: 'en',
    datePublished: '2024-04-23',
    dateModified: '2024-05-10',
    publisher: { name: 'News Office', url: site },
    speakers: [],
    organisations: [],
    keywords: [],
    translations: [],
  };

  it('lists each correction as a CorrectionComment with its text and date', () => {
    const ld = newsArticleLd({
      ...input,
      corrections: [
        { text: 'The minister’s name is Li Ming.', datePublished: '2024-05-10' },
        { text: 'The venue was Hall B </script>', datePublished: '2024-05-03T10:00:00.000Z' },
      ],
    });
    expect(ld).toMatchObject({
      dateModified: '2024-05-10',
      correction: [
        { '@type': 'CorrectionComment', text: 'The minister’s name is Li Ming.', datePublished: '2024-05-10' },
        {
          '@type': 'CorrectionComment',
          text: 'The venue was Hall B </script>',
          datePublished: '2024-05-03T10:00:00.000Z',
        },
      ],
    });
    expect(serializeJsonLd(ld)).not.toContain('</script>');
  });

  it('says nothing of corrections when there are none', () => {
    expect(newsArticleLd(input)).not.toHaveProperty('correction');
    expect(newsArticleLd({ ...input, corrections: [] })).not.toHaveProperty('correction');
  });
});

describe('corrections in feed items', () => {
  type Data = FeedArticleData & { readonly language: string };
  const stories = buildStories<Data>(
    [
      {
        id: '2024/fixed/en',
        data: {
          language: 'en',
          title: 'Fixed',
          summary: 'A corrected story.',
          draft: false,
          date: day('2024-05-01'),
          updated: day('2024-05-02'),
          corrections: [
            { date: day('2024-05-03'), text: 'An older fix.' },
            { date: timed('2024-05-09', '2024-05-09T02:00:00.000Z'), text: 'The newest fix.' },
          ],
        },
      },
      {
        id: '2024/fixed/zh',
        data: { language: 'zh', title: '已更正', summary: '一篇更正过的报道。', draft: false },
      },
      {
        id: '2024/plain/en',
        data: { language: 'en', title: 'Plain', summary: 'No corrections.', draft: false, date: day('2024-04-01') },
      },
    ],
    ['en', 'zh'],
  );
  const options = {
    site: 'https://news.example.org',
    base: '/',
    locales: ['en', 'zh'],
    size: 50,
    htmlLang: 'en',
    categories: () => [],
    bodyHtml: () => '<p>Body.</p>',
    correctionLabel: label,
  };

  it('puts the notice, newest first, before the content and dates the item by the newest correction', async () => {
    const [fixed, plain] = await feedItems(stories, { ...options, locale: 'en' });
    expect(fixed?.contentHtml).toBe(
      '<aside role="note" class="corrections"><p><strong>Correction, 2024-05-09:</strong> The newest fix.</p>' +
        '<p><strong>Correction, 2024-05-03:</strong> An older fix.</p></aside><p>Body.</p>',
    );
    expect(fixed?.updated?.instant).toBe('2024-05-09T02:00:00.000Z');
    expect(plain?.contentHtml).toBe('<p>Body.</p>');
    expect(plain?.updated).toBeUndefined();
  });

  it('does not give a translation the primary’s corrections (each file keeps its own)', async () => {
    const [zh] = await feedItems(stories, { ...options, locale: 'zh', htmlLang: 'zh-Hans' });
    expect(zh?.contentHtml).toBe('<p>Body.</p>');
  });

  it('carries the notice and the date in RSS, Atom and JSON Feed', async () => {
    const items = await feedItems(stories, { ...options, locale: 'en' });
    const feed = {
      title: 'News',
      description: 'News.',
      language: 'en',
      home: 'https://news.example.org/en/',
      self: 'https://news.example.org/en/rss.xml',
      author: { name: 'News Office' },
      items,
    };
    const rss = await rssXml(feed);
    expect(rss).toContain('The newest fix.');
    expect(rss).toContain('<lastBuildDate>Thu, 09 May 2024 02:00:00 GMT</lastBuildDate>');
    const atom = atomXml(feed);
    expect(atom).toContain('<updated>2024-05-09T02:00:00Z</updated>');
    expect(atom).toContain('&lt;aside role=&quot;note&quot; class=&quot;corrections&quot;&gt;');
    const json = JSON.parse(jsonFeed(feed)) as { items: { content_html: string; date_modified?: string }[] };
    expect(json.items[0]?.date_modified).toBe('2024-05-09T02:00:00Z');
    expect(json.items[0]?.content_html.startsWith('<aside role="note" class="corrections">')).toBe(true);
  });
});
