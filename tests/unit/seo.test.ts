// The SEO rules: preview detection, Open Graph and Twitter tags, hreflang with x-default, robots.txt
// and the sitemap's page filter and x-default completion.
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  hreflangLinks,
  isoDate,
  isPreviewBuild,
  isSitemapPage,
  robotsTxt,
  shareImageFormat,
  sitemapLocales,
  socialMeta,
  withXDefault,
  type MetaTag,
} from '#lib/seo.ts';
import { siteConfig } from '#site.config';

const production = 'https://news.example.org';
const locales = [
  { code: 'en', htmlLang: 'en' },
  { code: 'zh', htmlLang: 'zh-Hans' },
];

describe('isPreviewBuild', () => {
  it('is false for the production URL, however it is written', () => {
    expect(isPreviewBuild('https://news.example.org', production)).toBe(false);
    expect(isPreviewBuild('https://news.example.org/', production)).toBe(false);
    expect(isPreviewBuild('HTTPS://NEWS.example.org', production)).toBe(false);
    expect(isPreviewBuild(new URL('https://news.example.org/'), production)).toBe(false);
    expect(isPreviewBuild('https://news.example.org:443/', production)).toBe(false);
  });

  it('is true for any other address, and when there is none', () => {
    expect(isPreviewBuild('https://preview.example.org', production)).toBe(true);
    expect(isPreviewBuild('http://news.example.org', production)).toBe(true);
    expect(isPreviewBuild('https://news.example.org:8443', production)).toBe(true);
    expect(isPreviewBuild('https://news.example.org/staging/', production)).toBe(true);
    expect(isPreviewBuild('https://news.example.org.evil.example', production)).toBe(true);
    expect(isPreviewBuild(undefined, production)).toBe(true);
    expect(isPreviewBuild('not a url', production)).toBe(true);
  });

  it('treats the configured production URL as production', () => {
    expect(isPreviewBuild(siteConfig.productionUrl, siteConfig.productionUrl)).toBe(false);
  });
});

describe('small helpers', () => {
  it('makes absolute URLs from site paths and leaves absolute ones alone', () => {
    expect(absoluteUrl('/previews/pr-42/en/', production)).toBe('https://news.example.org/previews/pr-42/en/');
    expect(absoluteUrl('https://cdn.example.org/x.png', production)).toBe('https://cdn.example.org/x.png');
  });

  it('writes date-only values as the day and times as the instant', () => {
    expect(isoDate({ day: '2024-04-23', instant: '2024-04-23T00:00:00.000Z', hasTime: false })).toBe('2024-04-23');
    expect(isoDate({ day: '2024-09-10', instant: '2024-09-09T23:30:00.000Z', hasTime: true })).toBe(
      '2024-09-09T23:30:00.000Z',
    );
  });

  it('keeps PNG share images PNG and makes the rest JPEG', () => {
    expect(shareImageFormat('png')).toBe('png');
    expect(shareImageFormat('jpeg')).toBe('jpg');
    expect(shareImageFormat('webp')).toBe('jpg');
  });
});

describe('socialMeta', () => {
  const base = {
    type: 'website' as const,
    title: 'Speakers',
    description: 'People.',
    url: `${production}/en/speakers/`,
    siteName: 'News Archive',
    locale: 'en_GB',
    alternateLocales: ['en_GB', 'zh_CN'],
  };
  const pairs = (tags: readonly MetaTag[]) => tags.map((t) => [t.property ?? t.name, t.content]);

  it('writes Open Graph and a summary card for a page without an image', () => {
    expect(pairs(socialMeta(base))).toEqual([
      ['og:type', 'website'],
      ['og:title', 'Speakers'],
      ['og:description', 'People.'],
      ['og:url', `${production}/en/speakers/`],
      ['og:site_name', 'News Archive'],
      ['og:locale', 'en_GB'],
      ['og:locale:alternate', 'zh_CN'],
      ['twitter:card', 'summary'],
      ['twitter:title', 'Speakers'],
      ['twitter:description', 'People.'],
    ]);
  });

  it('uses property for Open Graph and name for Twitter', () => {
    for (const tag of socialMeta(base)) {
      if (tag.property !== undefined) expect(tag.property).toMatch(/^(og|article):/);
      else expect(tag.name).toMatch(/^twitter:/);
    }
  });

  it('adds the image with alt and size, article facts, and a large card', () => {
    const tags = socialMeta({
      ...base,
      type: 'article',
      alternateLocales: ['en_GB'],
      image: { url: `${production}/og.png`, alt: 'A title', width: 1200, height: 630 },
      article: { publishedTime: '2024-04-23', modifiedTime: '2024-05-02', tags: ['Innovation', 'Patents'] },
    });
    const list = pairs(tags);
    expect(list).toContainEqual(['og:type', 'article']);
    expect(list).toContainEqual(['og:image', `${production}/og.png`]);
    expect(list).toContainEqual(['og:image:alt', 'A title']);
    expect(list).toContainEqual(['og:image:width', '1200']);
    expect(list).toContainEqual(['og:image:height', '630']);
    expect(list).toContainEqual(['article:published_time', '2024-04-23']);
    expect(list).toContainEqual(['article:modified_time', '2024-05-02']);
    expect(list.filter(([k]) => k === 'article:tag').map(([, v]) => v)).toEqual(['Innovation', 'Patents']);
    expect(list).toContainEqual(['twitter:card', 'summary_large_image']);
    expect(list).toContainEqual(['twitter:image:alt', 'A title']);
    expect(list.some(([k]) => k === 'og:locale:alternate')).toBe(false);
  });

  it('writes no size when it is not known, and no modified time for a story never revised', () => {
    const list = pairs(
      socialMeta({
        ...base,
        image: { url: `${production}/x.png`, alt: 'x' },
        article: { publishedTime: '2024-04-23', tags: [] },
      }),
    );
    expect(list.some(([k]) => k === 'og:image:width' || k === 'article:modified_time' || k === 'article:tag')).toBe(
      false,
    );
  });

  it('passes hostile text through as data (escaping is the template engine’s job)', () => {
    const title = '</script><script>alert(1)</script>';
    expect(pairs(socialMeta({ ...base, title }))).toContainEqual(['og:title', title]);
  });
});

