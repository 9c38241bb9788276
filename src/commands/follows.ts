/**
 * `/suivis`: the server's follows — what, where, which role, alerts sent, last alert, state (a
 * channel the bot cannot post in shows here, and pauses the follow after repeated failures);
 * `/suivis retirer:<suivi>` removes one (its creator, or a member who may manage the server).
 */
import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandContext, SlashCommand } from './command.js';
import { notice, type Reply, type ReplyField } from '../replies/reply.js';
import { countOf, formatNumber } from '../replies/text.js';
import { followServiceOf, type FollowService } from '../services/follows/service.js';
import { followSubject } from '../services/follows/alert.js';
import { formatLocal } from '../services/digest/schedule.js';
import type { Follow } from '../services/store/types.js';
import { l10n, stringOption } from './shared.js';

/** Dates of /suivis are shown in this zone (the digest's default audience). */
const SHOWN_ZONE = 'Europe/Paris';

const data = {
  name: 'suivis',
  name_localizations: l10n('suivis', 'follows'),
  description: 'Les suivis de ce serveur : alertes envoyées, état ; en retirer un',
  description_localizations: l10n('Les suivis de ce serveur : alertes envoyées, état ; en retirer un', 'This server’s follows: alerts sent, state; remove one'),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'retirer',
      name_localizations: l10n('retirer', 'remove'),
      description: 'Le suivi à retirer',
      description_localizations: l10n('Le suivi à retirer', 'The follow to remove'),
      required: false,
      autocomplete: true,
      max_length: 100,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function stateLines(follow: Follow): string[] {
  const lines = [follow.paused ? 'En pause' : 'Actif'];
  if (follow.lastError) {
    lines.push(`Dernière erreur${follow.lastErrorAt ? ` (${formatLocal(follow.lastErrorAt, SHOWN_ZONE)})` : ''} : ${follow.lastError}`);
    if (follow.paused) lines.push('Corrigez le salon ou ses permissions, puis relancez /suivre avec les mêmes choix pour le réactiver.');
    else if (follow.failures > 0) lines.push(`Échecs d’affilée : ${follow.failures}.`);
  }
  return lines;
}

/** `rôle mentionné : @Rédaction`, by the server's name for it (its id only where names are unknown). */
async function roleLabel(service: FollowService, guildId: string, roleId: string): Promise<string> {
  const name = await service.roleName(guildId, roleId).catch(() => null);
  if (name === undefined) return `rôle mentionné introuvable sur ce serveur (identifiant ${roleId}) : recréez le suivi avec un autre rôle`;
  return `rôle mentionné : ${name === null ? `identifiant ${roleId}` : `@${name}`}`;
}

async function listReply(service: FollowService, guildId: string): Promise<Reply> {
  const follows = await service.list(guildId);
  if (follows.length === 0) return notice('info', 'Aucun suivi', 'Ce serveur ne suit rien. Commencez par /suivre acteur:Russie ou /suivre sujet:cessez-le-feu');
  const fields: ReplyField[] = [];
  for (const follow of follows) {
    const access = await service.checkChannel(guildId, follow.channelId);
    const where = access.status !== 'unknown-channel' && 'name' in access && access.name ? `#${access.name}` : `salon ${follow.channelId}`;
    const lines = [
      `${where} · ${follow.roleId ? await roleLabel(service, guildId, follow.roleId) : 'aucune mention'}`,
      `${countOf(follow.alertsSent, 'alerte envoyée', 'alertes envoyées')}${follow.lastAlertAt ? ` · dernière : ${formatLocal(follow.lastAlertAt, SHOWN_ZONE)}` : ''}`,
      ...stateLines(follow),
    ];
    if (access.status === 'unknown-channel') lines.push('Le bot ne voit plus ce salon.');
    if (access.status === 'missing') lines.push(`Il manque au bot dans ce salon : ${access.missing.join(', ')}.`);
    fields.push({ name: `${followSubject(follow)} (${follow.kind === 'actor' ? 'acteur' : 'sujet'}) — ${follow.id}`, lines });
  }
  const paused = follows.filter((f) => f.paused).length;
  return {
    tone: paused > 0 ? 'warning' : 'info',
    ephemeral: true,
    title: 'Suivis du serveur',
    intro: `${countOf(follows.length, 'suivi')} sur ${formatNumber(service.limits.perGuild)} possibles${paused > 0 ? ` · ${countOf(paused, 'en pause', 'en pause')}` : ''}.`,
    items: [],
    fields,
  };
}

async function remove(service: FollowService, context: CommandContext, guildId: string, id: string): Promise<Reply> {
  const follow = (await service.list(guildId)).find((f) => f.id === id.trim());
  if (!follow) return notice('error', 'Suivi introuvable', `Aucun suivi ${id} sur ce serveur. /suivis les liste.`);
  if (follow.createdBy !== context.invoker.userId && !context.invoker.canManageGuild) {
    return notice('error', 'Réservé aux gestionnaires du serveur', 'Seule la personne qui a créé ce suivi, ou un membre qui peut gérer le serveur, peut le retirer.');
  }
  await service.remove(guildId, follow.id);
  return notice('success', 'Suivi retiré', `${followSubject(follow)} n’enverra plus d’alerte.`);
}

export const followsCommand: SlashCommand = {
  data,
  defer: 'ephemeral',

  async execute(context, options): Promise<Reply> {
    const service = followServiceOf(context);
    if (!service) return notice('error', 'Suivis indisponibles', 'Les suivis ne sont pas actifs sur cette instance du bot.');
    const guildId = context.invoker.guildId;
    if (!guildId) return notice('error', 'Commande de serveur', '/suivis se consulte sur un serveur Discord, pas en message privé.');
    const target = stringOption(options, 'retirer');
    return target ? remove(service, context, guildId, target) : listReply(service, guildId);
  },

  async autocomplete(context, option, partial) {
    const service = followServiceOf(context);
    const guildId = context.invoker.guildId;
    if (option !== 'retirer' || !service || !guildId) return [];
    const typed = partial.trim().toLowerCase();
    return (await service.list(guildId))
      .map((f) => ({ name: `${followSubject(f)} (${f.kind === 'actor' ? 'acteur' : 'sujet'}) — ${f.id}`.slice(0, 100), value: f.id }))
      .filter((c) => !typed || c.name.toLowerCase().includes(typed))
      .slice(0, 25);
  },
};
