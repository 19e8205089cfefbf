// The checker's body rules on strings and small folders: what the renderer drops (by the sanitizer's
// own allow list and embed check) or prints literally (other generators' syntax, MDX), and every
// file a body names (Markdown and raw-HTML images, posters, sources; relative and site-absolute), and
// what the site's own Markdown extensions make of a body (unknown directives, heading ids, formulas).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyLint } from '#pipeline/check/body-lint.ts';
import { bodySyntax } from '#pipeline/check/body-syntax.ts';
import { bodyAssetProblem, bodyAssets, publicAssetProblem, type BodyAsset } from '#pipeline/check/images.ts';
import { siteConfig } from '#site.config';

const embedHosts = siteConfig.embedHosts;
/** `line:column message` of each note. */
const lint = (body: string): string[] =>
  bodyLint(body, { embedHosts }).map((n) => `${n.line}:${n.column} ${n.message}`);
// A PNG's signature and header, up to the size Astro reads (1 × 1 pixel).
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');

describe('bodyLint: what the sanitizer removes', () => {
  it('names an element outside the allow list, with what to write instead', () => {
    expect(
      lint('Intro.\n\n<video controls poster="./p.png">\n  <source src="./v.mp4">\n  Fallback.\n</video>\n'),
    ).toEqual([
      '3:1 the <video> element will be removed (its text is kept): articles cannot carry players or plug-ins; use a Markdown image or an embed from a host in embedHosts (src/site.config.ts: www.youtube-nocookie.com, player.bilibili.com, player.vimeo.com)',
    ]);
  });

  it('says whether the content goes too, once per element', () => {
    expect(
      lint('<script>alert(1)</script>\n\n<svg><circle r="1"/></svg>\n\nA <font color="red">red</font> word.'),
    ).toEqual([
      '1:1 the <script> element will be removed with its content: articles cannot run scripts or change the page; remove it',
      '3:1 the <svg> element will be removed with its content: save the drawing as an .svg file beside the article and add it as a Markdown image',
      '5:3 the <font> element will be removed (its text is kept): <font> is not among the elements articles may use; write it in Markdown',
    ]);
  });

  it('groups the attributes removed from one element, and names script addresses', () => {
    expect(lint('<span style="color:red" class="x" onclick="go()">x</span> [click](javascript:alert(1))')).toEqual([
      '1:1 the style, class and onclick attributes of <span> will be removed: articles cannot style the page; event handlers never run; remove them',
      '1:59 the href attribute of <a> will be removed: href keeps only http, https, irc, ircs, mailto, xmpp addresses; remove it',
    ]);
  });

  it('names iframes from hosts outside embedHosts, and accepts what the sanitizer keeps or rewrites', () => {
    expect(
      lint(
        [
          '<iframe src="https://www.dailymotion.com/embed/video/x7tgad0"></iframe>',
          '',
          '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" frameborder="0" allowfullscreen></iframe>',
          '',
          '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" style="border:0"></iframe>',
          '',
          '<iframe src="http://player.bilibili.com/player.html?bvid=BV1xx411c7mD"></iframe>',
        ].join('\n'),
      ),
    ).toEqual([
      '1:1 the <iframe> from www.dailymotion.com will be removed: www.dailymotion.com is not in embedHosts (src/site.config.ts); use a player address of an allowed host (www.youtube-nocookie.com, player.bilibili.com, player.vimeo.com), or add the host there',
      '7:1 the <iframe> will be removed: only https addresses are embedded; write its address with https://',
    ]);
  });

  it('says nothing about what Markdown itself produces, or about allowed HTML', () => {
    const body = [
      '# Title',
      '',
      'Text with **bold**, `code`, a [link](https://example.org "t") and ![an image](./a.png "A title").',
      '',
      '| a | b |',
      '|:--|--:|',
      '| 1 | 2 |',
      '',
      '- [ ] a task',
      '- [x] done',
      '',
      'A note.[^1]',
      '',
      '[^1]: The footnote.',
      '',
      '<details><summary>More</summary>',
      '',
      'Hidden <kbd>Ctrl</kbd>+<kbd>C</kbd>, <sub>x</sub>, <abbr title="World Intellectual Property Organization">WIPO</abbr>.',
      '',
      '</details>',
      '',
      '<figure><img src="https://example.org/a.png" alt="A" width="300"><figcaption>Caption</figcaption></figure>',
      '',
      '<a href="https://example.org" target="_blank" rel="noopener">out</a> <br> <!-- a comment -->',
    ].join('\n');
    expect(lint(body)).toEqual([]);
  });

  it('never looks inside code, comments or $$ math', () => {
    const body = [
      'Use `<video>` and `{{ .Values }}` in code.',
      '',
      '```html',
      '<script>alert(1)</script> {{< figure >}} {% raw %}',
      'import x from "y";',
      '```',
      '',
      '<!-- <video> {{< old >}} -->',
      '',
      '$$',
      'x^{{2}} + \\frac{{a}}{b}',
      '$$',
    ].join('\n');
    expect(lint(body)).toEqual([]);
  });
});

