/**
 * The synthetic archive `npm run bench` builds: N stories in our content contract (README, "The
 * content contract"), with speakers, organisations, events and tags in the proportions of a real
 * archive (for 10,000 stories: 300 speakers, 60 organisations, 300 events, 40 tags).
 *
 * Pure and deterministic: every choice comes from a seeded generator (`random.ts`), so the same seed
 * and size give byte-identical files on every machine. Planning (who, what, when) is separate from
 * writing bodies, so proportions can be checked for 10,000 stories without producing any text; each
 * story and each language version draws from its own sub-stream, so one story's text does not depend
 * on how much text the others used.
 */
import { deriveSeed, Random } from './random.ts';
import {
  CITIES,
  EN_HEADINGS,
  EN_LIST_INTROS,
  EN_LIST_ITEMS,
  EN_MIXED_INTROS,
  EN_QUOTES,
  EN_SENTENCES,
  EN_SUMMARIES,
  EN_TITLES,
  EVENT_KINDS,
  FESTIVALS,
  FOREIGN_GIVEN_NAMES,
  FOREIGN_SURNAMES,
  GIVEN_NAMES,
  LINKS,
  ORG_KINDS,
  ORG_PLACES,
  ROLES,
  SLUG_ANGLES,
  STORY_ROLES,
  SURNAMES,
  TAGS,
  THEMES,
  TOPICS,
  VENUES,
  ZH_HEADINGS,
  ZH_LIST_INTROS,
  ZH_LIST_ITEMS,
  ZH_QUOTES,
  ZH_SENTENCES,
  ZH_SUMMARIES,
  ZH_TITLES,
  type Bilingual,
  type SluggedTerm,
} from './vocabulary.ts';
import { idFrom } from '#pipeline/check/slug.ts';

/** The seed used when none is given. */
export const DEFAULT_SEED = 20_261_124;

/** First and last publication day of the archive (ten years, ending before the benchmark was written). */
export const FIRST_DAY = '2017-01-01';
/** See {@link FIRST_DAY}. */
export const LAST_DAY = '2026-09-30';

/** The languages the corpus is written in (the site's two locales). */
export type Lang = 'en' | 'zh';

/**
 * How a story exists: in both languages, written first in English (`en-original`) or in Chinese
 * (`zh-original`, whose Chinese file repeats the shared facts, which must agree with `en.md`), or in
 * one language only.
 */
export type StoryShape = 'en-original' | 'zh-original' | 'en-only' | 'zh-only';

/** Target shares of story shapes: 85 % bilingual (a quarter of them Chinese originals), a few zh-only. */
export const SHAPE_SHARES: Readonly<Record<StoryShape, number>> = {
  'en-original': 0.6375,
  'zh-original': 0.2125,
  'en-only': 0.11,
  'zh-only': 0.04,
};

/** Share of English versions that quote a whole paragraph in Chinese. */
export const MIXED_SHARE = 0.1;
/** Share of story versions with a GFM table. */
export const TABLE_SHARE = 0.15;

/** How big the archive and its registries are. */
export interface CorpusOptions {
  /** Number of stories (story folders). */
  readonly stories: number;
  /** Seed of the generator (default {@link DEFAULT_SEED}). */
  readonly seed?: number;
}

/** How many entries each registry gets. */
export interface RegistrySizes {
  /** Files in `speakers/`. */
  readonly speakers: number;
  /** Files in `organisations/`. */
  readonly organisations: number;
  /** Files in `events/`. */
  readonly events: number;
  /** Files in `tags/`. */
  readonly tags: number;
}

/** A speaker file. */
export interface SpeakerEntry {
  readonly id: string;
  readonly name: Bilingual;
  /** English sort key for names written given name first. */
  readonly sortAs?: string;
  readonly role?: Bilingual;
  readonly organisation?: string;
  readonly bio?: Bilingual;
  readonly link?: string;
}

/** An organisation file. */
export interface OrganisationEntry {
  readonly id: string;
  readonly name: Bilingual;
  readonly short?: Bilingual;
  readonly url?: string;
  readonly parent?: string;
}

