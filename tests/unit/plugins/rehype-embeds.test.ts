import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { embedFor, rehypeSanitizeBody } from '#plugins/rehype-sanitize-body.ts';
import { elementsOf, render, testOptions } from './render.ts';

const hosts = testOptions.embedHosts;
const ID = 'dQw4w9WgXcQ';
const NOCOOKIE = `https://www.youtube-nocookie.com/embed/${ID}`;
const WATCH = `https://www.youtube.com/watch?v=${ID}`;
const SANDBOX = ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'];

const byTag = (html: string, tag: string): Element[] => elementsOf(html).filter((e) => e.tagName === tag);

/** The child elements of `node` with tag name `tag`. */
const childrenOf = (node: Element | undefined, tag: string): Element[] =>
  (node?.children ?? []).filter((c): c is Element => c.type === 'element' && c.tagName === tag);

/** The one embed figure of the rendered HTML: its iframe's properties, caption link and text, classes. */
function embedOf(html: string): { iframe: Element['properties']; href: unknown; caption: string; classes: unknown } {
  const figures = byTag(html, 'figure');
  expect(figures, html).toHaveLength(1);
  const [figure] = figures;
  const [iframe] = childrenOf(childrenOf(figure, 'div')[0], 'iframe');
  const [link] = childrenOf(childrenOf(figure, 'figcaption')[0], 'a');
  expect(iframe, html).toBeDefined();
  expect(link, html).toBeDefined();
  return {
    iframe: iframe!.properties,
    href: link!.properties['href'],
    caption: toString(link!),
    classes: figure!.properties['className'],
  };
}

