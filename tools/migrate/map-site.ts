/**
 * The mapping step of `npm run migrate` (issue 15): a Hugo or Docusaurus site, as its reader describes
 * it, becomes a plan of files in our content contract (README, "The content contract") — one folder
 * per story with a file per language, speaker and tag registries, copied images — plus notes for
 * everything an editor has to look at. Nothing is written here (see plan.ts), and the same site
 * always gives the same plan: stories, files and notes are sorted, never left in reading order.
 */
import { idFrom, MAX_SLUG_LENGTH, uniqueSlug } from '#pipeline/check/slug.ts';
import { selectLocales, type LocaleMapping } from './locales.ts';
import { LinkIndex, mapBody, StoryImages } from './map-body.ts';
import { StoryCovers } from './map-cover.ts';
import { articleText, mapDate, mapSummary, type MappedDate } from './map-front-matter.ts';
import {
  authorNames,
  pageAuthors,
  pageTerms,
  speakerRegistry,
  tagRegistry,
  type Named,
  type NameRegistry,
} from './map-people.ts';
import { hugoUrlContext, oldUrls } from './old-urls.ts';
import { fileNameKey, pairTranslations } from './pairing.ts';
import type { MigrationPlan, PlanNote, PlannedFile } from './plan.ts';
import type { SourcePage, SourceSite } from './source-page.ts';

/** How to map a site. */
export interface MapOptions {
  /** Our locales, primary first (siteConfig.locales order; defaultLocale first). */
  readonly locales: readonly string[];
  /** `--locale src=ours` mappings (parseLocaleMapping result). */
  readonly localeMap?: ReadonlyMap<string, string>;
  /**
   * The old site's address (`--old-site https://example.org`): a site-absolute link to a page that
   * was not migrated (the old site's documentation, say) then points there, instead of at a page this
   * site will never have. Without it such links are left as written. Either way the report lists them.
   */
  readonly oldSite?: string;
}

/** A story with its place in our content: primary locale first in `versions`. */
interface Placed {
  readonly versions: ReadonlyMap<string, SourcePage>;
  readonly primary: SourcePage;
  readonly primaryLocale: string;
  readonly date: MappedDate;
  year: string;
  slug: string;
}

/** The reason pairing gives a page that simply has no translation (not worth a note). */
const NO_TRANSLATION = 'no version in another language';

