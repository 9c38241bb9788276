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
  REST,
  Routes,
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

describe('command options', () => {
  it('types subcommand, user and channel options from the registered definition', async () => {
    await client.application!.commands.set(
      [
        {
          name: 'reglages',
          description: 'Réglages du serveur',
          options: [
            {
              type: 1,
              name: 'digest',
              description: 'Briefing quotidien',
              options: [
                { type: 7, name: 'salon', description: 'Salon du briefing', required: true },
                { type: 6, name: 'contact', description: 'Membre à prévenir' },
                { type: 5, name: 'actif', description: 'Activer' },
              ],
            },
          ],
        },
      ],
      fake.guild.id,
    );
    let seen: unknown;
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        sub: interaction.options.getSubcommand(),
        salon: interaction.options.getChannel('salon', true).id,
        contact: interaction.options.getUser('contact')?.username,
        actif: interaction.options.getBoolean('actif'),
        commandGuildId: interaction.commandGuildId,
      };
      await interaction.reply({ content: 'Enregistré', flags: MessageFlags.Ephemeral });
    };
    const salon = fake.channel('briefings')!;
    const contact = fake.member('yanis_b')!;
    const handle = fake.sendCommand({ name: 'reglages', subcommand: 'digest', options: { salon: salon.id, contact: contact.id, actif: true } });
    await handle.reply();
    expect(seen).toEqual({ sub: 'digest', salon: salon.id, contact: 'yanis_b', actif: true, commandGuildId: fake.guild.id });
    const data = handle.payload.data as { options: Array<{ type: number; options: Array<{ name: string; type: number }> }>; resolved: { channels: Record<string, unknown> } };
    expect(data.options[0]!.type).toBe(1);
    expect(data.options[0]!.options.map((o) => [o.name, o.type])).toEqual([['salon', 7], ['contact', 6], ['actif', 5]]);
    expect(Object.keys(data.resolved.channels)).toEqual([salon.id]);
  });

  it('refuses to simulate what a Discord client could not send', () => {
    expect(() => fake.sendCommand({ name: 'reglages', subcommand: 'inconnu' })).toThrow(/no subcommand/);
    expect(() => fake.sendCommand({ name: 'reglages', subcommand: 'digest', options: {} })).toThrow(/required/);
    expect(() => fake.sendCommand({ name: 'briefing', options: { sujet: 'Mali', pays: 'Mali' } })).toThrow(/declares no option/);
  });
});

