/** Reading what a Discord interaction carries into the command contract's plain data. */
import {
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  type CommandInteractionOption,
  type Interaction,
} from 'discord.js';
import type { CommandOptions, Invoker } from '../commands/command.js';

/** Who asked and where. `canManageGuild` comes from the member's resolved permissions. */
export function invokerOf(interaction: Interaction): Invoker {
  const invoker: Invoker = {
    userId: interaction.user.id,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    locale: interaction.locale,
  };
  if (interaction.guildId) invoker.guildId = interaction.guildId;
  if (interaction.channelId) invoker.channelId = interaction.channelId;
  return invoker;
}

/** The options of a chat-input interaction, flattened (subcommand name apart). */
export function optionsOf(data: readonly CommandInteractionOption[]): CommandOptions {
  const options: CommandOptions = { values: {} };
  const visit = (list: readonly CommandInteractionOption[]) => {
    for (const option of list) {
      if (option.type === ApplicationCommandOptionType.Subcommand) {
        options.subcommand = option.name;
        visit(option.options ?? []);
      } else if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        visit(option.options ?? []);
      } else if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean') {
        options.values[option.name] = option.value;
      }
    }
  };
  visit(data);
  return options;
}

/** Stored options (JSON from the paging state) back into {@link CommandOptions}, defensively. */
export function parseStoredOptions(raw: unknown): CommandOptions {
  const options: CommandOptions = { values: {} };
  if (!raw || typeof raw !== 'object') return options;
  const { subcommand, values } = raw as { subcommand?: unknown; values?: unknown };
  if (typeof subcommand === 'string') options.subcommand = subcommand;
  if (values && typeof values === 'object') {
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') options.values[key] = value;
    }
  }
  return options;
}