/** Turns a source site into a migration plan for our content folder. */
export function mapSite(site: SourceSite, options: MapOptions): MigrationPlan {
  const notes: PlanNote[] = [];
  const mapping: LocaleMapping = options.localeMap ?? new Map();
  const selection = selectLocales(site.pages, options.locales, mapping);
  const ourLocale = (source: string): string | undefined =>
    selectLocales([{ sourceLocale: source }], options.locales, mapping).kept[0]?.locale;
  const kept = new Set(selection.kept.map((k) => k.page));
  for (const page of site.pages.filter((p) => !kept.has(p))) {
    const message = `in language "${page.sourceLocale}", which is not one of ours (${options.locales.join(', ')}): left out; map it with --locale ${page.sourceLocale}=<ours>`;
    notes.push({ file: page.file, line: 1, kind: 'locale', message });
  }
  const pairing = pairTranslations(selection.kept, options.locales);
  const groups = [
    ...pairing.stories.map((s) => s.versions),
    ...pairing.unpaired.map((u) => {
      if (!u.reason.startsWith(NO_TRANSLATION)) {
        notes.push({
          file: u.page.file,
          line: 1,
          kind: 'unpaired',
          message: `kept as a story of its own: ${u.reason}`,
        });
      }
      return new Map([[u.locale, u.page]]);
    }),
  ];
  const stories = placeStories(groups, notes);
  const hugo = hugoUrlContext(site);
  const links = new LinkIndex();
  const olds = new Map<SourcePage, string[]>();
  for (const story of stories) {
    for (const [locale, page] of story.versions) {
      const to = `/${locale}/${story.year}/${story.slug}/`;
      const paths = oldUrls(page, hugo).filter((p) => p !== to);
      olds.set(page, paths);
      links.add(page, locale, to, paths);
    }
  }
  const speakers = speakerRegistry(options.locales);
  const tags = tagRegistry(options.locales);
  const files: PlannedFile[] = [];
  const converted: Record<string, number> = {};
  let images = 0;
  let covers = 0;
  let aliases = 0;
  for (const story of stories) {
    const folder = `articles/${story.year}/${story.slug}`;
    const storyImages = new StoryImages(folder);
    const storyCovers = new StoryCovers(site, storyImages, notes);
    const speakerIds = sharedIds(
      story,
      'speakers',
      (p) => pageAuthors(p, site),
      speakers,
      notes,
      (named) => ({
        names: named.key === undefined ? new Map<string, string>() : authorNames(site, named.key, ourLocale),
        roles: named.key === undefined ? new Map<string, string>() : authorNames(site, named.key, ourLocale, 'title'),
      }),
    );
    const tagIds = sharedIds(story, 'tags', pageTerms, tags, notes, () => ({ names: new Map(), roles: new Map() }));
    for (const [locale, page] of story.versions) {
      const isPrimary = page === story.primary;
      if (!isPrimary) compareDates(story, locale, page, notes);
      const { conversion, body } = mapBody(page, locale, site, links, storyImages, notes, options.oldSite);
      for (const [kind, n] of Object.entries(conversion.converted)) converted[kind] = (converted[kind] ?? 0) + n;
      const summary = mapSummary(page.frontMatter, conversion.body, conversion.truncateAt);
      if (summary.todo !== undefined) notes.push({ file: page.file, line: 1, kind: 'todo', message: summary.todo });
      const rawTitle = page.frontMatter['title'];
      const title = typeof rawTitle === 'string' && rawTitle.trim() !== '' ? rawTitle.trim() : 'TODO title';
      if (title === 'TODO title')
        notes.push({ file: page.file, line: 1, kind: 'todo', message: 'no title: write one' });
      if (isPrimary && story.date.droppedTime !== undefined) {
        const message = `the date's time ${story.date.droppedTime} has no time zone: only the day is kept; add the time with its offset if it matters`;
        notes.push({ file: page.file, line: 1, kind: 'todo', message });
      }
      const cover = storyCovers.coverFor(page, title, isPrimary);
      const pageAliases = olds.get(page) ?? [];
      aliases += pageAliases.length;
      const text = articleText(
        {
          title,
          ...(isPrimary ? { date: story.date.value, speakers: speakerIds, tags: tagIds } : {}),
          language: locale,
          summary: summary.value,
          ...(cover !== undefined ? { cover } : {}),
          draft: page.frontMatter['draft'] === true,
          aliases: pageAliases,
        },
        body,
      );
      files.push({ path: `${folder}/${locale}.md`, text });
    }
    covers += storyCovers.count;
    const copies = storyImages.files();
    images += copies.length;
    files.push(...copies);
  }
  files.push(...speakers.files('speakers', 'name'), ...tags.files('tags', 'label'));
  const pages: Record<string, number> = {};
  for (const page of site.pages) pages[page.sourceLocale] = (pages[page.sourceLocale] ?? 0) + 1;
  return {
    files: files.sort((a, b) => compare(a.path, b.path)),
    notes: sortNotes(notes),
    counts: {
      pages: sortedRecord(pages),
      stories: stories.length,
      pairs: stories.filter((s) => s.versions.size > 1).length,
      speakers: speakers.size,
      tags: tags.size,
      images,
      covers,
      aliases,
      converted: sortedRecord(converted),
      otherLocales: sortedRecord(Object.fromEntries(selection.dropped.map((d) => [d.sourceLocale, d.pages]))),
    },
  };
}

/** Gives each story its primary, date, year and a slug unique across the archive; a story without a date is noted and left out. */
function placeStories(groups: readonly ReadonlyMap<string, SourcePage>[], notes: PlanNote[]): Placed[] {
  const placed: Placed[] = [];
  for (const versions of groups) {
    const [primaryLocale, primary] = [...versions][0] as [string, SourcePage];
    const date =
      mapDate(primary.frontMatter['date']) ??
      mapDate(/^(\d{4}-\d{2}-\d{2})/.exec(primary.pathKey.split('/').pop() ?? '')?.[1]) ??
      [...versions.values()].map((p) => mapDate(p.frontMatter['date'])).find((d) => d !== undefined);
    if (date === undefined) {
      const message =
        'no date (front matter date or a dated file name): cannot be placed under articles/<year>/; add a date and migrate again';
      for (const page of versions.values()) notes.push({ file: page.file, line: 1, kind: 'unpaired', message });
      continue;
    }
    placed.push({ versions, primary, primaryLocale, date, year: date.value.slice(0, 4), slug: '' });
  }
  placed.sort((a, b) => compare(a.date.value, b.date.value) || compare(a.primary.rel, b.primary.rel));
  const taken = new Set<string>();
  for (const story of placed) {
    const base = shortSlug(slugSource(story.primary)) || 'story';
    story.slug = uniqueSlug(base, taken);
    taken.add(story.slug);
  }
  return placed;
}

