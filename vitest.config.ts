// Three test tiers, each a Vitest project with its own script:
//   unit         tests/unit: pure functions, plugins on strings, the checker on temporary trees; no build.
//   integration  tests/integration: real builds of fixture sites, asserted on their output (slow, so
//                long timeouts; builds serialize through the lock in tests/integration/build-site.ts).
//   browser      tests/browser: a built site driven by Debian's Chromium, with axe.
// The global set-up (run once per `vitest run`, not per project) makes the folder where test files of
// both build tiers share one build per distinct inputs (`sharedBuild` in tests/integration/build-site.ts).
// `npm test` runs all three; `npm run test:unit -- --coverage` gives the unit tier's coverage figure.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 300_000,
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'] } },
    ],
    coverage: {
      provider: 'v8',
      // What the unit tier is about: the site's code, the pipeline and the tools' libraries (not their CLIs).
      include: ['src/**/*.ts', 'pipeline/**/*.ts', 'tools/**/*.ts'],
      exclude: ['tools/bin/**', 'pipeline/build.ts', 'pipeline/heap.ts', 'pipeline/dev.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
