/** The site's languages named in a sentence ("English, Chinese and French"), in a page's locale. */

/** What naming a locale needs of its configuration. */
export interface NamedLocale {
  /** BCP 47 tag of the locale (`zh-Hans`): its language subtag is what gets named. */
  readonly htmlLang: string;
  /** The locale's own name, used when `Intl` cannot name the language. */
  readonly label: string;
}

/**
 * The languages of `locales` as one list in `displayLocale` (`en-GB`: "English and Chinese";
 * `zh-Hans-CN`: "英语和中文"): names from `Intl.DisplayNames` (the language alone, so `zh-Hans`
 * reads "Chinese", not "Simplified Chinese"), joined by `Intl.ListFormat`. Follows the configured
 * locales, so adding French to the site config changes every sentence built from it.
 */
export function languageList(locales: readonly NamedLocale[], displayLocale: string): string {
  const names = new Intl.DisplayNames([displayLocale], { type: 'language', fallback: 'none' });
  const named = locales.map((l) => names.of(new Intl.Locale(l.htmlLang).language) ?? l.label);
  return new Intl.ListFormat(displayLocale, { type: 'conjunction' }).format(named);
}
