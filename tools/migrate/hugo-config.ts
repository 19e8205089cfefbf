/**
 * Reading a Hugo site's configuration for `npm run migrate` (issue 15): which languages the site
 * has, which is the default, and where each one's content lives. Only what decides where pages are
 * and which language they are in is taken; themes, menus and params are left to Hugo.
 *
 * Hugo's rules, as documented: the configuration is a root file (`hugo.toml|yaml|yml|json`, or the
 * legacy `config.*`, the first found) and/or a `config/` directory whose `_default/` files merge,
 * then those of the environment (`production/`, the environment `hugo` builds in). In the directory,
 * `hugo.*` (or `config.*`) holds root keys, any other file `<key>.*` holds the value of `<key>`
 * (`languages.toml` is the `languages` table) and `<key>.<lang>.*` that of `languages.<lang>.<key>`
 * (`menus.en.toml`). Where the root file and the directory both set a key, the root file wins (an
 * assumption: Hugo's documentation does not say). Keys are case-insensitive, as in Hugo; language
 * codes are kept as written.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeUtf8 } from '#lib/source.ts';
import { parseData, type DataFormat } from './hugo-content.ts';
import type { SourceProblem } from './source-page.ts';

/** One language of a Hugo site. */
export interface HugoLanguage {
  /** The language code as written in the configuration ('en', 'zh-cn'). */
  readonly code: string;
  /** Its `weight` (order in the language list; 0 when unset, which Hugo sorts last). */
  readonly weight: number;
  /** Absolute path of its content folder: its own `contentDir`, or the site's. */
  readonly contentDir: string;
  /** Whether it has a `contentDir` of its own (translation by folder, not by file name suffix). */
  readonly ownContentDir: boolean;
  /** Whether it is switched off (`disabled`, or listed in `disableLanguages`): Hugo builds none of its pages. */
  readonly disabled: boolean;
}

/** What migrate needs from a Hugo site's configuration. */
export interface HugoConfig {
  /** The default language's code (`defaultContentLanguage`, 'en' when unset), as spelled in `languages`. */
  readonly defaultLocale: string;
  /** The languages in Hugo's order (by weight, unset weights last, then by code). */
  readonly languages: readonly HugoLanguage[];
  /** Hugo's `ignoreFiles` patterns: content files whose path matches one are not pages. */
  readonly ignoreFiles: readonly RegExp[];
  /** Absolute paths of the configuration files read, in merge order. */
  readonly files: readonly string[];
  /** The raw `permalinks` table (section → pattern, or Hugo's `page`/`section`/… sub-tables); empty when unset. */
  readonly permalinks: Readonly<Record<string, unknown>>;
}

/** A map of configuration keys. */
type Table = Record<string, unknown>;

const FORMATS: Readonly<Record<string, DataFormat>> = { toml: 'toml', yaml: 'yaml', yml: 'yaml', json: 'json' };
const ROOT_NAMES = ['hugo', 'config'];

/** Reads the configuration of the Hugo site in `siteDir`; what cannot be read is added to `problems`. */
export function readHugoConfig(siteDir: string, problems: SourceProblem[]): HugoConfig {
  const files: string[] = [];
  const merged: Table = {};
  for (const environment of ['_default', 'production']) {
    for (const [file, keyPath] of configDirFiles(join(siteDir, 'config', environment), problems)) {
      const data = readConfigFile(file, problems);
      if (data) mergeInto(merged, nest(keyPath, data));
      if (data) files.push(file);
    }
  }
  const root = rootConfigFile(siteDir, problems);
  const rootData = root && readConfigFile(root, problems);
  if (root && rootData) {
    mergeInto(merged, rootData);
    files.push(root);
  }
  const where = root ?? files.at(-1) ?? siteDir;
  if (files.length === 0) {
    problems.push({
      file: siteDir,
      line: 1,
      message: 'no Hugo configuration found (hugo.toml, hugo.yaml, hugo.json, config.* or config/_default/)',
    });
  }
  return {
    ...languagesOf(siteDir, merged, where, problems),
    ignoreFiles: ignorePatterns(merged, where, problems),
    files,
    permalinks: permalinksOf(merged),
  };
}

/** The `permalinks` table as written (migrate's old-urls.ts makes old addresses from it); empty when unset or not a table. */
function permalinksOf(config: Table): Table {
  const value = get(config, 'permalinks');
  return isTable(value) ? value : {};
}

/** The root configuration file: the first of hugo.toml, hugo.yaml, … config.json that exists. */
function rootConfigFile(siteDir: string, problems: SourceProblem[]): string | undefined {
  for (const name of ROOT_NAMES) {
    for (const ext of Object.keys(FORMATS)) {
      const file = join(siteDir, `${name}.${ext}`);
      const kind = kindOf(file);
      if (kind === 'link') problems.push(linkProblem(file));
      if (kind === 'file') return file;
    }
  }
  return undefined;
}