/** What a story's slug is made from: the source slug's last part, else the file name without its date, else the title. */
function slugSource(page: SourcePage): string {
  const slug = page.slug?.replace(/\/+$/, '').split('/').pop();
  const fromSlug = slug === undefined ? '' : idFrom(slug);
  if (fromSlug !== '') return fromSlug;
  const name = fileNameKey(page.pathKey);
  const fromName = name === undefined || name === 'index' ? '' : idFrom(name);
  if (fromName !== '') return fromName;
  return typeof page.frontMatter['title'] === 'string' ? idFrom(page.frontMatter['title']) : '';
}

/** A slug within the contract's length, cut between words. */
function shortSlug(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : MAX_SLUG_LENGTH);
}

/**
 * The ids of a shared list (speakers, tags) for the primary file. The primary's entries decide; a
 * translation listing as many gives each entry's name in its language, one listing another number
 * (or other authors.yml keys) is a disagreement, noted.
 */
function sharedIds(
  story: Placed,
  what: string,
  read: (page: SourcePage) => Named[],
  registry: NameRegistry,
  notes: PlanNote[],
  known: (named: Named) => { names: Map<string, string>; roles: Map<string, string> },
): string[] {
  const lists = new Map([...story.versions].map(([locale, page]) => [locale, read(page)]));
  const primaryList = lists.get(story.primaryLocale) ?? [];
  const matching = [...lists].filter(([locale, list]) => {
    if (locale === story.primaryLocale || list.length === 0) return false;
    const sameKeys = list.every((n, i) => n.key === primaryList[i]?.key);
    if (list.length === primaryList.length && sameKeys) return true;
    const page = story.versions.get(locale) as SourcePage;
    const show = (l: readonly Named[]): string => `"${l.map((n) => n.key ?? n.name).join(', ')}"`;
    const message = `${what} differ: ${story.primaryLocale} has ${show(primaryList)}, ${locale} has ${show(list)}; the primary's (${story.primaryLocale}) are kept`;
    notes.push({ file: page.file, line: 1, kind: 'disagreement', message });
    return false;
  });
  const ids = primaryList.map((named, i) => {
    const { names, roles } = known(named);
    if (named.key === undefined || !names.has(story.primaryLocale)) names.set(story.primaryLocale, named.name);
    if (named.role !== undefined && !roles.has(story.primaryLocale)) roles.set(story.primaryLocale, named.role);
    for (const [locale, list] of matching) {
      const other = list[i];
      if (other !== undefined && (named.key === undefined || !names.has(locale))) names.set(locale, other.name);
      // A keyed author's roles come from each locale's authors.yml; a page's lookup may fall back to the default's.
      if (named.key === undefined && other?.role !== undefined && !roles.has(locale)) roles.set(locale, other.role);
    }
    return registry.add(names, named.key, roles);
  });
  return [...new Set(ids)];
}

/** Notes a translation whose date is not the primary's (the primary's is kept). */
function compareDates(story: Placed, locale: string, page: SourcePage, notes: PlanNote[]): void {
  const raw = page.frontMatter['date'];
  const own = mapDate(raw);
  if (raw === undefined || own === undefined || own.value === story.date.value) return;
  const message = `date differs: ${story.primaryLocale} has ${story.date.value}, ${locale} has ${own.value}; the primary's is kept`;
  notes.push({ file: page.file, line: 1, kind: 'disagreement', message });
}

/** Notes by file, line, column, kind and message. */
function sortNotes(notes: readonly PlanNote[]): PlanNote[] {
  return [...notes].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.kind, b.kind) ||
      compare(a.message, b.message),
  );
}

/** A record with its keys in code-unit order. */
function sortedRecord(record: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
