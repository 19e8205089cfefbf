/**
 * The generator-neutral description of a site being migrated (`npm run migrate`, issue 15). The
 * Hugo and Docusaurus readers both return a `SourceSite`, so the later steps (mapping to our
 * content contract, pairing translations, writing files) are written once and never need to know
 * how either generator lays out its folders.
 */

/** Which static site generator a source site was written for. */
export type SourceGenerator = 'hugo' | 'docusaurus';

/** How a page's front matter was written. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none';

/** One page of the source site, as the generator sees it, before any mapping. */
export interface SourcePage {
  /** The generator the page was read for. */
  readonly generator: SourceGenerator;
  /** Absolute path of the Markdown file. */
  readonly file: string;
  /** Path relative to the site folder, with '/' separators. */
  readonly rel: string;
  /** The site's language code as written in its configuration ('en', 'zh-cn', 'zh-Hans'). */
  readonly sourceLocale: string;
  /** The parsed front matter (from YAML, TOML or JSON); empty when the file has none. */
  readonly frontMatter: Readonly<Record<string, unknown>>;
  /** How the front matter was written. */
  readonly frontMatterFormat: FrontMatterFormat;
  /** The Markdown after the front matter. */
  readonly body: string;
  /** 1-based line of the file where the body starts, for file:line reports. */
  readonly bodyLine: number;
  /** Absolute path of the page bundle folder (index.md with its assets), if the page is one. */
  readonly bundleDir?: string;
  /** The generator's explicit translation key (Hugo `translationKey`), if any. */
  readonly translationKey?: string;
  /** Path inside the section without language folder/suffix and extension, for pairing by path. */
  readonly pathKey: string;
  /** The front matter slug, if any. */
  readonly slug?: string;
  /** The front matter url, if any. */
  readonly url?: string;
  /** The front matter aliases (old addresses of the page); empty when none. */
  readonly aliases: readonly string[];
}

/** Something in the source site that could not be read; the file is skipped, never silently. */
export interface SourceProblem {
  /** Absolute path of the file or folder. */
  readonly file: string;
  /** 1-based line (1 when the problem is the file as a whole). */
  readonly line: number;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/** A file deliberately left out because it is not a story (a list page, for instance). */
export interface SkippedFile {
  /** Absolute path of the file. */
  readonly file: string;
  /** Why it was left out, in plain words. */
  readonly reason: string;
}

/** A source site: its languages and pages. */
export interface SourceSite {
  /** The generator the site was read for. */
  readonly generator: SourceGenerator;
  /** Absolute path of the site folder. */
  readonly siteDir: string;
  /** The default language code, as written in the site's configuration. */
  readonly defaultLocale: string;
  /** All language codes of the site, default first, then in the site's own order. */
  readonly locales: readonly string[];
  /** The news pages found, sorted by `rel`. */
  readonly pages: readonly SourcePage[];
  /** Files that could not be read, sorted by file then line. */
  readonly problems: readonly SourceProblem[];
  /** Files deliberately left out, sorted by file. */
  readonly skipped: readonly SkippedFile[];
}
