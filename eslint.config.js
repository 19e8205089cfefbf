// Lint: typescript-eslint's type-checked recommended rules for TypeScript (`recommendedTypeChecked`,
// with the project's tsconfig through the project service), eslint-plugin-astro's for components.
// `npm run lint` allows no warning (`--max-warnings 0`).
//
// The direction of imports (README, "Code layout"): tools/ → pipeline/ → src/. The site (src/) imports
// only itself; src/lib/ is pure (no `astro:` modules, no Astro components, data or pages); the build
// pipeline never imports the tools; nothing imports the tests. Across folders, imports use the
// package.json#imports aliases (`#lib/…`), never `../` climbs.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * A `no-restricted-imports` pattern for module names starting with one of `prefixes`, with the
 * message an engineer sees. A regex, because the rule's gitignore-style globs read `#` as a comment.
 */
const forbid = (prefixes, message) => ({
  regex: `^(?:${prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  message,
});
const noClimb = {
  regex: '^\\.\\./',
  message: 'Import across folders through a package.json#imports alias (#lib/…, #pipeline/…).',
};
const noTests = forbid(['#tests/'], 'Only tests import the tests.');
const noTools = forbid(
  ['#tools/'],
  'The build pipeline and the site never import the tools (tools/ → pipeline/ → src/).',
);
const noPipeline = forbid(['#pipeline/'], 'The site never imports the build pipeline (tools/ → pipeline/ → src/).');
const restrict = (...patterns) => ({ rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default defineConfig(
  { ignores: ['dist/', 'dist.versions/', 'dist.building/', '.astro/', 'node_modules/', 'schemas/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  astro.configs.recommended,
  // Components and plain JavaScript: the untyped rules. Astro's parser gives typed rules no program
  // for a component's frontmatter; `astro check` type-checks components instead.
  { files: ['**/*.astro', '**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // Vitest's asymmetric matchers (`expect.any(String)`, `expect.stringContaining(…)`) are typed
    // `any` by Vitest itself; placing one in an expected object is what they are for.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['**/*.{ts,mjs,js,astro}'], ...restrict(noClimb) },
  { files: ['tools/**'], ...restrict(noClimb, noTests) },
  { files: ['pipeline/**'], ...restrict(noClimb, noTests, noTools) },
  { files: ['src/**', 'astro.config.mjs'], ...restrict(noClimb, noTests, noTools, noPipeline) },
  {
    files: ['src/lib/**'],
    ...restrict(
      noClimb,
      noTests,
      noTools,
      noPipeline,
      forbid(
        [
          'astro:',
          '#data/',
          '#components/',
          '#layouts/',
          '#integrations/',
          '#loaders/',
          '#plugins/',
          '#client/',
          '#site.config',
        ],
        'src/lib/ is pure TypeScript: no astro: modules, no site config (it arrives as an argument), no Astro-facing modules.',
      ),
    ),
  },
  {
    // Settings arrive as arguments there too: `buildSettings(process.env)` is called by the site's
    // data modules and the tools, never inside src/lib/.
    files: ['src/lib/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'src/lib/ takes settings as arguments: pass buildSettings(process.env) in.',
        },
      ],
    },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
