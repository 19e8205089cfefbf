// The front page's rules (src/lib/front-page.ts): which story leads a home (the newest featured, else
// the newest), which featured stories that rule passes over, what each page of a home shows, and what
// a kicker names. Then the checker's warning (pipeline/check/featured.ts) on real files: at the
// `featured` line of each story that would not lead, naming the one that does, per locale.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatProblem } from '#pipeline/check/problems.ts';
import { homePageStories, kickerOf, leadStory, outrankedFeatured } from '#lib/front-page.ts';
import { siteConfig, type SiteConfig } from '#site.config';

/** A listed story, newest first by position; `featured` as its (inherited) frontmatter says. */
const item = (key: string, featured?: boolean) => ({
  story: { key },
  version: { data: featured === undefined ? {} : { featured } },
});
const keys = (items: readonly { story: { key: string } }[]) => items.map((i) => i.story.key);

describe('leadStory', () => {
  it('is the newest story when none is featured', () => {
    expect(leadStory([item('new'), item('old')])?.story.key).toBe('new');
    expect(leadStory([item('new', false), item('old', false)])?.story.key).toBe('new');
  });
  it('is the featured story, wherever it is in the listing', () => {
    expect(leadStory([item('a'), item('b'), item('c', true)])?.story.key).toBe('c');
  });
  it('is the newest featured story when several are', () => {
    expect(leadStory([item('a'), item('b', true), item('c', true)])?.story.key).toBe('b');
  });
  it('is nothing on an empty listing', () => {
    expect(leadStory([])).toBeUndefined();
  });
});

describe('outrankedFeatured', () => {
  it('names every featured story after the lead, with the lead', () => {
    const listing = [item('a'), item('b', true), item('c', true), item('d'), item('e', true)];
    expect(outrankedFeatured(listing).map(({ item: i, lead }) => `${i.story.key}<${lead.story.key}`)).toEqual([
      'c<b',
      'e<b',
    ]);
  });
  it('is empty with one featured story, or none', () => {
    expect(outrankedFeatured([item('a'), item('b', true)])).toEqual([]);
    expect(outrankedFeatured([item('a'), item('b')])).toEqual([]);
    expect(outrankedFeatured([])).toEqual([]);
  });
});

describe('homePageStories', () => {
  const listing = [item('a'), item('b'), item('c'), item('d', true), item('e')];
  const pages = [
    { number: 1, items: listing.slice(0, 2) },
    { number: 2, items: listing.slice(2, 4) },
    { number: 3, items: listing.slice(4) },
  ];

  it('puts the lead on page 1 and leaves it out of the list below it', () => {
    const first = homePageStories({ number: 1, items: listing.slice(0, 3) }, () => listing.slice(0, 3));
    expect(first.lead?.story.key).toBe('a');
    expect(keys(first.rest)).toEqual(['b', 'c']);
  });
  it('leads with a featured story from a later page, which keeps its place there', () => {
    const first = homePageStories(pages[0]!, () => listing);
    expect(first.lead?.story.key).toBe('d');
    expect(keys(first.rest)).toEqual(['a', 'b']);
    expect(homePageStories(pages[1]!, () => listing)).toEqual({ lead: undefined, rest: pages[1]!.items });
  });
  it('does not read the whole listing for later pages', () => {
    let asked = 0;
    const later = homePageStories(pages[2]!, () => {
      asked++;
      return listing;
    });
    expect(later.lead).toBeUndefined();
    expect(asked).toBe(0);
  });
  it('has no lead on an empty home', () => {
    expect(homePageStories({ number: 1, items: [] }, () => [])).toEqual({ lead: undefined, rest: [] });
  });
});

describe('kickerOf', () => {
  const tags = [{ id: 'innovation' }, { id: 'patents' }];
  it('names the event, else the first topic', () => {
    expect(kickerOf({ event: { id: 'forum' }, tags })).toEqual({ collection: 'events', id: 'forum' });
    expect(kickerOf({ tags })).toEqual({ collection: 'tags', id: 'innovation' });
    expect(kickerOf({ event: undefined, tags: [] })).toBeUndefined();
  });
  it('never names the entry whose page the list is on', () => {
    expect(kickerOf({ event: { id: 'forum' }, tags }, { collection: 'events', id: 'forum' })).toEqual({
      collection: 'tags',
      id: 'innovation',
    });
    expect(kickerOf({ tags }, { collection: 'tags', id: 'innovation' })).toEqual({ collection: 'tags', id: 'patents' });
    expect(kickerOf({ tags: [{ id: 'innovation' }] }, { collection: 'tags', id: 'innovation' })).toBeUndefined();
    // Another entry of the same collection, or the same id in another, is named as usual.
    expect(kickerOf({ event: { id: 'forum' }, tags }, { collection: 'events', id: 'other' })?.id).toBe('forum');
    expect(kickerOf({ tags }, { collection: 'events', id: 'innovation' })?.id).toBe('innovation');
  });
});

