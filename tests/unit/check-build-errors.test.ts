// A failed build explained in one line naming the content file and line, never a stack trace. The
// errors are shaped as Astro 7 and rolldown throw them (captured from a real build with a missing
// body image: an Error whose message wraps the plugin's error and its stack, and `errors` holding
// Astro's ImageNotFound without a location).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeBuildError, errorParts, imageMentions, type ContentText } from '#pipeline/check/build-errors.ts';

const root = path.join(tmpdir(), 'project');
const contentDir = path.join(root, 'content');

/** An error as `astro build` rejects with when a content image is missing. */
function imageNotFound(written: string): Error {
  const inner = Object.assign(new Error(`Could not find requested image \`${written}\`. Does it exist?`), {
    name: 'ImageNotFound',
    title: 'Image not found.',
    hint: 'This is often caused by a typo in the image path.',
    plugin: 'astro:content-asset-propagation',
    code: 'PLUGIN_ERROR',
    frame: 'const secret = 1;',
  });
  return Object.assign(
    new Error(
      [
        'Build failed with 1 error:',
        '',
        '[plugin astro:content-asset-propagation]',
        `ImageNotFound: Could not find requested image \`${written}\`. Does it exist?`,
        `    at PluginContextImpl.handler (file://${root}/node_modules/astro/dist/content/vite-plugin-content-assets.js:42:19)`,
        `    at async plugin (file://${root}/node_modules/rolldown/dist/shared/bindingify.mjs:1678:16)`,
      ].join('\n'),
    ),
    { errors: [inner] },
  );
}

const texts: ContentText[] = [
  { rel: 'articles/2024/has-it/en.md', text: '---\ntitle: A\n---\n\n![Photo](./photo.png)\n' },
  { rel: 'articles/2024/lost-it/en.md', text: '---\ntitle: B\n---\n\nText.\n\nSee ![Photo](./photo.png) here.\n' },
  { rel: 'articles/2024/lost-it/zh.md', text: '---\ncover:\n  src: ./photo.png\n  alt: 图\n---\n\n正文。\n' },
  { rel: 'speakers/a.yaml', text: 'name:\n  en: A\n' },
];
/** Only `has-it` has its photo. */
const exists = (abs: string): boolean => abs === path.join(contentDir, 'articles/2024/has-it/photo.png');
const describe_ = (error: unknown, read: ContentText[] = texts): string =>
  describeBuildError(error, { contentDir, displayRoot: root, read: () => read, exists });

