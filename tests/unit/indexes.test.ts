import { describe, expect, it } from 'vitest';
import { archiveYears, idsInStories, indexBy, indexStories, neighboursIn } from '#lib/indexes.ts';
import { eventsByYear } from '#lib/events.ts';
import { aliasPath, aliasRedirects, redirectsFile } from '#lib/redirects.ts';
import { formatDay, formatDayRange, formatMonth } from '#lib/format.ts';

const ref = (id: string) => ({ id });
/** A story with the given versions' shared facts. */
function story(key: string, day: string, versions: Record<string, object>) {
  const [year = '', slug = ''] = key.split('/');
  return {
    key,
    year,
    slug,
    date: { day },
    versions: new Map(Object.entries(versions).map(([lang, data]) => [lang, { data }])),
  };
}

const stories = [
  story('2024/c', '2024-05-02', {
    en: { speakers: [{ id: ref('wang') }, { id: ref('shen'), role: 'host' }], tags: [ref('ip')], event: ref('forum') },
    zh: { speakers: [{ id: ref('shen') }, { id: ref('wang') }], tags: [ref('ip')], event: ref('forum') },
  }),
  story('2024/b', '2024-04-30', { zh: { speakers: [{ id: ref('shen') }], organisations: [ref('wipo')] } }),
  story('2023/a', '2023-12-01', { en: { tags: [ref('ip'), ref('gi')] } }),
];

describe('indexStories', () => {
  const indexes = indexStories(stories);
  const keys = (list: readonly { key: string }[] | undefined) => (list ?? []).map((s) => s.key);
  it('files each story once per speaker, tag, event, organisation, year and month, newest first', () => {
    expect(keys(indexes.bySpeaker.get('shen'))).toEqual(['2024/c', '2024/b']);
    expect(keys(indexes.bySpeaker.get('wang'))).toEqual(['2024/c']);
    expect(keys(indexes.byTag.get('ip'))).toEqual(['2024/c', '2023/a']);
    expect(keys(indexes.byEvent.get('forum'))).toEqual(['2024/c']);
    expect(keys(indexes.byOrganisation.get('wipo'))).toEqual(['2024/b']);
    expect(keys(indexes.byYear.get('2024'))).toEqual(['2024/c', '2024/b']);
    expect([...indexes.byMonth.keys()]).toEqual(['2024-05', '2024-04', '2023-12']);
  });
  it('lists the distinct ids a set of stories names, in order of appearance', () => {
    expect(idsInStories(stories, 'speakers')).toEqual(['wang', 'shen']);
    expect(idsInStories(stories, 'tags')).toEqual(['ip', 'gi']);
  });
  it('indexes registry relations by any key', () => {
    const orgs = [
      { id: 'office', parent: 'wipo' },
      { id: 'registry', parent: 'wipo' },
      { id: 'wipo', parent: undefined },
    ];
    const byParent = indexBy(orgs, (o) => (o.parent ? [o.parent] : []));
    expect(byParent.get('wipo')?.map((o) => o.id)).toEqual(['office', 'registry']);
    expect(byParent.has('office')).toBe(false);
  });
});

describe('neighboursIn', () => {
  it('links stories to the next newer and older story of the same language only', () => {
    const en = neighboursIn(stories, 'en');
    expect(en.get('2024/c')?.newer).toBeUndefined();
    expect(en.get('2024/c')?.older?.key).toBe('2023/a'); // 2024/b has no English version
    expect(en.has('2024/b')).toBe(false);
    const zh = neighboursIn(stories, 'zh');
    expect(zh.get('2024/b')?.newer?.key).toBe('2024/c');
  });
});

describe('archiveYears', () => {
  it('gives years and months newest first with counts, leaving out empty months', () => {
    const byMonth = new Map([
      ['2023-12', [1]],
      ['2024-04', [1, 2]],
      ['2024-05', [1]],
      ['2022-01', []],
    ]);
    expect(archiveYears(byMonth)).toEqual([
      {
        year: '2024',
        count: 3,
        months: [
          { month: '05', count: 1 },
          { month: '04', count: 2 },
        ],
      },
      { year: '2023', count: 1, months: [{ month: '12', count: 1 }] },
    ]);
  });
});

