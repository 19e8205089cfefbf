import { describe, expect, it } from 'vitest';
import type { PublishedAt } from '#lib/dates.ts';
import { hasGeneratedShareImage } from '#lib/share-card-stories.ts';
import { resolveStoryViews, type ViewRegistries } from '#lib/story-view.ts';
import { buildStories, shownCover, SHARED_FIELDS } from '#lib/stories.ts';
import { SHARED_ARTICLE_FIELDS } from '#schemas/article.ts';

const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });
const ref = (id: string) => ({ id });

interface Data {
  readonly draft: boolean;
  readonly language: string;
  readonly title: string;
  readonly date?: PublishedAt;
  readonly event?: { readonly id: string };
  readonly speakers?: readonly { readonly id: { readonly id: string }; readonly role?: string }[];
  readonly organisations?: readonly { readonly id: string }[];
  readonly tags?: readonly { readonly id: string }[];
  readonly cover?: { readonly src: string; readonly alt: string };
}

const record = (id: string, data: Omit<Data, 'draft' | 'title'> & { title?: string }) => ({
  id,
  data: { draft: false, title: `${id} title`, ...data } as Data,
});

const registries: ViewRegistries<{ readonly id: string; readonly name: string }> = {
  speakers: new Map([
    ['wang', { data: { name: { en: 'Wang Binying', zh: '王彬颖' }, role: { en: 'Deputy Director', zh: '副总干事' } } }],
    ['li', { data: { name: { en: 'Li Na' } } }],
  ]),
  organisations: new Map([['wipo', { data: { name: { en: 'WIPO', zh: '世界知识产权组织' }, short: { en: 'WIPO' } } }]]),
  tags: new Map([['ip', { data: { label: { en: 'Intellectual property', zh: '知识产权' } } }]]),
  events: new Map([['forum', { id: 'forum', name: 'Forum 2024' }]]),
};

const stories = buildStories(
  [
    record('2024/forum/en', {
      language: 'en',
      date: day('2024-04-23'),
      event: ref('forum'),
      speakers: [{ id: ref('wang'), role: 'Chair' }, { id: ref('li') }, { id: ref('gone') }],
      organisations: [ref('wipo'), ref('gone')],
      tags: [ref('ip'), ref('gone')],
      cover: { src: 'forum.jpg', alt: 'The hall' },
    }),
    record('2024/forum/zh', { language: 'zh' }),
    record('2024/later/en', { language: 'en', date: day('2024-05-01') }),
    record('2024/zh-only/zh', { language: 'zh', date: day('2024-06-01'), cover: { src: 'own.jpg', alt: '会场' } }),
    record('2024/earlier/en', { language: 'en', date: day('2024-01-01') }),
  ],
  ['en', 'zh'],
);

const locales: readonly string[] = ['en', 'zh'];
const views = resolveStoryViews(stories, registries, {
  locales,
  htmlLang: (code) => (code === 'zh' ? 'zh-Hans' : code),
  cardStories: new Set(['2024/later', '2024/forum']),
});
const view = (locale: string, key: string) => {
  const found = views.get(locale)?.get(key);
  if (!found) throw new Error(`no ${locale} view of ${key}`);
  return found;
};

describe('resolveStoryViews', () => {
  it('has one view per published version, in the stories order, per locale', () => {
    expect([...(views.get('en')?.keys() ?? [])]).toEqual(['2024/later', '2024/forum', '2024/earlier']);
    expect([...(views.get('zh')?.keys() ?? [])]).toEqual(['2024/zh-only', '2024/forum']);
  });

  it('names speakers in the locale, keeps the role written in the story, else their usual role', () => {
    expect(view('en', '2024/forum').speakers).toEqual([
      { id: 'wang', name: 'Wang Binying', role: 'Chair', aka: '王彬颖' },
      { id: 'li', name: 'Li Na', role: undefined, aka: '' },
    ]);
    // The translation inherits the speakers without the primary's roles: the usual role, localized.
    expect(view('zh', '2024/forum').speakers).toEqual([
      { id: 'wang', name: '王彬颖', role: '副总干事', aka: 'Wang Binying' },
      { id: 'li', name: 'Li Na', role: undefined, aka: '' },
    ]);
  });

  it('resolves organisations, tags and the event, leaving out unknown ids', () => {
    const zh = view('zh', '2024/forum');
    expect(zh.organisations).toEqual([{ id: 'wipo', name: '世界知识产权组织', aka: 'WIPO WIPO' }]);
    expect(zh.tags).toEqual([{ id: 'ip', label: '知识产权', aka: 'Intellectual property' }]);
    expect(zh.event).toEqual({ id: 'forum', name: 'Forum 2024' });
    expect(view('en', '2024/later').event).toBeUndefined();
  });

  it('shows the primary cover in a translation without one, in the primary language', () => {
    expect(view('en', '2024/forum').cover).toEqual({
      image: { src: 'forum.jpg', alt: 'The hall' },
      inherited: false,
      language: 'en',
    });
    expect(view('zh', '2024/forum').cover).toEqual({
      image: { src: 'forum.jpg', alt: 'The hall' },
      inherited: true,
      language: 'en',
    });
    expect(view('zh', '2024/zh-only').cover?.inherited).toBe(false);
    expect(view('en', '2024/later').cover).toBeUndefined();
  });

  it('gives a share card only to card stories that show no cover (the og.png and SEO rule)', () => {
    expect(view('en', '2024/later').shareCard).toBe(true);
    expect(view('zh', '2024/forum').shareCard).toBe(false);
    expect(view('en', '2024/earlier').shareCard).toBe(false);
    for (const [locale, byKey] of views) {
      for (const [, v] of byKey) {
        expect(v.shareCard).toBe(hasGeneratedShareImage(v.story, locale, new Set(['2024/later', '2024/forum'])));
      }
    }
  });

  it('links neighbours in the same language only, with their titles', () => {
    const forum = view('en', '2024/forum');
    expect(forum.newer).toEqual({ year: '2024', slug: 'later', title: '2024/later/en title' });
    expect(forum.older).toEqual({ year: '2024', slug: 'earlier', title: '2024/earlier/en title' });
    expect(view('zh', '2024/forum').newer?.slug).toBe('zh-only');
    expect(view('zh', '2024/forum').older).toBeUndefined();
  });

  it('marks the primary version and gathers the facts words for search', () => {
    expect(view('en', '2024/forum').isPrimary).toBe(true);
    expect(view('zh', '2024/forum').isPrimary).toBe(false);
    const words = view('en', '2024/forum').searchFacts.split(' ');
    expect(words).toEqual(expect.arrayContaining(['Wang', 'Binying', '王彬颖', 'Chair', 'WIPO', 'Intellectual']));
    expect(view('en', '2024/later').searchFacts).toBe('');
  });
});

describe('shownCover', () => {
  it('is undefined when neither the version nor the primary has a cover', () => {
    const story = {
      primaryLanguage: 'en',
      versions: new Map([
        ['en', { data: {} }],
        ['zh', { data: {} }],
      ]),
    };
    expect(shownCover(story, 'zh')).toBeUndefined();
  });
});

describe('the shared fields', () => {
  it('are one list, used by the story rules and the article schema alike', () => {
    expect(SHARED_ARTICLE_FIELDS).toBe(SHARED_FIELDS);
  });
});
