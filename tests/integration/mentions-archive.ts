/**
 * A small archive for search tests (tests/integration/search-mentions.test.ts and the browser's
 * search test): invented people and bodies, where names appear in body text only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The archive: invented people and bodies, one file per entry. */
export const MENTIONS_ARCHIVE: Readonly<Record<string, string>> = {
  'speakers/qiao-mingyuan.yaml': 'name:\n  en: Qiao Mingyuan\n  zh: 乔明远\n',
  'speakers/wen-ruolan.yaml': 'name:\n  en: Wen Ruolan\n  zh: 温若兰\n',
  'organisations/harbour-city-patent-office.yaml':
    'name:\n  en: Harbour City Patent Office\n  zh: 海港市专利局\nshort:\n  en: HC\n  zh: 海港专利局\n',
  'tags/archives.yaml': 'label:\n  en: Archives\n  zh: 档案\n',
  // English only; names the speaker and the office in English, lists neither.
  'articles/2024/reading-room-opens/en.md': [
    '---',
    'title: Reading Room Opens to the Public',
    'date: 2024-03-05',
    'language: en',
    'summary: The new reading room holds forty years of press releases.',
    '---',
    '',
    'The reading room was opened by Qiao Mingyuan, who thanked the staff of the Harbour City Patent',
    'Office for two years of work. The HC team will add a second room next year.',
    '',
  ].join('\n'),
  // In both languages; the Chinese version names the speaker in Chinese, lists nobody, and the
  // English one quotes a Chinese sentence.
  'articles/2024/forum-notes/en.md': [
    '---',
    'title: Notes from the Spring Forum',
    'date: 2024-04-10',
    'language: en',
    'summary: A short record of the spring forum.',
    '---',
    '',
    'The forum took place over two days in the old exchange building by the harbour, with talks and',
    'panels on records, catalogues and access, and a long discussion of what to keep and what not.',
    'Speakers came from twelve institutions, and most of them stayed for the closing dinner.',
    '',
    'Its motto was written in Chinese on the wall of the hall:',
    '',
    '<p lang="zh-Hans">论坛以“集聚科技力量，引领城市发展”为主题。</p>',
    '',
  ].join('\n'),
  'articles/2024/forum-notes/zh.md': [
    '---',
    'title: 春季论坛纪要',
    'language: zh',
    'summary: 春季论坛的简要记录。',
    '---',
    '',
    '论坛为期两天。乔明远在开幕式上致辞。温若兰主持了闭幕讨论，副院长介绍了新的档案目录。HC团队也参加了。',
    '',
  ].join('\n'),
};

/** Writes the archive into `content` (a content folder). */
export async function writeMentionsArchive(content: string): Promise<void> {
  for (const [file, text] of Object.entries(MENTIONS_ARCHIVE)) {
    await mkdir(path.dirname(path.join(content, file)), { recursive: true });
    await writeFile(path.join(content, file), text);
  }
  await mkdir(path.join(content, 'events'), { recursive: true });
}
