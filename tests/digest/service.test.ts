/**
 * Delivery of the daily digest, like a newspaper: never twice (restarts, two processes, a crash in
 * the middle of posting), never silently missed (catch-up, failures retried then recorded), and a
 * deleted channel turns the digest off. The clock is the test's; the store is a real SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestNonce, slotFooter, type DigestService } from '../../src/services/digest/service.js';
import type { SqliteStateStore } from '../../src/services/store/index.js';
import {
  CHANNEL,
  FakeChannelPoster,
  GUILD,
  OTHER_CHANNEL,
  OTHER_GUILD,
  baseConfig,
  makeService,
  openStore,
  testClock,
  useDigestFixture,
} from './helpers.js';

const MINUTE = 60_000;
const LEASE = 3 * MINUTE;

const fx = useDigestFixture('all');
const stores: SqliteStateStore[] = [];
const services: DigestService[] = [];

let dbCounter = 0;
let dbPath: string;
beforeEach(() => {
  dbPath = `${fx.ws.root}/state/bot-${++dbCounter}.db`;
});

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
  for (const store of stores.splice(0)) await store.close();
});

/** A "process": its own store connection on the shared file, its own service. */
function boot(poster: FakeChannelPoster, clock = testClock('2026-11-25T06:00:00Z'), config = baseConfig) {
  const store = openStore(dbPath);
  stores.push(store);
  const service = makeService({ engine: fx.engine, store, poster, clock: clock.now, config, leaseMs: LEASE });
  services.push(service);
  return { store, service, clock };
}

/** Guild settings: every day at `time` in Paris, saved well before the days tested. */
async function configure(store: SqliteStateStore, time = '08:00', guildId = GUILD, channelId = CHANNEL) {
  await store.upsertGuildSettings({
    guildId,
    channelId,
    time,
    timezone: 'Europe/Paris',
    enabled: true,
    topics: [],
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  });
}

/** The process dies: its service is never stopped (its tick hangs for ever), only its connection goes. */
function crash(process: { service: DigestService }): void {
  services.splice(services.indexOf(process.service), 1);
}

/** Ticks every minute from `from` to `to` (inclusive), as the cron would; returns the ticks that posted. */
async function tickEveryMinute(service: DigestService, from: string, to: string): Promise<string[]> {
  const posted: string[] = [];
  for (let t = new Date(from).getTime(); t <= new Date(to).getTime(); t += MINUTE) {
    const reports = await service.tick(new Date(t));
    if (reports.some((r) => r.outcome === 'posted')) posted.push(new Date(t).toISOString());
  }
  return posted;
}

