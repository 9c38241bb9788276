/**
 * `/digest`: the daily digest of a server, for the members who may manage it.
 * - `set salon: [heure:] [fuseau:] [tendances:]`: where and when (checks at once that the bot can
 *   post there), and whether the digest ends with the trends section (/tendances over 7 days);
 * - `off`: stop it;
 * - `status`: next run in the server's time, last post, last error;
 * - `preview`: the digest as it would be posted now, privately;
 * - `sujets [liste:]`: follow some actors or topics only (comma-separated; empty: everything).
 * Discord hides the command from members without Manage Server (`default_member_permissions`);
 * the handler checks again, since a server can override that.
 */
import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandContext, SlashCommand } from './command.js';
import { DEFAULT_TREND_DAYS, type Choice } from '../services/engine.js';
import { notice, type Reply, type ReplyField } from '../replies/reply.js';
import { countOf, quote } from '../replies/text.js';
import { foldText } from '../services/text/normalize.js';
import { canonicalTimeZone, formatDailyTime, formatLocal, parseDailyTime, ScheduleError } from '../services/digest/schedule.js';
import { MAX_TOPICS } from '../services/digest/build.js';
import { digestServiceOf, type DigestService, type DigestTarget } from '../services/digest/service.js';
import type { ChannelAccess } from '../services/digest/access.js';
import { l10n, stringOption } from './shared.js';

/** Manage Server, as Discord's permission bitfield string. */
const MANAGE_GUILD = '32';

const data = {
  name: 'digest',
  name_localizations: l10n('digest', 'digest'),
  description: 'Le digest quotidien de l’actualité dans un salon (gestionnaires du serveur)',
  description_localizations: l10n(
    'Le digest quotidien de l’actualité dans un salon (gestionnaires du serveur)',
    'The daily news digest in a channel (server managers)',
  ),
  default_member_permissions: MANAGE_GUILD,
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'set',
      name_localizations: l10n('set', 'set'),
      description: 'Publier le digest chaque jour dans un salon, à une heure donnée',
      description_localizations: l10n(
        'Publier le digest chaque jour dans un salon, à une heure donnée',
        'Post the digest every day in a channel, at a given time',
      ),
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'salon',
          name_localizations: l10n('salon', 'channel'),
          description: 'Salon textuel où publier le digest',
          description_localizations: l10n('Salon textuel où publier le digest', 'Text channel to post the digest in'),
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'heure',
          name_localizations: l10n('heure', 'time'),
          description: 'Heure de publication, HH:MM (par défaut : l’heure actuelle du réglage ou 08:00)',
          description_localizations: l10n(
            'Heure de publication, HH:MM (par défaut : l’heure actuelle du réglage ou 08:00)',
            'Posting time, HH:MM (default: the current setting or 08:00)',
          ),
          required: false,
          min_length: 2,
          max_length: 8,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'fuseau',
          name_localizations: l10n('fuseau', 'timezone'),
          description: 'Fuseau horaire IANA, par exemple Europe/Paris',
          description_localizations: l10n('Fuseau horaire IANA, par exemple Europe/Paris', 'IANA time zone, e.g. Europe/Paris'),
          required: false,
          autocomplete: true,
          max_length: 64,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'tendances',
          name_localizations: l10n('tendances', 'trends'),
          description: 'Ajouter les acteurs en hausse sur 7 jours, avec leur image (par défaut : inchangé, sinon non)',
          description_localizations: l10n(
            'Ajouter les acteurs en hausse sur 7 jours, avec leur image (par défaut : inchangé, sinon non)',
            'Add the actors rising over 7 days, with their picture (default: unchanged, else no)',
          ),
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'off',
      name_localizations: l10n('off', 'off'),
      description: 'Arrêter le digest quotidien de ce serveur',
      description_localizations: l10n('Arrêter le digest quotidien de ce serveur', 'Stop the daily digest of this server'),
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      name_localizations: l10n('status', 'status'),
      description: 'Prochain digest, dernier digest publié et dernière erreur',
      description_localizations: l10n(
        'Prochain digest, dernier digest publié et dernière erreur',
        'Next digest, last digest posted and last error',
      ),
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'preview',
      name_localizations: l10n('preview', 'preview'),
      description: 'Le digest tel qu’il serait publié maintenant (visible par vous seul)',
      description_localizations: l10n(
        'Le digest tel qu’il serait publié maintenant (visible par vous seul)',
        'The digest as it would be posted now (only you see it)',
      ),
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'sujets',
      name_localizations: l10n('sujets', 'topics'),
      description: 'Ne suivre que certains acteurs ou sujets (vide : toute l’actualité)',
      description_localizations: l10n(
        'Ne suivre que certains acteurs ou sujets (vide : toute l’actualité)',
        'Follow only some actors or topics (empty: all the news)',
      ),
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'liste',
          name_localizations: l10n('liste', 'list'),
          description: `Jusqu’à ${MAX_TOPICS} acteurs ou sujets séparés par des virgules (Russie, OTAN, gaz…)`,
          description_localizations: l10n(
            `Jusqu’à ${MAX_TOPICS} acteurs ou sujets séparés par des virgules (Russie, OTAN, gaz…)`,
            `Up to ${MAX_TOPICS} comma-separated actors or topics (Russia, NATO, gas…)`,
          ),
          required: false,
          autocomplete: true,
          max_length: 300,
        },
      ],
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Zones offered first when nothing is typed: where French-speaking servers usually are. */
const FAVOURITE_ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Zurich',
  'Europe/Luxembourg',
  'America/Toronto',
  'Africa/Abidjan',
  'Africa/Dakar',
  'Africa/Casablanca',
  'Africa/Algiers',
  'Africa/Tunis',
  'Indian/Reunion',
  'America/Martinique',
  'America/Guadeloupe',
  'Pacific/Noumea',
  'UTC',
];