/** An event file, with what stories about it talk about. */
export interface EventEntry {
  readonly id: string;
  readonly name: Bilingual;
  readonly year: number;
  /** First day as a day number (see `dayNumber`); absent while unknown. */
  readonly start?: number;
  /** Last day as a day number, for events of several days. */
  readonly end?: number;
  readonly city: SluggedTerm;
  readonly topic: SluggedTerm;
  readonly kind: SluggedTerm;
  readonly venue?: Bilingual;
  readonly organisers: readonly string[];
  readonly theme?: Bilingual;
  readonly partOf?: string;
  readonly url?: string;
}

/** A tag file. */
export interface TagEntry {
  readonly id: string;
  readonly label: Bilingual;
  readonly description?: Bilingual;
}

/** A speaker as listed in a story, with the role held in that story if any. */
export interface StorySpeaker {
  readonly id: string;
  readonly role?: Bilingual;
}

/** Everything decided about one story before any text is written. */
export interface StoryPlan {
  readonly index: number;
  readonly year: number;
  readonly slug: string;
  /** `YYYY-MM-DD`, or a date-time with the +08:00 offset. */
  readonly date: string;
  readonly shape: StoryShape;
  /** Its languages, the primary file's first. */
  readonly languages: readonly Lang[];
  readonly event?: string;
  readonly speakers: readonly StorySpeaker[];
  readonly organisations: readonly string[];
  readonly tags: readonly string[];
  readonly city: SluggedTerm;
  readonly topic: SluggedTerm;
  readonly kind: SluggedTerm;
  readonly source?: string;
  readonly updated?: string;
  readonly alias?: string;
  /** Whether the English version quotes a paragraph in Chinese. */
  readonly mixed: boolean;
  /** Whether each version has a table. */
  readonly table: boolean;
  readonly footnote: boolean;
  readonly quote: boolean;
}

/** The whole archive, planned. */
export interface CorpusPlan {
  readonly seed: number;
  readonly sizes: RegistrySizes;
  readonly speakers: readonly SpeakerEntry[];
  readonly organisations: readonly OrganisationEntry[];
  readonly events: readonly EventEntry[];
  readonly tags: readonly TagEntry[];
  readonly stories: readonly StoryPlan[];
}

/** One file of the corpus: its path inside the content folder (forward slashes) and its text. */
export interface CorpusFile {
  readonly path: string;
  readonly text: string;
}

/** Counts that describe a planned corpus. */
export interface CorpusStats {
  readonly stories: number;
  /** Article files (language versions). */
  readonly articleFiles: number;
  readonly shapes: Readonly<Record<StoryShape, number>>;
  /** Stories in both languages. */
  readonly bilingual: number;
  readonly englishVersions: number;
  /** English versions with a Chinese paragraph. */
  readonly englishWithChinese: number;
  /** Stories whose versions have a table. */
  readonly withTable: number;
  /** Stories about an event. */
  readonly withEvent: number;
  readonly registries: RegistrySizes;
  /** Events that are part of a larger one. */
  readonly eventsPartOf: number;
  readonly firstYear: number;
  readonly lastYear: number;
}

