/**
 * Many guilds sharing a minute: their digests are built from one set of corpus reads, paced, and
 * a sharded process posts only the guilds of its shards.
 */
import { describe, expect, it } from 'vitest';
import type { CorpusEngine } from '../../src/services/engine.js';
import { shardOfGuild } from '../../src/sharding/shards.js';
import { FakeChannelPoster, makeService, openStore, useDigestFixture } from './helpers.js';

const fx = useDigestFixture('all');

/** The engine, counting briefing queries. */
function counting(target: CorpusEngine): { engine: CorpusEngine; briefings: () => number } {
  let briefings = 0;
  const wrapped = new Proxy(target, {
    get(t, property, receiver) {
      const value = Reflect.get(t, property, receiver) as unknown;
      if (property === 'briefing' && typeof value === 'function') {
        return (...args: unknown[]) => {
          briefings++;
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return { engine: wrapped, briefings: () => briefings };
}

const guildIds = Array.from({ length: 12 }, (_, i) => String((5_000_000_000n + BigInt(i)) << 22n));

describe('guilds sharing a minute', () => {
  it('are built from the queries of one digest, and each posted once', async () => {
    // What one guild's digest asks of the engine…
    const alone = openStore(`${fx.ws.root}/spread-alone-${Date.now()}.db`);
    await alone.upsertGuildSettings({ guildId: guildIds[0]!, channelId: 'c0', time: '08:00', timezone: 'UTC', enabled: true, topics: [], updatedAt: new Date('2026-01-01T00:00:00Z') });
    const one = counting(fx.engine);
    await makeService({ engine: one.engine, store: alone, poster: new FakeChannelPoster() }).tick(new Date('2026-11-25T08:00:20Z'));
    await alone.close();
    expect(one.briefings()).toBeGreaterThan(0);
    // …is all that twelve guilds due at the same minute ask.
    const store = openStore(`${fx.ws.root}/spread-${Date.now()}.db`);
    for (const guildId of guildIds) {
      await store.upsertGuildSettings({ guildId, channelId: `c${guildId}`, time: '08:00', timezone: 'UTC', enabled: true, topics: [], updatedAt: new Date('2026-01-01T00:00:00Z') });
    }
    const poster = new FakeChannelPoster();
    const { engine: countingEngine, briefings } = counting(fx.engine);
    const service = makeService({ engine: countingEngine, store, poster, postsPerSecond: 200 });
    const reports = await service.tick(new Date('2026-11-25T08:00:20Z'));
    expect(reports.filter((r) => r.outcome === 'posted')).toHaveLength(guildIds.length);
    expect(new Set(poster.calls.map((c) => c.channelId)).size).toBe(guildIds.length);
    expect(briefings()).toBe(one.briefings());
    await store.close();
  });

  it('a shard process posts only the guilds of its shard', async () => {
    const store = openStore(`${fx.ws.root}/spread-shard-${Date.now()}.db`);
    for (const guildId of guildIds) {
      await store.upsertGuildSettings({ guildId, channelId: `c${guildId}`, time: '08:00', timezone: 'UTC', enabled: true, topics: [], updatedAt: new Date('2026-01-01T00:00:00Z') });
    }
    const poster = new FakeChannelPoster();
    const service = makeService({ engine: fx.engine, store, poster, shards: { ids: [1], count: 3 } });
    const reports = await service.tick(new Date('2026-11-25T08:00:20Z'));
    const mine = guildIds.filter((id) => shardOfGuild(id, 3) === 1);
    expect(mine.length).toBeGreaterThan(0);
    expect(reports.map((r) => r.guildId).sort()).toEqual(mine.sort());
    expect((await service.status(mine[0]!)).shard).toEqual({ id: 1, count: 3 });
    await store.close();
  });
});