let zoneList: string[] | undefined;
function allZones(): string[] {
  zoneList ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])];
  return zoneList;
}

const zoneKey = (text: string) => foldText(text).replace(/[\s-]+/g, '_');

/** `Europe/Paris (UTC+01:00)`: the zone with its current offset. */
function zoneLabel(zone: string, now: Date): string {
  try {
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value;
    return offset ? `${zone} (${offset.replace('GMT', 'UTC') || 'UTC'})` : zone;
  } catch {
    return zone;
  }
}

/** Up to 25 zones matching what was typed: names starting with it first, then containing it. */
export function timeZoneChoices(partial: string, now = new Date()): Choice[] {
  const key = zoneKey(partial.trim());
  let zones: string[];
  if (!key) {
    zones = FAVOURITE_ZONES.filter((z) => canonicalTimeZone(z));
  } else {
    const scored = allZones()
      .map((zone) => {
        const folded = zoneKey(zone);
        const city = folded.slice(folded.lastIndexOf('/') + 1);
        const rank = folded.startsWith(key) || city.startsWith(key) ? 0 : folded.includes(key) ? 1 : -1;
        return { zone, rank };
      })
      .filter((z) => z.rank >= 0)
      .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone));
    zones = scored.map((z) => z.zone);
  }
  return zones.slice(0, 25).map((zone) => ({ name: zoneLabel(zone, now), value: zone }));
}

/** Topics as typed: split on commas or semicolons, trimmed, empty ones dropped. */
export function parseTopics(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,;]/)
    .map((t) => t.replace(/\s+/gu, ' ').trim())
    .filter(Boolean);
}

function channelName(access: ChannelAccess | undefined, channelId: string): string {
  return access && 'name' in access && access.name ? `#${access.name}` : `le salon ${channelId}`;
}

function refuse(title: string, intro: string): Reply {
  return notice('error', title, intro);
}

