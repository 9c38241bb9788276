/**
 * `/flux`: the sources of live news (feeds and article pages), for the members who may manage
 * the server.
 * - `ajouter url:` follows a feed (RSS, Atom, RDF, JSON Feed) or an article page; polled at once;
 * - `retirer url:` stops following it (articles already fetched stay in the corpus);
 * - `liste`: every source with its status (last fetch, last new article, last error, next attempt,
 *   disabled and why).
 * Discord hides the command from members without Manage Server (`default_member_permissions`);
 * the handler checks again, since a server can override that.
 */
import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import { notice, type Reply, type ReplyItem } from '../replies/reply.js';
import { clampPage, countOf, pageCount, quote } from '../replies/text.js';
import type { FeedSource } from '../services/store/types.js';
import { feedServiceOf } from '../services/feeds/service.js';
import { FeedUrlError, shortUrl } from '../services/feeds/url.js';
import { l10n, stringOption } from './shared.js';

/** Manage Server, as Discord's permission bitfield string. */
const MANAGE_GUILD = '32';
/** Sources per page of `/flux liste`. */
export const FEEDS_PER_PAGE = 8;

const urlOption = (description: string, english: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name: 'url',
  name_localizations: l10n('url', 'url'),
  description,
  description_localizations: l10n(description, english),
  required: true,
  min_length: 8,
  max_length: 2000,
});

