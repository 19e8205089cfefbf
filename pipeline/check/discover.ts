/**
 * The checker's first step: the files of the content folder and what each one is (a registry
 * entry, an article, or a file out of place), with the registry's ids, known from file names alone
 * so that references can be checked before any file is read.
 */
import type { CollectionName } from '#schemas/common.ts';
import { walkContent } from '#lib/content-files.ts';
import { AT_START, type CheckRun } from './check-run.ts';
import { classifyContentPath } from './layout.ts';
import { SINGULAR } from './schema-context.ts';

/** The ids of each registry, each with the file that has it (relative to the content folder). */
export type RegistryIds = Record<CollectionName, Map<string, string>>;

/** A registry file: one speaker, organisation, event or tag. */
export interface RegistryFile {
  /** Path relative to the content folder. */
  readonly rel: string;
  /** Its collection. */
  readonly collection: CollectionName;
  /** Its id, from its file name. */
  readonly id: string;
}

/** An article file: one language of one story. */
export interface ArticleFile {
  /** Path relative to the content folder. */
  readonly rel: string;
  /** Its story's year folder. */
  readonly year: string;
  /** Its story's slug. */
  readonly slug: string;
  /** Its language, from its file name. */
  readonly language: string;
}

/** The content folder as the checker's later steps read it. */
export interface ContentFiles {
  /** Every regular file, relative to the content folder. */
  readonly files: readonly string[];
  /** The ids of each registry. */
  readonly ids: RegistryIds;
  /** The registry files, one per id (a duplicate is reported and left out). */
  readonly registryFiles: readonly RegistryFile[];
  /** The article files. */
  readonly articleFiles: readonly ArticleFile[];
}

/**
 * Lists the content folder and sorts its files by kind, reporting links and special files (never
 * read), files out of place and duplicate ids.
 */
export function discoverFiles(run: CheckRun): ContentFiles {
  const { report, display } = run;
  const tree = walkContent(run.contentDir);
  for (const breach of tree.breaches) {
    if (breach.rel === '.') {
      run.problems.push({
        file: display(''),
        line: 1,
        column: 1,
        severity: 'error',
        field: '(folder)',
        message: breach.message,
      });
    } else {
      report(breach.rel, AT_START, 'error', '(file)', `this is ${breach.message}`);
    }
  }
  const ids: RegistryIds = { speakers: new Map(), organisations: new Map(), events: new Map(), tags: new Map() };
  const registryFiles: RegistryFile[] = [];
  const articleFiles: ArticleFile[] = [];
  for (const rel of tree.files) {
    const kind = classifyContentPath(rel, run.locales);
    switch (kind.kind) {
      case 'misplaced':
        report(rel, AT_START, 'error', '(file)', kind.message);
        break;
      case 'entry': {
        const existing = ids[kind.collection].get(kind.id);
        if (existing) {
          report(
            rel,
            AT_START,
            'error',
            '(file)',
            `duplicate ${SINGULAR[kind.collection]} id "${kind.id}": ${display(existing)} has it too; keep one file`,
          );
        } else {
          ids[kind.collection].set(kind.id, rel);
          registryFiles.push({ rel, ...kind });
        }
        break;
      }
      case 'article':
        articleFiles.push({ rel, ...kind });
        break;
      default:
        break;
    }
  }
  return { files: tree.files, ids, registryFiles, articleFiles };
}
