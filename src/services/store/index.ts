/** The bot's persistent state: the interface, its SQLite implementation and the schema. */
export * from './types.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export { APPLICATION_ID, SqliteStateStore, type SqliteStoreOptions } from './sqlite.js';

import { SqliteStateStore, type SqliteStoreOptions } from './sqlite.js';
import type { StateStore } from './types.js';

/** Opens the state at `databasePath` (DATABASE_PATH). Throws a French `StoreError`. */
export function openStateStore(databasePath: string, options?: SqliteStoreOptions): StateStore {
  return new SqliteStateStore(databasePath, options);
}