async function set(digest: DigestService, context: CommandContext, guildId: string, options: Record<string, unknown>): Promise<Reply> {
  const channelId = typeof options.salon === 'string' ? options.salon.trim() : '';
  if (!/^\d{5,20}$/.test(channelId)) return refuse('Quel salon ?', 'Choisissez le salon du digest, par exemple : /digest set salon:#actualités heure:08:00');
  const current = await digest.target(guildId);
  const heure = typeof options.heure === 'string' && options.heure.trim() ? options.heure : (current?.time ?? digest.defaultTime);
  let time: string;
  try {
    time = formatDailyTime(parseDailyTime(heure));
  } catch (error) {
    if (error instanceof ScheduleError) return refuse('Heure invalide', error.message);
    throw error;
  }
  const typedZone = typeof options.fuseau === 'string' && options.fuseau.trim() ? options.fuseau.trim() : undefined;
  const timezone = canonicalTimeZone(typedZone ?? current?.timezone ?? digest.defaultTimezone);
  if (!timezone) {
    return refuse('Fuseau horaire inconnu', `${quote(typedZone ?? '')} n’est pas un fuseau IANA ; choisissez-en un dans la liste proposée (exemple : Europe/Paris).`);
  }

  const access = await digest.checkChannel(guildId, channelId);
  const where = channelName(access, channelId);
  if (access.status === 'unknown-channel') {
    return refuse('Salon introuvable', `Le bot ne voit pas ${where} sur ce serveur : choisissez un salon textuel où il a accès.`);
  }
  if (access.status === 'missing') {
    return refuse(
      'Le bot ne peut pas publier dans ce salon',
      `Il manque au bot dans ${where} : ${access.missing.join(', ')}.\n` +
        'Accordez-lui ces permissions (Modifier le salon › Permissions) ou choisissez un autre salon, puis relancez /digest set. Rien n’a été modifié.',
    );
  }

  const trends = typeof options.tendances === 'boolean' ? options.tendances : undefined;
  const saved = await digest.configure({ guildId, channelId, time, timezone, ...(trends !== undefined ? { trends } : {}) });
  const status = await digest.status(guildId);
  const lines = [`Chaque jour à ${saved.time} (${saved.timezone}) dans ${where}.`];
  if (status.next) lines.push(`Prochain digest : ${formatLocal(status.next, saved.timezone)}.`);
  if (!status.lastPost) lines.push('Le premier digest de ce salon couvrira tout le corpus ; les suivants, les articles arrivés entre-temps.');
  if (saved.topics.length > 0) lines.push(`Sujets suivis : ${saved.topics.join(', ')}.`);
  lines.push(trendsLine(saved.trends ?? false));
  if (access.status === 'unchecked') lines.push('Les permissions du bot dans ce salon n’ont pas pu être vérifiées.');
  if (context.invoker.channelId === channelId) lines.push('(C’est ce salon.)');
  return { ...notice('success', 'Digest programmé', lines.join('\n')) };
}

function trendsLine(on: boolean): string {
  return on
    ? `Tendances : oui (les acteurs en hausse sur les ${DEFAULT_TREND_DAYS} derniers jours d’articles datés, avec leur image).`
    : 'Tendances : non (l’option tendances de /digest set les ajoute).';
}

function statusReply(status: Awaited<ReturnType<DigestService['status']>>): Reply {
  const t = status.target;
  if (!t) return notice('info', 'Digest : non programmé', 'Aucun digest sur ce serveur. Programmez-le avec /digest set salon:… heure:…');
  const tz = t.timezone;
  const fields: ReplyField[] = [
    {
      name: 'État',
      lines: [t.enabled ? 'Actif' : 'Désactivé', ...(t.source === 'config' ? ['Réglage par défaut du bot (DIGEST_CHANNEL_ID)'] : [])],
      inline: true,
    },
    { name: 'Salon', lines: [t.channelId], inline: true },
    { name: 'Heure', lines: [`${t.time} (${tz})`], inline: true },
  ];
  if (t.enabled && status.next) {
    fields.push({
      name: 'Prochain digest',
      lines: [status.pending ? `En cours de publication (créneau de ${formatLocal(status.next, tz)})` : formatLocal(status.next, tz)],
    });
  }
  const last = status.lastPost;
  fields.push({
    name: 'Dernier digest',
    lines: last?.postedAt ? [`${formatLocal(last.postedAt, tz)} — ${countOf(last.articleIds.length, 'nouvel article', 'nouveaux articles')}`] : ['Aucun pour l’instant'],
  });
  const errors: string[] = [];
  if (t.lastError) errors.push(`${t.lastErrorAt ? `${formatLocal(t.lastErrorAt, tz)} : ` : ''}${t.lastError}`);
  else if (status.today?.error && status.today.status !== 'posted') errors.push(status.today.error);
  if (status.today?.status === 'failed') {
    errors.push(`Tentatives aujourd’hui : ${status.today.attempts}.`);
  }
  fields.push({ name: 'Dernière erreur', lines: errors.length > 0 ? errors : ['Aucune'] });
  fields.push({ name: 'Sujets', lines: [t.topics.length > 0 ? t.topics.join(', ') : 'Toute l’actualité'] });
  fields.push({ name: 'Tendances', lines: [t.trends ? `Oui (${DEFAULT_TREND_DAYS} derniers jours d’articles datés, avec image)` : 'Non'], inline: true });
  // Sharded bot: which shard process posts it (its logs carry the same label).
  if (status.shard) fields.push({ name: 'Shard', lines: [`${status.shard.id}/${status.shard.count} (publié par ce shard)`], inline: true });
  return { tone: t.enabled ? (t.lastError ? 'warning' : 'info') : 'warning', ephemeral: true, title: 'Digest : état', items: [], fields };
}

