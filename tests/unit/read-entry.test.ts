// The build reads content through the checker's reader (src/loaders/read-entry.ts): every hostile
// file gets the same verdict, at the same line and column, from `npm run check` and from the
// `getEntryInfo` the loaders give Astro's glob loader; and valid files give the loaders exactly the
// data the checker validated (an unquoted 2024-04-30 title is the text "2024-04-30" in both).
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ContentEntryType } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatProblem, type Problem } from '#pipeline/check/problems.ts';
import { splitFrontmatter } from '#lib/source.ts';
import { parseYaml } from '#lib/yaml.ts';
import { assertLoaderFolder, ContentReadError, readMarkdownEntry, strictEntryTypes } from '#loaders/read-entry.ts';
import { articleSchema } from '#schemas/article.ts';
import { eventSchema } from '#schemas/event.ts';
import { siteConfig } from '#site.config';
import { issuesOf, testContext } from '#tests/helpers.ts';

const ARTICLE = '---\ntitle: T\ndate: 2024-04-23\nlanguage: en\nsummary: S.\n---\n\nBody.\n';

/** A hostile file: where it goes, its bytes, and the verdict both readers must give. */
interface Vector {
  readonly name: string;
  /** Path inside the content folder. */
  readonly file: string;
  readonly bytes: string | Buffer;
  /** `line:column` of the problem. */
  readonly at: string;
  /** Part of the message. */
  readonly says: string;
}

/** An article `articles/2024/<name>/en.md`. */
const article = (name: string, bytes: string | Buffer, at: string, says: string): Vector => ({
  name,
  file: `articles/2024/${name}/en.md`,
  bytes,
  at,
  says,
});
/** A speaker file `speakers/<name>.yaml`. */
const speaker = (name: string, bytes: string, at: string, says: string): Vector => ({
  name,
  file: `speakers/${name}.yaml`,
  bytes,
  at,
  says,
});
const TAGS = 'YAML tags such as';
const vectors: Vector[] = [
  article('js-function', ARTICLE.replace('title: T', 'title: !!js/function "function () {}"'), '2:8', TAGS),
  article('js-regexp', ARTICLE.replace('title: T', 'title: !!js/regexp /a+/'), '2:8', TAGS),
  article('custom-tag', ARTICLE.replace('title: T', 'title: !foo bar'), '2:8', TAGS),
  article('nul', ARTICLE.replace('title: T', 'title: Safe\0text'), '2:12', 'U+0000 (NUL)'),
  article('esc', ARTICLE.replace('title: T', 'title: "a\u001b[31mb"'), '2:10', 'U+001B (ESC)'),
  article('indented-opening', `  ${ARTICLE}`, '1:1', 'the opening "---" must start at the very beginning'),
  article('toml', '+++\ntitle = "T"\n+++\n\nBody.\n', '1:1', '(TOML) is not supported'),
  article('blank-first', `\n${ARTICLE}`, '1:1', 'remove the blank lines before it'),
  article('indented-closing', ARTICLE.replace('\n---\n\n', '\n  ---\n\n'), '6:1', 'the closing "---" must start'),
  article('unclosed', '---\ntitle: T\n\nBody.\n', '1:1', 'the frontmatter is never closed'),
  article('four-dashes', `-${ARTICLE}`, '1:1', 'the frontmatter must open with exactly three dashes'),
  article('closing-four-dashes', ARTICLE.replace('\n---\n\n', '\n----\n\n'), '6:1', 'must close with exactly three'),
  article('merge', ARTICLE.replace('title: T', 'title: T\nx: &b {a: 1}\ny:\n  <<: *b'), '5:3', 'YAML merge keys'),
  article('second-document', ARTICLE.replace('language: en', '...\nlanguage: en'), '5:1', 'remove the second'),
  article('deep', ARTICLE.replace('title: T', `title: T\ntags: ${'['.repeat(100_000)}`), '3:39', 'nest more than 32'),
  article('self-alias', ARTICLE.replace('title: T', 'title: T\ntags: &t [a, *t]'), '3:14', 'never end'),
  article('duplicate', ARTICLE.replace('title: T', 'title: T\ntitle: U'), '3:1', 'this field appears twice'),
  // "中" saved as GBK.
  article(
    'gbk',
    Buffer.concat([Buffer.from('---\ntitle: '), Buffer.from([0xd6, 0xd0]), Buffer.from(ARTICLE.slice(12))]),
    '2:1',
    'not UTF-8',
  ),
  speaker('tagged', 'name:\n  en: !!binary aGk=\n', '2:7', TAGS),
  speaker('two-documents', 'name:\n  en: A\n---\nname:\n  en: B\n', '3:1', 'remove the second'),
  speaker('merged', 'base: &b\n  en: A\nname:\n  <<: *b\n', '4:3', 'YAML merge keys'),
  speaker('control', 'name:\n  en: A\u0007B\n', '2:8', 'U+0007'),
  speaker('deep', `name: ${'{a: '.repeat(50_000)}`, '1:132', 'nest more than 32'),
];

