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

describe('guild digest settings', () => {
  it('are created, replaced and listed when enabled', async () => {
    const s = store(':memory:');
    expect(await s.getGuildSettings('g1')).toBeUndefined();
    const saved = await s.upsertGuildSettings({
      guildId: 'g1',
      channelId: 'c1',
      time: '8h30',
      timezone: 'europe/paris',
      enabled: true,
      topics: ['Russie', 'OTAN'],
      updatedAt: T0,
    });
    // Normalised on the way in.
    expect(saved).toEqual({ guildId: 'g1', channelId: 'c1', time: '08:30', timezone: 'Europe/Paris', enabled: true, topics: ['Russie', 'OTAN'], updatedAt: T0 });
    await s.upsertGuildSettings({ guildId: 'g2', channelId: 'c2', time: '18:00', timezone: 'America/New_York', enabled: false, topics: [] });
    await s.upsertGuildSettings({ ...saved, channelId: 'c9', topics: ['Chine'] });
    expect((await s.getGuildSettings('g1'))?.channelId).toBe('c9');
    expect((await s.listEnabledDigests()).map((g) => [g.guildId, g.topics])).toEqual([['g1', ['Chine']]]);
  });

  it('reject an invalid time or zone', async () => {
    const s = store(':memory:');
    const base = { guildId: 'g1', channelId: 'c1', enabled: true, topics: [] };
    await expect(s.upsertGuildSettings({ ...base, time: '25:00', timezone: 'Europe/Paris' })).rejects.toThrow(/Heure invalide/);
    await expect(s.upsertGuildSettings({ ...base, time: '08:00', timezone: 'Mars/Olympus' })).rejects.toThrow(/Fuseau horaire inconnu « Mars\/Olympus »/);
  });

  it('are disabled with the reason kept for the admins, until reconfigured', async () => {
    const s = store(':memory:');
    await s.upsertGuildSettings({ guildId: 'g1', channelId: 'c1', time: '08:00', timezone: 'Europe/Paris', enabled: true, topics: [] });
    await s.recordDigestError('g1', 'Discord indisponible (503).', minutes(1));
    expect(await s.getGuildSettings('g1')).toMatchObject({ enabled: true, lastError: 'Discord indisponible (503).' });

    await s.disableDigest('g1', 'Le salon a été supprimé.', minutes(2));
    expect(await s.getGuildSettings('g1')).toMatchObject({ enabled: false, lastError: 'Le salon a été supprimé.', lastErrorAt: minutes(2) });
    expect(await s.listEnabledDigests()).toEqual([]);

    const back = await s.upsertGuildSettings({ guildId: 'g1', channelId: 'c2', time: '08:00', timezone: 'Europe/Paris', enabled: true, topics: [] });
    expect(back.lastError).toBeUndefined();
    expect(back.enabled).toBe(true);
  });
});

