import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatAnnotation, formatProblem } from '#pipeline/check/problems.ts';
import { siteConfig } from '#site.config';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

/** Hashes every file below `folder`, to prove the checker writes nothing. */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(folder, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'news-archive-check-'));
  await cp(path.join(root, 'tests/fixtures/broken-content'), path.join(dir, 'content'), { recursive: true });
  const article = (folder: string): string => path.join(dir, 'content/articles/2024', folder, 'en.md');
  const { mkdir } = await import('node:fs/promises');
  for (const f of ['gbk', 'zero', 'huge', 'crlf-bom']) await mkdir(path.dirname(article(f)), { recursive: true });
  // "中文" in GBK on line 3: not UTF-8.
  await writeFile(
    article('gbk'),
    Buffer.concat([Buffer.from('---\ntitle: GBK\n'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\n---\n')]),
  );
  await writeFile(article('zero'), '');
  const head = '---\ntitle: Huge\ndate: 2024-04-23\nlanguage: en\nsummary: Five megabytes.\n---\n\n';
  await writeFile(article('huge'), head + 'Lorem ipsum dolor sit amet. '.repeat(180_000));
  // A valid file saved by a Windows editor: BOM and CRLF are accepted.
  await writeFile(
    article('crlf-bom'),
    '\uFEFF---\r\ntitle: Windows\r\ndate: 2024-04-23\r\nlanguage: en\r\nsummary: BOM and CRLF.\r\n---\r\n\r\nBody.\r\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkContent on the broken fixtures', () => {
  it('reports every expected problem, with file, line, column and field, and changes nothing', async () => {
    const before = await snapshot(dir);
    const result = await checkContent({
      contentDir: path.join(dir, 'content'),
      displayRoot: dir,
      config: siteConfig,
      publicDir: path.join(dir, 'public'),
    });
    expect(await snapshot(dir)).toEqual(before);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/articles/2024/bad-refs/en.md:3:1  error  date  2024-02-30 does not exist: month 02 of 2024 has 29 days',
      'content/articles/2024/bad-refs/en.md:6:1  error  event  unknown event "foroum". Did you mean "forum"?',
      'content/articles/2024/bad-refs/en.md:8:5  error  speakers[0].id  unknown speaker "wang-binyin". Did you mean "wang-binying"?',
      'content/articles/2024/bad-refs/en.md:10:23  error  organisations[1]  "wipo" is listed twice',
      'content/articles/2024/bad-refs/en.md:13:5  error  tags[1]  unknown tag "inovation". Add content/tags/inovation.yaml or check the spelling.',
      'content/articles/2024/bad-refs/en.md:15:3  error  cover.src  image "./missing.jpg" not found (looked for content/articles/2024/bad-refs/missing.jpg)',
      'content/articles/2024/bad-refs/en.md:17:1  error  source  source must be a full web address starting with https:// (or http://)',
      'content/articles/2024/bad-refs/en.md:18:1  error  draft  draft must be true or false',
      'content/articles/2024/draft-story/en.md:5:1  warning  summary  to-do left: TODO: one sentence for listings',
      'content/articles/2024/draft-story/en.md:6:1  warning  draft  this is a draft: it is checked but will not be published',
      "content/articles/2024/draft-story/en.md:11:1  warning  (body)  to-do left: TODO: add the panel's conclusions.",
      'content/articles/2024/drifting/zh.md:3:1  error  date  date 2024-04-24 differs from en.md (2024-04-23): remove it here to inherit, or make both agree',
      'content/articles/2024/empty-body/en.md:7:1  error  (body)  the article has no text after the frontmatter',
      'content/articles/2024/gbk/en.md:3:1  error  (file)  the file is not UTF-8 text (perhaps saved as GBK, Big5 or Latin-1): re-save it with UTF-8 encoding',
      'content/articles/2024/good-story/en.md:1:1  error  (folder)  story slug "good-story" is already used by content/articles/2023/good-story: slugs must be unique across years, rename this folder',
      'content/articles/2024/good-story/zh.md:1:1  error  (folder)  story slug "good-story" is already used by content/articles/2023/good-story: slugs must be unique across years, rename this folder',
      'content/articles/2024/good-story/zh.md:5:1  error  speker  unknown field "speker". Did you mean "speakers"?',
      'content/articles/2024/good-story/zh.md:7:12  error  tags[1]  unknown tag "innovation". Add content/tags/innovation.yaml or check the spelling.',
      // One run: the missing summary does not hide the drifting date.
      'content/articles/2024/half-read/zh.md:2:1  error  summary  summary is missing',
      'content/articles/2024/half-read/zh.md:3:1  error  date  date 2024-05-03 differs from en.md (2024-05-02): remove it here to inherit, or make both agree',
      'content/articles/2024/huge/en.md:1:1  error  (file)  the file is 5.0 MB, over the 1.0 MB limit: split the story, or move tables and data out of it',
      'content/articles/2024/lang-mismatch/zh.md:4:1  error  language  language is "en" but the file is zh.md: rename the file to en.md or fix the field',
      "content/articles/2024/leftovers/en.md:8:1  warning  (body)  MDX line import Tabs from '@theme/Tabs'; will be printed as text: remove it (articles are Markdown, not MDX)",
      'content/articles/2024/leftovers/en.md:10:1  error  (body image)  image "./missing-photo.png" not found (looked for content/articles/2024/leftovers/missing-photo.png)',
      'content/articles/2024/leftovers/en.md:12:1  error  (body image)  image "./missing-diagram.png" not found (looked for content/articles/2024/leftovers/missing-diagram.png)',
      'content/articles/2024/leftovers/en.md:14:1  error  (body image)  "/img/nowhere.png" is not in public/ (looked for public/img/nowhere.png): save the file beside the article and write ./nowhere.png, or add it to public/',
      'content/articles/2024/leftovers/en.md:16:1  warning  (body)  Hugo shortcode {{< figure src="team.jpg" caption="The… will be printed as text: write a Markdown image: ![what it shows](./image.png)',
      'content/articles/2024/leftovers/en.md:18:1  warning  (body)  MDX/JSX component <Tabs> is not rendered: its tags are removed and what it wraps shows as plain text; rewrite it in Markdown',
      'content/articles/2024/leftovers/en.md:19:1  warning  (body)  MDX/JSX component <TabItem> is not rendered: its tags are removed and what it wraps shows as plain text; rewrite it in Markdown',
      'content/articles/2024/leftovers/en.md:21:25  warning  (body)  template tag {% raw %} will be printed as text: remove it (the text it wraps stays as written)',
      'content/articles/2024/leftovers/en.md:21:34  warning  (body)  template variable {{ a_variable }} will be printed as text: write the value itself',
      'content/articles/2024/leftovers/en.md:21:50  warning  (body)  template tag {% endraw %} will be printed as text: remove it (the text it wraps stays as written)',
      'content/articles/2024/leftovers/en.md:26:1  warning  (body)  the <iframe> from www.dailymotion.com will be removed: www.dailymotion.com is not in embedHosts (src/site.config.ts); use a player address of an allowed host (www.youtube-nocookie.com, player.bilibili.com, player.vimeo.com), or add the host there',
      'content/articles/2024/leftovers/en.md:28:1  warning  (body)  the style attribute of <span> will be removed: articles cannot style the page; use Markdown formatting instead',
      'content/articles/2024/leftovers/en.md:36:1  warning  (body)  ":::details Moved from Docusaurus" is not a callout ("details" is not one of :::note, :::tip, :::info, :::important, :::warning, :::caution, :::danger): its ":::" lines are printed as text and what is between them as ordinary paragraphs; use one of those kinds, or remove the two lines',
      "content/articles/2024/leftovers/en.md:42:32  warning  (body)  formula $\\frac{a$ cannot be read (Temml: Unexpected end of input in a macro argument, expected '}'), so the page shows its TeX as written: correct the TeX",
      'content/articles/2024/leftovers/en.md:44:12  warning  (body)  heading id {#main} is one the article page itself uses (main, top, content, event-box-heading): this heading gets the id "main-1", and links to #main lead to the page\'s own element; choose another id',
      'content/articles/2024/leftovers/en.md:46:1  warning  (body)  to-do left: TODO Add the photo of the panel.',
      'content/articles/2024/no-frontmatter/en.md:1:1  error  (frontmatter)  the file must start with a line "---", then the frontmatter fields, then another "---" line',
      'content/articles/2024/stray.md:1:1  error  (file)  not where articles go: articles go in articles/<YYYY>/<story-slug>/<lang>.md (e.g. articles/2024/ip-forum/en.md)',
      'content/articles/2024/unclosed/en.md:1:1  error  (frontmatter)  the frontmatter is never closed: add a line "---" after the last field, before the article text',
      'content/articles/2024/wrong-year/en.md:3:1  error  date  date 2023-05-01 is not in 2024: move the story folder to articles/2023/ or fix the date',
      'content/articles/2024/zero/en.md:1:1  error  (file)  the file is empty: add its fields, or delete it',
      'content/events/forum.yaml:3:3  error  name.zn  "zn" is not one of the site\'s languages. Did you mean "zh"?',
      'content/events/forum.yaml:4:1  error  start  2024-04-31 does not exist: month 04 of 2024 has 30 days',
      'content/notes.txt:1:1  error  (file)  not part of the content layout: articles go in articles/<YYYY>/<story-slug>/<lang>.md; people, organisations, events and tags in speakers/, organisations/, events/ and tags/ as <id>.yaml',
      'content/organisations/loop-a.yaml:3:1  error  parent  "loop-a" is its own ancestor: loop-a → loop-b → loop-a',
      'content/organisations/loop-b.yaml:3:1  error  parent  "loop-b" is its own ancestor: loop-b → loop-a → loop-b',
      'content/speakers/Bad_Name.yaml:1:1  error  (file)  "Bad_Name" is not a valid id: rename the file to lowercase letters, digits and hyphens, e.g. bad-name.yaml',
      'content/speakers/bad-yaml.yaml:4:1  error  (yaml)  YAML syntax: Missing closing "quote (check indentation, a missing ":" or an unclosed quote or bracket)',
      'content/speakers/bomb.yaml:1:1  error  (yaml)  too many YAML aliases (*name): a file may expand at most 50; write the values out instead',
      'content/speakers/wrong-types.yaml:1:1  error  name  name is given per language: write it as a map such as "en: ..." on its own lines',
      'content/speakers/wrong-types.yaml:2:1  error  organisation  unknown organisation "wipo-ofice". Did you mean "wipo"?',
      'content/speakers/wrong-types.yaml:3:1  error  links  links must be a list of items, each with a "label:" and a "url:" line',
      'content/tags/ip.yml:1:1  error  (file)  duplicate tag id "ip": content/tags/ip.yaml has it too; keep one file',
    ]);
  });

  it('formats GitHub annotations with escaped properties', () => {
    const line = formatAnnotation({
      file: 'content/a,b.md',
      line: 3,
      column: 1,
      severity: 'error',
      field: 'date',
      message: '50% wrong\nsecond line',
    });
    expect(line).toBe('::error file=content/a%2Cb.md,line=3,col=1,title=date::50%25 wrong%0Asecond line');
  });
});

describe('npm run check (the CLI)', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, 'tools/bin/check.ts'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: '', ...env },
    });

  it('exits 1 on errors and prints annotations inside GitHub Actions', () => {
    const result = run(['content'], { GITHUB_ACTIONS: 'true' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('content/articles/2024/bad-refs/en.md:3:1  error  date');
    expect(result.stdout).toContain('::error file=content/articles/2024/bad-refs/en.md,line=3,col=1,title=date::');
    expect(result.stdout).toContain('::warning file=content/articles/2024/draft-story/en.md,line=6');
    expect(result.stdout).toMatch(/✖ 39 errors, 16 warnings/);
  });

  it('passes on the shipped sample content', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'tools/bin/check.ts')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(out).toMatch(/✔ 0 errors, 0 warnings in \d+ files \(3 stories\)/);
  });

  it('exits 0 with warnings only', async () => {
    const warnDir = await mkdtemp(path.join(tmpdir(), 'news-archive-warn-'));
    await cp(path.join(root, 'content'), warnDir, { recursive: true });
    const file = path.join(warnDir, 'articles/2024/ip-protection-forum/zh.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('language: zh\n', 'language: zh\ndraft: true\n'));
    const result = run([warnDir]);
    expect(result.stdout).toMatch(/✔ 0 errors, 1 warning/);
    expect(result.status).toBe(0);
    await rm(warnDir, { recursive: true, force: true });
  });
});

