/**
 * What a moved story needs to keep its old address: git reports a story folder that moved (or a
 * file renamed to another language) as a removal and an addition, so the old page disappears. Its
 * address can live on as an alias of the new file (README "The content contract"; src/lib/aliases.ts
 * decides what an alias may be). This says which alias, and whether the new file has it already.
 */
import { normaliseAlias } from '#lib/aliases.ts';
import { storyPath } from '#lib/paths.ts';
import type { AliasHint } from './model.ts';

/** What `aliasHint` needs to know about a moved version. */
export interface MovedVersion {
  /** The old version's story and language (from its old path). */
  readonly from: { readonly year: string; readonly slug: string; readonly language: string };
  /** The new version's story and language. */
  readonly to: { readonly year: string; readonly slug: string; readonly language: string };
  /** Whether the old version was a draft at the merge base (then it had no page). */
  readonly wasDraft: boolean;
  /** Whether the old story folder still has versions at the head commit (they own its addresses). */
  readonly oldStoryRemains: boolean;
  /** The `aliases` the new file lists, as written. */
  readonly aliases: readonly string[];
}

/** Invisible characters that would make the suggested line read differently from what it holds. */
const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A YAML flow-sequence item: plain when it is safe plain text, else double-quoted (JSON is valid
 * YAML), with invisible and direction characters written as `\uXXXX` escapes so they show.
 */
function flowItem(text: string): string {
  if (/^\/[\w./~%@+-]*$/.test(text)) return text;
  return JSON.stringify(text).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The `aliases:` line that lists `aliases`, one line in YAML flow style. */
export function aliasesLine(aliases: readonly string[]): string {
  return `aliases: [${aliases.map(flowItem).join(', ')}]`;
}

/**
 * The alias that keeps a moved version's old address, and what the new file needs: nothing for a
 * version that stayed at the same address, else `present`, `add` (with the whole `aliases:` line),
 * `taken` or `unpublished` (see `AliasHint`). The site's own base path is never part of an alias.
 */
export function aliasHint(moved: MovedVersion): AliasHint | null {
  const { from, to } = moved;
  if (from.year === to.year && from.slug === to.slug && from.language === to.language) return null;
  const alias = storyPath('/', from.language, from);
  if (moved.wasDraft) return { alias, state: 'unpublished', line: null };
  if (moved.oldStoryRemains) return { alias, state: 'taken', line: null };
  const wanted = normaliseAlias(alias);
  const present = moved.aliases.some((written) => {
    const result = normaliseAlias(written);
    return result.ok && wanted.ok && result.alias.key === wanted.alias.key;
  });
  if (present) return { alias, state: 'present', line: null };
  return { alias, state: 'add', line: aliasesLine([...moved.aliases, alias]) };
}
