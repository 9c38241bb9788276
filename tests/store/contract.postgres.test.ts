/** The state store contract on PostgreSQL (DATABASE_URL), on the test run's server, in a database of this file. */
import { afterAll, inject } from 'vitest';
import { createTestDatabase } from '../support/postgres-server.js';
import { describeStateStoreContract } from './contract.js';
import { postgresStores } from './stores.js';

const database = await createTestDatabase(inject('pgAdminUrl'), 'depeche_contract');
afterAll(() => database.drop());

describeStateStoreContract(() => postgresStores(database.url));
