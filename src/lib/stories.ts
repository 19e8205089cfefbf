/**
 * Story rules shared by the checker and the site's data module: which file of a story is primary,
 * what translations inherit from it, and where a translation drifts from it.
 */
import type { PublishedAt } from './dates.ts';

/** The minimum an article's data must carry for the story rules. */
export interface SharedFacts {
  /** Publication date. */
  readonly date?: PublishedAt | undefined;
  /** Event reference. */
  readonly event?: { readonly id: string } | undefined;
  /** Speakers, each with an id reference. */
  readonly speakers?: readonly { readonly id: { readonly id: string } }[] | undefined;
  /** Organisation references. */
  readonly organisations?: readonly { readonly id: string }[] | undefined;
  /** Tag references. */
  readonly tags?: readonly { readonly id: string }[] | undefined;
}

/** A shared field's name. */
export type SharedField = keyof SharedFacts;

/** The shared fields, in the order they are checked and reported. */
export const SHARED_FIELDS: readonly SharedField[] = ['date', 'event', 'speakers', 'organisations', 'tags'];

/**
 * The primary language of a story: the first configured locale (default first) that the story has.
 * The primary file carries the shared facts that translations inherit.
 */
export function primaryLanguage<L extends string>(available: Iterable<L>, locales: readonly L[]): L | undefined {
  const have = new Set(available);
  return locales.find((code) => have.has(code));
}

/** A comparable rendering of one shared field, or `undefined` when the file leaves it out. */
export function sharedFieldKey(facts: SharedFacts, field: SharedField): string | undefined {
  switch (field) {
    case 'date':
      return facts.date && `${facts.date.day}|${facts.date.instant}`;
    case 'event':
      return facts.event?.id;
    case 'speakers':
      // Order may differ between languages (word order does); membership may not.
      return facts.speakers && [...facts.speakers.map((s) => s.id.id)].sort().join(',');
    case 'organisations':
    case 'tags':
      return facts[field] && [...facts[field].map((r) => r.id)].sort().join(',');
  }
}

/** A human rendering of a shared field's value, for messages. */
export function describeSharedField(facts: SharedFacts, field: SharedField): string {
  switch (field) {
    case 'date':
      return facts.date ? (facts.date.hasTime ? facts.date.instant : facts.date.day) : '(none)';
    case 'event':
      return facts.event?.id ?? '(none)';
    case 'speakers':
      return `[${(facts.speakers ?? []).map((s) => s.id.id).join(', ')}]`;
    case 'organisations':
    case 'tags':
      return `[${(facts[field] ?? []).map((r) => r.id).join(', ')}]`;
  }
}

/** The shared fields a translation repeats with a value that differs from the primary's. */
export function driftedFields(primary: SharedFacts, translation: SharedFacts): SharedField[] {
  return SHARED_FIELDS.filter((field) => {
    const mine = sharedFieldKey(translation, field);
    return mine !== undefined && mine !== sharedFieldKey(primary, field);
  });
}

/**
 * A translation's data with every shared field it leaves out taken from the primary. Inherited
 * speakers lose their per-article `role`: it is written in the primary's language.
 */
export function inheritSharedFacts<T extends SharedFacts>(primary: SharedFacts, translation: T): T {
  const merged: Record<string, unknown> = { ...translation };
  for (const field of SHARED_FIELDS) {
    if (merged[field] !== undefined || primary[field] === undefined) continue;
    merged[field] = field === 'speakers' ? primary.speakers?.map((s) => ({ id: s.id })) : primary[field];
  }
  return merged as T;
}
