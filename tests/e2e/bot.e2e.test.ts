/**
 * The real bot program (`src/main.ts`, real discord.js client) against the fake Discord: what a
 * member sees on a server, and how the bot survives rate limits, server errors and a dropped
 * gateway connection.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord, FakeMessage } from '../fake-discord/index.js';
import { commandDefinitions } from '../../src/commands/index.js';
import { buttonsOf, embedText, HOSTILE_ARTICLE, startBotProcess, type BotProcess, type Corpus } from './harness.js';

const EPHEMERAL = 64;
const commandsPath = /^\/applications\/\d+\/guilds\/\d+\/commands$/;

let fake: FakeDiscord;
let corpus: Corpus;
let bot: BotProcess;

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { articles: { '900_kaliningrad_brise_glace.txt': HOSTILE_ARTICLE } }));
  keep.atEnd(() => bot?.stop());
  bot = await startBotProcess({ fake, corpusDir: corpus.dir, databasePath: join(corpus.root, 'first', 'bot.db') });
}, 60_000);

/** Sends a slash command and waits for its visible answer. */
async function run(name: string, options?: Record<string, string | number>, user?: string) {
  const handle = fake.sendCommand({ name, ...(options ? { options } : {}), ...(user ? { user } : {}) });
  const message = await handle.reply((m) => m.embeds.length > 0 || handle.followUps.length > 0, 10_000).catch(async () => {
    // An ephemeral answer after a public defer arrives as a follow-up.
    const [followUp] = await handle.waitForFollowUps(1, 1_000);
    return followUp!;
  });
  return { handle, message };
}

