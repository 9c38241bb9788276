/**
 * `npm start`. Reads and validates the configuration once, opens the corpus, then either logs in
 * to Discord (DISCORD_TOKEN set) or runs the local console on the corpus. A configuration or
 * corpus problem stops start-up with one French line, never a stack trace.
 */
import { openCorpus } from './app.js';
import { ConfigError, loadConfigFromFile, type Config } from './config.js';
import { createLogger } from './logger.js';
import { runConsole } from './console/index.js';
import { IndexError } from './services/index/database.js';
import { CorpusDirError } from './services/index/indexer.js';
import { databasePassword, openConfiguredStateStore, StoreError } from './services/store/index.js';
import { consolePoster, createDigestService } from './services/digest/index.js';
import { FeedService, feedSettings, startFeedRunner, type FeedRunner } from './services/feeds/index.js';
import { consoleAlertPoster, createFollowService } from './services/follows/index.js';
import { DiscordConnectionError } from './bot/connection-error.js';
import { scrubSecrets } from './secrets.js';
import { terminalSafe } from './replies/terminal.js';
import { PictureRenderer } from './replies/picture/renderer.js';

/** Errors that are the operator's to fix: shown as their one-line message. */
function isUserFacing(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof IndexError ||
    error instanceof CorpusDirError ||
    error instanceof StoreError ||
    error instanceof DiscordConnectionError
  );
}

async function runLocalConsole(config: Config): Promise<void> {
  const corpus = await openCorpus({
    corpusDir: config.corpusDir,
    databasePath: config.databasePath,
    watch: process.stdin.isTTY === true,
    // Answers at once; on a first start over a large folder, from what is indexed so far (said in each reply).
    background: true,
    onWarning: (message) => process.stderr.write(`Attention : ${terminalSafe(message)}\n`),
  });
  const store = await openConfiguredStateStore(config);
  // The console's "server" has a digest too: `/digest preview` shows it, `/digest set` records it.
  const digest = createDigestService({
    engine: corpus.engine,
    store,
    config,
    logger: createLogger('silent'),
    poster: consolePoster(process.stdout),
    cron: false,
  });
  // Sources are polled while an interactive console runs (its folder is watched); piped, the
  // console only manages them (`npm run feeds -- poll` polls).
  const logger = createLogger('silent');
  const runner: FeedRunner | undefined =
    process.stdin.isTTY === true
      ? startFeedRunner(feedSettings({ ...config.feeds, corpusDir: config.corpusDir, databasePath: config.databasePath }), store, logger, { inWorker: true })
      : undefined;
  const feeds = new FeedService(store, { allowPrivateNetwork: config.feeds.allowPrivateNetwork, ...(runner ? { runner } : {}) });
  for (const warning of await feeds.seed(config.feeds.seed)) process.stderr.write(`Attention : ${warning}\n`);
  const pictures = new PictureRenderer();
  // The console's server follows things too: while an interactive console runs, its alerts print here.
  const follows = createFollowService({
    engine: corpus.engine,
    store,
    logger,
    poster: consoleAlertPoster(process.stdout),
    pollMs: process.stdin.isTTY === true ? 5_000 : false,
  });
  if (process.stdin.isTTY === true) await follows.start();
  try {
    await runConsole({ engine: corpus.engine, input: process.stdin, output: process.stdout, services: { store, digest, feeds, follows }, pictures });
  } finally {
    await follows.stop();
    await pictures.close();
    await runner?.close();
    store.close();
    await corpus.close();
  }
}

async function main(): Promise<void> {
  const config = loadConfigFromFile();
  if (config.mode === 'console') {
    await runLocalConsole(config);
    return;
  }
  const logger = createLogger(config.logLevel, undefined, { secrets: [config.discordToken, databasePassword(config)] });
  const { isShardProcess, runShardingManager, shardPlacementFromEnv } = await import('./sharding/manager.js');
  if (config.shardCount !== undefined && !isShardProcess(process.env)) {
    // SHARD_COUNT: this process only runs the shard processes, each this same program.
    await runShardingManager(config, logger);
    return;
  }
  const { startDiscordBot } = await import('./start-bot.js');
  await startDiscordBot(config, logger, shardPlacementFromEnv(process.env));
}

main().catch((error: unknown) => {
  const message = isUserFacing(error)
    ? error.message
    : `Erreur inattendue au démarrage : ${error instanceof Error ? error.message : String(error)}`;
  // One line, and never a token, whichever variable or path carried it.
  process.stderr.write(`${terminalSafe(scrubSecrets(message.split('\n')[0]!, [process.env.DISCORD_TOKEN]))}\n`);
  process.exitCode = 1;
  // Whatever was started before the failure (a thread, a timer) must not keep a failed start running.
  setTimeout(() => process.exit(1), 3_000).unref();
});
