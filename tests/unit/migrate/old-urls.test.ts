/** The old addresses of migrated pages: Hugo's url, aliases, permalinks and default paths; Docusaurus's url. */
import { describe, expect, it } from 'vitest';
import { aliasPath, expandPermalink, hugoUrlContext, oldUrls, type HugoUrlContext } from '#tools/migrate/old-urls.ts';
import type { SourcePage, SourceSite } from '#tools/migrate/source-page.ts';

/** A Hugo page in `/site`. */
function hugoPage(rel: string, sourceLocale: string, extra: Partial<SourcePage> = {}): SourcePage {
  return {
    generator: 'hugo',
    file: `/site/${rel}`,
    rel,
    sourceLocale,
    frontMatter: { title: 'Hello World', date: '2021-05-07' },
    frontMatterFormat: 'yaml',
    body: '',
    bodyLine: 1,
    pathKey: 'Hello-World',
    aliases: [],
    ...extra,
  };
}

const BLOG: HugoUrlContext = { defaultLocale: 'en', sections: ['blog'] };

describe('aliasPath', () => {
  it('roots, cleans and ends a path with a slash, keeping file names', () => {
    expect(aliasPath('blog/x')).toBe('/blog/x/');
    expect(aliasPath('/blog//x/?a=1#top')).toBe('/blog/x/');
    expect(aliasPath('/old.html')).toBe('/old.html');
    expect(aliasPath('https://example.org/x/')).toBeUndefined();
    expect(aliasPath('')).toBeUndefined();
  });
});

describe('oldUrls', () => {
  it('uses Hugo’s default /<section>/<path>/, lower-cased, after /<lang> for another language', () => {
    expect(oldUrls(hugoPage('content/blog/Hello-World.md', 'en'), BLOG)).toEqual(['/blog/hello-world/']);
    expect(oldUrls(hugoPage('content/blog/Hello-World.zh-cn.md', 'zh-cn'), BLOG)).toEqual(['/zh-cn/blog/hello-world/']);
  });

  it('puts the front matter slug in place of the file name', () => {
    expect(oldUrls(hugoPage('content/blog/x.md', 'en', { slug: 'greeting', pathKey: 'x' }), BLOG)).toEqual([
      '/blog/greeting/',
    ]);
  });

  it('follows the section’s permalink pattern, flat or under page', () => {
    const flat = { ...BLOG, permalinks: { blog: '/:year/:month/:slug/' } };
    expect(oldUrls(hugoPage('content/blog/x.md', 'en', { pathKey: 'x' }), flat)).toEqual(['/2021/05/hello-world/']);
    const nested = { ...BLOG, permalinks: { page: { blog: '/:section/:year/:filename/' } } };
    expect(oldUrls(hugoPage('content/blog/x.md', 'en', { pathKey: 'x' }), nested)).toEqual(['/blog/2021/x/']);
  });

  it('takes the written url instead of the made one, with the aliases, deduplicated and sorted', () => {
    const page = hugoPage('content/blog/x.md', 'en', { url: '/news/x', aliases: ['/old/x/', 'news/x/', '/a.html'] });
    expect(oldUrls(page, BLOG)).toEqual(['/a.html', '/news/x/', '/old/x/']);
  });

  it('uses the address the Docusaurus reader computed', () => {
    const page: SourcePage = {
      ...hugoPage('blog/2021-05-07-x.md', 'zh-Hans'),
      generator: 'docusaurus',
      url: '/zh-Hans/blog/2021/05/07/x',
    };
    expect(oldUrls(page, BLOG)).toEqual(['/zh-Hans/blog/2021/05/07/x/']);
  });
});

describe('hugoUrlContext', () => {
  it('reads the sections and, when the site has it, the permalinks table', () => {
    const site = {
      generator: 'hugo',
      siteDir: '/site',
      defaultLocale: 'en',
      locales: ['en'],
      pages: [],
      problems: [],
      skipped: [],
      sections: ['posts'],
      permalinks: { posts: '/:year/:slug/' },
    } as SourceSite;
    expect(hugoUrlContext(site)).toEqual({
      defaultLocale: 'en',
      sections: ['posts'],
      permalinks: { posts: '/:year/:slug/' },
    });
  });

  it('fills :monthname, :day and :title', () => {
    const page = hugoPage('content/blog/x.md', 'en', { pathKey: 'x' });
    expect(expandPermalink('/:year/:monthname/:day/:title/', page, 'blog', 'x')).toBe('/2021/may/07/hello-world/');
  });
});