// Sub-streams of the generator: one per kind of decision, so adding a registry entry does not change
// every story.
const STREAM = { organisations: 1, speakers: 2, events: 3, tags: 4, story: 5, body: 6, title: 7 } as const;
const LANG_STREAM: Readonly<Record<Lang, number>> = { en: 1, zh: 2 };

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` day. */
function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number. */
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The year of a day number. */
function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

const FIRST = dayNumber(FIRST_DAY);
const LAST = dayNumber(LAST_DAY);

/**
 * Registry sizes for an archive of `stories` stories: in proportion to the issue's 10,000-story archive
 * (300 speakers, 60 organisations, 300 events, 40 tags), with floors so small archives still have
 * enough of each to fill listings, and tags capped at the vocabulary (a controlled list does not grow).
 */
export function registrySizes(stories: number): RegistrySizes {
  return {
    speakers: Math.max(20, Math.round(stories * 0.03)),
    organisations: Math.max(8, Math.round(stories * 0.006)),
    events: Math.max(8, Math.round(stories * 0.03)),
    tags: Math.min(TAGS.length, Math.max(12, Math.round(stories * 0.004))),
  };
}

/** A new id from `base`, made unique with `-2`, `-3`… */
function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** Capitalises the first letter. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Organisations: place × kind names, some under a parent body (one level, so never a cycle). */
function planOrganisations(seed: number, count: number): OrganisationEntry[] {
  const rng = new Random(deriveSeed(seed, STREAM.organisations));
  const combos = ORG_PLACES.flatMap((place) => ORG_KINDS.map((kind) => ({ place, kind })));
  const order = rng.sample(combos, combos.length);
  const used = new Set<string>();
  const out: OrganisationEntry[] = [];
  for (let i = 0; i < count; i++) {
    const { place, kind } = order[i % order.length] ?? rng.pick(combos);
    // Past the number of combinations, further branches are numbered.
    const branch = Math.floor(i / order.length);
    const en = `${place.en} ${kind.en}${branch > 0 ? ` ${branch + 1}` : ''}`;
    const zh = `${place.zh}${kind.zh}${branch > 0 ? `第${branch + 1}分支` : ''}`;
    const id = uniqueId(idFrom(en), used);
    const parents = out.filter((o) => o.parent === undefined);
    const parent = i > 3 && rng.chance(0.15) ? rng.pick(parents).id : undefined;
    out.push({
      id,
      name: { en, zh },
      ...(rng.chance(0.7) ? { short: { en: `${place.abbr}${kind.abbr}`, zh: `${place.zh}${kind.zh.slice(-2)}` } } : {}),
      ...(rng.chance(0.5) ? { url: `https://${id}.example.org/` } : {}),
      ...(parent ? { parent } : {}),
    });
  }
  return out;
}

/** Speakers: mostly Chinese names, some from abroad (with an English sort key, surname first). */
function planSpeakers(seed: number, count: number, organisations: readonly OrganisationEntry[]): SpeakerEntry[] {
  const rng = new Random(deriveSeed(seed, STREAM.speakers));
  const used = new Set<string>();
  const out: SpeakerEntry[] = [];
  for (let i = 0; i < count; i++) {
    const foreign = rng.chance(0.15);
    let name: Bilingual;
    let sortAs: string | undefined;
    if (foreign) {
      const given = rng.pick(FOREIGN_GIVEN_NAMES);
      const family = rng.pick(FOREIGN_SURNAMES);
      name = { en: `${given.en} ${family.en}`, zh: `${given.zh}·${family.zh}` };
      sortAs = `${family.en}, ${given.en}`;
    } else {
      const family = rng.pick(SURNAMES);
      const given = rng.pick(GIVEN_NAMES);
      name = { en: `${family.en} ${given.en}`, zh: `${family.zh}${given.zh}` };
    }
    const id = uniqueId(idFrom(name.en), used);
    const role = rng.chance(0.9) ? rng.pick(ROLES) : undefined;
    const organisation = rng.chance(0.85) ? rng.skewed(organisations, 1.5).id : undefined;
    out.push({
      id,
      name,
      ...(sortAs ? { sortAs } : {}),
      ...(role ? { role } : {}),
      ...(organisation ? { organisation } : {}),
      ...(rng.chance(0.3) && role
        ? {
            bio: {
              en: `${name.en} has worked on ${rng.pick(TOPICS).en} for ${rng.int(5, 30)} years and serves as ${role.en}.`,
              zh: `${name.zh}长期从事${rng.pick(TOPICS).zh}工作，现任${role.zh}。`,
            },
          }
        : {}),
      ...(rng.chance(0.15) ? { link: `https://people.example.org/${id}` } : {}),
    });
  }
  return out;
}

