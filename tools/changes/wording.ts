/**
 * What the Markdown, text and comment summaries of `npm run changes` share: their options, counts in
 * words (`3 stories (1 added, …)`), the notes on a version's change (with a moved version's alias
 * hint), the translation status in words, and the singular collection names.
 */
import type { CollectionName } from '#schemas/common.ts';
import type {
  AliasHint,
  RegistryChange,
  StaleVersion,
  StoryChange,
  StoryTranslations,
  VersionChange,
} from './model.ts';
import type { FileStatus } from './name-status.ts';
import { storyOfPath } from './paths.ts';

/** Options of the renderers. */
export interface RenderOptions {
  /** The content folder, relative to the repository root. */
  readonly contentPrefix: string;
  /** Configured locale codes. */
  readonly locales: readonly string[];
  /** The preview site's root (`SITE_URL` + `BASE_PATH`). */
  readonly previewUrl: string;
  /** Whether the checker ran (it does not when `--head` is not the checked-out commit). */
  readonly checked: boolean;
  /** Table rows at most, per table (a step summary may hold 1 MiB). */
  readonly maxRows?: number;
}

/** A count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `3 stories: 1 added, 1 changed, 1 removed`. */
export function storyCounts(stories: readonly StoryChange[]): string {
  const by = (status: StoryChange['status']): number => stories.filter((s) => s.status === status).length;
  const parts = (['added', 'changed', 'removed'] as const).filter((s) => by(s) > 0).map((s) => `${by(s)} ${s}`);
  return `${plural(stories.length, 'story', 'stories')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** `1 registry entry (1 modified)`. */
export function registryCounts(entries: readonly RegistryChange[]): string {
  const by = (status: FileStatus): number => entries.filter((r) => r.status === status).length;
  const parts = (['added', 'modified', 'removed'] as const).filter((s) => by(s) > 0).map((s) => `${by(s)} ${s}`);
  return `${plural(entries.length, 'registry entry', 'registry entries')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The notes on a version's change: where it moved, why an unchanged version is listed, drafts. */
export function versionNotes(
  v: VersionChange,
  contentPrefix: string,
  locales: readonly string[],
  code = (t: string) => t,
): string[] {
  const notes: string[] = [];
  if (v.movedFrom) notes.push(`moved from ${code(storyOfPath(v.movedFrom, contentPrefix, locales))}`);
  if (v.movedTo) notes.push(`moved to ${code(storyOfPath(v.movedTo, contentPrefix, locales))}`);
  if (v.alias) notes.push(aliasNote(v.alias, code));
  if (v.status === 'unchanged') notes.push('files beside it changed');
  if (v.draft && v.status !== 'removed') notes.push('draft, not published');
  return notes;
}

/** A moved version's alias hint in words: `alias present ✓`, `add aliases: [/en/2023/old/] to its file`. */
export function aliasNote(hint: AliasHint, code = (t: string) => t): string {
  switch (hint.state) {
    case 'present':
      return `alias present ✓ ${code(hint.alias)}`;
    case 'add':
      return `old address lost: add ${code(hint.line ?? '')} to its file`;
    case 'taken':
      return `its old address ${code(hint.alias)} is still a page of the old story folder, so it cannot be an alias`;
    case 'unpublished':
      return `no alias needed: it was a draft, ${code(hint.alias)} was never published`;
  }
}

/** A stale translation in words: `zh: en updated 2024-05-06, zh inherits the date 2024-04-24`. */
export function staleNote(s: StaleVersion): string {
  const own = s.changedFrom === 'updated' ? 'updated' : s.changedFrom === 'date' ? 'dated' : 'inherits the date';
  const primary = s.primaryChangedFrom === 'updated' ? 'updated' : 'dated';
  return `${s.language}: ${s.primary} ${primary} ${s.primaryChanged}, ${s.language} ${own} ${s.changed}`;
}

/** A story's translation status in three parts: the languages it has, those it lacks, the stale ones. */
export function translationParts(t: StoryTranslations): { languages: string; missing: string; stale: string } {
  return {
    languages: t.languages.map((l) => (l === t.primary && t.languages.length > 1 ? `${l} (primary)` : l)).join(', '),
    missing: t.missing.join(', '),
    stale: t.stale.map(staleNote).join('; '),
  };
}

/** Singular collection names for tables. */
export const SINGULAR: Record<CollectionName, string> = {
  speakers: 'speaker',
  organisations: 'organisation',
  events: 'event',
  tags: 'tag',
};
