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
 *
 * This module plans the stories and ties the parts together: corpus-model.ts holds the data model and
 * proportions, registries.ts plans the registries, registry-files.ts and article-files.ts write the
 * files, vocabulary.ts holds the word lists.
 */
import path from 'node:path';
import {
  articlePath,
  FIRST,
  isoDay,
  LAST,
  MIXED_SHARE,
  SHAPE_SHARES,
  STREAM,
  TABLE_SHARE,
  yearOf,
  type CorpusFile,
  type CorpusImage,
  type CorpusOptions,
  type CorpusPlan,
  type Lang,
  type RegistrySizes,
  type StoryPlan,
  type StoryShape,
} from './corpus-model.ts';
import { articleFiles } from './article-files.ts';
import { deriveSeed, Random } from './random.ts';
import { planEvents, planOrganisations, planSpeakers, planTags, registrySizes, uniqueId } from './registries.ts';
import { planStoryImages } from './images.ts';
import { registryFiles } from './registry-files.ts';
import { CITIES, EVENT_KINDS, SLUG_ANGLES, STORY_ROLES, TOPICS } from './vocabulary.ts';

/** The seed used when none is given. */
export const DEFAULT_SEED = 20_261_124;

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
  /** Stories with a cover photo. */
  readonly withCover: number;
  /** Stories with body images. */
  readonly withFigures: number;
  /** Picture files: covers and body images. */
  readonly images: number;
  /** Body images that are PNG diagrams. */
  readonly diagrams: number;
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
  const withImages = options.images ?? true;
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
      images: withImages ? planStoryImages(seed, index, city) : { figures: [] },
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
    withCover: plan.stories.filter((s) => s.images.cover).length,
    withFigures: plan.stories.filter((s) => s.images.figures.length > 0).length,
    images: plan.stories.reduce((n, s) => n + (s.images.cover ? 1 : 0) + s.images.figures.length, 0),
    diagrams: plan.stories.reduce((n, s) => n + s.images.figures.filter((f) => f.kind === 'diagram').length, 0),
  };
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

/**
 * Every file of the corpus, registries first, as paths inside the content folder. A generator: a
 * 10,000-story archive is about 100 MB of text, written file by file instead of held in memory.
 */
export function* corpusFiles(plan: CorpusPlan): Generator<CorpusFile> {
  yield* registryFiles(plan);
  yield* articleFiles(plan);
}

/** Every picture of the corpus, story by story: the cover, then the body images, beside the story's files. */
export function* corpusImages(plan: CorpusPlan): Generator<CorpusImage> {
  for (const story of plan.stories) {
    const folder = path.posix.dirname(articlePath(story, story.languages[0] ?? 'en'));
    const { cover, figures } = story.images;
    for (const image of cover ? [cover, ...figures] : figures) yield { path: `${folder}/${image.file}`, image };
  }
}
