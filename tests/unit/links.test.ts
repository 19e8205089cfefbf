// The link checker on tiny fake dist/ trees: each kind of problem, the URLs it must not flag, and
// the CLI's output and exit codes.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSiteLinks, formatLinkProblem, type LinkProblem } from '#pipeline/links.ts';
import { srcsetUrls } from '#lib/srcset.ts';
import { refreshUrl } from '#pipeline/links-html.ts';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let sites = 0;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'news-archive-links-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A page whose body is `body`. */
const page = (body: string, head = ''): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>t</title>${head}</head><body>${body}</body></html>`;

/** Writes a fake dist folder from `{ 'path/in/dist': content }` and returns its path. */
async function dist(files: Record<string, string>): Promise<string> {
  const dir = path.join(tmp, `site-${++sites}`);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return dir;
}

/** The problems of a check, without the detail text unless asked. */
async function problems(dir: string, base = '/', siteUrl?: string): Promise<LinkProblem[]> {
  const result = await checkSiteLinks({ distDir: dir, base, ...(siteUrl === undefined ? {} : { siteUrl }) });
  return result.problems;
}
const brief = (list: readonly LinkProblem[]): string[] => list.map((p) => `${p.page} ${p.href} ${p.kind}`);

describe('checkSiteLinks: what it reports', () => {
  it('reports a link to a page that does not exist', async () => {
    const dir = await dist({
      'index.html': page('<a href="/en/">English</a>'),
      'en/index.html': page('<a href="/en/speakers/nobody/">Nobody</a> <a href="/en/">home</a>'),
    });
    expect(await problems(dir)).toEqual([
      {
        page: 'en/index.html',
        href: '/en/speakers/nobody/',
        kind: 'missing-page',
        detail: 'no file en/speakers/nobody/index.html',
      },
    ]);
  });

  it('reports missing assets from img, srcset candidates and stylesheets', async () => {
    const dir = await dist({
      'img/a.png': 'png',
      'styles/site.css': 'css',
      'index.html': page(
        '<img src="/img/nope.png" alt=""><img src="/img/a.png" srcset="/img/a.png 1x, /img/b.png 2x" alt="">' +
          '<picture><source srcset="/img/c.webp 800w,/img/a.png 1200w" type="image/webp"><img src="/img/a.png" alt=""></picture>',
        '<link rel="stylesheet" href="/styles/missing.css"><link rel="stylesheet" href="/styles/site.css?v=3">',
      ),
    });
    expect(await problems(dir)).toEqual([
      { page: 'index.html', href: '/styles/missing.css', kind: 'missing-asset', detail: 'no file styles/missing.css' },
      { page: 'index.html', href: '/img/nope.png', kind: 'missing-asset', detail: 'no file img/nope.png' },
      { page: 'index.html', href: '/img/b.png', kind: 'missing-asset', detail: 'no file img/b.png' },
      { page: 'index.html', href: '/img/c.webp', kind: 'missing-asset', detail: 'no file img/c.webp' },
    ]);
  });

  it('reports an anchor missing on another page, and checks existing ones', async () => {
    const dir = await dist({
      'en/about/index.html': page('<h2 id="history">History</h2><a name="old-anchor"></a>'),
      'en/index.html': page(
        '<a href="/en/about/#team">Team</a> <a href="/en/about/#history">History</a> ' +
          '<a href="../en/about/#old-anchor">Old</a> <a href="about/#history">Relative</a>',
      ),
    });
    expect(await problems(dir)).toEqual([
      {
        page: 'en/index.html',
        href: '/en/about/#team',
        kind: 'missing-anchor',
        detail: 'no element with id "team" in en/about/index.html',
      },
    ]);
  });

  it('reports a same-page anchor that matches no id', async () => {
    const dir = await dist({
      'en/index.html': page(
        '<a href="#main">Skip</a> <a href="#">Top</a> <a href="#top">Top</a> <a href="#nowhere">?</a>' +
          '<main id="main"><sup><a href="#fn-1">1</a></sup></main>',
      ),
    });
    expect(await problems(dir)).toEqual([
      {
        page: 'en/index.html',
        href: '#nowhere',
        kind: 'missing-anchor',
        detail: 'no element with id "nowhere" on this page',
      },
      {
        page: 'en/index.html',
        href: '#fn-1',
        kind: 'missing-anchor',
        detail: 'no element with id "fn-1" on this page',
      },
    ]);
  });

  it('reports a root-relative link outside the base path of a sub-path build', async () => {
    const dir = await dist({
      'index.html': page(
        '<a href="/en/">hard-coded</a> <a href="/previews/pr-42/en/">with base</a> <a href="en/">relative</a>' +
          '<a href="/previews/pr-42">base without slash</a>',
      ),
      'en/index.html': page('<a href="../">home</a> <a href="/previews/pr-42/zh/">中文</a>'),
    });
    expect(await problems(dir, '/previews/pr-42/')).toEqual([
      {
        page: 'en/index.html',
        href: '/previews/pr-42/zh/',
        kind: 'missing-page',
        detail: 'no file zh/index.html',
      },
      {
        page: 'index.html',
        href: '/en/',
        kind: 'outside-base',
        detail: '/en/ is not under the base path /previews/pr-42/: build the link with the base path',
      },
    ]);
  });

  it('follows meta refresh redirects', async () => {
    const dir = await dist({
      'en/2024/new-name/index.html': page('<p>here</p>'),
      'news/2023/old-name/index.html': page('', '<meta http-equiv="refresh" content="0;url=/en/2023/gone/">'),
      'en/old-path/index.html': page('', '<meta http-equiv="Refresh" content="0; URL=\'/en/2024/new-name/\'">'),
    });
    expect(brief(await problems(dir))).toEqual(['news/2023/old-name/index.html /en/2023/gone/ missing-page']);
  });

  it('reports javascript: URLs as unsafe, however they are written', async () => {
    const dir = await dist({
      'index.html': page(
        '<a href="javascript:alert(3)">x</a> <a href=" JavaScript:void(0)">y</a> <a href="java\nscript:alert(1)">z</a>' +
          '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
      ),
    });
    expect(await problems(dir)).toEqual([
      {
        page: 'index.html',
        href: 'javascript:alert(3)',
        kind: 'unsafe-url',
        detail: 'javascript: URLs run code instead of going to a page',
      },
      {
        page: 'index.html',
        href: ' JavaScript:void(0)',
        kind: 'unsafe-url',
        detail: 'javascript: URLs run code instead of going to a page',
      },
      {
        page: 'index.html',
        href: 'java\nscript:alert(1)',
        kind: 'unsafe-url',
        detail: 'javascript: URLs run code instead of going to a page',
      },
      {
        page: 'index.html',
        href: 'data:text/html,<script>alert(1)</script>',
        kind: 'unsafe-url',
        detail: 'data: URLs here can carry a document or a script',
      },
    ]);
  });

  it('reports each problem once per page and URL, in order of appearance', async () => {
    const dir = await dist({
      'b/index.html': page('<a href="/gone/">1</a> <a href="/gone/">2</a> <img src="/gone.png" alt="">'),
      'a/index.html': page('<a href="/gone/">1</a>'),
    });
    expect(brief(await problems(dir))).toEqual([
      'a/index.html /gone/ missing-page',
      'b/index.html /gone/ missing-page',
      'b/index.html /gone.png missing-asset',
    ]);
  });

  it('resolves relative URLs against the page URL and checks absolute URLs on the site origin', async () => {
    const dir = await dist({
      'en/about/index.html': page('about'),
      'en/foo/index.html': page(
        '<a href="bar/">child</a> <a href="../about/">sibling</a> <a href="https://news.example.org/en/about/">abs</a>' +
          '<a href="https://news.example.org/en/nope/">abs missing</a> <a href="//news.example.org/en/about/">proto</a>',
      ),
    });
    expect(brief(await problems(dir, '/', 'https://news.example.org'))).toEqual([
      'en/foo/index.html bar/ missing-page',
      'en/foo/index.html https://news.example.org/en/nope/ missing-page',
    ]);
    // Without a site URL, absolute URLs are external.
    expect(brief(await problems(dir))).toEqual(['en/foo/index.html bar/ missing-page']);
  });

  it('calls a missing followed link to a file (PDF) a missing asset', async () => {
    const dir = await dist({ 'index.html': page('<a href="/files/report.pdf">Report</a>') });
    expect(brief(await problems(dir))).toEqual(['index.html /files/report.pdf missing-asset']);
  });
});

describe('checkSiteLinks: what it must not report', () => {
  it('accepts external links, mailto, tel, data images, and paths without a trailing slash', async () => {
    const dir = await dist({
      'x/index.html': page('x'),
      'feed.xml': '<rss/>',
      'search.html': page('search'),
      'index.html': page(
        '<a href="https://example.org/missing">ext</a> <a href="http://example.com">ext</a>' +
          '<a href="mailto:press@example.org">mail</a> <a href="tel:+861012345678">tel</a>' +
          '<img src="data:image/png;base64,iVBORw0KGgo=" alt=""> <a href="/x">x</a> <a href="/feed.xml">feed</a>' +
          '<a href="/search">search</a> <a href="/x/?page=2#top">query</a> <a href="">self</a>' +
          '<iframe src="https://www.youtube-nocookie.com/embed/xyz" title="Video"></iframe>' +
          '<form action="https://evil.example/"><input name="q"></form> <a href="#:~:text=hello">text</a>',
        '<link rel="alternate" hreflang="zh" href="/x/"><link rel="icon" href="data:,">' +
          '<link rel="preconnect" href="https://fonts.example.net">',
      ),
    });
    const result = await checkSiteLinks({ distDir: dir, base: '/' });
    expect(result.problems).toEqual([]);
    expect(result.pages).toBe(3);
    expect(result.links).toBe(16);
  });

  it('accepts encoded and raw Chinese paths and fragments that exist', async () => {
    const dir = await dist({
      'zh/tags/创新/index.html': page('<h2 id="关于">关于</h2>'),
      'zh/index.html': page(
        '<a href="/zh/tags/%E5%88%9B%E6%96%B0/">创新</a> <a href="/zh/tags/创新/">创新</a>' +
          '<a href="/zh/tags/%E5%88%9B%E6%96%B0/#%E5%85%B3%E4%BA%8E">关于</a> <a href="tags/创新/#关于">关于</a>',
      ),
    });
    expect(await problems(dir)).toEqual([]);
  });

  it('resolves links on a page whose own path is Chinese', async () => {
    const dir = await dist({
      'zh/tags/创新/index.html': page('<a href="../">up</a> <a href="./#a">self</a> <p id="a">a</p>'),
      'zh/tags/index.html': page('tags'),
    });
    expect(await problems(dir)).toEqual([]);
  });
});

describe('formatLinkProblem', () => {
  it('prints one line: page, URL, kind and detail', () => {
    expect(
      formatLinkProblem({
        page: 'en/2024/x/index.html',
        href: '/previews/pr-42/en/speakers/nobody/',
        kind: 'missing-page',
        detail: 'no file en/speakers/nobody/index.html',
      }),
    ).toBe(
      'en/2024/x/index.html: /previews/pr-42/en/speakers/nobody/ → missing page (no file en/speakers/nobody/index.html)',
    );
  });
});

describe('URL attribute parsers', () => {
  it('splits srcset candidates, keeping commas inside URLs', () => {
    expect(srcsetUrls('/a.png 1x, /b.png 2x')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('/a.png, /b.png 2x,/c.png')).toEqual(['/a.png', '/b.png', '/c.png']);
    // As browsers parse it: a URL runs to the next space, so this is one URL.
    expect(srcsetUrls('/a.png,/b.png 2x')).toEqual(['/a.png,/b.png']);
    expect(srcsetUrls('/img?size=1,2 800w, /c.png')).toEqual(['/img?size=1,2', '/c.png']);
    expect(srcsetUrls(' ')).toEqual([]);
  });

  it('reads the URL of a meta refresh', () => {
    expect(refreshUrl('0;url=/en/')).toBe('/en/');
    expect(refreshUrl('5; URL = "/zh/"')).toBe('/zh/');
    expect(refreshUrl('0')).toBeUndefined();
  });
});

describe('node tools/bin/check-links.ts', () => {
  const run = (args: readonly string[], env: Record<string, string> = {}) => {
    // The machine's own BASE_PATH or SITE_URL must not change the outcome.
    const clean = { ...process.env };
    delete clean['BASE_PATH'];
    delete clean['SITE_URL'];
    return spawnSync(process.execPath, [path.join(root, 'tools/bin/check-links.ts'), ...args], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...clean, ...env },
    });
  };

  it('exits 0 with a summary when every link resolves', async () => {
    const dir = await dist({
      'index.html': page('<a href="/en/">en</a> <a href="/">home</a>'),
      'en/index.html': page(''),
    });
    const result = run([dir, '--base', '/']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^✔ 2 links on 2 pages: no broken links, \d+\.\d\d s\n$/);
  });

  it('exits 1 and prints each problem, then the summary; takes the base path from BASE_PATH', async () => {
    const dir = await dist({
      'index.html': page('<a href="/en/">en</a> <a href="/previews/pr-42/en/">en</a>'),
      'en/index.html': page('<a href="/previews/pr-42/en/speakers/nobody/">x</a>'),
    });
    const result = run([dir], { BASE_PATH: '/previews/pr-42/' });
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'en/index.html: /previews/pr-42/en/speakers/nobody/ → missing page (no file en/speakers/nobody/index.html)',
      'index.html: /en/ → outside base (/en/ is not under the base path /previews/pr-42/: build the link with the base path)',
    ]);
    expect(lines[2]).toMatch(/^✖ 2 broken links on 2 pages \(3 links on 2 pages checked\), \d+\.\d\d s$/);
  });

  it('prints JSON with --json', async () => {
    const dir = await dist({ 'index.html': page('<a href="/gone/">x</a>') });
    const result = run([dir, '--json', '--site', 'https://example.org']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { pages: number; links: number; problems: LinkProblem[] };
    expect(json.pages).toBe(1);
    expect(json.links).toBe(1);
    expect(brief(json.problems)).toEqual(['index.html /gone/ missing-page']);
  });

  it('exits 2 on usage errors: no dist folder, unknown option, bad base', async () => {
    const missing = run([path.join(tmp, 'no-such-dist')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('run npm run build first');
    const unknown = run(['--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--bogus'");
    const dir = await dist({ 'index.html': page('') });
    const badBase = run([dir, '--base', 'previews']);
    expect(badBase.status).toBe(2);
    expect(badBase.stderr).toContain('the base path must start with "/"');
    const empty = await dist({ 'robots.txt': '' });
    expect(run([empty]).status).toBe(2);
  });

  it('prints help with --help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: node tools/bin/check-links.ts');
  });
});