describe('bodyLint: what is printed literally', () => {
  it('names Hugo shortcodes, with or without spaces, and the replacement', () => {
    expect(
      lint('{{< figure src="a.png" >}}\n\n{{<figure src="b.png">}}\n\n{{% alert %}}Careful{{% /alert %}}'),
    ).toEqual([
      '1:1 Hugo shortcode {{< figure src="a.png" >}} will be printed as text: write a Markdown image: ![what it shows](./image.png)',
      '3:1 Hugo shortcode {{<figure src="b.png">}} will be printed as text: write a Markdown image: ![what it shows](./image.png)',
      '5:1 Hugo shortcode {{% alert %}} will be printed as text: write a callout instead: > [!NOTE] on the first line of a quote',
      '5:21 Hugo shortcode {{% /alert %}} will be printed as text: write a callout instead: > [!NOTE] on the first line of a quote',
    ]);
  });

  it('names Liquid and Jinja tags, variables and comments', () => {
    expect(
      lint('{% raw %}x{% endraw %} {% include note.html %}\n\nHello {{ page.title | upcase }} {# hidden #}'),
    ).toEqual([
      '1:1 template tag {% raw %} will be printed as text: remove it (the text it wraps stays as written)',
      '1:11 template tag {% endraw %} will be printed as text: remove it (the text it wraps stays as written)',
      '1:24 template tag {% include note.html %} will be printed as text: paste the included text instead',
      '3:7 template variable {{ page.title | upcase }} will be printed as text: write the value itself',
      '3:33 template comment {# hidden #} will be printed as text: delete it, or make it an HTML comment <!-- … -->',
    ]);
  });

  it('names MDX imports, exports, comments and JSX components', () => {
    const body = [
      "import Tabs from '@theme/Tabs';",
      "import TabItem from '@theme/TabItem';",
      'export const meta = { a: 1 };',
      '',
      '<Tabs>',
      '<TabItem value="en" label="English">',
      '',
      'Tab **text** {/* a note */}.',
      '',
      '</TabItem>',
      '</Tabs>',
    ].join('\n');
    expect(lint(body)).toEqual([
      "1:1 MDX line import Tabs from '@theme/Tabs'; will be printed as text: remove it (articles are Markdown, not MDX)",
      "2:1 MDX line import TabItem from '@theme/TabItem'; will be printed as text: remove it (articles are Markdown, not MDX)",
      '3:1 MDX line export const meta = { a: 1 }; will be printed as text: remove it (articles are Markdown, not MDX)',
      '5:1 MDX/JSX component <Tabs> is not rendered: its tags are removed and what it wraps shows as plain text; rewrite it in Markdown',
      '6:1 MDX/JSX component <TabItem> is not rendered: its tags are removed and what it wraps shows as plain text; rewrite it in Markdown',
      '8:14 MDX comment {/* a note */} will be printed as text: make it an HTML comment <!-- … -->',
    ]);
  });

  it('names a JSX attribute once per element, and still checks an iframe that has one', () => {
    const body = [
      "<div style={{ position: 'relative', margin: '1rem 0' }}>",
      '  <iframe src="https://www.dailymotion.com/embed/video/x7tgad0" style={{ width: \'100%\' }}></iframe>',
      '</div>',
    ].join('\n');
    expect(lint(body)).toEqual([
      '1:1 JSX attribute style={…} of <div> is not HTML: it is removed; write the element without it (articles are Markdown, not MDX)',
      '2:3 JSX attribute style={…} of <iframe> is not HTML: it is removed; write the element without it (articles are Markdown, not MDX)',
      '2:3 the <iframe> from www.dailymotion.com will be removed: www.dailymotion.com is not in embedHosts (src/site.config.ts); use a player address of an allowed host (www.youtube-nocookie.com, player.bilibili.com, player.vimeo.com), or add the host there',
    ]);
  });

  it('names a commented-out shortcode once, as the MDX comment around it', () => {
    expect(lint('{/* {{<figure src="logo.png">}} */}')).toEqual([
      '1:1 MDX comment {/* {{<figure src="logo.png">}} */} will be printed as text: make it an HTML comment <!-- … -->',
    ]);
  });

  it('leaves prose alone: braces, "import" in a sentence, heading ids, TeX grouping', () => {
    expect(
      lint('Import duties fell.\n\nimport is a word. A set {a, b}.\n\n## Title {#custom-id}\n\nInline $x^{{2}}$.'),
    ).toEqual([]);
  });
});

