// Search results in a real browser (Debian's Chromium, as in site.test.ts), on a small archive of
// its own (tests/integration/mentions-archive.ts): excerpts show the text as written, with no
// spaces inside Chinese and no leading punctuation, marks on whole words only, and a name in the
// body text found by its other-language form. Without Chromium the tier is skipped loudly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMentionsArchive } from '#tests/integration/mentions-archive.ts';
import { skipBrowser, startSite, warnWhenSkipped, type FixtureSite } from './fixture-site.ts';

warnWhenSkipped('SEARCH EXCERPT BROWSER TESTS');

let site: FixtureSite | undefined;
let work: string;

/** What the search page shows for a query: each result's address, excerpt text and marked words. */
interface Shown {
  readonly href: string;
  readonly excerpt: string;
  readonly marks: readonly string[];
}

describe.skipIf(skipBrowser)('search results in a real browser', () => {
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'news-archive-search-excerpts-'));
    const content = path.join(work, 'content');
    await writeMentionsArchive(content);
    site = await startSite('search-excerpts', { CONTENT_DIR: content });
  }, 600_000);

  afterAll(async () => {
    await site?.close();
    await rm(work, { recursive: true, force: true });
  });

  /** Opens the search page of `locale` with `query` and reads the results once they are shown. */
  async function results(locale: string, query: string): Promise<Shown[]> {
    if (!site) throw new Error('no site');
    const context = await site.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.origin}/${locale}/search/?q=${encodeURIComponent(query)}`);
      await page.locator('.search__results li').first().waitFor();
      return await page.locator('.search__results li').evaluateAll((items) =>
        items.map((item) => ({
          href: item.querySelector('a')?.getAttribute('href') ?? '',
          excerpt: item.querySelector('.story-card__summary')?.textContent ?? '',
          marks: [...item.querySelectorAll('.story-card__summary mark')].map((mark) => mark.textContent ?? ''),
        })),
      );
    } finally {
      await context.close();
    }
  }

  it('quotes a Chinese passage of an English story as written, the query marked whole', async () => {
    const [hit, ...rest] = await results('en', '城市发展');
    expect(rest).toEqual([]);
    expect(hit?.href).toBe('/en/2024/forum-notes/');
    expect(hit?.excerpt).toContain('引领城市发展”为主题');
    expect(hit?.excerpt).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
    expect(hit?.marks).toEqual(['城市发展']);
  });

  it('marks a Chinese name whole, never starts with punctuation, and marks no part of a word', async () => {
    const [hit] = await results('zh', '温若兰');
    expect(hit?.marks).toEqual(['温若兰']);
    expect(hit?.excerpt).not.toMatch(/^[\s\p{P}]/u);
    expect(hit?.excerpt).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
    // 长 is found inside 院长 (副院长), which is not marked.
    for (const shown of await results('zh', '长')) expect(shown.marks).not.toContain('院长');
  });

  it('finds an English story that names a speaker only in its text, by the Chinese name', async () => {
    const hrefs = (await results('en', '乔明远')).map((shown) => shown.href);
    expect(hrefs).toEqual(['/en/2024/reading-room-opens/']);
  });
});