describe('eventsByYear', () => {
  it('groups by start year, places undated events by their stories, and puts the rest last', () => {
    const groups = eventsByYear([
      { id: 'old', start: '2023-03-01' },
      { id: 'tbc-covered', storyDay: '2024-04-30' },
      { id: 'new', start: '2024-05-01' },
      { id: 'tbc' },
      { id: 'same-day-b', start: '2023-03-01' },
    ]);
    expect(groups.map((g) => [g.year, ...g.events.map((e) => e.id)])).toEqual([
      ['2024', 'new', 'tbc-covered'],
      ['2023', 'old', 'same-day-b'],
      [undefined, 'tbc'],
    ]);
  });
});

describe('alias redirects', () => {
  const moved = [
    {
      year: '2024',
      slug: 'new-name',
      versions: new Map([
        ['en', { entryId: '2024/new-name/en', data: { aliases: ['/news/2024/old-name/', '/old.html'] } }],
      ]),
    },
    {
      year: '2023',
      slug: 'other',
      versions: new Map([['zh', { entryId: '2023/other/zh', data: { aliases: ['/zh/legacy'] } }]]),
    },
  ];
  const site = (base: string) => ({
    base,
    locales: [{ code: 'en', label: 'English' }],
    publicFiles: [],
    file: (id: string) => `content/articles/${id}.md`,
  });
  it('points every alias under the base path at its version, sorted; an alias claimed twice stops the build', () => {
    expect(aliasRedirects(moved, site('/previews/pr-42/'))).toEqual([
      {
        alias: '/news/2024/old-name/',
        from: '/previews/pr-42/news/2024/old-name/',
        param: 'news/2024/old-name',
        to: '/previews/pr-42/en/2024/new-name/',
        language: 'en',
      },
      {
        alias: '/old.html',
        from: '/previews/pr-42/old.html',
        param: 'old.html',
        to: '/previews/pr-42/en/2024/new-name/',
        language: 'en',
      },
      {
        alias: '/zh/legacy',
        from: '/previews/pr-42/zh/legacy/',
        param: 'zh/legacy',
        to: '/previews/pr-42/zh/2023/other/',
        language: 'zh',
      },
    ]);
    expect(aliasPath('/', '/a/b')).toBe('/a/b/');
    const third = {
      year: '2023',
      slug: 'third',
      versions: new Map([['en', { entryId: '2023/third/en', data: { aliases: ['/news/2024/old-name'] } }]]),
    };
    const twice = [...moved, third];
    expect(() => aliasRedirects(twice, site('/'))).toThrow(
      /^content\/articles\/2024\/new-name\/en\.md: aliases\[0\]: .*same address/,
    );
  });
  it('writes a _redirects file with 301s', () => {
    expect(redirectsFile(aliasRedirects(moved, site('/')))).toBe(
      '/news/2024/old-name/ /en/2024/new-name/ 301\n/old.html /en/2024/new-name/ 301\n/zh/legacy/ /zh/2023/other/ 301\n',
    );
  });
});

describe('Intl formatting', () => {
  it('writes days, months and ranges the locale way, whatever the machine time zone', () => {
    expect(formatDay('2024-04-23', 'en-GB')).toBe('23 April 2024');
    expect(formatDay('2024-04-23', 'zh-Hans-CN')).toBe('2024年4月23日');
    expect(formatMonth('2024-04', 'en-GB')).toBe('April 2024');
    expect(formatMonth('2024-04', 'zh-Hans-CN')).toBe('2024年4月');
    expect(formatMonth('2024-04', 'en-GB', 'month')).toBe('April');
    // ICU puts thin spaces around the en dash.
    expect(formatDayRange('2024-04-23', '2024-04-25', 'en-GB')).toMatch(/^23\s–\s25 April 2024$/u);
    expect(formatDayRange('2024-04-23', '2024-04-25', 'zh-Hans-CN')).toBe('2024年4月23日 – 2024年4月25日');
    expect(formatDayRange('2024-04-23', undefined, 'en-GB')).toBe('23 April 2024');
  });
});