describe('to-dos left in articles', () => {
  it('reports TODO values and body lines as warnings with their line, and nothing else', async () => {
    const todoDir = await mkdtemp(path.join(tmpdir(), 'news-archive-todo-'));
    await cp(path.join(root, 'content'), todoDir, { recursive: true });
    const file = path.join(todoDir, 'articles/2024/ip-protection-forum/zh.md');
    await writeFile(
      file,
      [
        '---',
        "title: 'TODO translate: WIPO China'",
        'language: zh',
        'summary: 产权组织中国办事处。',
        'speakers:',
        '  - id: wang-binying',
        "    role: 'TODO translate: Deputy Director General'",
        '  - shen-changyu',
        '  - tao-kaiyuan',
        '  - shi-weizhong',
        '  - mu-peng',
        '  - hu-wenhui',
        '  - liu-hua',
        '  - florence-rojal',
        'draft: true',
        '---',
        '',
        '<!-- TODO translate the text below -->',
        '',
        'Todo in prose, TODOs and a mastodon are not markers. 正文 TODO: 核对数字。',
        '',
      ].join('\n'),
    );
    const result = await checkContent({ contentDir: todoDir, displayRoot: todoDir, config: siteConfig });
    expect(result.problems.map(formatProblem)).toEqual([
      'articles/2024/ip-protection-forum/zh.md:2:1  warning  title  to-do left: TODO translate: WIPO China',
      'articles/2024/ip-protection-forum/zh.md:7:5  warning  speakers[0].role  to-do left: TODO translate: Deputy Director General',
      'articles/2024/ip-protection-forum/zh.md:15:1  warning  draft  this is a draft: it is checked but will not be published',
      'articles/2024/ip-protection-forum/zh.md:18:6  warning  (body)  to-do left: <!-- TODO translate the text below -->',
      'articles/2024/ip-protection-forum/zh.md:20:57  warning  (body)  to-do left: Todo in prose, TODOs and a mastodon are not markers. 正文 TODO: 核对数字。',
    ]);
    await rm(todoDir, { recursive: true, force: true });
  });
});

