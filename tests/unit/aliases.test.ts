// The alias rules shared by the schema, the checker and the build (src/lib/aliases.ts): the
// normaliser as a table of written → served paths, the addresses an alias may not take, and the
// build-side guard that refuses them even when the checker was skipped.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasRegistry, LOCALE_SECTIONS, normaliseAlias, publicFiles, type SiteAddresses } from '#lib/aliases.ts';
import { aliasRedirects, redirectsFile, type AliasedStory } from '#lib/redirects.ts';
import { articleSchema } from '#schemas/article.ts';
import { issuesOf, testContext } from '#tests/helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** The served path of an alias, or its refusal message. */
const served = (alias: string): string => {
  const result = normaliseAlias(alias);
  return result.ok ? result.alias.path : `refused: ${result.message}`;
};

describe('normaliseAlias', () => {
  it.each([
    ['/news/2024/old-name/', '/news/2024/old-name/'],
    ['/news/2024/old-name', '/news/2024/old-name/'],
    ['/old.html', '/old.html'],
    ['/old.html/', '/old.html'],
    ['/news/old.HTM', '/news/old.HTM'],
    ['/a//b/', '/a/b/'],
    ['//evil.example/x', '/evil.example/x/'],
    ['/a/./b/', '/a/b/'],
    ['/a/%2e/b/', '/a/b/'],
    ['/a/b/%2E%2E/c/', '/a/c/'],
    ['/a/b/..', '/a/'],
    ['/foo/index.html', '/foo/'],
    ['/foo/INDEX.HTML', '/foo/'],
    ['/index.html', '/'],
    ['/foo/index.htm', '/foo/index.htm'],
    ['/caf%c3%a9/', '/caf%C3%A9/'],
    ['/café/', '/caf%C3%A9/'],
    ['/%7Euser/%41/', '/~user/A/'],
    ['/a%20b/', '/a%20b/'],
    ['/news/(2024)/', '/news/%282024%29/'],
  ])('serves %s as %s', (alias, path) => {
    expect(served(alias)).toBe(path);
  });

  it.each([
    ['news/2024/old/', 'must be a path from the site root starting with "/"'],
    ['/%2e%2e/etc/passwd', 'climbs above the site root with ".."'],
    ['/a/../../b/', 'climbs above the site root'],
    ['/..', 'climbs above the site root'],
    ['/a%2Fb/', 'hides a "/" as %2F'],
    ['/a%2fb/', 'hides a "/" as %2F'],
    ['/a%5Cb/', 'contains a backslash'],
    ['/a\\b/', 'contains a backslash'],
    ['/a%00b/', 'contains a control character (%00)'],
    ['/a\u0000b/', 'alias /a%00b/ contains a control character (%00)'],
    ['/a%1B%5B31m/', 'contains a control character (%1B)'],
    ['/a[b]/', 'contains "[": write it %-encoded'],
    ['/a%7F/', 'contains a control character (%7F)'],
    ['/%E2%80%AEevil/', 'contains a control character (%E2%80%AE)'],
    ['/a\tb/', 'contains a control character (%09)'],
    ['/a%zz/', 'has "%zz", which is not a %-escape'],
    ['/a%2/', 'has "%2", which is not a %-escape: write "%" itself as %25'],
    ['/a%ff/', 'not UTF-8 text'],
    ['/a b/', 'contains a space'],
    ['/a?x=1', 'leave out the query'],
    ['/a#top', 'leave out the query (?...) and anchor (#...)'],
    ['/100%25/', 'contains "%", which a redirect page\'s file name cannot hold'],
    ['/a%3Ab/', 'contains ":"'],
    ['/a%3Fb/', 'contains "?"'],
    ['/x%2A/', 'contains "*"'],
    ['/.well-known/acme/', 'has a name starting with "." (.well-known)'],
    ['/news/.env', 'has a name starting with "."'],
    [`/${'a'.repeat(256)}/`, 'longer than 255 bytes'],
    [`/${'a/'.repeat(600)}`, 'longer than 1000 characters'],
    ['/\ud800/', 'broken Unicode'],
  ])('refuses %j', (alias, message) => {
    expect(served(alias)).toContain(message);
    // One line for the editor, whatever the alias held.
    expect(served(alias)).not.toMatch(/\p{Cc}/u);
  });

  it('gives the decoded path as the route parameter and one key per file on any file system', () => {
    expect(normaliseAlias('/caf%C3%A9/news/').ok && normaliseAlias('/caf%C3%A9/news/')).toMatchObject({
      alias: { param: 'café/news', key: 'café/news', isFile: false },
    });
    const key = (alias: string) => {
      const result = normaliseAlias(alias);
      return result.ok ? result.alias.key : undefined;
    };
    expect(key('/News/Old/')).toBe(key('/news/old'));
    expect(key('/cafe\u0301/')).toBe(key('/caf%C3%A9/')); // NFD and NFC name one file on macOS
    expect(key('/Old.HTML/')).toBe('old.html');
  });
});

