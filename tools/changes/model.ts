/**
 * What `npm run changes` finds, as data: the stories, registry entries and other files a change
 * touches, the translation status of those stories, what a moved story needs to keep its old
 * address, and the checker's problems in them. `summariseChanges` (summary.ts) builds it; the JSON,
 * Markdown, text and pull-request comment renderers read it.
 */
import type { Problem } from '#pipeline/check/problems.ts';
import type { CollectionName } from '#schemas/common.ts';
import type { StaleTranslation } from '#tools/authoring/translation-status.ts';
import type { FileStatus } from './name-status.ts';

/** How one language version of a story changed. */
export type VersionStatus = FileStatus | 'unchanged';

/** One language version of a changed story. */
export interface VersionChange {
  /** Its language (the file name). */
  readonly language: string;
  /** Added, modified, removed; or unchanged, listed because files beside it (images) changed. */
  readonly status: VersionStatus;
  /** The article file (repository-relative). */
  readonly file: string;
  /** Its headline (the head version's; a removed version's from the merge base), if readable. */
  readonly title: string | null;
  /** Whether it is a draft. */
  readonly draft: boolean;
  /** The preview page: none for removed versions and drafts, which have no page. */
  readonly url: string | null;
  /** For a moved file: the path it came from. */
  readonly movedFrom: string | null;
  /** For a moved file: the path it went to. */
  readonly movedTo: string | null;
  /** For a version moved from another story folder or language: what keeps its old address working. */
  readonly alias: AliasHint | null;
}

/**
 * A moved version's old address and what the new file needs for it. An alias is a path from the
 * site root without the base path (`/en/2023/old-slug/`), listed in the new file's `aliases`
 * (src/lib/aliases.ts reads it; the build writes a redirect from it to the new page).
 */
export interface AliasHint {
  /** The old page's address, as an alias is written: `/en/2023/old-slug/`. */
  readonly alias: string;
  /**
   * `present`: the new file lists it (after normalisation) already; `add`: it must, as `line` says;
   * `taken`: versions still in the old story folder own that address, so it cannot be an alias;
   * `unpublished`: the old version was a draft, so there is no old page to keep.
   */
  readonly state: 'present' | 'add' | 'taken' | 'unpublished';
  /** For `add`: the exact `aliases:` line for the new file, with the aliases it has kept first. */
  readonly line: string | null;
}

/** A translation older than its story's primary file, as `npm run status` reports it. */
export type StaleVersion = Pick<
  StaleTranslation,
  'language' | 'file' | 'changed' | 'changedFrom' | 'primary' | 'primaryChanged' | 'primaryChangedFrom'
>;

/** The translation status of a story at the head commit (tools/authoring/translation-status.ts's rule). */
export interface StoryTranslations {
  /** The language of the primary file, whose facts translations inherit. */
  readonly primary: string | null;
  /** The configured languages it has, in locale order. */
  readonly languages: string[];
  /** The configured languages it lacks, in locale order. */
  readonly missing: string[];
  /** Its translations that are older than the primary file, in locale order. */
  readonly stale: StaleVersion[];
}

/** A changed file beside a story's articles (an image). */
export interface AssetChange {
  /** The file. */
  readonly file: string;
  /** Added, modified or removed. */
  readonly status: FileStatus;
}

/** A story the change adds, changes or removes. */
export interface StoryChange {
  /** `YYYY/slug`. */
  readonly story: string;
  /** Year folder. */
  readonly year: string;
  /** Slug. */
  readonly slug: string;
  /** Added (no version existed before), removed (none is left) or changed. */
  readonly status: 'added' | 'changed' | 'removed';
  /** Versions in locale order. */
  readonly versions: VersionChange[];
  /** Changed files beside the articles, by path. */
  readonly assets: AssetChange[];
  /** Its translation status at the head commit; null for a removed story. */
  readonly translations: StoryTranslations | null;
}

/** A registry entry (speaker, organisation, event, tag) the change touches. */
export interface RegistryChange {
  /** Its collection. */
  readonly collection: CollectionName;
  /** Its id (the file name). */
  readonly id: string;
  /** Added, modified or removed. */
  readonly status: FileStatus;
  /** The file. */
  readonly file: string;
  /** Its name in the default locale, if readable. */
  readonly name: string | null;
  /** For a renamed file: the path it came from. */
  readonly movedFrom: string | null;
  /** For a renamed file: the path it went to. */
  readonly movedTo: string | null;
}

/** Everything a change does to the content folder. */
export interface ContentChanges {
  /** Stories, by key. */
  readonly stories: StoryChange[];
  /** Registry entries, by collection then id. */
  readonly registry: RegistryChange[];
  /** Other files in the content folder (misplaced files, notes), by path. */
  readonly other: AssetChange[];
  /** Checker problems in the touched files (changed files, and every version of a touched story). */
  readonly problems: Problem[];
  /** Problems in files the change does not touch (they may still be caused by it: a removed speaker). */
  readonly problemsElsewhere: { readonly errors: number; readonly warnings: number };
}
