// Builds a small archive of its own and searches its Pagefind index (the code browsers run) for
// names across languages: a story that mentions a registry name in its body text, without listing
// it, is found by the name's other-language form; and excerpts show the text as written.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultExcerpt, type ExcerptPart } from '#lib/search-excerpt.ts';
import { runBuild } from './build-site.ts';
import { writeMentionsArchive } from './mentions-archive.ts';
import { loadPagefind, searchHits, type Hit } from './pagefind-node.ts';

let out: string;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'news-archive-mentions-'));
  const content = path.join(work, 'content');
  await writeMentionsArchive(content);
  out = path.join(work, 'dist');
  const build = await runBuild({ CONTENT_DIR: content, OUT_DIR: out });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}, 300_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const urls = (hits: readonly Hit[]) => hits.map((hit) => hit.url).sort();

/** A hit's excerpt as the search page shows it (the same pure function), with `[…]` around marks. */
function shownExcerpt(hit: Hit & { raw_content?: string }, query: string): string {
  const parts: ExcerptPart[] = hit.excerpt
    .split(/(<mark>[^<]*<\/mark>)/)
    .filter(Boolean)
    .map((text) => (text.startsWith('<mark>') ? { text: text.slice(6, -7), mark: true } : { text: text, mark: false }));
  return resultExcerpt(parts, hit.raw_content ?? '', query)
    .map((p) => (p.mark ? `[${p.text}]` : p.text))
    .join('');
}

describe('names across languages', () => {
  it('finds an English story that names a speaker only in its body text by the Chinese name', async () => {
    // The English index, as an English reader searching in Chinese, and "all languages" from the
    // Chinese search page.
    expect(urls(await searchHits(await loadPagefind(out, 'en'), '乔明远'))).toEqual(['/en/2024/reading-room-opens/']);
    expect(urls(await searchHits(await loadPagefind(out, 'zh-hans', ['en']), '乔明远'))).toEqual([
      '/en/2024/reading-room-opens/',
      '/zh/2024/forum-notes/',
    ]);
  });

  it('finds a Chinese story that names a speaker in Chinese by the English name', async () => {
    expect(urls(await searchHits(await loadPagefind(out, 'zh-hans'), 'Wen Ruolan'))).toEqual(['/zh/2024/forum-notes/']);
  });

  it('finds organisations by their other-language name and short name, but never by a two-letter one', async () => {
    const en = await loadPagefind(out, 'en');
    expect(urls(await searchHits(en, '海港市专利局'))).toEqual(['/en/2024/reading-room-opens/']);
    expect(urls(await searchHits(en, '海港专利局'))).toEqual(['/en/2024/reading-room-opens/']);
    // "HC" is too short to look for: the Chinese story says it, yet no form of the office joins it.
    expect(urls(await searchHits(await loadPagefind(out, 'zh-hans'), 'Harbour'))).toEqual([]);
  });

  it('finds tags named in the text by their other-language label', async () => {
    // The Chinese version says 档案 ("archives").
    expect(urls(await searchHits(await loadPagefind(out, 'zh-hans'), 'Archives'))).toEqual(['/zh/2024/forum-notes/']);
  });
});

describe('excerpts', () => {
  it('quote the text as written: no spaced search words, the match marked whole', async () => {
    const hits = await searchHits(await loadPagefind(out, 'en'), '城市发展');
    expect(urls(hits)).toEqual(['/en/2024/forum-notes/']);
    const hit = hits[0]!;
    // Pagefind's own excerpt never holds the segmented copy of the Chinese passage.
    expect(hit.excerpt).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
    const shown = shownExcerpt(hit, '城市发展');
    expect(shown).toContain('引领[城市发展]”为主题');
    expect(shown).not.toMatch(/\p{Script=Han}\s+\p{Script=Han}/u);
  });

  it('never start with punctuation, and mark a one-character query only as a whole word', async () => {
    const hits = await searchHits(await loadPagefind(out, 'zh-hans'), '温若兰');
    expect(urls(hits)).toEqual(['/zh/2024/forum-notes/']);
    const shown = shownExcerpt(hits[0]!, '温若兰');
    expect(shown).toContain('[温若兰]主持');
    expect(shown).not.toMatch(/^[\s\p{P}]/u);
    // Pagefind finds 长 inside 院长 (副院长介绍了…): the story is a hit, 长 is not marked in it.
    const long = await searchHits(await loadPagefind(out, 'zh-hans'), '长');
    expect(long.length).toBeGreaterThan(0);
    for (const hit of long) expect(shownExcerpt(hit, '长')).not.toContain('副院[长]');
  });
});
