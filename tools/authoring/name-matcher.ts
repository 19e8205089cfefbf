/**
 * Finding the registry's people, organisations and events in raw text, in either language, and
 * suggesting the people who are not in it yet.
 *
 * - Every `name` and `short` of every speaker, organisation and event, in every locale, is a pattern.
 * - Names in Chinese (any Han character) match as exact substrings: Chinese has no spaces between
 *   words. Other names match case-sensitively at word boundaries, so `MOST` (the ministry) is not
 *   found in "the most dynamic" and `Lin Xin` not in "Lin Xinyu"; spaces in a name match any run of
 *   whitespace and curly apostrophes match straight ones.
 * - Overlaps go to the longest match: 世界知识产权组织中国办事处 is the WIPO Office in China, not WIPO.
 * - A part of a larger event (`partOf`: a parallel forum of a conference) is also named by its theme,
 *   quoted with any punctuation (`以“集聚科技力量，引领城市发展”为主题`), but only in a text that names
 *   the larger event too: releases call a parallel forum "this forum" and quote its theme.
 *   {@link mainEvent} then files the story under the part, the most specific event.
 * - A heading names an event in other words when most of its tokens are in the event's name
 *   ({@link eventsInHeading}): `与中国国家知识产权局的双边会谈` names
 *   `产权组织与中国国家知识产权局双边会谈（2024年4月）`.
 */
import type { CollectionName } from '#schemas/common.ts';
import type { Registry } from './content-folder.ts';
import { personId } from '#pipeline/check/slug.ts';
import { containment } from './text-similarity.ts';

/** The collections whose names are looked for in text. */
export type NamedCollection = Exclude<CollectionName, 'tags'>;

/** One name of one registry entry. */
export interface NamePattern {
  /** The collection of the entry. */
  readonly collection: NamedCollection;
  /** The entry's id. */
  readonly id: string;
  /** The name as the registry writes it. */
  readonly name: string;
  /** The compiled pattern. */
  readonly re: RegExp;
  /** A theme pattern counts only when this event (the larger one) is named too. */
  readonly requires?: string;
}

/** A name found in text. */
export interface NameMatch {
  /** The collection of the entry. */
  readonly collection: NamedCollection;
  /** The entry's id. */
  readonly id: string;
  /** The text as found. */
  readonly text: string;
  /** Offset where it starts. */
  readonly start: number;
  /** Offset just after it. */
  readonly end: number;
}

/** A person named in the text who is not in the registry. */
export interface UnknownName {
  /** The name as written. */
  readonly name: string;
  /** A registry id in the archive's style, for a new `content/speakers/<id>.yaml`. */
  readonly suggestedId: string;
  /** Why it was taken for a name: the words around it. */
  readonly context: string;
}

const HAN = /\p{Script=Han}/u;

/** Escapes text for a regular expression; whitespace matches any whitespace run, apostrophes either form. */
function patternSource(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) =>
      word
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/['’]/g, "['’]")
        .replace(/[·•・]/gu, '[·•・]'),
    )
    .join(String.raw`\s+`);
}

/** Every name of every speaker, organisation and event, as patterns. */
export function namePatterns(registry: Registry): NamePattern[] {
  const patterns: NamePattern[] = [];
  for (const collection of ['speakers', 'organisations', 'events'] as const) {
    for (const entry of registry[collection].values()) {
      const seen = new Set<string>();
      for (const { text } of entry.names) {
        if (seen.has(text) || text.length < 2) continue;
        seen.add(text);
        const source = patternSource(text);
        const re = HAN.test(text)
          ? new RegExp(source, 'gu')
          : new RegExp(String.raw`(?<![\p{L}\p{N}])${source}(?![\p{L}\p{N}])`, 'gu');
        patterns.push({ collection, id: entry.id, name: text, re });
      }
      if (collection !== 'events' || entry.container === undefined) continue;
      for (const { text } of entry.themes ?? []) {
        // Letters and digits as written, any short run of punctuation or space between them.
        const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
        if (words.join('').length < 6) continue;
        const han = HAN.test(text);
        const source = words.join(han ? String.raw`[^\p{L}\p{N}]{0,3}` : String.raw`[^\p{L}\p{N}]{1,3}`);
        const re = han
          ? new RegExp(source, 'gu')
          : new RegExp(String.raw`(?<![\p{L}\p{N}])${source}(?![\p{L}\p{N}])`, 'giu');
        patterns.push({ collection, id: entry.id, name: text, re, requires: entry.container });
      }
    }
  }
  return patterns;
}

