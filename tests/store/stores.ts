/**
 * The two state stores the contract suite runs against. A location is what a bot process would
 * be given: a SQLite path (DATABASE_PATH) or a PostgreSQL URL (DATABASE_URL); child processes of
 * the race tests open it the same way (`openLocation`).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openConfiguredStateStore, type StateStore } from '../../src/services/store/index.js';

export interface StoreUnderTest {
  name: string;
  /** A new, empty state location (a folder that does not exist yet, or an empty PostgreSQL schema). */
  freshLocation(): Promise<string>;
  /** Frees what the suite created. */
  cleanup(): Promise<void>;
}

/** Opens a location as the bot would: a `postgres://` URL is DATABASE_URL, anything else DATABASE_PATH. */
export function openLocation(location: string): Promise<StateStore> {
  return /^postgres(ql)?:\/\//.test(location)
    ? openConfiguredStateStore({ databaseUrl: location, databasePath: '' })
    : openConfiguredStateStore({ databasePath: location });
}

export function sqliteStores(): StoreUnderTest {
  const root = mkdtempSync(join(tmpdir(), 'depeche-contract-'));
  let counter = 0;
  return {
    name: 'SQLite',
    freshLocation: async () => join(root, `case-${++counter}`, 'nested', 'bot.db'),
    cleanup: async () => undefined,
  };
}

/**
 * PostgreSQL: one database per test file (given), one schema per test, selected by the URL's
 * `options=-c search_path=…` as an operator could do to share a database.
 */
export function postgresStores(databaseUrl: string): StoreUnderTest {
  let counter = 0;
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  // The file's database is dropped (connections closed by force) at the end of the file.
  admin.on('error', () => undefined);
  return {
    name: 'PostgreSQL',
    async freshLocation() {
      const schema = `case_${++counter}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return url.toString();
    },
    cleanup: () => admin.end(),
  };
}