let work: string;
let content: string;
let problems: Problem[];

/** Astro's entry types, standing in: the test fails if Astro's own reader is ever called. */
const astroTypes = new Map<string, ContentEntryType>(
  ['.md', '.yaml', '.yml'].map((ext) => [
    ext,
    {
      extensions: [ext],
      getEntryInfo: () => {
        throw new Error(`Astro's own ${ext} reader was used`);
      },
    },
  ]),
);

/** What the loader's `getEntryInfo` does with a file, as the glob loader calls it (text read as UTF-8). */
async function loaderRead(file: string): Promise<unknown> {
  const abs = path.join(content, file);
  const folder = path.join(content, file.split('/')[0] ?? '');
  const types = strictEntryTypes(astroTypes, { root: work, base: folder });
  const type = types.get(path.extname(file));
  return type?.getEntryInfo({ contents: await readFile(abs, 'utf8'), fileUrl: pathToFileURL(abs) });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-read-entry-'));
  content = path.join(work, 'content');
  for (const v of vectors) {
    await mkdir(path.dirname(path.join(content, v.file)), { recursive: true });
    await writeFile(path.join(content, v.file), v.bytes);
  }
  problems = (await checkContent({ contentDir: content, displayRoot: work, config: siteConfig })).problems;
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('hostile files: the checker and the build give the same verdict', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const shown = `content/${v.file}`;
    const first = problems.find((p) => p.file === shown && p.severity === 'error');
    expect(first, `the checker reports ${shown}`).toBeDefined();
    if (!first) return;
    expect(`${first.line}:${first.column}`, formatProblem(first)).toBe(v.at);
    expect(first.message).toContain(v.says);
    const verdict = `${shown}:${first.line}:${first.column} ${first.message}`;
    const error = await loaderRead(v.file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentReadError);
    // One line, the checker's words (a count of further problems may follow); no stack trace.
    expect((error as Error).message.startsWith(verdict), (error as Error).message).toBe(true);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).stack).toBe('');
  });
});