describe('the article schema', () => {
  const schema = articleSchema(testContext());
  const valid = { title: 'T', date: '2024-04-23', language: 'en', summary: 'S.' };
  it('refuses what the normaliser refuses, once per alias, with its message', () => {
    const issues = issuesOf(
      schema.safeParse({ ...valid, aliases: ['/a%00/', '/a%2Fb/', '/%2e%2e/x/', '/ok/', '/a/../b/'] }),
    );
    expect(issues).toEqual([
      'aliases.0: alias /a%00/ contains a control character (%00): remove it',
      'aliases.1: alias /a%2Fb/ hides a "/" as %2F: write the path with plain slashes',
      expect.stringMatching(/^aliases\.2: alias \/%2e%2e\/x\/ climbs above the site root/),
      'aliases.4: an alias must be a site path starting with "/" (no host, no spaces, no "..")',
    ]);
  });
});

/** A site with the sample locales, two stories and a favicon. */
const site: SiteAddresses = {
  locales: [
    { code: 'en', label: 'English' },
    { code: 'zh', label: '中文' },
  ],
  stories: [
    { year: '2024', slug: 'ip-protection-forum' },
    { year: '2024', slug: 'hijack' },
  ],
  publicFiles: ['favicon.svg', 'icons/apple-touch-icon.png'],
};

/** What claiming an alias on a fresh registry says: its path, or the refusal. */
const claim = (alias: string): string => {
  const result = aliasRegistry(site).claim(alias, { file: 'content/articles/2024/hijack/en.md', field: 'aliases[0]' });
  return result.ok ? result.alias.path : result.message;
};

