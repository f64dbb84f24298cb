import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // prints one line when the real-data conformance suite is skipped, fails when CI requires it
    globalSetup: ['test/setup/conformance.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // the end-to-end tests run the built binary and headless Chromium: two cores, so keep it calm
    maxWorkers: 2,
  },
});
