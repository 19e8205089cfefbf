/** Mapping a migrated site's language codes onto ours, keeping the configured ones, and reading a Docusaurus config's. */
import { describe, expect, it } from 'vitest';
import { mapLocale, parseLocaleMapping, readDocusaurusLocales, selectLocales } from '#tools/migrate/locales.ts';

describe('mapLocale', () => {
  it('maps the usual spellings of Simplified Chinese and English', () => {
    for (const code of ['zh', 'zh-cn', 'zh-CN', 'zh-hans', 'zh-Hans', 'zh-sg', 'zh_CN'])
      expect(mapLocale(code)).toBe('zh');
    for (const code of ['en', 'en-us', 'en-US', 'en-GB']) expect(mapLocale(code)).toBe('en');
  });

  it('leaves other codes unmapped unless the editor maps them', () => {
    expect(mapLocale('zh-TW')).toBeUndefined();
    expect(mapLocale('zh-Hant')).toBeUndefined();
    expect(mapLocale('pt-BR')).toBeUndefined();
    const parsed = parseLocaleMapping(['pt-br=pt', 'zh-TW=zh']);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(mapLocale('pt-BR', parsed.mapping)).toBe('pt');
    expect(mapLocale('zh-tw', parsed.mapping)).toBe('zh');
  });
});

describe('parseLocaleMapping', () => {
  it('refuses malformed and contradictory options', () => {
    expect(parseLocaleMapping(['pt-br']).ok).toBe(false);
    expect(parseLocaleMapping(['pt-br=pt', 'PT_BR=br']).ok).toBe(false);
    expect(parseLocaleMapping(['pt-br=pt', 'PT_BR=pt']).ok).toBe(true);
  });
});

describe('selectLocales', () => {
  const page = (sourceLocale: string, rel: string): { sourceLocale: string; rel: string } => ({ sourceLocale, rel });
  const configured = [{ code: 'en' }, { code: 'zh' }] as const;

  it('keeps pages in configured locales and counts the rest per source locale', () => {
    const pages = [
      page('en', 'a'),
      page('zh-Hans', 'b'),
      page('ja', 'c'),
      page('ja', 'd'),
      page('pt-br', 'e'),
      page('zh-TW', 'f'),
    ];
    const parsed = parseLocaleMapping(['pt-br=pt']);
    if (!parsed.ok) throw new Error(parsed.message);
    const { kept, dropped } = selectLocales(pages, configured, parsed.mapping);
    expect(kept.map((k) => [k.page.rel, k.locale])).toEqual([
      ['a', 'en'],
      ['b', 'zh'],
    ]);
    expect(dropped).toEqual([
      { sourceLocale: 'ja', pages: 2 },
      { sourceLocale: 'pt-br', mappedTo: 'pt', pages: 1 },
      { sourceLocale: 'zh-TW', pages: 1 },
    ]);
  });

  it('maps a code that is itself configured to itself, and takes plain codes too', () => {
    const { kept, dropped } = selectLocales([page('FR', 'a'), page('en-GB', 'b')], ['fr', 'en']);
    expect(kept.map((k) => k.locale)).toEqual(['fr', 'en']);
    expect(dropped).toEqual([]);
  });
});

describe('readDocusaurusLocales', () => {
  it('reads literal i18n settings, default first', () => {
    const config = `export default {
  /* i18n: { defaultLocale: 'xx', locales: ['xx'] } */
  i18n: { locales: ['zh-Hans', 'en'], defaultLocale: 'en', localeConfigs: { en: {} } },
};`;
    expect(readDocusaurusLocales(config)).toEqual({ ok: true, defaultLocale: 'en', locales: ['en', 'zh-Hans'] });
  });

  it('takes Docusaurus’s default without i18n, and refuses computed values', () => {
    expect(readDocusaurusLocales('module.exports = { title: "x" };')).toEqual({
      ok: true,
      defaultLocale: 'en',
      locales: ['en'],
    });
    expect(readDocusaurusLocales('const i18n = { defaultLocale: lang, locales: ["en"] };').ok).toBe(false);
    expect(readDocusaurusLocales('export default { i18n: { defaultLocale: "en", locales: [...all] } };').ok).toBe(
      false,
    );
  });
});
