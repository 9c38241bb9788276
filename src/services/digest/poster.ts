/**
 * Where a digest goes: a Discord channel (REST, with Discord's message nonce so that a retried post
 * is created once) or the terminal. The service only knows {@link DigestPoster}.
 */
import { Routes, type REST } from 'discord.js';
import type { DiscordMessage } from '../../replies/discord.js';
import type { Reply } from '../../replies/reply.js';
import { renderConsole } from '../../replies/console.js';

/** One message of a digest, in both forms. */
export interface DigestPayload {
  /** The reply models of this message (what a console prints). */
  replies: Reply[];
  /** The same rendered for Discord (embeds within limits, mentions disabled). */
  message: DiscordMessage;
}

export interface DigestPoster {
  /**
   * Posts one message. `nonce` (≤ 25 characters, the same for every retry of the same message)
   * lets Discord return the existing message instead of creating a second one
   * (`enforce_nonce`). Throws on failure; the error's `status` and `code` (Discord's JSON error
   * code) say why.
   */
  post(channelId: string, payload: DigestPayload, nonce: string): Promise<{ messageId: string }>;
  /**
   * The ids of recent messages of the bot in the channel whose embed footer is exactly one of
   * `footers` (undefined where none is found). Lets a retry after a crash see that the post went
   * through even after Discord's nonce window. Optional: a poster without history skips it.
   */
  findPosted?(channelId: string, footers: readonly string[]): Promise<Array<string | undefined>>;
}

/** A failure as the digest service classifies it; posters throw these or errors of the same shape. */
export class DigestPostError extends Error {
  override name = 'DigestPostError';
  constructor(
    message: string,
    /** HTTP status, when there was a response. */
    readonly status?: number,
    /** Discord's JSON error code (10003 Unknown Channel, 50013 Missing Permissions…). */
    readonly code?: number,
  ) {
    super(message);
  }
}

export interface DiscordPosterOptions {
  /** The bot user's id (the application id); asked from Discord (`/users/@me`) when absent. */
  botUserId?: string;
  /** Recent messages searched by {@link DigestPoster.findPosted}. Default 50. */
  historyLimit?: number;
}

interface ApiMessage {
  id: string;
  author?: { id?: string };
  embeds?: Array<{ footer?: { text?: string } }>;
}

/** Posts through discord.js's REST client (the bot's own, so rate limits are shared). */
export function discordPoster(rest: REST, options: DiscordPosterOptions = {}): DigestPoster {
  let botUserId = options.botUserId;
  const historyLimit = options.historyLimit ?? 50;
  return {
    async post(channelId, payload, nonce) {
      const { flags: _flags, ...message } = payload.message;
      const created = (await rest.post(Routes.channelMessages(channelId), {
        // Mentions stay disabled whatever the payload says.
        body: { ...message, allowed_mentions: { parse: [] }, nonce, enforce_nonce: true },
      })) as { id: string };
      return { messageId: created.id };
    },

    async findPosted(channelId, footers) {
      botUserId ??= ((await rest.get(Routes.user('@me'))) as { id: string }).id;
      const query = new URLSearchParams({ limit: String(historyLimit) });
      const recent = (await rest.get(Routes.channelMessages(channelId), { query })) as ApiMessage[];
      return footers.map(
        (footer) =>
          recent.find((m) => m.author?.id === botUserId && (m.embeds ?? []).some((e) => e.footer?.text === footer))?.id,
      );
    },
  };
}

/** Prints each digest message to `output` (console mode, `npm run digest -- --now`). */
export function consolePoster(
  output: NodeJS.WritableStream = process.stdout,
  options: { color?: boolean; width?: number } = {},
): DigestPoster {
  let counter = 0;
  return {
    async post(channelId, payload, nonce) {
      const text = payload.replies.map((reply) => renderConsole(reply, options)).join('\n\n');
      output.write(`${text}\n\n`);
      counter++;
      return { messageId: `console-${channelId}-${nonce}-${counter}` };
    },
  };
}
