/**
 * `/briefing [sujet] [nombre]`: the news of the corpus story by story, on a topic (an actor or
 * free text) or on everything: each story's headline, its lead, what other sources add, and which
 * articles report it; then the key actors and the media the articles cite. One page.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import type { Reply, ReplyField } from '../replies/reply.js';
import { countOf, formatNumber, quote } from '../replies/text.js';
import { foldText } from '../services/text/normalize.js';
import { briefingCountLine, integerOption, kindLabel, l10n, storyItem, stringOption } from './shared.js';

/** Excerpts when `nombre` is not given, and its bounds. */
const DEFAULT_COUNT = 8;
export const BRIEFING_MIN_COUNT = 1;
export const BRIEFING_MAX_COUNT = 20;
const MIN_COUNT = BRIEFING_MIN_COUNT;
const MAX_COUNT = BRIEFING_MAX_COUNT;
/** Entries shown in the side fields. */
const FIELD_ENTRIES = 8;

const data = {
  name: 'briefing',
  name_localizations: l10n('briefing', 'briefing'),
  description: 'Un résumé du corpus : les phrases clés, les acteurs et les sources citées',
  description_localizations: l10n(
    'Un résumé du corpus : les phrases clés, les acteurs et les sources citées',
    'A summary of the corpus: key sentences, actors and cited sources',
  ),
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'sujet',
      name_localizations: l10n('sujet', 'topic'),
      description: 'Un acteur ou des mots-clés ; vide : tout le corpus',
      description_localizations: l10n(
        'Un acteur ou des mots-clés ; vide : tout le corpus',
        'An actor or keywords; empty: the whole corpus',
      ),
      required: false,
      autocomplete: true,
      max_length: 100,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'nombre',
      name_localizations: l10n('nombre', 'count'),
      description: `Nombre de phrases (${MIN_COUNT} à ${MAX_COUNT}, ${DEFAULT_COUNT} par défaut)`,
      description_localizations: l10n(
        `Nombre de phrases (${MIN_COUNT} à ${MAX_COUNT}, ${DEFAULT_COUNT} par défaut)`,
        `Number of sentences (${MIN_COUNT} to ${MAX_COUNT}, default ${DEFAULT_COUNT})`,
      ),
      required: false,
      min_value: MIN_COUNT,
      max_value: MAX_COUNT,
    },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const briefingCommand: SlashCommand = {
  data,
  // Ranking a whole corpus may take longer than Discord's 3 s acknowledgement window.
  defer: 'public',

  async execute(context, options): Promise<Reply> {
    const topic = stringOption(options, 'sujet');
    const limit = integerOption(options, 'nombre', { min: MIN_COUNT, max: MAX_COUNT, fallback: DEFAULT_COUNT });
    const answer = await context.engine.briefing({ ...(topic ? { topic } : {}), limit });

    const title = answer.actor
      ? `Briefing : ${answer.actor.name}`
      : topic
        ? `Briefing : ${quote(topic)}`
        : 'Briefing du corpus';
    const intro: string[] = [];
    if (topic && answer.actor && foldText(topic) !== foldText(answer.actor.name)) {
      intro.push(`${topic} → ${answer.actor.name} (${kindLabel(answer.actor.kind)})`);
    }
    if (answer.excerpts.length === 0) {
      intro.push(
        topic
          ? `Le corpus ne contient rien sur ${quote(topic)}. Essayez un autre sujet, ou /briefing sans sujet.`
          : 'Le corpus est vide : aucun article n’est indexé pour l’instant.',
      );
      return { tone: 'warning', title, intro: intro.join('\n'), items: [] };
    }
    intro.push(briefingCountLine(answer));
    if (answer.storyCount > answer.stories.length) {
      const left = answer.storyCount - answer.stories.length;
      const others = countOf(left, 'autre sujet');
      // « Ne tiennent pas » only when every slot is used; otherwise they had nothing to add.
      intro.push(
        answer.excerpts.length >= limit
          ? `${others} parmi ces articles ${left > 1 ? 'ne tiennent' : 'ne tient'} pas dans ${limit} phrases (option nombre, jusqu’à ${MAX_COUNT}).`
          : `${others} parmi ces articles ${left > 1 ? 'n’ont' : 'n’a'} rien à ajouter qui se lise seul${topic ? ' sur ce sujet' : ''}.`,
      );
    }

    const fields: ReplyField[] = [];
    if (answer.actors.length > 0) {
      fields.push({
        name: 'Acteurs clés (mentions)',
        lines: answer.actors.slice(0, FIELD_ENTRIES).map((a) => `${a.name} (${formatNumber(a.count)})`),
        inline: true,
      });
    }
    if (answer.sources.length > 0) {
      fields.push({
        name: 'Sources citées',
        lines: answer.sources.slice(0, FIELD_ENTRIES).map((s) => `${s.name} (${formatNumber(s.count)})`),
        inline: true,
      });
    }
    return {
      tone: 'info',
      title,
      intro: intro.join('\n'),
      items: answer.stories.map((story, i) => storyItem(story, `${i + 1}.`)),
      ...(fields.length > 0 ? { fields } : {}),
    };
  },

  async autocomplete(context, option, partial) {
    if (option !== 'sujet') return [];
    return context.engine.autocompleteActors(partial.trim(), 25);
  },
};
