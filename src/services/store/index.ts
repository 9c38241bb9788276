/** The bot's persistent state: the interface, its SQLite and PostgreSQL implementations and their schemas. */
export * from './types.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
export { APPLICATION_ID, SqliteStateStore, type SqliteStoreOptions } from './sqlite.js';
export { PostgresStateStore, redactDatabaseUrl, type PostgresStoreOptions } from './postgres.js';

import { PostgresStateStore, type PostgresStoreOptions } from './postgres.js';
import { SqliteStateStore, type SqliteStoreOptions } from './sqlite.js';
import type { StateStore } from './types.js';

/** Opens the state at `databasePath` (DATABASE_PATH). Throws a French `StoreError`. */
export function openStateStore(databasePath: string, options?: SqliteStoreOptions): StateStore {
  return new SqliteStateStore(databasePath, options);
}

/** Where the state lives: PostgreSQL when `databaseUrl` (DATABASE_URL) is set, else the SQLite file. */
export interface StateLocation {
  databaseUrl?: string;
  databasePath: string;
}

/**
 * Opens the configured state: PostgreSQL at DATABASE_URL when set (several processes or hosts),
 * else SQLite at DATABASE_PATH (one host). Throws a French `StoreError`.
 */
export async function openConfiguredStateStore(location: StateLocation, options: PostgresStoreOptions = {}): Promise<StateStore> {
  return location.databaseUrl ? PostgresStateStore.open(location.databaseUrl, options) : openStateStore(location.databasePath);
}

/** The password in DATABASE_URL, if any: a secret the logs must never show. */
export function databasePassword(location: Pick<StateLocation, 'databaseUrl'>): string | undefined {
  if (!location.databaseUrl) return undefined;
  try {
    const url = new URL(location.databaseUrl);
    return decodeURIComponent(url.password) || url.searchParams.get('password') || undefined;
  } catch {
    return undefined;
  }
}
