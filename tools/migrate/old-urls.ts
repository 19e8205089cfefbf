/**
 * The addresses a migrated page had on its old site (`npm run migrate`, issue 15), so that each one
 * becomes an alias of the story's new page and old links keep working. Docusaurus: the address its
 * reader computed (`url`). Hugo: front matter `url` and `aliases`, else the section's `permalinks`
 * pattern, else Hugo's default `/<section>/<path>/`, after `/<lang>` for a non-default language.
 * Hugo lower-cases the paths it makes (`disablePathToLower` is off by default); written ones are kept.
 */
import { normaliseAlias } from '#lib/aliases.ts';
import type { SourcePage, SourceSite } from './source-page.ts';

/** What the Hugo rules need to know of the site beyond its pages. */
export interface HugoUrlContext {
  readonly defaultLocale: string;
  /** The sections read (HugoSite#sections). */
  readonly sections: readonly string[];
  /** Hugo's `permalinks` table: section → pattern, flat or under `page` (Hugo ≥ 0.120). */
  readonly permalinks?: Readonly<Record<string, unknown>>;
}

/** The Hugo context of a site: its sections and, when the reader exposes it, its `permalinks` config. */
export function hugoUrlContext(site: SourceSite): HugoUrlContext {
  const sections = 'sections' in site && Array.isArray(site.sections) ? (site.sections as string[]) : [];
  const raw = 'permalinks' in site ? site.permalinks : undefined;
  const permalinks = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : undefined;
  return { defaultLocale: site.defaultLocale, sections, ...(permalinks ? { permalinks } : {}) };
}

/**
 * An address as our `aliases` hold it: from the site root, canonically encoded, with a trailing slash
 * unless it names a file (`/old.html`); undefined when it is not a usable site path.
 */
export function aliasPath(address: string): string | undefined {
  const trimmed = address.trim().replace(/[?#].*$/, '');
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return undefined;
  const rooted = `/${trimmed.replace(/^\/+/, '')}`.replace(/\/{2,}/g, '/');
  const result = normaliseAlias(rooted);
  if (!result.ok) return undefined;
  const { path, isFile } = result.alias;
  return isFile || path.endsWith('/') ? path : `${path}/`;
}

/** The old addresses of a page, normalised, deduplicated and sorted (empty when none can be known). */
export function oldUrls(page: SourcePage, hugo: HugoUrlContext): string[] {
  const written =
    page.generator === 'docusaurus'
      ? [page.url ?? '']
      : [...(page.url !== undefined ? [page.url] : [hugoPath(page, hugo)]), ...page.aliases];
  const paths = written.map(aliasPath).filter((p): p is string => p !== undefined);
  return [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The section of a Hugo page: the first folder of its site-relative path that is a section read. */
function sectionOf(page: SourcePage, sections: readonly string[]): string {
  const folders = page.rel.split('/').slice(0, -1);
  return folders.find((f) => sections.includes(f)) ?? sections[0] ?? '';
}

/** The page's address the way Hugo makes it when front matter gives no `url`. */
function hugoPath(page: SourcePage, hugo: HugoUrlContext): string {
  const section = sectionOf(page, hugo.sections);
  // pathKey starts with the section only when several sections were read.
  const inSection =
    hugo.sections.length > 1 && page.pathKey.startsWith(`${section}/`)
      ? page.pathKey.slice(section.length + 1)
      : page.pathKey;
  const prefix = page.sourceLocale === hugo.defaultLocale ? '' : `/${page.sourceLocale}`;
  const pattern = permalinkPattern(hugo.permalinks, section);
  const made =
    pattern === undefined
      ? `/${section}/${withSlug(inSection, page.slug)}/`
      : expandPermalink(pattern, page, section, inSection);
  return `${prefix}${made.toLowerCase()}`;
}

/** The section's permalink pattern, from a flat table or Hugo's newer `page` sub-table. */
function permalinkPattern(table: Readonly<Record<string, unknown>> | undefined, section: string): string | undefined {
  if (!table) return undefined;
  const find = (t: Readonly<Record<string, unknown>>): unknown =>
    t[Object.keys(t).find((k) => k.toLowerCase() === section.toLowerCase()) ?? ''];
  const page = table['page'];
  const nested = typeof page === 'object' && page !== null ? find(page as Record<string, unknown>) : undefined;
  const value = nested ?? find(table);
  return typeof value === 'string' ? value : undefined;
}

/** The path inside the section with its last part replaced by the front matter slug, as Hugo does. */
function withSlug(inSection: string, slug: string | undefined): string {
  if (slug === undefined || slug.trim() === '') return inSection;
  const parts = inSection.split('/');
  parts[parts.length - 1] = slug.trim().replace(/^\/+|\/+$/g, '');
  return parts.join('/');
}

/** Hugo's `urlize`, near enough for titles: lower case, spaces to hyphens, punctuation dropped. */
function urlize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}_-]/gu, '');
}

/** Fills a permalink pattern (`/:year/:month/:slug/`) from the page's date, slug, title and path. */
export function expandPermalink(pattern: string, page: SourcePage, section: string, inSection: string): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(dateText(page.frontMatter['date']) ?? '');
  const [year, month, day] = date ? [date[1] ?? '', date[2] ?? '', date[3] ?? ''] : ['', '', ''];
  const title = typeof page.frontMatter['title'] === 'string' ? page.frontMatter['title'] : '';
  const fileName = inSection.split('/').pop() ?? '';
  const slug = page.slug?.trim() || urlize(title);
  const values: Record<string, string> = {
    year,
    month,
    day,
    monthname: month === '' ? '' : (MONTHS[Number(month) - 1] ?? ''),
    section,
    sections: section,
    title: urlize(title),
    slug,
    filename: fileName,
    contentbasename: fileName,
    slugorfilename: page.slug?.trim() || fileName,
    slugorcontentbasename: page.slug?.trim() || fileName,
  };
  return pattern.replace(/:([a-z]+)/g, (whole, name: string) => values[name] ?? whole);
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A front matter date as text (`2024-04-30…`), from a string or a parsed Date. */
export function dateText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}