/** Every registry name in `text`, longest first where they overlap, in text order. */
export function findNames(text: string, patterns: readonly NamePattern[]): NameMatch[] {
  const all: (NameMatch & { readonly requires?: string })[] = [];
  for (const p of patterns) {
    for (const m of text.matchAll(p.re)) {
      all.push({
        collection: p.collection,
        id: p.id,
        text: m[0],
        start: m.index,
        end: m.index + m[0].length,
        ...(p.requires !== undefined ? { requires: p.requires } : {}),
      });
    }
  }
  // A theme names a part of an event only where the larger event is named by name.
  const namedEvents = new Set(all.filter((c) => c.collection === 'events' && !c.requires).map((c) => c.id));
  const candidates: NameMatch[] = all
    .filter((c) => c.requires === undefined || namedEvents.has(c.requires))
    .map((c) => ({ collection: c.collection, id: c.id, text: c.text, start: c.start, end: c.end }));
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: NameMatch[] = [];
  for (const c of candidates) {
    if (chosen.every((k) => c.end <= k.start || c.start >= k.end)) chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The ids of one collection among the matches, once each, in order of first mention. */
export function idsOf(matches: readonly NameMatch[], collection: NamedCollection): string[] {
  return [...new Set(matches.filter((m) => m.collection === collection).map((m) => m.id))];
}

/**
 * The event a story is about, among those it names: the most specific one (an event that another
 * named event is part of gives way to it), else the first named.
 */
export function mainEvent(matches: readonly NameMatch[], registry: Registry): string | undefined {
  const named = idsOf(matches, 'events');
  const containers = new Set(named.map((id) => registry.events.get(id)?.container).filter((c) => c !== undefined));
  return named.find((id) => !containers.has(id)) ?? named[0];
}

/** Whether two events are one, or one is part of the other (at any depth), by the registry's `partOf`. */
export function relatedEvents(a: string, b: string, registry: Registry): boolean {
  const chain = (id: string): string[] => {
    const seen: string[] = [];
    for (
      let at: string | undefined = id;
      at !== undefined && !seen.includes(at);
      at = registry.events.get(at)?.container
    ) {
      seen.push(at);
    }
    return seen;
  };
  return chain(a).includes(b) || chain(b).includes(a);
}

/** How much of a heading must be in an event's name for the heading to name it (see the module comment). */
export const HEADING_EVENT_CONTAINMENT = 0.8;

/**
 * The events a heading-like line names: by a registry name or theme as written, or in other words
 * (at least {@link HEADING_EVENT_CONTAINMENT} of the heading's tokens, and at least 4 Chinese
 * bigrams or 2 words, in one of the event's names).
 */
export function eventsInHeading(heading: string, patterns: readonly NamePattern[], registry: Registry): string[] {
  const found = new Set(idsOf(findNames(heading, patterns), 'events'));
  for (const entry of registry.events.values()) {
    for (const { text } of entry.names) {
      const { share, tokens } = containment(heading, text);
      if (share >= HEADING_EVENT_CONTAINMENT && tokens >= (HAN.test(heading) ? 4 : 2)) found.add(entry.id);
    }
  }
  return [...found];
}

// Titles before an English name: "Mr. Shen Changyu", "Dr Carsten Fink".
const ENGLISH_PERSON =
  /\b(?:Mr|Ms|Mrs|Miss|Dr|Prof|Professor|Ambassador|Minister)\.?\s+(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})/gu;

// A Chinese name is followed by a speech verb: 林新在致辞中表示, 薛澜介绍了, 阿莱曼强调.
const SPEECH =
  '(?:在致辞中|在讲话中|在发言中|在演讲中|在会上|致辞时)?(?:表示|指出|强调|认为|介绍|说|称|提出|建议|致辞)';
// ...and preceded by a sentence boundary or the end of a job title (院长薛澜, 经济学家卡斯滕·芬克).
const BEFORE_NAME = '(?<=^|[\\s，。；：、“”（）,;:()]|长|主任|员|家|席|事|理|官|授|使)';
const CHINESE_PERSON = new RegExp(
  String.raw`${BEFORE_NAME}(\p{Script=Han}{2,3}|\p{Script=Han}{1,5}[·•・]\p{Script=Han}{1,6})(?=${SPEECH})`,
  'gu',
);

// The most common Chinese surnames: a 2-3 character candidate must start with one, which keeps
// subjects such as 会议 or 双方 ("the meeting stressed") out of the suggestions.
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤申穆胡柳易常乔温康樊殷施牛洪',
]);

/**
 * People named in `text` who match no registry entry: English names after a title (Mr., Ms., Dr.),
 * Chinese names before a speech verb (表示, 指出...). A best-effort list for the editor to review.
 */
export function unknownPeople(text: string, matches: readonly NameMatch[]): UnknownName[] {
  const found = new Map<string, UnknownName>();
  const covered = (start: number, end: number): boolean => matches.some((m) => start < m.end && end > m.start);
  const contextOf = (start: number, end: number): string =>
    text
      .slice(Math.max(0, start - 12), Math.min(text.length, end + 12))
      .replace(/\s+/gu, ' ')
      .trim();
  for (const m of text.matchAll(ENGLISH_PERSON)) {
    const name = (m[1] ?? '').replace(/\s+/gu, ' ');
    const start = m.index + m[0].length - (m[1] ?? '').length;
    if (name === '' || covered(start, start + (m[1] ?? '').length) || found.has(name)) continue;
    found.set(name, { name, suggestedId: personId(name), context: contextOf(m.index, start + (m[1] ?? '').length) });
  }
  for (const m of text.matchAll(CHINESE_PERSON)) {
    const name = m[1] ?? '';
    const isTransliterated = /[·•・]/u.test(name);
    if (!isTransliterated && !SURNAMES.has(name.slice(0, 1))) continue;
    if (covered(m.index, m.index + name.length) || found.has(name)) continue;
    found.set(name, { name, suggestedId: personId(name), context: contextOf(m.index, m.index + name.length) });
  }
  return [...found.values()];
}
