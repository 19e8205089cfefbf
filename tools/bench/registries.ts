/**
 * Planning the registries of the benchmark corpus: how many speakers, organisations, events and
 * tags an archive of N stories has, and each entry's names and facts, drawn from its own sub-stream.
 */
import { idFrom } from '#pipeline/check/slug.ts';
import {
  capitalise,
  FIRST,
  LAST,
  STREAM,
  yearOf,
  type EventEntry,
  type OrganisationEntry,
  type RegistrySizes,
  type SpeakerEntry,
  type TagEntry,
} from './corpus-model.ts';
import { deriveSeed, Random } from './random.ts';
import {
  CITIES,
  EVENT_KINDS,
  FESTIVALS,
  FOREIGN_GIVEN_NAMES,
  FOREIGN_SURNAMES,
  GIVEN_NAMES,
  ORG_KINDS,
  ORG_PLACES,
  ROLES,
  SURNAMES,
  TAGS,
  THEMES,
  TOPICS,
  VENUES,
  type Bilingual,
} from './vocabulary.ts';

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
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** Organisations: place × kind names, some under a parent body (one level, so never a cycle). */
export function planOrganisations(seed: number, count: number): OrganisationEntry[] {
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
export function planSpeakers(seed: number, count: number, organisations: readonly OrganisationEntry[]): SpeakerEntry[] {
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
export function planEvents(seed: number, count: number, organisations: readonly OrganisationEntry[]): EventEntry[] {
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
export function planTags(seed: number, count: number): TagEntry[] {
  const rng = new Random(deriveSeed(seed, STREAM.tags));
  return TAGS.slice(0, count).map((tag) => ({
    id: tag.id,
    label: { en: tag.en, zh: tag.zh },
    ...(rng.chance(0.5)
      ? { description: { en: `News about ${tag.en.toLowerCase()}.`, zh: `与${tag.zh}有关的新闻。` } }
      : {}),
  }));
}