/** Events: ~10 % larger events (festivals, weeks), the others single meetings, a fifth of them part of one. */
function planEvents(seed: number, count: number, organisations: readonly OrganisationEntry[]): EventEntry[] {
  const rng = new Random(deriveSeed(seed, STREAM.events));
  const used = new Set<string>();
  const festivals: (EventEntry & { start: number; end: number })[] = [];
  const out: EventEntry[] = [];
  const festivalCount = Math.max(1, Math.round(count * 0.1));
  const organisers = (): string[] => rng.sample(organisations, rng.int(1, 2), 1.5).map((o) => o.id);
  for (let i = 0; i < festivalCount; i++) {
    const kind = rng.pick(FESTIVALS);
    const city = rng.pick(CITIES);
    const start = rng.int(FIRST, LAST - 10);
    const year = yearOf(start);
    const id = uniqueId(`${kind.slug}-${city.slug}-${year}`, used);
    const event = {
      id,
      name: { en: `${year} ${city.en} ${kind.en}`, zh: `${year}${city.zh}${kind.zh}` },
      year,
      start,
      end: start + rng.int(2, 6),
      city,
      topic: rng.pick(TOPICS),
      kind,
      organisers: organisers(),
      ...(rng.chance(0.7) ? { theme: rng.pick(THEMES) } : {}),
      ...(rng.chance(0.6) ? { url: `https://events.example.org/${id}/` } : {}),
    };
    festivals.push(event);
    out.push(event);
  }
  for (let i = festivalCount; i < count; i++) {
    const kind = rng.pick(EVENT_KINDS);
    const topic = rng.pick(TOPICS);
    const parent = rng.chance(0.2) ? rng.pick(festivals) : undefined;
    const city = parent ? parent.city : rng.pick(CITIES);
    let start: number | undefined;
    if (parent) start = parent.start + rng.int(0, parent.end - parent.start);
    else if (rng.chance(0.95)) start = rng.int(FIRST, LAST - 5);
    const year = start === undefined ? rng.int(yearOf(FIRST), yearOf(LAST)) : yearOf(start);
    const end = start !== undefined && !parent && rng.chance(0.35) ? start + rng.int(1, 2) : undefined;
    const id = uniqueId(`${city.slug}-${topic.slug}-${kind.slug}-${year}`, used);
    out.push({
      id,
      name: {
        en: `${year} ${city.en} ${kind.en} on ${capitalise(topic.en)}`,
        zh: `${year}${city.zh}${topic.zh}${kind.zh}`,
      },
      year,
      ...(start !== undefined ? { start } : {}),
      ...(end !== undefined ? { end } : {}),
      city,
      topic,
      kind,
      ...(rng.chance(0.5) ? { venue: rng.pick(VENUES) } : {}),
      organisers: rng.chance(0.9) ? organisers() : [],
      ...(rng.chance(0.35) ? { theme: rng.pick(THEMES) } : {}),
      ...(parent ? { partOf: parent.id } : {}),
      ...(rng.chance(0.25) ? { url: `https://events.example.org/${id}/` } : {}),
    });
  }
  return out;
}

/** Tags: the first `count` of the vocabulary, some with a description. */
function planTags(seed: number, count: number): TagEntry[] {
  const rng = new Random(deriveSeed(seed, STREAM.tags));
  return TAGS.slice(0, count).map((tag) => ({
    id: tag.id,
    label: { en: tag.en, zh: tag.zh },
    ...(rng.chance(0.5)
      ? { description: { en: `News about ${tag.en.toLowerCase()}.`, zh: `与${tag.zh}有关的新闻。` } }
      : {}),
  }));
}

/** The shape of a story from one draw in [0, 1). */
function shapeOf(draw: number): StoryShape {
  let sum = 0;
  for (const shape of ['en-original', 'zh-original', 'en-only', 'zh-only'] as const) {
    sum += SHAPE_SHARES[shape];
    if (draw < sum) return shape;
  }
  return 'zh-only';
}

