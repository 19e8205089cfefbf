import { describe, expect, it } from 'vitest';
import { articleSchema } from '#schemas/article.ts';
import { eventSchema } from '#schemas/event.ts';
import { organisationSchema } from '#schemas/organisation.ts';
import { speakerSchema } from '#schemas/speaker.ts';
import { tagSchema } from '#schemas/tag.ts';
import { issuesOf, testContext } from '#tests/helpers.ts';

const ctx = testContext({
  speakers: ['wang-binying', 'liu-hua'],
  organisations: ['wipo', 'cnipa'],
  events: ['forum'],
  tags: ['ip'],
});

describe('article schema', () => {
  const schema = articleSchema(ctx);
  const valid = {
    title: 'A title',
    date: '2024-04-23',
    language: 'en',
    summary: 'A summary.',
    event: 'forum',
    speakers: ['wang-binying', { id: 'liu-hua', role: 'Director' }],
    organisations: ['wipo'],
    tags: ['ip'],
    cover: { src: './a.jpg', alt: 'The stage', caption: 'Opening', credit: 'ZGC Forum' },
    source: 'https://www.wipo.int/',
    aliases: ['/news/2024/old-name/'],
  };

  it('accepts a complete article and normalises speakers and dates', () => {
    const result = schema.safeParse(valid);
    expect(issuesOf(result)).toEqual([]);
    expect(result.data?.speakers).toEqual([
      { id: { id: 'wang-binying', collection: 'speakers' } },
      { id: { id: 'liu-hua', collection: 'speakers' }, role: 'Director' },
    ]);
    expect(result.data?.date).toEqual({ day: '2024-04-23', instant: '2024-04-23T00:00:00.000Z', hasTime: false });
    expect(result.data?.draft).toBe(false);
  });

  it('accepts a translation that leaves the shared facts out', () => {
    expect(issuesOf(schema.safeParse({ title: '标题', language: 'zh', summary: '摘要。' }))).toEqual([]);
  });

  it('refuses missing, mistyped and unknown fields with editor-facing messages', () => {
    const result = schema.safeParse({ language: 'fr', summary: '', speaker: [], draft: 'yes', title: 42 });
    const issues = issuesOf(result);
    expect(issues).toContain('title: title must be text');
    expect(issues).toContain('language: language must be one of: en, zh');
    expect(issues).toContain('summary: summary must not be empty');
    expect(issues).toContain('draft: draft must be true or false');
    expect(issues.some((i) => i.includes('speaker'))).toBe(true);
  });

  it('refuses hostile or malformed URLs, aliases and cover without alt', () => {
    const issues = issuesOf(
      schema.safeParse({
        ...valid,
        source: 'javascript:alert(1)',
        aliases: ['https://evil.example/x', '/a/../b/'],
        cover: { src: './a.jpg' },
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^source: .*https:\/\//),
        expect.stringMatching(/^aliases\.0: .*site path/),
        expect.stringMatching(/^aliases\.1: .*site path/),
        'cover.alt: cover alt text is missing',
      ]),
    );
  });

  it('refuses unknown references and duplicates in reference lists', () => {
    const issues = issuesOf(schema.safeParse({ ...valid, tags: ['ip', 'ip'], event: 'nope' }));
    expect(issues).toEqual(
      expect.arrayContaining([
        'tags.1: "ip" is listed twice',
        'event: unknown event "nope". Add content/events/nope.yaml or check the spelling.',
      ]),
    );
  });

  it('refuses a date that does not exist', () => {
    expect(issuesOf(schema.safeParse({ ...valid, date: '2024-02-30' }))).toEqual([
      'date: 2024-02-30 does not exist: month 02 of 2024 has 29 days',
    ]);
  });
});

describe('speaker schema', () => {
  const schema = speakerSchema(ctx);
  it('accepts names per language with the default locale required', () => {
    const ok = schema.safeParse({
      name: { en: 'Wang Binying', zh: '王彬颖' },
      role: { en: 'Deputy Director General' },
      organisation: 'wipo',
      links: [{ label: 'WIPO', url: 'https://www.wipo.int/' }],
    });
    expect(issuesOf(ok)).toEqual([]);
  });
  it('refuses a missing default-locale name, an unknown language and a plain-string name', () => {
    expect(issuesOf(schema.safeParse({ name: { zh: '王彬颖' } }))).toEqual(['name.en: name (en) is missing']);
    expect(issuesOf(schema.safeParse({ name: { en: 'W', zn: '王' } }))[0]).toContain('Did you mean "zh"?');
    expect(issuesOf(schema.safeParse({ name: 'Wang' }))[0]).toContain('given per language');
  });
});

describe('organisation schema', () => {
  const schema = organisationSchema(ctx);
  it('accepts a parent reference and refuses an unknown one', () => {
    expect(issuesOf(schema.safeParse({ name: { en: 'WIPO Office in China' }, parent: 'wipo' }))).toEqual([]);
    expect(issuesOf(schema.safeParse({ name: { en: 'X' }, parent: 'wip' }))).toEqual([
      'parent: unknown organisation "wip". Did you mean "wipo"?',
    ]);
  });
});

describe('event schema', () => {
  const schema = eventSchema(ctx);
  it('accepts a dated event with organisers', () => {
    const result = schema.safeParse({
      name: { en: 'Forum', zh: '论坛' },
      start: '2024-04-23',
      end: '2024-04-24',
      organisers: ['wipo', 'cnipa'],
    });
    expect(issuesOf(result)).toEqual([]);
    expect(result.data?.start).toBe('2024-04-23');
  });
  it('refuses an end before the start, an end without start, and impossible days', () => {
    expect(issuesOf(schema.safeParse({ name: { en: 'F' }, start: '2024-04-23', end: '2024-04-22' }))).toEqual([
      'end: end 2024-04-22 is before start 2024-04-23',
    ]);
    expect(issuesOf(schema.safeParse({ name: { en: 'F' }, end: '2024-04-22' }))[0]).toContain('without start');
    expect(issuesOf(schema.safeParse({ name: { en: 'F' }, start: '2024-04-31' }))[0]).toContain('has 30 days');
  });
});

describe('tag schema', () => {
  const schema = tagSchema(ctx);
  it('accepts a label and refuses unknown fields', () => {
    expect(issuesOf(schema.safeParse({ label: { en: 'IP', zh: '知识产权' } }))).toEqual([]);
    expect(issuesOf(schema.safeParse({ label: { en: 'IP' }, colour: 'red' }))[0]).toMatch(/^: Unrecognized key/);
  });
});