/** The configuration files of one `config/<environment>/` folder with the key path each one sets, by name. */
function configDirFiles(dir: string, problems: SourceProblem[]): [string, string[]][] {
  const kind = kindOf(dir);
  if (kind === 'link') problems.push(linkProblem(dir));
  if (kind !== 'dir') return [];
  const found: [string, string[]][] = [];
  for (const name of readdirSync(dir).sort()) {
    const parts = name.split('.');
    const ext = parts.pop() ?? '';
    if (!(ext in FORMATS) || parts.length === 0 || parts.length > 2) continue;
    const file = join(dir, name);
    if (kindOf(file) === 'link') {
      problems.push(linkProblem(file));
      continue;
    }
    const [key = '', lang] = parts;
    if (ROOT_NAMES.includes(key.toLowerCase()) && lang === undefined) found.push([file, []]);
    else found.push([file, lang === undefined ? [key] : ['languages', lang, key]]);
  }
  return found;
}

/** A configuration file's parsed data, or undefined after reporting why it cannot be read. */
function readConfigFile(file: string, problems: SourceProblem[]): Table | undefined {
  const decoded = decodeUtf8(readFileSync(file));
  if (!decoded.ok) {
    problems.push({ file, line: decoded.line, message: decoded.message });
    return undefined;
  }
  const format = FORMATS[file.slice(file.lastIndexOf('.') + 1)] ?? 'toml';
  const parsed = parseData(decoded.text.replace(/^\uFEFF/, ''), format);
  if (parsed.ok) return parsed.value;
  problems.push({ file, line: parsed.line, message: `the configuration cannot be read: ${parsed.message}` });
  return undefined;
}

/** `data` placed under the key path (`['languages', 'en', 'menus']`). */
function nest(keyPath: readonly string[], data: Table): Table {
  return keyPath.reduceRight<Table>((inner, key) => ({ [key]: inner }), data);
}

/** Deep-merges `source` into `target`; keys match case-insensitively and keep their first spelling. */
function mergeInto(target: Table, source: Table): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = Object.keys(target).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
    const current = target[existing];
    if (isTable(current) && isTable(value)) mergeInto(current, value);
    else target[existing] = isTable(value) ? structuredClone(value) : value;
  }
}

/** A configuration value by key, case-insensitively (Hugo's keys are). */
function get(table: Table, key: string): unknown {
  const found = Object.keys(table).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? undefined : table[found];
}

/** Whether a value is a map of keys. */
function isTable(value: unknown): value is Table {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The site's languages and default language, from the merged configuration. */
function languagesOf(
  siteDir: string,
  config: Table,
  where: string,
  problems: SourceProblem[],
): Pick<HugoConfig, 'defaultLocale' | 'languages'> {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const siteContent = resolve(siteDir, text(get(config, 'contentDir')) ?? 'content');
  const wanted = text(get(config, 'defaultContentLanguage')) ?? 'en';
  const off = get(config, 'disableLanguages');
  const disabledCodes = new Set(Array.isArray(off) ? off.map((code) => String(code).toLowerCase()) : []);
  const table = get(config, 'languages');
  const entries = isTable(table) ? Object.entries(table) : [[wanted, {}] as const];
  const languages: HugoLanguage[] = [];
  for (const [code, value] of entries) {
    if (!isTable(value)) {
      problems.push({ file: where, line: 1, message: `languages.${code} must be a table of settings` });
      continue;
    }
    const own = text(get(value, 'contentDir'));
    const weight = Number(get(value, 'weight') ?? 0);
    languages.push({
      code,
      weight: Number.isFinite(weight) ? weight : 0,
      contentDir: own === undefined ? siteContent : resolve(siteDir, own),
      ownContentDir: own !== undefined,
      disabled: get(value, 'disabled') === true || disabledCodes.has(code.toLowerCase()),
    });
  }
  // Hugo's order: by weight, an unset weight (0) after every set one, then by code.
  languages.sort((a, b) =>
    a.weight === b.weight
      ? a.code < b.code
        ? -1
        : a.code > b.code
          ? 1
          : 0
      : b.weight === 0
        ? -1
        : a.weight === 0
          ? 1
          : a.weight - b.weight,
  );
  const fallback = languages[0]?.code ?? wanted;
  const defaultLocale = languages.find((l) => l.code.toLowerCase() === wanted.toLowerCase())?.code;
  if (defaultLocale === undefined) {
    problems.push({
      file: where,
      line: 1,
      message: `defaultContentLanguage "${wanted}" is not one of the languages (${languages.map((l) => l.code).join(', ')}); "${fallback}" is taken as the default`,
    });
  }
  return { defaultLocale: defaultLocale ?? fallback, languages };
}

/** Hugo's `ignoreFiles` as regular expressions (Go's syntax is close enough for such patterns). */
function ignorePatterns(config: Table, where: string, problems: SourceProblem[]): RegExp[] {
  const list = get(config, 'ignoreFiles');
  const patterns: RegExp[] = [];
  for (const source of Array.isArray(list) ? list : []) {
    try {
      patterns.push(new RegExp(String(source)));
    } catch {
      problems.push({
        file: where,
        line: 1,
        message: `ignoreFiles pattern "${String(source)}" cannot be read as a regular expression`,
      });
    }
  }
  return patterns;
}

/** What a path is, without following a symbolic link. */
export function kindOf(path: string): 'file' | 'dir' | 'link' | 'other' | 'missing' {
  try {
    const stat = lstatSync(path);
    return stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** The problem of a symbolic link, which migrate never follows. */
export function linkProblem(path: string): SourceProblem {
  return {
    file: path,
    line: 1,
    message:
      'a symbolic link: migrate does not follow links (they may point outside the site); copy the file or folder in instead',
  };
}
