/**
 * The fake Discord against the real discord.js v14 client: login, command registration,
 * interactions and their answers, Discord's validation errors, rate limits, 5xx retries and
 * gateway reconnection.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  type Interaction,
} from 'discord.js';
import { startFakeDiscord, waitForEvent, type FakeDiscord } from './fake-discord/index.js';

let fake: FakeDiscord;
let client: Client;
/** Each test installs the handler it needs; the client keeps one listener. */
let onInteraction: (interaction: Interaction) => Promise<void> = async () => undefined;
const handlerErrors: unknown[] = [];

const briefingCommand = {
  name: 'briefing',
  description: 'Résumé des articles récents',
  description_localizations: { 'en-US': 'Summary of recent articles' },
  options: [
    { type: 3, name: 'sujet', description: 'Pays ou acteur', required: true, autocomplete: true },
    { type: 4, name: 'jours', description: 'Période en jours', min_value: 1, max_value: 30 },
    { type: 7, name: 'salon', description: 'Où publier', channel_types: [0] },
  ],
};

beforeAll(async () => {
  fake = await startFakeDiscord({
    guilds: [
      {
        name: 'Rédaction Dépêche',
        channels: [
          { name: 'général', topic: 'Discussions' },
          { name: 'briefings' },
          // The bot reads this channel but may not post there.
          { name: 'archives', botPermissions: { deny: PermissionFlagsBits.SendMessages } },
        ],
        members: [
          { username: 'claire.moreau', globalName: 'Claire Moreau', permissions: PermissionFlagsBits.ManageGuild },
          { username: 'yanis_b', locale: 'en-US' },
        ],
      },
    ],
  });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase } });
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
  const ready = waitForEvent(client, Events.ClientReady, { timeoutMs: 8000 });
  await client.login(fake.token);
  await ready;
});

afterEach(() => {
  // A handler that threw would otherwise only show up as a timeout.
  expect(handlerErrors.splice(0)).toEqual([]);
  onInteraction = async () => undefined;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('login', () => {
  it('reaches ready with the bot user, the application and the guild with its channels', () => {
    expect(client.user?.id).toBe(fake.botUser.id);
    expect(client.user?.bot).toBe(true);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guild.id);
    expect(guild?.name).toBe('Rédaction Dépêche');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['archives', 'briefings', 'général']);
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    expect(fake.gatewayStats.identifies).toBe(1);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot')).toBe(true);
  });

  it('computes the bot permissions discord.js sees from roles and overwrites', () => {
    const guild = client.guilds.cache.get(fake.guild.id)!;
    const me = guild.members.me!;
    const archives = guild.channels.cache.find((c) => c.name === 'archives')!;
    const briefings = guild.channels.cache.find((c) => c.name === 'briefings')!;
    expect(archives.permissionsFor(me)?.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(archives.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(briefings.permissionsFor(me)?.has(PermissionFlagsBits.SendMessages)).toBe(true);
  });
});

describe('commands and interactions', () => {
  it('registers global and guild commands through client.application.commands', async () => {
    const global = await client.application!.commands.set([briefingCommand]);
    expect(global.size).toBe(1);
    expect(fake.commands().map((c) => c.name)).toEqual(['briefing']);
    const firstId = fake.commands()[0]!.id;
    // A second bulk overwrite keeps the id of a command with the same name, like Discord.
    await client.application!.commands.set([briefingCommand]);
    expect(fake.commands()[0]!.id).toBe(firstId);

    await client.application!.commands.set(
      [{ name: 'reglages', description: 'Réglages du serveur', default_member_permissions: '32' }],
      fake.guild.id,
    );
    expect(fake.commands(fake.guild.id).map((c) => c.name)).toEqual(['reglages']);
    expect(fake.commands(fake.guild.id)[0]!.guild_id).toBe(fake.guild.id);
  });

  it('rejects an invalid command definition with 50035', async () => {
    const error = await client.application!.commands
      .set([{ name: 'Briefing Complet', description: 'x'.repeat(101) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    const api = error as DiscordAPIError;
    expect(api.code).toBe(50035);
    expect(api.status).toBe(400);
    expect(JSON.stringify(api.rawError)).toContain('APPLICATION_COMMAND_INVALID_NAME');
    expect(JSON.stringify(api.rawError)).toContain('"description"');
  });

  it('delivers a ChatInputCommandInteraction; deferReply then editReply with an embed lands in the handle', async () => {
    let seen: { name: string; sujet: string | null; jours: number | null; salon: string | undefined; locale: string; manage: boolean } | undefined;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        name: interaction.commandName,
        sujet: interaction.options.getString('sujet'),
        jours: interaction.options.getInteger('jours'),
        salon: interaction.options.getChannel('salon')?.name ?? undefined,
        locale: interaction.locale,
        manage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
      };
      await interaction.deferReply();
      await interaction.editReply({
        embeds: [new EmbedBuilder().setTitle('Briefing : Ukraine').setDescription('Trois articles sur sept jours.').setColor(0x2b6cb0)],
        allowedMentions: { parse: [] },
      });
    };
    const salon = fake.channel('briefings')!;
    const handle = fake.sendCommand({
      name: 'briefing',
      user: 'claire.moreau',
      options: { sujet: 'Ukraine', jours: 7, salon: salon.id },
    });
    expect((await handle.callback()).type).toBe(5);
    const reply = await handle.reply();
    expect(reply.embeds[0]?.title).toBe('Briefing : Ukraine');
    expect(reply.embeds[0]?.color).toBe(0x2b6cb0);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect(handle.ephemeral).toBe(false);
    expect(seen).toEqual({ name: 'briefing', sujet: 'Ukraine', jours: 7, salon: 'briefings', locale: 'fr', manage: true });
    // The public answer shows in the channel like on Discord.
    expect(fake.channelMessages(fake.channel('général')!.id).map((m) => m.id)).toContain(reply.id);
  });

  it('records an ephemeral reply and refuses a second acknowledgement with 40060', async () => {
    let second: unknown;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'Réglages enregistrés.', flags: MessageFlags.Ephemeral });
      // Bypass discord.js's own guard to reach the API twice, as a buggy router could.
      second = await client.rest
        .post(`/interactions/${interaction.id}/${interaction.token}/callback`, { body: { type: 4, data: { content: 'Encore' } }, auth: false })
        .catch((e: unknown) => e);
    };
    const handle = fake.sendCommand({ name: 'reglages', user: 'yanis_b' });
    const reply = await handle.reply();
    expect(reply.content).toBe('Réglages enregistrés.');
    expect(handle.ephemeral).toBe(true);
    expect(fake.channelMessages(fake.channel('général')!.id).some((m) => m.id === reply.id)).toBe(false);
    const error = await handle.waitForError(40060);
    expect(error.status).toBe(400);
    await fake.waitFor(() => second);
    expect((second as DiscordAPIError).code).toBe(40060);
    expect(handle.payload.locale).toBe('en-US');
  });
});
