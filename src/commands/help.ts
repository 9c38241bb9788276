/**
 * `/help` (`/aide`): what the bot does and how to use each command. The list is built from the
 * registry's definitions, so a command added there (such as `/digest`) is documented at once.
 */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { SlashCommand } from './command.js';
import type { Reply, ReplyField } from '../replies/reply.js';
import { l10n } from './shared.js';

const data = {
  name: 'help',
  name_localizations: l10n('aide', 'help'),
  description: 'Ce que fait Dépêche et comment utiliser chaque commande',
  description_localizations: l10n(
    'Ce que fait Dépêche et comment utiliser chaque commande',
    'What Dépêche does and how to use each command',
  ),
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The French display name of a command or option, falling back to its API name. */
export function frenchName(item: { name: string; name_localizations?: Partial<Record<string, string | null>> | null }): string {
  return item.name_localizations?.fr ?? item.name;
}

/** The French description of a command or option. */
function frenchDescription(item: { description: string; description_localizations?: Partial<Record<string, string | null>> | null }): string {
  return item.description_localizations?.fr ?? item.description;
}

function isSubcommand(option: APIApplicationCommandOption): boolean {
  return (
    option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}

/** `nom:…` for a required option, `[nombre:…]` for an optional one. */
function usageOf(options: readonly APIApplicationCommandOption[]): string {
  return options
    .map((o) => {
      const text = `${frenchName(o)}:…`;
      return 'required' in o && o.required ? text : `[${text}]`;
    })
    .join(' ');
}

/** One field per command: usage line as name, description and option descriptions as lines. */
export function commandHelpField(command: SlashCommand): ReplyField {
  const { data } = command;
  const name = frenchName(data);
  const options = data.options ?? [];
  const lines: string[] = [frenchDescription(data)];
  const subcommands = options.filter(isSubcommand);
  if (subcommands.length > 0) {
    for (const sub of subcommands) {
      const subOptions = 'options' in sub && sub.options ? (sub.options as APIApplicationCommandOption[]) : [];
      const usage = usageOf(subOptions);
      lines.push(`/${name} ${frenchName(sub)}${usage ? ` ${usage}` : ''} — ${frenchDescription(sub)}`);
    }
  } else {
    for (const option of options) lines.push(`${frenchName(option)} : ${frenchDescription(option)}`);
  }
  if (name !== data.name) lines.push(`Nom anglais : /${data.name}`);
  const usage = subcommands.length > 0 ? '…' : usageOf(options);
  return { name: `/${name}${usage ? ` ${usage}` : ''}`, lines };
}

/** Builds `/help` over a registry read when the command runs (the registry includes `/help` itself). */
export function createHelpCommand(registry: () => readonly SlashCommand[]): SlashCommand {
  return {
    data,
    defer: 'none',
    async execute(): Promise<Reply> {
      return {
        tone: 'info',
        ephemeral: true,
        title: 'Dépêche — aide',
        intro:
          'Dépêche lit un corpus d’articles de géopolitique en français et en tire des briefings : ' +
          'les phrases clés, les acteurs (pays, organisations, personnalités), les sources citées. ' +
          'Chaque extrait indique l’article dont il vient.',
        items: [],
        fields: registry().map(commandHelpField),
        footer:
          'Les réponses longues ont plusieurs pages : boutons ◀ ▶ sur Discord, /suivant et /precedent dans la console.',
      };
    },
  };
}
