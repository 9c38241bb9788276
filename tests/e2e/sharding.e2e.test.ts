/**
 * Two shard processes on one PostgreSQL, as `npm start` runs them with SHARD_COUNT=2: the real
 * program (`src/main.ts`) starts discord.js's ShardingManager, which starts one process per
 * shard; the fake Discord gives each shard the guilds `(guild_id >> 22) % 2` assigns it. Both
 * guilds' commands are answered, by the process of their shard; both digests are posted exactly
 * once, also after one shard process is killed with SIGKILL and respawned.
 */
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus, twoShardDiscord } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import { PostgresStateStore } from '../../src/services/store/index.js';
import { createTestDatabase } from '../support/postgres-server.js';
import { embedText, startBotProcess, type BotProcess, type Corpus } from './harness.js';

/** Guild ids whose shard (of 2) is 0 and 1. */
const GUILD_0 = String(300_000_000_000n << 22n);
const GUILD_1 = String((300_000_000_001n << 22n) + 12_345n);

let fake: FakeDiscord;
let corpus: Corpus;
let database: { url: string; drop(): Promise<void> };
let bot: BotProcess | undefined;

/**
 * A digest time that was due a minute ago, so that the start-up catch-up posts it, in a zone where
 * it is now about noon: in UTC just after midnight, "a minute ago" would be yesterday's slot, which
 * is never posted late. Etc/GMT zones (signs inverted: Etc/GMT-5 is UTC+5) have no DST.
 */
function dueAMinuteAgo(): { time: string; timezone: string } {
  const at = new Date(Date.now() - 60_000);
  const offset = 12 - at.getUTCHours(); // −11…+12: every such Etc/GMT zone exists
  const local = new Date(at.getTime() + offset * 3_600_000);
  const timezone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  return { time: `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`, timezone };
}

const isDigest = (m: FakeMessage) => embedText(m).includes('Dépêche · digest du');
const channelOf = (guildId: string) => fake.channel('briefings', guildId)!.id;

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { discord: twoShardDiscord(GUILD_0, GUILD_1) }));
  database = keep(await createTestDatabase(inject('pgAdminUrl'), 'depeche_shards'), (d) => d.drop());
  keep.atEnd(() => bot?.stop());
  // Both guilds' digests were due a minute ago: each shard process posts its own at start-up.
  const store = await PostgresStateStore.open(database.url);
  const updatedAt = new Date(Date.now() - 3_600_000);
  for (const guildId of [GUILD_0, GUILD_1]) {
    await store.upsertGuildSettings({ guildId, channelId: channelOf(guildId), ...dueAMinuteAgo(), enabled: true, topics: [], updatedAt });
  }
  await store.close();
}, 60_000);

describe('SHARD_COUNT=2 on one PostgreSQL', () => {
  it('runs two shard processes that answer their guilds and post each digest once, across a kill -9', { timeout: 240_000 }, async () => {
    bot = await startBotProcess({
      fake,
      corpusDir: corpus.dir,
      databasePath: `${corpus.root}/state/bot.db`,
      env: { DATABASE_URL: database.url, SHARD_COUNT: 'auto', DISCORD_GUILD_ID: '', LOG_LEVEL: 'info' },
      readyTimeoutMs: 90_000,
    });
    const running = bot;
    // `auto` asked the fake (through DISCORD_API_BASE) and got 2.
    await running.waitForLog((l) => l.event === 'sharding.start' && l.shardCount === 2, 5_000, 'the manager start');
    for (const label of ['0/2', '1/2']) {
      await running.waitForLog((l) => l.event === 'shard.health' && l.shard === label && l.guilds === 1, 90_000, `the health line of shard ${label}`);
    }
    expect(fake.gatewayStats.shards.map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/2', '1/2']);
    // One index writer on this host and one feed poller for the deployment: the other shard reads and waits.
    expect(running.logs.filter((l) => l.event === 'corpus.role').map((l) => l.role).sort()).toEqual(['reader', 'writer']);
    await running.waitForLog((l) => l.event === 'feeds.standby', 10_000, 'a shard waiting to poll the feeds');
    expect(running.logs.filter((l) => l.event === 'feeds.poller' || l.event === 'feeds.standby').map((l) => l.event).sort()).toEqual(['feeds.poller', 'feeds.standby']);

    // Each digest lands once, posted by the process of its guild's shard.
    for (const guildId of [GUILD_0, GUILD_1]) await fake.waitForMessage(channelOf(guildId), isDigest, 60_000);
    for (const [guildId, label] of [[GUILD_0, '0/2'], [GUILD_1, '1/2']] as const) {
      const posted = await running.waitForLog((l) => l.msg === 'digest posted' && l.guildId === guildId, 10_000, `the digest of ${guildId} logged`);
      expect(posted.shard).toBe(label);
    }

    // Commands in both guilds are answered by their shard's process.
    for (const [guildId, label] of [[GUILD_0, '0/2'], [GUILD_1, '1/2']] as const) {
      const handle = fake.sendCommand({ name: 'digest', subcommand: 'status', guildId, user: 'claire.moreau' });
      const reply = await handle.reply((m) => m.embeds.length > 0, 15_000);
      expect(embedText(reply)).toContain(`${label} (publié par ce shard)`);
      await running.waitForLog((l) => l.msg === 'interaction handled' && l.shard === label, 10_000, `shard ${label} handling a command`);
    }

    // kill -9 of shard 1's process: the manager starts another, which catches up without posting again.
    const spawned = running.logs.filter((l) => l.event === 'shard.spawned' && l.shard === 1);
    const pid = Number(spawned.at(-1)?.pid);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    await running.waitForLog((l) => l.event === 'shard.died' && l.shard === 1 && l.signal === 'SIGKILL', 20_000, 'the death of shard 1');
    await running.waitForLog((l) => l.event === 'shard.health' && l.shard === '1/2' && l.pid !== pid, 90_000, 'shard 1 back');
    await running.waitForLog((l) => l.msg === 'digest catch-up done' && l.shard === '1/2' && l.pid !== pid, 30_000, 'the catch-up of the new shard 1');

    const answer = fake.sendCommand({ name: 'help', guildId: GUILD_1 });
    expect((await answer.reply((m) => m.embeds.length > 0, 15_000)).embeds.length).toBeGreaterThan(0);

    for (const guildId of [GUILD_0, GUILD_1]) expect(fake.channelMessages(channelOf(guildId)).filter(isDigest)).toHaveLength(1);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query("SELECT guild_id, status, attempts FROM digest_log ORDER BY guild_id");
    await client.end();
    expect(rows).toEqual([
      { guild_id: GUILD_0, status: 'posted', attempts: 1 },
      { guild_id: GUILD_1, status: 'posted', attempts: 1 },
    ].sort((a, b) => a.guild_id.localeCompare(b.guild_id)));

    expect(await running.stop()).toBe(0);
    bot = undefined;
  });
});
