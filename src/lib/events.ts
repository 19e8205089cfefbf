/** Ordering and grouping of events for the events index. */

/** What grouping needs of an event. */
export interface DatedEvent {
  /** Event id. */
  readonly id: string;
  /** First day `YYYY-MM-DD`, if known. */
  readonly start?: string | undefined;
  /** Day of the earliest story covering the event, used to place an event whose dates are unknown. */
  readonly storyDay?: string | undefined;
}

/** One year of the events index. */
export interface EventYear<E> {
  /** `YYYY`, or `undefined` for events with neither dates nor stories. */
  readonly year: string | undefined;
  /** The year's events, newest first. */
  readonly events: readonly E[];
}

/**
 * Events grouped by year, newest year and newest event first (ties by id, so the order is stable).
 * An event whose dates are not known yet files under the year of its earliest story; one with
 * neither comes last.
 */
export function eventsByYear<E extends DatedEvent>(events: readonly E[]): EventYear<E>[] {
  const dayOf = (e: E) => e.start ?? e.storyDay;
  const sorted = [...events].sort((a, b) => {
    const da = dayOf(a) ?? '';
    const db = dayOf(b) ?? '';
    if (da !== db) return da < db ? 1 : -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const years = new Map<string | undefined, E[]>();
  for (const event of sorted) {
    const year = dayOf(event)?.slice(0, 4);
    const list = years.get(year);
    if (list) list.push(event);
    else years.set(year, [event]);
  }
  return [...years.entries()].map(([year, list]) => ({ year, events: list }));
}

/** An event's stories: its own and those of its sessions. */
export interface EventStories<S> {
  /** Every story, newest day first (stable: the event's own before its sessions' on the same day). */
  readonly all: readonly S[];
  /** Those of them that cover one of its sessions rather than the event itself, in the same order. */
  readonly fromSessions: readonly S[];
}

/**
 * The one rule for what counts as an event's stories: those naming the event, and those naming any
 * of its sessions (events `partOf` it, at any depth; a loop in `partOf` is followed once). A forum
 * whose only story covers its opening session has one story, not none.
 */
export function eventStories<S extends { readonly date: { readonly day: string } }>(
  id: string,
  storiesOf: (eventId: string) => readonly S[] | undefined,
  sessionsOf: (eventId: string) => readonly { readonly id: string }[] | undefined,
): EventStories<S> {
  const own = storiesOf(id) ?? [];
  const seen = new Set([id]);
  const fromSessions: S[] = [];
  const queue = [...(sessionsOf(id) ?? [])];
  for (let session = queue.shift(); session; session = queue.shift()) {
    if (seen.has(session.id)) continue;
    seen.add(session.id);
    fromSessions.push(...(storiesOf(session.id) ?? []));
    queue.push(...(sessionsOf(session.id) ?? []));
  }
  const unique = [...new Set([...own, ...fromSessions])];
  const ownSet = new Set(own);
  const all = unique
    .map((story, i) => ({ story, i }))
    .sort((a, b) => (a.story.date.day === b.story.date.day ? a.i - b.i : a.story.date.day < b.story.date.day ? 1 : -1))
    .map((x) => x.story);
  return { all, fromSessions: all.filter((s) => !ownSet.has(s)) };
}
