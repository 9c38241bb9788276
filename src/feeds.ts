/**
 * `npm run feeds -- add URL | remove URL | list [--json] | poll [--force]`: the sources of live
 * news from a terminal or a script (a stable interface). `poll` polls the due sources now (all of
 * them with `--force`, except those waiting out a failure or a Retry-After), with one progress
 * line per source, and writes the new articles into CORPUS_DIR — a running bot's watcher indexes
 * them.
 * Exit codes: 0 done; 1 a user mistake (bad URL, unknown command); 2 configuration or state error.
 */
import { loadConfigFromFile, ConfigError } from './config.js';
import { createLogger } from './logger.js';
import { describeSource } from './commands/flux.js';
import { createPoller, FeedService, FeedUrlError, feedSettings, shortUrl, type PollProgress } from './services/feeds/index.js';
import { openConfiguredStateStore, StoreError } from './services/store/index.js';
import { terminalSafe, terminalSafeJson } from './replies/terminal.js';
import { isEntryPoint, processIo, type ProgramIo } from './cli/io.js';

const USAGE = `Usage : npm run feeds -- <commande>
  add URL          suivre un flux (RSS, Atom, RDF, JSON Feed) ou une page d'article, commun à tous les serveurs
  remove URL [--guild=ID]
                   ne plus suivre une source commune (ou celle du serveur ID) ; ses articles restent dans le corpus
  list [--json] [--all | --guild=ID]
                   les sources communes et leur état (--all : aussi celles des serveurs ; --guild : celles du serveur ID)
  poll [--force]   lire maintenant les sources dues (--force : toutes, sauf celles en attente après un échec)`;

const OUTCOME: Record<string, string> = {
  new: 'nouveaux articles',
  unchanged: 'rien de neuf',
  'not-modified': 'inchangé (304)',
  failed: 'échec',
  disabled: 'échec, source désactivée',
};

function progressLine({ done, total, report }: PollProgress): string {
  const width = String(total).length;
  const head = `[${String(done).padStart(width)}/${total}] ${shortUrl(report.url, 80)} — `;
  if (report.error) return `${head}${OUTCOME[report.outcome]} : ${report.error}`;
  const parts = [report.added > 0 ? `${report.added} ${report.added > 1 ? 'nouveaux articles' : 'nouvel article'}` : OUTCOME[report.outcome]!];
  if (report.known > 0 && report.outcome !== 'not-modified') parts.push(`${report.known} déjà connus`);
  if (report.deferred > 0) parts.push(`${report.deferred} reportés`);
  if (report.skipped > 0) parts.push(`${report.skipped} sans texte`);
  if (report.held > 0) parts.push(`${report.held > 1 ? `${report.held} pages mises de côté` : '1 page mise de côté'}, résumé gardé${report.heldReason ? ` (la dernière : ${report.heldReason.replace(/^page .* mise de côté : /, '')})` : ''}`);
  return head + parts.join(', ');
}

/** A reader that stopped reading (`| head -1`): the rest of the output is dropped, the work goes on to its end. */
let stdoutClosed = false;

/** One `feeds` call; resolves with its exit code (1: a user mistake, 2: configuration, state or unexpected). */
export async function main(argv: string[], io: ProgramIo = processIo(() => stdoutClosed)): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof FeedUrlError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError || error instanceof StoreError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    io.stderr(`Erreur inattendue : ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
    return 2;
  }
}

async function run(argv: string[], io: ProgramIo): Promise<number> {
  const out = io.stdout;
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const args = rest.filter((a) => !a.startsWith('--'));
  // The operator's view: the shared sources; `--guild=ID` one server's, `list --all` every one's.
  const guildId = rest.find((a) => a.startsWith('--guild='))?.slice('--guild='.length) || undefined;
  if (!command || command === 'help' || command === '--help') {
    out(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  const config = loadConfigFromFile('.env', io.env);
  // The state the bot uses: PostgreSQL when DATABASE_URL is set, else the SQLite file.
  const store = await openConfiguredStateStore(config);
  const feeds = new FeedService(store, { allowPrivateNetwork: config.feeds.allowPrivateNetwork });
  try {
    for (const warning of await feeds.seed(config.feeds.seed)) io.stderr(`Attention : ${terminalSafe(warning)}\n`);
    switch (command) {
      case 'add': {
        if (!args[0]) throw new FeedUrlError('Indiquez l’adresse : npm run feeds -- add https://www.exemple.fr/rss.xml');
        const { source, created } = await feeds.add(args[0], 'cli');
        out(created ? `Source ajoutée : ${source.url}\nElle sera lue au prochain passage (ou maintenant : npm run feeds -- poll).\n` : `Déjà suivie : ${source.url}\n`);
        return 0;
      }
      case 'remove': {
        if (!args[0]) throw new FeedUrlError('Indiquez l’adresse : npm run feeds -- remove https://www.exemple.fr/rss.xml');
        if (await feeds.remove(args[0], guildId)) {
          out(`Source retirée : ${args[0]} (ses articles restent dans le corpus).\n`);
          return 0;
        }
        io.stderr(`Source inconnue : ${args[0]} (voir : npm run feeds -- list).\n`);
        return 1;
      }
      case 'list': {
        const sources = guildId !== undefined ? (await feeds.list(guildId)).filter((s) => s.guildId === guildId) : await feeds.list(undefined, { all: flags.has('--all') });
        if (flags.has('--json')) {
          out(`${terminalSafeJson({ sources }, 2)}\n`);
          return 0;
        }
        if (sources.length === 0) out('Aucune source suivie. Ajoutez-en une : npm run feeds -- add URL\n');
        for (const source of sources) {
          // Titles and errors come from the web: shown inertly on a terminal.
          out(terminalSafe(`${source.url}${source.guildId !== undefined ? ` (serveur ${source.guildId})` : ''}\n  ${source.title ?? '(titre inconnu)'}\n${describeSource(source).map((l) => `  ${l}`).join('\n')}\n\n`));
        }
        return 0;
      }
      case 'poll': {
        const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
        const { poller, fetcher } = createPoller(
          feedSettings({ ...config.feeds, corpusDir: config.corpusDir, databasePath: config.databasePath }),
          store,
          logger,
        );
        try {
          const report = await poller.poll({ force: flags.has('--force'), onProgress: (p) => out(`${terminalSafe(progressLine(p))}\n`) });
          const failed = report.sources.filter((s) => s.error).length;
          out(
            report.sources.length === 0
              ? 'Aucune source à lire maintenant (voir : npm run feeds -- list).\n'
              : `${report.sources.length} source(s) lue(s) en ${(report.ms / 1000).toFixed(1).replace('.', ',')} s : ${report.added} article(s) ajouté(s) à ${config.corpusDir}${failed > 0 ? `, ${failed} en échec` : ''}.\n`,
          );
        } finally {
          await fetcher.close();
          await poller.close();
        }
        return 0;
      }
      default:
        io.stderr(`Commande inconnue : « ${command} ».\n${USAGE}\n`);
        return 1;
    }
  } finally {
    await store.close();
  }
}

// Run as a program (not imported by a test).
if (isEntryPoint(import.meta.url)) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
