import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One PostgreSQL server for the run (embedded, or PG_TEST_URL); each test file makes its own database.
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/worker-setup.ts'],
    // Last guards only: no test waits on wall-clock speed (they wait for events), these catch a hang.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores: one worker on a 2-core machine, while
    // many files mostly wait (child processes, sockets, timers). Two at least, one per core above.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker keeps its loaded modules from one file to the next (discord.js, the services):
    // importing them again per file cost more than half the run. Files share no module state they
    // rely on (each opens its own stores, servers and folders; process.env changes are restored).
    isolate: false,
  },
});
