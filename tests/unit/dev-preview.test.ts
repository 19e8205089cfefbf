// The pure parts of the dev server's content check (pipeline/dev/): problems as Astro's error
// overlay shows them, the warnings banner's HTML, which page shows which warnings, where paths start
// from, and the check session (checks on start and after a change, one at a time).
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '#pipeline/check/problems.ts';
import { BANNER_ID, escapeHtml, injectBanner, warningBanner } from '#pipeline/dev/banner.ts';
import { displayRootFor, sourceText, summaryLine } from '#pipeline/dev/integration.ts';
import { isPagePath } from '#pipeline/dev/middleware.ts';
import {
  CONTENT_ERROR_NAME,
  fixOf,
  LISTED_ERRORS,
  overlayError,
  plainText,
  toThrownError,
} from '#pipeline/dev/overlay.ts';
import { pagePath, pagesOfFile, pagesOfProblemFile, warningsForPage } from '#pipeline/dev/pages.ts';
import { CheckSession, type SessionResult } from '#pipeline/dev/session.ts';
import { siteConfig } from '#site.config';

const root = path.resolve(import.meta.dirname, '../..');

/** A problem with the given fields, the rest plausible. */
function problem(fields: Partial<Problem>): Problem {
  return {
    file: 'content/articles/2024/a-story/en.md',
    line: 3,
    column: 1,
    severity: 'error',
    field: 'date',
    message: '2024-02-30 does not exist: month 02 of 2024 has 29 days',
    ...fields,
  };
}

describe('the overlay error', () => {
  it('is absent without errors', () => {
    expect(overlayError([problem({ severity: 'warning' })], '/project')).toBeUndefined();
  });

  it('locates the first error in its file, absolute, and lists every error', () => {
    const second = problem({
      file: 'content/articles/2024/b/en.md',
      line: 8,
      column: 5,
      field: 'speakers[0].id',
      message: 'unknown speaker "wang-binyin". Did you mean "wang-binying"?',
    });
    const error = overlayError([problem({}), problem({ severity: 'warning', field: 'summary' }), second], '/project');
    expect(error).toBeDefined();
    expect(error?.name).toBe(CONTENT_ERROR_NAME);
    expect(error?.title).toBe('Content check: 2 errors in the content folder');
    expect(error?.loc).toEqual({ file: '/project/content/articles/2024/a-story/en.md', line: 3, column: 1 });
    const lines = error?.message.split('\n') ?? [];
    expect(lines[0]).toBe(
      'content/articles/2024/a-story/en.md:3:1  date: 2024-02-30 does not exist: month 02 of 2024 has 29 days',
    );
    expect(lines).toContain('All 2 errors (npm run check lists the same):');
    expect(lines).toContain(
      '- content/articles/2024/b/en.md:8:5  speakers[0].id  unknown speaker "wang-binyin". Did you mean "wang-binying"?',
    );
    // The warning is not an error of the overlay.
    expect(error?.message).not.toContain('summary');
    expect(error?.hint).toContain('line 3 of content/articles/2024/a-story/en.md');
  });

  it('lists at most LISTED_ERRORS errors, and counts the rest', () => {
    const many = Array.from({ length: LISTED_ERRORS + 5 }, (_, i) => problem({ line: i + 1 }));
    const message = overlayError(many, '/project')?.message ?? '';
    expect(message.split('\n').filter((l) => l.startsWith('- content/'))).toHaveLength(LISTED_ERRORS);
    expect(message).toContain('- … and 5 more');
  });

  it('gives the fix of a message as the hint', () => {
    expect(fixOf('unknown speaker "wang-binyin". Did you mean "wang-binying"?')).toBe('Did you mean "wang-binying"?');
    expect(fixOf('language is "zh" but the file is en.md: rename the file to zh.md or fix the field')).toBe(
      'Rename the file to zh.md or fix the field',
    );
    expect(fixOf('2024-02-30 does not exist: month 02 of 2024 has 29 days')).toBeUndefined();
    const hint = overlayError([problem({ message: 'the file is empty: add its fields, or delete it' })], '/p')?.hint;
    expect(hint).toMatch(
      /^Add its fields, or delete it \(date, line 3 of content\/articles\/2024\/a-story\/en\.md\)\./,
    );
  });

  it('keeps content text from becoming a link in the overlay', () => {
    expect(plainText('unknown field "[x](javascript:alert(1))"')).toBe(
      'unknown field "[x]\u200b(javascript:alert(1))"',
    );
    const error = overlayError([problem({ message: 'unknown tag "[a](https://evil.example)"' })], '/p');
    expect(error?.message).not.toContain('](');
  });

  it('is thrown as an Error without stack, its file relative when outside the project', () => {
    const overlay = overlayError([problem({})], '/elsewhere');
    if (!overlay) throw new Error('expected an overlay');
    const source = { ok: true, text: '---\ntitle: T\ndate: 2024-02-30\n---\n' } as const;
    const outside = toThrownError(overlay, '/project', source) as Error & {
      loc: { file: string };
      fullCode: string;
      frame: string;
    };
    expect(outside.name).toBe(CONTENT_ERROR_NAME);
    expect(outside.stack).toBe('');
    expect(outside.loc.file).toBe('../elsewhere/content/articles/2024/a-story/en.md');
    // What Astro does with it: joined onto the project folder, it is the content file again.
    expect(path.join('/project', outside.loc.file)).toBe('/elsewhere/content/articles/2024/a-story/en.md');
    // Astro reads the file itself only without both: the text is always given.
    expect(outside.fullCode).toBe(source.text);
    expect(outside.frame).toContain('> 3 | date: 2024-02-30');
    expect(outside.frame).toContain('    | ^');
    const inside = toThrownError(overlay, '/elsewhere', { ok: false, why: 'not a regular file' }) as Error & {
      loc: { file: string };
      fullCode: string;
      frame: string;
    };
    expect(inside.fullCode).toBe('(not a regular file)');
    expect(inside.frame).toBe('(not a regular file)');
    expect(inside.loc.file).toBe('/elsewhere/content/articles/2024/a-story/en.md');
  });
});

