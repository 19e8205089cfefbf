import { describe, expect, it } from 'vitest';
import { comparePagePaths, indexingOrder, OTHER_SHARD, orderShards, shardPlan } from '#lib/search-shards.ts';

describe('orderShards', () => {
  it('lists years newest first, once each, then `other`', () => {
    expect(orderShards(['2019', OTHER_SHARD, '2024', '2021', '2024'])).toEqual(['2024', '2021', '2019', OTHER_SHARD]);
  });
});

describe('shardPlan', () => {
  it('loads the newest shard and merges the older ones in the same language', () => {
    expect(shardPlan(['2024', '2023', '2022'], 'en')).toEqual({
      primary: '2024',
      merges: [
        { shard: '2023', language: 'en' },
        { shard: '2022', language: 'en' },
      ],
    });
  });

  it('in the all-languages mode, merges every language of every shard, newest shard first', () => {
    expect(shardPlan(['2024', '2023'], 'zh-hans', ['en'])).toEqual({
      primary: '2024',
      merges: [
        { shard: '2024', language: 'en' },
        { shard: '2023', language: 'zh-hans' },
        { shard: '2023', language: 'en' },
      ],
    });
  });

  it('refuses an index without shards', () => {
    expect(() => shardPlan([], 'en')).toThrow(/no shards/);
  });
});

describe('indexingOrder', () => {
  const page = (lang: string, year: string, slug: string) => ({ lang, year, slug });
  const order = (pages: ReturnType<typeof page>[]) =>
    indexingOrder(
      pages,
      (p) => p.year,
      (p) => `${p.lang}/${p.year}/${p.slug}/`,
    ).map((p) => `${p.lang}/${p.year}/${p.slug}`);

  it('renders shard by shard, newest year first, both languages of a year together', () => {
    const pages = [page('en', '2023', 'a'), page('en', '2024', 'b'), page('zh', '2023', 'c'), page('zh', '2024', 'a')];
    expect(order(pages)).toEqual(['en/2024/b', 'zh/2024/a', 'en/2023/a', 'zh/2023/c']);
  });

  it('orders a shard by page path as the indexer sorts files, `a-b/` before `a/`', () => {
    const files = ['en/2024/a/index.html', 'en/2024/a-b/index.html'].sort(comparePagePaths);
    expect(files).toEqual(['en/2024/a-b/index.html', 'en/2024/a/index.html']);
    expect(order([page('en', '2024', 'a'), page('en', '2024', 'a-b')])).toEqual(['en/2024/a-b', 'en/2024/a']);
  });
});
