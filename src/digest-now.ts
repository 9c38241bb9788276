/**
 * `npm run digest -- --now [--guild <id>] [--channel <id>]`: one digest, on demand.
 * - Without DISCORD_TOKEN (console mode): printed on stdout, recorded for the pseudo-channel
 *   `console`, so the next run says what is new since this one.
 * - With a token: posted in the guild's digest channel (its /digest settings, or DIGEST_CHANNEL_ID
 *   for DISCORD_GUILD_ID; `--channel` overrides), as the digest of the current minute: claimed in
 *   the store like a scheduled slot, so it is posted once and counts as that day's digest.
 * Errors are one French line on stderr; the exit code is 1 when nothing was delivered.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REST } from 'discord.js';
import { openCorpus } from './app.js';
import { ConfigError, loadConfigFromFile, type Config } from './config.js';
import { createLogger } from './logger.js';
import { terminalSafe } from './replies/terminal.js';
import { IndexError } from './services/index/database.js';
import { CorpusDirError } from './services/index/indexer.js';
import { databasePassword, openConfiguredStateStore, StoreError } from './services/store/index.js';
import { consolePoster } from './services/digest/poster.js';
import { discordPoster } from './bot/digest-poster.js';
import { createDigestService, type DigestTarget } from './services/digest/service.js';
import { indexBuildingLine } from './replies/digest.js';
import { PictureRenderer } from './replies/picture/renderer.js';

/** Bad command-line arguments; the message is the French usage line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface DigestNowArgs {
  now: boolean;
  guildId?: string;
  channelId?: string;
}

/** Reads `--now`, `--guild <id>` (or `--guild=<id>`), `--channel <id>`. Throws on anything else. */
export function parseDigestArgs(argv: readonly string[]): DigestNowArgs {
  const args: DigestNowArgs = { now: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v || !/^\d{17,20}$/.test(v)) throw new UsageError(`${flag} attend un identifiant Discord (17 à 20 chiffres).`);
      return v;
    };
    if (flag === '--now') args.now = true;
    else if (flag === '--guild') args.guildId = value();
    else if (flag === '--channel') args.channelId = value();
    else throw new UsageError(`Argument inconnu « ${argv[i]} ». Usage : npm run digest -- --now [--guild <id>] [--channel <id>]`);
  }
  return args;
}

async function run(argv: readonly string[]): Promise<number> {
  const args = parseDigestArgs(argv);
  if (!args.now) {
    process.stderr.write('Usage : npm run digest -- --now [--guild <id>] [--channel <id>] (publie ou affiche un digest maintenant).\n');
    return 1;
  }
  const config: Config = loadConfigFromFile();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, undefined, { secrets: [config.discordToken, databasePassword(config)] });
  const corpus = await openCorpus({
    corpusDir: config.corpusDir,
    databasePath: config.databasePath,
    onWarning: (message) => process.stderr.write(`Attention : ${terminalSafe(message)}\n`),
  });
  const store = await openConfiguredStateStore(config);
  // Its worker starts only if the digest has a chart (the trends section).
  const pictures = new PictureRenderer();
  try {
    const poster = config.discordToken
      ? discordPoster(new REST({ api: config.discordApiBase }).setToken(config.discordToken), {
          ...(config.discordClientId ? { botUserId: config.discordClientId } : {}),
          pictures,
        })
      : consolePoster(process.stdout, { color: process.stdout.isTTY === true, width: process.stdout.columns || 80, pictures });
    const service = createDigestService({ engine: corpus.engine, store, poster, config, logger, cron: false, retries: 1, backoffMs: [1_000] });

    let target: DigestTarget | undefined;
    if (config.mode === 'console') {
      target = {
        guildId: args.guildId ?? config.discordGuildId ?? 'console',
        channelId: 'console',
        time: service.defaultTime,
        timezone: config.digestTimezone,
        topics: [],
        enabled: true,
        source: 'config',
      };
      const stored = await service.target(target.guildId);
      if (stored) target = { ...target, topics: stored.topics, timezone: stored.timezone, trends: stored.trends ?? false };
    } else {
      const guildId = args.guildId ?? config.discordGuildId;
      if (!guildId) {
        process.stderr.write('Quel serveur ? Passez --guild <id> ou renseignez DISCORD_GUILD_ID.\n');
        return 1;
      }
      const found = await service.target(guildId);
      const channelId = args.channelId ?? found?.channelId;
      if (!channelId) {
        process.stderr.write(`Aucun salon de digest pour le serveur ${guildId} : passez --channel <id>, DIGEST_CHANNEL_ID, ou /digest set.\n`);
        return 1;
      }
      target = {
        ...(found ?? { guildId, time: service.defaultTime, timezone: config.digestTimezone, topics: [], enabled: true, source: 'config' as const }),
        channelId,
      };
    }

    const report = await service.postNow(target);
    switch (report.outcome) {
      case 'posted':
      case 'recovered':
        if (config.mode === 'discord') process.stderr.write(`Digest publié dans le salon ${target.channelId} (message ${report.messageIds?.[0]}).\n`);
        return 0;
      case 'already-posted':
        process.stderr.write('Un digest vient déjà d’être publié pour cette minute ; rien de plus.\n');
        return 0;
      case 'in-progress':
        process.stderr.write('Un autre processus publie ce digest en ce moment.\n');
        return 0;
      case 'index-building':
        process.stderr.write(`Digest non publié. ${indexBuildingLine(report.indexProgress ?? { percent: 0, articles: 0 })}\n`);
        return 1;
      default:
        process.stderr.write(`Digest non publié : ${terminalSafe(report.error ?? report.outcome)}\n`);
        return 1;
    }
  } finally {
    await pictures.close();
    await store.close();
    await corpus.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known = error instanceof UsageError || error instanceof ConfigError || error instanceof IndexError || error instanceof CorpusDirError || error instanceof StoreError;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(terminalSafe(known ? `${message}\n` : `Erreur inattendue : ${message}\n`));
      process.exitCode = 1;
    },
  );
}

export { run as runDigestNow };
