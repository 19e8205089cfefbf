import { describe, expect, it } from 'vitest';
import { OTHER_SHARD, orderShards, shardPlan } from '#lib/search-shards.ts';

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
