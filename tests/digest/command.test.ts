/**
 * `/digest` handlers as the router calls them: managers only (checked again at run time), a
 * channel the bot cannot post in refused at once, status in the server's time, a private preview,
 * followed topics, and the time-zone autocomplete.
 */
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { digestCommand, parseTopics, timeZoneChoices } from '../../src/commands/digest.js';
import { commandByName } from '../../src/commands/index.js';
import type { CommandContext, CommandOptions } from '../../src/commands/command.js';
import type { ChannelAccess } from '../../src/services/digest/access.js';
import type { DigestService } from '../../src/services/digest/service.js';
import type { SqliteStateStore } from '../../src/services/store/index.js';
import { CHANNEL, FakeChannelPoster, GUILD, makeService, openStore, testClock, useDigestFixture } from './helpers.js';

const fx = useDigestFixture('all');
let store: SqliteStateStore;
let service: DigestService;
let poster: FakeChannelPoster;
let access: ChannelAccess;
const clock = testClock('2026-11-25T09:00:00Z'); // 10:00 in Paris


let n = 0;
beforeEach(() => {
  store = openStore(`${fx.ws.root}/state/cmd-${++n}.db`);
  poster = new FakeChannelPoster();
  access = { status: 'ok', name: 'actualités' };
  clock.set('2026-11-25T09:00:00Z');
  service = makeService({ engine: fx.engine, store, poster, clock: clock.now, channelAccess: async () => access });
});
afterEach(async () => {
  await service.stop();
  await store.close();
});

function context(canManageGuild = true, services: Record<string, unknown> = { digest: service }): CommandContext {
  return { engine: fx.engine, invoker: { userId: '555555555555555555', guildId: GUILD, channelId: CHANNEL, canManageGuild, locale: 'fr' }, services };
}

const run = (subcommand: string, values: CommandOptions['values'] = {}, ctx = context(), page = 0) =>
  digestCommand.execute(ctx, { subcommand, values }, page);

