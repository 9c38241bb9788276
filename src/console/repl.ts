/**
 * The local console: a person types the same commands as in Discord and reads the answers as
 * terminal text. Works interactively (history, tab completion, French prompt) and with piped
 * input (`printf '/actor Russie\n' | …`), where it answers every line and returns at end of input.
 */
import { createInterface, type Completer, type CompleterResult } from 'node:readline';
import type { CommandContext, CommandOptions, Invoker, SlashCommand } from '../commands/command.js';
import { commands as registry } from '../commands/index.js';
import { renderConsole } from '../replies/console.js';
import { terminalSafe } from '../replies/terminal.js';
import { notice, type Reply } from '../replies/reply.js';
import type { CorpusEngine } from '../services/engine.js';
import { foldText } from '../services/text/normalize.js';
import type { Pictures } from '../replies/chart.js';
import { writePicture } from '../replies/picture/file.js';
import { BUILTINS, displayName, findCommand, namesOf, parseLine, valueOptions } from './parse.js';

export interface ConsoleOptions {
  engine: CorpusEngine;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The commands offered; default: the registry of `src/commands/index.ts`. */
  commands?: readonly SlashCommand[];
  /** Interactive terminal: prompt, line editing, history, completion. Default: `input.isTTY`. */
  isTTY?: boolean;
  /** ANSI styles. Default: on for a terminal unless `NO_COLOR` is set. */
  color?: boolean;
  /** Wrap width. Default: the output's columns, else 80. */
  width?: number;
  /** Extra services handed to handlers (store, digest…). */
  services?: Record<string, unknown>;
  /** Lines of history to keep for the arrow keys. Default 500. */
  historySize?: number;
  /** Draws replies' charts; each picture is written in `pictureDir` and its place printed. */
  pictures?: Pictures;
  /** Folder of the pictures. Default: `depeche-images` in the system's temporary folder. */
  pictureDir?: string;
}

/** The console user: a local person who owns the "server". */
export const CONSOLE_INVOKER: Invoker = { userId: 'console', guildId: 'console', channelId: 'console', canManageGuild: true, locale: 'fr' };

const PROMPT = 'dépêche › ';
const WELCOME =
  'Dépêche — console locale. Tapez /help pour l’aide, /suivant et /precedent pour tourner les pages, /quitter pour sortir.';

/** The last paged answer, to turn its pages. */
interface LastAnswer {
  command: SlashCommand;
  options: CommandOptions;
  index: number;
  count: number;
}

/** Tab completion: command names, then option names, then (asynchronously) option values. */
export function createCompleter(commands: readonly SlashCommand[], context: CommandContext): Completer {
  const commandWords = [
    ...new Set([
      ...commands.flatMap((c) => [c.data.name, displayName(c.data)]),
      BUILTINS.next[0]!,
      BUILTINS.previous[0]!,
      BUILTINS.quit[0]!,
    ]),
  ].map((w) => `/${w}`);

  return ((line: string, callback: (error: null | Error, result: CompleterResult) => void) => {
    const head = /^\/?(\S*)$/u.exec(line);
    if (head) {
      const partial = foldText(line.startsWith('/') ? line : `/${line}`);
      // A trailing space, so that what the user types next is an argument, not more of the name.
      const hits = commandWords.filter((w) => foldText(w).startsWith(partial)).map((w) => `${w} `);
      callback(null, [hits.length > 0 ? hits : commandWords, line]);
      return;
    }
    const match = /^\/?(\S+)\s+([\s\S]*)$/u.exec(line);
    const command = match ? findCommand(match[1] ?? '', commands) : undefined;
    if (!match || !command) {
      callback(null, [[], line]);
      return;
    }
    const declared = valueOptions(command.data.options);
    const args = match[2] ?? '';
    // Completing `nom:Ru` (the value of the last option typed, spaces included).
    const last = [...args.matchAll(/(^|\s)([-_\p{L}\p{N}]{1,32}):/gu)].at(-1);
    const lastOption = last ? declared.find((o) => namesOf(o).includes(foldText(last[2] ?? ''))) : undefined;
    if (last && lastOption && command.autocomplete) {
      const written = args.slice(last.index + (last[1] ?? '').length);
      const partial = written.slice(written.indexOf(':') + 1);
      command
        .autocomplete(context, lastOption.name, partial)
        .then((choices) => callback(null, [choices.map((c) => `${written.slice(0, written.indexOf(':') + 1)}${c.value}`), written]))
        .catch(() => callback(null, [[], written]));
      return;
    }
    // Completing an option name (`no` → `nom:`).
    const word = /(\S*)$/u.exec(args)?.[1] ?? '';
    const names = declared.map((o) => `${displayName(o)}:`);
    const hits = names.filter((n) => foldText(n).startsWith(foldText(word)));
    // `/actor Ru`: no option name fits, so complete the bare argument (the first required option).
    const bareTarget = declared.find((o) => 'required' in o && o.required);
    if (hits.length === 0 && !last && bareTarget && command.autocomplete && args.trim()) {
      command
        .autocomplete(context, bareTarget.name, args.trim())
        .then((choices) => callback(null, [choices.map((c) => c.value), args.trimStart()]))
        .catch(() => callback(null, [[], word]));
      return;
    }
    callback(null, [hits, word]);
  }) as Completer;
}

