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
