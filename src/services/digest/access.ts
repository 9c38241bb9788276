/**
 * Can the bot post a digest in a channel? `/digest set` asks before saving, so that an
 * administrator hears at once about a channel the bot cannot write in. The checker of a
 * logged-in bot is `src/bot/channel-access.ts`; the service only knows this interface.
 */

export type ChannelAccess =
  | { status: 'ok'; name?: string }
  /** The bot lacks these permissions (French names). */
  | { status: 'missing'; missing: string[]; name?: string }
  /** The channel is not a channel of this server the bot can see. */
  | { status: 'unknown-channel' }
  /** Could not be determined (not cached, Discord unreachable): the save goes ahead. */
  | { status: 'unchecked' };

export type ChannelAccessChecker = (guildId: string, channelId: string) => Promise<ChannelAccess>;

/**
 * A role's name on a server, as the server shows it; `undefined` when the server has no such role,
 * `null` when it cannot be known here (no Discord, server not in cache).
 */
export type RoleNamer = (guildId: string, roleId: string) => Promise<string | undefined | null>;
