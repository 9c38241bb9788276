/**
 * Follows under SHARD_COUNT=2, as `npm start` runs them: the real program starts one process per
 * shard on one PostgreSQL; two guilds on different shards each follow « uranium »; a new article
 * matching both, written into the corpus folder (the writer's watcher indexes it, the other
 * process reads the same index) → exactly one alert per guild, posted by the process of its shard.
 * Then the bot is stopped, another outlet's copy of that event is written meanwhile, and the
 * restarted processes resume where they stopped: each alert is edited to list it, none reposted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus, twoShardDiscord } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import { PostgresStateStore } from '../../src/services/store/index.js';
import { createTestDatabase } from '../support/postgres-server.js';
import { embedText, startBotProcess, type BotProcess, type Corpus } from './harness.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
/** Guild ids whose shard (of 2) is 0 and 1. */
const GUILD_0 = String(310_000_000_000n << 22n);
const GUILD_1 = String((310_000_000_001n << 22n) + 54_321n);
const SHARD_OF = { [GUILD_0]: '0/2', [GUILD_1]: '1/2' } as const;

let fake: FakeDiscord;
let corpus: Corpus;
let database: { url: string; drop(): Promise<void> };
let bot: BotProcess | undefined;

/** A fixture written into the corpus folder as a feed writes it, published yesterday (within the 48 h window). */
function arrive(fixture: string, site: string): void {
  const yesterday = new Date(Date.now() - 86_400_000);
  const date = `${String(yesterday.getUTCDate()).padStart(2, '0')}/${String(yesterday.getUTCMonth() + 1).padStart(2, '0')}/${yesterday.getUTCFullYear()}`;
  const text = readFileSync(join(FIXTURES, fixture), 'utf8').replace(/\d{2}\/\d{2}\/\d{4}/u, date);
  writeFileSync(join(corpus.dir, fixture), `---\nsite: ${site}\n---\n${text}`);
}

const channelOf = (guildId: string) => fake.channel('briefings', guildId)!.id;
const isAlert = (m: FakeMessage) => /suivi f[0-9a-f]{10}/.test(m.embeds?.[0]?.footer?.text ?? '');

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { discord: twoShardDiscord(GUILD_0, GUILD_1) }));
  database = keep(await createTestDatabase(inject('pgAdminUrl'), 'depeche_follow_shards'), (d) => d.drop());
  keep.atEnd(() => bot?.stop());
  const store = await PostgresStateStore.open(database.url);
  for (const guildId of [GUILD_0, GUILD_1]) {
    const added = await store.addFollow({ guildId, kind: 'subject', query: 'uranium', channelId: channelOf(guildId), createdBy: 'u1', createdAfterIndexMark: 0 }, 25);
    expect(added.status).toBe('created');
  }
  await store.close();
}, 60_000);

describe('follows under SHARD_COUNT=2', () => {
  it('posts one alert per guild, from the process of its shard, and resumes after downtime', { timeout: 300_000 }, async () => {
    const options = {
      fake,
      corpusDir: corpus.dir,
      databasePath: `${corpus.root}/state/bot.db`,
      env: { DATABASE_URL: database.url, SHARD_COUNT: '2', DISCORD_GUILD_ID: '', LOG_LEVEL: 'info' },
      readyTimeoutMs: 90_000,
    };
    bot = await startBotProcess(options);
    const running = bot;
    // Both follow services have set where they read from: what arrives next is news to both.
    for (const label of ['0/2', '1/2']) {
      await running.waitForLog((l) => l.event === 'follows.cursor' && l.shard === label, 90_000, `the follow cursor of shard ${label}`);
    }
    arrive('35_lepoint_niger_uranium.txt', 'Le Point');

    for (const guildId of [GUILD_0, GUILD_1]) {
      await fake.waitForMessage(channelOf(guildId), isAlert, 60_000);
      const posted = await running.waitForLog((l) => l.msg === 'alert posted' && l.guildId === guildId, 10_000, `the alert of ${guildId} logged`);
      expect(posted.shard).toBe(SHARD_OF[guildId]);
    }
    for (const guildId of [GUILD_0, GUILD_1]) {
      const alerts = fake.channelMessages(channelOf(guildId)).filter(isAlert);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.embeds[0]?.title ?? '').toMatch(/uranium/iu);
    }
    expect(running.logs.filter((l) => l.msg === 'alert posted').map((l) => `${String(l.guildId)}@${String(l.shard)}`).sort()).toEqual(
      [`${GUILD_0}@0/2`, `${GUILD_1}@1/2`].sort(),
    );

    expect(await running.stop()).toBe(0);
    bot = undefined;

    // Downtime: RFI's copy of the event arrives while no process runs; the restart's sync indexes it.
    const alertIds = new Map([GUILD_0, GUILD_1].map((g) => [g, fake.channelMessages(channelOf(g)).find(isAlert)!.id]));
    const since = Date.now();
    arrive('36_rfi_niger_uranium.txt', 'RFI');
    bot = await startBotProcess(options);
    for (const guildId of [GUILD_0, GUILD_1]) {
      const path = new RegExp(`^/channels/${channelOf(guildId)}/messages/${alertIds.get(guildId)!}$`, 'u');
      await fake.waitForRequest({ method: 'PATCH', path, since }, 90_000);
      const alerts = fake.channelMessages(channelOf(guildId)).filter(isAlert);
      expect(alerts).toHaveLength(1);
      expect(embedText(alerts[0]!)).toMatch(/RFI/u);
    }
    expect(bot.logs.filter((l) => l.msg === 'alert posted')).toEqual([]);
    expect(await bot.stop()).toBe(0);
    bot = undefined;
  });
});
