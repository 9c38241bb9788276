/**
 * The daily digest through the real discord.js client and the fake Discord: `/digest set` by a
 * manager (and refused to others), a channel the bot cannot post in reported at once, a digest
 * fired by the schedule landing in the channel once, and nothing repeated after a restart, with
 * the settings kept. The bot is wired in-process as `src/start-bot.ts` wires it, so that the
 * digest clock can be driven by the test (the timer ticks every second and reads that clock).
 */
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus, newsroom } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import type { DigestService } from '../../src/services/digest/index.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { copyFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
const FEED_FILES = fileURLToPath(new URL('../fixtures/feed-articles/', import.meta.url));

let fake: FakeDiscord;
let corpus: Corpus;
let engine: CorpusEngine;
let closeCorpus: () => Promise<void>;
let now = new Date('2026-11-25T06:00:00Z'); // 07:00 in Paris
const clock = () => new Date(now);

let running: InProcessBot | undefined;

/** Starts the bot and its digest service on the database file, as the composition root does. */
const startBot = () =>
  startInProcessBot({ fake, engine, statePath: join(corpus.root, 'state', 'bot.db'), clock, cron: '* * * * * *' });

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, {
    discord: newsroom(
      { name: 'général' },
      { name: 'briefings', topic: 'Le digest du matin' },
      // The bot can read this one but not write in it.
      { name: 'annonces', botPermissions: { deny: PermissionFlagsBits.SendMessages } },
    ),
  }));
  // The index stamps arrivals with the test's clock, as the digest reads them.
  const opened = await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:', now: () => clock().getTime() });
  engine = opened.engine;
  closeCorpus = () => opened.engine.close();
  keep.atEnd(() => closeCorpus?.());
  keep.atEnd(() => running?.stop());
  running = await startBot();
}, 60_000);

const channel = (name: string) => fake.channel(name)!.id;

/**
 * Resolves once `n` more ticks of the digest's timer have run to their end: the timer calls
 * `digest.tick()`, counted here. A wait for the ticks themselves, not for a time that a busy
 * machine could fill with none.
 */
function ticksOf(digest: DigestService, n: number): Promise<void> {
  const tick = digest.tick;
  let left = n;
  return new Promise((resolve) => {
    digest.tick = async (at) => {
      try {
        return await tick(at);
      } finally {
        if (--left === 0) {
          digest.tick = tick;
          resolve();
        }
      }
    };
  });
}
const digestsIn = (name: string) => fake.channelMessages(channel(name)).filter((m) => /digest du/i.test(embedText(m)));

/** Sends `/digest <subcommand>` and waits for the private answer. */
async function digestCommand(subcommand: string, options: Record<string, string> = {}, user = 'claire.moreau') {
  const handle = fake.sendCommand({ name: 'digest', subcommand, options, user });
  const message = await handle.reply((m) => m.embeds.length > 0, 10_000);
  return { handle, message };
}

