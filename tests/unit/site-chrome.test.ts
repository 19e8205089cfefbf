// The small rules behind the page chrome: the footer's list of languages follows the configured
// locales, an event's stories include its sessions', the untranslated-page switch and the printed
// address have their words in each dictionary, the dist check finds links with spaces at their
// edges, and the static server sends a folder's address without its slash to the address with it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '#i18n/en.ts';
import { zh } from '#i18n/zh.ts';
import { eventStories } from '#lib/events.ts';
import { languageList } from '#lib/languages.ts';
import { linksWithEdgeWhitespace } from '#tests/integration/link-text.ts';
import { folderRedirect } from '#tools/lib/static-server.ts';

const THREE = [
  { htmlLang: 'en', label: 'English' },
  { htmlLang: 'zh-Hans', label: '中文' },
  { htmlLang: 'fr', label: 'Français' },
];

describe('languageList', () => {
  it('names three configured languages in the page’s language, joined by Intl.ListFormat', () => {
    expect(languageList(THREE, 'en-GB')).toBe('English, Chinese and French');
    expect(languageList(THREE, 'zh-Hans-CN')).toBe('英语、中文和法语');
    expect(languageList(THREE.slice(0, 2), 'en-GB')).toBe('English and Chinese');
  });

  it('builds the footer sentence from the list, so French appears when configured', () => {
    expect(en.footer(languageList(THREE, 'en-GB'))).toBe(
      'An archive of event news, published in English, Chinese and French.',
    );
    expect(zh.footer(languageList(THREE, 'zh-Hans-CN'))).toBe('活动新闻档案，以英语、中文和法语发布。');
  });

  it('falls back to the locale’s own label for a language Intl cannot name', () => {
    expect(
      languageList(
        [
          { htmlLang: 'en', label: 'English' },
          { htmlLang: 'qaa', label: 'Private' },
        ],
        'en-GB',
      ),
    ).toBe('English and Private');
  });
});

describe('eventStories', () => {
  const story = (key: string, day: string) => ({ key, date: { day } });
  const a = story('a', '2024-04-23');
  const b = story('b', '2024-04-25');
  const c = story('c', '2024-04-24');
  const d = story('d', '2024-04-24');
  const byEvent = new Map([
    ['opening', [a]],
    ['forum', [c]],
    ['workshop', [b]],
    ['workshop-part', [d]],
  ]);
  const sessions = new Map([
    ['forum', [{ id: 'opening' }, { id: 'workshop' }]],
    ['workshop', [{ id: 'workshop-part' }]],
    ['empty-parent', [{ id: 'opening' }]],
    ['loop-a', [{ id: 'loop-b' }]],
    ['loop-b', [{ id: 'loop-a' }]],
  ]);
  const of = (id: string) =>
    eventStories(
      id,
      (e) => byEvent.get(e),
      (e) => sessions.get(e),
    );

  it('counts a parent with no story of its own by its session’s story, not as none', () => {
    const result = of('empty-parent');
    expect(result.all).toEqual([a]);
    expect(result.fromSessions).toEqual([a]);
  });

  it('includes sessions at any depth, newest day first, the event’s own first on a tie', () => {
    const result = of('forum');
    expect(result.all.map((s) => s.key)).toEqual(['b', 'c', 'd', 'a']);
    expect(result.fromSessions.map((s) => s.key)).toEqual(['b', 'd', 'a']);
  });

  it('leaves a session’s own count alone, and follows a loop in partOf once', () => {
    expect(of('opening')).toEqual({ all: [a], fromSessions: [] });
    expect(of('loop-a')).toEqual({ all: [], fromSessions: [] });
    expect(of('unknown')).toEqual({ all: [], fromSessions: [] });
  });

  it('says how many came from sessions, in each language', () => {
    expect(en.includingSessions(1)).toBe('Including 1 from its sessions.');
    expect(zh.includingSessions(2)).toBe('其中 2 篇来自分论坛与环节。');
  });
});

describe('the switch of a page without a version in a language', () => {
  it('names that language’s home and why, in that language, brackets included', () => {
    expect(zh.languageHome('中文') + zh.noVersionIn('中文')).toBe('中文首页（本页没有中文版）');
    expect(en.languageHome('English') + en.noVersionIn('English')).toBe(
      'English home (this page has no English version)',
    );
  });

  it('labels the printed address', () => {
    expect(en.labelled(en.onlineAt, 'https://x.example/en/')).toBe('Online at: https://x.example/en/');
    expect(zh.labelled(zh.onlineAt, 'https://x.example/zh/')).toBe('网址：https://x.example/zh/');
  });
});

describe('linksWithEdgeWhitespace', () => {
  it('finds links whose text starts or ends with whitespace, and only those', () => {
    const html = [
      '<a href="/a/"> Archive </a>',
      '<a href="/b/">Home</a>',
      '<a href="/c/">Read\n</a>',
      '<a href="/d/"><span>中文首页</span><span>（本页没有中文版）</span></a>',
      '<a id="anchor-only"> no href </a>',
      '<a href="/e/">  <img src="x.png" alt="">  </a>',
    ].join('');
    expect(linksWithEdgeWhitespace(html)).toEqual(['" Archive " → /a/', '"Read\\n" → /c/', '"    " → /e/']);
  });
});

describe('folderRedirect', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'news-archive-folder-redirect-'));
    await mkdir(path.join(dir, 'en', 'speakers'), { recursive: true });
    await writeFile(path.join(dir, 'en', 'index.html'), '');
    await writeFile(path.join(dir, 'en', 'speakers', 'index.html'), '');
    await writeFile(path.join(dir, 'en', 'rss.xml'), '');
    await mkdir(path.join(dir, 'empty'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sends a folder with an index.html to its address with a slash', async () => {
    await expect(folderRedirect(dir, '/en')).resolves.toBe('/en/');
    await expect(folderRedirect(dir, '/en/speakers')).resolves.toBe('/en/speakers/');
  });

  it('leaves addresses with a slash, files, missing and empty folders, and escapes alone', async () => {
    for (const inner of ['/en/', '/en/rss.xml', '/fr', '/empty', '/..%2f..%2fetc', '/%E0%A4%A']) {
      await expect(folderRedirect(dir, inner), inner).resolves.toBeUndefined();
    }
  });
});