describe('one run reports everything', () => {
  let work: string;
  /** Writes `files` (path → text) into a fresh content folder and checks it. */
  async function checkFiles(files: Record<string, string>): Promise<string[]> {
    const { mkdir } = await import('node:fs/promises');
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(work, 'content', rel)), { recursive: true });
      await writeFile(path.join(work, 'content', rel), text);
    }
    const result = await checkContent({
      contentDir: path.join(work, 'content'),
      displayRoot: path.join(work, 'content'),
      config: siteConfig,
      publicDir: path.join(work, 'public'),
    });
    return result.problems.map(formatProblem);
  }
  const registry = {
    'speakers/ana.yaml': 'name:\n  en: Ana\n',
    'speakers/bo.yaml': 'name:\n  en: Bo\n',
    'tags/ip.yaml': 'label:\n  en: IP\n',
  };
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'news-archive-one-run-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('checks drift with the fields that could be read, beside the invalid ones', async () => {
    const problems = await checkFiles({
      ...registry,
      'articles/2024/a/en.md':
        '---\ntitle: A\ndate: 2024-05-02\nlanguage: en\nsummary: S.\nspeakers: [ana]\ntags: [ip]\n---\n\nBody.\n',
      // Unknown tag, a title that is too long, and speakers and a date that drift: all four reported.
      'articles/2024/a/zh.md': `---\ntitle: ${'长'.repeat(301)}\ndate: 2024-05-03\nlanguage: zh\nsummary: 摘要。\nspeakers: [bo]\ntags: [ipp]\n---\n\n正文。\n`,
    });
    expect(problems.map((p) => p.split('  ').slice(0, 3).join(' '))).toEqual([
      'articles/2024/a/zh.md:2:1 error title',
      'articles/2024/a/zh.md:3:1 error date',
      'articles/2024/a/zh.md:6:1 error speakers',
      'articles/2024/a/zh.md:7:8 error tags[0]',
    ]);
    expect(problems[2]).toContain('speakers [bo] differs from en.md ([ana])');
  });

  it('compares the fields a primary with an invalid date gives, and not the date', async () => {
    const problems = await checkFiles({
      ...registry,
      'articles/2024/b/en.md':
        '---\ntitle: B\ndate: 2024-02-30\nlanguage: en\nsummary: S.\nspeakers: [ana]\n---\n\nBody.\n',
      'articles/2024/b/zh.md':
        '---\ntitle: B\ndate: 2024-02-28\nlanguage: zh\nsummary: S.\nspeakers: [bo]\n---\n\n正文。\n',
    });
    expect(problems).toEqual([
      'articles/2024/b/en.md:3:1  error  date  2024-02-30 does not exist: month 02 of 2024 has 29 days',
      'articles/2024/b/zh.md:6:1  error  speakers  speakers [bo] differs from en.md ([ana]): remove it here to inherit, or make both agree',
    ]);
  });

  it('checks the primary date and year with a summary missing', async () => {
    const problems = await checkFiles({
      ...registry,
      'articles/2024/c/en.md': '---\ntitle: C\ndate: 2023-12-31\nlanguage: en\ndraft: true\n---\n\nBody.\n',
      'articles/2024/d/en.md': '---\ntitle: D\nlanguage: en\n---\n\nBody.\n',
    });
    expect(problems.filter((p) => /\/(?:c|d)\//.test(p))).toEqual([
      'articles/2024/c/en.md:2:1  error  summary  summary is missing',
      'articles/2024/c/en.md:3:1  error  date  date 2023-12-31 is not in 2024: move the story folder to articles/2023/ or fix the date',
      'articles/2024/c/en.md:5:1  warning  draft  this is a draft: it is checked but will not be published',
      "articles/2024/d/en.md:2:1  error  date  date is missing: the story's primary file (en.md) must give the publication date, e.g. date: 2024-01-31",
      'articles/2024/d/en.md:2:1  error  summary  summary is missing',
    ]);
  });

  it('checks a body whose frontmatter is not valid YAML', async () => {
    const problems = await checkFiles({
      ...registry,
      'articles/2024/e/en.md': '---\ntitle: "E\nlanguage: en\n---\n\n![Gone](./gone.png)\n\nTODO: finish.\n',
    });
    expect(
      problems.filter((p) => p.startsWith('articles/2024/e/')).map((p) => p.split('  ').slice(0, 3).join(' ')),
    ).toEqual([
      'articles/2024/e/en.md:3:13 error (yaml)',
      'articles/2024/e/en.md:6:1 error (body image)',
      'articles/2024/e/en.md:8:1 warning (body)',
    ]);
  });

  it("checks a speaker's photo and an organisation's parent chain beside an invalid field", async () => {
    const problems = await checkFiles({
      'speakers/cy.yaml': 'name: Cy\nphoto: ./cy.jpg\n',
      'organisations/x.yaml': 'name: 3\nparent: y\n',
      'organisations/y.yaml': 'name:\n  en: Y\nparent: x\n',
    });
    expect(problems.map((p) => p.split('  ').slice(0, 3).join(' '))).toEqual([
      'organisations/x.yaml:1:1 error name',
      'organisations/x.yaml:2:1 error parent',
      'organisations/y.yaml:3:1 error parent',
      'speakers/cy.yaml:1:1 error name',
      'speakers/cy.yaml:2:1 error photo',
    ]);
  });
});
