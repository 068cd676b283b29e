import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throwaway Postgres for the run (test/support/postgres.ts).
    globalSetup: ['test/support/postgres-global.ts'],
    // End-to-end tests start real discord.js clients and child processes on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