describe('a slot fired by the schedule', () => {
  it('is posted once, at its time, with a nonce derived from the slot, and recorded with the message id', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store);

    // 07:55 to 08:10 in Paris (UTC+1 in November).
    const posted = await tickEveryMinute(service, '2026-11-25T06:55:00Z', '2026-11-25T07:10:00Z');
    expect(posted).toEqual(['2026-11-25T07:00:00.000Z']);
    expect(poster.messages).toHaveLength(1);
    const [message] = poster.messages;
    expect(message!.channelId).toBe(CHANNEL);
    expect(message!.nonce).toBe(digestNonce(GUILD, CHANNEL, '2026-11-25 08:00'));
    expect(message!.nonce.length).toBeLessThanOrEqual(25);
    expect(message!.payload.message!.allowed_mentions).toEqual({ parse: [] });
    expect(message!.payload.message!.embeds[0]!.footer!.text).toBe(slotFooter({ key: '2026-11-25 08:00', timeZone: 'Europe/Paris' }));

    const slot = await store.getSlot(GUILD, CHANNEL, '2026-11-25 08:00');
    expect(slot).toMatchObject({ status: 'posted', messageId: message!.messageId, attempts: 1 });
    expect(slot!.articleIds).toHaveLength(5);
    expect(Object.keys(slot!.actorCounts)).toContain('country:RUS');
  });

  it('gives each slot its own nonce, the same on every retry', () => {
    const a = digestNonce(GUILD, CHANNEL, '2026-11-25 08:00');
    expect(digestNonce(GUILD, CHANNEL, '2026-11-25 08:00')).toBe(a);
    expect(digestNonce(GUILD, CHANNEL, '2026-11-26 08:00')).not.toBe(a);
    expect(digestNonce(GUILD, OTHER_CHANNEL, '2026-11-25 08:00')).not.toBe(a);
    expect(digestNonce(GUILD, CHANNEL, '2026-11-25 08:00', 1)).not.toBe(a);
    expect(a).toMatch(/^[0-9a-z]{1,25}$/);
  });

  it('is not posted again after a restart (new service, same database file)', async () => {
    const poster = new FakeChannelPoster();
    const first = boot(poster);
    await configure(first.store);
    await first.service.tick(new Date('2026-11-25T07:00:00Z'));
    expect(poster.messages).toHaveLength(1);
    await first.service.stop();
    await first.store.close();

    const second = boot(poster, testClock('2026-11-25T07:05:00Z'));
    await second.service.start(); // catch-up tick
    await tickEveryMinute(second.service, '2026-11-25T07:05:00Z', '2026-11-25T09:00:00Z');
    expect(poster.calls).toHaveLength(1);
    expect(poster.messages).toHaveLength(1);
  });

  it('is posted once when two processes share the database and tick together', async () => {
    const poster = new FakeChannelPoster();
    const a = boot(poster);
    const b = boot(poster);
    await configure(a.store);
    const at = new Date('2026-11-25T07:00:00Z');
    const [ra, rb] = await Promise.all([a.service.tick(at), b.service.tick(at)]);
    expect([...ra, ...rb].map((r) => r.outcome).sort()).toEqual(['in-progress', 'posted']);
    expect(poster.calls).toHaveLength(1);
  });

  it('posts the digests of several servers, each in its own channel and time', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store, '08:00');
    await configure(store, '08:30', OTHER_GUILD, OTHER_CHANNEL);
    await tickEveryMinute(service, '2026-11-25T06:55:00Z', '2026-11-25T07:40:00Z');
    expect(poster.inChannel(CHANNEL)).toHaveLength(1);
    expect(poster.inChannel(OTHER_CHANNEL)).toHaveLength(1);
    expect((await store.getSlot(OTHER_GUILD, OTHER_CHANNEL, '2026-11-25 08:30'))?.status).toBe('posted');
  });
});

describe('a crash in the middle of posting', () => {
  it('after Discord created the message: the restarted bot waits for the lease, then finds the message and does not post again', async () => {
    const poster = new FakeChannelPoster({ history: true });
    const crashed = boot(poster);
    await configure(crashed.store);
    poster.hangNext(true); // the message is created, the process dies before recording it
    void crashed.service.tick(new Date('2026-11-25T07:00:00Z'));
    await expect.poll(() => poster.calls.length).toBe(1);
    crash(crashed);
    expect(poster.messages).toHaveLength(1);

    const restarted = boot(poster);
    // Within the lease the claim may still be alive: nothing happens.
    expect((await restarted.service.tick(new Date('2026-11-25T07:01:00Z')))[0]!.outcome).toBe('in-progress');
    const after = await restarted.service.tick(new Date(Date.parse('2026-11-25T07:00:00Z') + LEASE + MINUTE));
    expect(after[0]!.outcome).toBe('recovered');
    expect(poster.calls).toHaveLength(1);
    expect(poster.messages).toHaveLength(1);
    const slot = await restarted.store.getSlot(GUILD, CHANNEL, '2026-11-25 08:00');
    expect(slot).toMatchObject({ status: 'posted', messageId: poster.messages[0]!.messageId, attempts: 2 });
  });

  it('after Discord created the message, without channel history: the nonce makes the retry return the same message', async () => {
    const poster = new FakeChannelPoster();
    const crashed = boot(poster);
    await configure(crashed.store);
    poster.hangNext(true);
    void crashed.service.tick(new Date('2026-11-25T07:00:00Z'));
    await expect.poll(() => poster.calls.length).toBe(1);
    crash(crashed);

    const restarted = boot(poster);
    await restarted.service.tick(new Date(Date.parse('2026-11-25T07:00:00Z') + LEASE + MINUTE));
    expect(poster.calls).toHaveLength(2);
    expect(poster.calls[1]!.nonce).toBe(poster.calls[0]!.nonce);
    expect(poster.messages).toHaveLength(1);
    expect((await restarted.store.getSlot(GUILD, CHANNEL, '2026-11-25 08:00'))?.messageId).toBe(poster.messages[0]!.messageId);
  });

  it('before anything reached Discord: the restarted bot posts it once', async () => {
    const poster = new FakeChannelPoster({ history: true });
    const crashed = boot(poster);
    await configure(crashed.store);
    poster.hangNext(false);
    void crashed.service.tick(new Date('2026-11-25T07:00:00Z'));
    await expect.poll(() => poster.calls.length).toBe(1);
    crash(crashed);
    expect(poster.messages).toHaveLength(0);

    const restarted = boot(poster);
    const posted = await tickEveryMinute(restarted.service, '2026-11-25T07:01:00Z', '2026-11-25T07:10:00Z');
    expect(posted).toEqual([new Date(Date.parse('2026-11-25T07:00:00Z') + LEASE).toISOString()]);
    expect(poster.messages).toHaveLength(1);
  });
});