describe('Discord validation', () => {
  it('rejects an over-long embed with 50035 and the path of the faulty field', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      const error = await interaction.editReply({ embeds: [{ title: 'T'.repeat(257), description: 'ok' }] }).catch((e: unknown) => e);
      const api = error as DiscordAPIError;
      await interaction.editReply(`Refusé : ${api.code} ${JSON.stringify(api.rawError)}`);
    };
    const handle = fake.sendCommand({ name: 'briefing', options: { sujet: 'Sahel' } });
    const reply = await handle.reply();
    expect(reply.content).toContain('Refusé : 50035');
    expect(reply.content).toContain('"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"');
    expect(handle.errors[0]?.status).toBe(400);
  });

  it('counts the 6000-character embed budget in characters, not bytes', async () => {
    const channelId = fake.channel('briefings')!.id;
    // 4096 accented letters weigh 8192 bytes but 4096 characters: accepted.
    const accented = { title: 'Côte d’Ivoire', description: 'é'.repeat(4096) };
    const sent = (await client.rest.post(Routes.channelMessages(channelId), { body: { embeds: [accented] } })) as { id: string };
    expect(fake.message(sent.id)?.embeds[0]?.description).toHaveLength(4096);
    // Two embeds that fit one by one but exceed 6000 together: refused.
    const second = { description: 'è'.repeat(1900) };
    const error = (await client.rest
      .post(Routes.channelMessages(channelId), { body: { embeds: [accented, second] } })
      .catch((e: unknown) => e)) as DiscordAPIError;
    expect(error.code).toBe(50035);
    expect(JSON.stringify(error.rawError)).toContain('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('enforces content, embed count, field, button and action row limits', async () => {
    const channelId = fake.channel('briefings')!.id;
    const post = (body: unknown): Promise<DiscordAPIError> =>
      client.rest.post(Routes.channelMessages(channelId), { body }).then(
        () => {
          throw new Error('accepted');
        },
        (e: unknown) => e as DiscordAPIError,
      );
    const row = (n: number, prefix: string) => ({
      type: 1,
      components: Array.from({ length: n }, (_, i) => ({ type: 2, style: 1, label: `Page ${i}`, custom_id: `${prefix}:${i}` })),
    });
    const cases: Array<[unknown, string]> = [
      [{ content: 'x'.repeat(2001) }, '"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"'],
      [{ embeds: Array.from({ length: 11 }, () => ({ description: 'a' })) }, '"embeds":{"_errors"'],
      [{ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, '"fields":{"_errors"'],
      [{ embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, '"value":{"_errors"'],
      [{ embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, '"footer":{"text"'],
      [{ embeds: [{ author: { name: 'a'.repeat(257) } }] }, '"author":{"name"'],
      [{ components: Array.from({ length: 6 }, (_, i) => row(1, `r${i}`)) }, '"components":{"_errors"'],
      [{ components: [row(6, 'x')] }, 'BASE_TYPE_BAD_LENGTH'],
      [{ components: [{ type: 1, components: [{ type: 2, style: 1, label: 'ok', custom_id: 'c'.repeat(101) }] }] }, '"custom_id"'],
      [{ components: [{ type: 1, components: [{ type: 2, style: 1, label: 'L'.repeat(81), custom_id: 'ok' }] }] }, '"label"'],
      [{ content: 'a', allowed_mentions: { parse: ['users'], users: ['1'] } }, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE'],
    ];
    for (const [body, expected] of cases) {
      const error = await post(body);
      expect(error.code, JSON.stringify(body).slice(0, 80)).toBe(50035);
      expect(JSON.stringify(error.rawError)).toContain(expected);
    }
    expect((await post({ content: '' })).code).toBe(50006);
    expect(fake.channelMessages(channelId)).toHaveLength(1);
  });

  it('answers 50013 when the bot may not post in a channel, and 401 without the bot token', async () => {
    const archives = client.channels.cache.get(fake.channel('archives')!.id);
    if (!archives?.isSendable()) throw new Error('archives is not a text channel');
    const error = (await archives.send('Bonjour').catch((e: unknown) => e)) as DiscordAPIError;
    expect(error.status).toBe(403);
    expect(error.code).toBe(50013);
    const anonymous = await fetch(`${fake.apiBase}/v10/users/@me`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-ratelimit-bucket')).toBeTruthy();
  });

  it('returns the first message again for a repeated nonce with enforce_nonce', async () => {
    const channel = client.channels.cache.get(fake.channel('briefings')!.id);
    if (!channel?.isSendable()) throw new Error('briefings is not a text channel');
    const before = fake.channelMessages(channel.id).length;
    const first = await channel.send({ content: 'Briefing du matin', nonce: 'digest-2024-05-01', enforceNonce: true });
    const again = await channel.send({ content: 'Briefing du matin', nonce: 'digest-2024-05-01', enforceNonce: true });
    expect(again.id).toBe(first.id);
    expect(fake.channelMessages(channel.id)).toHaveLength(before + 1);
    const other = await channel.send({ content: 'Briefing du soir', nonce: 'digest-2024-05-01-pm', enforceNonce: true });
    expect(other.id).not.toBe(first.id);
  });

  it('takes a multipart message with a PNG: its bytes, size and description kept; a broken PNG refused', async () => {
    const channel = client.channels.cache.get(fake.channel('briefings')!.id);
    if (!channel?.isSendable()) throw new Error('briefings is not a text channel');
    // A 3×2 PNG: signature, then an IHDR chunk (CRC not checked by the fake, only by readers).
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(3, 0);
    ihdr.writeUInt32BE(2, 4);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ihdr, Buffer.alloc(4)]);
    const sent = await channel.send({
      embeds: [{ title: 'Courbe', image: { url: 'attachment://courbe.png' } }],
      files: [{ attachment: png, name: 'courbe.png', description: 'Russie : 12 mentions' }],
    });
    const stored = fake.message(sent.id)!;
    expect(stored.attachments[0]).toMatchObject({ filename: 'courbe.png', content_type: 'image/png', width: 3, height: 2, description: 'Russie : 12 mentions' });
    expect(fake.attachmentBytes(stored.attachments[0]!.id)!.equals(png)).toBe(true);
    const broken = (await channel
      .send({ files: [{ attachment: Buffer.from('pas une image'), name: 'courbe.png' }] })
      .catch((e: unknown) => e)) as DiscordAPIError;
    expect(broken).toBeInstanceOf(DiscordAPIError);
    expect(broken.code).toBe(50035);
    const long = (await channel
      .send({ files: [{ attachment: png, name: 'courbe.png', description: 'x'.repeat(1025) }] })
      .catch((e: unknown) => e)) as DiscordAPIError;
    expect(long.code).toBe(50035);
  });

  it('records allowed_mentions and only lists the mentions they allow', async () => {
    const channel = client.channels.cache.get(fake.channel('briefings')!.id);
    if (!channel?.isSendable()) throw new Error('briefings is not a text channel');
    const claire = fake.member('claire.moreau')!;
    const silent = await channel.send({ content: `<@${claire.id}> briefing prêt @everyone`, allowedMentions: { parse: [] } });
    const stored = fake.message(silent.id)!;
    expect(stored.allowed_mentions).toEqual({ parse: [] });
    expect(stored.mentions).toEqual([]);
    expect(stored.mention_everyone).toBe(false);
    const ping = await channel.send({ content: `<@${claire.id}> briefing prêt`, allowedMentions: { users: [claire.id] } });
    expect(fake.message(ping.id)!.mentions.map((u) => u.id)).toEqual([claire.id]);
  });

  it('answers a callback that comes after 3 seconds with 10062 Unknown interaction', async () => {
    const quick = await startFakeDiscord({ interactionDeadlineMs: 100 });
    try {
      const rest = new REST({ api: quick.apiBase }).setToken(quick.token);
      // No client is connected: the interaction is only buffered, nobody answers in time.
      const handle = quick.sendCommand({ name: 'briefing', options: { sujet: 'Iran' } });
      await new Promise((resolve) => setTimeout(resolve, 150));
      const error = (await rest
        .post(Routes.interactionCallback(handle.id, handle.token), { body: { type: 4, data: { content: 'Trop tard' } }, auth: false })
        .catch((e: unknown) => e)) as DiscordAPIError;
      expect(error.code).toBe(10062);
      expect(handle.acknowledged).toBe(false);
    } finally {
      await quick.close();
    }
  });
});

describe('autocomplete and components', () => {
  it('resolves sendAutocomplete to the choices of respond()', async () => {
    const countries = ['Ukraine', 'Ouganda', 'Uruguay', 'Russie'];
    onInteraction = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused(true);
      const partial = focused.value.toLowerCase();
      await interaction.respond(
        countries.filter((c) => c.toLowerCase().startsWith(partial)).map((c) => ({ name: c, value: c.toLowerCase() })),
      );
    };
    const choices = await fake.sendAutocomplete({ name: 'briefing', focused: 'sujet', options: { sujet: 'u' } });
    expect(choices).toEqual([
      { name: 'Ukraine', value: 'ukraine' },
      { name: 'Uruguay', value: 'uruguay' },
    ]);
  });

  it('refuses more than 25 autocomplete choices', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const error = (await interaction
        .respond(Array.from({ length: 26 }, (_, i) => ({ name: `Choix ${i}`, value: `${i}` })))
        .catch((e: unknown) => e)) as DiscordAPIError;
      if (error.code !== 50035) throw new Error(`expected 50035, got ${String(error)}`);
      await interaction.respond([{ name: 'Ukraine', value: 'ukraine' }]);
    };
    const choices = await fake.sendAutocomplete({ name: 'briefing', focused: 'sujet', options: { sujet: 'uk' } });
    expect(choices).toEqual([{ name: 'Ukraine', value: 'ukraine' }]);
  });

  it('clicks a button of a reply and sees the message updated in place', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({
          content: 'Page 1/2',
          components: [
            new ActionRowBuilder<ButtonBuilder>().addComponents(
              new ButtonBuilder().setCustomId('page:1').setLabel('Suivant').setStyle(ButtonStyle.Primary),
            ),
          ],
        });
      } else if (interaction.isButton() && interaction.customId === 'page:1') {
        await interaction.update({ content: 'Page 2/2', components: [] });
        await interaction.followUp({ content: 'Fin de la liste.', flags: MessageFlags.Ephemeral });
      }
    };
    const command = fake.sendCommand({ name: 'briefing', options: { sujet: 'Mali' } });
    const page1 = await command.reply();
    expect(page1.components).toHaveLength(1);

    const click = fake.clickButton({ message: page1, customId: 'page:1', user: 'yanis_b' });
    expect((await click.callback()).type).toBe(7);
    const page2 = await click.reply();
    expect(page2.id).toBe(page1.id);
    expect(page2.content).toBe('Page 2/2');
    expect(page2.components).toEqual([]);
    const [followUp] = await click.waitForFollowUps(1);
    expect(followUp?.content).toBe('Fin de la liste.');
    expect((followUp?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(() => fake.clickButton({ message: page2, customId: 'page:1' })).toThrow(/no component/);
  });
});

