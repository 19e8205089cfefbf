import { describe, expect, it } from 'vitest';
import { embedAllowList, isEmbeddable, isScriptUrl, rehypeSanitizeBody } from '#plugins/rehype-sanitize-body.ts';
import { elementsOf, render } from './render.ts';

const embedHosts = ['www.youtube-nocookie.com', 'player.bilibili.com'];
const sanitize = (markdown: string): Promise<string> =>
  render(markdown, { plugins: [[rehypeSanitizeBody, { embedHosts }]] });

describe('rehypeSanitizeBody: dangerous elements', () => {
  it('removes script, style, svg and math with their content', async () => {
    expect(await sanitize('<script>alert(1)</script>\n\nText <style>p{color:red}</style>')).toBe('\n<p>Text </p>');
    expect(await sanitize('<svg onload="alert(1)"><script>alert(2)</script><text>x</text></svg>')).toBe('<p></p>');
    expect(await sanitize('a <math><mi>x</mi></math> b')).toBe('<p>a  b</p>');
  });

  it('removes object, embed, base, meta and link elements', async () => {
    const html = await sanitize(
      '<object data="x.swf"><embed src="x.swf"></object>\n<base href="https://evil.example/">\n' +
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">\n<link rel="stylesheet" href="x.css">\n\nok',
    );
    expect(html).toBe('<p></p>\n\n\n\n<p>ok</p>');
  });

  it('unwraps forms and drops their controls, but keeps GFM task-list checkboxes', async () => {
    expect(
      await sanitize('<form action="https://evil.example/"><input name="q" autofocus><button>Go</button></form>'),
    ).toBe('Go');
    expect(await sanitize('- [x] done\n- [ ] todo')).toBe(
      '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n' +
        '<li class="task-list-item"><input type="checkbox" disabled> todo</li>\n</ul>',
    );
  });

  it('drops event handlers and style attributes everywhere', async () => {
    expect(await sanitize('<div style="position:fixed" onclick="alert(1)" onmouseover="x()">hi</div>')).toBe(
      '<div>hi</div>',
    );
    expect(
      await sanitize('<details open ontoggle="alert(1)"><summary onclick="x()">More</summary>Body</details>'),
    ).toBe('<details open><summary>More</summary>Body</details>');
    expect(await sanitize('<img src=x onerror=alert(1)>')).toBe('<img src="x">');
  });

  it('only keeps rel values that restrict, never ones that grant (opener)', async () => {
    expect(await sanitize('<a href="https://a.example/" rel="nofollow opener ugc" target="_blank">a</a>')).toBe(
      '<p><a href="https://a.example/" rel="nofollow ugc">a</a></p>',
    );
  });
});

