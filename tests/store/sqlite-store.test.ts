import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  MIGRATIONS,
  openStateStore,
  SqliteStateStore,
  StoreError,
  type SlotClaim,
} from '../../src/services/store/index.js';

const root = mkdtempSync(join(tmpdir(), 'depeche-store-'));
let counter = 0;
/** A fresh database path in a folder that does not exist yet. */
const freshPath = () => join(root, `case-${++counter}`, 'nested', 'bot.db');

const open: SqliteStateStore[] = [];
function store(path: string, options?: ConstructorParameters<typeof SqliteStateStore>[1]): SqliteStateStore {
  const s = new SqliteStateStore(path, options);
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}

const T0 = new Date('2026-11-25T07:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const claimOf = (nonce: string, slotKey = '2026-11-25 08:00'): SlotClaim => ({ guildId: 'g1', channelId: 'c1', slotKey, nonce });

describe('opening', () => {
  it('creates the parent folder, uses WAL with synchronous=FULL and a busy timeout', () => {
    const s = store(freshPath());
    expect(s.pragmas()).toEqual({ journalMode: 'wal', synchronous: 2, busyTimeout: 5000 });
  });

  it('works in memory for tests', async () => {
    const s = store(':memory:');
    expect(s.schemaVersion()).toBe(MIGRATIONS.length);
    expect(await s.listEnabledDigests()).toEqual([]);
  });

  it('runs migrations once and records their versions', () => {
    const path = freshPath();
    const first = store(path);
    expect(first.schemaVersion()).toBe(MIGRATIONS.length);
    expect(first.appliedMigrations().map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();

    // A second opening (restart) does not re-run migration 1, which would fail on existing tables.
    const again = store(path);
    expect(again.appliedMigrations()).toEqual(first.appliedMigrations());
  });

  it('applies only the new migrations of a newer release, keeping the data', async () => {
    const path = freshPath();
    const v1 = store(path);
    await v1.upsertGuildSettings({ guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Paris', enabled: true, topics: [] });
    await v1.close();

    const v2Migrations = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'settings note', sql: 'ALTER TABLE guild_settings ADD COLUMN note TEXT' }];
    const v2 = store(path, { migrations: v2Migrations });
    expect(v2.appliedMigrations().map((m) => [m.version, m.name])).toEqual([
      ...MIGRATIONS.map((m) => [m.version, m.name]),
      [MIGRATIONS.length + 1, 'settings note'],
    ]);
    expect((await v2.getGuildSettings('g1'))?.channelId).toBe('c1');
    await v2.close();
    // ALTER TABLE ADD COLUMN twice would fail: reopening proves it ran once.
    expect(store(path, { migrations: v2Migrations }).schemaVersion()).toBe(MIGRATIONS.length + 1);
  });

  it('rolls a failing migration back entirely', () => {
    const path = freshPath();
    store(path).close();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (a); INSERT INTO missing_table VALUES (1);' }];
    const error = storeError(() => new SqliteStateStore(path, { migrations: broken }));
    expect(error.message).toContain(path);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version, naming DATABASE_PATH', () => {
    const path = freshPath();
    store(path).close();
    const db = new Database(path);
    db.pragma('user_version = 7');
    db.close();
    const error = storeError(() => new SqliteStateStore(path));
    expect(error.message).toBe(
      `DATABASE_PATH : « ${path} » : cette base vient d'une version plus récente de Dépêche (schéma 7, cette version connaît jusqu'au ${MIGRATIONS.length}) ; mettez le bot à jour ou utilisez un autre fichier.`,
    );
  });

  it('refuses a file that is not SQLite, naming it', () => {
    const path = join(root, 'not-a-db.db');
    writeFileSync(path, '<!DOCTYPE html>\n<html><head><title>Le Monde diplomatique</title></head><body>Partager sur Facebook</body></html>\n'.repeat(20));
    const error = storeError(() => openStateStore(path));
    expect(error.message).toMatch(/^DATABASE_PATH : « .*not-a-db\.db » : ce fichier n'est pas une base SQLite de Dépêche ou il est endommagé/);
    expect(error.message).not.toContain('\n');
  });

  it("refuses another application's SQLite database instead of mixing tables into it", () => {
    const path = join(root, 'other-app.db');
    const db = new Database(path);
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO users (email) VALUES ('a@example.org');");
    db.close();
    const error = storeError(() => openStateStore(path));
    expect(error.message).toMatch(/^DATABASE_PATH : « .*other-app\.db » : ce fichier est une base SQLite d'une autre application \(tables : users\)/);
    // Untouched.
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'users' }]);
    check.close();
  });

  it('reports a path it cannot open as a database', () => {
    const dir = join(root, 'a-directory.db');
    mkdirSync(dir);
    expect(storeError(() => openStateStore(dir)).message).toMatch(/^DATABASE_PATH : « .*a-directory\.db » : /);
  });
});
