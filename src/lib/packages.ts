/**
 * Installed packages of the project being built, found from the working directory (the project
 * root in builds, tests and the benchmark's copy) the way Node looks them up: the nearest
 * `node_modules/<name>` up the tree. Not through `require.resolve`, which fails for packages that
 * export neither `package.json` nor a `require` entry (Pagefind), and not from this file, which in
 * a build runs from a bundled chunk in the output folder, outside `node_modules`' reach.
 * Pure TS, no `astro:` imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of the installed package `name`. */
export function packageDir(name: string, from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the installed package ${name} from ${from}`);
    dir = parent;
  }
}

/** The version of the installed package `name`. */
export function packageVersion(name: string, from?: string): string {
  const manifest = path.join(packageDir(name, from), 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