describe('catch-up at start-up', () => {
  it('posts once a slot missed earlier the same day, not a day missed entirely', async () => {
    const poster = new FakeChannelPoster();
    const down = boot(poster, testClock('2026-11-25T09:30:00Z')); // 10:30 in Paris: 08:00 was missed
    await configure(down.store);
    await down.service.start();
    expect(poster.messages).toHaveLength(1);
    expect((await down.store.lastPosted(GUILD, CHANNEL))?.slotKey).toBe('2026-11-25 08:00');
    await down.service.stop();

    const again = boot(poster, testClock('2026-11-25T09:45:00Z'));
    await again.service.start();
    expect(poster.messages).toHaveLength(1);
    await again.service.stop();

    // The bot is down all of the 26th; started on the 27th at 07:00, before that day's slot.
    const later = boot(poster, testClock('2026-11-27T06:00:00Z'));
    await later.service.start();
    expect(poster.messages).toHaveLength(1);
    const posted = await tickEveryMinute(later.service, '2026-11-27T06:58:00Z', '2026-11-27T07:02:00Z');
    expect(posted).toEqual(['2026-11-27T07:00:00.000Z']);
    expect((await later.store.lastPosted(GUILD, CHANNEL))?.slotKey).toBe('2026-11-27 08:00');
  });

  it('does not post a slot that was already past when the settings were saved', async () => {
    const poster = new FakeChannelPoster();
    const clock = testClock('2026-11-25T08:00:00Z'); // 09:00 in Paris
    const { service } = boot(poster, clock);
    await service.configure({ guildId: GUILD, channelId: CHANNEL, time: '08:00', timezone: 'Europe/Paris' });
    await tickEveryMinute(service, '2026-11-25T08:01:00Z', '2026-11-25T08:05:00Z');
    expect(poster.messages).toHaveLength(0);
    const status = await service.status(GUILD, new Date('2026-11-25T08:05:00Z'));
    expect(status.pending).toBe(false);
    expect(status.next?.toISOString()).toBe('2026-11-26T07:00:00.000Z');
  });

  it('runs on the minute timer with the injected clock', async () => {
    const poster = new FakeChannelPoster();
    const store = openStore(dbPath);
    stores.push(store);
    await configure(store);
    const clock = testClock('2026-11-25T06:59:58Z');
    const service = makeService({ engine: fx.engine, store, poster, clock: clock.now, cron: '* * * * * *' });
    services.push(service);
    await service.start();
    expect(poster.messages).toHaveLength(0);
    clock.set('2026-11-25T07:00:01Z');
    await expect.poll(() => poster.messages.length, { timeout: 3_000 }).toBe(1);
    await service.stop();
  });
});

describe('a daylight-saving change day', () => {
  it('fires once, after the spring-forward gap, when the configured time does not exist', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store, '02:30');
    // 28 March 2027 in Paris: 02:00 → 03:00. From 01:00 (UTC+1) to 05:00 (UTC+2).
    const posted = await tickEveryMinute(service, '2027-03-28T00:00:00Z', '2027-03-28T03:00:00Z');
    expect(posted).toEqual(['2027-03-28T01:30:00.000Z']); // 03:30 local, the gap's length later
    expect((await store.lastPosted(GUILD, CHANNEL))?.slotKey).toBe('2027-03-28 02:30');
  });

  it('fires once, at the first occurrence, when the configured time happens twice', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store, '02:30');
    // 31 October 2027 in Paris: 03:00 → 02:00, so 02:30 happens at 00:30Z and again at 01:30Z.
    const posted = await tickEveryMinute(service, '2027-10-30T23:30:00Z', '2027-10-31T03:00:00Z');
    expect(posted).toEqual(['2027-10-31T00:30:00.000Z']);
    expect(poster.messages).toHaveLength(1);
  });
});