async function topics(digest: DigestService, context: CommandContext, guildId: string, text: string | undefined): Promise<Reply> {
  const current = await digest.target(guildId);
  if (!current) return refuse('Digest non programmé', 'Programmez d’abord le digest avec /digest set salon:… heure:…');
  const wanted = parseTopics(text);
  const saved = await digest.setTopics(guildId, wanted);
  if (!saved || saved.topics.length === 0) {
    return notice('success', 'Sujets effacés', 'Le digest couvrira toute l’actualité.');
  }
  const lines: string[] = [];
  for (const topic of saved.topics) {
    const answer = await context.engine.actor(topic, { limit: 0 });
    lines.push(answer.found ? (foldText(answer.actor.name) === foldText(topic) ? answer.actor.name : `${topic} → ${answer.actor.name}`) : `${topic} (recherche libre)`);
  }
  const dropped = wanted.length - saved.topics.length;
  return {
    tone: 'success',
    ephemeral: true,
    title: 'Sujets du digest',
    intro:
      `Le digest ne suivra que : ${lines.join(', ')}.` +
      (dropped > 0 ? `\n${countOf(dropped, 'sujet')} en double ou au-delà de ${MAX_TOPICS} ignoré${dropped > 1 ? 's' : ''}.` : ''),
    items: [],
  };
}

export const digestCommand: SlashCommand = {
  data,
  // A preview ranks the new articles; every answer is for the managers only.
  defer: 'ephemeral',

  async execute(context, options, page): Promise<Reply> {
    const digest = digestServiceOf(context);
    if (!digest) return refuse('Digest indisponible', 'Le digest quotidien n’est pas actif sur cette instance du bot.');
    const guildId = context.invoker.guildId;
    if (!guildId) return refuse('Commande de serveur', '/digest se règle sur un serveur Discord, pas en message privé.');
    if (!context.invoker.canManageGuild) {
      return refuse(
        'Réservé aux gestionnaires du serveur',
        'Désolé, seuls les membres qui ont la permission « Gérer le serveur » peuvent régler le digest.',
      );
    }
    switch (options.subcommand) {
      case 'set':
        return set(digest, context, guildId, options.values);
      case 'off': {
        const was = await digest.disable(guildId);
        return was
          ? notice('success', 'Digest désactivé', 'Plus aucun digest ne sera publié. /digest set le relance.')
          : notice('info', 'Digest déjà inactif', 'Aucun digest n’était programmé sur ce serveur.');
      }
      case 'status':
        return statusReply(await digest.status(guildId));
      case 'preview': {
        const target: Pick<DigestTarget, 'channelId' | 'timezone' | 'topics' | 'trends'> | undefined =
          (await digest.target(guildId)) ??
          (context.invoker.channelId ? { channelId: context.invoker.channelId, timezone: digest.defaultTimezone, topics: [] } : undefined);
        if (!target) return refuse('Aperçu impossible', 'Programmez d’abord le digest avec /digest set.');
        const replies = await digest.preview({ guildId, channelId: target.channelId, timezone: target.timezone, topics: target.topics, trends: target.trends ?? false });
        const index = Math.min(Math.max(0, Math.trunc(page)), replies.length - 1);
        const reply: Reply = { ...replies[index]!, ephemeral: true };
        if (replies.length > 1) reply.page = { index, count: replies.length };
        return reply;
      }
      case 'sujets':
        return topics(digest, context, guildId, stringOption(options, 'liste'));
      default:
        return refuse('Sous-commande inconnue', 'Utilisez /digest set, off, status, preview ou sujets.');
    }
  },

  async autocomplete(context, option, partial) {
    if (option === 'fuseau') return timeZoneChoices(partial);
    if (option === 'liste') {
      // Completes the last comma-separated item with actor names, keeping the ones before.
      const cut = Math.max(partial.lastIndexOf(','), partial.lastIndexOf(';'));
      const head = cut >= 0 ? `${partial.slice(0, cut + 1).trim()} ` : '';
      const last = partial.slice(cut + 1).trim();
      const choices = await context.engine.autocompleteActors(last, 25);
      return choices
        .map((c) => ({ name: `${head}${c.name}`, value: `${head}${c.value}` }))
        .filter((c) => c.value.length <= 100);
    }
    return [];
  },
};