describe('hreflangLinks', () => {
  it('lists the page in each locale, then x-default at the landing page', () => {
    expect(hreflangLinks({ en: '/en/2024/x/', zh: '/zh/2024/x/' }, locales, '/', production)).toEqual([
      { hreflang: 'en', href: `${production}/en/2024/x/` },
      { hreflang: 'zh-Hans', href: `${production}/zh/2024/x/` },
      { hreflang: 'x-default', href: `${production}/` },
    ]);
  });

  it('honours the base path', () => {
    const links = hreflangLinks({ en: '/pr/en/', zh: '/pr/zh/' }, locales, '/pr/', production);
    expect(links.at(-1)).toEqual({ hreflang: 'x-default', href: `${production}/pr/` });
  });

  it('has no x-default on a page in one language only', () => {
    expect(hreflangLinks({ en: '/en/2024/x/' }, locales, '/', production)).toEqual([
      { hreflang: 'en', href: `${production}/en/2024/x/` },
    ]);
    expect(hreflangLinks({}, locales, '/', production)).toEqual([]);
  });
});

describe('robotsTxt', () => {
  it('allows everything and names the sitemap in production', () => {
    const text = robotsTxt({ preview: false, sitemapUrl: `${production}/sitemap-index.xml` });
    expect(text).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${production}/sitemap-index.xml\n`);
  });

  it('disallows everything on a preview, and names no sitemap', () => {
    const text = robotsTxt({ preview: true, sitemapUrl: 'https://preview.example.org/sitemap-index.xml' });
    expect(text).toBe('User-agent: *\nDisallow: /\n');
  });
});

describe('sitemap helpers', () => {
  it('keeps HTML pages only, and not the excluded ones', () => {
    const excluded = new Set([`${production}/news/old/`]);
    expect(isSitemapPage(`${production}/en/`, excluded)).toBe(true);
    expect(isSitemapPage(`${production}/news/old/`, excluded)).toBe(false);
    expect(isSitemapPage(`${production}/en/rss.xml`, excluded)).toBe(false);
    expect(isSitemapPage(`${production}/en/2024/x/og.png`, excluded)).toBe(false);
    expect(isSitemapPage(`${production}/news/old.html`, excluded)).toBe(false);
    expect(isSitemapPage(`${production}/robots.txt`, excluded)).toBe(false);
  });

  it('maps locale codes to hreflang tags', () => {
    expect(sitemapLocales(locales)).toEqual({ en: 'en', zh: 'zh-Hans' });
    expect(sitemapLocales(siteConfig.locales)).toEqual({ en: 'en', zh: 'zh-Hans' });
  });

  it('adds x-default to a page in several languages', () => {
    const entry = {
      url: `${production}/en/2024/x/`,
      links: [
        { url: `${production}/en/2024/x/`, lang: 'en' },
        { url: `${production}/zh/2024/x/`, lang: 'zh-Hans' },
      ],
    };
    expect(withXDefault(entry, `${production}/`).links).toEqual([
      ...entry.links,
      { url: `${production}/`, lang: 'x-default' },
    ]);
  });

  it('turns the landing page, which the integration reads as a second default-locale home, into x-default', () => {
    const landing = `${production}/`;
    const links = [
      { url: landing, lang: 'en' },
      { url: `${production}/en/`, lang: 'en' },
      { url: `${production}/zh/`, lang: 'zh-Hans' },
    ];
    const expected = [
      { url: `${production}/en/`, lang: 'en' },
      { url: `${production}/zh/`, lang: 'zh-Hans' },
      { url: landing, lang: 'x-default' },
    ];
    expect(withXDefault({ url: landing, links }, landing).links).toEqual(expected);
    expect(withXDefault({ url: `${production}/en/`, links }, landing).links).toEqual(expected);
  });

  it('writes no alternates for a page in one language', () => {
    const entry = withXDefault({ url: `${production}/en/2024/x/`, links: undefined }, `${production}/`);
    expect(entry).toEqual({ url: `${production}/en/2024/x/` });
    const single = withXDefault(
      { url: `${production}/en/2024/x/`, links: [{ url: `${production}/en/2024/x/`, lang: 'en' }] },
      `${production}/`,
    );
    expect(single).not.toHaveProperty('links');
  });
});
