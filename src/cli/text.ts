/**
 * The readable output of the CLI: the same slash-command handlers and console renderer as the
 * local console. A long answer prints its first page (or `--page N`) and says how to get more;
 * `--all` prints every page, each written as soon as it is ready, so that output starts at once
 * however large the corpus. `--limit N` prints the first N entries, as `--json` gives N.
 */
import type { CorpusEngine } from '../services/engine.js';
import { commandByName } from '../commands/index.js';
import type { CommandContext, CommandOptions } from '../commands/command.js';
import { renderConsole } from '../replies/console.js';
import type { Reply } from '../replies/reply.js';
import { limitOption, pictureFile, positiveInteger, UserError } from './json.js';
import type { Pictures } from '../replies/chart.js';

/** Options of the readable output, as typed on the command line. */
export interface CliTextOptions {
  topic?: string;
  /** `--limit N`: the first N entries (briefing: N sentences). */
  limit?: string;
  /** `--page N`: that page (1-based) instead of the first. */
  page?: string;
  /** `--all`: every page. */
  all?: boolean;
  /** `tendances --periode 7j`, `actor X --periode 90j`. */
  periode?: string;
  /** `--chart F`: the answer's picture is written in F. */
  chart?: string;
  /** Draws the picture for `--chart`. */
  pictures?: Pictures;
}

/** CLI arguments → the slash command and its options. */
function toSlash(command: string, text: string, options: CliTextOptions, limit: number | undefined): { name: string; values: CommandOptions['values'] } {
  switch (command) {
    case 'briefing':
      return { name: 'briefing', values: { sujet: options.topic, nombre: limit } };
    case 'actor':
      return { name: 'actor', values: { nom: text, periode: options.periode } };
    case 'search':
      return { name: 'search', values: { requete: text } };
    case 'article':
      return { name: 'article', values: { id: text } };
    case 'sources':
      return { name: 'sources', values: {} };
    case 'tendances':
      return { name: 'tendances', values: { periode: options.periode } };
    default:
      throw new UserError(`Commande inconnue : « ${command} ». Commandes : briefing, actor, search, article, sources, tendances.`);
  }
}

/** How the CLI turns pages: said under a page that is not the last one printed. */
function cliPageHint(index: number, count: number): string {
  const moves = [index + 1 < count ? `la suite : --page ${index + 2}` : '', index > 0 ? `avant : --page ${index}` : ''].filter(Boolean);
  return [...moves, 'tout : --all'].join(' ; ');
}

/**
 * Runs one command and writes its readable answer through `write`, one chunk per page. Throws a
 * {@link UserError} for a user's mistake (unknown actor, bad option).
 */
export async function renderCliText(
  engine: CorpusEngine,
  command: string,
  args: string[],
  options: CliTextOptions,
  write: (chunk: string) => void,
): Promise<void> {
  const limit = limitOption(command, options.limit);
  const firstPage = (positiveInteger(options.page, 'page') ?? 1) - 1;
  const { name, values: asked } = toSlash(command, args.join(' ').trim(), options, limit);
  let values = asked;
  const slash = commandByName(name)!;
  const context: CommandContext = { engine, invoker: { userId: 'cli', canManageGuild: true }, services: {} };
  const color = process.stdout.isTTY === true;
  const width = process.stdout.columns || 100;

  const first = await slash.execute(context, { values }, firstPage);
  // With --all or --limit, later pages read the corpus as the first did (it may grow meanwhile).
  values = { ...values, ...first.pagingOptions };
  if (first.tone === 'error') {
    const suggestions = first.suggestions?.map((s) => s.label) ?? [];
    const line = [first.title, first.intro].filter(Boolean).join(' — ');
    throw new UserError(`${line}${suggestions.length ? ` ${suggestions.join(', ')}` : ''}`, suggestions);
  }
  const count = first.page?.count ?? 1;
  if (firstPage >= count) {
    throw new UserError(`--page ${firstPage + 1} : cette réponse n'a que ${count} page${count > 1 ? 's' : ''}.`);
  }
  // The briefing's --limit is its sentence count; elsewhere, the number of entries printed.
  const entryLimit = name === 'briefing' ? undefined : limit;
  let left = entryLimit ?? Number.POSITIVE_INFINITY;
  // Say how to turn pages only when one page was asked for and others exist.
  const hint = !options.all && entryLimit === undefined;
  const picturePath = options.chart && first.chart ? await pictureFile(first.chart, options) : undefined;

  let reply = first;
  for (let index = firstPage; ; index++) {
    const items = reply.items.slice(0, Math.min(reply.items.length, left));
    left -= items.length;
    const { page, ...rest } = reply;
    const shown: Reply = { ...rest, items, ...(hint && page ? { page } : {}) };
    const rendered = renderConsole(index > firstPage ? { ...shown, chart: undefined } : shown, {
      color,
      width,
      pageHint: cliPageHint,
      ...(picturePath ? { picturePath } : {}),
    });
    write(`${index > firstPage ? '\n' : ''}${rendered}\n`);
    const continues = index + 1 < count && (options.all === true || (entryLimit !== undefined && left > 0));
    if (!continues) break;
    reply = await slash.execute(context, { values }, index + 1);
  }
  // Asked for a picture the answer does not have: said after the answer, which still stands.
  if (options.chart && !first.chart) await pictureFile(undefined, options);
}
