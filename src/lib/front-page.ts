/**
 * The front page's rules, pure, shared by the site (src/pages/[lang]/[...page].astro, the story
 * lists) and the checker (pipeline/check/featured.ts), so the lead a reader sees is the lead the
 * checker reasons about:
 * - the lead of a locale's home is the newest story marked `featured: true` among those the locale
 *   lists, else its newest story; the other featured stories keep their place in the list, and the
 *   checker warns at each of them that it does not lead;
 * - page 1 of the home shows the lead on top and the rest of its page's stories below it;
 * - a story's kicker names the event it covers, else its first topic, never the entry whose page
 *   the list is on.
 */

/** What the lead rule needs of a listed story: the version shown, with its (inherited) `featured`. */
export interface LeadCandidate {
  /** The version the listing shows. */
  readonly version: { readonly data: { readonly featured?: boolean | undefined } };
}

/** Whether a listed story is marked `featured: true`. */
export function isFeatured(item: LeadCandidate): boolean {
  return item.version.data.featured === true;
}

/**
 * The lead of a listing in the one order (newest first): its first featured story, else its first
 * story; `undefined` for an empty listing. Several featured: the newest of them leads.
 */
export function leadStory<T extends LeadCandidate>(items: readonly T[]): T | undefined {
  return items.find(isFeatured) ?? items[0];
}

/** The featured stories of a listing that the lead rule passes over, each with the one that leads instead. */
export function outrankedFeatured<T extends LeadCandidate>(items: readonly T[]): { item: T; lead: T }[] {
  const lead = leadStory(items);
  return lead === undefined
    ? []
    : items.filter((item) => item !== lead && isFeatured(item)).map((item) => ({ item, lead }));
}

/**
 * What a page of a home shows: on page 1 the lead, chosen from the whole listing (`listing`, asked
 * for on page 1 only), then the page's other stories; on later pages their stories alone. A lead
 * older than page 1 is also listed in its place on a later page.
 */
export function homePageStories<T extends LeadCandidate & { readonly story: { readonly key: string } }>(
  page: { readonly number: number; readonly items: readonly T[] },
  listing: () => readonly T[],
): { lead: T | undefined; rest: readonly T[] } {
  if (page.number !== 1) return { lead: undefined, rest: page.items };
  const lead = leadStory(listing());
  return { lead, rest: page.items.filter((item) => item.story.key !== lead?.story.key) };
}

/** The registry entry a kicker names: an event or a topic (tag), as the route segment and its id. */
export interface KickerEntry {
  /** The entry's collection, as in its page's path: `events` or `tags`. */
  readonly collection: 'events' | 'tags';
  /** The entry's id. */
  readonly id: string;
}

/**
 * The kicker of a story: the event it covers, else its first topic, skipping `omit` (the entry whose
 * page the list is on, where naming it above every story would say nothing); `undefined` when there
 * is nothing else to name.
 */
export function kickerOf(
  story: { readonly event?: { readonly id: string } | undefined; readonly tags: readonly { readonly id: string }[] },
  omit?: KickerEntry,
): KickerEntry | undefined {
  const candidates: KickerEntry[] = [
    ...(story.event ? [{ collection: 'events' as const, id: story.event.id }] : []),
    ...story.tags.map((tag) => ({ collection: 'tags' as const, id: tag.id })),
  ];
  return candidates.find((c) => c.collection !== omit?.collection || c.id !== omit.id);
}
