/** The UI dictionaries, one per configured locale; the type makes a missing locale a compile error. */
import { siteConfig, type Locale, type LocaleConfig } from '#site.config';
import { en } from './en.ts';
import type { UiStrings } from './types.ts';
import { zh } from './zh.ts';

export type { UiStrings } from './types.ts';

/** Every locale's dictionary. */
export const dictionaries: Readonly<Record<Locale, UiStrings>> = { en, zh };

/** The dictionary of `locale`. */
export function uiStrings(locale: Locale): UiStrings {
  return dictionaries[locale];
}

/** The configuration of a locale code (the default locale's for an unknown code). */
export function localeInfo(code: string): LocaleConfig {
  return siteConfig.locales.find((l) => l.code === code) ?? siteConfig.locales[0];
}