describe('bodyAssets', () => {
  it('finds Markdown images and every file attribute of raw HTML, at the element', () => {
    const body = [
      '![A](./a.png) and ![B][b]',
      '',
      '<img src="./c.png" srcset="./c2.png 2x">',
      '',
      '<picture><source srcset="./d.webp 1x, ./d2.webp 2x"><img src="./d.png"></picture>',
      '',
      '<video poster="/img/poster.jpg" src="./clip.mp4"></video> <audio src="./talk.mp3"></audio>',
      '',
      '[b]: ./b.png',
    ].join('\n');
    expect(
      bodyAssets(body).map((a) => `${a.line}:${a.column} ${a.where} ${a.src}${a.pipeline ? ' (pipeline)' : ''}`),
    ).toEqual([
      '1:1 Markdown image ./a.png (pipeline)',
      '1:19 Markdown image ./b.png (pipeline)',
      '3:1 <img src> ./c.png',
      '5:10 <source srcset> ./d.webp',
      '5:10 <source srcset> ./d2.webp',
      '5:53 <img src> ./d.png',
      '7:1 <video poster> /img/poster.jpg',
      '7:1 <video src> ./clip.mp4',
      '7:59 <audio src> ./talk.mp3',
    ]);
  });

  it('marks a raw <img> the image pipeline takes, as src/plugins/rehype-raw-images.ts does', () => {
    expect(bodyAssets('<img src="./diagram.png" alt="D">')).toMatchObject([{ where: '<img src>', pipeline: true }]);
    expect(bodyAssets('<img src="./diagram.png?v=2">')).toMatchObject([{ pipeline: false }]);
  });

  it('does not parse a body that names no file', () => {
    expect(bodyAssets('Plain news text with a [link](https://example.org).')).toEqual([]);
  });
});

