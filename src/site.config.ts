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
  /** Open Graph locale (`language_TERRITORY`, e.g. `en_GB`): `og:locale` and `og:locale:alternate`. */
  readonly ogLocale: string;
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
   * only). Every other iframe is removed when the article is rendered, after YouTube and Vimeo
   * addresses are rewritten to their privacy-enhanced players (src/lib/embeds.ts).
   */
  readonly embedHosts: readonly string[];
  /**
   * The published site's address. A build whose `SITE_URL` differs (a preview deploy) is kept out
   * of search engines: `noindex` on every page and a `robots.txt` that disallows everything.
   */
  readonly productionUrl: string;
  /** What feeds carry per item: the whole rendered article, or only its summary. */
  readonly feedContent: 'full' | 'summary';
  /** Items per feed (RSS, Atom, JSON Feed), newest first. */
  readonly feedSize: number;
  /**
   * Share images: `generate` draws an Open Graph image (the title on a card) for every story
   * version without a cover, cached between builds; `off` uses no image for such stories.
   */
  readonly shareImages: 'generate' | 'off';
  /**
   * How many of the newest stories get generated share cards (all their versions without a cover).
   * A card costs ~30 ms of CPU on a cold build, so an archive of 10,000 stories would spend minutes
   * on cards of stories nobody shares any more; older stories are shared without an image.
   */
  readonly shareImageStories: number;
  /** The news office publishing the site (JSON-LD `publisher`, feed authorship). */
  readonly publisher: {
    /** Name per locale code. */
    readonly name: Readonly<Record<string, string>>;
    /** The publisher's own website. */
    readonly url: string;
  };
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
      ogLocale: 'en_GB',
    },
    {
      code: 'zh',
      label: '中文',
      htmlLang: 'zh-Hans',
      dateLocale: 'zh-Hans-CN',
      dir: 'ltr',
      collation: 'zh-u-co-pinyin',
      scripts: ['Han'],
      ogLocale: 'zh_CN',
    },
  ],
  timeZone: 'Asia/Shanghai',
  pageSize: 10,
  maxArticleBytes: 1_000_000,
  untranslatedStories: 'show-with-badge',
  embedHosts: ['www.youtube-nocookie.com', 'player.bilibili.com', 'player.vimeo.com'],
  productionUrl: 'https://news.example.org',
  feedContent: 'full',
  feedSize: 50,
  shareImages: 'generate',
  shareImageStories: 500,
  publisher: { name: { en: 'News Office', zh: '新闻办公室' }, url: 'https://news.example.org' },
} as const satisfies SiteConfig;

/** A configured locale code (`en`, `zh`, ...). */
export type Locale = (typeof siteConfig.locales)[number]['code'];

/** The default locale: the first one configured. */
export const defaultLocale: Locale = siteConfig.locales[0].code;

/** Every configured locale code, default first. */
export const localeCodes: readonly Locale[] = siteConfig.locales.map((l) => l.code);
