/**
 * Guild fixtures of the fake Discord: guilds, channels, roles and members, and the permission
 * arithmetic Discord applies (base role permissions, then channel overwrites).
 */
import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits } from 'discord-api-types/v10';

/** Discord's epoch (2015-01-01), used to build snowflakes that discord.js can read a date from. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeCounter = 0n;

/** A new unique snowflake id (timestamp + counter), as Discord formats them: a decimal string. */
export function snowflake(): string {
  snowflakeCounter = (snowflakeCounter + 1n) & 0x3fffffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | snowflakeCounter).toString();
}

/** A random interaction or session token (URL-safe). */
export function randomToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

/** Every permission bit set: what ADMINISTRATOR amounts to. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

/** What @everyone may do on a fresh Discord server (a usual subset). */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.CreateInstantInvite |
  PermissionFlagsBits.ChangeNickname;

/** What the bot's managed role gets when the fixture does not say (what an invite link would ask). */
export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

/** A permission set: a bitfield (bigint or its decimal string). */
export type PermissionsInput = bigint | string;

/** Allow/deny pair of a channel overwrite. */
export interface OverwriteInput {
  allow?: PermissionsInput;
  deny?: PermissionsInput;
}

/** A text channel of a fixture guild. */
export interface ChannelFixtureInput {
  id?: string;
  name: string;
  /** Channel type as Discord numbers it (0 text, 5 announcement, 4 category…). Default 0. */
  type?: number;
  topic?: string;
  parentId?: string;
  /** Overwrite for @everyone in this channel. */
  everyone?: OverwriteInput;
  /**
   * Overwrite for the bot member in this channel: `{deny: PermissionFlagsBits.SendMessages}` makes a
   * channel the bot can read but not post in.
   */
  botPermissions?: OverwriteInput;
  /** Overwrites for given members, by user id. */
  memberOverwrites?: Record<string, OverwriteInput>;
}

/** A member (a human user) of a fixture guild. */
export interface MemberFixtureInput {
  id?: string;
  username: string;
  globalName?: string;
  nick?: string;
  /**
   * Server-wide permissions added on top of @everyone (through a role made for this member), e.g.
   * `PermissionFlagsBits.ManageGuild` for a moderator.
   */
  permissions?: PermissionsInput;
  /** Locale of the member's client, sent in interactions. Default `fr`. */
  locale?: string;
}

/** A guild (server) fixture. Every field is optional: a plausible French newsroom server is built. */
export interface GuildFixtureInput {
  id?: string;
  name?: string;
  preferredLocale?: string;
  channels?: ChannelFixtureInput[];
  members?: MemberFixtureInput[];
  /** Owner's user id (the owner has every permission). Default: a user who is not among `members`. */
  ownerId?: string;
  /** Permissions of @everyone. Default {@link DEFAULT_EVERYONE_PERMISSIONS}. */
  everyonePermissions?: PermissionsInput;
  /** Permissions of the bot's managed role, server-wide. Default {@link DEFAULT_BOT_PERMISSIONS}. */
  botPermissions?: PermissionsInput;
}

/** A resolved role. */
export interface FakeRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  botId?: string;
}

/** A resolved channel. */
export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  type: number;
  topic: string | null;
  parentId: string | null;
  position: number;
  /** Overwrites as Discord stores them (type 0 role, 1 member). */
  overwrites: Array<{ id: string; type: 0 | 1; allow: bigint; deny: bigint }>;
}

/** A resolved member (human or the bot). */
export interface FakeMember {
  id: string;
  username: string;
  globalName: string | null;
  nick: string | null;
  bot: boolean;
  roleIds: string[];
  locale: string;
  joinedAt: string;
}

/** A resolved guild, as the fake serves it. */
export interface FakeGuild {
  id: string;
  name: string;
  preferredLocale: string;
  ownerId: string;
  roles: FakeRole[];
  channels: FakeChannel[];
  /** Human members first (in fixture order), then the bot. */
  members: FakeMember[];
}

/** The bot's user as the fake knows it. */
export interface FakeBotUser {
  id: string;
  username: string;
}

