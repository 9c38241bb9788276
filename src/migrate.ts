/**
 * `npm run migrate`: brings the state database to this version's schema and says what it did.
 * With DATABASE_URL, the PostgreSQL schema (run it once before starting upgraded processes on
 * several machines; processes that start together also migrate safely, under an advisory lock).
 * Without, the SQLite file at DATABASE_PATH (which the bot also migrates when it opens it).
 */
import { ConfigError, loadConfigFromFile } from './config.js';
import { MIGRATIONS, POSTGRES_MIGRATIONS, PostgresStateStore, SqliteStateStore, StoreError, redactDatabaseUrl } from './services/store/index.js';

async function main(): Promise<void> {
  const config = loadConfigFromFile();
  if (config.databaseUrl) {
    const where = redactDatabaseUrl(config.databaseUrl);
    const store = await PostgresStateStore.connect(config.databaseUrl);
    try {
      const applied = await store.migrate();
      const version = await store.schemaVersion();
      const names = POSTGRES_MIGRATIONS.filter((m) => applied.includes(m.version)).map((m) => `${m.version} (${m.name})`);
      process.stdout.write(
        applied.length > 0
          ? `PostgreSQL ${where} : migrations appliquées : ${names.join(', ')} ; schéma en version ${version}.\n`
          : `PostgreSQL ${where} : déjà à jour (schéma en version ${version}).\n`,
      );
    } finally {
      await store.close();
    }
    return;
  }
  const store = new SqliteStateStore(config.databasePath);
  try {
    process.stdout.write(`SQLite « ${config.databasePath} » : schéma en version ${store.schemaVersion()} (sur ${MIGRATIONS.length}).\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StoreError;
  process.stderr.write(known ? `${error.message}\n` : `Erreur inattendue pendant la migration : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
