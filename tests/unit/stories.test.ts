import { describe, expect, it } from 'vitest';
import type { PublishedAt } from '#lib/dates.ts';
import { buildStories, driftedFields, inheritSharedFacts, listingItems, primaryLanguage } from '#lib/stories.ts';

const day = (d: string): PublishedAt => ({ day: d, instant: `${d}T00:00:00.000Z`, hasTime: false });
const ref = (id: string) => ({ id });

describe('primaryLanguage', () => {
  it('prefers the default locale, then configured order', () => {
    expect(primaryLanguage(['zh', 'en'], ['en', 'zh'])).toBe('en');
    expect(primaryLanguage(['zh'], ['en', 'zh'])).toBe('zh');
    expect(primaryLanguage([], ['en', 'zh'])).toBeUndefined();
  });
});

describe('shared facts', () => {
  const primary = {
    date: day('2024-04-23'),
    event: ref('forum'),
    speakers: [{ id: ref('a'), role: 'Chair' }, { id: ref('b') }],
    tags: [ref('ip')],
  };
  it('lets a translation inherit what it leaves out, without the primary-language roles', () => {
    const merged = inheritSharedFacts(primary, { title: '标题', tags: [ref('ip')] });
    expect(merged).toEqual({
      title: '标题',
      date: primary.date,
      event: primary.event,
      speakers: [{ id: ref('a') }, { id: ref('b') }],
      tags: [ref('ip')],
    });
  });
  it('flags repeated fields that disagree, ignoring speaker order', () => {
    expect(driftedFields(primary, { speakers: [{ id: ref('b') }, { id: ref('a'), role: '主持' }] })).toEqual([]);
    expect(
      driftedFields(primary, { date: day('2024-04-24'), tags: [ref('ip'), ref('x')], event: ref('forum') }),
    ).toEqual(['date', 'tags']);
  });
});

describe('buildStories and listingItems', () => {
  const rec = (id: string, data: Record<string, unknown>) => ({
    id,
    data: { draft: false, ...data } as { draft: boolean; language: string; date?: PublishedAt },
  });
  const records = [
    rec('2024/old/en', { language: 'en', date: day('2024-01-02') }),
    rec('2024/old/zh', { language: 'zh' }),
    rec('2024/new/zh', { language: 'zh', date: day('2024-05-01') }),
    rec('2024/draft/en', { language: 'en', date: day('2024-06-01'), draft: true }),
    rec('2024/half/en', { language: 'en', date: day('2024-03-01') }),
    rec('2024/half/zh', { language: 'zh', draft: true }),
  ];
  const stories = buildStories(records, ['en', 'zh']);

  it('groups, inherits, drops drafts and orders newest first', () => {
    expect(stories.map((s) => s.key)).toEqual(['2024/new', '2024/half', '2024/old']);
    expect(stories[2]?.versions.get('zh')?.data.date).toEqual(day('2024-01-02'));
    expect([...(stories[1]?.versions.keys() ?? [])]).toEqual(['en']);
  });
  it('shows untranslated stories with a badge, or hides them, per the site config', () => {
    const en = listingItems(stories, 'en', ['en', 'zh'], 'show-with-badge');
    expect(en.map((i) => [i.story.key, i.version.language, i.isFallback])).toEqual([
      ['2024/new', 'zh', true],
      ['2024/half', 'en', false],
      ['2024/old', 'en', false],
    ]);
    expect(listingItems(stories, 'en', ['en', 'zh'], 'hide').map((i) => i.story.key)).toEqual([
      '2024/half',
      '2024/old',
    ]);
  });
});