function toBits(value: PermissionsInput | undefined, fallback = 0n): bigint {
  if (value === undefined) return fallback;
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** The default server when none is given: a newsroom with a general channel, a briefing channel and two members. */
export const DEFAULT_GUILD: GuildFixtureInput = {
  name: 'Rédaction Dépêche',
  channels: [
    { name: 'général', topic: 'Discussions de la rédaction' },
    { name: 'briefings', topic: 'Briefings quotidiens' },
  ],
  members: [
    { username: 'claire.moreau', globalName: 'Claire Moreau', permissions: PermissionFlagsBits.ManageGuild },
    { username: 'yanis_b', globalName: 'Yanis B.' },
  ],
};

/** Builds a {@link FakeGuild} (ids, roles, overwrites) from a fixture. */
export function buildGuild(input: GuildFixtureInput, bot: FakeBotUser): FakeGuild {
  const guildId = input.id ?? snowflake();
  const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
  const roles: FakeRole[] = [
    {
      id: guildId,
      name: '@everyone',
      permissions: toBits(input.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      managed: false,
    },
  ];
  const botRole: FakeRole = {
    id: snowflake(),
    name: bot.username,
    permissions: toBits(input.botPermissions, DEFAULT_BOT_PERMISSIONS),
    position: 1,
    managed: true,
    botId: bot.id,
  };
  roles.push(botRole);

  const members: FakeMember[] = (input.members ?? []).map((m) => {
    const id = m.id ?? snowflake();
    const roleIds: string[] = [];
    if (m.permissions !== undefined) {
      const role: FakeRole = {
        id: snowflake(),
        name: `Rôle de ${m.username}`,
        permissions: toBits(m.permissions),
        position: roles.length,
        managed: false,
      };
      roles.push(role);
      roleIds.push(role.id);
    }
    return {
      id,
      username: m.username,
      globalName: m.globalName ?? null,
      nick: m.nick ?? null,
      bot: false,
      roleIds,
      locale: m.locale ?? 'fr',
      joinedAt,
    };
  });
  members.push({
    id: bot.id,
    username: bot.username,
    globalName: null,
    nick: null,
    bot: true,
    roleIds: [botRole.id],
    locale: 'fr',
    joinedAt,
  });

  const channels: FakeChannel[] = (input.channels ?? DEFAULT_GUILD.channels ?? []).map((c, position) => {
    const overwrites: FakeChannel['overwrites'] = [];
    if (c.everyone) {
      overwrites.push({ id: guildId, type: 0, allow: toBits(c.everyone.allow), deny: toBits(c.everyone.deny) });
    }
    for (const [userId, ow] of Object.entries(c.memberOverwrites ?? {})) {
      overwrites.push({ id: userId, type: 1, allow: toBits(ow.allow), deny: toBits(ow.deny) });
    }
    if (c.botPermissions) {
      overwrites.push({
        id: bot.id,
        type: 1,
        allow: toBits(c.botPermissions.allow),
        deny: toBits(c.botPermissions.deny),
      });
    }
    return {
      id: c.id ?? snowflake(),
      guildId,
      name: c.name,
      type: c.type ?? 0,
      topic: c.topic ?? null,
      parentId: c.parentId ?? null,
      position,
      overwrites,
    };
  });

  return {
    id: guildId,
    name: input.name ?? 'Rédaction',
    preferredLocale: input.preferredLocale ?? 'fr',
    ownerId: input.ownerId ?? snowflake(),
    roles,
    channels,
    members,
  };
}

/** Server-wide permissions of a member: @everyone plus their roles; owner and administrators get all. */
export function basePermissions(guild: FakeGuild, member: FakeMember): bigint {
  if (guild.ownerId === member.id) return ALL_PERMISSIONS;
  let bits = guild.roles.find((r) => r.id === guild.id)?.permissions ?? 0n;
  for (const roleId of member.roleIds) bits |= guild.roles.find((r) => r.id === roleId)?.permissions ?? 0n;
  if (bits & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
  return bits;
}

/** Permissions of a member in a channel, with overwrites applied in Discord's order (@everyone, roles, member). */
export function channelPermissions(guild: FakeGuild, member: FakeMember, channel: FakeChannel): bigint {
  let bits = basePermissions(guild, member);
  if (bits === ALL_PERMISSIONS && (guild.ownerId === member.id || bits & PermissionFlagsBits.Administrator)) {
    return ALL_PERMISSIONS;
  }
  const everyone = channel.overwrites.find((o) => o.type === 0 && o.id === guild.id);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of channel.overwrites) {
    if (o.type === 0 && o.id !== guild.id && member.roleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  bits = (bits & ~deny) | allow;
  const own = channel.overwrites.find((o) => o.type === 1 && o.id === member.id);
  if (own) bits = (bits & ~own.deny) | own.allow;
  // Without View Channel nothing else in the channel is usable.
  if (!(bits & PermissionFlagsBits.ViewChannel)) return 0n;
  return bits;
}

/** The user object Discord sends for a member. */
export function apiUser(m: Pick<FakeMember, 'id' | 'username' | 'globalName' | 'bot'>): Record<string, unknown> {
  return {
    id: m.id,
    username: m.username,
    discriminator: '0',
    global_name: m.globalName,
    avatar: null,
    ...(m.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

/** The guild member object Discord sends (without `permissions`, added for interactions). */
export function apiMember(m: FakeMember): Record<string, unknown> {
  return {
    user: apiUser(m),
    nick: m.nick,
    avatar: null,
    banner: null,
    roles: m.roleIds,
    joined_at: m.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A role as the API returns it. */
export function apiRole(r: FakeRole): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: r.position,
    permissions: r.permissions.toString(),
    managed: r.managed,
    mentionable: false,
    flags: 0,
    ...(r.botId ? { tags: { bot_id: r.botId } } : {}),
  };
}

/** A guild channel as the API returns it. */
export function apiChannel(c: FakeChannel, withGuildId = true): Record<string, unknown> {
  return {
    id: c.id,
    type: c.type,
    ...(withGuildId ? { guild_id: c.guildId } : {}),
    name: c.name,
    position: c.position,
    permission_overwrites: c.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
    topic: c.topic,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: c.parentId,
    flags: 0,
  };
}

/** The guild object of `GET /guilds/:id` (no channels nor members, like the real one). */
export function apiGuild(g: FakeGuild, applicationId?: string): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: g.roles.map(apiRole),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: applicationId ?? null,
    system_channel_id: g.channels[0]?.id ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: g.preferredLocale,
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
  };
}