describe('bodyAssetProblem', () => {
  let work: string;
  let content: string;
  let publicDir: string;
  const rel = 'articles/2024/story/en.md';
  const asset = (src: string, extra: Partial<BodyAsset> = {}): BodyAsset => ({
    src,
    line: 1,
    column: 1,
    html: true,
    kind: 'image',
    where: '<img src>',
    pipeline: false,
    ...extra,
  });
  const problem = async (a: BodyAsset): Promise<string | undefined> => {
    const found = await bodyAssetProblem(
      { contentDir: content, publicDir, show: (r) => `content/${r}`, showAbsolute: (abs) => path.relative(work, abs) },
      rel,
      a,
    );
    return found && `${found.severity}: ${found.message}`;
  };

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'news-archive-assets-'));
    content = path.join(work, 'content');
    publicDir = path.join(work, 'public');
    await mkdir(path.join(content, 'articles/2024/story'), { recursive: true });
    await mkdir(path.join(publicDir, 'img/with space'), { recursive: true });
    await writeFile(path.join(content, 'articles/2024/story/a.png'), PNG);
    await writeFile(path.join(publicDir, 'img/logo.png'), PNG);
    await writeFile(path.join(publicDir, 'img/with space/b.png'), PNG);
    await writeFile(path.join(work, 'secret.png'), PNG);
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('accepts site-absolute files that public/ has, escaped or with a query', async () => {
    expect(await problem(asset('/img/logo.png'))).toBeUndefined();
    expect(await problem(asset('/img/with%20space/b.png?v=1#x'))).toBeUndefined();
    expect(await problem(asset('https://example.org/x.png'))).toBeUndefined();
  });

  it('refuses site-absolute paths public/ does not have, or that climb out of it', async () => {
    expect(await problem(asset('/img/nowhere.png', { where: 'Markdown image', html: false, pipeline: true }))).toBe(
      'error: "/img/nowhere.png" is not in public/ (looked for public/img/nowhere.png): save the file beside the article and write ./nowhere.png, or add it to public/',
    );
    expect(await problem(asset('/img'))).toBe('error: "/img" is not a file in public/ (public/img)');
    // A browser resolves `..` against the site root, so this asks for /secret.png, not the file beside public/.
    expect(await problem(asset('/../secret.png'))).toMatch(
      /^error: "\/\.\.\/secret\.png" is not in public\/ \(looked for public\/secret\.png\)/,
    );
    expect(await problem(asset('/img/%2e%2e%2f..%2fsecret.png'))).toMatch(/^error: .* points outside public\//);
  });

  it('holds what the build reads to a real image, and warns about relative files never published', async () => {
    expect(await problem(asset('./a.png', { pipeline: true }))).toBeUndefined();
    expect(await problem(asset('./gone.png', { pipeline: true }))).toBe(
      'error: image "./gone.png" not found (looked for content/articles/2024/story/gone.png)',
    );
    expect(await problem(asset('../../../../secret.png'))).toMatch(/^error: .* points outside the content folder/);
    expect(await problem(asset('./a.webp', { where: '<source srcset>' }))).toBe(
      'warning: <source srcset> "./a.webp" will not be published: relative files are published only as images the build processes; use a Markdown image, or put the file in public/ and write its path from the site root (/img/name.png)',
    );
    expect(await problem(asset('./clip.mp4', { where: '<video src>', kind: 'media' }))).toMatch(
      /^warning: <video src> "\.\/clip\.mp4" will not be published: .* \(\/media\/name\.mp4\), or link to it on the web$/,
    );
  });

  it('publicAssetProblem reports a broken escape', () => {
    expect(publicAssetProblem(publicDir, '/img/%E0%A4%A.png')).toBe(
      '"/img/%E0%A4%A.png" has a broken %-escape: write the file name as it is',
    );
  });
});