describe('a failed post', () => {
  it('is retried with backoff, then marked failed and recorded; the next tick retries and posts once', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store);
    poster.failNext({ status: 503 }, 3);

    const [report] = await service.tick(new Date('2026-11-25T07:00:00Z'));
    expect(report!.outcome).toBe('failed');
    expect(poster.calls).toHaveLength(3); // two retries
    expect(new Set(poster.calls.map((c) => c.nonce)).size).toBe(1);
    expect(await store.getSlot(GUILD, CHANNEL, '2026-11-25 08:00')).toMatchObject({ status: 'failed', attempts: 1 });
    const settings = await store.getGuildSettings(GUILD);
    expect(settings!.lastError).toMatch(/Discord indisponible \(HTTP 503\)/);

    const status = await service.status(GUILD, new Date('2026-11-25T07:00:30Z'));
    expect(status.pending).toBe(true);
    expect(status.target!.lastError).toBe(settings!.lastError);

    const [retry] = await service.tick(new Date('2026-11-25T07:01:00Z'));
    expect(retry!.outcome).toBe('posted');
    expect(poster.messages).toHaveLength(1);
    expect(await store.getSlot(GUILD, CHANNEL, '2026-11-25 08:00')).toMatchObject({ status: 'posted', attempts: 2 });
  });

  it('for a missing permission is not retried at once, is recorded, and stops after the attempt limit', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store);
    poster.failNext({ status: 403, code: 50013, message: 'Missing Permissions' }, 10);

    const outcomes: string[] = [];
    for (let minute = 0; minute < 6; minute++) {
      const reports = await service.tick(new Date(Date.parse('2026-11-25T07:00:00Z') + minute * MINUTE));
      outcomes.push(...reports.map((r) => r.outcome));
    }
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'gave-up', 'gave-up', 'gave-up']);
    expect(poster.calls).toHaveLength(3);
    expect((await store.getGuildSettings(GUILD))!.lastError).toMatch(/ne peut pas publier dans le salon .*Envoyer des messages/);
    expect((await store.getGuildSettings(GUILD))!.enabled).toBe(true);
  });
});

describe('a deleted channel', () => {
  it('turns the server’s digest off and says why', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster);
    await configure(store);
    await configure(store, '08:00', OTHER_GUILD, OTHER_CHANNEL);
    poster.failNext({ status: 404, code: 10003, message: 'Unknown Channel' });

    const reports = await service.tick(new Date('2026-11-25T07:00:00Z'));
    expect(reports.map((r) => [r.guildId, r.outcome])).toEqual([
      [GUILD, 'disabled'],
      [OTHER_GUILD, 'posted'],
    ]);
    const settings = await store.getGuildSettings(GUILD);
    expect(settings!.enabled).toBe(false);
    expect(settings!.lastError).toMatch(/n’existe plus.*\/digest set/);

    await tickEveryMinute(service, '2026-11-26T06:59:00Z', '2026-11-26T07:01:00Z');
    expect(poster.calls.filter((c) => c.channelId === CHANNEL)).toHaveLength(1);
    expect(poster.inChannel(OTHER_CHANNEL)).toHaveLength(2);
  });
});

describe('the default digest of the configuration (DIGEST_CHANNEL_ID for DISCORD_GUILD_ID)', () => {
  const config = { ...baseConfig, discordGuildId: GUILD, digestChannelId: CHANNEL };

  it('is posted without any /digest settings, and stays off once its channel is gone', async () => {
    const poster = new FakeChannelPoster();
    const { store, service } = boot(poster, undefined, config);
    expect(await tickEveryMinute(service, '2026-11-25T06:59:00Z', '2026-11-25T07:01:00Z')).toEqual(['2026-11-25T07:00:00.000Z']);

    poster.failNext({ status: 404, code: 10003 });
    const [report] = await service.tick(new Date('2026-11-26T07:00:00Z'));
    expect(report!.outcome).toBe('disabled');
    expect((await store.getGuildSettings(GUILD))?.enabled).toBe(false);
    await tickEveryMinute(service, '2026-11-27T06:59:00Z', '2026-11-27T07:01:00Z');
    expect(poster.calls).toHaveLength(2);
  });

  it('gives way to the server’s own settings, even when they turn the digest off', async () => {
    const poster = new FakeChannelPoster();
    const { service } = boot(poster, testClock('2026-11-24T12:00:00Z'), config);
    expect(await service.disable(GUILD)).toBe(true);
    await tickEveryMinute(service, '2026-11-25T06:59:00Z', '2026-11-25T07:01:00Z');
    expect(poster.calls).toHaveLength(0);
  });
});
