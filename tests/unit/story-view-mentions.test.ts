import { describe, expect, it } from 'vitest';
import type { PublishedAt } from '#lib/dates.ts';
import { htmlText, nameMentionFinder, registryNameForms } from '#lib/name-mentions.ts';
import { resolveStoryViews, type ViewRegistries } from '#lib/story-view.ts';
import { buildStories } from '#lib/stories.ts';

const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });

const registries: ViewRegistries<{ readonly data: { readonly name: Readonly<Record<string, string>> } }> = {
  speakers: new Map([['shen', { data: { name: { en: 'Shen Changyu', zh: '申长雨' } } }]]),
  organisations: new Map(),
  tags: new Map(),
  events: new Map(),
};

const stories = buildStories(
  [
    { id: '2024/forum/en', data: { draft: false, title: 'Forum', language: 'en', date: day('2024-04-23') } },
    { id: '2024/forum/zh', data: { draft: false, title: '论坛', language: 'zh' } },
  ],
  ['en', 'zh'],
);

// Bodies as the data store holds them: rendered HTML, by entry id.
const bodies = new Map([
  ['2024/forum/en', '<p>Opened by <a href="/en/speakers/shen-changyu/">Shen Changyu</a>.</p>'],
  ['2024/forum/zh', '<p>论坛开幕。</p>'],
]);
const find = nameMentionFinder(
  registryNameForms({ speakers: registries.speakers.values(), organisations: [], events: [], tags: [] }),
);

describe('resolveStoryViews with mentionedNames', () => {
  const views = resolveStoryViews(stories, registries, {
    locales: ['en', 'zh'],
    htmlLang: (code) => (code === 'zh' ? 'zh-Hans' : code),
    cardStories: new Set(),
    mentionedNames: (entryId) => find(htmlText(bodies.get(entryId) ?? '')),
  });

  it('adds the other-language forms of names the body mentions to the searchable facts only', () => {
    const en = views.get('en')?.get('2024/forum');
    // Speakers are not listed, so the facts hold nothing but the body's mention: 申长雨 as written
    // and as the words a segmented query is made of.
    expect(en?.searchFacts.split(' ')).toContain('申长雨');
    expect(en?.speakers).toEqual([]);
    expect(views.get('zh')?.get('2024/forum')?.searchFacts).toBe('');
  });

  it('leaves the facts as they were without a mention finder', () => {
    const plain = resolveStoryViews(stories, registries, {
      locales: ['en', 'zh'],
      htmlLang: (code) => code,
      cardStories: new Set(),
    });
    expect(plain.get('en')?.get('2024/forum')?.searchFacts).toBe('');
  });
});