describe('embedFor: the addresses of a video', () => {
  it.each([
    // YouTube: every form editors paste, with and without a start time; tracking and autoplay dropped.
    [`https://www.youtube.com/embed/${ID}`, NOCOOKIE, WATCH],
    [`https://youtube.com/embed/${ID}?start=90&autoplay=1&mute=1`, `${NOCOOKIE}?start=90`, `${WATCH}&t=90s`],
    [`https://www.youtube.com/watch?v=${ID}&t=1m30s&si=Tr4ck1ng`, `${NOCOOKIE}?start=90`, `${WATCH}&t=90s`],
    [`https://www.youtube.com/watch?v=${ID}#t=45`, `${NOCOOKIE}?start=45`, `${WATCH}&t=45s`],
    [`https://m.youtube.com/watch?v=${ID}&feature=share`, NOCOOKIE, WATCH],
    [`https://youtu.be/${ID}?si=Tr4ck1ng`, NOCOOKIE, WATCH],
    [`https://youtu.be/${ID}?t=1h2m3s`, `${NOCOOKIE}?start=3723`, `${WATCH}&t=3723s`],
    [`https://www.youtube.com/shorts/${ID}`, NOCOOKIE, WATCH],
    [`https://www.youtube-nocookie.com/embed/${ID}?start=5&rel=0`, `${NOCOOKIE}?start=5`, `${WATCH}&t=5s`],
    [`https://WWW.YOUTUBE.COM/embed/${ID}`, NOCOOKIE, WATCH],
    // Old embed codes: http and protocol-relative; only the id is kept, the player is https.
    [`http://www.youtube.com/embed/${ID}`, NOCOOKIE, WATCH],
    [`//www.youtube.com/embed/${ID}`, NOCOOKIE, WATCH],
    [
      'https://www.youtube.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
      'https://www.youtube-nocookie.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
      'https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs',
    ],
    // Vimeo: "do not track" player, unlisted hash kept, start time in the fragment.
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1', 'https://vimeo.com/76979871'],
    [
      'https://vimeo.com/76979871#t=1m5s',
      'https://player.vimeo.com/video/76979871?dnt=1#t=65s',
      'https://vimeo.com/76979871#t=65s',
    ],
    [
      'https://player.vimeo.com/video/76979871?h=abcdef1234&autoplay=1&title=0',
      'https://player.vimeo.com/video/76979871?h=abcdef1234&dnt=1',
      'https://vimeo.com/76979871/abcdef1234',
    ],
    [
      'https://vimeo.com/76979871/abcdef1234',
      'https://player.vimeo.com/video/76979871?h=abcdef1234&dnt=1',
      'https://vimeo.com/76979871/abcdef1234',
    ],
    [
      'https://vimeo.com/channels/staffpicks/76979871',
      'https://player.vimeo.com/video/76979871?dnt=1',
      'https://vimeo.com/76979871',
    ],
  ])('%s plays from %s, linked to %s', (written, src, original) => {
    expect(embedFor(written, hosts)).toEqual({ provider: expect.any(String), src, original });
    expect(embedFor(written, hosts, 'link')?.src).toBe(src);
  });

  it('keeps another player on an allowed host as written, linked to its video page when known', () => {
    expect(embedFor('https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&page=2', hosts)).toEqual({
      provider: 'bilibili',
      src: 'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&page=2',
      original: 'https://www.bilibili.com/video/BV1GJ411x7h7?p=2',
    });
    expect(embedFor('https://www.youtube-nocookie.com/embed/abc', hosts)).toEqual({
      provider: 'other',
      src: 'https://www.youtube-nocookie.com/embed/abc',
      original: 'https://www.youtube-nocookie.com/embed/abc',
    });
    // A bare link only ever becomes a privacy-enhanced player, never another one.
    expect(embedFor('https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7', hosts, 'link')).toBeUndefined();
    expect(embedFor('https://www.youtube-nocookie.com/embed/abc', hosts, 'link')).toBeUndefined();
  });

  it('follows the site’s allow list', () => {
    // Vimeo not allowed: its iframes go, its links stay links.
    expect(embedFor('https://vimeo.com/76979871', ['www.youtube-nocookie.com'])).toBeUndefined();
    expect(embedFor('https://vimeo.com/76979871', ['www.youtube-nocookie.com'], 'link')).toBeUndefined();
    // A maintainer who allows the ordinary YouTube host keeps its iframes as written.
    expect(embedFor(`https://www.youtube.com/embed/${ID}`, ['www.youtube.com'])).toEqual({
      provider: 'youtube',
      src: `https://www.youtube.com/embed/${ID}`,
      original: WATCH,
    });
    expect(embedFor(`https://www.youtube.com/embed/${ID}`, [])).toBeUndefined();
  });

  it.each([
    'javascript:alert(1)',
    ` JaVaScRiPt:alert(1)//https://www.youtube.com/embed/${ID}`,
    'data:text/html,<script>alert(1)</script>',
    `ftp://www.youtube.com/embed/${ID}`,
    `https://youtube.com.evil.org/embed/${ID}`,
    `https://www.youtube.com.evil.org/watch?v=${ID}`,
    `https://evil.org/www.youtube.com/embed/${ID}`,
    `https://evil.org/?v=https://youtu.be/${ID}`,
    `https://www.youtube.com@evil.org/embed/${ID}`,
    `https://user:secret@www.youtube.com/embed/${ID}`,
    `https://www.youtube.com:8443/embed/${ID}`,
    `https://notyoutube.com/embed/${ID}`,
    `https://www.youtube.com/embed/${ID}"onload="alert(1)`,
    'https://www.youtube.com/embed/short',
    `https://www.youtube.com/embed/${ID}/extra`,
    `https://www.youtube.com/watch?x=${ID}`,
    'https://vimeo.com.evil.org/76979871',
    'https://vimeo.com/76979871abc',
    'https://vimeo.com/about',
    '//evil.org/embed/x',
    '//www.youtube-nocookie.com/embed/abc',
    'http://www.youtube-nocookie.com/embed/abc',
    '',
  ])('refuses %j', (written) => {
    expect(embedFor(written, hosts)).toBeUndefined();
    expect(embedFor(written, hosts, 'link')).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(embedFor(undefined, hosts)).toBeUndefined();
    expect(embedFor(42, hosts)).toBeUndefined();
    expect(embedFor(['https://vimeo.com/1'], hosts)).toBeUndefined();
  });
});

