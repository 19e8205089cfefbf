// Test tiers: unit (tests/unit: lib, plugins, schemas, checker) and integration (tests/integration:
// real builds asserted on their output). Builds are slow, so integration tests get a long timeout.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 300_000,
  },
});
