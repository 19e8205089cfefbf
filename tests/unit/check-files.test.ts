// The one rule for files, as the checker applies it: every symbolic link in the content folder is
// an error (and never read), image paths stay inside the folder, and an image must be an image.
// Each case builds its own hostile content folder; a "secret" file outside it stands for /etc/passwd.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from '#pipeline/check/checker.ts';
import { formatProblem } from '#pipeline/check/problems.ts';
import { siteConfig } from '#site.config';

const root = path.resolve(import.meta.dirname, '../..');
const SECRET = 'root:x:0:0:SECRET-LINE-FROM-OUTSIDE:/root:/bin/bash';
let work: string;
let content: string;
let secret: string;
const story = (...parts: string[]): string => path.join(content, 'articles/2024/ip-protection-forum', ...parts);

/** The checker's report on the work folder, one formatted line per problem. */
async function check(): Promise<string[]> {
  const result = await checkContent({ contentDir: content, displayRoot: work, config: siteConfig });
  return result.problems.map(formatProblem);
}

/** Appends a body line to the sample story's English file. */
async function addToBody(line: string): Promise<void> {
  const file = story('en.md');
  await writeFile(file, `${await readFile(file, 'utf8')}\n${line}\n`);
}

/** Adds a cover to the English file's frontmatter. */
async function setCover(src: string): Promise<void> {
  const file = story('en.md');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace(/^---\n/, `---\ncover:\n  src: ${src}\n  alt: A photo\n`));
}

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-files-'));
  content = path.join(work, 'content');
  await cp(path.join(root, 'content'), content, { recursive: true });
  secret = path.join(work, 'secret.env');
  await writeFile(secret, `${SECRET}\n`);
  expect(await check()).toEqual([]);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('symbolic links are errors, wherever they are', () => {
  it.each([
    ['a cover', 'articles/2024/ip-protection-forum/cover.png'],
    ['an article file', 'articles/2024/ip-protection-forum/fr.md'],
    ['a story folder', 'articles/2024/linked-story'],
    ['a speaker file', 'speakers/linked.yaml'],
    ['a year folder', 'articles/1999'],
  ])('reports %s that is a link, by its path', async (_what, rel) => {
    const target = rel.endsWith('.md') || rel.endsWith('.yaml') || rel.endsWith('.png') ? secret : work;
    await symlink(target, path.join(content, rel));
    const problems = await check();
    expect(problems).toContainEqual(
      `content/${rel}:1:1  error  (file)  this is a symbolic link: content must be regular files and folders inside the content folder (links are never followed); replace it with the real file or folder`,
    );
    expect(problems.join('\n')).not.toContain('SECRET-LINE');
  });

  it('reports a linked content/articles and does not read through it', async () => {
    const real = path.join(work, 'elsewhere');
    await cp(path.join(content, 'articles'), real, { recursive: true });
    await rm(path.join(content, 'articles'), { recursive: true });
    await symlink(real, path.join(content, 'articles'));
    const problems = await check();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/articles:1:1 {2}error {2}\(file\) {2}this is a symbolic link/);
  });

  it('names a content folder that is missing, a file or a link, without a stack trace', async () => {
    await rm(content, { recursive: true });
    expect(await check()).toEqual([
      `content:1:1  error  (folder)  the content folder ${content} does not exist: create it, or set CONTENT_DIR`,
    ]);
    await writeFile(content, 'not a folder');
    expect((await check())[0]).toContain('is not a folder');
    await rm(content);
    await symlink(work, content);
    expect((await check())[0]).toContain('is a symbolic link');
    const cli = spawnSync(process.execPath, [path.join(root, 'tools/bin/check.ts'), path.join(work, 'nowhere')], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('does not exist');
    expect(cli.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('images', () => {
  it('refuses a cover that is a link to a secret, without quoting it', async () => {
    await symlink(secret, story('cover.png'));
    await setCover('./cover.png');
    const problems = await check();
    expect(problems.some((p) => p.includes('cover.src') && p.includes('symbolic link'))).toBe(true);
    expect(problems.join('\n')).not.toContain('SECRET-LINE');
  });

  it('refuses a cover or a body image that is not an image, without quoting it', async () => {
    await writeFile(story('cover.png'), `${SECRET}\n`);
    await setCover('./cover.png');
    await addToBody('![Secret](./cover.png)');
    const problems = (await check()).filter((p) => p.includes('not an image'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/en\.md:3:3 {2}error {2}cover\.src {2}"\.\/cover\.png" is not an image/);
    expect(problems[1]).toMatch(/en\.md:\d+:1 {2}error {2}\(body image\)/);
    expect(problems.join('\n')).not.toContain('SECRET-LINE');
  });

  it.each([['../../../../../secret.png'], ['../../../../../../../../etc/passwd.png'], ['/etc/passwd']])(
    'refuses a cover at %s, outside the content folder',
    async (src) => {
      await setCover(src);
      const problems = (await check()).filter((p) => p.includes('cover.src'));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/outside the content folder|relative to this file/);
    },
  );

  it('reports body images that escape, are missing, go through a link or are not images, at their line', async () => {
    await mkdir(path.join(work, 'outside'));
    await writeFile(path.join(work, 'outside/x.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    await symlink(path.join(work, 'outside'), story('linked'));
    const lines = [
      '![Escape](../../../../outside/x.png)',
      '![Encoded escape](./%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside/x.png)',
      '![Missing](./missing.png)',
      '![Via a link](./linked/x.png)',
      '<img src="../../../../../outside/x.png" alt="raw">',
      '![By reference][ref]',
      '',
      '[ref]: ../../../../outside/x.png',
    ];
    await addToBody(lines.join('\n'));
    const problems = (await check()).filter((p) => p.includes('(body image)'));
    expect(problems).toHaveLength(6);
    expect(problems.filter((p) => p.includes('outside the content folder'))).toHaveLength(4);
    expect(problems.filter((p) => p.includes('not found'))).toHaveLength(1);
    expect(problems.filter((p) => p.includes('symbolic link'))).toHaveLength(1);
    // Each at its own line of the file, in order.
    const lineNumbers = problems.map((p) => Number(/en\.md:(\d+):/.exec(p)?.[1]));
    expect(new Set(lineNumbers).size).toBe(6);
  });

  it('accepts real images of every published format beside the file, and web or site addresses', async () => {
    const png = await readFile(
      path.join(root, 'tests/fixtures/site/content/articles/2024/forum-photo-report/cover.png'),
    );
    await writeFile(story('photo.png'), png);
    await writeFile(
      story('drawing.svg'),
      '<?xml version="1.0"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"/>',
    );
    await setCover('./photo.png');
    await addToBody('![Photo](./photo.png)\n\n![Drawing](drawing.svg "A title")\n\n![Web](https://example.org/a.png)');
    expect((await check()).filter((p) => p.includes('  error  '))).toEqual([]);
  });

  it('reports an SVG the build cannot size (a draw.io export) wherever it is named, with the fix', async () => {
    // draw.io's "Include a copy of my diagram" puts the diagram in the start tag, past Astro's 1,000 bytes.
    const diagram = `&lt;mxfile host=&quot;app.diagrams.net&quot;&gt;${'&lt;mxCell id=&quot;x&quot;/&gt;'.repeat(80)}`;
    await writeFile(
      story('diagram.svg'),
      `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="453px" height="241px" content="${diagram}"><rect/></svg>`,
    );
    await writeFile(story('unsized.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    await writeFile(path.join(content, 'speakers/diagram.svg'), await readFile(story('diagram.svg')));
    const speaker = path.join(content, 'speakers/hu-wenhui.yaml');
    await writeFile(speaker, `${await readFile(speaker, 'utf8')}photo: ./diagram.svg\n`);
    await setCover('./diagram.svg');
    await addToBody('![Diagram](./diagram.svg)\n\nText <img src="diagram.svg" alt="Raw"> and ![No size](unsized.svg)');
    const lines = (await readFile(story('en.md'), 'utf8')).split('\n');
    const body = lines.findIndex((line) => line.startsWith('![Diagram]')) + 1;
    const problems = (await check()).filter((p) => p.includes('cannot read the size'));
    const drawio =
      'the build cannot read the size of image "./diagram.svg": its <svg> tag does not end within the first 1,000 bytes, where the build reads the size: draw.io put a copy of the diagram there (content="…"); export it again without "Include a copy of my diagram", or delete the content attribute from the <svg> tag';
    expect(problems).toEqual([
      `content/articles/2024/ip-protection-forum/en.md:3:3  error  cover.src  ${drawio}`,
      `content/articles/2024/ip-protection-forum/en.md:${body}:1  error  (body image)  ${drawio}`,
      `content/articles/2024/ip-protection-forum/en.md:${body + 2}:6  error  (body image)  ${drawio}`,
      `content/articles/2024/ip-protection-forum/en.md:${body + 2}:44  error  (body image)  the build cannot read the size of image "unsized.svg": its <svg> tag has neither a width and height in pixels (or cm, mm, pt…; not %) nor a viewBox the build can read: add viewBox="0 0 <width> <height>" to it`,
      `content/speakers/hu-wenhui.yaml:8:1  error  photo  ${drawio}`,
    ]);
  });
});
