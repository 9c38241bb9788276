/**
 * The Discord bot: a discord.js client (Guilds intent only, REST pointed at the configured API
 * base, mentions disabled by default), the interaction router, and the command sync at start-up.
 * Signal handling belongs to the entry point, which calls {@link Bot.stop}.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CommandContext, Invoker, SlashCommand } from '../commands/command.js';
import type { StateStore } from '../services/store/types.js';
import { InteractionRouter, DEFAULT_PAGING_TTL_MS } from './router.js';
import type { Pictures } from '../replies/chart.js';
import { PictureRenderer } from '../replies/picture/renderer.js';
import { onReady } from './listeners/ready.js';
import { listenInteractions } from './listeners/interactionCreate.js';
import type { SyncResult } from './sync.js';
import { DiscordConnectionError, describeConnectionError } from './connection-error.js';

export interface BotOptions {
  config: Pick<Config, 'discordToken' | 'discordClientId' | 'discordGuildId' | 'discordApiBase'>;
  logger: Logger;
  commands: readonly SlashCommand[];
  makeContext: (invoker: Invoker) => CommandContext | Promise<CommandContext>;
  stateStore: Pick<StateStore, 'savePaging' | 'getPaging' | 'prunePaging'>;
  /** How long page buttons work after their last use. Default 10 minutes. */
  pagingTtlMs?: number;
  /** Draws replies' charts. Default: a picture renderer of the bot's own, closed by stop(). */
  pictures?: Pictures;
  /** Sync the slash commands at start-up. Default true. */
  syncCommands?: boolean;
  /** start() fails if the gateway is not ready by then. Default 60 s. */
  readyTimeoutMs?: number;
}

export interface Bot {
  readonly client: Client;
  /** The pictures of its answers; the digest's poster draws with the same renderer (one worker, one cache). */
  readonly pictures: Pictures;
  /** Logs in, waits for the gateway session, syncs the commands. Rejects on a bad token. */
  start(): Promise<void>;
  /** Closes the gateway connection and stops timers; safe to call twice. */
  stop(): Promise<void>;
  /** Result of the start-up command sync (undefined before start, when skipped or failed). */
  readonly lastSync: SyncResult | undefined;
}

const PRUNE_EVERY_MS = 5 * 60_000;

export function createBot(options: BotOptions): Bot {
  const { config, logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.discordApiBase },
    allowedMentions: { parse: [] },
  });
  // The bot's own renderer starts its worker now, so that the first picture does not wait for it.
  const ownPictures = options.pictures ? undefined : new PictureRenderer();
  ownPictures?.warm();
  const pictures = options.pictures ?? ownPictures!;
  const router = new InteractionRouter({
    commands: options.commands,
    makeContext: options.makeContext,
    stateStore: options.stateStore,
    logger,
    pagingTtlMs: options.pagingTtlMs ?? DEFAULT_PAGING_TTL_MS,
    pictures,
  });
  let lastSync: SyncResult | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  // A bad request must never take the process down: everything is logged instead.
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ detail: message }, 'discord client warning'));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, 'gateway connection error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway session resumed'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'Discord rate limit hit'),
  );
  listenInteractions(client, router, logger);

  const onUnhandledRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection');

  return {
    client,
    pictures,
    get lastSync() {
      return lastSync;
    },

    async start() {
      if (!config.discordToken) throw new Error('DISCORD_TOKEN manquant : impossible de se connecter à Discord.');
      process.on('unhandledRejection', onUnhandledRejection);
      const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<Client<true>>((resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new DiscordConnectionError(
                `Discord ne répond pas à ${config.discordApiBase} : aucune session ouverte en ${Math.round(readyTimeoutMs / 1000)} s ; vérifiez la connexion réseau, un pare-feu ou DISCORD_API_BASE.`,
                'timeout',
              ),
            ),
          readyTimeoutMs,
        );
        client.once(Events.ClientReady, resolve);
      });
      let readyClient: Client<true>;
      try {
        // Whichever fails first: login (bad token, no network) or the wait for the session.
        readyClient = await Promise.race([client.login(config.discordToken).then(() => ready), ready]);
      } catch (error) {
        // Nothing may keep the process alive, or reject later unobserved, after a failed start.
        ready.catch(() => undefined);
        await client.destroy().catch(() => undefined);
        throw describeConnectionError(error, config.discordApiBase);
      } finally {
        clearTimeout(timer);
      }
      lastSync = await onReady(readyClient, {
        logger,
        definitions: options.commands.map((c) => c.data),
        ...(config.discordClientId ? { applicationId: config.discordClientId } : {}),
        ...(config.discordGuildId ? { guildId: config.discordGuildId } : {}),
        sync: options.syncCommands ?? true,
      });
      pruneTimer = setInterval(() => {
        options.stateStore
          .prunePaging(new Date())
          .then((n) => n > 0 && logger.debug({ pruned: n }, 'expired paging states removed'))
          .catch((error: unknown) => logger.warn({ err: error }, 'paging prune failed'));
      }, PRUNE_EVERY_MS);
      pruneTimer.unref();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (pruneTimer) clearInterval(pruneTimer);
      router.dispose();
      await ownPictures?.close();
      await client.destroy();
      process.off('unhandledRejection', onUnhandledRejection);
      logger.info('disconnected from Discord');
    },
  };
}