describe('describeBuildError', () => {
  it('sends a missing image to the content file and line that names it, first of all', () => {
    expect(describe_(imageNotFound('./photo.png'))).toBe(
      'content/articles/2024/lost-it/en.md:7:14 image "./photo.png" not found: save it beside the article or fix the path (and 1 more place(s); npm run check lists them all)',
    );
  });

  it('finds a single place, and an image named with %-escapes', () => {
    const read = [{ rel: 'articles/2024/x/en.md', text: '---\n---\n![A](./my%20photo.png)\n' }];
    expect(describe_(imageNotFound('./my photo.png'), read)).toBe(
      'content/articles/2024/x/en.md:3:6 image "./my photo.png" not found: save it beside the article or fix the path',
    );
  });

  it('says to run the checker when no content file names the image', () => {
    expect(describe_(imageNotFound('./elsewhere.png'))).toBe(
      'image "./elsewhere.png" not found: save it beside the article or fix the path; run npm run check to see which file names it',
    );
  });

  it('sends an image the pipeline cannot read, named by its absolute path, to the line that names it', () => {
    const error = Object.assign(new Error('Build failed with 1 error'), {
      errors: [
        Object.assign(
          new Error(`Could not process image metadata for \`${contentDir}/articles/2024/has-it/photo.png\`.`),
          {
            name: 'NoImageMetadata',
          },
        ),
      ],
    });
    expect(describe_(error)).toBe(
      'content/articles/2024/has-it/en.md:5:10 image "content/articles/2024/has-it/photo.png" cannot be read: it is damaged or not really an image; save it again as PNG, JPEG or WebP',
    );
  });

  it('explains why the pipeline cannot size an image, from its first bytes (a draw.io SVG)', () => {
    const svg = path.join(contentDir, 'articles/2024/has-it/diagram.svg');
    const read = [{ rel: 'articles/2024/has-it/zh.md', text: '---\n---\n\n![图](./diagram.svg)\n' }];
    const error = new Error(`NoImageMetadata: Could not process image metadata for \`${svg}\`.`);
    const head = (abs: string): Uint8Array | undefined =>
      abs === svg
        ? new TextEncoder().encode(`<svg width="453px" height="241px" content="&lt;mxfile${'&lt;x/&gt;'.repeat(200)}">`)
        : undefined;
    expect(describeBuildError(error, { contentDir, displayRoot: root, read: () => read, exists, head })).toBe(
      'content/articles/2024/has-it/zh.md:4:6 image "content/articles/2024/has-it/diagram.svg" cannot be sized by the build: its <svg> tag does not end within the first 1,000 bytes, where the build reads the size: draw.io put a copy of the diagram there (content="…"); export it again without "Include a copy of my diagram", or delete the content attribute from the <svg> tag',
    );
  });

  it('uses a location in a content file, with the message alone', () => {
    const error = Object.assign(new Error('Unexpected character\n    at parse (file:///x.js:1:1)'), {
      loc: { file: path.join(contentDir, 'articles/2024/a/en.md'), line: 12, column: 3 },
    });
    expect(describe_(error)).toBe('content/articles/2024/a/en.md:12:3 Unexpected character');
  });

  it("keeps the loaders' own one-line messages", () => {
    const read = Object.assign(new Error('content/articles/2024/a/en.md:3:1 the file is not UTF-8 text'), {
      name: 'ContentReadError',
    });
    expect(describe_(new Error('Build failed', { cause: read }))).toBe(
      'content/articles/2024/a/en.md:3:1 the file is not UTF-8 text',
    );
  });

  it('prints any other failure without stack lines, frames or the project path', () => {
    const error = new Error(
      `Build failed with 1 error:\n\n[plugin vite:x]\nTypeError: Cannot read ${root}/src/pages/a.astro\n    at f (file:///a.js:1:1)`,
    );
    expect(describe_(error)).toBe('Cannot read src/pages/a.astro');
    expect(describe_('a plain string')).toBe('a plain string');
  });
});

describe('errorParts and findMentions', () => {
  it('collects the error, the bundler list and causes, without stacks', () => {
    const parts = errorParts(imageNotFound('./a.png'));
    expect(parts.map((p) => `${p.name}: ${p.message}`)).toEqual([
      'Error: Could not find requested image `./a.png`. Does it exist?',
      'ImageNotFound: Could not find requested image `./a.png`. Does it exist?',
    ]);
  });

  it('finds each path naming an image, and a bare file name at the end of a path', () => {
    expect(imageMentions('a\n![x](./a.png) and ./a.png?v=1\n  src: ../b/./a.png\n', './a.png')).toEqual([
      { written: './a.png', line: 2, column: 6 },
      { written: './a.png', line: 2, column: 19 },
    ]);
    expect(imageMentions('<img src="diagram.png">', './diagram.png')).toEqual([
      { written: 'diagram.png', line: 1, column: 11 },
    ]);
    expect(imageMentions('![x](./photos/a.png) <img src="a.png"> ba.png', 'a.png')).toEqual([
      { written: './photos/a.png', line: 1, column: 6 },
      { written: 'a.png', line: 1, column: 32 },
    ]);
  });
});

describe('describeBuildError on disk', () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'news-archive-build-error-'));
    await mkdir(path.join(work, 'content/articles/2024/story'), { recursive: true });
    await writeFile(
      path.join(work, 'content/articles/2024/story/en.md'),
      '---\ntitle: T\n---\n\nText.\n\n![Gone](./gone.png)\n',
    );
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('reads the content folder itself by default', () => {
    expect(
      describeBuildError(imageNotFound('./gone.png'), { contentDir: path.join(work, 'content'), displayRoot: work }),
    ).toBe(
      'content/articles/2024/story/en.md:7:9 image "./gone.png" not found: save it beside the article or fix the path',
    );
  });
});