describe('addresses the site keeps for itself', () => {
  it.each([
    ['/', "alias / would hide the home page: choose the story's old address instead"],
    ['/index.html', 'would hide the home page'],
    ['/en/', "alias /en/ would hide the English home page: choose the story's old address instead"],
    ['/EN', 'would hide the English home page'],
    ['/zh/index.html', 'would hide the 中文 home page'],
    ['/en/page/2/', 'would hide the English home page listing'],
    ['/en/2024/ip-protection-forum/', 'would hide the English page of the story 2024/ip-protection-forum'],
    ['/zh/2024/ip-protection-forum', 'would hide the 中文 page of the story 2024/ip-protection-forum'],
    ['/en/2024/ip-protection-forum/og.png', 'would hide the English page of the story'],
    ['/en/2024/IP-Protection-Forum/', 'would hide the English page of the story'],
    ['/en/speakers/', 'would hide the English speaker pages'],
    ['/en/speakers/shen-changyu/rss.xml', 'would hide the English speaker pages'],
    ['/en/organisations/wipo/', 'would hide the English organisation pages'],
    ['/en/events/forum/', 'would hide the English event pages'],
    ['/en/events.ics', 'would hide the English events calendar'],
    ['/en/tags/patents/page/2/', 'would hide the English tag pages'],
    ['/en/archive/2024/04/', 'would hide the English archive'],
    ['/en/search/', 'would hide the English search page'],
    ['/en/rss.xml', 'would hide the English RSS feed'],
    ['/en/rss.xml/', 'would hide the English RSS feed'],
    ['/zh/atom.xml', 'would hide the 中文 Atom feed'],
    ['/en/feed.json', 'would hide the English JSON feed'],
    ['/robots.txt', 'would hide robots.txt'],
    ['/_redirects', "would hide the _redirects file (the host's redirect rules)"],
    ['/_headers', 'would hide a name the build and web hosts keep for themselves'],
    ['/_astro/index.css', "would hide the site's scripts, styles and images (_astro/)"],
    ['/pagefind/pagefind.js', 'would hide the search index (pagefind/)'],
    ['/404.html', 'would hide the 404 page'],
    ['/404/', 'would hide the 404 page'],
    ['/sitemap-index.xml', 'would hide the sitemap'],
    ['/sitemap-0.xml', 'would hide the sitemap'],
    ['/favicon.svg', 'would hide public/favicon.svg'],
    ['/icons/apple-touch-icon.png', 'would hide public/icons/apple-touch-icon.png'],
    ['/a/%2e%2e/en/', 'alias /a/%2e%2e/en/ would hide the English home page'],
  ])('refuses %s', (alias, message) => {
    expect(claim(alias)).toContain(message);
  });

  it.each([
    ['/en/2024/old-slug/', '/en/2024/old-slug/'],
    ['/en/2023/ip-protection-forum/', '/en/2023/ip-protection-forum/'],
    ['/en/old-path/', '/en/old-path/'],
    ['/en/2024/', '/en/2024/'],
    ['/news/rss.xml', '/news/rss.xml/'],
    ['/icons/', '/icons/'],
    ['/fr/', '/fr/'],
  ])('leaves %s free (old addresses that no page of the site has)', (alias, path) => {
    expect(claim(alias)).toBe(path);
  });

  it('reserves every section that src/pages/[lang]/ generates', async () => {
    const routes = await readdir(path.join(root, 'src/pages/[lang]'));
    const sections = routes.filter((name) => !name.startsWith('[')).map((name) => name.replace(/\.(astro|ts)$/, ''));
    for (const section of sections) expect(LOCALE_SECTIONS, section).toHaveProperty([section]);
    // The two dynamic routes: pagination of the home listing, and story pages (reserved per folder).
    expect(routes.filter((name) => name.startsWith('[')).sort()).toEqual(['[...page].astro', '[year]']);
    expect(LOCALE_SECTIONS).toHaveProperty(['page']);
    const root_routes = (await readdir(path.join(root, 'src/pages'))).filter((name) => !name.startsWith('['));
    // Each file at the root of src/pages/ is a reserved address (index is the home page).
    for (const name of root_routes) {
      const address =
        name === 'index.astro' ? '/' : `/${name.replace(/\.(astro|ts)$/, '').replace(/^404$/, '404.html')}`;
      expect(claim(address), name).toContain('would hide');
    }
  });
});

describe('aliases claimed twice', () => {
  it('refuses the second claimant after normalisation, naming the first one', () => {
    const registry = aliasRegistry(site);
    const first = { file: 'content/articles/2023/a/en.md', field: 'aliases[1]' };
    const second = { file: 'content/articles/2023/b/zh.md', field: 'aliases[0]' };
    expect(registry.claim('/news/old/', first).ok).toBe(true);
    for (const again of ['/news/old', '/News/Old/', '/news//old/', '/news/./old/index.html', '/news/x/%2E%2E/old/']) {
      const result = registry.claim(again, second);
      expect(result.ok ? result.alias.path : result.message).toBe(
        `alias ${again} is the same address as aliases[1] in content/articles/2023/a/en.md` +
          `${again === '/news/old/' ? '' : ' (written /news/old/ there)'}: an old address can redirect to one page only, keep one`,
      );
    }
  });

  it('refuses a page file and a folder of the same name', () => {
    const registry = aliasRegistry(site);
    const owner = { file: 'content/articles/2023/a/en.md', field: 'aliases[0]' };
    expect(registry.claim('/news/a.html', owner).ok).toBe(true);
    expect(registry.claim('/news/a.html/b/', owner)).toMatchObject({
      ok: false,
      message: expect.stringContaining('would sit inside the page file /news/a.html of aliases[0]'),
    });
    // A folder page above a page file, or a neighbour, is another address.
    expect(registry.claim('/news/', owner).ok).toBe(true);
    expect(registry.claim('/news/a/', owner).ok).toBe(true);
    const fileOverFolder = aliasRegistry(site);
    expect(fileOverFolder.claim('/v.html/w/', owner).ok).toBe(true);
    expect(fileOverFolder.claim('/v.html', owner)).toMatchObject({
      ok: false,
      message: expect.stringContaining('is a page file, but /v.html/w/ (aliases[0] in content/articles/2023/a/en.md)'),
    });
  });
});