describe('digest slots', () => {
  it('are claimed once: a second claimer sees in-progress, then already-posted', async () => {
    const s = store(':memory:');
    expect(await s.claimSlot(claimOf('a'), { now: T0 })).toBe('claimed');
    expect(await s.claimSlot(claimOf('b'), { now: minutes(1) })).toBe('in-progress');
    expect(await s.markPosted(claimOf('a'), '999', ['art-1', 'art-2'], { 'country:RUS': 4, 'org:nato': 1 }, minutes(1))).toBe(true);
    expect(await s.claimSlot(claimOf('c'), { now: minutes(30) })).toBe('already-posted');
    // Another slot of the same channel is independent.
    expect(await s.claimSlot(claimOf('d', '2026-11-26 08:00'), { now: minutes(30) })).toBe('claimed');
  });

  it('keep what the posted digest covered, for the next one', async () => {
    const s = store(':memory:');
    await s.claimSlot(claimOf('a', '2026-11-24 08:00'), { now: T0 });
    await s.markPosted(claimOf('a', '2026-11-24 08:00'), 'm1', ['art-1'], { 'country:UKR': 2 }, T0);
    await s.claimSlot(claimOf('b'), { now: minutes(1440) });
    await s.markPosted(claimOf('b'), 'm2', ['art-2', 'art-3'], { 'country:RUS': 5 }, minutes(1440));
    await s.claimSlot(claimOf('c', '2026-11-26 08:00'), { now: minutes(2880) });
    // Claimed but not posted: not "last posted".
    expect(await s.lastPosted('g1', 'c1')).toEqual({
      guildId: 'g1',
      channelId: 'c1',
      slotKey: '2026-11-25 08:00',
      status: 'posted',
      nonce: 'b',
      messageId: 'm2',
      attempts: 1,
      claimedAt: minutes(1440),
      postedAt: minutes(1440),
      articleIds: ['art-2', 'art-3'],
      actorCounts: { 'country:RUS': 5 },
    });
    expect(await s.lastPosted('g1', 'other-channel')).toBeUndefined();
  });

  it('can be taken over when the claimer died, and the dead claim can no longer post', async () => {
    const s = store(':memory:');
    expect(await s.claimSlot(claimOf('dead'), { now: T0 })).toBe('claimed');
    expect(await s.claimSlot(claimOf('alive'), { now: minutes(9) })).toBe('in-progress');
    expect(await s.claimSlot(claimOf('alive'), { now: minutes(10) })).toBe('claimed');
    expect(await s.markPosted(claimOf('dead'), 'late', [], {})).toBe(false);
    expect(await s.markPosted(claimOf('alive'), 'm1', [], {})).toBe(true);
    expect(await s.getSlot('g1', 'c1', '2026-11-25 08:00')).toMatchObject({ status: 'posted', messageId: 'm1', nonce: 'alive', attempts: 2 });
  });

  it('are retried after a failure up to maxAttempts, then given up', async () => {
    const s = store(':memory:');
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await s.claimSlot(claimOf(`n${attempt}`), { now: minutes(attempt) })).toBe('claimed');
      expect(await s.markFailed(claimOf(`n${attempt}`), `Discord a répondu 500 (essai ${attempt}).`)).toBe(true);
    }
    expect(await s.claimSlot(claimOf('n4'), { now: minutes(4) })).toBe('gave-up');
    expect(await s.getSlot('g1', 'c1', '2026-11-25 08:00')).toMatchObject({ status: 'failed', attempts: 3, error: 'Discord a répondu 500 (essai 3).' });
    expect(await s.markFailed(claimOf('n1'), 'stale')).toBe(false);
  });

  it('are shared by two stores on the same file (two processes)', async () => {
    const path = freshPath();
    const a = store(path);
    const b = store(path);
    expect(await a.claimSlot(claimOf('a'), { now: T0 })).toBe('claimed');
    expect(await b.claimSlot(claimOf('b'), { now: T0 })).toBe('in-progress');
    await a.markPosted(claimOf('a'), 'm1', ['art-1'], {}, T0);
    expect(await b.claimSlot(claimOf('b'), { now: T0 })).toBe('already-posted');
    expect((await b.lastPosted('g1', 'c1'))?.messageId).toBe('m1');
  });
});

describe('paging state', () => {
  it('is saved, read back until it expires, then pruned', async () => {
    const s = store(':memory:');
    const state = {
      id: 'p1',
      userId: 'u1',
      command: 'acteur',
      options: { subcommand: undefined, values: { nom: 'Russie', page: 2 } },
      createdAt: T0,
      expiresAt: minutes(15),
    };
    await s.savePaging(state);
    await s.savePaging({ ...state, id: 'p2', expiresAt: minutes(60) });
    expect(await s.getPaging('p1', minutes(14))).toEqual({ ...state, options: { values: { nom: 'Russie', page: 2 } } });
    expect(await s.getPaging('p1', minutes(15))).toBeUndefined();
    expect(await s.getPaging('unknown', T0)).toBeUndefined();
    expect(await s.prunePaging(minutes(30))).toBe(1);
    expect(await s.getPaging('p2', minutes(30))).toMatchObject({ id: 'p2', command: 'acteur' });
  });
});

describe('restart', () => {
  it('a new store on the same file sees everything the previous one wrote', async () => {
    const path = freshPath();
    const before = store(path);
    await before.upsertGuildSettings({ guildId: 'g1', channelId: 'c1', time: '07:15', timezone: 'Asia/Tokyo', enabled: true, topics: ['Japon'], updatedAt: T0 });
    await before.claimSlot(claimOf('a'), { now: T0 });
    await before.markPosted(claimOf('a'), 'm1', ['art-1'], { 'country:JPN': 2 }, T0);
    await before.savePaging({ id: 'p1', userId: 'u1', command: 'recherche', options: { q: 'gaz' }, createdAt: T0, expiresAt: minutes(15) });
    await before.close();

    const after = store(path);
    expect(await after.listEnabledDigests()).toEqual([
      { guildId: 'g1', channelId: 'c1', time: '07:15', timezone: 'Asia/Tokyo', enabled: true, topics: ['Japon'], updatedAt: T0 },
    ]);
    expect((await after.lastPosted('g1', 'c1'))?.actorCounts).toEqual({ 'country:JPN': 2 });
    expect(await after.claimSlot(claimOf('b'), { now: minutes(1) })).toBe('already-posted');
    expect((await after.getPaging('p1', minutes(1)))?.options).toEqual({ q: 'gaz' });
  });
});
