/**
 * The closing report of `npm run migrate` (tools/migrate/report.ts): a small hand-made plan, as
 * text and as JSON; locations relative to the site folder, notes grouped, order fixed.
 */
import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from '#tools/migrate/plan.ts';
import {
  buildReport,
  noteLocation,
  reportJson,
  reportText,
  withSiteNotes,
  type ReportInput,
} from '#tools/migrate/report.ts';

const SITE = '/sites/old';

const PLAN: MigrationPlan = {
  files: [
    { path: 'articles/2024/hello/en.md', text: 'x' },
    { path: 'articles/2024/hello/zh.md', text: 'x' },
    { path: 'articles/2024/hello/photo.jpg', copyFrom: `${SITE}/content/posts/hello/photo.jpg` },
  ],
  notes: [
    { file: `${SITE}/content/posts/b.md`, line: 3, kind: 'todo', message: 'confirm the date' },
    { file: `${SITE}/content/posts/a.md`, line: 12, column: 5, kind: 'leftover:shortcode', message: '{{< tweet >}}' },
    { file: `${SITE}/content/posts/a.md`, line: 2, column: 1, kind: 'leftover:shortcode', message: '{{< gist >}}' },
    { file: `${SITE}/content/posts/a.md`, line: 1, kind: 'disagreement', message: 'dates differ between en and zh' },
    { file: `${SITE}/content/posts/c.md`, line: 1, kind: 'link', message: 'link to /docs/ not migrated' },
  ],
  counts: {
    pages: { 'zh-cn': 1, en: 2 },
    stories: 2,
    pairs: 1,
    speakers: 1,
    tags: 3,
    images: 1,
    covers: 1,
    aliases: 2,
    converted: { youtube: 1, figure: 2 },
    otherLocales: { fr: 4 },
  },
};

const WRITTEN: ReportInput = {
  plan: PLAN,
  siteDir: SITE,
  generator: 'hugo',
  outDir: 'content',
  written: { written: 2, unchanged: 1 },
};

describe('noteLocation', () => {
  it('is file:line:column relative to the site folder, the column only when known', () => {
    expect(noteLocation(PLAN.notes[1]!, SITE)).toBe('content/posts/a.md:12:5');
    expect(noteLocation(PLAN.notes[0]!, SITE)).toBe('content/posts/b.md:3');
    expect(noteLocation({ file: '/elsewhere/x.md', line: 1, kind: 'k', message: '' }, SITE)).toBe('/elsewhere/x.md:1');
  });
});

describe('reportText', () => {
  it('gives the figures, then notes by kind, disagreements and to-dos', () => {
    expect(reportText(WRITTEN)).toBe(
      [
        'Migrated /sites/old (hugo) into content',
        '  files:           2 written, 1 unchanged',
        '  pages read:      en 2, zh-cn 1',
        '  stories:         2 (1 with more than one language)',
        '  speakers:        1',
        '  tags:            3',
        '  images copied:   1',
        '  covers:          1',
        '  aliases:         2',
        '  converted:       figure 2, youtube 1',
        '  left out (other languages): fr 4',
        '',
        'Notes: leftover:shortcode (2):',
        '  content/posts/a.md:2:1  {{< gist >}}',
        '  content/posts/a.md:12:5  {{< tweet >}}',
        '',
        'Notes: link (1):',
        '  content/posts/c.md:1  link to /docs/ not migrated',
        '',
        'Disagreements (1):',
        '  content/posts/a.md:1  dates differ between en and zh',
        '',
        'To-dos (check these before publishing) (1):',
        '  content/posts/b.md:3  confirm the date',
        '',
        '5 notes to look at.',
        '',
      ].join('\n'),
    );
  });

  it('says a dry run wrote nothing, and that there is nothing to look at', () => {
    const text = reportText({ plan: { ...PLAN, notes: [] }, siteDir: SITE, generator: 'hugo', outDir: 'content' });
    expect(text).toMatch(/^Would migrate /);
    expect(text).toContain('files:           3 planned (dry run: nothing written)');
    expect(text).toContain('\nNothing to look at.\n');
  });
});

describe('reportJson', () => {
  it('is one JSON object with the same data, keys in a fixed order', () => {
    const json = reportJson(WRITTEN);
    const data = JSON.parse(json) as Record<string, unknown>;
    expect(data).toEqual(JSON.parse(JSON.stringify(buildReport(WRITTEN))));
    expect(Object.keys(data)).toEqual([
      'site',
      'generator',
      'out',
      'dryRun',
      'files',
      'stories',
      'pairs',
      'speakers',
      'tags',
      'images',
      'covers',
      'aliases',
      'pagesRead',
      'converted',
      'otherLocales',
      'notes',
      'disagreements',
      'todos',
    ]);
    expect(Object.keys(data.converted as object)).toEqual(['figure', 'youtube']);
    expect(data.notes).toEqual({
      'leftover:shortcode': [
        { location: 'content/posts/a.md:2:1', message: '{{< gist >}}' },
        { location: 'content/posts/a.md:12:5', message: '{{< tweet >}}' },
      ],
      link: [{ location: 'content/posts/c.md:1', message: 'link to /docs/ not migrated' }],
    });
    expect(data.dryRun).toBe(false);
    // Deterministic: the same input, the same bytes.
    expect(reportJson(WRITTEN)).toBe(json);
  });
});

describe('withSiteNotes', () => {
  it("adds the reader's problems and skipped files as notes, once", () => {
    const site = {
      problems: [{ file: `${SITE}/content/posts/bad.md`, line: 2, message: 'front matter does not parse' }],
      skipped: [{ file: `${SITE}/content/posts/_index.md`, reason: 'a list page, not a story' }],
    };
    const once = withSiteNotes(PLAN, site);
    expect(once.notes.filter((n) => n.kind === 'unreadable' || n.kind === 'skipped')).toEqual([
      { file: `${SITE}/content/posts/_index.md`, line: 1, kind: 'skipped', message: 'a list page, not a story' },
      { file: `${SITE}/content/posts/bad.md`, line: 2, kind: 'unreadable', message: 'front matter does not parse' },
    ]);
    expect(withSiteNotes(once, site).notes).toHaveLength(once.notes.length);
    expect(withSiteNotes(PLAN, { problems: [], skipped: [] })).toBe(PLAN);
  });
});
