// Duplicate detection of `npm run import` (import-archive.ts, text-similarity.ts): a story already in
// the archive is refused with the file, the criterion and the similarity named, for every story of
// the release at once; --force-new imports anyway, --force replaces an earlier import's own files.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceArticle } from '#tools/authoring/article-translation.ts';
import {
  findDuplicates,
  openingParagraph,
  OPENING_SIMILARITY,
  TITLE_SIMILARITY,
  type ArchiveFile,
} from '#tools/authoring/import-archive.ts';
import { planImport, type ImportPlan } from '#tools/authoring/import-release.ts';
import { comparisonTokens, containment, dice } from '#tools/authoring/text-similarity.ts';
import { articleText, importContext, removeTempContent, SHIPPED_RELEASE, tempContent } from './import-fixture.ts';

afterAll(removeTempContent);

/** Writes the planned files into the content folder, as the command does. */
async function writePlan(content: string, plan: ImportPlan): Promise<void> {
  if (!plan.ok) throw new Error(plan.errors.join('\n'));
  for (const story of plan.stories) {
    await mkdir(path.dirname(path.join(content, story.rel)), { recursive: true });
    await writeFile(path.join(content, story.rel), story.text);
  }
}

/** An archive file with the fields the comparison reads. */
function file(rel: string, fields: Partial<SourceArticle> & { day?: string; language?: string }): ArchiveFile {
  const article: SourceArticle = {
    title: fields.title ?? 'An unrelated story about something else',
    summary: 'Summary.',
    speakers: [],
    shared: {},
    body: fields.body ?? 'Nothing in common with anything.',
    ...(fields.source !== undefined ? { source: fields.source } : {}),
  };
  const opening = openingParagraph(article.body);
  return {
    rel,
    story: { year: '2024', slug: path.basename(path.dirname(rel)), languages: [fields.language ?? 'en'] },
    language: fields.language ?? 'en',
    primary: true,
    article,
    ...(fields.day !== undefined ? { day: fields.day } : {}),
    speakers: [],
    ...(opening !== undefined ? { opening } : {}),
  };
}

describe('text similarity', () => {
  it('compares Chinese by character bigrams and Latin text by words, after normalising', () => {
    expect([...comparisonTokens('WIPO holds talks, with CNIPA!')]).toEqual(['wipo', 'holds', 'talks', 'with', 'cnipa']);
    expect([...comparisonTokens('双边会谈')]).toEqual(['双边', '边会', '会谈']);
    // Full-width and ASCII punctuation, case and Markdown escapes make no difference.
    expect(dice('指出,创新(TISC)', '指出，创新（TISC）')).toBe(1);
    expect(dice('WIPO Holds Talks: CNIPA', 'wipo holds talks \\- cnipa')).toBe(1);
    expect(dice('Forum opens in Beijing', 'Ceremony closes in Shanghai')).toBeLessThan(0.3);
    expect(dice('', '')).toBe(0);
  });

  it('measures how much of a short text is in a longer one', () => {
    expect(
      containment('与中国国家知识产权局的双边会谈', '产权组织与中国国家知识产权局双边会谈（2024年4月）').share,
    ).toBeCloseTo(12 / 14);
    expect(containment('开幕式致辞', '产权组织与中国国家知识产权局双边会谈').share).toBe(0);
  });
});

describe('findDuplicates', () => {
  const day = '2024-04-30';
  const incoming = {
    language: 'en',
    title: 'Delegation Holds Bilateral Talks with the National IP Office in Beijing',
    day,
    source: 'https://www.example.org/news/talks',
    opening: 'A WIPO delegation met the Deputy Commissioner of the national IP office in Beijing.',
    speakers: [],
  };

  it('names each criterion met, with its similarity', () => {
    const archive = [
      file('articles/2024/by-source/en.md', { source: 'https://www.example.org/news/talks/#top', day: '2023-01-01' }),
      file('articles/2024/by-title/en.md', {
        day,
        // One word of eleven changed: Dice 0.9.
        title: 'Delegation Holds Bilateral Talks with the National IP Office in Shanghai',
      }),
      file('articles/2024/by-opening/en.md', {
        day: '2024-05-02',
        body: '<!-- TODO photo -->\n\n## A heading\n\nA WIPO delegation met the Deputy Commissioner of the national IP office in Beijing!',
      }),
      file('articles/2024/other-day/en.md', { day: '2024-05-01', title: incoming.title }),
      file('articles/2024/other-language/zh.md', { day, language: 'zh', title: incoming.title }),
      file('articles/2024/todo-title/en.md', { day, title: `TODO title: ${incoming.title}` }),
    ];
    expect(findDuplicates(incoming, archive)).toEqual([
      { rel: 'articles/2024/by-source/en.md', criteria: [{ kind: 'source', similarity: 1 }] },
      { rel: 'articles/2024/by-title/en.md', criteria: [{ kind: 'title', similarity: 0.9 }] },
      { rel: 'articles/2024/by-opening/en.md', criteria: [{ kind: 'opening', similarity: 1 }] },
    ]);
  });

  it('lets texts below the thresholds through', () => {
    expect(TITLE_SIMILARITY).toBe(0.8);
    expect(OPENING_SIMILARITY).toBe(0.9);
    const archive = [
      file('articles/2024/half-title/en.md', { day, title: 'Delegation Holds Talks on Trademarks in Geneva' }),
      file('articles/2024/other-opening/en.md', {
        body: 'A WIPO delegation met the Commissioner of the national trademark office in Geneva last week.',
      }),
    ];
    expect(findDuplicates(incoming, archive)).toEqual([]);
  });
});