describe('the warnings banner', () => {
  it('is empty without warnings', () => {
    expect(warningBanner([])).toBe('');
  });

  it('is a labelled landmark listing every warning, its text escaped', () => {
    const html = warningBanner([
      problem({ severity: 'warning', field: 'summary', line: 5, message: 'to-do left: TODO <b>bold</b> & "quoted"' }),
      problem({ severity: 'warning', field: 'draft', line: 9, message: 'this is a draft' }),
    ]);
    expect(html).toMatch(new RegExp(`^<aside id="${BANNER_ID}" aria-labelledby="${BANNER_ID}-title"`));
    expect(html).toContain(`<h2 id="${BANNER_ID}-title"`);
    expect(html).toContain('2 warnings on this page');
    expect(html).toContain('to-do left: TODO &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('content/articles/2024/a-story/en.md:9:1');
    expect(html.match(/<li /g)).toHaveLength(2);
    expect(escapeHtml(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
  });

  it('goes right after the body tag', () => {
    expect(injectBanner('<html><body class="x"><main>', '<aside>B</aside>')).toBe(
      '<html><body class="x"><aside>B</aside><main>',
    );
    expect(injectBanner('<p>fragment', '<aside>B</aside>')).toBe('<aside>B</aside><p>fragment');
    expect(injectBanner('<body>', '')).toBe('<body>');
  });
});

describe('which page shows a warning', () => {
  const context = { root: '/project', contentDir: '/project/content', locales: ['en', 'zh'], base: '/' };

  it('maps story files to their version page and registry files to their pages in every locale', () => {
    expect(pagesOfFile('articles/2024/a-story/zh.md', context)).toEqual(['/zh/2024/a-story/']);
    expect(pagesOfFile('articles/2024/a-story/fr.md', context)).toEqual([]);
    expect(pagesOfFile('speakers/wang.yaml', { ...context, base: '/previews/pr-1/' })).toEqual([
      '/previews/pr-1/en/speakers/wang/',
      '/previews/pr-1/zh/speakers/wang/',
    ]);
    expect(pagesOfFile('articles/2024/a-story/cover.png', context)).toEqual([]);
    expect(pagesOfFile('notes.txt', context)).toEqual([]);
  });

  it('reads request paths as page paths', () => {
    expect(pagePath('/en/2024/a-story')).toBe('/en/2024/a-story/');
    expect(pagePath('/en/2024/a-story/index.html')).toBe('/en/2024/a-story/');
    expect(pagePath('/zh/tags/%E4%B8%AD/')).toBe('/zh/tags/中/');
    expect(isPagePath('/en/2024/a-story/')).toBe(true);
    expect(isPagePath('/en/rss.xml')).toBe(false);
    expect(isPagePath('/_astro/page.js')).toBe(false);
  });

  it('gives each page the warnings of its own file only', () => {
    const todo = problem({ severity: 'warning', field: 'summary' });
    const other = problem({ severity: 'warning', file: 'content/articles/2024/b/en.md' });
    const error = problem({});
    const speaker = problem({ severity: 'warning', file: 'content/speakers/wang.yaml', field: 'bio' });
    const all = [todo, other, error, speaker];
    expect(warningsForPage(all, '/en/2024/a-story/', context)).toEqual([todo]);
    expect(warningsForPage(all, '/zh/speakers/wang/', context)).toEqual([speaker]);
    expect(warningsForPage(all, '/en/', context)).toEqual([]);
    // A file that makes no page, or one outside the content folder: no page (the terminal lists it).
    expect(pagesOfProblemFile('content/articles/2024/a-story/photo.png', context)).toEqual([]);
    expect(pagesOfProblemFile('public/img/a.png', context)).toEqual([]);
  });
});

describe('the text the overlay shows', () => {
  it("is a regular file's, never what a link points to", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-source-'));
    try {
      await writeFile(path.join(dir, 'secret.txt'), 'TOKEN=1');
      await writeFile(path.join(dir, 'en.md'), '---\ntitle: T\n---\n');
      await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'zh.md'));
      expect(sourceText(path.join(dir, 'en.md'))).toEqual({ ok: true, text: '---\ntitle: T\n---\n' });
      const linked = sourceText(path.join(dir, 'zh.md'));
      expect(linked.ok).toBe(false);
      expect(JSON.stringify(linked)).not.toContain('TOKEN');
      expect(sourceText(path.join(dir, 'gone.md')).ok).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('where paths start from', () => {
  it('is the project, or the parent of a content folder outside it', () => {
    expect(displayRootFor('/project/content', '/project')).toBe('/project');
    expect(displayRootFor('/tmp/x/content', '/project')).toBe('/tmp/x');
  });
});

describe('the check session', () => {
  it('checks on start and again after a change, incrementally, one check at a time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-session-'));
    try {
      const contentDir = path.join(dir, 'content');
      await cp(path.join(root, 'tests/fixtures/site/content'), contentDir, { recursive: true });
      const seen: SessionResult[] = [];
      const session = new CheckSession({
        contentDir,
        config: siteConfig,
        displayRoot: dir,
        settleMs: 5,
        onResult: (result) => seen.push(result),
      });
      const first = await session.current();
      expect(first.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(summaryLine(first)).toMatch(/^content check: 0 error\(s\), \d+ warning\(s\) in \d+ files \(\d+ stories\)/);
      const story = path.join(contentDir, 'articles/2024/green-patents-pilot/en.md');
      const text = await readFile(story, 'utf8');
      await writeFile(story, text.replace(/^date: .*$/m, 'date: 2024-02-30'));
      // Two changes in a row: the result waited for includes both.
      session.schedule();
      session.schedule();
      const broken = await session.current();
      expect(broken.cache.checked).toBe(1);
      expect(
        broken.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line} ${p.field}`),
      ).toEqual(['content/articles/2024/green-patents-pilot/en.md:3 date']);
      expect(seen.length).toBeLessThanOrEqual(3);
      expect(seen.at(-1)).toBe(broken);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a content folder that cannot be checked, never nothing', async () => {
    const session = new CheckSession({
      contentDir: path.join(tmpdir(), 'news-archive-no-such-folder'),
      config: siteConfig,
      displayRoot: tmpdir(),
      settleMs: 0,
    });
    const result = await session.current();
    expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
  });
});