describe('valid files: the loader gets the data the checker validated', () => {
  it('reads a date-like title as text, and dates as text the schemas parse', () => {
    const text =
      '\uFEFF---\r\ntitle: 2024-04-30\r\ndate: 2024-04-23\r\nlanguage: en\r\nsummary: yes\r\n---\r\n\r\n  Body.\r\n\r\n';
    const info = readMarkdownEntry(text, { filePath: '/x/en.md', shown: 'content/x/en.md' });
    const split = splitFrontmatter(text);
    const checked = split.ok ? parseYaml(split.value.yaml) : undefined;
    expect(checked?.ok && checked.value.data).toEqual(info.data);
    expect(info.data).toEqual({ title: '2024-04-30', date: '2024-04-23', language: 'en', summary: 'yes' });
    // What Astro's Markdown entry type returns: the body trimmed, the raw frontmatter, `slug`.
    expect(info.body).toBe('Body.');
    expect(info.rawData).toBe('\ntitle: 2024-04-30\ndate: 2024-04-23\nlanguage: en\nsummary: yes');
    expect(info.slug).toBeUndefined();
    const parsed = articleSchema(testContext()).safeParse(info.data);
    expect(issuesOf(parsed)).toEqual([]);
    expect(parsed.data?.title).toBe('2024-04-30');
  });

  it('refuses years before 1000 in both, with the same words', () => {
    const info = readMarkdownEntry(ARTICLE.replace('2024-04-23', '0099-06-01'), {
      filePath: '/x/en.md',
      shown: 'content/x/en.md',
    });
    expect(issuesOf(articleSchema(testContext()).safeParse(info.data))).toEqual([
      'date: date 0099-06-01: years before 1000 are not supported; write four digits, e.g. 1999-06-01',
    ]);
    expect(issuesOf(eventSchema(testContext()).safeParse({ name: { en: 'E' }, start: '0000-01-01' }))).toEqual([
      'start: date 0000-01-01: years before 1000 are not supported; write four digits, e.g. 2000-01-01',
    ]);
  });
});

describe('links', () => {
  it('refuses a linked story folder before anything is read, naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'news-archive-links-'));
    try {
      await mkdir(path.join(dir, 'content/articles/2024/real'), { recursive: true });
      await mkdir(path.join(dir, 'elsewhere'));
      await writeFile(path.join(dir, 'elsewhere/en.md'), ARTICLE);
      await symlink(path.join(dir, 'elsewhere'), path.join(dir, 'content/articles/2024/linked'));
      const base = path.join(dir, 'content/articles');
      expect(() => assertLoaderFolder(dir, base, path.join(dir, 'content'))).toThrow(
        /^content\/articles\/2024\/linked is a symbolic link: /,
      );
      // A link made after that walk is refused when the file is read.
      const types = strictEntryTypes(astroTypes, { root: dir, base });
      const file = path.join(base, '2024/linked/en.md');
      expect(() => types.get('.md')?.getEntryInfo({ contents: ARTICLE, fileUrl: pathToFileURL(file) })).toThrow(
        'content/articles/2024/linked/en.md:1:1 this file is reached through a symbolic link',
      );
      // A missing folder is left to the glob loader (which warns); a linked content folder is not.
      expect(() => assertLoaderFolder(dir, path.join(dir, 'content/events'))).not.toThrow();
      await symlink(path.join(dir, 'content'), path.join(dir, 'linked-content'));
      expect(() =>
        assertLoaderFolder(dir, path.join(dir, 'linked-content/tags'), path.join(dir, 'linked-content')),
      ).toThrow('the content folder linked-content is a symbolic link');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops reading after the first refusal in a build (the load has failed), not in the dev server', () => {
    const types = strictEntryTypes(astroTypes, { root: work, base: content, failFast: true });
    const read = (file: string, contents: string) =>
      types.get('.md')?.getEntryInfo({ contents, fileUrl: pathToFileURL(path.join(content, file)) });
    expect(() => read('articles/2024/nul/en.md', ARTICLE.replace('T', 'T\0'))).toThrow(ContentReadError);
    expect(() => read('articles/2024/duplicate/en.md', ARTICLE)).toThrow('articles/2024/nul/en.md');
    const dev = strictEntryTypes(astroTypes, { root: work, base: content });
    const file = pathToFileURL(path.join(content, 'articles/2024/nul/en.md'));
    expect(() => dev.get('.md')?.getEntryInfo({ contents: ARTICLE.replace('T', 'T\0'), fileUrl: file })).toThrow();
    expect(dev.get('.md')?.getEntryInfo({ contents: ARTICLE, fileUrl: file })).toMatchObject({ body: 'Body.' });
  });
});
