/** What only the PostgreSQL store does: schema migrations shared by processes, and its error messages. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { POSTGRES_MIGRATIONS, PostgresStateStore, StoreError, openConfiguredStateStore } from '../../src/services/store/index.js';
import { createTestDatabase } from '../support/postgres-server.js';
import { postgresStores } from './stores.js';

const database = await createTestDatabase(inject('pgAdminUrl'), 'depeche_pg');
const stores = postgresStores(database.url);
afterAll(async () => {
  await stores.cleanup();
  await database.drop();
});

const open: PostgresStateStore[] = [];
async function store(url: string, options?: Parameters<typeof PostgresStateStore.open>[1]): Promise<PostgresStateStore> {
  const s = await PostgresStateStore.open(url, options);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

/** Runs SQL in the schema of a location (its `search_path`). */
async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL schema', () => {
  it('is migrated once, even by processes opening a new database together, and versions are recorded', async () => {
    const url = await stores.freshLocation();
    const [a, b, c] = await Promise.all([store(url), store(url), store(url)]);
    expect(await a.schemaVersion()).toBe(POSTGRES_MIGRATIONS.length);
    expect((await b.appliedMigrations()).map((m) => m.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    // Reopening (a restart) applies nothing.
    expect(await c.migrate()).toEqual([]);
  });

  it('applies only the new migrations of a newer release, keeping the data', async () => {
    const url = await stores.freshLocation();
    const v1 = await store(url);
    await v1.upsertGuildSettings({ guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Paris', enabled: true, topics: [] });
    const v2Migrations = [...POSTGRES_MIGRATIONS, { version: POSTGRES_MIGRATIONS.length + 1, name: 'settings note', sql: 'ALTER TABLE guild_settings ADD COLUMN note TEXT' }];
    const v2 = await store(url, { migrations: v2Migrations });
    expect((await v2.appliedMigrations()).map((m) => [m.version, m.name])).toEqual([
      ...POSTGRES_MIGRATIONS.map((m) => [m.version, m.name]),
      [POSTGRES_MIGRATIONS.length + 1, 'settings note'],
    ]);
    expect((await v2.getGuildSettings('g1'))?.channelId).toBe('c1');
  });

  it('rolls a failing migration back entirely', async () => {
    const url = await stores.freshLocation();
    await store(url);
    const broken = [...POSTGRES_MIGRATIONS, { version: POSTGRES_MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (a int); INSERT INTO missing_table VALUES (1);' }];
    const error = await storeError(PostgresStateStore.open(url, { migrations: broken }));
    expect(error.message).toMatch(/^DATABASE_URL : « postgres:\/\/depeche:\*\*\*@.* » : échec pendant la migration \d+ \(42P01/);
    expect((await sql(url, "SELECT to_regclass('half_done') AS t")).rows[0]).toEqual({ t: null });
    expect((await sql(url, 'SELECT max(version) AS v FROM schema_migrations')).rows[0]).toEqual({ v: POSTGRES_MIGRATIONS.length });
  });

  it('refuses a database written by a newer version', async () => {
    const url = await stores.freshLocation();
    await store(url);
    await sql(url, "INSERT INTO schema_migrations VALUES (7, 'future', now())");
    const error = await storeError(PostgresStateStore.open(url));
    expect(error.message).toContain(`cette base vient d'une version plus récente de Dépêche (schéma 7, cette version connaît jusqu'au ${POSTGRES_MIGRATIONS.length})`);
  });

  it("refuses another application's database instead of mixing tables into it", async () => {
    const url = await stores.freshLocation();
    await sql(url, 'CREATE TABLE users (id serial PRIMARY KEY, email text)');
    const error = await storeError(openConfiguredStateStore({ databaseUrl: url, databasePath: 'unused.db' }));
    expect(error.message).toContain("cette base contient les tables d'une autre application (users)");
    expect((await sql(url, "SELECT to_regclass('guild_settings') AS t")).rows[0]).toEqual({ t: null });
  });

  it('can leave migrating to `npm run migrate`, and then says so when it has not run', async () => {
    const url = await stores.freshLocation();
    const error = await storeError(PostgresStateStore.open(url, { migrate: false }));
    expect(error.message).toContain(`schéma en version 0, cette version de Dépêche attend la ${POSTGRES_MIGRATIONS.length} ; lancez npm run migrate.`);
  });
});

/** `npm run migrate` as an operator runs it (in a folder without .env). */
function runMigrate(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = join(import.meta.dirname, '../../src/migrate.ts');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', pathToFileURL(join(import.meta.dirname, '../../node_modules/tsx/dist/loader.mjs')).href, script],
      { cwd: mkdtempSync(join(tmpdir(), 'depeche-migrate-')), env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run migrate', () => {
  it('applies the PostgreSQL migrations once, says which, and never prints the password', { timeout: 90_000 }, async () => {
    const url = await stores.freshLocation();
    const password = new URL(url).password;
    const first = await runMigrate({ DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(
      new RegExp(`^PostgreSQL postgres://depeche:\\*\\*\\*@.* : migrations appliquées : 1 \\(${POSTGRES_MIGRATIONS[0]!.name}\\), 2 .* ; schéma en version ${POSTGRES_MIGRATIONS.length}\\.\n$`),
    );
    const again = await runMigrate({ DATABASE_URL: url });
    expect(again.stdout).toMatch(/déjà à jour \(schéma en version \d+\)\.\n$/);
    expect(first.stdout + again.stdout).not.toContain(password);
    // The bot then opens it without migrating anything.
    expect(await (await store(url, { migrate: false })).schemaVersion()).toBe(POSTGRES_MIGRATIONS.length);
  });

  it('stops with one line naming DATABASE_URL when the URL is not PostgreSQL', { timeout: 60_000 }, async () => {
    const result = await runMigrate({ DATABASE_URL: 'mysql://root:pw@localhost/depeche' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('DATABASE_URL : URL PostgreSQL invalide : attendu postgres://utilisateur:motdepasse@hôte:5432/base.\n');
  });
});

describe('PostgreSQL errors', () => {
  it('an unreachable server gets one French line without the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const error = await storeError(PostgresStateStore.open(`postgres://bot:s3cret-pass@127.0.0.1:${port}/depeche`, { connectTimeoutMs: 2_000 }));
    expect(error.message).toBe(
      `DATABASE_URL : « postgres://bot:***@127.0.0.1:${port}/depeche » : serveur PostgreSQL injoignable pendant la connexion (ECONNREFUSED) ; vérifiez l'hôte, le port et que le serveur tourne.`,
    );
    expect(error.message).not.toContain('s3cret-pass');
  });

  it('a database that does not exist is named, with the fix', async () => {
    const url = new URL(database.url);
    url.pathname = '/depeche_nowhere';
    const error = await storeError(PostgresStateStore.open(url.toString()));
    expect(error.message).toContain("cette base n'existe pas sur le serveur (3D000) ; créez-la (CREATE DATABASE) ou corrigez l'URL.");
    expect(error.message).not.toContain(new URL(database.url).password);
  });
});
