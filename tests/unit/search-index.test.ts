import { describe, expect, it } from 'vitest';
import { OTHER_SHARD } from '#lib/search-shards.ts';
import { shardOfPage } from '#pipeline/search-index.ts';

/** A page's bytes as the build writes them. */
const page = (html: string): Buffer => Buffer.from(html, 'utf8');

describe('shardOfPage', () => {
  it('puts a story page in the shard of the year its Pagefind filter states', () => {
    expect(shardOfPage(page('<main data-pagefind-body><span data-pagefind-filter="year:2024" hidden></span>'))).toBe(
      '2024',
    );
  });

  it('puts a page without a year filter, or with a malformed one, in `other`', () => {
    expect(shardOfPage(page('<main data-pagefind-body><h1>Speakers</h1></main>'))).toBe(OTHER_SHARD);
    expect(shardOfPage(page('<span data-pagefind-filter="year:20x4">'))).toBe(OTHER_SHARD);
    expect(shardOfPage(page('<span data-pagefind-filter="year:20245">'))).toBe(OTHER_SHARD);
  });
});
