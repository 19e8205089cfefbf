// Events in `npm run import`: a story that names an event and one of its parts (a parallel forum,
// `partOf` in the registry) is filed under the part; the part may be named by its theme, which counts
// only beside its larger event's name; a heading may name an event in other words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '#tools/authoring/content-folder.ts';
import { planImport, type ImportContext } from '#tools/authoring/import-release.ts';
import {
  eventsInHeading,
  findNames,
  idsOf,
  mainEvent,
  namePatterns,
  relatedEvents,
} from '#tools/authoring/name-matcher.ts';
import { importContext, removeTempContent, SHIPPED_RELEASE, tempContent } from './import-fixture.ts';

let context: ImportContext;
let registry: Registry;
beforeAll(async () => {
  context = await importContext(await tempContent(), { forceNew: true });
  registry = context.state.registry;
});
afterAll(removeTempContent);

/** The events named in `text` and the one the story is filed under. */
function events(text: string, reg: Registry = registry): { named: string[]; main: string | undefined } {
  const matches = findNames(text, namePatterns(reg));
  return { named: idsOf(matches, 'events'), main: mainEvent(matches, reg) };
}

describe('the most specific event', () => {
  it('is the parallel forum when its theme is quoted beside the larger event', () => {
    expect(events('本场平行论坛是2024中关村论坛的重要活动之一。论坛以“集聚科技力量，引领城市发展”为主题。')).toEqual({
      named: ['zgc-forum-2024', 'zgc-forum-2024-clusters'],
      main: 'zgc-forum-2024-clusters',
    });
    // Other punctuation between the theme's words still matches.
    expect(events('2024中关村论坛以“集聚科技力量, 引领城市发展”为主题。').main).toBe('zgc-forum-2024-clusters');
    expect(
      events(
        'At the 2024 Zhongguancun Forum, the theme was gathering scientific and technological strength to lead urban development.',
      ).main,
    ).toBe('zgc-forum-2024-clusters');
  });

  it('is not found by its theme alone, nor without the registry entry', () => {
    expect(events('论坛以“集聚科技力量，引领城市发展”为主题。')).toEqual({ named: [], main: undefined });
    const withoutPart = new Map(registry.events);
    withoutPart.delete('zgc-forum-2024-clusters');
    expect(
      events('2024中关村论坛以“集聚科技力量，引领城市发展”为主题。', { ...registry, events: withoutPart }).main,
    ).toBe('zgc-forum-2024');
  });

  it('files the Chinese story of the shipped release under the parallel forum', () => {
    const plan = planImport(SHIPPED_RELEASE, context);
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    expect(plan.stories.map((s) => s.event)).toEqual([
      'ip-protection-forum-2024',
      'zgc-forum-2024-clusters',
      'wipo-cnipa-bilateral-2024',
    ]);
    expect(plan.stories[1]?.text).toContain('\nevent: zgc-forum-2024-clusters # id in content/events/\n');
  });
});

describe('related events and headings', () => {
  it('relates an event to its larger events at any depth, and to nothing else', () => {
    expect(relatedEvents('zgc-forum-2024-clusters', 'zgc-forum-2024', registry)).toBe(true);
    expect(relatedEvents('zgc-forum-2024', 'zgc-forum-2024-clusters', registry)).toBe(true);
    expect(relatedEvents('ip-protection-forum-2024', 'world-ip-day-2024', registry)).toBe(true);
    expect(relatedEvents('zgc-forum-2024', 'world-ip-day-2024', registry)).toBe(false);
  });

  it('finds an event a heading names in other words, not one it shares a word with', () => {
    const patterns = namePatterns(registry);
    expect(eventsInHeading('与中国国家知识产权局的双边会谈', patterns, registry)).toEqual([
      'wipo-cnipa-bilateral-2024',
    ]);
    expect(eventsInHeading('Bilateral Meeting with CNIPA', patterns, registry)).toEqual(['wipo-cnipa-bilateral-2024']);
    // The larger event's name is in its part's name too: both are named, and related.
    expect(eventsInHeading('2024中关村论坛', patterns, registry)).toEqual([
      'zgc-forum-2024',
      'zgc-forum-2024-clusters',
    ]);
    expect(eventsInHeading('双边会谈成果', patterns, registry)).toEqual([]);
    expect(eventsInHeading('Forum', patterns, registry)).toEqual([]);
  });
});
