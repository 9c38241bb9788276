/**
 * `/search requete:<mots>`: free-text search over the sentences of the corpus, five per page,
 * with the matched words highlighted.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import type { SearchCorrection } from '../services/engine.js';
import { notice, type Reply } from '../replies/reply.js';
import { clampPage, countOf, formatNumber, pageCount, quote } from '../replies/text.js';
import { EXCERPTS_PER_PAGE, excerptItem, l10n, stringOption } from './shared.js';

const data = {
  name: 'search',
  name_localizations: l10n('recherche', 'search'),
  description: 'Cherche des phrases du corpus par mots-clés',
  description_localizations: l10n('Cherche des phrases du corpus par mots-clés', 'Search the corpus sentences by keywords'),
  options: [
    {
      type: ApplicationCommandOptionType.String,
      // Discord option names must be lower case `[-_\p{L}\p{N}]`; the accented form is the French display name.
      name: 'requete',
      name_localizations: l10n('requête', 'query'),
      description: 'Les mots à chercher (sanctions, cessez-le-feu, drones…)',
      description_localizations: l10n(
        'Les mots à chercher (sanctions, cessez-le-feu, drones…)',
        'Words to look for (sanctions, ceasefire, drones…)',
      ),
      required: true,
      max_length: 200,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * `Résultats pour « drone sanctions » : « drop » n’est pas dans le corpus.` when words were
 * replaced by near ones, as search engines say it; empty otherwise.
 */
function correctionLine(query: string, corrections: readonly SearchCorrection[]): string {
  if (corrections.length === 0) return '';
  let searched = query;
  for (const c of corrections) searched = searched.replace(c.typed, c.searched[0] ?? c.typed);
  const others = corrections.flatMap((c) => c.searched.slice(1));
  const typed = corrections.map((c) => quote(c.typed)).join(', ');
  const absent = corrections.length > 1 ? 'ne sont pas dans le corpus' : 'n’est pas dans le corpus';
  return `Résultats pour ${quote(searched)}${others.length ? ` (et ${others.map(quote).join(', ')})` : ''} : ${typed} ${absent}.`;
}

/** The paging option that holds an answer's corpus snapshot (never a Discord option). */
const SNAPSHOT_OPTION = 'instantane';

export const searchCommand: SlashCommand = {
  data,
  defer: 'none',

  async execute(context, options, page): Promise<Reply> {
    const query = stringOption(options, 'requete');
    if (!query) {
      return notice(
        'error',
        'Que faut-il chercher ?',
        'La recherche est vide : indiquez un ou plusieurs mots, par exemple : /search requete:sanctions',
      );
    }
    // Later pages read the corpus as the first one did (articles may arrive between two clicks).
    const pinned = options.values[SNAPSHOT_OPTION];
    let snapshot = typeof pinned === 'number' && Number.isSafeInteger(pinned) ? pinned : undefined;
    const request = (index: number) =>
      context.engine.search(query, { offset: index * EXCERPTS_PER_PAGE, limit: EXCERPTS_PER_PAGE, ...(snapshot !== undefined ? { snapshot } : {}) });
    let index = Math.max(0, Math.trunc(page));
    let answer = await request(index);
    snapshot ??= answer.snapshot;
    const count = pageCount(answer.total, EXCERPTS_PER_PAGE);
    if (index !== clampPage(index, count)) {
      index = clampPage(index, count);
      answer = await request(index);
    }

    if (answer.total === 0) {
      return notice(
        'warning',
        'Aucun résultat',
        `Aucune phrase du corpus ne correspond à ${quote(query)}. Essayez d’autres mots, ou /sources pour voir les articles.`,
      );
    }
    const first = index * EXCERPTS_PER_PAGE;
    return {
      tone: 'info',
      title: `Recherche : ${quote(query)}`,
      intro: [correctionLine(query, answer.corrections ?? []), `${countOf(answer.total, 'phrase trouvée', 'phrases trouvées')}.`]
        .filter(Boolean)
        .join('\n'),
      items: answer.excerpts.map((excerpt, i) =>
        excerptItem(excerpt, `Extrait ${formatNumber(first + i + 1)}/${formatNumber(answer.total)}`),
      ),
      page: { index, count },
      ...(snapshot !== undefined ? { pagingOptions: { [SNAPSHOT_OPTION]: snapshot } } : {}),
    };
  },
};
