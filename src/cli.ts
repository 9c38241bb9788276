/**
 * The command-line interface: `npm run --silent cli -- <command> [args] [--json]`.
 * Commands: briefing [--topic X] [--limit N], actor <name>, search <query>, article <id>, sources,
 * tendances [--periode 7j]; `--chart F` writes the answer's picture (actor, tendances) in F;
 * `--guild ID` answers as that Discord server sees the corpus (default: shared articles only).
 * Readable French text by default (the same command code and console renderer as the local
 * console); with --json exactly one JSON object on stdout. A user error exits 1 with one French
 * line on stderr (and `{error, suggestions}` on stdout with --json); never a stack trace.
 */
import { parseArgs } from 'node:util';
import { openCorpus } from './app.js';
import { ConfigError, loadConfigFromFile } from './config.js';
import { USAGE, UserError, runCliCommand } from './cli/json.js';
import { FOLLOW_USAGE, runFollowCli } from './cli/follows.js';
import { openConfiguredStateStore } from './services/store/index.js';
import { createFollowService } from './services/follows/index.js';
import { createLogger } from './logger.js';
import { renderCliText } from './cli/text.js';
import { terminalSafe, terminalSafeJson } from './replies/terminal.js';
import { scrubSecrets } from './secrets.js';
import { PictureRenderer } from './replies/picture/renderer.js';
import { scopedEngine } from './services/scoped-engine.js';
import { isEntryPoint, processIo, type ProgramIo } from './cli/io.js';

/** On a first start, how long a CLI call indexes before it answers from what is indexed so far. */
const FIRST_INDEX_WAIT_MS = 3000;

/** One CLI call; resolves with its exit code (2: unexpected error, said in one line). */
export async function main(argv: string[], io: ProgramIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    // Unexpected: one line, never a stack trace for the user.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`Erreur : ${terminalSafe(scrubSecrets(message.split('\n')[0]!, [io.env.DISCORD_TOKEN]))}\n`);
    return 2;
  }
}

async function run(argv: string[], io: ProgramIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        topic: { type: 'string' },
        limit: { type: 'string' },
        page: { type: 'string' },
        all: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        sync: { type: 'boolean', default: false },
        periode: { type: 'string' },
        chart: { type: 'string' },
        guild: { type: 'string' },
        channel: { type: 'string' },
        role: { type: 'string' },
        since: { type: 'string' },
      },
    });
  } catch (error) {
    io.stderr(`Option invalide : ${(error as Error).message.split('\n')[0]}\n${USAGE}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr)(`${USAGE}\n${FOLLOW_USAGE}\n`);
    return values.help ? 0 : 1;
  }
  const json = values.json === true;
  let config;
  try {
    config = loadConfigFromFile('.env', io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`${terminalSafe(error.message)}\n`);
    return 1;
  }
  // A call answers from the index as it is, trusting its last full check of the folder while
  // the folder's change time says nothing came or went (--sync checks every file and waits).
  // On a first start over a large folder it answers after a few seconds of indexing, saying so.
  const corpus = await openCorpus({
    corpusDir: config.corpusDir,
    databasePath: config.databasePath,
    background: true,
    quick: values.sync !== true,
    onWarning: (message) => io.stderr(`Attention : ${terminalSafe(message)}\n`),
  });
  const waited = await Promise.race([
    corpus.synced.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), values.sync ? 2 ** 31 - 1 : FIRST_INDEX_WAIT_MS).unref()),
  ]);
  if (!waited && !(await corpus.engine.indexProgress?.())) await corpus.synced;
  // Pictures are drawn only when one is asked for (a worker thread to start).
  const pictures = values.chart ? new PictureRenderer() : undefined;
  try {
    if (command === 'follow' || command === 'alerts') {
      // Follows live in the bot's state (DATABASE_PATH or DATABASE_URL), beside the index.
      const store = await openConfiguredStateStore(config);
      try {
        const service = createFollowService({ engine: corpus.engine, store, logger: createLogger('silent'), pollMs: false });
        const text = await runFollowCli(
          service,
          command,
          args,
          { json, guild: values.guild, channel: values.channel, role: values.role, since: values.since },
          { guildId: config.discordGuildId ?? 'console', channelId: config.digestChannelId ?? 'console' },
        );
        io.stdout(`${json ? terminalSafeJson(JSON.parse(text)) : terminalSafe(text)}\n`);
      } finally {
        await store.close();
      }
      return 0;
    }
    const options = { topic: values.topic, limit: values.limit, periode: values.periode, chart: values.chart, ...(pictures ? { pictures } : {}) };
    // The operator's view is the shared articles; `--guild ID` shows what that server sees.
    const engine = values.guild?.trim() ? scopedEngine(corpus.engine, { guildId: values.guild.trim() }) : corpus.engine;
    if (json) {
      const answer = await runCliCommand(engine, command, args, options);
      const progress = await corpus.engine.indexProgress?.();
      if (progress) answer.indexing = progress;
      io.stdout(`${terminalSafeJson(answer)}\n`);
    } else {
      await renderCliText(engine, command, args, { ...options, page: values.page, all: values.all === true }, (chunk) =>
        io.stdout(chunk),
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (json) io.stdout(`${terminalSafeJson({ error: error.message, suggestions: error.suggestions })}\n`);
    io.stderr(`${terminalSafe(error.message)}\n`);
    return 1;
  } finally {
    await pictures?.close();
    await corpus.close();
  }
}

// Run as a program (not imported by a test).
if (isEntryPoint(import.meta.url)) {
  // `cli actor Russie --all | head`: a closed pipe ends the output quietly, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
