import { defineConfig } from 'vitest/config';

// Benchmarks run against the test bed like the integration tier, one file at a time so that
// timings do not compete; they write bench/results/*.json and bench/results/README.md.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
  },
});