describe('/digest', () => {
  it('is registered, hidden from members without Manage Server, in servers only', () => {
    expect(commandByName('digest')?.data).toBe(digestCommand.data);
    expect(digestCommand.data.default_member_permissions).toBe('32');
    expect(digestCommand.defer).toBe('ephemeral');
    const set = digestCommand.data.options!.find((o) => o.name === 'set') as { options: Array<{ name: string; channel_types?: number[] }> };
    expect(set.options.find((o) => o.name === 'salon')!.channel_types).toEqual([0, 5]);
  });

  it('politely refuses a member who may not manage the server, whatever the subcommand', async () => {
    for (const sub of ['set', 'off', 'status', 'preview', 'sujets']) {
      const reply = await run(sub, { salon: CHANNEL, heure: '08:00' }, context(false));
      expect(reply.tone).toBe('error');
      expect(reply.ephemeral).toBe(true);
      expect(reply.title).toBe('Réservé aux gestionnaires du serveur');
    }
    expect(await store.getGuildSettings(GUILD)).toBeUndefined();
  });

  it('set saves the channel, time and zone, and says when the next digest comes', async () => {
    const reply = await run('set', { salon: CHANNEL, heure: '18h30', fuseau: 'america/montreal' });
    expect(reply.tone).toBe('success');
    expect(reply.ephemeral).toBe(true);
    expect(reply.intro).toContain('Chaque jour à 18:30 (America/Toronto) dans #actualités.');
    expect(reply.intro).toContain('Prochain digest : mercredi 25 novembre 2026 à 18:30.');
    expect(await store.getGuildSettings(GUILD)).toMatchObject({ channelId: CHANNEL, time: '18:30', timezone: 'America/Toronto', enabled: true });
  });

  it('set refuses at once a channel the bot cannot post in, and changes nothing', async () => {
    access = { status: 'missing', missing: ['Envoyer des messages', 'Intégrer des liens'], name: 'annonces' };
    const reply = await run('set', { salon: CHANNEL, heure: '08:00' });
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('Le bot ne peut pas publier dans ce salon');
    expect(reply.intro).toMatch(/Il manque au bot dans #annonces : Envoyer des messages, Intégrer des liens\./);
    expect(await store.getGuildSettings(GUILD)).toBeUndefined();
  });

  it('set rejects an impossible time or an unknown zone with a French message', async () => {
    expect((await run('set', { salon: CHANNEL, heure: '25:00' })).intro).toMatch(/Heure invalide « 25:00 »/);
    expect((await run('set', { salon: CHANNEL, heure: '08:00', fuseau: 'Mars/Olympus' })).title).toBe('Fuseau horaire inconnu');
    expect(await store.getGuildSettings(GUILD)).toBeUndefined();
  });

  it('status shows the next run in the server’s time, the last post and the last error', async () => {
    expect((await run('status')).title).toBe('Digest : non programmé');
    await run('set', { salon: CHANNEL, heure: '08:00', fuseau: 'Europe/Paris' });
    // Tomorrow 08:00 fails once (Discord down), then is posted.
    poster.failNext({ status: 502 }, 3);
    clock.set('2026-11-26T07:00:00Z');
    await service.tick();
    clock.set('2026-11-26T07:00:30Z');
    let fields = Object.fromEntries((await run('status')).fields!.map((f) => [f.name, f.lines.join('\n')]));
    expect(fields['État']).toBe('Actif');
    expect(fields['Prochain digest']).toBe('En cours de publication (créneau de jeudi 26 novembre 2026 à 08:00)');
    expect(fields['Dernier digest']).toBe('Aucun pour l’instant');
    expect(fields['Dernière erreur']).toMatch(/^jeudi 26 novembre 2026 à 08:00 : Discord indisponible \(HTTP 502\)/);

    clock.set('2026-11-26T07:01:00Z');
    await service.tick();
    clock.set('2026-11-26T07:02:00Z');
    fields = Object.fromEntries((await run('status')).fields!.map((f) => [f.name, f.lines.join('\n')]));
    expect(fields['Prochain digest']).toBe('vendredi 27 novembre 2026 à 08:00');
    expect(fields['Dernier digest']).toBe('jeudi 26 novembre 2026 à 08:01 — 5 nouveaux articles');
  });

  it('preview shows the digest privately, page by page, without posting or recording anything', async () => {
    await run('set', { salon: CHANNEL, heure: '08:00' });
    await run('sujets', { liste: 'Russie, Chine' });
    const first = await run('preview');
    expect(first.ephemeral).toBe(true);
    expect(first.title).toBe('Aperçu du digest du mercredi 25 novembre 2026');
    expect(first.page).toEqual({ index: 0, count: 3 });
    const second = await run('preview', {}, context(), 1);
    expect(second.title).toBe('Sujet : Russie (pays)');
    expect(second.items.length).toBeGreaterThan(0);
    expect(poster.calls).toHaveLength(0);
    expect(await store.lastPosted(GUILD, CHANNEL)).toBeUndefined();
  });

  it('sujets follows actors or topics, says what they resolved to, and an empty list clears them', async () => {
    expect((await run('sujets', { liste: 'Russie' })).title).toBe('Digest non programmé');
    await run('set', { salon: CHANNEL, heure: '08:00' });
    const reply = await run('sujets', { liste: 'Moscou ; gaz naturel, OTAN' });
    expect(reply.intro).toBe('Le digest ne suivra que : Moscou → Russie, gaz naturel (recherche libre), OTAN.');
    expect((await store.getGuildSettings(GUILD))!.topics).toEqual(['Moscou', 'gaz naturel', 'OTAN']);
    expect((await run('sujets', {})).title).toBe('Sujets effacés');
    expect((await store.getGuildSettings(GUILD))!.topics).toEqual([]);
  });

  it('off stops the digest, and says so when there was none', async () => {
    expect((await run('off')).title).toBe('Digest déjà inactif');
    await run('set', { salon: CHANNEL, heure: '08:00' });
    expect((await run('off')).title).toBe('Digest désactivé');
    expect((await store.getGuildSettings(GUILD))!.enabled).toBe(false);
    const fields = Object.fromEntries((await run('status')).fields!.map((f) => [f.name, f.lines.join('\n')]));
    expect(fields['État']).toBe('Désactivé');
    expect(fields['Prochain digest']).toBeUndefined();
  });

  it('answers plainly where no digest service runs (console) or outside a server', async () => {
    expect((await run('status', {}, context(true, {}))).title).toBe('Digest indisponible');
    const dm = { ...context(), invoker: { userId: '1', canManageGuild: true } };
    expect((await run('status', {}, dm)).title).toBe('Commande de serveur');
  });
});

describe('autocomplete', () => {
  it('offers IANA zones for what is typed, with their offset, favourites first when empty', async () => {
    const paris = await digestCommand.autocomplete!(context(), 'fuseau', 'paris');
    expect(paris[0]).toEqual({ name: expect.stringMatching(/^Europe\/Paris \(UTC\+01:00\)$/), value: 'Europe/Paris' });
    expect((await digestCommand.autocomplete!(context(), 'fuseau', 'new york')).map((c) => c.value)).toContain('America/New_York');
    const empty = timeZoneChoices('');
    expect(empty[0]!.value).toBe('Europe/Paris');
    expect(empty.length).toBeLessThanOrEqual(25);
    expect(timeZoneChoices('a').length).toBe(25);
  });

  it('completes the last topic of the list with actor names, keeping the ones before', async () => {
    const choices = await digestCommand.autocomplete!(context(), 'liste', 'OTAN, Rus');
    expect(choices.map((c) => c.value)).toContain('OTAN, Russie');
  });

  it('splits topics on commas and semicolons', () => {
    expect(parseTopics(' Russie ,, Chine ; gaz  naturel ')).toEqual(['Russie', 'Chine', 'gaz naturel']);
    expect(parseTopics(undefined)).toEqual([]);
  });
});
