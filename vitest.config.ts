import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real servers, a real SQLite file and MJML's cold import (about a second) need headroom on
    // a shared two-core machine; these are limits against hangs, not performance assertions.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
