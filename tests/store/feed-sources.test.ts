/** The feed-source contract on SQLite (a file, so that a reopening is a restart). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { describeFeedStoreContract } from './feed-sources.contract.js';

const root = mkdtempSync(join(tmpdir(), 'depeche-feed-store-'));
let counter = 0;

describeFeedStoreContract('SQLite', {
  async open() {
    const path = join(root, `case-${++counter}`, 'bot.db');
    return { store: new SqliteStateStore(path), reopen: async () => new SqliteStateStore(path) };
  },
});
