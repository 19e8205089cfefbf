// Lint: typescript-eslint's type-checked recommended rules for TypeScript (`recommendedTypeChecked`,
// with the project's tsconfig through the project service), eslint-plugin-astro's for components.
// `npm run lint` allows no warning (`--max-warnings 0`).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

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
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