describe('the bot on a Discord server', () => {
  it('registers its slash commands on the guild at start-up', () => {
    const registered = fake.commands(fake.guild.id).map((c) => c.name).sort();
    expect(registered).toEqual(commandDefinitions().map((d) => d.name).sort());
    const puts = fake.requests.filter((r) => r.method === 'PUT' && commandsPath.test(r.path));
    expect(puts).toHaveLength(1);
  });

  it('/briefing answers a public briefing after deferring', async () => {
    const { handle, message } = await run('briefing');
    expect(handle.callbacks[0]!.type).toBe(5);
    expect(handle.ephemeral).toBe(false);
    expect(handle.errors).toEqual([]);
    expect(message.embeds[0]!.title).toMatch(/briefing/i);
    expect(embedText(message)).toMatch(/Russie|Ukraine/);
  });

  it('/actor Russie shows highlighted mentions and related actors', async () => {
    const { handle, message } = await run('actor', { nom: 'Russie' });
    expect(handle.ephemeral).toBe(false);
    const embed = message.embeds[0]!;
    expect(embed.title).toBe('Russie');
    // Bold spans that are not the "Extrait n/N" labels: the matched forms.
    const highlighted = [...(embed.description ?? '').matchAll(/\*\*([^*\n]+)\*\*/g)].map((m) => m[1]!).filter((t) => !/^Extrait/.test(t));
    expect(highlighted.length).toBeGreaterThan(0);
    expect(highlighted.some((t) => /^(Russie|russe|Moscou|Kremlin|russes)$/i.test(t))).toBe(true);
    expect(embed.fields?.[0]?.name).toMatch(/Acteurs associés/);
    expect(embed.fields![0]!.value).toMatch(/Ukraine|États-Unis|Chine/);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('autocomplete proposes Russie for "Rus"', async () => {
    const choices = await fake.sendAutocomplete({ name: 'actor', focused: 'nom', options: { nom: 'Rus' } });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.name)).toContain('Russie');
  });

  describe('paging', () => {
    let message: FakeMessage;

    beforeAll(async () => {
      ({ message } = await run('actor', { nom: 'Russie' }));
    });

    it('Next turns the page for the member who asked', async () => {
      const [previous, next] = buttonsOf(message);
      expect(previous!.disabled).toBe(true);
      expect(next!.label).toMatch(/Suivant/);
      const click = fake.clickButton({ message, customId: next!.custom_id });
      const updated = await click.reply((m) => /Page 2\//.test(m.embeds[0]?.footer?.text ?? ''));
      expect(click.callbacks[0]!.type).toBe(7);
      expect(updated.id).toBe(message.id);
      expect(buttonsOf(updated)[0]!.disabled).toBe(false);
    });

    it('another member gets a polite private answer and the page does not move', async () => {
      const current = fake.message(message.id)!;
      const next = buttonsOf(current)[1]!;
      const other = fake.guild.members.find((m) => !m.bot && m.username === 'yanis_b')!;
      const click = fake.clickButton({ message: current, customId: next.custom_id, user: other.id });
      const answer = await click.reply();
      expect(click.ephemeral).toBe(true);
      expect(embedText(answer)).toMatch(/Seule la personne qui a lancé la commande/);
      expect(fake.message(message.id)!.embeds[0]!.footer!.text).toBe(current.embeds[0]!.footer!.text);
    });
  });

  it('an unknown actor gets a private answer with suggestions that run the command', async () => {
    // The Dutch name: no such actor in a French corpus, but close to some.
    const { handle, message } = await run('actor', { nom: 'Rusland' });
    expect(handle.ephemeral || (message.flags ?? 0) & EPHEMERAL).toBeTruthy();
    expect(message.embeds[0]!.title).toBe('Acteur introuvable');
    const suggestions = buttonsOf(message);
    expect(suggestions.length).toBeGreaterThan(0);
    const russie = suggestions.find((b) => b.label === 'Russie') ?? suggestions[0]!;
    const click = fake.clickButton({ message, customId: russie.custom_id });
    const answer = await click.reply((m) => m.embeds.length > 0);
    expect(click.callbacks[0]!.type).toBe(4);
    expect(answer.embeds[0]!.title).toBe(russie.label);
  });

  it('corpus text that says @everyone or **bold** pings nobody and shows literally', async () => {
    const { message } = await run('article', { id: '900_kaliningrad_brise_glace' });
    const text = embedText(message);
    expect(text).toMatch(/Kaliningrad/);
    expect(text).toContain('@\u200beveryone');
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/<@\d+>|<#\d+>/);
    expect(text).toContain('\\*\\*urgent\\*\\*');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.mention_everyone).toBe(false);
    expect(message.mentions).toEqual([]);
  });

  it('survives a 429 and a 500 from the REST API', async () => {
    const rateLimited = fake.failNext({ path: /\/callback$/, status: 429, retryAfter: 0.2 });
    const first = await run('actor', { nom: 'Chine' });
    expect(rateLimited.hits).toBe(1);
    expect(first.message.embeds[0]!.title).toBe('Chine');

    const serverError = fake.failNext({ path: /\/callback$/, status: 500 });
    const second = await run('actor', { nom: 'Ukraine' });
    expect(serverError.hits).toBe(1);
    expect(second.message.embeds[0]!.title).toBe('Ukraine');
  });

  it('survives a dropped gateway connection: the next command is answered', async () => {
    const before = fake.gatewayStats.connections;
    await fake.dropGateway('destroy');
    await fake.waitFor(() => fake.gatewayStats.connections > before, { timeoutMs: 15_000, description: 'a reconnection' });
    await fake.waitForGateway(15_000);
    const { message } = await run('actor', { nom: 'Russie' });
    expect(message.embeds[0]!.title).toBe('Russie');
  });

  it('after a restart with its state gone: no second registration, and old page buttons answer politely', async () => {
    const { message } = await run('actor', { nom: 'Russie' });
    await bot.stop();
    const since = fake.requests.length;
    bot = await startBotProcess({ fake, corpusDir: corpus.dir, databasePath: join(corpus.root, 'second', 'bot.db') });
    const after = fake.requests.slice(since);
    expect(after.some((r) => r.method === 'GET' && commandsPath.test(r.path))).toBe(true);
    expect(after.some((r) => r.method === 'PUT' && commandsPath.test(r.path))).toBe(false);

    const next = buttonsOf(message)[1]!;
    const click = fake.clickButton({ message, customId: next.custom_id });
    const [notice] = await click.waitForFollowUps(1, 10_000);
    expect((notice!.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(embedText(notice!)).toMatch(/expiré/);
    expect(buttonsOf(fake.message(message.id)!).every((b) => b.disabled)).toBe(true);
  }, 60_000);

  it('sent nothing Discord refused, kept every message within limits, and never logged the token', () => {
    const refused = fake.requests.filter((r) => (r.status ?? 0) >= 400 && !r.injected);
    expect(refused.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
    expect(fake.internalErrors).toEqual([]);
    expect(bot.logs.filter((l) => l.msg === 'rendered message breaks Discord limits')).toEqual([]);
    expect(bot.stderr()).not.toContain(fake.token);
  });
});
