// Related stories (src/lib/related.ts): the weights, the order of ties (closer in date, then newer),
// same language first, never the story itself, the limit, and the cost on 10,000 stories.
import { describe, expect, it } from 'vitest';
import { RELATED_WEIGHTS, relatedStories, type RelatedInput } from '#lib/related.ts';
import type { SharedFacts } from '#lib/stories.ts';

interface Facts {
  readonly event?: string;
  readonly speakers?: readonly string[];
  readonly organisations?: readonly string[];
  readonly tags?: readonly string[];
}

/** A story dated `day` with `facts`, in `languages` (English only by default). */
function story(key: string, day: string, facts: Facts, languages: readonly string[] = ['en']): RelatedInput {
  const data: SharedFacts = {
    ...(facts.event ? { event: { id: facts.event } } : {}),
    speakers: (facts.speakers ?? []).map((id) => ({ id: { id } })),
    organisations: (facts.organisations ?? []).map((id) => ({ id })),
    tags: (facts.tags ?? []).map((id) => ({ id })),
  };
  return {
    key,
    date: { day, instant: `${day}T00:00:00.000Z`, hasTime: false },
    versions: new Map(languages.map((code) => [code, { data }])),
  };
}

const LOCALES = ['en', 'zh'];
const related = (stories: readonly RelatedInput[], locale = 'en', options = {}) =>
  relatedStories(stories, { locales: LOCALES, ...options }).get(locale) ?? new Map<string, readonly string[]>();

describe('relatedStories: weights', () => {
  it('documents the weights', () => {
    expect(RELATED_WEIGHTS).toEqual({ event: 4, relatedEvent: 2, speaker: 3, organisation: 2, tag: 1 });
  });

  it('ranks same event (4) over a speaker (3) over two tags (2) over one organisation… by total', () => {
    const stories = [
      story('2024/me', '2024-05-01', {
        event: 'forum',
        speakers: ['wang'],
        organisations: ['wipo'],
        tags: ['ip', 'ai'],
      }),
      story('2024/tag', '2024-05-01', { tags: ['ip'] }), // 1
      story('2024/two-tags', '2024-05-01', { tags: ['ip', 'ai'] }), // 2
      story('2024/speaker', '2024-05-01', { speakers: ['wang'] }), // 3
      story('2024/event', '2024-05-01', { event: 'forum' }), // 4
      story('2024/speaker-org', '2024-05-01', { speakers: ['wang'], organisations: ['wipo'] }), // 5
      story('2024/nothing', '2024-05-01', { tags: ['other'] }), // 0: never related
    ];
    expect(related(stories, 'en', { limit: 10 }).get('2024/me')).toEqual([
      '2024/speaker-org',
      '2024/event',
      '2024/speaker',
      '2024/two-tags',
      '2024/tag',
    ]);
  });

  it('counts an organisation as 2, between a speaker and a tag', () => {
    const stories = [
      story('2024/me', '2024-05-01', { speakers: ['wang'], organisations: ['wipo'], tags: ['ip'] }),
      story('2024/org', '2024-05-01', { organisations: ['wipo'] }),
      story('2024/speaker', '2024-05-01', { speakers: ['wang'] }),
      story('2024/tag', '2024-05-01', { tags: ['ip'] }),
    ];
    expect(related(stories).get('2024/me')).toEqual(['2024/speaker', '2024/org', '2024/tag']);
  });

  it('links events that are part of one another or of the same larger event (2, once), never on top of the same event', () => {
    const parents: Record<string, string> = { 'forum-day-1': 'forum', 'forum-day-2': 'forum', forum: 'week' };
    const partOf = (id: string): string | undefined => parents[id];
    const stories = [
      story('2024/me', '2024-05-01', { event: 'forum-day-1' }),
      story('2024/sibling', '2024-05-02', { event: 'forum-day-2' }),
      story('2024/parent', '2024-05-03', { event: 'forum' }),
      story('2024/grandparent', '2024-05-04', { event: 'week' }),
      story('2024/same', '2024-06-30', { event: 'forum-day-1' }),
      story('2024/unrelated', '2024-05-01', { event: 'other' }),
    ];
    const lists = related(stories, 'en', { partOf, limit: 10 });
    // Same event 4 (not 4 + 2), then every related event at 2, nearest in date first.
    expect(lists.get('2024/me')).toEqual(['2024/same', '2024/sibling', '2024/parent', '2024/grandparent']);
    // Without the registry's partOf, only the same event counts.
    expect(related(stories, 'en', { limit: 10 }).get('2024/me')).toEqual(['2024/same']);
  });
});

describe('relatedStories: order and limits', () => {
  it('breaks ties by closeness in date, then the newer one, then the key', () => {
    const stories = [
      story('2024/me', '2024-05-10', { tags: ['ip'] }),
      story('2024/far', '2024-01-01', { tags: ['ip'] }),
      story('2024/before', '2024-05-07', { tags: ['ip'] }), // 3 days before
      story('2024/after', '2024-05-13', { tags: ['ip'] }), // 3 days after: newer wins the tie
      story('2024/near-b', '2024-05-11', { tags: ['ip'] }),
      story('2024/near-a', '2024-05-11', { tags: ['ip'] }), // same day as near-b: by key
    ];
    expect(related(stories, 'en', { limit: 10 }).get('2024/me')).toEqual([
      '2024/near-a',
      '2024/near-b',
      '2024/after',
      '2024/before',
      '2024/far',
    ]);
  });

  it('never lists the story itself, and gives an empty list when nothing is shared', () => {
    const stories = [story('2024/a', '2024-05-01', { tags: ['ip'] }), story('2024/b', '2024-05-02', { tags: ['x'] })];
    const lists = related(stories);
    expect(lists.get('2024/a')).toEqual([]);
    expect(lists.get('2024/b')).toEqual([]);
  });

  it('keeps at most `limit` (4 by default) and does not depend on the input order', () => {
    const stories = Array.from({ length: 9 }, (_, i) => story(`2024/s${i}`, `2024-05-0${i + 1}`, { tags: ['ip'] }));
    const lists = related(stories);
    expect(lists.get('2024/s4')).toEqual(['2024/s5', '2024/s3', '2024/s6', '2024/s2']);
    expect(related(stories, 'en', { limit: 2 }).get('2024/s4')).toHaveLength(2);
    expect(related([...stories].reverse())).toEqual(lists);
  });
});