describe('rehypeSanitizeBody: video iframes', () => {
  const sanitize = (markdown: string): Promise<string> =>
    render(markdown, { plugins: [[rehypeSanitizeBody, { embedHosts: hosts }]] });

  it('rewrites a YouTube iframe to the privacy-enhanced player instead of removing it', async () => {
    expect(await sanitize(`<iframe src="https://www.youtube.com/embed/${ID}?start=30&autoplay=1"></iframe>`)).toBe(
      `<iframe src="${NOCOOKIE}?start=30" loading="lazy" referrerpolicy="strict-origin-when-cross-origin" ` +
        `sandbox="${SANDBOX.join(' ')}"></iframe>`,
    );
  });
});

describe('rehypeEmbeds: iframes', () => {
  it('makes a YouTube iframe a lazy, sandboxed, privacy-enhanced player with a link to the video', async () => {
    const html = await render(
      `Watch it here:\n\n<iframe width="560" height="315" src="https://www.youtube.com/embed/${ID}?start=75" ` +
        'title="The opening keynote" allow="autoplay; encrypted-media; fullscreen; camera" allowfullscreen></iframe>',
    );
    expect(html).toBe(
      '<p>Watch it here:</p>\n' +
        '<figure class="embed embed--youtube"><div class="embed__frame">' +
        `<iframe src="${NOCOOKIE}?start=75" title="The opening keynote" width="560" height="315" ` +
        'allow="encrypted-media; fullscreen" allowfullscreen loading="lazy" ' +
        `referrerpolicy="strict-origin-when-cross-origin" sandbox="${SANDBOX.join(' ')}"></iframe></div>` +
        `<figcaption><a href="${WATCH}&#x26;t=75s" rel="noopener noreferrer" class="external">The opening keynote</a>` +
        '</figcaption></figure>',
    );
  });

  it('titles a player without a title, or with an embed code’s generic one, in the article’s language', async () => {
    const iframe = `<iframe src="https://player.vimeo.com/video/76979871" title="YouTube video player"></iframe>`;
    const zh = embedOf(await render(iframe, { language: 'zh' }));
    expect(zh.iframe['title']).toBe('视频');
    expect(zh.caption).toBe('视频');
    expect(zh.iframe['src']).toBe('https://player.vimeo.com/video/76979871?dnt=1');
    expect(zh.href).toBe('https://vimeo.com/76979871');
    expect(zh.classes).toEqual(['embed', 'embed--vimeo']);
    const en = embedOf(await render(`<iframe src="https://youtu.be/${ID}"></iframe>`, { language: 'en' }));
    expect(en.iframe['title']).toBe('Video');
  });

  it('splits a paragraph around an iframe written inside it', async () => {
    const html = await render(
      `Watch it here: <iframe src="https://www.youtube.com/embed/${ID}"></iframe> and share it.`,
    );
    expect(html).toMatch(
      /^<p>Watch it here:<\/p><figure class="embed embed--youtube">.*<\/figure><p>and share it\.<\/p>$/,
    );
    expect(byTag(html, 'p').some((p) => byTag(html, 'iframe').some((f) => p.children.includes(f)))).toBe(false);
  });

  it('wraps players in list items and quotes; leaves one inside inline markup in place, titled', async () => {
    const listed = await render(`- <iframe src="https://www.youtube.com/embed/${ID}"></iframe>`);
    expect(listed).toMatch(/^<ul>\n<li>\s*<figure class="embed embed--youtube">/);
    const inline = await render(`<span>Clip: <iframe src="https://www.youtube.com/embed/${ID}"></iframe></span>`);
    expect(byTag(inline, 'figure')).toEqual([]);
    expect(byTag(inline, 'iframe')[0]?.properties).toMatchObject({ src: NOCOOKIE, title: 'Video', sandbox: SANDBOX });
  });

  it.each([
    `https://youtube.com.evil.org/embed/${ID}`,
    'javascript:alert(1)',
    `https://evil.org/embed/${ID}`,
    '//evil.org/x',
    `https://www.youtube.com:444/embed/${ID}`,
  ])('still removes an iframe from %s, leaving no empty figure', async (src) => {
    const html = await render(`Before\n\n<iframe src="${src}" title="x"></iframe>\n\nAfter`);
    expect(html).toBe('<p>Before</p>\n\n<p>After</p>');
  });
});

