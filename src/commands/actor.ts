/**
 * `/actor nom:<acteur>`: the sentences of the corpus that mention an actor (a country, an
 * organisation, a person…), five per page, with the forms that matched highlighted and the actors
 * most often mentioned alongside it, and a picture of its mentions per day.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import { notice, type Reply } from '../replies/reply.js';
import { clampPage, countOf, formatNumber, pageCount, quote } from '../replies/text.js';
import { foldText } from '../services/text/normalize.js';
import { actorChart, actorSeries } from './charts.js';
import { badPeriod, parsePeriod, periodOption } from './trends.js';
import {
  EXCERPTS_PER_PAGE,
  MAX_SUGGESTIONS,
  excerptItem,
  kindLabel,
  l10n,
  notFound,
  stringOption,
} from './shared.js';

/** How many related actors the side field lists. */
const RELATED_SHOWN = 8;

const data = {
  name: 'actor',
  name_localizations: l10n('acteur', 'actor'),
  description: 'Ce que le corpus dit d’un pays, d’une organisation ou d’une personne',
  description_localizations: l10n(
    'Ce que le corpus dit d’un pays, d’une organisation ou d’une personne',
    'What the corpus says about a country, an organisation or a person',
  ),
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'nom',
      name_localizations: l10n('nom', 'name'),
      description: 'Nom de l’acteur ou un de ses alias (Moscou, OTAN, Poutine…)',
      description_localizations: l10n(
        'Nom de l’acteur ou un de ses alias (Moscou, OTAN, Poutine…)',
        'Name of the actor or one of its aliases (Moscow, NATO, Putin…)',
      ),
      required: true,
      autocomplete: true,
      max_length: 100,
    },
    periodOption(
      'Les jours d’articles datés de l’image des mentions (par défaut 30 jours)',
      'The days of dated articles the mentions picture covers (default 30 days)',
    ),
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The sentences left out of the count because they repeat a listed passage word for word. */
function repeatedNote(repeated: number): string {
  if (repeated <= 0) return '';
  return `, sans compter ${countOf(repeated, 'reprise')} mot pour mot d’un de ces passages`;
}

export const actorCommand: SlashCommand = {
  data,
  defer: 'none',

  async execute(context, options, page): Promise<Reply> {
    const name = stringOption(options, 'nom');
    if (!name) {
      return notice('error', 'Quel acteur ?', 'Indiquez un nom, par exemple : /actor nom:Russie');
    }
    const periode = stringOption(options, 'periode');
    const days = periode === undefined ? undefined : parsePeriod(periode);
    if (periode !== undefined && days === undefined) return badPeriod(periode);
    const request = (index: number) =>
      context.engine.actor(name, { offset: index * EXCERPTS_PER_PAGE, limit: EXCERPTS_PER_PAGE });
    let index = Math.max(0, Math.trunc(page));
    let answer = await request(index);

    if (!answer.found) {
      const suggestions = answer.suggestions.slice(0, MAX_SUGGESTIONS);
      return notFound(
        'Acteur introuvable',
        `Aucun acteur du corpus ne correspond à ${quote(name)}.`,
        'Essayez /search pour une recherche libre.',
        'actor',
        suggestions.map((s) => ({ name: s.name, options: { nom: s.name, ...(periode !== undefined ? { periode } : {}) } })),
      );
    }

    const count = pageCount(answer.total, EXCERPTS_PER_PAGE);
    // A page past the end (an old button after a re-index): show the last one instead.
    if (index !== clampPage(index, count)) {
      index = clampPage(index, count);
      answer = await request(index);
      if (!answer.found) return notice('error', 'Acteur introuvable', `${quote(name)} n’est plus dans le corpus.`);
    }

    const { actor, total } = answer;
    const intro: string[] = [];
    const alias = answer.matchedAlias;
    if (alias && foldText(alias) !== foldText(actor.name)) intro.push(`${alias} → ${actor.name}`);
    const what = `${actor.name} (${kindLabel(actor.kind)})`;
    intro.push(
      total === 0
        ? `Aucune phrase du corpus ne mentionne ${what}.`
        : `${countOf(total, 'passage')} du corpus ${total > 1 ? 'mentionnent' : 'mentionne'} ${what}${repeatedNote(answer.repeated)}.`,
    );
    const otherForms = answer.forms.filter((f) => foldText(f) !== foldText(actor.name));
    if (otherForms.length > 0) intro.push(`Autres formes relevées : ${otherForms.join(', ')}`);

    const first = index * EXCERPTS_PER_PAGE;
    const reply: Reply = {
      tone: total === 0 ? 'warning' : 'info',
      title: actor.name,
      intro: intro.join('\n'),
      items: answer.excerpts.map((excerpt, i) =>
        excerptItem(excerpt, `Extrait ${formatNumber(first + i + 1)}/${formatNumber(total)}`),
      ),
      page: { index, count },
    };
    const related = answer.related.slice(0, RELATED_SHOWN);
    if (related.length > 0) {
      reply.fields = [
        {
          name: 'Acteurs associés (phrases en commun)',
          lines: related.map((r) => `${r.name} (${formatNumber(r.count)})`),
          inline: true,
        },
      ];
    }
    // Its mentions per day, with the actors most often named with it beside.
    if (total > 0) {
      const series = await actorSeries(context.engine, actor.id, answer.related, days);
      if (series) reply.chart = actorChart(series);
    }
    return reply;
  },

  async autocomplete(context, option, partial) {
    if (option !== 'nom') return [];
    return context.engine.autocompleteActors(partial.trim(), 25);
  },
};
