/**
 * Follows end to end, through the real discord.js client and the fake Discord: `/suivre` by a
 * manager with a role (refused to a member for another channel), new articles written into the
 * corpus folder → one alert in the right channel with only that role mentioned; five outlets on
 * one event → one alert naming them (a later copy edits it); no repeat after a restart; a crash
 * between the post and its record (as `kill -9` would leave it) → no duplicate; a burst past the
 * cap → one grouped message; a channel the bot may no longer write in → failures shown in
 * `/suivis`, then the follow paused. The follow service is driven by the test (`tick`), on the
 * test's clock, so nothing waits on wall time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PermissionFlagsBits } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus, newsroom } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { createFollowService, type FollowService, type FollowTickReport } from '../../src/services/follows/index.js';
import { discordAlertPoster } from '../../src/bot/alert-poster.js';
import { discordChannelAccess, discordRoleName } from '../../src/bot/channel-access.js';
import { createLogger } from '../../src/logger.js';
import type { CommandContext } from '../../src/commands/command.js';
import type { AlertPoster } from '../../src/services/follows/poster.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));

let fake: FakeDiscord;
let corpus: Corpus;
let engine: SqliteCorpusEngine;
let now = new Date('2026-11-28T09:00:00Z');
const clock = () => new Date(now);
const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

let running: InProcessBot | undefined;
let follows: FollowService;
let statePath: string;

/** Starts the bot and a follow service on the state file, as `start-bot.ts` wires them. */
async function startBot(wrapPoster: (poster: AlertPoster) => AlertPoster = (p) => p, limits = {}): Promise<void> {
  let services: CommandContext['services'] = {};
  running = await startInProcessBot({
    fake,
    engine,
    statePath,
    clock,
    extraServices: (_store, s) => {
      services = s;
      return { close: async () => follows?.stop() };
    },
  });
  follows = createFollowService({
    engine,
    store: running.store,
    logger: createLogger('silent'),
    poster: wrapPoster(discordAlertPoster(running.bot.client.rest, { botUserId: fake.applicationId })),
    channelAccess: discordChannelAccess(running.bot.client),
    roleName: discordRoleName(running.bot.client),
    clock,
    limits,
    pollMs: false,
  });
  services.follows = follows;
  // The first look sets the starting point: what is already indexed is not news.
  await follows.tick();
}

/** A fixture written into the corpus folder as a feed writes it (header with the outlet), then indexed. */
async function arrive(files: Array<{ fixture: string; as?: string; site?: string; url?: string }>): Promise<FollowTickReport> {
  advance(1);
  for (const f of files) {
    const header = ['---', ...(f.site ? [`site: ${f.site}`] : []), ...(f.url ? [`url: ${f.url}`] : []), '---'].join('\n');
    writeFileSync(join(corpus.dir, f.as ?? f.fixture), `${header}\n${readFileSync(join(FIXTURES, f.fixture), 'utf8')}`);
  }
  await engine.sync();
  return follows.tick();
}

const channel = (name: string) => fake.channel(name)!.id;
const alertsIn = (name: string) => fake.channelMessages(channel(name)).filter((m) => /suivi f[0-9a-f]{10}/.test(m.embeds?.[0]?.footer?.text ?? ''));
const role = () => fake.guild.roles.find((r) => r.name !== '@everyone' && !r.managed)!.id;

async function command(name: string, options: Record<string, string>, user = 'claire.moreau', channelId?: string): Promise<FakeMessage> {
  const handle = fake.sendCommand({ name, options, user, ...(channelId ? { channelId } : {}) });
  return handle.reply((m) => m.embeds.length > 0, 15_000);
}

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { discord: newsroom({ name: 'général' }, { name: 'alertes' }, { name: 'veille' }, { name: 'annonces' }) }));
  statePath = join(corpus.root, 'state', 'bot.db');
  ({ engine } = await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:', now: () => clock().getTime() }));
  keep.atEnd(() => engine?.close());
  keep.atEnd(() => running?.stop());
  await startBot();
}, 90_000);

