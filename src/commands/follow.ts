/**
 * `/suivre acteur:<acteur> [salon] [role]` or `/suivre sujet:<texte> [salon] [role]`: one alert in
 * a channel per new story about an actor (its aliases, demonyms and metonyms count: le Kremlin is
 * Russia) or matching a full-text query (the words of /search, no regular expressions). Any member
 * may follow something here; another channel, or a role to mention, needs *Gérer le serveur*
 * (checked here, at run time, whatever Discord's settings say).
 */
import { ApplicationCommandOptionType, ChannelType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import { notice, type Reply } from '../replies/reply.js';
import { quote } from '../replies/text.js';
import { followServiceOf } from '../services/follows/service.js';
import { followSubject } from '../services/follows/alert.js';
import { l10n, stringOption } from './shared.js';

/** Longest subject query (as /search). */
export const SUBJECT_MAX = 200;

const data = {
  name: 'suivre',
  name_localizations: l10n('suivre', 'follow'),
  description: 'Une alerte dans un salon à chaque nouvelle info sur un acteur ou un sujet',
  description_localizations: l10n(
    'Une alerte dans un salon à chaque nouvelle info sur un acteur ou un sujet',
    'An alert in a channel for each new story about an actor or a subject',
  ),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'acteur',
      name_localizations: l10n('acteur', 'actor'),
      description: 'Un pays, une organisation, une personne (Russie, OTAN, Poutine…)',
      description_localizations: l10n('Un pays, une organisation, une personne (Russie, OTAN, Poutine…)', 'A country, an organisation, a person (Russia, NATO, Putin…)'),
      required: false,
      autocomplete: true,
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'sujet',
      name_localizations: l10n('sujet', 'subject'),
      description: 'Des mots à guetter, comme pour /search (cessez-le-feu Gaza, gaz russe…)',
      description_localizations: l10n('Des mots à guetter, comme pour /search (cessez-le-feu Gaza, gaz russe…)', 'Words to watch for, as in /search (Gaza ceasefire, Russian gas…)'),
      required: false,
      max_length: SUBJECT_MAX,
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'salon',
      name_localizations: l10n('salon', 'channel'),
      description: 'Salon des alertes (par défaut : celui-ci ; un autre : gestionnaires du serveur)',
      description_localizations: l10n('Salon des alertes (par défaut : celui-ci ; un autre : gestionnaires du serveur)', 'Channel for the alerts (default: this one; another: server managers)'),
      required: false,
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    },
    {
      type: ApplicationCommandOptionType.Role,
      name: 'role',
      name_localizations: l10n('rôle', 'role'),
      description: 'Rôle mentionné par chaque alerte (gestionnaires du serveur)',
      description_localizations: l10n('Rôle mentionné par chaque alerte (gestionnaires du serveur)', 'Role mentioned by each alert (server managers)'),
      required: false,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const refuse = (title: string, intro: string): Reply => notice('error', title, intro);

export const followCommand: SlashCommand = {
  data,
  defer: 'ephemeral',

  async execute(context, options): Promise<Reply> {
    const follows = followServiceOf(context);
    if (!follows) return refuse('Suivis indisponibles', 'Les suivis ne sont pas actifs sur cette instance du bot.');
    const { guildId, channelId: here, canManageGuild, userId } = context.invoker;
    if (!guildId) return refuse('Commande de serveur', '/suivre se règle sur un serveur Discord, pas en message privé.');
    const actor = stringOption(options, 'acteur');
    const subject = stringOption(options, 'sujet');
    if ((actor ? 1 : 0) + (subject ? 1 : 0) !== 1) {
      return refuse('Que faut-il suivre ?', 'Indiquez soit un acteur, soit un sujet, par exemple : /suivre acteur:Russie ou /suivre sujet:cessez-le-feu Gaza');
    }
    const chosen = stringOption(options, 'salon');
    const roleId = stringOption(options, 'role');
    const channelId = chosen ?? here;
    if (!channelId || !/^[\w-]{1,32}$/.test(channelId)) return refuse('Quel salon ?', 'Choisissez le salon des alertes, par exemple : /suivre acteur:Russie salon:#actualités');
    // Another channel or a role reaches people who did not ask: the server's managers decide.
    if ((channelId !== here || roleId) && !canManageGuild) {
      return refuse(
        'Réservé aux gestionnaires du serveur',
        'Suivre dans un autre salon ou mentionner un rôle demande la permission « Gérer le serveur ». Sans salon ni rôle, l’alerte arrive dans ce salon-ci.',
      );
    }
    if (roleId && (roleId === guildId || !/^\d{5,20}$/.test(roleId))) {
      return refuse('Rôle refusé', 'Les alertes ne mentionnent jamais @everyone ni @here : choisissez un rôle du serveur.');
    }
    const access = await follows.checkChannel(guildId, channelId);
    if (access.status === 'unknown-channel') return refuse('Salon introuvable', 'Le bot ne voit pas ce salon sur ce serveur : choisissez un salon textuel où il a accès.');
    if (access.status === 'missing') {
      return refuse('Le bot ne peut pas publier dans ce salon', `Il manque au bot : ${access.missing.join(', ')}. Accordez-les-lui ou choisissez un autre salon. Rien n’a été enregistré.`);
    }
    const outcome = await follows.add({
      guildId,
      kind: actor ? 'actor' : 'subject',
      target: (actor ?? subject)!.slice(0, SUBJECT_MAX),
      channelId,
      ...(roleId ? { roleId } : {}),
      createdBy: userId,
    });
    switch (outcome.status) {
      case 'unknown-actor':
        return refuse(
          'Acteur introuvable',
          `Aucun acteur du corpus ne correspond à ${quote(outcome.query)}.` +
            (outcome.suggestions.length > 0 ? ` Vouliez-vous dire : ${outcome.suggestions.join(', ')} ?` : ' Suivez plutôt un sujet : /suivre sujet:…'),
        );
      case 'empty-query':
        return refuse('Sujet vide', 'Le sujet doit contenir au moins un mot, par exemple : /suivre sujet:sanctions');
      case 'cap':
        return refuse('Trop de suivis', `Ce serveur a déjà ${outcome.count} suivis (maximum ${outcome.max}). Retirez-en un avec /suivis retirer:… avant d’en ajouter.`);
      default: {
        const f = outcome.follow;
        const where = access.status === 'ok' && access.name ? `#${access.name}` : `le salon ${f.channelId}`;
        const lines = [
          `${followSubject(f)} : une alerte dans ${where} à chaque nouvelle information${f.roleId ? ', avec la mention du rôle choisi' : ''}.`,
          `Seuls les articles qui arrivent à partir de maintenant comptent (rien de plus de ${Math.round(follows.limits.maxAgeMs / 3_600_000)} h) ; au plus ${follows.limits.alertsPerHour} alertes par heure, le surplus en un message groupé.`,
          `Identifiant : ${f.id} (pour /suivis retirer).`,
        ];
        if (outcome.status === 'existing') lines.unshift('Ce suivi existait déjà ; il est actif et son rôle est à jour.');
        return notice('success', outcome.status === 'existing' ? 'Suivi mis à jour' : 'Suivi créé', lines.join('\n'));
      }
    }
  },

  async autocomplete(context, option, partial) {
    if (option !== 'acteur') return [];
    return context.engine.autocompleteActors(partial.trim(), 25);
  },
};
