/**
 * What a command is: a definition (plain data sent to Discord, with French and English
 * localizations) and handlers that turn options into a {@link Reply}. The same code serves
 * Discord, the local console and the CLI.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Choice, CorpusEngine } from '../services/engine.js';
import type { Reply } from '../replies/reply.js';

/** Option values as received, by option name (subcommand name in `subcommand`). */
export interface CommandOptions {
  subcommand?: string;
  values: Record<string, string | number | boolean | undefined>;
}

/** Who runs the command and where: filled by the Discord router or the console. */
export interface Invoker {
  userId: string;
  guildId?: string;
  channelId?: string;
  /** True when the member may manage the server (Manage Server), checked again at run time. */
  canManageGuild: boolean;
  /** `fr` or `en`… from the interaction; replies stay in French. */
  locale?: string;
}

/** Everything a handler may use; built once by the composition root, no globals. */
export interface CommandContext {
  engine: CorpusEngine;
  invoker: Invoker;
  /** Further services (store, digest…) are added here as they exist. */
  services: Record<string, unknown>;
}

export interface SlashCommand {
  /** The command definition as Discord's API takes it. */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** How the Discord router acknowledges it before running it: slow commands defer. */
  defer: 'none' | 'public' | 'ephemeral';
  /** Runs the command for one page (0-based) of its answer. */
  execute(context: CommandContext, options: CommandOptions, page: number): Promise<Reply>;
  /** Choices for the focused option while the user types. */
  autocomplete?(context: CommandContext, option: string, partial: string): Promise<Choice[]>;
}