describe('/digest on a Discord server', () => {
  it('is registered for managers only', () => {
    const registered = fake.commands(fake.guild.id).find((c) => c.name === 'digest');
    expect(registered?.default_member_permissions).toBe('32');
  });

  it('refuses a member who may not manage the server, privately', async () => {
    const { handle, message } = await digestCommand('set', { salon: channel('briefings'), heure: '08:00' }, 'yanis_b');
    expect(handle.ephemeral).toBe(true);
    expect(message.embeds[0]!.title).toBe('Réservé aux gestionnaires du serveur');
    expect(await running!.store.getGuildSettings(fake.guild.id)).toBeUndefined();
  });

  it('reports at once a channel the bot cannot post in, and saves nothing', async () => {
    const { handle, message } = await digestCommand('set', { salon: channel('annonces'), heure: '08:00' });
    expect(handle.ephemeral).toBe(true);
    expect(message.embeds[0]!.title).toBe('Le bot ne peut pas publier dans ce salon');
    expect(embedText(message)).toMatch(/#annonces : Envoyer des messages/);
    expect(await running!.store.getGuildSettings(fake.guild.id)).toBeUndefined();
  });

  it('lets a manager set the channel, time and zone', async () => {
    const { handle, message } = await digestCommand('set', { salon: channel('briefings'), heure: '08:00', fuseau: 'Europe/Paris' });
    expect(handle.ephemeral).toBe(true);
    expect(message.embeds[0]!.title).toBe('Digest programmé');
    expect(embedText(message)).toMatch(/Chaque jour à 08:00 \(Europe\/Paris\) dans #briefings\./);
    expect(embedText(message)).toMatch(/Prochain digest : mercredi 25 novembre 2026 à 08:00\./);
    expect(await running!.store.getGuildSettings(fake.guild.id)).toMatchObject({ channelId: channel('briefings'), time: '08:00', enabled: true });
  });

  it('answers /digest preview while the index is being built with a polite notice, not a partial digest', async () => {
    // The engine reports a rebuild (an upgrade's new INDEX_VERSION) for the time of this test.
    const building = engine as CorpusEngine & { indexProgress: CorpusEngine['indexProgress'] };
    building.indexProgress = async () => ({ percent: 42, articles: 2 });
    try {
      const { handle, message } = await digestCommand('preview');
      expect(handle.ephemeral).toBe(true);
      expect(message.embeds[0]!.title).toBe('Index en cours de construction');
      const text = embedText(message).replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toMatch(/L’index du corpus est en cours de construction \(42 %, 2 articles pour l’instant\)/);
      expect(text).toMatch(/les digests programmés attendent la fin de l’index/);
      // Said once, not also as the « index en cours » line other answers carry.
      expect(text).not.toMatch(/index en cours :/);
      expect(text).not.toMatch(/Aperçu du digest/);
    } finally {
      delete (building as Partial<typeof building>).indexProgress;
    }
    const { message } = await digestCommand('preview');
    expect(message.embeds[0]!.title).toMatch(/^Aperçu du digest du/);
    expect(digestsIn('briefings')).toHaveLength(0);
  });

  it('autocompletes the time zone', async () => {
    const choices = await fake.sendAutocomplete({ name: 'digest', subcommand: 'set', focused: 'fuseau', options: { salon: channel('briefings'), fuseau: 'paris' }, user: 'claire.moreau' });
    expect(choices.map((c) => c.value)).toContain('Europe/Paris');
  });

  it('posts the digest fired by the schedule in the channel, once, retrying a Discord error', async () => {
    // One server error on the post: the retry goes through with the same nonce.
    const fault = fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
    now = new Date('2026-11-25T07:00:01Z'); // 08:00:01 in Paris
    const message: FakeMessage = await fake.waitForMessage(channel('briefings'), (m) => /digest du 2026-11-25 08:00/.test(embedText(m)), 15_000);
    expect(message.embeds[0]!.title).toBe('Digest du mercredi 25 novembre 2026');
    expect(embedText(message).replace(/\u00a0/g, ' ')).toMatch(/Premier digest de ce salon, sur l’ensemble du corpus : 5 articles, 5 sujets\./);
    // Shares are said to be of all actor mentions of the period.
    expect(message.embeds[0]!.fields!.map((f) => f.name.replace(/\u00a0/g, ' '))).toContainEqual(
      expect.stringMatching(/^Acteurs du jour \(mentions, part des mentions d’acteurs de la période : \d+ mentions\)$/),
    );
    expect(embedText(message)).toMatch(/Acteurs du jour/);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.author.id).toBe(fake.applicationId);
    expect(String(message.nonce)).toMatch(/^dg[0-9a-z]{22}$/);
    expect(fault.hits).toBe(1);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel('briefings')}/messages`);
    expect(posts).toHaveLength(2);
    expect(posts.map((r) => (r.body as { nonce?: string; enforce_nonce?: boolean }).enforce_nonce)).toEqual([true, true]);

    // Two more ticks of the timer: still one digest.
    now = new Date('2026-11-25T07:03:00Z');
    await ticksOf(running!.digest, 2);
    expect(digestsIn('briefings')).toHaveLength(1);
    expect(digestsIn('général')).toHaveLength(0);
    const slot = await running!.store.getSlot(fake.guild.id, channel('briefings'), '2026-11-25 08:00');
    expect(slot).toMatchObject({ status: 'posted', messageId: message.id });
  });

  it('does not repeat it after a restart, and keeps the settings', async () => {
    await running!.stop();
    running = undefined;
    now = new Date('2026-11-25T07:10:00Z');
    running = await startBot(); // its catch-up tick runs during start
    await ticksOf(running.digest, 2);
    expect(digestsIn('briefings')).toHaveLength(1);

    const { message } = await digestCommand('status');
    const fields = Object.fromEntries((message.embeds[0]!.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['État']).toBe('Actif');
    expect(fields['Heure']).toBe('08:00 (Europe/Paris)');
    expect(fields['Salon']).toBe(channel('briefings'));
    expect(fields['Prochain digest']).toBe('jeudi 26 novembre 2026 à 08:00');
    expect(fields['Dernier digest']).toMatch(/^mercredi 25 novembre 2026 à 08:0\d — 5 nouveaux articles$/);

    // The next day's digest comes at its time and says nothing is new.
    now = new Date('2026-11-26T07:00:00Z');
    const next = await fake.waitForMessage(channel('briefings'), (m) => /digest du 2026-11-26 08:00/.test(embedText(m)), 15_000);
    expect(embedText(next)).toMatch(/Rien de nouveau depuis le dernier digest \(25 novembre 2026, 08:0\d\)\./);
    expect(digestsIn('briefings')).toHaveLength(2);
  });

  it('gives the stories of the articles that arrived since the last digest, with their outlets and true dates', async () => {
    // Later that day: two outlets on one event, and a live blog on another event of the same day
    // (hand-written files: named by their title); then feed files as the poller writes them.
    now = new Date('2026-11-26T18:00:00Z');
    for (const name of ['30_lefigaro_ue_sanctions.txt', '31_20minutes_afp_ue_sanctions.txt', '33_ouestfrance_direct_kharkiv.txt']) {
      copyFileSync(join(FIXTURES, name), join(corpus.dir, name));
    }
    for (const name of readdirSync(FEED_FILES)) copyFileSync(join(FEED_FILES, name), join(corpus.dir, name));
    await (engine as SqliteCorpusEngine).sync();
    now = new Date('2026-11-27T07:00:00Z');
    const message = await fake.waitForMessage(channel('briefings'), (m) => /digest du 2026-11-27 08:00/.test(embedText(m)), 15_000);
    const text = embedText(message).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toMatch(/Depuis le digest du 26 novembre 2026, 08:0\d : 6 nouveaux articles, \d sujets\./);
    expect(text).toMatch(/\*\*\d\\\.\*\* \*\*.*sanctions contre la Russie\*\*/);
    expect(text).toMatch(/2 sources : « [^»]+ » \(27 novembre 2026\) · « [^»]+ » \(27 novembre 2026\)/);
    expect(text).toMatch(/\*\*\d\\\.\*\* \*\*DIRECT\. Guerre en Ukraine : au moins sept morts/);
    expect(text).toMatch(/1 source : « DIRECT\. Guerre en Ukraine : au moins sept[^»]* » \(27 novembre 2026\)/);
    // Feed files: their outlet as the link text, an undated one said so with its arrival.
    expect(text).toContain('[Armenpress](<https://armenpress.am/fr/article/1227415>) (date inconnue, reçu le 7 décembre 2026)');
    expect(text).toMatch(/\[Euronews\]\(<https:\/\/fr\.euronews\.com\/[^>]+>\) \(7 décembre 2026\)/);
    expect(text).not.toMatch(/`3[0-3]_|20261207-|20261206-/);
    const fields = Object.fromEntries(message.embeds.flatMap((e) => e.fields ?? []).map((f) => [f.name.replace(/[\u00a0\u202f]/g, ' '), f.value]));
    expect(Object.keys(fields)).toContainEqual(expect.stringMatching(/^Acteurs du jour \(mentions, part des mentions d’acteurs de la période : \d+ mentions\)$/));
    // Cited media only: not RT nor Sputnik (the target of sanctions), not AP (a photo credit).
    expect(fields['Sources citées']).toMatch(/Reuters \(\d\)/);
    expect(fields['Sources citées']).not.toMatch(/\bRT\b|Sputnik|Associated Press/);
    expect(text).toMatch(/Acteurs : /);
    // No story of the previous digests comes back.
    expect(text).not.toMatch(/Wall Street Journal|Géopolitique sous tension/);
    expect(digestsIn('briefings')).toHaveLength(3);
  });
});
