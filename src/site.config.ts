/**
 * The one typed site configuration. Everything a maintainer may want to tune lives here:
 * locales, page sizes, the newsroom's time zone, limits the checker enforces.
 * Pure data, no `astro:` imports, so the checker, the tests and the Astro build all read it.
 */

/** How one locale of the site is described. */
export interface LocaleConfig {
  /** URL segment and content code, e.g. `en` (also the article file name: `en.md`). */
  readonly code: string;
  /** The locale's own name, shown in the language switcher. */
  readonly label: string;
  /** BCP 47 tag written in `<html lang>` and on passages in this language. */
  readonly htmlLang: string;
  /** BCP 47 tag for dates and numbers via `Intl` (e.g. `en-GB` writes 23 April 2024). */
  readonly dateLocale: string;
  /** Writing direction of the locale. */
  readonly dir: 'ltr' | 'rtl';
  /** BCP 47 tag used for `Intl.Collator` sorting (e.g. pinyin order for Chinese). */
  readonly collation: string;
  /**
   * Unicode scripts (`\p{Script=...}` names) this locale is written in. A passage written mostly
   * in another locale's script is marked with that locale's `lang` (mixed-language paragraphs).
   */
  readonly scripts: readonly string[];
}

/** The shape of the site configuration. */
export interface SiteConfig {
  /** Every locale the site is published in; the first one is the default locale. */
  readonly locales: readonly [LocaleConfig, ...LocaleConfig[]];
  /**
   * IANA time zone in which publication times that carry a clock time are shown and dated.
   * Date-only values are calendar dates and never shift, whatever this says.
   */
  readonly timeZone: string;
  /** Stories per page on home, tag and other paginated listings. */
  readonly pageSize: number;
  /** Articles larger than this many bytes are rejected by the checker (keeps builds fast). */
  readonly maxArticleBytes: number;
  /**
   * What a locale's listings do with a story that has no translation in that locale:
   * `show-with-badge` lists it with a language badge linking to the existing version,
   * `hide` leaves it out of that locale's listings.
   */
  readonly untranslatedStories: 'show-with-badge' | 'hide';
  /**
   * Hosts whose pages may be embedded with `<iframe>` in article bodies (exact host names, https
   * only). Every other iframe is removed when the article is rendered.
   */
  readonly embedHosts: readonly string[];
}

/** The news office's site configuration. Add a locale here and a dictionary in `src/i18n/`. */
export const siteConfig = {
  locales: [
    {
      code: 'en',
      label: 'English',
      htmlLang: 'en',
      dateLocale: 'en-GB',
      dir: 'ltr',
      collation: 'en',
      scripts: ['Latin'],
    },
    {
      code: 'zh',
      label: '中文',
      htmlLang: 'zh-Hans',
      dateLocale: 'zh-Hans-CN',
      dir: 'ltr',
      collation: 'zh-u-co-pinyin',
      scripts: ['Han'],
    },
  ],
  timeZone: 'Asia/Shanghai',
  pageSize: 10,
  maxArticleBytes: 1_000_000,
  untranslatedStories: 'show-with-badge',
  embedHosts: ['www.youtube-nocookie.com', 'player.bilibili.com', 'player.vimeo.com'],
} as const satisfies SiteConfig;

/** A configured locale code (`en`, `zh`, ...). */
export type Locale = (typeof siteConfig.locales)[number]['code'];

/** The default locale: the first one configured. */
export const defaultLocale: Locale = siteConfig.locales[0].code;

/** Every configured locale code, default first. */
export const localeCodes: readonly Locale[] = siteConfig.locales.map((l) => l.code);