describe('faults', () => {
  const callbackPath = /^\/interactions\/\d+\/[^/]+\/callback$/;

  it('a 429 on the interaction callback is waited out and retried by discord.js', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('Réponse après limite');
    };
    const fault = fake.failNext({ method: 'POST', path: callbackPath, status: 429, retryAfter: 0.3 });
    const since = Date.now();
    const handle = fake.sendCommand({ name: 'briefing', options: { sujet: 'Niger' } });
    expect((await handle.reply()).content).toBe('Réponse après limite');
    expect(fault.hits).toBe(1);
    const answered = () => fake.requests.filter((r) => r.at >= since && callbackPath.test(r.path) && r.status !== undefined);
    const calls = await fake.waitFor(() => (answered().length === 2 ? answered() : undefined));
    expect(calls.map((r) => r.status)).toEqual([429, 204]);
    // discord.js waited retry_after before trying again.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(250);
  });

  it('500 and 502 answers are retried by discord.js until the request goes through', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply('Briefing prêt');
    };
    const editPath = /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/;
    const fault500 = fake.failNext({ method: 'PATCH', path: editPath, status: 500 });
    const fault502 = fake.failNext({ method: 'PATCH', path: editPath, status: 502 });
    const handle = fake.sendCommand({ name: 'briefing', options: { sujet: 'Soudan' } });
    expect((await handle.reply()).content).toBe('Briefing prêt');
    expect([fault500.hits, fault502.hits]).toEqual([1, 1]);
  });

  it('accepts files sent as multipart form data', async () => {
    onInteraction = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({ content: 'Export', files: [{ attachment: Buffer.from('Briefing : Ukraine\n'), name: 'briefing.txt' }] });
    };
    const handle = fake.sendCommand({ name: 'briefing', options: { sujet: 'Ukraine' } });
    const reply = await handle.reply();
    expect(reply.content).toBe('Export');
    expect(reply.attachments.map((a) => [a.filename, a.size])).toEqual([['briefing.txt', 19]]);
  });

  it('after dropGateway() the client RESUMEs, gets the missed interaction replayed and answers it', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`Reçu : ${interaction.options.getString('sujet')}`);
    };
    const before = { ...fake.gatewayStats };
    await fake.dropGateway();
    // Sent while the client is disconnected: Discord keeps it for the resumed session.
    const handle = fake.sendCommand({ name: 'briefing', options: { sujet: 'Liban' } });
    expect((await handle.reply()).content).toBe('Reçu : Liban');
    expect(fake.gatewayStats.resumed).toBe(before.resumed + 1);
    expect(fake.gatewayStats.replayed).toBeGreaterThan(before.replayed);
    expect(fake.gatewayStats.identifies).toBe(before.identifies);
    expect(fake.gatewayStats.paths.at(-1)).toBe('/gateway-resume');

    // A socket destroyed without a close frame is resumed the same way.
    await fake.dropGateway('destroy');
    await fake.waitFor(() => fake.gatewayStats.resumed === before.resumed + 2, { timeoutMs: 5000 });
    const next = fake.sendCommand({ name: 'briefing', options: { sujet: 'Syrie' } });
    expect((await next.reply()).content).toBe('Reçu : Syrie');
  });

  it('after an INVALID_SESSION the client identifies again and still gets interactions', async () => {
    onInteraction = async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('Toujours là');
    };
    const identifies = fake.gatewayStats.identifies;
    fake.invalidateSessions(false);
    await fake.waitFor(() => fake.gatewayStats.identifies === identifies + 1, { timeoutMs: 5000 });
    await fake.waitForGateway();
    const handle = fake.sendCommand({ name: 'briefing', options: { sujet: 'Arménie' } });
    expect((await handle.reply()).content).toBe('Toujours là');
  });
});