describe('following on a Discord server', () => {
  it('completes actor names, aliases included', async () => {
    const choices = await fake.sendAutocomplete({ name: 'suivre', focused: 'acteur', options: { acteur: 'Russ' }, user: 'yanis_b' });
    expect(choices.map((c) => c.value)).toContain('Russie');
  });

  it('a member may not send alerts to another channel; a manager may, with a role', async () => {
    const refused = await command('suivre', { acteur: 'Kremlin', salon: channel('alertes') }, 'yanis_b');
    expect(embedText(refused)).toMatch(/Gérer le serveur/);
    const created = await command('suivre', { acteur: 'Kremlin', salon: channel('alertes'), role: role() });
    expect(created.embeds[0]?.title).toBe('Suivi créé');
    // The alias resolved to its actor.
    expect(embedText(created)).toMatch(/Russie : une alerte dans #alertes/);
    const list = await running!.store.listFollows(fake.guild.id);
    expect(list.map((f) => [f.kind, f.actorId, f.channelId, f.roleId])).toEqual([['actor', 'country:RUS', channel('alertes'), role()]]);
    // /suivis names the role as the server does, never by its id, and pings nobody.
    const status = fake.sendCommand({ name: 'suivis', options: {}, user: 'claire.moreau' });
    const shown = await status.reply((m) => m.embeds.length > 0, 15_000);
    const roleName = fake.guild.roles.find((r) => r.id === role())!.name;
    expect(embedText(shown)).toContain(`#alertes · rôle mentionné : @${roleName}`);
    expect(embedText(shown)).not.toContain(role());
    expect(shown.allowed_mentions?.parse ?? []).toEqual([]);
    expect(shown.mention_roles ?? []).toEqual([]);
  });

  it('five outlets on one event make one alert in the right channel, only the role mentioned', async () => {
    const report = await arrive([
      { fixture: '30_lefigaro_ue_sanctions.txt', site: 'Le Figaro', url: 'https://www.lefigaro.fr/international/ue-sanctions' },
      { fixture: '31_20minutes_afp_ue_sanctions.txt', site: '20 Minutes', url: 'https://www.20minutes.fr/monde/ue-sanctions' },
      { fixture: '32_ouestfrance_afp_ue_sanctions.txt', url: 'https://www.ouest-france.fr/europe/ue/sanctions' },
      { fixture: '31_20minutes_afp_ue_sanctions.txt', as: '33_lacroix_afp_ue_sanctions.txt', site: 'La Croix', url: 'https://www.la-croix.com/monde/ue-sanctions' },
      { fixture: '31_20minutes_afp_ue_sanctions.txt', as: '34_leparisien_afp_ue_sanctions.txt', site: 'Le Parisien' },
    ]);
    expect(report).toMatchObject({ posted: 1, failed: 0 });
    const alerts = alertsIn('alertes');
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert.content).toBe(`<@&${role()}>`);
    expect(alert.allowed_mentions).toEqual({ parse: [], roles: [role()] });
    const text = embedText(alert);
    expect(text).toMatch(/^Suivi : Russie/);
    expect(text).toMatch(/5 sources/);
    for (const outlet of ['Le Figaro', '20 Minutes', 'ouest-france.fr', 'La Croix', 'Le Parisien']) expect(text).toContain(outlet);
    // Outlets, never file names.
    expect(text).not.toMatch(/_afp_ue_sanctions/);
    expect(text).toContain('(<https://www.lefigaro.fr/international/ue-sanctions>)');
    // The actor's forms in bold in the lead.
    expect(text).toMatch(/\*\*(russe|Russie|Moscou|Kremlin)\*\*/i);
    expect(alertsIn('général')).toHaveLength(0);
    expect((await running!.store.listFollows(fake.guild.id))[0]).toMatchObject({ alertsSent: 1, failures: 0, paused: false });
  });

  it('a copy arriving later edits that alert instead of posting another', async () => {
    const before = alertsIn('alertes')[0]!;
    const report = await arrive([{ fixture: '32_ouestfrance_afp_ue_sanctions.txt', as: '35_sudouest_afp_ue_sanctions.txt', site: 'Sud Ouest' }]);
    expect(report).toMatchObject({ posted: 0, extended: 1 });
    const alerts = alertsIn('alertes');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.id).toBe(before.id);
    expect(embedText(alerts[0]!)).toMatch(/6 sources/);
    expect(embedText(alerts[0]!)).toContain('Sud Ouest');
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path === `/channels/${channel('alertes')}/messages/${before.id}`)).toBe(true);
  });

  it('nothing is posted again after a restart', async () => {
    await running!.stop();
    await startBot();
    advance(1);
    await engine.sync();
    expect(await follows.tick()).toMatchObject({ posted: 0, recovered: 0 });
    expect(alertsIn('alertes')).toHaveLength(1);
  });

  it('a process that died between posting and recording does not post twice', async () => {
    await running!.stop();
    // This bot posts, then "dies" before the store hears of it (as kill -9 would leave things).
    await startBot((poster) => ({
      ...poster,
      post: async (channelId, alert, nonce) => {
        await poster.post(channelId, alert, nonce);
        return new Promise(() => undefined);
      },
    }));
    const posting = arrive([
      { fixture: '35_lepoint_niger_uranium.txt', as: '40_lepoint_niger_uranium.txt', site: 'Le Point' },
      { fixture: '36_rfi_niger_uranium.txt', as: '41_rfi_niger_uranium.txt', site: 'RFI' },
    ]);
    await fake.waitFor(() => alertsIn('alertes').length === 2 || undefined, { timeoutMs: 15_000 });
    void posting;
    await running!.bot.stop();
    await running!.store.close();
    // A new process, past the dead claim's lease: it finds the message and records it.
    await startBot();
    advance(5);
    const report = await follows.tick();
    expect(report).toMatchObject({ recovered: 1, posted: 0 });
    const alerts = alertsIn('alertes');
    expect(alerts).toHaveLength(2);
    expect(embedText(alerts[1]!)).toMatch(/RFI/);
    expect(await follows.tick()).toMatchObject({ recovered: 0, posted: 0 });
    expect(alertsIn('alertes')).toHaveLength(2);
  });

  it('a burst past the hourly cap makes one grouped message', async () => {
    await running!.stop();
    // A cap of 2 an hour: two stories were alerted in the last hour, the rest is grouped.
    await startBot(undefined, { alertsPerHour: 2 });
    const report = await arrive([
      { fixture: '40_afp_depeche_armenie_azerbaidjan.txt', as: '50_afp_armenie.txt', site: 'AFP' },
      { fixture: '41_lefigaro_armenie_accord.txt', as: '51_lefigaro_armenie.txt', site: 'Le Figaro' },
      { fixture: '22_analyse_moldavie_elections.txt', as: '52_moldavie.txt', site: 'Euractiv', url: 'https://www.euractiv.fr/moldavie' },
    ]);
    // The Moldova analysis is dated 2024: too old to alert; the Armenia story is past the cap.
    expect(report).toMatchObject({ posted: 0, grouped: 1 });
    const alerts = alertsIn('alertes');
    expect(alerts).toHaveLength(3);
    const grouped = alerts[2]!;
    expect(grouped.embeds[0]?.title).toBe('2 nouveaux articles sur Russie');
    expect(embedText(grouped)).toContain('AFP');
    expect(grouped.allowed_mentions).toEqual({ parse: [], roles: [role()] });
  });

  it('a channel the bot can no longer post in shows in /suivis, then pauses the follow', async () => {
    const created = await command('suivre', { sujet: 'flotte fantôme', salon: channel('annonces') });
    expect(created.embeds[0]?.title).toBe('Suivi créé');
    // The bot loses the right to post there after the follow was created.
    const botRole = fake.guild.roles.find((r) => r.managed)!.id;
    fake.channel('annonces')!.overwrites.push({ id: botRole, type: 0, allow: 0n, deny: PermissionFlagsBits.SendMessages });
    const first = await arrive([{ fixture: '31_20minutes_afp_ue_sanctions.txt', as: '60_lemonde_afp.txt', site: 'Le Monde' }]);
    expect(first).toMatchObject({ failed: 1 });
    let status = await command('suivis', {});
    expect(embedText(status)).toMatch(/Le bot ne peut pas publier dans le salon .*HTTP 403/);
    expect(embedText(status)).toMatch(/Échecs d’affilée : 1/);
    // Retried on the next looks, then paused.
    advance(1);
    await follows.tick();
    advance(1);
    await follows.tick();
    const follow = (await running!.store.listFollows(fake.guild.id)).find((f) => f.kind === 'subject')!;
    expect(follow).toMatchObject({ paused: true, failures: 3 });
    status = await command('suivis', {});
    expect(embedText(status)).toMatch(/flotte fantôme.*\n?.*[\s\S]*En pause/);
    expect(fake.channelMessages(channel('annonces'))).toHaveLength(0);
    advance(1);
    expect(await follows.tick()).toMatchObject({ failed: 0 });
  });

  it('/suivis retirer removes a follow', async () => {
    const id = (await running!.store.listFollows(fake.guild.id)).find((f) => f.kind === 'subject')!.id;
    const removed = await command('suivis', { retirer: id });
    expect(removed.embeds[0]?.title).toBe('Suivi retiré');
    expect((await running!.store.listFollows(fake.guild.id)).map((f) => f.kind)).toEqual(['actor']);
  });
});
