import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/conformance/**', 'test/browser/**'],
        },
      },
      {
        // Spawns the real Node entry and the Worker under `wrangler dev` (workerd): slower, so run in series.
        extends: true,
        test: {
          name: 'conformance',
          globalSetup: ['./test/support/build-node-entry.ts'],
          include: ['test/conformance/**/*.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
