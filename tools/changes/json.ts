/** The JSON form of `npm run changes --json`, for CI to diff and query. */
import type { ContentChanges } from './model.ts';

/** What the JSON says about the run besides the changes. */
export interface JsonMeta {
  /** `--base` as given. */
  readonly base: string;
  /** `--head` as given. */
  readonly head: string;
  /** The merge base compared with the head commit. */
  readonly mergeBase: string;
  /** The preview's site URL. */
  readonly siteUrl: string;
  /** The preview's base path. */
  readonly basePath: string;
  /** Whether the checker ran. */
  readonly checked: boolean;
}

/** The JSON form: every key always present, in a fixed order, so CI can diff and query it. */
export function changesJson(changes: ContentChanges, meta: JsonMeta): string {
  const ordered = {
    base: meta.base,
    head: meta.head,
    mergeBase: meta.mergeBase,
    siteUrl: meta.siteUrl,
    basePath: meta.basePath,
    stories: changes.stories.map((s) => ({
      story: s.story,
      year: s.year,
      slug: s.slug,
      status: s.status,
      versions: s.versions.map((v) => ({
        language: v.language,
        status: v.status,
        file: v.file,
        title: v.title,
        draft: v.draft,
        url: v.url,
        movedFrom: v.movedFrom,
        movedTo: v.movedTo,
        alias: v.alias && { alias: v.alias.alias, state: v.alias.state, line: v.alias.line },
      })),
      assets: s.assets.map((a) => ({ file: a.file, status: a.status })),
      translations: s.translations && {
        primary: s.translations.primary,
        languages: s.translations.languages,
        missing: s.translations.missing,
        stale: s.translations.stale.map((t) => ({
          language: t.language,
          file: t.file,
          changed: t.changed,
          changedFrom: t.changedFrom,
          primary: t.primary,
          primaryChanged: t.primaryChanged,
          primaryChangedFrom: t.primaryChangedFrom,
        })),
      },
    })),
    registry: changes.registry.map((r) => ({
      collection: r.collection,
      id: r.id,
      status: r.status,
      file: r.file,
      name: r.name,
      movedFrom: r.movedFrom,
      movedTo: r.movedTo,
    })),
    other: changes.other.map((o) => ({ file: o.file, status: o.status })),
    checked: meta.checked,
    problems: changes.problems.map((p) => ({
      file: p.file,
      line: p.line,
      column: p.column,
      severity: p.severity,
      field: p.field,
      message: p.message,
    })),
    problemsElsewhere: { errors: changes.problemsElsewhere.errors, warnings: changes.problemsElsewhere.warnings },
  };
  return JSON.stringify(ordered, null, 2);
}
