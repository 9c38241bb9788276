/**
 * The command registry: a literal list, so that what is deployed and what is routed is exactly
 * what is imported here (no folder scanning). Add a command by importing it and listing it below.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { SlashCommand } from './command.js';
import { actorCommand } from './actor.js';
import { articleCommand } from './article.js';
import { briefingCommand } from './briefing.js';
import { createHelpCommand } from './help.js';
import { digestCommand } from './digest.js';
import { fluxCommand } from './flux.js';
import { followCommand } from './follow.js';
import { followsCommand } from './follows.js';
import { searchCommand } from './search.js';
import { sourcesCommand } from './sources.js';
import { trendsCommand } from './trends.js';
import { reportingIndexProgress } from './index-progress.js';

/** Every command, in the order `/help` shows them; each says when answers cover a partial index. */
export const commands: readonly SlashCommand[] = [
  briefingCommand,
  actorCommand,
  trendsCommand,
  searchCommand,
  articleCommand,
  sourcesCommand,
  fluxCommand,
  digestCommand,
  followCommand,
  followsCommand,
  createHelpCommand(() => commands),
].map(reportingIndexProgress);

/** The command with this API name (`actor`, not the localized `acteur`). */
export function commandByName(name: string, registry: readonly SlashCommand[] = commands): SlashCommand | undefined {
  return registry.find((command) => command.data.name === name);
}

/** The definitions to send to Discord (`PUT /applications/{id}/commands`). */
export function commandDefinitions(
  registry: readonly SlashCommand[] = commands,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return registry.map((command) => command.data);
}

export { actorCommand, articleCommand, briefingCommand, followCommand, followsCommand, searchCommand, sourcesCommand, trendsCommand, createHelpCommand };
