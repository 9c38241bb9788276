/**
 * The readable output of the CLI: the same slash-command handlers and console renderer as the
 * local console, every page of the answer one after the other.
 */
import type { CorpusEngine } from '../services/engine.js';
import { commandByName } from '../commands/index.js';
import type { CommandContext, CommandOptions } from '../commands/command.js';
import { renderConsole } from '../replies/console.js';
import { UserError } from './json.js';

/** CLI arguments → the slash command and its options. */
function toSlash(command: string, text: string, options: { topic?: string; limit?: string }): { name: string; values: CommandOptions['values'] } {
  switch (command) {
    case 'briefing':
      return { name: 'briefing', values: { sujet: options.topic, nombre: options.limit } };
    case 'actor':
      return { name: 'actor', values: { nom: text } };
    case 'search':
      return { name: 'search', values: { requete: text } };
    case 'article':
      return { name: 'article', values: { id: text } };
    case 'sources':
      return { name: 'sources', values: {} };
    default:
      throw new UserError(`Commande inconnue : « ${command} ». Commandes : briefing, actor, search, article, sources.`);
  }
}

export async function renderCliText(
  engine: CorpusEngine,
  command: string,
  args: string[],
  options: { topic?: string; limit?: string },
): Promise<string> {
  const { name, values } = toSlash(command, args.join(' ').trim(), options);
  const slash = commandByName(name)!;
  const context: CommandContext = { engine, invoker: { userId: 'cli', canManageGuild: true }, services: {} };
  const color = process.stdout.isTTY === true;
  const width = process.stdout.columns || 100;
  const first = await slash.execute(context, { values }, 0);
  if (first.tone === 'error') {
    const suggestions = first.suggestions?.map((s) => s.label) ?? [];
    const line = [first.title, first.intro].filter(Boolean).join(' — ');
    throw new UserError(`${line}${suggestions.length ? ` ${suggestions.join(', ')}` : ''}`, suggestions);
  }
  const pages = [renderConsole(first, { color, width })];
  const count = first.page?.count ?? 1;
  for (let page = 1; page < count; page++) {
    pages.push(renderConsole(await slash.execute(context, { values }, page), { color, width }));
  }
  return pages.join('\n\n');
}
