import rehypeRaw from 'rehype-raw';
import { describe, expect, it } from 'vitest';
import { rehypeSearchWords, searchWords } from '#plugins/rehype-search-words.ts';
import { render, testOptions } from './render.ts';

const words = (markdown: string, language = 'en') =>
  render(markdown, { language, plugins: [rehypeRaw, [rehypeSearchWords, { locales: testOptions.locales }]] });

describe('searchWords', () => {
  it('splits Chinese into words with Intl.Segmenter and drops punctuation', () => {
    expect(searchWords('论坛以“集聚科技力量，引领城市发展”为主题。', 'zh-Hans')).toBe(
      '论坛 以 集聚 科技 力量 引领 城市 发展 为 主题',
    );
  });
});

describe('rehypeSearchWords', () => {
  it('gives a Chinese passage in an English article its words, as a Pagefind metadata field', async () => {
    expect(await words('<p lang="zh-Hans">科技集群是创新要素的汇聚之地。</p>')).toBe(
      '<p lang="zh-Hans" data-search-words="科技 集群 是 创新 要素 的 汇 聚 之地" data-pagefind-meta="search_words_1[data-search-words]">科技集群是创新要素的汇聚之地。</p>',
    );
  });

  it('leaves passages in the article language, spaced scripts and nested passages alone', async () => {
    expect(await words('<p lang="zh-Hans">科技集群</p>', 'zh')).toBe('<p lang="zh-Hans">科技集群</p>');
    expect(await words('<p lang="en">Springer Nature</p>', 'zh')).toBe('<p lang="en">Springer Nature</p>');
    const nested = await words('<blockquote lang="zh-Hans"><p lang="zh-Hans">中文</p></blockquote>');
    expect(nested.match(/ data-search-words=/g)).toHaveLength(1);
  });

  it('runs in the article pipeline after the lang passages are marked', async () => {
    const html = await render(
      'In her opening address, the chair said the theme of the forum was 集聚科技力量 this year.',
    );
    expect(html).toContain('<span lang="zh-Hans" data-search-words="集聚 科技 力量"');
  });
});