describe('the build-side guard (aliasRedirects), even without the checker', () => {
  const story = (year: string, slug: string, aliases: string[]): AliasedStory => ({
    year,
    slug,
    versions: new Map([['en', { entryId: `${year}/${slug}/en`, data: { aliases } }]]),
  });
  const build = (stories: AliasedStory[], base = '/') =>
    aliasRedirects(stories, {
      base,
      locales: site.locales,
      publicFiles: ['favicon.svg'],
      file: (id) => `content/articles/${id}.md`,
    });

  it.each([
    ['/', 'alias / would hide the home page'],
    ['/en/', 'alias /en/ would hide the English home page'],
    ['/en/2024/other/', 'alias /en/2024/other/ would hide the English page of the story 2024/other'],
    ['/robots.txt', 'alias /robots.txt would hide robots.txt'],
    ['/en/rss.xml', 'alias /en/rss.xml would hide the English RSS feed'],
    ['/_redirects', 'alias /_redirects would hide the _redirects file'],
    ['/favicon.svg', 'alias /favicon.svg would hide public/favicon.svg'],
    ['/a%00/', 'alias /a%00/ contains a control character (%00)'],
    ['/%2e%2e/x/', 'alias /%2e%2e/x/ climbs above the site root'],
  ])('throws one line naming the file for %s', (alias, message) => {
    const stories = [story('2024', 'hijack', ['/news/fine/', alias]), story('2024', 'other', [])];
    expect(() => build(stories)).toThrow(`content/articles/2024/hijack/en.md: aliases[1]: ${message}`);
  });

  it('throws on the same address claimed twice, naming both files in file order', () => {
    const stories = [story('2024', 'later', ['/news/old']), story('2023', 'earlier', ['/News/Old/'])];
    expect(() => build(stories)).toThrow(
      'content/articles/2024/later/en.md: aliases[0]: alias /news/old is the same address as aliases[0] in content/articles/2023/earlier/en.md (written /News/Old/ there)',
    );
  });

  it('writes normalised, canonically encoded paths under the base path', () => {
    const redirects = build(
      [story('2024', 'moved', ['/a/%2e%2e/b/', '/c/./d//e', '/caf%c3%a9/', '/old/index.html', '/x.html/'])],
      '/previews/pr-42/',
    );
    expect(redirects.map((r) => [r.from, r.param])).toEqual([
      ['/previews/pr-42/b/', 'b'],
      ['/previews/pr-42/c/d/e/', 'c/d/e'],
      ['/previews/pr-42/caf%C3%A9/', 'café'],
      ['/previews/pr-42/old/', 'old'],
      ['/previews/pr-42/x.html', 'x.html'],
    ]);
    expect(redirectsFile(redirects)).toContain('/previews/pr-42/caf%C3%A9/ /previews/pr-42/en/2024/moved/ 301\n');
  });
});

describe('publicFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-public-'));
    await mkdir(path.join(dir, 'public/icons'), { recursive: true });
    await writeFile(path.join(dir, 'public/favicon.svg'), '<svg/>');
    await writeFile(path.join(dir, 'public/icons/touch.png'), '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  it('lists the files of public/, and none when there is no such folder', () => {
    expect(publicFiles(path.join(dir, 'public'))).toEqual(['favicon.svg', 'icons/touch.png']);
    expect(publicFiles(path.join(dir, 'missing'))).toEqual([]);
  });
});
