/**
 * A migration plan: everything `npm run migrate` would write, decided before anything is written.
 * The mapping step (map-site.ts) turns a source site into a plan; the writer (write-plan.ts) checks
 * it against the output folder and writes it, or only shows it (`--dry-run`); the report
 * (report.ts) describes it. Paths are relative to the output folder (`content/`), with `/`.
 */

/** One file the migration writes: text it made, or a source file copied as it is (an image). */
export type PlannedFile =
  | {
      /** Path inside the output folder (`articles/2024/slug/en.md`, `speakers/jane-doe.yaml`). */
      readonly path: string;
      /** The file's text (UTF-8, LF line endings). */
      readonly text: string;
    }
  | {
      /** Path inside the output folder (`articles/2024/slug/photo.jpg`). */
      readonly path: string;
      /** Absolute path of the source file to copy (never a symbolic link: the writer checks). */
      readonly copyFrom: string;
    };

/** Something an editor has to look at, with the source file and line it comes from. */
export interface PlanNote {
  /** Absolute path of the source file. */
  readonly file: string;
  /** 1-based line in the source file (1 for the file as a whole). */
  readonly line: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** What kind of note: `leftover:<kind>` (not converted), `todo` (to confirm), `disagreement`, `unpaired`, `link`, `image`, `locale`. */
  readonly kind: string;
  /** What it is and what to do, in plain words. */
  readonly message: string;
}

/** Everything a migration decided. */
export interface MigrationPlan {
  /** The files to write, sorted by path. */
  readonly files: readonly PlannedFile[];
  /** Notes for the report, sorted by file, line and column. */
  readonly notes: readonly PlanNote[];
  /** Figures for the report. */
  readonly counts: {
    /** Source pages read, per source locale. */
    readonly pages: Readonly<Record<string, number>>;
    /** Stories written (folders under `articles/`). */
    readonly stories: number;
    /** Stories with more than one language. */
    readonly pairs: number;
    /** Speaker and tag registry files written. */
    readonly speakers: number;
    readonly tags: number;
    /** Images copied. */
    readonly images: number;
    /** `cover` fields written (primary files, and translations showing their own); absent counts as none. */
    readonly covers?: number;
    /** Old addresses kept as aliases. */
    readonly aliases: number;
    /** Conversions made in bodies, by kind (`figure`, `youtube`, `callout`, …). */
    readonly converted: Readonly<Record<string, number>>;
    /** Pages left out because their language is not one of the site's, per source locale. */
    readonly otherLocales: Readonly<Record<string, number>>;
  };
}
