/**
 * Discord mode of `npm start`: the composition root that wires the corpus engine, the state
 * store, the commands and the discord.js bot, and closes them all on SIGINT/SIGTERM.
 */
import { scopedEngine } from './services/scoped-engine.js';
import type { Logger } from 'pino';
import { openCorpus, type CorpusSettings } from './app.js';
import type { SyncReport } from './services/index/indexer.js';
import type { Config } from './config.js';
import { commands } from './commands/index.js';
import type { CommandContext, Invoker } from './commands/command.js';
import { createBot } from './bot/index.js';
import { openConfiguredStateStore } from './services/store/index.js';
import { shardLabel, SINGLE_SHARD, type ShardPlacement } from './sharding/shards.js';
import { createDigestService } from './services/digest/index.js';
import { discordPoster } from './bot/digest-poster.js';
import { discordChannelAccess, discordRoleName } from './bot/channel-access.js';
import { discordAlertPoster } from './bot/alert-poster.js';
import { createFollowService } from './services/follows/index.js';
import { FeedService, feedSettings, pollerLease, startElectedFeedRunner } from './services/feeds/index.js';
import type { IndexRole } from './services/index/shared-engine.js';

/** A log line every few seconds while a large corpus is indexed (a first start can take minutes). */
function indexingProgress(logger: Logger): (done: number, total: number) => void {
  let last = performance.now();
  return (done, total) => {
    if (done < total && performance.now() - last < 5_000) return;
    last = performance.now();
    logger.info({ event: 'corpus.indexing', done, total }, 'indexing the corpus');
  };
}

/**
 * How Discord mode opens the corpus (also used by the end-to-end tests): in a supervised worker
 * thread, answering at once from the index on disk, watching the folder, every event logged.
 */
export function discordCorpusSettings(config: Pick<Config, 'corpusDir' | 'databasePath'>, logger: Logger): CorpusSettings {
  return {
    corpusDir: config.corpusDir,
    databasePath: config.databasePath,
    watch: true,
    inWorker: true,
    background: true,
    shared: true,
    onWarning: (message) => logger.warn({ event: 'corpus.skipped' }, message),
    onProgress: indexingProgress(logger),
    onSync: (report) => logger.info({ event: 'corpus.synced', ...report, skipped: report.skipped.length }, 'corpus re-indexed'),
    onRestart: (message) => logger.error({ event: 'corpus.worker_died' }, message),
  };
}

/** How often each shard process logs its health line. */
const HEALTH_EVERY_MS = 60_000;

export async function startDiscordBot(config: Config, rootLogger: Logger, shards: ShardPlacement = SINGLE_SHARD): Promise<void> {
  // Under sharding every line names the shard(s) of this process.
  const logger = shards.count > 1 ? rootLogger.child({ shard: shardLabel(shards) }) : rootLogger;
  // Processes of one host on the same corpus share its index: one elected writer, the others read.
  let indexRole = 'writer' as IndexRole;
  const corpus = await openCorpus({
    ...discordCorpusSettings(config, logger),
    onRole: (role, message) => {
      const takeover = role === 'writer' && indexRole === 'reader';
      indexRole = role;
      (takeover ? logger.warn.bind(logger) : logger.info.bind(logger))({ event: 'corpus.role', role, takeover, pid: process.pid }, message);
    },
  });
  const logReady = (report: SyncReport) =>
    logger.info(
      { event: 'corpus.ready', added: report.added, updated: report.updated, unchanged: report.unchanged, removed: report.removed, ms: Math.round(report.ms) },
      'corpus in step with its folder',
    );
  if (corpus.report) logReady(corpus.report);
  else if (indexRole === 'reader') corpus.synced.then(logReady, () => undefined);
  else {
    logger.info({ event: 'corpus.serving' }, 'answering from the index on disk while the corpus folder is checked');
    corpus.synced.then(logReady, (error: unknown) => logger.error({ event: 'corpus.sync_failed', err: error }, 'corpus sync failed'));
  }
  let store: Awaited<ReturnType<typeof openConfiguredStateStore>>;
  try {
    store = await openConfiguredStateStore(config, {
      onPoolError: (error) => logger.warn({ event: 'store.connection_lost', err: error }, 'a PostgreSQL connection broke; the pool opens another'),
    });
  } catch (error) {
    // The corpus thread and its watcher would keep the process alive: the bot cannot run without its state.
    await corpus.close().catch(() => undefined);
    throw error;
  }
  // Live news: polled in a worker thread; new articles land in the corpus folder, which the
  // index's watcher picks up like any file. One process of the deployment polls (elected).
  const feedRunner = startElectedFeedRunner(feedSettings({ ...config.feeds, corpusDir: config.corpusDir, databasePath: config.databasePath }), store, logger, {
    inWorker: true,
    acquire: pollerLease(config),
  });
  const feeds = new FeedService(store, { allowPrivateNetwork: config.feeds.allowPrivateNetwork, runner: feedRunner });
  for (const warning of await feeds.seed(config.feeds.seed)) logger.warn({ event: 'feeds.seed_refused' }, warning);
  const services: CommandContext['services'] = { store, feeds };
  const bot = createBot({
    config,
    logger,
    commands,
    stateStore: store,
    // Each interaction sees the shared articles and its own server's (none in a private message).
    makeContext: (invoker: Invoker): CommandContext => ({ engine: scopedEngine(corpus.engine, { guildId: invoker.guildId }), invoker, services }),
  });

  const digest = createDigestService({
    engine: corpus.engine,
    store,
    config,
    logger,
    poster: discordPoster(bot.client.rest, { botUserId: config.discordClientId, pictures: bot.pictures }),
    channelAccess: discordChannelAccess(bot.client),
    shards,
  });
  services.digest = digest;
  // Follows: this process alerts for the guilds of its shards (claims keep it once if two overlap).
  const follows = createFollowService({
    engine: corpus.engine,
    store,
    logger,
    poster: discordAlertPoster(bot.client.rest, { botUserId: config.discordClientId }),
    channelAccess: discordChannelAccess(bot.client),
    roleName: discordRoleName(bot.client),
    shards,
  });
  services.follows = follows;

  let healthTimer: NodeJS.Timeout | undefined;
  const health = () =>
    logger.info(
      {
        event: 'shard.health',
        shard: shardLabel(shards),
        gateway: bot.client.ws.status === 0 ? 'ready' : `status ${bot.client.ws.status}`,
        pingMs: bot.client.ws.ping,
        guilds: bot.client.guilds.cache.size,
        uptimeS: Math.round(process.uptime()),
        rssMb: Math.round(process.memoryUsage().rss / 1_048_576),
        pid: process.pid,
      },
      'shard health',
    );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    try {
      if (healthTimer) clearInterval(healthTimer);
      await digest.stop();
      await follows.stop();
      await feedRunner.close();
      await bot.stop();
    } finally {
      store.close();
      await corpus.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error({ event: 'unhandledRejection', err: reason }, 'unhandled rejection'));

  try {
    await bot.start();
    health();
    healthTimer = setInterval(health, HEALTH_EVERY_MS);
    healthTimer.unref();
    // Catch-up of a slot missed earlier today, then a check every minute.
    await digest.start();
    await follows.start();
  } catch (error) {
    await digest.stop();
    await follows.stop();
    await feedRunner.close();
    await bot.stop();
    store.close();
    await corpus.close();
    throw error;
  }
}