describe('rehypeEmbeds: links alone on their line', () => {
  it.each([
    [`https://youtu.be/${ID}?t=42`, `${NOCOOKIE}?start=42`, `${WATCH}&t=42s`],
    [`<https://www.youtube.com/watch?v=${ID}>`, NOCOOKIE, WATCH],
    [`[https://youtu.be/${ID}](https://youtu.be/${ID})`, NOCOOKIE, WATCH],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1', 'https://vimeo.com/76979871'],
    ['  https://vimeo.com/76979871  ', 'https://player.vimeo.com/video/76979871?dnt=1', 'https://vimeo.com/76979871'],
  ])('a paragraph holding only %s becomes a player titled "Video"', async (line, src, original) => {
    const embed = embedOf(await render(line));
    expect(embed.iframe).toEqual({
      src,
      title: 'Video',
      allow: 'encrypted-media; fullscreen; picture-in-picture',
      loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin',
      sandbox: SANDBOX,
    });
    expect(embed.href).toBe(original);
    expect(embed.caption).toBe('Video');
  });

  it('takes the link text as the title, as plain text, whatever markup it had', async () => {
    const embed = embedOf(
      await render(`[**Opening** <em>speech</em> "2024" <script>alert(1)</script>](https://youtu.be/${ID})`),
    );
    expect(embed.iframe['title']).toBe('Opening speech “2024”');
    expect(embed.caption).toBe('Opening speech “2024”');
    const html = `<a href="https://vimeo.com/76979871">The <b>panel</b> debate</a>`;
    expect(embedOf(await render(html)).caption).toBe('The panel debate');
    // Text that names only the site is no title: the locale's word is.
    expect(embedOf(await render(`[YouTube](https://youtu.be/${ID})`, { language: 'zh' })).caption).toBe('视频');
    // Quotes and angle brackets in the text stay text: in the attribute, nothing but the title.
    const hostile = embedOf(await render(`[a <b>"</b> onload=<i>"alert(1)"</i> b](https://youtu.be/${ID})`));
    expect(Object.keys(hostile.iframe).sort()).toEqual(
      ['allow', 'loading', 'referrerPolicy', 'sandbox', 'src', 'title'].sort(),
    );
    expect(hostile.iframe['title']).toMatch(/^a .+ onload=.+alert\(1\).+ b$/);
  });

  it.each([
    ['a link inside a sentence', `Watch [the talk](https://youtu.be/${ID}) now.`],
    ['two links on one line', `https://youtu.be/${ID} https://vimeo.com/76979871`],
    ['a linked thumbnail', `[![Thumbnail](./thumb.png)](https://youtu.be/${ID})`],
    ['a link to another site', 'https://example.org/video/1'],
    ['a Bilibili player link', 'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7'],
    ['a look-alike host', `https://youtube.com.evil.org/watch?v=${ID}`],
    ['a script link', '[video](javascript:alert(1))'],
    ['code', `\`https://youtu.be/${ID}\``],
    ['a code block', `\`\`\`\nhttps://youtu.be/${ID}\n\`\`\``],
  ])('leaves %s alone', async (_, markdown) => {
    const html = await render(markdown);
    expect(byTag(html, 'iframe')).toEqual([]);
    expect(byTag(html, 'figure').filter((f) => String(f.properties['className']).includes('embed'))).toEqual([]);
  });
});
