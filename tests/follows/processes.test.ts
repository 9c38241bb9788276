/**
 * Several processes on one state: each alerts only for the guilds of its shards, and two that
 * overlap (same shards, a restart while the old one still runs) post each alert once — the
 * (follow, story) claim decides. Two stores on one SQLite file stand for two processes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { openStateStore, type StateStore } from '../../src/services/store/index.js';
import { createFollowService, type AlertPoster, type FollowService } from '../../src/services/follows/index.js';
import { shardOfGuild } from '../../src/sharding/shards.js';
import { createLogger } from '../../src/logger.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
const NOW = new Date('2026-11-28T10:00:00Z');
let arrival = NOW.getTime() - 3_600_000;
let dir: string;
let corpus: string;
let engine: SqliteCorpusEngine;
const stores: StateStore[] = [];
const posts: Array<{ process: string; channelId: string; nonce: string }> = [];

/** Two guild ids that land on shards 0 and 1 of 2. */
function guildsOnShards(): [string, string] {
  const found: string[] = [];
  for (let n = 1n; found.length < 2; n++) {
    const id = String((n << 22n) + 100_000_000_000_000_000n);
    if (shardOfGuild(id, 2) === found.length) found.push(id);
  }
  return found as [string, string];
}

function processOf(name: string, ids: number[], database = 'bot.db', count = 2): FollowService {
  const store = openStateStore(join(dir, database));
  stores.push(store);
  const poster: AlertPoster = {
    post: async (channelId, _alert, nonce) => {
      posts.push({ process: name, channelId, nonce });
      return { messageId: `${name}-${posts.length}` };
    },
    edit: async () => undefined,
  };
  return createFollowService({ engine, store, poster, logger: createLogger('silent'), clock: () => NOW, pollMs: false, shards: { ids, count } });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'depeche-follow-procs-'));
  corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  ({ engine } = await startEngine({ corpusDir: corpus, indexPath: ':memory:', now: () => arrival }));
}, 60_000);

afterAll(async () => {
  for (const s of stores) await s.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('follows across processes', () => {
  it('each shard process alerts its own guilds; overlapping processes post once', async () => {
    const [g0, g1] = guildsOnShards();
    const shard0 = processOf('shard0', [0]);
    const shard1 = processOf('shard1', [1]);
    // A second process for shard 1 (a restart that overlaps the old one).
    const shard1bis = processOf('shard1bis', [1]);
    await shard0.add({ guildId: g0, kind: 'actor', target: 'Russie', channelId: 'c0', createdBy: 'u' });
    await shard0.add({ guildId: g1, kind: 'actor', target: 'Russie', channelId: 'c1', createdBy: 'u' });
    for (const p of [shard0, shard1, shard1bis]) await p.tick();
    arrival += 60_000;
    for (const [name, site] of [['35_lepoint_niger_uranium.txt', 'Le Point'], ['36_rfi_niger_uranium.txt', 'RFI']] as const) {
      writeFileSync(join(corpus, name), `---\nsite: ${site}\n---\n${readFileSync(join(FIXTURES, name), 'utf8')}`);
    }
    await engine.sync();
    const reports = await Promise.all([shard0.tick(), shard1.tick(), shard1bis.tick()]);
    expect(posts.filter((p) => p.channelId === 'c0').map((p) => p.process)).toEqual(['shard0']);
    const c1 = posts.filter((p) => p.channelId === 'c1');
    expect(c1).toHaveLength(1);
    expect(['shard1', 'shard1bis']).toContain(c1[0]!.process);
    expect(reports.reduce((n, r) => n + r.posted, 0)).toBe(2);
    // Later looks post nothing more.
    for (const p of [shard0, shard1, shard1bis]) expect((await p.tick()).posted).toBe(0);
    expect(posts).toHaveLength(2);
  });
});

describe('follows after downtime', () => {
  it('a restarted process alerts once what was indexed while none ran; a restart with nothing new posts nothing', async () => {
    const on = (name: string) => processOf(name, [0, 1], 'restart.db');
    const before = on('before');
    const added = await before.add({ guildId: 'g-restart', kind: 'subject', target: 'Taïwan', channelId: 'c-restart', createdBy: 'u' });
    expect(added.status).toBe('created');
    expect((await before.tick()).arrivals).toBe(0);
    await before.stop();
    // While no follow service runs, an article is indexed (a shard writer, or the next start-up sync).
    arrival += 60_000;
    const text = readFileSync(join(FIXTURES, '11_france24_taiwan.txt'), 'utf8').replaceAll('23/05/2024', '28/11/2026');
    writeFileSync(join(corpus, '11_france24_taiwan.txt'), `---\nsite: France 24\n---\n${text}`);
    await engine.sync();
    const after = on('after');
    const report = await after.tick();
    expect(report).toMatchObject({ arrivals: 1, posted: 1 });
    expect(posts.filter((p) => p.channelId === 'c-restart').map((p) => p.process)).toEqual(['after']);
    expect((await after.tick()).arrivals).toBe(0);
    await after.stop();
    // Restarted again with nothing new: nothing read, nothing posted.
    const again = on('again');
    expect(await again.tick()).toMatchObject({ arrivals: 0, posted: 0 });
    expect(posts.filter((p) => p.channelId === 'c-restart')).toHaveLength(1);
  });
});

describe('follows after a change of SHARD_COUNT', () => {
  it('a new shard set starts where the old ones stopped: what arrived during the change alerts once', async () => {
    const old = processOf('two-shards', [0, 1], 'reshard.db', 2);
    await old.add({ guildId: 'g-reshard', kind: 'subject', target: 'Suède', channelId: 'c-reshard', createdBy: 'u' });
    expect((await old.tick()).arrivals).toBe(0);
    await old.stop();
    // Stopped to go from two shards to one; an article arrives meanwhile.
    arrival += 60_000;
    const text = readFileSync(join(FIXTURES, '12_euronews_otan_turquie.txt'), 'utf8').replaceAll('24/01/2024', '28/11/2026');
    writeFileSync(join(corpus, '12_euronews_otan_turquie.txt'), `---\nsite: Euronews\n---\n${text}`);
    await engine.sync();
    const single = processOf('one-shard', [0], 'reshard.db', 1);
    expect(await single.tick()).toMatchObject({ arrivals: 1, posted: 1 });
    expect(posts.filter((p) => p.channelId === 'c-reshard').map((p) => p.process)).toEqual(['one-shard']);
    // Its own cursor from now on: nothing read twice.
    expect(await single.tick()).toMatchObject({ arrivals: 0, posted: 0 });
    await single.stop();
    expect(await processOf('one-shard-again', [0], 'reshard.db', 1).tick()).toMatchObject({ arrivals: 0, posted: 0 });
  });
});
