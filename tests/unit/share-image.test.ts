import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGeneratedShareImage, shareCardStoryKeys, shareImagePath } from '#lib/share-card-stories.ts';
import {
  cachedShareImage,
  renderShareImage,
  shareImageCacheFile,
  shareImageCacheKey,
  type ShareCard,
  type TitleFit,
} from '#lib/share-image.ts';

const english: ShareCard = {
  title: 'WIPO China: IPR Stimulates Innovative Vitality in Developing New Quality Productive Forces',
  date: '30 April 2024',
  siteName: 'News Archive',
  lang: 'en',
};
const chinese: ShareCard = {
  title: '世界知识产权组织中国办事处：知识产权激发发展新质生产力创新活力',
  date: '2024年4月30日',
  siteName: '新闻档案',
  lang: 'zh-Hans',
};
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function expectCard(png: Uint8Array): Promise<void> {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const meta = await sharp(png).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['png', 1200, 630]);
}

async function fitOf(card: ShareCard): Promise<TitleFit> {
  let fit: TitleFit | undefined;
  await renderShareImage(card, { onFit: (f) => (fit = f) });
  if (!fit) throw new Error('no fit reported');
  return fit;
}

describe('renderShareImage', () => {
  it('draws an English and a Chinese card as 1200×630 PNGs', async () => {
    await expectCard(await renderShareImage(english));
    await expectCard(await renderShareImage(chinese));
  });

  it('gives byte-identical PNGs for the same card', async () => {
    const [a, b] = [await renderShareImage(chinese), await renderShareImage(chinese)];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(await renderShareImage({ ...chinese, date: '2024年5月1日' })))).toBe(
      false,
    );
  });

  it('draws a hostile title as text, without throwing', async () => {
    await expectCard(await renderShareImage({ ...english, title: '</script><img src=x onerror="alert(1)">&amp;' }));
  });

  it('shrinks long titles and clamps what cannot fit, so the title never overflows its box', async () => {
    const short = await fitOf({ ...english, title: 'Forum opens' });
    const long = await fitOf({ ...english, title: `${english.title} `.repeat(3) });
    expect(short.lines).toBe(1);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.lines).toBeLessThanOrEqual(long.maxLines);
    // 300 characters of Chinese (the schema's maximum) do not fit even at the smallest size.
    const longest = await fitOf({ ...chinese, title: '知识产权保护'.repeat(50) });
    expect(longest.fontSize).toBeLessThanOrEqual(long.fontSize);
    expect(longest.lines).toBeGreaterThan(longest.maxLines); // clamped with an ellipsis
  });

  it('folds letters the font lacks to their base letter and leaves out what it cannot draw', async () => {
    const plain = await renderShareImage({ ...english, title: 'Dvorak and Lodz in Istanbul' });
    const accented = await renderShareImage({ ...english, title: 'Dvořák and Łódź 😀 in İstanbul' });
    await expectCard(accented);
    // ó is in the font and stays; ř, ł, ź and İ fold; the emoji is left out, with its space.
    const withO = await renderShareImage({ ...english, title: 'Dvorák and Lódz in Istanbul' });
    expect(Buffer.from(accented).equals(Buffer.from(withO))).toBe(true);
    expect(Buffer.from(accented).equals(Buffer.from(plain))).toBe(false);
  });
});

describe('cachedShareImage', () => {
  let cacheDir = '';
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), 'share-images-'));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('renders a card once and reads it from the disk cache after that', async () => {
    let renders = 0;
    const render = async (card: ShareCard) => {
      renders += 1;
      return renderShareImage(card);
    };
    const first = await cachedShareImage(english, { cacheDir, render });
    expect(renders).toBe(1);
    expect(existsSync(shareImageCacheFile(english, cacheDir))).toBe(true);
    const second = await cachedShareImage(english, { cacheDir, render });
    expect(renders).toBe(1);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    await expectCard(second);
    await cachedShareImage(chinese, { cacheDir, render });
    expect(renders).toBe(2);
  });

  it('keys the cache on every field of the card', () => {
    const key = shareImageCacheKey(english);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(shareImageCacheKey({ ...english })).toBe(key);
    for (const change of [{ title: 'Other' }, { date: '1 May 2024' }, { siteName: 'Other' }, { lang: 'en-GB' }]) {
      expect(shareImageCacheKey({ ...english, ...change })).not.toBe(key);
    }
  });
});

describe('shareImagePath and hasGeneratedShareImage', () => {
  it('puts the image beside the story page', () => {
    expect(shareImagePath('/', 'en', { year: '2024', slug: 'ip-forum' })).toBe('/en/2024/ip-forum/og.png');
    expect(shareImagePath('/previews/pr-42/', 'zh', { year: '2024', slug: 'ip-forum' })).toBe(
      '/previews/pr-42/zh/2024/ip-forum/og.png',
    );
  });

  it('generates images only for versions that show no cover, own or inherited', () => {
    const cover = { src: './a.jpg', alt: 'A' };
    const story = (en: object | undefined, zh: object | undefined) => ({
      key: '2024/ip-forum',
      primaryLanguage: 'en',
      versions: new Map([
        ['en', { data: { cover: en } }],
        ['zh', { data: { cover: zh } }],
      ]),
    });
    const all = new Set(['2024/ip-forum']);
    expect(hasGeneratedShareImage(story(undefined, undefined), 'zh', all)).toBe(true);
    expect(hasGeneratedShareImage(story(undefined, cover), 'zh', all)).toBe(false);
    expect(hasGeneratedShareImage(story(undefined, cover), 'en', all)).toBe(true);
    // A translation without a cover shows the primary's, so it needs no generated image.
    expect(hasGeneratedShareImage(story(cover, undefined), 'zh', all)).toBe(false);
    expect(hasGeneratedShareImage(story(undefined, undefined), 'fr', all)).toBe(false);
    // A story outside the newest `shareImageStories` (or with cards off) gets none.
    expect(hasGeneratedShareImage(story(undefined, undefined), 'en', new Set())).toBe(false);
  });

  it('gives cards to the newest stories only, and to none when they are off', () => {
    const stories = ['2026/c', '2025/b', '2024/a'].map((key) => ({ key }));
    expect([...shareCardStoryKeys(stories, { shareImages: 'generate', shareImageStories: 2 })]).toEqual([
      '2026/c',
      '2025/b',
    ]);
    expect(shareCardStoryKeys(stories, { shareImages: 'generate', shareImageStories: 10 }).size).toBe(3);
    expect(shareCardStoryKeys(stories, { shareImages: 'generate', shareImageStories: 0 }).size).toBe(0);
    expect(shareCardStoryKeys(stories, { shareImages: 'off', shareImageStories: 10 }).size).toBe(0);
  });
});