/**
 * Runs the console until `/quitter` or the end of input. Never throws for a user's mistake or a
 * failing handler: those are printed as French messages.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { engine, input, output } = options;
  const commands = options.commands ?? registry;
  const isTTY = options.isTTY ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const color = options.color ?? (isTTY && !process.env.NO_COLOR);
  const width = () => options.width ?? (output as { columns?: number }).columns ?? 80;
  const context: CommandContext = { engine, invoker: CONSOLE_INVOKER, services: options.services ?? {} };

  const rl = createInterface({
    input,
    output: isTTY ? output : undefined,
    terminal: isTTY,
    historySize: options.historySize ?? 500,
    prompt: PROMPT,
    ...(isTTY ? { completer: createCompleter(commands, context) } : {}),
  });
  // Messages may quote what was typed: shown inertly like any text.
  const print = (text: string) => output.write(`${terminalSafe(text)}\n`);
  // The renderer shows corpus text inertly itself and adds its own styles.
  const show = async (reply: Reply) => {
    const picturePath = reply.chart && options.pictures ? await writePicture(options.pictures, reply.chart, options.pictureDir) : undefined;
    output.write(`${renderConsole(reply, { color, width: width(), ...(picturePath ? { picturePath } : {}) })}\n\n`);
  };
  // Ctrl+C leaves cleanly instead of pausing the stream.
  rl.on('SIGINT', () => rl.close());

  let last: LastAnswer | undefined;
  const run = async (command: SlashCommand, commandOptions: CommandOptions, page: number) => {
    try {
      const reply = await command.execute(context, commandOptions, page);
      await show(reply);
      // The next pages are asked with what this answer pins (its corpus snapshot).
      const options = reply.pagingOptions ? { ...commandOptions, values: { ...commandOptions.values, ...reply.pagingOptions } } : commandOptions;
      last = reply.page && reply.page.count > 1 ? { command, options, ...reply.page } : undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await show(notice('error', `La commande /${command.data.name} a échoué`, `Désolé, une erreur interne est survenue (${reason}).`));
    }
  };

  if (isTTY) {
    print(WELCOME);
    rl.prompt();
  }
  for await (const line of rl) {
    const parsed = parseLine(line, commands);
    if (parsed.kind === 'builtin' && parsed.name === 'quit') break;
    switch (parsed.kind) {
      case 'empty':
        break;
      case 'error':
        print(`✖ ${parsed.message}\n`);
        break;
      case 'command':
        await run(parsed.command, parsed.options, 0);
        break;
      case 'builtin': {
        const step = parsed.name === 'next' ? 1 : -1;
        if (!last) print('✖ Rien à feuilleter : la dernière réponse tient sur une page.\n');
        else if (last.index + step < 0) print(`✖ Vous êtes déjà à la première page (1/${last.count}).\n`);
        else if (last.index + step >= last.count) print(`✖ Vous êtes déjà à la dernière page (${last.count}/${last.count}).\n`);
        else await run(last.command, last.options, last.index + step);
        break;
      }
    }
    if (isTTY) rl.prompt();
  }
  rl.close();
}