describe('relatedStories: same language first', () => {
  const stories = [
    story('2024/me', '2024-05-01', { speakers: ['wang'], tags: ['ip'] }, ['en', 'zh']),
    story('2024/zh-only', '2024-05-01', { speakers: ['wang'] }, ['zh']), // 3, Chinese only
    story('2024/both', '2024-05-01', { tags: ['ip'] }, ['en', 'zh']), // 1
    story('2024/en-only', '2024-05-02', { tags: ['ip'] }, ['en']), // 1
  ];

  it('puts stories with a version in the page’s locale first, then the others', () => {
    expect(related(stories, 'en').get('2024/me')).toEqual(['2024/both', '2024/en-only', '2024/zh-only']);
    expect(related(stories, 'zh').get('2024/me')).toEqual(['2024/zh-only', '2024/both', '2024/en-only']);
  });

  it('fills the limit with the locale’s own stories before any fallback', () => {
    expect(related(stories, 'en', { limit: 2 }).get('2024/me')).toEqual(['2024/both', '2024/en-only']);
  });

  it('leaves untranslated stories out when the site hides them', () => {
    expect(related(stories, 'en', { untranslated: 'hide' }).get('2024/me')).toEqual(['2024/both', '2024/en-only']);
  });

  it('lists a story only in the locales it has a version in', () => {
    expect(related(stories, 'en').has('2024/zh-only')).toBe(false);
    expect(related(stories, 'zh').get('2024/zh-only')).toEqual(['2024/me']);
  });
});

describe('relatedStories: a fact shared by very many stories', () => {
  it('walks only the nearest in date, yet still weighs candidates found through other facts', () => {
    // Every story has the tag "news"; with a window of 4 only near stories are walked through it.
    const stories = Array.from({ length: 30 }, (_, i) =>
      story(`2024/s${String(i).padStart(2, '0')}`, `2024-01-${String(i + 1).padStart(2, '0')}`, { tags: ['news'] }),
    );
    stories.push(story('2024/far-speaker', '2024-12-31', { tags: ['news'], speakers: ['wang'] }));
    stories.push(story('2024/me', '2024-01-01', { tags: ['news'], speakers: ['wang'] }));
    const list = related(stories, 'en', { windowSize: 4 }).get('2024/me') ?? [];
    // far-speaker: 3 (speaker) + 1 (the common tag, though outside the window) = 4, first.
    expect(list[0]).toBe('2024/far-speaker');
    expect(list.slice(1)).toEqual(['2024/s00', '2024/s01', '2024/s02']);
  });
});

/** A deterministic pseudo-random generator (mulberry32), so the synthetic archive is the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` stories over ten years: 600 events, 2,000 speakers, 300 organisations, 80 tags (a few very common). */
function syntheticArchive(count: number): RelatedInput[] {
  const next = random(42);
  const pick = (n: number, skew = 1): number => Math.floor(Math.pow(next(), skew) * n);
  const some = (prefix: string, max: number, n: number, skew = 1): string[] => [
    ...new Set(Array.from({ length: 1 + pick(max) }, () => `${prefix}${pick(n, skew)}`)),
  ];
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor((i / count) * 3650) * 86_400_000).toISOString().slice(0, 10);
    return story(
      `${day.slice(0, 4)}/story-${i}`,
      day,
      {
        ...(next() < 0.6 ? { event: `event-${pick(600)}` } : {}),
        speakers: some('speaker-', 4, 2000, 2),
        organisations: some('org-', 3, 300, 2),
        tags: some('tag-', 4, 80, 3), // skewed: tag-0 is on a third of the stories
      },
      next() < 0.8 ? ['en', 'zh'] : [next() < 0.5 ? 'en' : 'zh'],
    );
  });
}

describe('relatedStories: cost', () => {
  it('relates 10,000 stories in under four seconds of CPU', () => {
    const stories = syntheticArchive(10_000);
    const options = { locales: LOCALES, partOf: (id: string) => (id.endsWith('7') ? 'event-1' : undefined) };
    relatedStories(stories.slice(0, 500), options); // warm-up: the compiler, not the algorithm
    const cpu = process.cpuUsage();
    const started = performance.now();
    const lists = relatedStories(stories, options);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    // CPU time rather than wall time: this machine's two cores are shared with other test runs.
    console.log(`relatedStories: 10,000 stories in ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms of CPU)`);
    expect(lists.get('en')?.size).toBeGreaterThan(5000);
    expect([...(lists.get('en')?.values() ?? [])].every((keys) => keys.length <= 4)).toBe(true);
    expect(cpuMs).toBeLessThan(4000);
  });
});
