/** The state store contract on SQLite (DATABASE_PATH, the default). */
import { describeStateStoreContract } from './contract.js';
import { sqliteStores } from './stores.js';

describeStateStoreContract(() => sqliteStores());
