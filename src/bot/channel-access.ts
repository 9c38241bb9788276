/**
 * Whether the bot can post a digest in a channel, from the gateway cache of a logged-in
 * discord.js client (roles and channel overwrites, which the Guilds intent keeps up to date).
 * The interaction's `resolved.channels[id].permissions` is not used: on Discord it holds the
 * invoking member's permissions, not the bot's. The digest service only knows
 * {@link ChannelAccessChecker}.
 */
import { PermissionFlagsBits, type Client } from 'discord.js';
import type { ChannelAccessChecker, RoleNamer } from '../services/digest/access.js';

/** What the bot needs in a digest channel, with the French names Discord's settings show. */
export const DIGEST_PERMISSIONS: ReadonlyArray<{ flag: bigint; name: string }> = [
  { flag: PermissionFlagsBits.ViewChannel, name: 'Voir le salon' },
  { flag: PermissionFlagsBits.SendMessages, name: 'Envoyer des messages' },
  { flag: PermissionFlagsBits.EmbedLinks, name: 'Intégrer des liens' },
];

/** The permissions of {@link DIGEST_PERMISSIONS} absent from a bitfield (decimal string or bigint). */
export function missingDigestPermissions(bits: bigint | string): string[] {
  const value = typeof bits === 'bigint' ? bits : BigInt(bits);
  if (value & PermissionFlagsBits.Administrator) return [];
  return DIGEST_PERMISSIONS.filter((p) => (value & p.flag) === 0n).map((p) => p.name);
}

/** The checker of a logged-in discord.js client. */
export function discordChannelAccess(client: Client): ChannelAccessChecker {
  return async (guildId, channelId) => {
    try {
      const guild = client.guilds.cache.get(guildId);
      if (!guild) return { status: 'unchecked' };
      const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
      if (!channel) return { status: 'unknown-channel' };
      const me = guild.members.me ?? (await guild.members.fetchMe());
      const missing = missingDigestPermissions(channel.permissionsFor(me).bitfield);
      return missing.length === 0 ? { status: 'ok', name: channel.name } : { status: 'missing', missing, name: channel.name };
    } catch {
      return { status: 'unchecked' };
    }
  };
}

/** Role names from the gateway cache (the Guilds intent keeps roles up to date). */
export function discordRoleName(client: Client): RoleNamer {
  return async (guildId, roleId) => {
    const guild = client.guilds.cache.get(guildId);
    if (!guild) return null;
    return guild.roles.cache.get(roleId)?.name;
  };
}
