/**
 * The checker's alias rule: every alias of every article, in file order, is claimed against the
 * site's own addresses and the aliases before it, with the rules the build applies again when it
 * writes redirects (../aliases.ts). Only the syntax of one alias is the schema's (it calls the
 * same normaliser); what needs the whole content folder is here.
 */
import path from 'node:path';
import { aliasRegistry, normaliseAlias, publicFiles, type AliasLocale } from '#lib/aliases.ts';
import type { Position } from '#lib/yaml.ts';

/** An article file as the alias rule reads it. */
export interface AliasArticle {
  /** Path relative to the content folder. */
  readonly rel: string;
  /** The frontmatter as parsed (before validation, so one bad field does not hide the aliases). */
  readonly raw: Record<string, unknown> | undefined;
  /** The line and column of a field. */
  readonly locate: (path: readonly PropertyKey[]) => Position;
}

/** What the alias rule needs. */
export interface AliasCheckInput {
  /** Every locale. */
  readonly locales: readonly AliasLocale[];
  /** Every story folder, `YYYY/slug`: drafts and untranslated ones too, their pages will exist one day. */
  readonly storyFolders: Iterable<string>;
  /** Every article file, in the checker's (file) order. */
  readonly articles: readonly AliasArticle[];
  /** How a file relative to the content folder is named in messages. */
  readonly display: (rel: string) => string;
  /** The `public/` folder whose files the site serves at its root (default: `public` where the check runs). */
  readonly publicDir?: string;
}

/** One alias refused. */
export interface AliasProblem {
  /** The article, relative to the content folder. */
  readonly rel: string;
  /** Where the alias is written. */
  readonly position: Position;
  /** `aliases[i]`. */
  readonly field: string;
  /** What it would hide or clash with, and what to do. */
  readonly message: string;
}

/**
 * Refuses every alias that would hide a page of the site, repeats another alias (after
 * normalisation) or falls outside the site. Aliases the schema refuses are left to its message.
 */
export function checkAliases(input: AliasCheckInput): AliasProblem[] {
  const registry = aliasRegistry({
    locales: input.locales,
    stories: [...input.storyFolders].map((folder) => {
      const [year = '', slug = ''] = folder.split('/');
      return { year, slug };
    }),
    publicFiles: publicFiles(input.publicDir ?? path.resolve('public')),
  });
  const problems: AliasProblem[] = [];
  for (const article of input.articles) {
    const aliases = article.raw?.['aliases'];
    if (!Array.isArray(aliases)) continue;
    aliases.forEach((alias: unknown, index) => {
      if (typeof alias !== 'string') return;
      // A path that cannot be normalised is the schema's to report, with this same normaliser's words.
      if (!normaliseAlias(alias).ok) return;
      const field = `aliases[${index}]`;
      const result = registry.claim(alias, { file: input.display(article.rel), field });
      if (!result.ok) {
        problems.push({
          rel: article.rel,
          position: article.locate(['aliases', index]),
          field,
          message: result.message,
        });
      }
    });
  }
  return problems;
}
