/** The shape every locale's UI dictionary must fill: adding a locale means one more such file. */
export interface UiStrings {
  /** Site name in the header and `<title>`. */
  readonly siteName: string;
  /** One-line description of the site. */
  readonly siteDescription: string;
  /** Skip link text. */
  readonly skipToContent: string;
  /** Heading of the latest stories list. */
  readonly latestStories: string;
  /** Label of the language switcher. */
  readonly languageSwitcher: string;
  /** Landing page prompt to choose a language. */
  readonly chooseLanguage: string;
  /** Label before the publication date. */
  readonly published: string;
  /** Heading of the speakers box of an article. */
  readonly speakers: string;
  /** Heading of the event box of an article. */
  readonly event: string;
  /** Heading of the tags list of an article. */
  readonly tags: string;
  /** Label of the main navigation. */
  readonly mainNavigation: string;
  /** Text when a list has no stories. */
  readonly noStories: string;
  /** Badge naming the language of a story shown in another locale's listing. */
  readonly inLanguage: (languageLabel: string) => string;
}