describe('bodySyntax: what the site’s own Markdown extensions do with a body', () => {
  /** `line:column message` of each note. */
  const syntax = (body: string): string[] => bodySyntax(body).map((n) => `${n.line}:${n.column} ${n.message}`);
  const kinds = ':::note, :::tip, :::info, :::important, :::warning, :::caution, :::danger';

  it('names unknown directives and the callout kinds, and a callout never closed', () => {
    expect(
      syntax(
        'Intro.\n\n:::details Summary\n\nInside.\n\n:::\n\n::youtube[Launch]\n\nSee :abbr[WIPO]{title="x"}.\n\n:::tip\nNever closed.',
      ),
    ).toEqual([
      `3:1 ":::details Summary" is not a callout ("details" is not one of ${kinds}): its ":::" lines are printed as text and what is between them as ordinary paragraphs; use one of those kinds, or remove the two lines`,
      `9:1 "::youtube[Launch]" is printed as text: the site has no "::name" directives; put the video's or post's link on a line of its own instead`,
      '11:5 ":abbr[WIPO]{title="x"}" is printed as text: the site has no ":name[…]" directives; write the text itself',
      '13:1 ":::tip" is never closed, so the callout takes in everything after it, to the end of the article (or of the quote or list item it is in): add a line ":::" where it ends',
    ]);
  });

  it('says nothing about colons in prose, callouts done right, or directives in code', () => {
    const body = [
      'Doors open at 12:30. Note:foo, namespace:default, :smile: and key:value[0].',
      ':::tip[Bring your badge]\nIt opens the doors.\n:::',
      ':::warning{title="Heads up"}\nText.\n:::',
      '> [!NOTE]\n> A GitHub alert.',
      '`:::details` and `:abbr[x]` in code.',
      '```md\n:::details\n::youtube[x]\n```',
    ].join('\n\n');
    expect(syntax(body)).toEqual([]);
  });

  it('names heading ids that cannot be used, are used twice or are the page’s own, with what happens', () => {
    expect(
      syntax(
        '## Empty {#}\n\n## Two words {#two words}\n\n## A {#results}\n\nText.\n\n## B {#results}\n\n## Top {#top}',
      ),
    ).toEqual([
      '1:10 heading id {#} is empty, so the braces show in the heading and its id is made from its text instead: write an id after the "#", e.g. {#results}',
      '3:14 heading id {#two words} cannot be used: an id holds only letters, digits, "-", "_" and "." (no spaces or quotes), so the braces show in the heading and its id is made from its text instead: write {#two-words}',
      '9:6 heading id {#results} is already used by the heading "A": this heading gets the id "results-1", and links to #results lead to that one; choose another id',
      '11:8 heading id {#top} is one the article page itself uses (main, top, content, event-box-heading): this heading gets the id "top-1", and links to #top lead to the page\'s own element; choose another id',
    ]);
    expect(syntax('## Release {#1.2}\n\n## 结果 {#结果}\n\n## Escaped \\{#a b}\n\n```\n## {#}\n```')).toEqual([]);
  });

  it('names formulas Temml cannot read, at the formula, quoting Temml briefly', () => {
    expect(
      syntax(
        'Prices stay text: $5 and $10.\n\nBroken $\\frac{a$ and fine $x^2$.\n\n$$\n\\foo x\n$$\n\n```math\nx_{1\n```\n\nMid-paragraph $$a \\tag{1}$$ is inline.\n\n\\[\n\\tag{2} x\n\\]',
      ),
    ).toEqual([
      "3:8 formula $\\frac{a$ cannot be read (Temml: Unexpected end of input in a macro argument, expected '}'), so the page shows its TeX as written: correct the TeX",
      '5:1 formula $$ \\foo x $$ cannot be read (Temml: Unsupported function name: \\foo), so the page shows its TeX as written: correct the TeX',
      "9:1 formula ```math x_{1 ``` cannot be read (Temml: Expected '}', got 'EOF'), so the page shows its TeX as written: correct the TeX",
      '13:15 formula $$a \\tag{1}$$ cannot be read (Temml: \\tag works only in display mode), so the page shows its TeX as written: correct the TeX',
    ]);
    expect(syntax('Shell: `echo $HOME $PATH`.\n\n```sh\n$ echo $x$\n```\n\nCosts $5, $6 and $7.')).toEqual([]);
  });
});