/** Plans the whole archive: registries, then every story's facts. No text is written yet. */
export function planCorpus(options: CorpusOptions): CorpusPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(options.stories) || options.stories < 1) {
    throw new RangeError(`stories must be a positive integer, got ${options.stories}`);
  }
  const sizes = registrySizes(options.stories);
  const organisations = planOrganisations(seed, sizes.organisations);
  const speakers = planSpeakers(seed, sizes.speakers, organisations);
  const events = planEvents(seed, sizes.events, organisations);
  const tags = planTags(seed, sizes.tags);
  const slugs = new Set<string>();
  const stories: StoryPlan[] = [];
  for (let index = 0; index < options.stories; index++) {
    const rng = new Random(deriveSeed(seed, STREAM.story, index));
    // Most stories report on an event, a few days after it starts; popular events get several.
    const event = rng.chance(0.7) ? rng.skewed(events, 1.3) : undefined;
    let day: number;
    if (event?.start !== undefined) {
      day = Math.min(LAST, event.start + rng.int(0, Math.min(3, (event.end ?? event.start) - event.start + 1)));
    } else {
      day = rng.int(FIRST, LAST);
    }
    const year = yearOf(day);
    const date = rng.chance(0.1)
      ? `${isoDay(day)}T${String(rng.int(8, 18)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}:00+08:00`
      : isoDay(day);
    const shape = shapeOf(rng.next());
    const languages: Lang[] = shape === 'en-only' ? ['en'] : shape === 'zh-only' ? ['zh'] : ['en', 'zh'];
    const city = event?.city ?? rng.pick(CITIES);
    const topic = event?.topic ?? rng.pick(TOPICS);
    const kind = event?.kind ?? rng.pick(EVENT_KINDS);
    const slug = uniqueId(`${city.slug}-${topic.slug}-${rng.pick(SLUG_ANGLES)}`, slugs);
    const speakerCount = rng.chance(0.1) ? 0 : rng.int(1, 5);
    const storySpeakers = rng
      .sample(speakers, speakerCount, 2)
      .map((s) => (rng.chance(0.2) ? { id: s.id, role: rng.pick(STORY_ROLES) } : { id: s.id }));
    const storyOrganisations = [
      ...new Set([
        ...(event?.organisers.slice(0, 1) ?? []),
        ...rng.sample(organisations, rng.int(1, 3), 1.5).map((o) => o.id),
      ]),
    ];
    const storyTags = rng.sample(tags, rng.int(1, 4), 1.6).map((t) => t.id);
    const updatedDay = rng.chance(0.08) ? Math.min(LAST, day + rng.int(1, 30)) : undefined;
    stories.push({
      index,
      year,
      slug,
      date,
      shape,
      languages,
      ...(event ? { event: event.id } : {}),
      speakers: storySpeakers,
      organisations: storyOrganisations,
      tags: storyTags,
      city,
      topic,
      kind,
      ...(rng.chance(0.25) ? { source: `https://www.example.org/news/${year}/${slug}` } : {}),
      ...(updatedDay !== undefined && updatedDay > day ? { updated: isoDay(updatedDay) } : {}),
      ...(rng.chance(0.03) ? { alias: `/news/${year}/${slug}/` } : {}),
      mixed: languages.includes('en') && rng.chance(MIXED_SHARE),
      table: rng.chance(TABLE_SHARE),
      footnote: rng.chance(0.05),
      quote: rng.chance(0.35),
    });
  }
  return { seed, sizes, speakers, organisations, events, tags, stories };
}

/** Counts of a planned corpus (for the report and the tests). */
export function corpusStats(plan: CorpusPlan): CorpusStats {
  const shapes: Record<StoryShape, number> = { 'en-original': 0, 'zh-original': 0, 'en-only': 0, 'zh-only': 0 };
  let articleFiles = 0;
  let englishVersions = 0;
  let englishWithChinese = 0;
  for (const story of plan.stories) {
    shapes[story.shape]++;
    articleFiles += story.languages.length;
    if (story.languages.includes('en')) {
      englishVersions++;
      if (story.mixed) englishWithChinese++;
    }
  }
  const years = plan.stories.map((s) => s.year);
  return {
    stories: plan.stories.length,
    articleFiles,
    shapes,
    bilingual: shapes['en-original'] + shapes['zh-original'],
    englishVersions,
    englishWithChinese,
    withTable: plan.stories.filter((s) => s.table).length,
    withEvent: plan.stories.filter((s) => s.event !== undefined).length,
    registries: {
      speakers: plan.speakers.length,
      organisations: plan.organisations.length,
      events: plan.events.length,
      tags: plan.tags.length,
    },
    eventsPartOf: plan.events.filter((e) => e.partOf !== undefined).length,
    firstYear: Math.min(...years),
    lastYear: Math.max(...years),
  };
}

/** The path of one language version of a story, inside the content folder. */
export function articlePath(story: StoryPlan, lang: Lang): string {
  return `articles/${story.year}/${story.slug}/${lang}.md`;
}

/** The file `npm run bench` edits in its edit mode: the primary file of the middle story. */
export function editTarget(plan: CorpusPlan): string {
  const story = plan.stories[Math.floor(plan.stories.length / 2)] ?? plan.stories[0];
  if (!story) throw new RangeError('the corpus has no story');
  return articlePath(story, story.languages[0] ?? 'en');
}

