/**
 * The command-line interface: `npm run --silent cli -- <command> [args] [--json]`.
 * Commands: briefing [--topic X] [--limit N], actor <name>, search <query>, article <id>, sources.
 * Readable French text by default (the same command code and console renderer as the local
 * console); with --json exactly one JSON object on stdout. A user error exits 1 with one French
 * line on stderr (and `{error, suggestions}` on stdout with --json); never a stack trace.
 */
import { parseArgs } from 'node:util';
import { openCorpus } from './app.js';
import { ConfigError, loadConfigFromFile } from './config.js';
import { USAGE, UserError, runCliCommand } from './cli/json.js';
import { renderCliText } from './cli/text.js';
import { terminalSafe, terminalSafeJson } from './replies/terminal.js';
import { scrubSecrets } from './secrets.js';

async function main(argv: string[]): Promise<number> {
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
      },
    });
  } catch (error) {
    process.stderr.write(`Option invalide : ${(error as Error).message.split('\n')[0]}\n${USAGE}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  const json = values.json === true;
  let config;
  try {
    config = loadConfigFromFile();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${terminalSafe(error.message)}\n`);
    return 1;
  }
  const corpus = await openCorpus({
    corpusDir: config.corpusDir,
    databasePath: config.databasePath,
    onWarning: (message) => process.stderr.write(`Attention : ${terminalSafe(message)}\n`),
  });
  try {
    const options = { topic: values.topic, limit: values.limit };
    if (json) {
      const answer = await runCliCommand(corpus.engine, command, args, options);
      process.stdout.write(`${terminalSafeJson(answer)}\n`);
    } else {
      await renderCliText(corpus.engine, command, args, { ...options, page: values.page, all: values.all === true }, (chunk) =>
        process.stdout.write(chunk),
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (json) process.stdout.write(`${terminalSafeJson({ error: error.message, suggestions: error.suggestions })}\n`);
    process.stderr.write(`${terminalSafe(error.message)}\n`);
    return 1;
  } finally {
    await corpus.close();
  }
}

// `cli actor Russie --all | head`: a closed pipe ends the output quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Unexpected: one line, never a stack trace for the user.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Erreur : ${terminalSafe(scrubSecrets(message.split('\n')[0]!, [process.env.DISCORD_TOKEN]))}\n`);
    process.exitCode = 2;
  },
);
