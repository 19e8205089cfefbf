// package.json says what the site needs: every package the site, its build and the tools import at
// run time is a dependency; type-only imports and test helpers are devDependencies; nothing imported
// is undeclared (a package that only arrives through another one can vanish with its next release).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The source files below `dir` (fixtures hold other projects' code, not ours). */
function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|astro|mjs)$/.test(file) && !file.split(path.sep).includes('fixtures'))
    .map((file) => path.join(root, dir, file));
}

/** Package names imported by `files`, split into value imports and type-only imports. */
function imports(files: readonly string[]): { runtime: Set<string>; types: Set<string> } {
  const runtime = new Set<string>();
  const types = new Set<string>();
  const statement =
    /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(statement)) {
      const specifier = m[3] ?? m[4] ?? '';
      if (/^(\.|\/|node:|astro:|#|virtual:)/.test(specifier) || specifier === '') continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      (m[2] ? types : runtime).add(name);
    }
  }
  for (const name of runtime) types.delete(name);
  return { runtime, types };
}

/** The package that provides a type-only import (`hast` comes from `@types/hast`). */
const typesPackage = (name: string): string =>
  name in pkg.dependencies || name in pkg.devDependencies ? name : `@types/${name.replace('@', '').replace('/', '__')}`;

describe('package.json', () => {
  const site = imports([
    ...sources('src'),
    ...sources('pipeline'),
    ...sources('tools'),
    path.join(root, 'astro.config.mjs'),
  ]);

  it('lists every package the site, the build and the tools import at run time as a dependency', () => {
    const missing = [...site.runtime].filter((name) => !(name in pkg.dependencies)).sort();
    expect(missing, 'move these to "dependencies" (npm install --save <name>)').toEqual([]);
  });

  it('declares the packages that only give types', () => {
    const undeclared = [...site.types]
      .map(typesPackage)
      .filter((name) => !(name in pkg.dependencies) && !(name in pkg.devDependencies));
    expect(undeclared).toEqual([]);
  });

  it('declares every package the tests import', () => {
    const tests = imports([...sources('tests'), path.join(root, 'vitest.config.ts')]);
    const undeclared = [...tests.runtime, ...[...tests.types].map(typesPackage)]
      .filter((name) => !(name in pkg.dependencies) && !(name in pkg.devDependencies))
      .sort();
    expect(undeclared).toEqual([]);
  });
});
