/**
 * The digest's way to Discord: its replies rendered as embeds and packed into as few messages as
 * Discord's per-message limits (10 embeds, 6 000 characters) allow, posted through discord.js's
 * REST client (the bot's own, so rate limits are shared) with Discord's message nonce, so that a
 * retried post is created once. The digest service only knows {@link DigestPoster}.
 */
import { Routes, type REST } from 'discord.js';
import type { DigestPayload, DigestPoster } from '../services/digest/poster.js';
import { limitViolations, renderDiscord, type DiscordMessage } from '../replies/discord.js';
import { EMBEDS_PER_MESSAGE_MAX } from '../replies/limits.js';
import type { Reply } from '../replies/reply.js';
import type { Pictures } from '../replies/chart.js';

/**
 * The replies rendered for Discord and packed into messages: each message takes embeds while it
 * stays within Discord's limits. Mentions are always disabled (`allowed_mentions: {parse: []}`).
 */
export function digestMessages(replies: readonly Reply[]): Array<{ replies: Reply[]; message: DiscordMessage }> {
  const messages: Array<{ replies: Reply[]; message: DiscordMessage }> = [];
  for (const reply of replies) {
    const embed = renderDiscord({ ...reply, ephemeral: false }).embeds[0]!;
    const current = messages.at(-1);
    if (current && current.message.embeds.length < EMBEDS_PER_MESSAGE_MAX) {
      const candidate: DiscordMessage = { ...current.message, embeds: [...current.message.embeds, embed] };
      if (limitViolations(candidate).length === 0) {
        current.message = candidate;
        current.replies.push(reply);
        continue;
      }
    }
    messages.push({ replies: [reply], message: { embeds: [embed], components: [], allowed_mentions: { parse: [] } } });
  }
  return messages;
}

export interface DiscordPosterOptions {
  /** The bot user's id (the application id); asked from Discord (`/users/@me`) when absent. */
  botUserId?: string;
  /** Recent messages searched by {@link DigestPoster.findPosted}. Default 50. */
  historyLimit?: number;
  /** Draws the charts of the digest's replies (the trends section); without it they go without picture. */
  pictures?: Pictures;
}

interface ApiMessage {
  id: string;
  author?: { id?: string };
  embeds?: Array<{ footer?: { text?: string } }>;
}

/**
 * The pictures of the replies that have a chart, drawn now (cached by the renderer, so a thousand
 * servers share one drawing), each shown as the image of its reply's embed (`embeds[i]` is
 * `replies[i]`'s). A picture that cannot be drawn is left out: the digest matters more.
 */
async function picturesOf(replies: readonly Reply[], embeds: DiscordMessage['embeds'], pictures: Pictures | undefined) {
  const files: Array<{ name: string; description: string; data: Buffer }> = [];
  if (!pictures) return files;
  for (const [i, reply] of replies.entries()) {
    const embed = embeds[i];
    if (!reply.chart || !embed) continue;
    const data = await pictures.render(reply.chart).catch(() => undefined);
    if (!data) continue;
    const file = renderDiscord({ ...reply, ephemeral: false }, {}, data).files?.[0];
    if (!file) continue;
    embeds[i] = { ...embed, image: { url: `attachment://${file.name}` } };
    files.push(file);
  }
  return files;
}

/** Posts through discord.js's REST client. */
export function discordPoster(rest: REST, options: DiscordPosterOptions = {}): DigestPoster {
  let botUserId = options.botUserId;
  const historyLimit = options.historyLimit ?? 50;
  return {
    pack: digestMessages,

    async post(channelId, payload: DigestPayload, nonce) {
      const { flags: _flags, files: _files, ...message } = payload.message ?? digestMessages(payload.replies)[0]!.message;
      const embeds = [...message.embeds];
      const files = await picturesOf(payload.replies, embeds, options.pictures);
      const created = (await rest.post(Routes.channelMessages(channelId), {
        // Mentions stay disabled whatever the payload says.
        body: {
          ...message,
          embeds,
          allowed_mentions: { parse: [] },
          nonce,
          enforce_nonce: true,
          ...(files.length > 0 ? { attachments: files.map((f, id) => ({ id, filename: f.name, description: f.description })) } : {}),
        },
        ...(files.length > 0 ? { files: files.map((f) => ({ name: f.name, data: f.data, contentType: 'image/png' })) } : {}),
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