describe('rehypeSanitizeBody: URLs', () => {
  it.each([
    ['[x](javascript:alert(1))', '<p><a>x</a></p>'],
    ['<javascript:alert(1)>', '<p><a>javascript:alert(1)</a></p>'],
    ['<a href=" JaVaScRiPt:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['<a href="&#106;avascript:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>', '<p><a>x</a></p>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<p><a>x</a></p>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<p><a>x</a></p>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<p><a>x</a></p>'],
    ['![x](data:image/svg+xml;base64,PHN2Zz4=)', '<p><img alt="x"></p>'],
    ['<img src="javascript:alert(1)" alt="x">', '<img alt="x">'],
    ['<blockquote cite="javascript:alert(1)">q</blockquote>', '<blockquote>q</blockquote>'],
  ])('drops the URL in %s', async (markdown, expected) => {
    expect(await sanitize(markdown)).toBe(expected);
  });

  it('keeps http, https, mailto, relative and fragment URLs', async () => {
    expect(
      await sanitize('[a](https://a.example/x) [b](http://b.example/) [c](mailto:x@example.org) [d](../y/) [e](#top)'),
    ).toBe(
      '<p><a href="https://a.example/x">a</a> <a href="http://b.example/">b</a> <a href="mailto:x@example.org">c</a> ' +
        '<a href="../y/">d</a> <a href="#top">e</a></p>',
    );
    expect(await sanitize('![Speakers on stage](./forum.jpg "The opening") ![b](https://cdn.example/b.png)')).toBe(
      '<p><img src="./forum.jpg" alt="Speakers on stage" title="The opening"> <img src="https://cdn.example/b.png" alt="b"></p>',
    );
  });

  it('isScriptUrl reads URLs the way browsers do', () => {
    expect(isScriptUrl('javascript:x')).toBe(true);
    expect(isScriptUrl('  JaVa\tScRiPt:x')).toBe(true);
    expect(isScriptUrl('\u0000vbscript:x')).toBe(true);
    expect(isScriptUrl('DATA:text/html,x')).toBe(true);
    expect(isScriptUrl('https://example.org/javascript:x')).toBe(false);
    expect(isScriptUrl('./data:x')).toBe(false);
  });
});

describe('rehypeSanitizeBody: what editors may keep', () => {
  it('keeps lang and dir on any element', async () => {
    expect(await sanitize('<p lang="zh-Hans" dir="ltr">中文 <span lang="en">English</span></p>')).toBe(
      '<p lang="zh-Hans" dir="ltr">中文 <span lang="en">English</span></p>',
    );
  });

  it('keeps tables, strikethrough, sup/sub, details and figures', async () => {
    expect(await sanitize('| a | b |\n|:-|-:|\n| ~~x~~ | y |')).toBe(
      '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n' +
        '<td align="left"><del>x</del></td>\n<td align="right">y</td>\n</tr>\n</tbody>\n</table>',
    );
    expect(await sanitize('H<sub>2</sub>O, x<sup>2</sup>')).toBe('<p>H<sub>2</sub>O, x<sup>2</sup></p>');
    expect(
      await sanitize(
        '<figure><img src="./a.jpg" alt="A" width="800" height="600"><figcaption>Cap</figcaption></figure>',
      ),
    ).toBe('<figure><img src="./a.jpg" alt="A" width="800" height="600"><figcaption>Cap</figcaption></figure>');
  });

  it('does not let a raw node through even when nothing parsed raw HTML before it', async () => {
    // Astro's own rehype-raw runs after every user plugin: raw HTML must be parsed and cleaned here.
    const html = await sanitize('Hello <script>alert(1)</script> <b onclick="x()">bold</b>');
    expect(html).toBe('<p>Hello  <b>bold</b></p>');
  });
});

describe('rehypeSanitizeBody: iframes', () => {
  it('keeps an https iframe from an allowed host, sandboxed, lazy and with a strict referrer', async () => {
    const html = await sanitize(
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Opening" width="560" height="315" ' +
        'allow="fullscreen" allowfullscreen onload="alert(1)" style="border:0" srcdoc="<script>alert(1)</script>" ' +
        'name="main" sandbox="allow-top-navigation">fallback</iframe>',
    );
    expect(html).toBe(
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Opening" width="560" height="315" ' +
        'allow="fullscreen" allowfullscreen loading="lazy" referrerpolicy="strict-origin-when-cross-origin" ' +
        'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"></iframe>',
    );
  });

  it('keeps only fullscreen, picture-in-picture and encrypted-media in allow=, for the embed itself', async () => {
    // YouTube's own embed code, plus what a hostile editor would add.
    const html = await sanitize(
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Talk" ' +
        'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; ' +
        "web-share; camera *; microphone https://evil.example; geolocation 'self'; Fullscreen *; usb; payment\" " +
        'allowfullscreen></iframe>',
    );
    expect(html).toBe(
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Talk" ' +
        'allow="encrypted-media; fullscreen; picture-in-picture" allowfullscreen loading="lazy" ' +
        'referrerpolicy="strict-origin-when-cross-origin" ' +
        'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"></iframe>',
    );
  });

  it('drops allow= when nothing an embed needs is in it', async () => {
    const html = await sanitize(
      '<iframe src="https://player.bilibili.com/player.html?bvid=1" allow="camera; microphone; geolocation *"></iframe>',
    );
    expect(html).toBe(
      '<iframe src="https://player.bilibili.com/player.html?bvid=1" loading="lazy" ' +
        'referrerpolicy="strict-origin-when-cross-origin" ' +
        'sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"></iframe>',
    );
  });

  it.each([
    ['fullscreen', 'fullscreen'],
    // Origins and wildcards are dropped: a bare feature name grants it to the embedded page only.
    ["picture-in-picture *; fullscreen 'self' https://evil.example 'src'", 'fullscreen; picture-in-picture'],
    // The same list however it is written: case, spacing, repeats, empty directives.
    ['  FULLSCREEN ;;encrypted-media\t*;fullscreen;  ENCRYPTED-MEDIA ', 'encrypted-media; fullscreen'],
    // A feature the editor denied stays denied.
    ["fullscreen 'none'; picture-in-picture", 'picture-in-picture'],
    // Look-alikes and unknown features are not features an embed needs.
    ['fullscreen-extra; camera; microphone; geolocation; display-capture; autoplay', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('embedAllowList(%j) is %j', (allow, expected) => {
    expect(embedAllowList(allow)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    'http://www.youtube-nocookie.com/embed/abc',
    'https://www.youtube-nocookie.com.evil.example/embed/abc',
    'https://youtube-nocookie.com/embed/abc',
    'https://www.youtube-nocookie.com:8443/embed/abc',
    'https://user@www.youtube-nocookie.com/embed/abc',
    'javascript:alert(1)',
    '//www.youtube-nocookie.com/embed/abc',
  ])('drops an iframe from %s entirely', async (src) => {
    expect(await sanitize(`Before\n\n<iframe src="${src}">inner text</iframe>\n\nAfter`)).toBe(
      '<p>Before</p>\n\n<p>After</p>',
    );
  });

  it('drops an iframe without src', async () => {
    expect(await sanitize('<p>a <iframe srcdoc="<b>x</b>"></iframe> b</p>')).toBe('<p>a  b</p>');
  });

  it('isEmbeddable compares exact hosts', () => {
    const hosts = new Set(embedHosts);
    expect(isEmbeddable('https://player.bilibili.com/player.html?bvid=1', hosts)).toBe(true);
    expect(isEmbeddable('https://PLAYER.bilibili.com/x', hosts)).toBe(true);
    expect(isEmbeddable('https://player.bilibili.com.cn/x', hosts)).toBe(false);
    expect(isEmbeddable('not a url', hosts)).toBe(false);
    expect(isEmbeddable(undefined, hosts)).toBe(false);
  });
});

describe('rehypeSanitizeBody: id clobbering', () => {
  it('prefixes user-written ids and names so they cannot take the page’s ids', async () => {
    expect(await sanitize('<div id="main">x</div>\n<a name="top">y</a>\n<img name="getElementById" src="a.png">')).toBe(
      '<div id="user-content-main">x</div>\n<a name="user-content-top">y</a>\n<img name="user-content-getElementById" src="a.png">',
    );
  });

  it('prefixes references to ids along with the ids (table headers, ARIA)', async () => {
    expect(
      await sanitize(
        '<table><tr><th id="h">H</th></tr><tr><td headers="h">x</td></tr></table>\n<ul aria-describedby="h"><li>d</li></ul>',
      ),
    ).toBe(
      '<table><tbody><tr><th id="user-content-h">H</th></tr><tr><td headers="user-content-h">x</td></tr></tbody></table>\n' +
        '<ul aria-describedby="user-content-h"><li>d</li></ul>',
    );
  });

  it('points in-page links written against user ids at the prefixed ids', async () => {
    const html = await sanitize(
      '<a href="#intro">Go</a> [md](#intro) [heading](#keynote)\n\n<h2 id="intro">Intro</h2>',
    );
    expect(html).toBe(
      '<p><a href="#user-content-intro">Go</a> <a href="#user-content-intro">md</a> <a href="#keynote">heading</a></p>\n' +
        '<h2 id="user-content-intro">Intro</h2>',
    );
  });

  it('keeps GFM footnote ids and links matching', async () => {
    const html = await sanitize('Text[^1] and more[^note].\n\n[^1]: First.\n[^note]: Second.');
    const elements = elementsOf(html);
    const ids = new Set(elements.map((e) => e.properties['id']).filter((id) => typeof id === 'string'));
    const hrefs = elements.map((e) => e.properties['href']).filter((h): h is string => typeof h === 'string');
    expect(hrefs).toEqual([
      '#user-content-fn-1',
      '#user-content-fn-note',
      '#user-content-fnref-1',
      '#user-content-fnref-note',
    ]);
    for (const href of hrefs) expect(ids).toContain(href.slice(1));
    const described = elements.flatMap((e) => e.properties['ariaDescribedBy'] ?? []);
    expect(described).toEqual(['user-content-footnote-label', 'user-content-footnote-label']);
    expect(ids).toContain('user-content-footnote-label');
  });
});
