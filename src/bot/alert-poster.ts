/**
 * Alerts' way to Discord: the alert rendered as an embed, posted through discord.js's REST client
 * with Discord's message nonce (a retried post is created once), the follow's role as the
 * message's only mention: `allowed_mentions` names that role and nothing else, so neither
 * @everyone, @here nor any user can be pinged, whatever the corpus says.
 */
import { Routes, type REST } from 'discord.js';
import { renderDiscord } from '../replies/discord.js';
import { alertReply } from '../replies/alert.js';
import type { AlertModel } from '../services/follows/alert.js';
import type { AlertPoster } from '../services/follows/poster.js';

/** The message body of an alert: its embed, the role mention as content, only that role allowed. */
export function alertMessage(alert: AlertModel): { content?: string; embeds: unknown[]; allowed_mentions: { parse: []; roles?: string[] } } {
  const { embeds } = renderDiscord({ ...alertReply(alert), ephemeral: false });
  const role = alert.roleId && /^\d{5,20}$/.test(alert.roleId) ? alert.roleId : undefined;
  return role ? { content: `<@&${role}>`, embeds, allowed_mentions: { parse: [], roles: [role] } } : { embeds, allowed_mentions: { parse: [] } };
}

interface ApiMessage {
  id: string;
  author?: { id?: string };
  embeds?: Array<{ footer?: { text?: string } }>;
}

/** Posts alerts through discord.js's REST client (the bot's own, so rate limits are shared). */
export function discordAlertPoster(rest: REST, options: { botUserId?: string; historyLimit?: number } = {}): AlertPoster {
  let botUserId = options.botUserId;
  return {
    async post(channelId, alert, nonce) {
      const created = (await rest.post(Routes.channelMessages(channelId), { body: { ...alertMessage(alert), nonce, enforce_nonce: true } })) as { id: string };
      return { messageId: created.id };
    },

    async edit(channelId, messageId, alert) {
      // The role was mentioned when posted; an edit pings no one again.
      const { embeds } = alertMessage(alert);
      await rest.patch(Routes.channelMessage(channelId, messageId), { body: { embeds, allowed_mentions: { parse: [] } } });
    },

    async findPosted(channelId, marker) {
      botUserId ??= ((await rest.get(Routes.user('@me'))) as { id: string }).id;
      const query = new URLSearchParams({ limit: String(options.historyLimit ?? 50) });
      const recent = (await rest.get(Routes.channelMessages(channelId), { query })) as ApiMessage[];
      return recent.find((m) => m.author?.id === botUserId && (m.embeds ?? []).some((e) => e.footer?.text === marker))?.id;
    },
  };
}
