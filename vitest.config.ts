import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // the end-to-end tests run the built binary and headless Chromium: two cores, so keep it calm
    maxWorkers: 2,
  },
});
