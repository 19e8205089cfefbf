/** Chinese (Simplified) UI strings. */
import type { UiStrings } from './types.ts';

/** 中文词典。 */
export const zh: UiStrings = {
  siteName: '新闻档案',
  siteDescription: '中英文活动新闻。',
  skipToContent: '跳到正文',
  latestStories: '最新报道',
  languageSwitcher: '语言',
  chooseLanguage: '选择语言',
  published: '发布于',
  speakers: '发言人',
  event: '活动',
  tags: '标签',
  mainNavigation: '主导航',
  noStories: '暂无报道。',
  inLanguage: (label) => `${label}版`,
};