describe('npm run check on featured stories', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Writes article files (`YYYY/slug/lang` → their frontmatter lines) into a new content folder. */
  async function write(files: Record<string, string[]>): Promise<void> {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-featured-'));
    for (const [id, lines] of Object.entries(files)) {
      const [year = '', slug = '', lang = ''] = id.split('/');
      await mkdir(path.join(dir, 'content/articles', year, slug), { recursive: true });
      const text = [
        '---',
        `title: ${slug}`,
        `language: ${lang}`,
        'summary: A story.',
        ...lines,
        '---',
        '',
        'Body.',
        '',
      ];
      await writeFile(path.join(dir, 'content/articles', year, slug, `${lang}.md`), text.join('\n'));
    }
  }

  /** The problems of the written folder in field `field`, formatted as the checker prints them. */
  async function problems(field: string, config: SiteConfig = siteConfig): Promise<string[]> {
    const result = await checkContent({ contentDir: path.join(dir ?? '', 'content'), displayRoot: dir ?? '', config });
    return result.problems.filter((p) => p.field === field).map(formatProblem);
  }

  it('says nothing about one featured story', async () => {
    await write({ '2024/new/en': ['date: 2024-06-01'], '2024/old/en': ['date: 2024-01-01', 'featured: true'] });
    expect(await problems('featured')).toEqual([]);
  });

  it('warns at the featured line of each older featured story, naming the lead and its home pages', async () => {
    await write({
      '2024/newest/en': ['date: 2024-06-01', 'featured: true'],
      '2024/newest/zh': [],
      '2024/middle/en': ['date: 2024-03-01', 'featured: true'],
      '2024/middle/zh': ['featured: true'],
      '2024/oldest/en': ['date: 2024-01-01', 'featured: false'],
      '2023/older/en': ['date: 2023-05-01', 'featured: true'],
    });
    const why =
      'featured, but not the lead: 2024/newest leads the home page (en, zh), being featured too and newer.' +
      ' Only the newest featured story leads; remove "featured" from the one that should not';
    expect(await problems('featured')).toEqual([
      `content/articles/2023/older/en.md:6:1  warning  featured  ${why}`,
      `content/articles/2024/middle/en.md:6:1  warning  featured  ${why}`,
    ]);
  });

  it('follows each locale: a lead in one language only leaves the other home to the older one', async () => {
    await write({
      '2024/english-only/en': ['date: 2024-06-01', 'featured: true'],
      '2024/both/en': ['date: 2024-03-01', 'featured: true'],
      '2024/both/zh': [],
    });
    const at = 'content/articles/2024/both/en.md:6:1  warning  featured  featured, but not the lead: ';
    // Listed with a badge in Chinese, the English-only story leads both homes.
    expect(await problems('featured')).toEqual([
      expect.stringContaining(`${at}2024/english-only leads the home page (en, zh), being`),
    ]);
    // Left out of Chinese listings, it leads the English home only; the other leads the Chinese one.
    expect(await problems('featured', { ...siteConfig, untranslatedStories: 'hide' })).toEqual([
      expect.stringContaining(`${at}2024/english-only leads the home page (en), being`),
    ]);
  });

  it('refuses a value that is not true or false, saying what the field does', async () => {
    await write({ '2024/x/en': ['date: 2024-01-01', 'featured: yes please'] });
    expect(await problems('featured')).toEqual([
      'content/articles/2024/x/en.md:6:1  error  featured  featured must be true or false: "featured: true" puts the story at the top of the home page; leave it out otherwise',
    ]);
  });

  it('takes featured as a shared fact: inherited, and a translation that disagrees is drift', async () => {
    await write({ '2024/x/en': ['date: 2024-01-01', 'featured: true'], '2024/x/zh': ['featured: false'] });
    expect(await problems('featured')).toEqual([
      'content/articles/2024/x/zh.md:5:1  error  featured  featured false differs from en.md (true): remove it here to inherit, or make both agree',
    ]);
  });
});
