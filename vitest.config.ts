import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One PostgreSQL server for the run (embedded, or PG_TEST_URL); each test file makes its own database.
    globalSetup: ['tests/support/global-setup.ts'],
    // End-to-end tests start a fake Discord and a real bot: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