/** An article with one paragraph added to its body (the benchmark's one-story edit), `round` makes it new. */
export function editArticle(text: string, round: number): string {
  return `${text.trimEnd()}\n\nUpdate ${round}: the organisers have since published the final programme and the list of participants.\n`;
}

/** A YAML scalar for any text: JSON strings are valid YAML double-quoted strings. */
const q = (text: string): string => JSON.stringify(text);

/** YAML lines of a per-language map. */
function localized(key: string, value: Bilingual, indent = ''): string[] {
  return [`${indent}${key}:`, `${indent}  en: ${q(value.en)}`, `${indent}  zh: ${q(value.zh)}`];
}

/** YAML lines of a list of ids. */
function idList(key: string, ids: readonly string[]): string[] {
  return ids.length === 0 ? [] : [`${key}:`, ...ids.map((id) => `  - ${id}`)];
}

/** The registry files. */
function* registryFiles(plan: CorpusPlan): Generator<CorpusFile> {
  for (const o of plan.organisations) {
    const lines = [...localized('name', o.name)];
    if (o.short) lines.push(...localized('short', o.short));
    if (o.url) lines.push(`url: ${o.url}`);
    if (o.parent) lines.push(`parent: ${o.parent}`);
    yield { path: `organisations/${o.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
  for (const s of plan.speakers) {
    const lines = [...localized('name', s.name)];
    if (s.sortAs) lines.push('sortAs:', `  en: ${q(s.sortAs)}`);
    if (s.role) lines.push(...localized('role', s.role));
    if (s.organisation) lines.push(`organisation: ${s.organisation}`);
    if (s.bio) lines.push(...localized('bio', s.bio));
    if (s.link) lines.push('links:', '  - label: Profile', `    url: ${s.link}`);
    yield { path: `speakers/${s.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
  for (const e of plan.events) {
    const lines = [...localized('name', e.name)];
    if (e.start !== undefined) lines.push(`start: ${isoDay(e.start)}`);
    if (e.end !== undefined) lines.push(`end: ${isoDay(e.end)}`);
    lines.push(...localized('city', e.city));
    if (e.venue) lines.push(...localized('venue', e.venue));
    lines.push(...idList('organisers', e.organisers));
    if (e.theme) lines.push(...localized('theme', e.theme));
    if (e.partOf) lines.push(`partOf: ${e.partOf}`);
    if (e.url) lines.push(`url: ${e.url}`);
    yield { path: `events/${e.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
  for (const t of plan.tags) {
    const lines = [...localized('label', t.label)];
    if (t.description) lines.push(...localized('description', t.description));
    yield { path: `tags/${t.id}.yaml`, text: `${lines.join('\n')}\n` };
  }
}

/** What a story's text can mention, resolved to names. */
interface TextContext {
  readonly seed: number;
  readonly story: StoryPlan;
  readonly eventName: Bilingual;
  readonly speakerNames: readonly Bilingual[];
  readonly orgNames: readonly Bilingual[];
}

/** Fills a template's placeholders in one language. */
function fill(template: string, lang: Lang, ctx: TextContext, rng: Random): string {
  const { story } = ctx;
  const en = lang === 'en';
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'city':
        return story.city[lang];
      case 'topic':
        return story.topic[lang];
      case 'Topic':
        return en ? capitalise(story.topic.en) : story.topic.zh;
      case 'kind':
        return en ? story.kind.en.toLowerCase() : story.kind.zh;
      case 'Kind':
        return story.kind[lang];
      case 'event':
        return ctx.eventName[lang];
      case 'speaker':
      case 'speaker2': {
        const name =
          ctx.speakerNames[key === 'speaker' ? 0 : ctx.speakerNames.length - 1] ?? rng.pick(ctx.speakerNames);
        // English text sometimes gives the Chinese name too, a mixed-script inline passage.
        return en && rng.chance(0.1) && /\p{Script=Han}/u.test(name.zh) ? `${name.en} (${name.zh})` : name[lang];
      }
      case 'org':
        return rng.pick(ctx.orgNames)[lang];
      case 'year':
        return String(story.year);
      case 'n':
        return String(rng.int(3, 60));
      case 'pct':
        return String(rng.int(5, 45));
      case 'big': {
        const value = rng.int(1_000, 99_999);
        return en ? value.toLocaleString('en-US') : String(value);
      }
      default:
        return key;
    }
  });
}

/** A paragraph of `min`–`max` sentences drawn from the language's pool. */
function paragraph(lang: Lang, ctx: TextContext, rng: Random, min: number, max: number): string {
  const pool = lang === 'en' ? EN_SENTENCES : ZH_SENTENCES;
  return rng
    .sample(pool, rng.int(min, max))
    .map((s) => fill(s, lang, ctx, rng))
    .join(lang === 'en' ? ' ' : '');
}

/** How long a body is: words in English, Han characters in Chinese. */
function bodyLength(blocks: readonly string[], lang: Lang): number {
  const text = blocks.join('\n');
  return lang === 'en' ? (text.match(/\S+/g) ?? []).length : (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** A GFM table of yearly figures. */
function table(lang: Lang, ctx: TextContext, rng: Random): string {
  const header =
    lang === 'en'
      ? '| Year | Applications | Granted | Share of small firms |'
      : '| 年份 | 申请量 | 授权量 | 中小企业占比 |';
  const rows: string[] = [];
  const last = ctx.story.year;
  for (let year = last - rng.int(2, 4); year <= last; year++) {
    const applications = rng.int(2_000, 60_000);
    const granted = Math.round(applications * (0.3 + rng.next() * 0.4));
    const format = (n: number): string => (lang === 'en' ? n.toLocaleString('en-US') : String(n));
    rows.push(`| ${year} | ${format(applications)} | ${format(granted)} | ${rng.int(12, 48)}% |`);
  }
  const intro = lang === 'en' ? 'The figures presented at the meeting:' : '会上公布的数据如下：';
  return `${intro}\n\n${header}\n| ---: | ---: | ---: | ---: |\n${rows.join('\n')}`;
}

/** The Markdown body of one language version. */
function body(lang: Lang, ctx: TextContext, rng: Random): string {
  const { story } = ctx;
  const en = lang === 'en';
  const target = en ? rng.int(450, 800) : rng.int(700, 1200);
  const link = (): string => {
    const l = rng.pick(LINKS);
    return `[${l[lang]}](${l.url})`;
  };
  const headings = rng.sample(en ? EN_HEADINGS : ZH_HEADINGS, 3);
  const blocks: string[] = [];
  const lead = paragraph(lang, ctx, rng, 3, 4);
  blocks.push(rng.chance(0.5) ? `${lead}${en ? ` Details are in the ${link()}.` : `详见${link()}。`}` : lead);
  blocks.push(paragraph(lang, ctx, rng, 2, 4));
  blocks.push(`## ${headings[0]}`, paragraph(lang, ctx, rng, 2, 4));
  const items = rng.sample(en ? EN_LIST_ITEMS : ZH_LIST_ITEMS, rng.int(3, 6));
  const ordered = rng.chance(0.3);
  blocks.push(
    `${fill(rng.pick(en ? EN_LIST_INTROS : ZH_LIST_INTROS), lang, ctx, rng)}\n\n${items
      .map((item, i) => `${ordered ? `${i + 1}.` : '-'} ${item}`)
      .join('\n')}`,
  );
  if (story.quote) blocks.push(`> ${rng.pick(en ? EN_QUOTES : ZH_QUOTES)}`);
  blocks.push(`## ${headings[1]}`);
  if (story.table) blocks.push(table(lang, ctx, rng));
  if (story.mixed && en) blocks.push(rng.pick(EN_MIXED_INTROS), paragraph('zh', ctx, rng, 2, 3));
  let sub = rng.chance(0.25);
  while (bodyLength(blocks, lang) < target) {
    blocks.push(paragraph(lang, ctx, rng, 3, 5));
    if (sub) {
      blocks.push(`### ${headings[2]}`);
      sub = false;
    }
  }
  const closing = paragraph(lang, ctx, rng, 2, 3);
  const mark = story.footnote ? '[^1]' : '';
  blocks.push(en ? `${closing}${mark} The ${link()} is available online.` : `${closing}${mark}另见${link()}。`);
  if (story.footnote) {
    blocks.push(
      fill(
        en ? '[^1]: Figures from the annual report of the {org}, {year}.' : '[^1]: 数据来源：{org}{year}年度报告。',
        lang,
        ctx,
        rng,
      ),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

/** The frontmatter lines of the shared facts, roles in `lang`. */
function sharedFacts(story: StoryPlan, lang: Lang): string[] {
  const lines: string[] = [];
  if (story.event) lines.push(`event: ${story.event}`);
  lines.push(...speakerLines(story, lang));
  lines.push(...idList('organisations', story.organisations), ...idList('tags', story.tags));
  return lines;
}

/** The `speakers:` list, with each per-story role in `lang`. */
function speakerLines(story: StoryPlan, lang: Lang): string[] {
  if (story.speakers.length === 0) return [];
  return [
    'speakers:',
    ...story.speakers.flatMap((s) => (s.role ? [`  - id: ${s.id}`, `    role: ${q(s.role[lang])}`] : [`  - ${s.id}`])),
  ];
}

/** One article file: frontmatter and body. */
function article(story: StoryPlan, lang: Lang, ctx: TextContext, rng: Random): string {
  const primary = story.languages[0] === lang;
  const titles = lang === 'en' ? EN_TITLES : ZH_TITLES;
  const summaries = lang === 'en' ? EN_SUMMARIES : ZH_SUMMARIES;
  // Both versions draw the same template indices, so titles are translations of each other.
  const titleRng = new Random(deriveSeed(ctx.seed, STREAM.title, story.index));
  const title = capitalise(fill(titles[titleRng.int(0, titles.length - 1)] ?? '', lang, ctx, rng));
  const summary = fill(summaries[titleRng.int(0, summaries.length - 1)] ?? '', lang, ctx, rng);
  const lines = ['---', `title: ${q(title)}`];
  // The primary file holds the shared facts; a Chinese original repeats them (the checker requires agreement).
  const repeatsFacts = primary || story.shape === 'zh-original';
  if (repeatsFacts) lines.push(`date: ${story.date}`);
  lines.push(`language: ${lang}`, `summary: ${q(summary)}`);
  if (repeatsFacts) {
    lines.push(...sharedFacts(story, lang));
  } else if (story.speakers.some((s) => s.role)) {
    // A translation lists the speakers again only to give their roles in its own language.
    lines.push(...speakerLines(story, lang));
  }
  if (primary && story.source) lines.push(`source: ${story.source}`);
  if (primary && story.updated) lines.push(`updated: ${story.updated}`);
  if (primary && story.alias) lines.push('aliases:', `  - ${story.alias}`);
  lines.push('---', '');
  return `${lines.join('\n')}\n${body(lang, ctx, rng)}`;
}

/**
 * Every file of the corpus, registries first, as paths inside the content folder. A generator: a
 * 10,000-story archive is about 100 MB of text, written file by file instead of held in memory.
 */
export function* corpusFiles(plan: CorpusPlan): Generator<CorpusFile> {
  yield* registryFiles(plan);
  const speakerById = new Map(plan.speakers.map((s) => [s.id, s]));
  const orgById = new Map(plan.organisations.map((o) => [o.id, o]));
  const eventById = new Map(plan.events.map((e) => [e.id, e]));
  for (const story of plan.stories) {
    const names = story.speakers.flatMap((s) => {
      const speaker = speakerById.get(s.id);
      return speaker ? [speaker.name] : [];
    });
    const event = story.event ? eventById.get(story.event) : undefined;
    const ctx: TextContext = {
      seed: plan.seed,
      story,
      eventName: event?.name ?? {
        en: `${story.year} ${story.city.en} ${story.kind.en} on ${capitalise(story.topic.en)}`,
        zh: `${story.year}${story.city.zh}${story.topic.zh}${story.kind.zh}`,
      },
      // A story without listed speakers still quotes people: the first registry entries stand in.
      speakerNames: names.length > 0 ? names : plan.speakers.slice(0, 2).map((s) => s.name),
      orgNames: story.organisations.flatMap((id) => {
        const org = orgById.get(id);
        return org ? [org.name] : [];
      }),
    };
    for (const lang of story.languages) {
      const rng = new Random(deriveSeed(plan.seed, STREAM.body, story.index, LANG_STREAM[lang]));
      yield { path: articlePath(story, lang), text: article(story, lang, ctx, rng) };
    }
  }
}
