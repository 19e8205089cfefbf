/** Pairing a migrated site's translations into stories: the four rules in order, ambiguity, determinism. */
import { describe, expect, it } from 'vitest';
import type { LocalizedPage } from '#tools/migrate/locales.ts';
import { fileNameKey, pairTranslations } from '#tools/migrate/pairing.ts';
import type { SourcePage } from '#tools/migrate/source-page.ts';

/** A page in `locale` with the given pairing fields. */
function page(
  locale: string,
  rel: string,
  extra: { pathKey?: string; slug?: string; translationKey?: string } = {},
): LocalizedPage<SourcePage> {
  const source: SourcePage = {
    generator: 'hugo',
    file: `/site/${rel}`,
    rel,
    sourceLocale: locale,
    frontMatter: {},
    frontMatterFormat: 'yaml',
    body: '',
    bodyLine: 1,
    pathKey: extra.pathKey ?? rel.replace(/^[a-z]+\//, '').replace(/\.md$/, ''),
    aliases: [],
    ...(extra.slug !== undefined ? { slug: extra.slug } : {}),
    ...(extra.translationKey !== undefined ? { translationKey: extra.translationKey } : {}),
  };
  return { page: source, locale };
}

/** Stories as `key: locale=rel, …`, for readable expectations. */
function shown(pages: readonly LocalizedPage<SourcePage>[]): { stories: string[]; unpaired: string[] } {
  const result = pairTranslations(pages, ['en', 'zh']);
  return {
    stories: result.stories.map((s) => `${s.key}: ${[...s.versions].map(([l, p]) => `${l}=${p.rel}`).join(', ')}`),
    unpaired: result.unpaired.map((u) => `${u.locale}=${u.page.rel}: ${u.reason}`),
  };
}

describe('pairTranslations', () => {
  it('pairs by translationKey, then path, then slug, then file name without its date', () => {
    const result = shown([
      page('zh', 'zh/other-name.md', { translationKey: 'k1' }),
      page('en', 'en/first.md', { translationKey: 'k1' }),
      page('en', 'en/second.md'),
      page('zh', 'zh/second.md'),
      page('en', 'en/third.md', { slug: '/launch/' }),
      page('zh', 'zh/3.md', { slug: 'launch' }),
      page('en', 'en/2024-04-30-fourth.md'),
      page('zh', 'zh/2024-05-01-fourth.md'),
    ]);
    expect(result.stories).toEqual([
      '2024-04-30-fourth: en=en/2024-04-30-fourth.md, zh=zh/2024-05-01-fourth.md',
      'first: en=en/first.md, zh=zh/other-name.md',
      'second: en=en/second.md, zh=zh/second.md',
      'third: en=en/third.md, zh=zh/3.md',
    ]);
    expect(result.unpaired).toEqual([]);
  });

  it('reports a page without a translation', () => {
    expect(shown([page('en', 'en/alone.md')]).unpaired).toEqual([
      'en=en/alone.md: no version in another language has its translationKey, path, slug or file name',
    ]);
  });

  it('never pairs when one language has two candidates, and says why', () => {
    const result = shown([
      page('en', 'en/a.md', { slug: 'same' }),
      page('en', 'en/b.md', { slug: 'same' }),
      page('zh', 'zh/c.md', { slug: 'same' }),
    ]);
    expect(result.stories).toEqual([]);
    expect(result.unpaired).toEqual([
      'en=en/a.md: slug "same" is shared by more than one "en" page',
      'en=en/b.md: slug "same" is shared by more than one "en" page',
      'zh=zh/c.md: slug "same" is shared by more than one "en" page',
    ]);
  });

  it('keeps pages with different explicit translation keys apart even on the same path', () => {
    const result = shown([
      page('en', 'en/x.md', { translationKey: 'a' }),
      page('zh', 'zh/x.md', { translationKey: 'b' }),
    ]);
    expect(result.stories).toEqual([]);
    expect(result.unpaired[0]).toContain('different translationKeys (a, b)');
  });

  it('puts a page in one story only, and a later rule can complete a story', () => {
    const result = pairTranslations(
      [
        page('en', 'en/post.md', { slug: 'p' }),
        page('zh', 'zh/post.md'),
        page('zh', 'zh/post-again.md', { pathKey: 'elsewhere/post' }),
        page('fr', 'fr/billet.md', { slug: 'p' }),
      ],
      ['en', 'zh', 'fr'],
    );
    expect(result.stories.map((s) => [s.key, [...s.versions.keys()]])).toEqual([['post', ['en', 'zh', 'fr']]]);
    expect(result.unpaired.map((u) => [u.page.rel, u.reason])).toEqual([
      ['zh/post-again.md', 'file name "post" is shared by more than one "zh" page'],
    ]);
    const rels = [...result.stories.flatMap((s) => [...s.versions.values()]), ...result.unpaired.map((u) => u.page)];
    expect(new Set(rels.map((p) => p.rel)).size).toBe(rels.length);
  });

  it('gives the same result whatever the input order', () => {
    const pages = [
      page('en', 'en/a.md'),
      page('zh', 'zh/a.md'),
      page('en', 'en/2020-01-01-b.md'),
      page('zh', 'zh/2020-01-02-b.md'),
      page('zh', 'zh/c.md'),
    ];
    expect(shown([...pages].reverse())).toEqual(shown(pages));
  });
});

describe('fileNameKey', () => {
  it('drops the date prefix and keeps only the last segment', () => {
    expect(fileNameKey('2024-04-30-launch')).toBe('launch');
    expect(fileNameKey('2024/04/30/launch')).toBe('launch');
    expect(fileNameKey('2020-12-7-x')).toBe('x');
    expect(fileNameKey('2024-04-30')).toBeUndefined();
    expect(fileNameKey('plain')).toBe('plain');
  });
});
