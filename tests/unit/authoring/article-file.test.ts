import { describe, expect, it } from 'vitest';
import {
  ARTICLE_FIELDS,
  MAX_SUMMARY_LENGTH,
  renderArticle,
  todoText,
  type ArticleDraft,
} from '#tools/authoring/article-file.ts';
import { readSourceArticle, translationDraft, type SourceArticle } from '#tools/authoring/article-translation.ts';
import { splitFrontmatter } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';
import { frontmatterTodos } from '#pipeline/check/todos.ts';
import { articleSchema } from '#schemas/article.ts';
import { testContext } from '#tests/helpers.ts';

const known = {
  events: ['zgc-forum-2024'],
  speakers: ['marco-aleman', 'lu-pengqi', 'true'],
  organisations: ['wipo'],
  tags: ['innovation'],
};
const schema = articleSchema(testContext(known));

/** The frontmatter data and body of a rendered file. */
function read(text: string): { data: Record<string, unknown>; body: string } {
  const split = splitFrontmatter(text);
  if (!split.ok) throw new Error(split.message);
  const parsed = parseYaml(split.value.yaml);
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return { data: parsed.value.data as Record<string, unknown>, body: split.value.body };
}

const full: ArticleDraft = {
  title: `It's "WIPO": talks #1 — 会谈`,
  date: '2024-04-30',
  language: 'en',
  summary: 'TODO: one or two sentences',
  event: 'zgc-forum-2024',
  speakers: [{ id: 'marco-aleman' }, { id: 'lu-pengqi', role: 'Deputy Commissioner: CNIPA' }, { id: 'true' }],
  organisations: ['wipo'],
  tags: ['innovation'],
  draft: true,
  body: 'TODO: write the story.',
};

describe('ARTICLE_FIELDS', () => {
  it('lists the article schema fields in the schema order', () => {
    expect([...ARTICLE_FIELDS]).toEqual(Object.keys(schema.shape));
  });
});

describe('renderArticle', () => {
  it('writes frontmatter the article schema accepts, in the contract order, with tricky text escaped', () => {
    const { data, body } = read(renderArticle(full));
    const result = schema.safeParse(data);
    expect(result.success).toBe(true);
    expect(Object.keys(data)).toEqual(ARTICLE_FIELDS.filter((f) => f in data));
    expect(data['title']).toBe(full.title);
    expect(data['speakers']).toEqual(['marco-aleman', { id: 'lu-pengqi', role: 'Deputy Commissioner: CNIPA' }, 'true']);
    expect(body.trim()).toBe('TODO: write the story.');
  });

  it('gives every field, filled in or as a commented hint', () => {
    const text = renderArticle({
      title: 'T',
      date: '2024-04-30',
      language: 'en',
      summary: 'S',
      draft: false,
      body: 'B',
    });
    for (const field of ARTICLE_FIELDS) expect(text).toMatch(new RegExp(`^(?:# )?${field}:`, 'm'));
    expect(read(text).data).toEqual({ title: 'T', date: '2024-04-30', language: 'en', summary: 'S', draft: false });
  });

  it('single-quotes text as the contract does', () => {
    expect(renderArticle(full)).toContain(`title: 'It''s "WIPO": talks #1 — 会谈'`);
  });

  it('pre-fills photo credits in the cover hint', () => {
    const text = renderArticle(full, { photoCredits: ['ZGC Forum'] });
    expect(text).toContain('# cover: # the release credits photos to ZGC Forum');
    expect(text).toContain('#   credit: ZGC Forum');
  });
});

describe('translations', () => {
  const source: SourceArticle = {
    title: 'WIPO Delegation Holds Bilateral Meeting with CNIPA',
    summary: 'Marco Alemán visited CNIPA.',
    speakers: [{ id: 'marco-aleman' }, { id: 'lu-pengqi', role: 'Deputy Commissioner of the CNIPA' }],
    cover: { src: './talks.jpg', alt: 'The two delegations', credit: 'WOC' },
    shared: { date: '2024-04-30', event: 'zgc-forum-2024', tags: ['innovation'] },
    body: '\nAlemán visited CNIPA.\n',
  };

  it('quotes the original in to-dos, leaves shared facts out, keeps the body under a to-do line', () => {
    const draft = translationDraft(source, 'en', 'zh');
    expect(draft).toMatchObject({
      title: 'TODO translate: WIPO Delegation Holds Bilateral Meeting with CNIPA',
      language: 'zh',
      summary: 'TODO translate: Marco Alemán visited CNIPA.',
      speakers: [{ id: 'marco-aleman' }, { id: 'lu-pengqi', role: 'TODO translate: Deputy Commissioner of the CNIPA' }],
      cover: { src: './talks.jpg', alt: 'TODO translate: The two delegations', credit: 'WOC' },
      draft: true,
    });
    for (const field of ['date', 'event', 'organisations', 'tags'] as const) expect(draft[field]).toBeUndefined();
    expect(draft.body).toMatch(/^<!-- TODO translate: the text below is the en\.md original; write it in zh/);
    expect(draft.body).toContain('Alemán visited CNIPA.');

    const text = renderArticle(draft, { inheritsFrom: 'en' });
    expect(text).toContain('# date, event, organisations, tags, featured: inherited from en.md');
    expect(text).not.toMatch(/^(?:date|event|organisations|tags):/m);
    const { data } = read(text);
    expect(frontmatterTodos(data).map((t) => t.path.join('.'))).toEqual([
      'title',
      'summary',
      'speakers.1.role',
      'cover.alt',
    ]);
  });

  it('copies the shared facts when the translation becomes the primary file', () => {
    const draft = translationDraft({ ...source, speakers: [{ id: 'marco-aleman' }] }, 'zh', 'en', {
      becomesPrimary: true,
    });
    expect(draft).toMatchObject({
      date: '2024-04-30',
      event: 'zgc-forum-2024',
      tags: ['innovation'],
      speakers: [{ id: 'marco-aleman' }],
    });
    expect(schema.safeParse(read(renderArticle(draft)).data).success).toBe(true);
  });

  it('lists no speakers when the original gives no roles (they are inherited)', () => {
    const draft = translationDraft({ ...source, speakers: [{ id: 'marco-aleman' }] }, 'en', 'zh');
    expect(draft.speakers).toBeUndefined();
  });

  it('keeps quoted originals within the schema limits', () => {
    const draft = translationDraft({ ...source, summary: 'x'.repeat(600) }, 'en', 'zh');
    expect([...draft.summary]).toHaveLength(MAX_SUMMARY_LENGTH);
    expect(draft.summary.endsWith('…')).toBe(true);
    expect(todoText('title', 'Short')).toBe('TODO title: Short');
  });

  it('reads the source fields from an article file', () => {
    const text = renderArticle({
      ...full,
      cover: { src: './a.jpg', alt: 'Alt', caption: 'Cap' },
      source: 'https://example.org/',
    });
    const read = readSourceArticle(new TextEncoder().encode(text));
    expect(read).toEqual({
      ok: true,
      value: {
        title: full.title,
        summary: full.summary,
        speakers: [{ id: 'marco-aleman' }, { id: 'lu-pengqi', role: 'Deputy Commissioner: CNIPA' }, { id: 'true' }],
        cover: { src: './a.jpg', alt: 'Alt', caption: 'Cap' },
        source: 'https://example.org/',
        shared: { date: '2024-04-30', event: 'zgc-forum-2024', organisations: ['wipo'], tags: ['innovation'] },
        body: '\nTODO: write the story.\n',
      },
    });
    expect(readSourceArticle(new TextEncoder().encode('no frontmatter')).ok).toBe(false);
  });
});
