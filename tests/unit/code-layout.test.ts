// The tree, the README's "Code layout" and the import rules agree: every alias of package.json#imports
// points at something that exists, every folder of the three programs is named in the README, and
// the lint rule that states the direction of imports (tools/ → pipeline/ → src/) really refuses an
// import against it. The rule is read from eslint.config.js itself (ESLint's config for a path) and
// run on short strings, so the test follows the real configuration rather than restating it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> };
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The fenced tree of the README's "Code layout" section. */
function layoutBlock(): string {
  const section = readme.slice(readme.indexOf('## Code layout'));
  const fence = section.indexOf('```');
  return section.slice(fence + 3, section.indexOf('```', fence + 3));
}

/** The folders directly inside `dir`. */
const folders = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

const eslint = new ESLint({ cwd: root });

/** The messages of the import rule configured for `file`, on `source`. */
async function importProblems(file: string, source: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(path.join(root, file))) as {
    rules?: Record<string, Linter.RuleEntry>;
  };
  const rule = config.rules?.['no-restricted-imports'];
  if (!rule) return [];
  const messages = new Linter().verify(source, {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: { 'no-restricted-imports': rule },
  });
  return messages.map((m) => m.message);
}

describe('code layout', () => {
  it('resolves every package.json#imports alias to a file or folder that exists', () => {
    const missing = Object.entries(pkg.imports)
      .map(([alias, target]) => [alias, target.replace(/\*$/, '')] as const)
      .filter(([, target]) => !existsSync(path.join(root, target)));
    expect(missing).toEqual([]);
  });

  it('names every folder of the site, the pipeline and the tools in the README', () => {
    const block = layoutBlock();
    const unnamed = [
      ...folders('src').map((name) => ({ name, where: 'src' })),
      ...folders('pipeline').map((name) => ({ name, where: 'pipeline' })),
      ...folders('tools').map((name) => ({ name, where: 'tools' })),
    ].filter(({ name }) => !new RegExp(`(^|\\s)${name}/`, 'm').test(block));
    expect(unnamed, 'add these folders to the README\'s "Code layout"').toEqual([]);
    for (const top of ['src/', 'pipeline/', 'tools/', 'tests/']) expect(block).toContain(top);
  });

  it('lets each program import only what the direction allows', async () => {
    const refused = async (file: string, specifier: string): Promise<boolean> =>
      (await importProblems(file, `import '${specifier}';\n`)).length > 0;
    // The site imports only itself.
    expect(await refused('src/pages/zz-probe.ts', '#pipeline/links.ts')).toBe(true);
    expect(await refused('src/data/zz-probe.ts', '#tools/changes.ts')).toBe(true);
    expect(await refused('src/data/zz-probe.ts', '#lib/paths.ts')).toBe(false);
    // src/lib is pure: no astro: modules, no site config, no Astro-facing modules.
    expect(await refused('src/lib/zz-probe.ts', 'astro:content')).toBe(true);
    expect(await refused('src/lib/zz-probe.ts', '#site.config')).toBe(true);
    expect(await refused('src/lib/zz-probe.ts', '#data/content.ts')).toBe(true);
    expect(await refused('src/lib/zz-probe.ts', './paths.ts')).toBe(false);
    // The pipeline never imports the tools; the tools may import the pipeline and the site's lib.
    expect(await refused('pipeline/zz-probe.ts', '#tools/lib/cli.ts')).toBe(true);
    expect(await refused('pipeline/zz-probe.ts', '#lib/paths.ts')).toBe(false);
    expect(await refused('tools/zz-probe.ts', '#pipeline/check/checker.ts')).toBe(false);
    // Nothing but the tests imports the tests, and nobody climbs out of a folder.
    expect(await refused('tools/zz-probe.ts', '#tests/helpers.ts')).toBe(true);
    expect(await refused('tools/bin/zz-probe.ts', '../lib/cli.ts')).toBe(true);
    expect(await refused('tests/unit/zz-probe.ts', '#tests/helpers.ts')).toBe(false);
  });
});
