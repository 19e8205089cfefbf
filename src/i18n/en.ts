/** English UI strings. */
import type { UiStrings } from './types.ts';

/** English dictionary. */
export const en: UiStrings = {
  siteName: 'News Archive',
  siteDescription: 'Event news in English and Chinese.',
  skipToContent: 'Skip to content',
  latestStories: 'Latest stories',
  languageSwitcher: 'Language',
  chooseLanguage: 'Choose a language',
  published: 'Published',
  speakers: 'Speakers',
  event: 'Event',
  tags: 'Tags',
  mainNavigation: 'Main',
  noStories: 'No stories yet.',
  inLanguage: (label) => `In ${label}`,
};