const data = {
  name: 'flux',
  name_localizations: l10n('flux', 'feeds'),
  description: 'Les sources d’actualité suivies : flux RSS/Atom/JSON et pages (gestionnaires du serveur)',
  description_localizations: l10n(
    'Les sources d’actualité suivies : flux RSS/Atom/JSON et pages (gestionnaires du serveur)',
    'The news sources followed: RSS/Atom/JSON feeds and pages (server managers)',
  ),
  default_member_permissions: MANAGE_GUILD,
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'ajouter',
      name_localizations: l10n('ajouter', 'add'),
      description: 'Suivre un flux ou une page d’article',
      description_localizations: l10n('Suivre un flux ou une page d’article', 'Follow a feed or an article page'),
      options: [urlOption('Adresse du flux (RSS, Atom, JSON Feed) ou de la page', 'Address of the feed (RSS, Atom, JSON Feed) or page')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'retirer',
      name_localizations: l10n('retirer', 'remove'),
      description: 'Ne plus suivre une source (ses articles restent dans le corpus)',
      description_localizations: l10n('Ne plus suivre une source (ses articles restent dans le corpus)', 'Stop following a source (its articles stay)'),
      options: [urlOption('Adresse de la source, telle que la liste l’affiche', 'Address of the source, as the list shows it')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'liste',
      name_localizations: l10n('liste', 'list'),
      description: 'Les sources suivies et leur état',
      description_localizations: l10n('Les sources suivies et leur état', 'The sources followed and their status'),
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** `29 nov. 08:15` (Paris time). */
export function formatInstant(date: Date): string {
  return DATE_TIME.format(date);
}

/** The status of a source in a few French lines (shared by `/flux liste` and `npm run feeds -- list`). */
export function describeSource(source: FeedSource, now = new Date()): string[] {
  const lines: string[] = [];
  const kind = source.kind === 'page' ? 'page' : 'flux';
  const owner = source.guildId === undefined ? ' · commune à tous les serveurs (ajoutée par l’opérateur du bot)' : '';
  lines.push(`${kind} · ${countOf(source.itemCount, 'article')} · ajoutée le ${formatInstant(source.addedAt)}${owner}`);
  if (source.disabledReason) lines.push(`⛔ désactivée${source.disabledAt ? ` le ${formatInstant(source.disabledAt)}` : ''} : ${source.disabledReason}`);
  if (source.lastFetchAt) {
    const status = source.lastStatus ? ` (HTTP ${source.lastStatus})` : '';
    lines.push(`dernière lecture : ${formatInstant(source.lastFetchAt)}${status}`);
  } else lines.push('jamais lue pour l’instant');
  if (source.lastNewItemAt) lines.push(`dernier article : ${formatInstant(source.lastNewItemAt)}`);
  if (source.lastError) {
    const streak = source.consecutiveFailures > 1 ? ` (${source.consecutiveFailures} échecs de suite)` : '';
    lines.push(`dernière erreur${source.lastErrorAt ? ` (${formatInstant(source.lastErrorAt)})` : ''} : ${source.lastError}${streak}`);
  }
  if (!source.disabledReason && source.nextAttemptAt) {
    lines.push(source.nextAttemptAt.getTime() <= now.getTime() ? 'prochaine lecture : au prochain passage' : `prochaine lecture : ${formatInstant(source.nextAttemptAt)}`);
  }
  return lines;
}

/** The sources as reply items (label: the URL, body: title and status). */
export function sourceItems(sources: readonly FeedSource[], now = new Date()): ReplyItem[] {
  return sources.map((source) => ({
    label: shortUrl(source.url, 100),
    body: { text: [source.title ?? '(titre inconnu)', ...describeSource(source, now)].join('\n') },
  }));
}

/** One line about the sources, for `/sources`: `3 sources suivies, 1 en erreur — /flux liste`. */
export function sourcesSummary(sources: readonly FeedSource[]): string {
  const failing = sources.filter((s) => !s.disabledReason && s.lastError).length;
  const disabled = sources.filter((s) => s.disabledReason).length;
  const parts = [countOf(sources.length, 'source suivie', 'sources suivies')];
  if (failing > 0) parts.push(`${failing} en erreur`);
  if (disabled > 0) parts.push(countOf(disabled, 'désactivée', 'désactivées'));
  return `${parts.join(', ')} — détail : /flux liste`;
}

export const fluxCommand: SlashCommand = {
  data,
  defer: 'ephemeral',

  async execute(context, options, page): Promise<Reply> {
    const feeds = feedServiceOf(context);
    if (!feeds) return notice('error', 'Sources indisponibles', 'Le suivi des sources n’est pas actif dans ce mode.');
    if (!context.invoker.canManageGuild) {
      return notice(
        'error',
        'Réservé aux gestionnaires du serveur',
        'Désolé, seuls les membres qui ont la permission « Gérer le serveur » peuvent gérer les sources.',
      );
    }
    const url = stringOption(options, 'url');
    try {
      switch (options.subcommand) {
        case 'ajouter': {
          if (!url) return notice('error', 'Adresse manquante', 'Indiquez l’adresse d’un flux ou d’une page : /flux ajouter url:https://…');
          const { source, created } = await feeds.add(url, context.invoker.userId, context.invoker.guildId);
          if (!created) return notice('info', 'Source déjà suivie', `${shortUrl(source.url)}\n${describeSource(source).join('\n')}`);
          return notice(
            'success',
            'Source ajoutée',
            feeds.polls
              ? `${shortUrl(source.url)}\nElle est lue dans les secondes qui viennent ; ses nouveaux articles entreront dans le corpus et le prochain digest. Son état : /flux liste.`
              : `${shortUrl(source.url)}\nElle sera lue par le bot en marche sur ce même état, ou maintenant par : npm run feeds -- poll. Son état : /flux liste.`,
          );
        }
        case 'retirer': {
          if (!url) return notice('error', 'Adresse manquante', 'Indiquez l’adresse de la source, telle que /flux liste l’affiche.');
          // A server removes its own sources only; the shared ones are the operator's.
          const removed = context.invoker.guildId === undefined ? await feeds.remove(url) : await feeds.remove(url, context.invoker.guildId);
          if (removed) return notice('success', 'Source retirée', `${shortUrl(url)} n’est plus suivie ; ses articles déjà reçus restent dans le corpus.`);
          const shared = (await feeds.list(context.invoker.guildId)).some((s) => s.guildId === undefined && (s.url === url || shortUrl(s.url) === shortUrl(url)));
          return shared
            ? notice('warning', 'Source commune', `${quote(shortUrl(url))} est une source commune à tous les serveurs : seul l’opérateur du bot peut la retirer.`)
            : notice('warning', 'Source inconnue', `${quote(shortUrl(url))} n’est pas dans la liste (voir /flux liste).`);
        }
        default: {
          const sources = await feeds.list(context.invoker.guildId);
          if (sources.length === 0) {
            return notice('info', 'Aucune source suivie', 'Ajoutez un flux RSS, Atom ou JSON Feed, ou une page : /flux ajouter url:https://…');
          }
          const count = pageCount(sources.length, FEEDS_PER_PAGE);
          const index = clampPage(page, count);
          return {
            tone: 'info',
            ephemeral: true,
            title: 'Sources suivies',
            intro: sourcesSummary(sources).replace(/ — détail : \/flux liste$/, '.'),
            items: sourceItems(sources.slice(index * FEEDS_PER_PAGE, (index + 1) * FEEDS_PER_PAGE)),
            page: { index, count },
          };
        }
      }
    } catch (error) {
      if (error instanceof FeedUrlError) return notice('error', 'Adresse refusée', error.message);
      throw error;
    }
  },
};
