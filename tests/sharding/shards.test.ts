/** Shard placement, the configuration of sharding and PostgreSQL, and the digest's pace. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createPacer } from '../../src/services/digest/pacer.js';
import { shardPlacementFromEnv } from '../../src/sharding/manager.js';
import { ownsGuild, placementOf, shardLabel, shardOfGuild } from '../../src/sharding/shards.js';
import { shardOfGuild as fakeShardOfGuild } from '../fake-discord/index.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.fake.token';

describe('shard of a guild', () => {
  it('is (guild_id >> 22) % count, as Discord and the fake compute it', () => {
    const ids = ['41771983423143937', '1258999068422651904', '1258999068422664249', '80351110224678912'];
    for (const id of ids) {
      for (const count of [1, 2, 3, 16]) {
        expect(shardOfGuild(id, count)).toBe(Number((BigInt(id) >> 22n) % BigInt(count)));
        expect(shardOfGuild(id, count)).toBe(fakeShardOfGuild(id, count));
      }
    }
    // The shard is in the id's timestamp bits, above the 22 low bits.
    expect(shardOfGuild(String((9_000_000_001n << 22n) + 4_194_303n), 2)).toBe(1);
  });

  it('decides which process posts a digest', () => {
    const zero = placementOf(0, 2);
    const one = placementOf([1], 2);
    const guild = String(9_000_000_001n << 22n);
    expect([ownsGuild(zero, guild), ownsGuild(one, guild)]).toEqual([false, true]);
    expect(ownsGuild(placementOf(undefined, undefined), guild)).toBe(true);
    expect(shardLabel(one)).toBe('1/2');
  });

  it('is read from the variables the sharding manager gives its processes', () => {
    expect(shardPlacementFromEnv({ SHARDING_MANAGER: 'true', SHARDS: '3', SHARD_COUNT: '4' })).toEqual({ ids: [3], count: 4 });
    expect(shardPlacementFromEnv({ SHARD_COUNT: '4' })).toEqual({ ids: [0], count: 1 });
  });
});

describe('configuration', () => {
  it('reads SHARD_COUNT (a number or auto), SHARD_IDS and DATABASE_URL', () => {
    const config = loadConfig({ DISCORD_TOKEN: TOKEN, SHARD_COUNT: '4', SHARD_IDS: '2, 0,2', DATABASE_URL: 'postgres://bot:pw@db.internal:5432/depeche' });
    expect(config).toMatchObject({ shardCount: 4, shardIds: [0, 2], databaseUrl: 'postgres://bot:pw@db.internal:5432/depeche' });
    expect(loadConfig({ SHARD_COUNT: 'AUTO' }).shardCount).toBe('auto');
    expect(loadConfig({}).shardCount).toBeUndefined();
  });

  it('stops with one line naming the variable, never echoing the database password', () => {
    expect(() => loadConfig({ SHARD_COUNT: 'deux' })).toThrow('SHARD_COUNT : valeur invalide « deux » : un nombre de shards (1, 2, 16…) ou auto.');
    expect(() => loadConfig({ SHARD_COUNT: '2', SHARD_IDS: '0,2' })).toThrow("SHARD_IDS : le shard 2 n'existe pas avec SHARD_COUNT=2 (numéros de 0 à 1).");
    expect(() => loadConfig({ SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toThrow(/^SHARD_IDS : il faut aussi SHARD_COUNT en nombre/);
    let message = '';
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/depeche' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('DATABASE_URL : URL PostgreSQL invalide : attendu postgres://utilisateur:motdepasse@hôte:5432/base.');
  });
});

describe('digest pace', () => {
  it('lets posts leave at the given rate, the first at once', async () => {
    const waits: number[] = [];
    const pace = createPacer(40, async (ms) => void waits.push(Math.round(ms)));
    for (let i = 0; i < 5; i++) await pace();
    // Calls made at (almost) the same instant: 0, 25, 50, 75, 100 ms apart.
    expect(waits).toHaveLength(4);
    waits.forEach((ms, i) => expect(Math.abs(ms - 25 * (i + 1))).toBeLessThanOrEqual(3));
    const unpaced = createPacer(0, async () => {
      throw new Error('no wait');
    });
    await unpaced();
  });
});
