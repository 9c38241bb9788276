/**
 * `/tendances [période]`: the actors whose share of all actor mentions rose most over the last
 * days of dated articles, against the same number of days just before: a ranked list with the
 * real shares and counts, and a picture of the shares.
 */
import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandContext, SlashCommand } from './command.js';
import { notice, type Reply } from '../replies/reply.js';
import { quote } from '../replies/text.js';
import { DEFAULT_TREND_DAYS, TRENDS_SHOWN } from '../services/engine.js';
import { trendsReply } from '../replies/trends.js';
import { l10n, stringOption } from './shared.js';

export { DEFAULT_TREND_DAYS, TRENDS_SHOWN, trendsReply };
const MAX_TREND_DAYS = 365;

/** The `periode` option of /tendances and /actor: 7, 14, 30 or 90 days (the CLI takes any, up to a year). */
export function periodOption(description: string, english: string) {
  return {
    type: ApplicationCommandOptionType.String as const,
    name: 'periode',
    name_localizations: l10n('periode', 'period'),
    description,
    description_localizations: l10n(description, english),
    required: false,
    choices: [
      { name: '7 jours', name_localizations: l10n('7 jours', '7 days'), value: '7j' },
      { name: '14 jours', name_localizations: l10n('14 jours', '14 days'), value: '14j' },
      { name: '30 jours', name_localizations: l10n('30 jours', '30 days'), value: '30j' },
      { name: '90 jours', name_localizations: l10n('90 jours', '90 days'), value: '90j' },
    ],
  };
}

/** The polite refusal of a period that is none. */
export function badPeriod(asked: string): Reply {
  return notice('error', 'Période inconnue', `${quote(asked)} n’est pas une période : écrivez par exemple 7j, 30j ou 2 semaines (jusqu’à ${MAX_TREND_DAYS} jours).`);
}

const data = {
  name: 'tendances',
  name_localizations: l10n('tendances', 'trends'),
  description: 'Les acteurs dont la part des mentions monte le plus',
  description_localizations: l10n('Les acteurs dont la part des mentions monte le plus', 'The actors whose share of mentions rises most'),
  options: [
    periodOption(
      'Les derniers jours d’articles datés, comparés aux mêmes jours d’avant (par défaut 7 jours)',
      'The last days of dated articles, against as many days before (default 7 days)',
    ),
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** `7j`, `7`, `7 jours`, `2s`, `2 semaines` → days; undefined when it is none of these. */
export function parsePeriod(text: string): number | undefined {
  const match = /^(\d{1,3})\s*(j|jours?|s|sem|semaines?)?$/i.exec(text.trim());
  if (!match) return undefined;
  const days = Number(match[1]) * (match[2] && /^s/i.test(match[2]) ? 7 : 1);
  return days >= 1 && days <= MAX_TREND_DAYS ? days : undefined;
}

export const trendsCommand: SlashCommand = {
  data,
  defer: 'none',

  async execute(context: CommandContext, options): Promise<Reply> {
    const asked = stringOption(options, 'periode');
    const days = asked === undefined ? DEFAULT_TREND_DAYS : parsePeriod(asked);
    if (days === undefined) return badPeriod(asked ?? '');
    const answer = context.engine.trends ? await context.engine.trends(days, TRENDS_SHOWN) : undefined;
    if (!answer) return notice('warning', 'Pas de tendances', 'Aucun article du corpus n’a de date de publication : les tendances se lisent jour par jour.', false);
    return trendsReply(answer);
  },
};