describe('planImport against the archive', () => {
  it('refuses the shipped release imported again, naming the three files and the criteria', async () => {
    const content = await tempContent();
    await writePlan(content, planImport(SHIPPED_RELEASE, await importContext(content)));
    const again = planImport(SHIPPED_RELEASE, await importContext(content));
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.duplicates.map((d) => [d.story, d.language, d.matches.map((m) => m.rel)])).toEqual([
      [1, 'en', ['articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md']],
      [2, 'zh', ['articles/2024/zgc-forum-2024-clusters/zh.md']],
      [3, 'zh', ['articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju/zh.md']],
    ]);
    // The untitled story is known by its opening paragraph; the titled ones by title and opening.
    expect(again.duplicates.map((d) => d.matches[0]?.criteria.map((c) => c.kind))).toEqual([
      ['title', 'opening'],
      ['opening'],
      ['title', 'opening'],
    ]);
    expect(again.errors[0]).toBe(
      'story 1 (en, "WIPO China: IPR Stimulates Innovative Vitality in Developing New Quality Produc…") is already in the archive: articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md: same day (2024-04-30) and a similar title (similarity 1.00); same opening paragraph (similarity 1.00)',
    );
    expect(again.errors.at(-1)).toBe(
      '3 of the 3 stories of release.txt are already in the archive. Add --force-new to import them as new stories anyway',
    );
  });

  it('imports anyway with --force-new (new slugs), and replaces the same files with --force', async () => {
    const content = await tempContent();
    await writePlan(content, planImport(SHIPPED_RELEASE, await importContext(content)));
    const context = await importContext(content);
    const forcedNew = planImport(SHIPPED_RELEASE, { ...context, forceNew: true });
    expect(forcedNew.ok && forcedNew.stories.map((s) => [s.rel, s.overwrites])).toEqual([
      ['articles/2024/wipo-china-ipr-stimulates-innovative-vitality-2/en.md', false],
      ['articles/2024/zgc-forum-2024-clusters-2/zh.md', false],
      ['articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju-2/zh.md', false],
    ]);
    const forced = planImport(SHIPPED_RELEASE, { ...context, force: true });
    expect(forced.ok && forced.stories.map((s) => [s.rel, s.overwrites])).toEqual([
      ['articles/2024/wipo-china-ipr-stimulates-innovative-vitality/en.md', true],
      ['articles/2024/zgc-forum-2024-clusters/zh.md', true],
      ['articles/2024/yu-zhongguo-guojia-zhishi-chanquan-ju/zh.md', true],
    ]);
  });

  it('judges every story: a source address matches across years, a new story passes', async () => {
    const content = await tempContent({
      'articles/2023/older-report/en.md': articleText(
        {
          title: 'An Older Report',
          date: '2023-06-01',
          language: 'en',
          summary: 'Summary.',
          source: 'https://www.example.org/news/forum',
        },
        'Different words entirely.',
      ),
    });
    const release = [
      'Forum Report Published Online',
      'April 30, 2024',
      'Source: https://www.example.org/news/forum',
      'The report of the forum was published online today.',
      '报告全文发布',
      '论坛报告全文今天在网上发布，供各界参阅。',
    ].join('\n\n');
    const plan = planImport(release, await importContext(content));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.duplicates.map((d) => [d.story, d.matches])).toEqual([
      [1, [{ rel: 'articles/2023/older-report/en.md', criteria: [{ kind: 'source', similarity: 1 }] }]],
    ]);
    expect(plan.errors[0]).toContain('same source address (https://www.example.org/news/forum)');
    expect(plan.errors.at(-1)).toMatch(/^1 of the 2 stories of release\.txt is already in the archive/);
    const forced = planImport(release, { ...(await importContext(content)), forceNew: true });
    expect(forced.ok && forced.stories[0]?.text).toContain('\nsource: https://www.example.org/news/forum\n');
  });
});
