/** What happens once the gateway session is ready: log who we are, then sync the commands. */
import type { Client } from 'discord.js';
import type { Logger } from '../../logger.js';
import { syncCommands, type CommandDefinition, type SyncResult } from '../sync.js';

export interface ReadyOptions {
  logger: Logger;
  definitions: readonly CommandDefinition[];
  /** Application id from the configuration; the client's own when absent. */
  applicationId?: string;
  guildId?: string;
  /** False skips the command sync. */
  sync: boolean;
}

/** Runs the ready work; resolves with the sync result (undefined when skipped or failed). */
export async function onReady(client: Client<true>, options: ReadyOptions): Promise<SyncResult | undefined> {
  const { logger } = options;
  logger.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  if (!options.sync) return undefined;
  const applicationId = options.applicationId ?? client.application.id;
  try {
    const result = await syncCommands(
      client.rest,
      { applicationId, ...(options.guildId ? { guildId: options.guildId } : {}) },
      options.definitions,
    );
    logger.info(
      { scope: result.scope, action: result.action, commands: result.names, changes: result.changes },
      result.action === 'updated' ? 'slash commands registered' : 'slash commands already up to date',
    );
    return result;
  } catch (error) {
    // The bot still answers the commands Discord already knows: not fatal.
    logger.error({ err: error }, 'slash command sync failed');
    return undefined;
  }
}
