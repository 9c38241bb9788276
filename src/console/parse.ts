/**
 * Parsing what a person types in the console into a command and its options, the way Discord would
 * have filled them: `/actor Russie`, `/actor nom:Vladimir Poutine`, `/briefing sujet:Chine nombre:5`.
 *
 * - Command and option names are matched on their API name or any localization, accents and case
 *   ignored (`/acteur`, `/recherche requête:…`, `/search requete:…` all work).
 * - A value runs up to the next `name:` of a known option, so it may contain spaces and colons.
 * - Text before the first `name:` is the bare argument: it goes to the first required option, or
 *   else the first string option.
 * - Values are checked as Discord would (required, integer bounds, lengths) with French messages.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import type { CommandOptions, SlashCommand } from '../commands/command.js';
import { foldText } from '../services/text/normalize.js';

/** Console-only commands: paging the last answer and leaving. */
export type BuiltinName = 'next' | 'previous' | 'quit';

export type ParsedLine =
  | { kind: 'empty' }
  | { kind: 'builtin'; name: BuiltinName }
  | { kind: 'command'; command: SlashCommand; options: CommandOptions }
  | { kind: 'error'; message: string };

/** Accepted spellings of the built-in commands (folded). */
export const BUILTINS: Record<BuiltinName, string[]> = {
  next: ['suivant', 'suivante', 'next'],
  previous: ['precedent', 'precedente', 'previous', 'prev'],
  quit: ['quitter', 'quit', 'exit', 'sortir'],
};

interface Named {
  name: string;
  name_localizations?: Partial<Record<string, string | null>> | null;
}

/** Every name a command or an option answers to, folded. */
export function namesOf(item: Named): string[] {
  const names = [item.name, ...Object.values(item.name_localizations ?? {})].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  return [...new Set(names.map(foldText))];
}

/** The French name shown in messages (`requête`), falling back to the API name. */
export function displayName(item: Named): string {
  return item.name_localizations?.fr ?? item.name;
}

/** The command typed as `name` (API or localized), if any. */
export function findCommand(name: string, commands: readonly SlashCommand[]): SlashCommand | undefined {
  const folded = foldText(name);
  return commands.find((c) => namesOf(c.data).includes(folded));
}

function findBuiltin(name: string): BuiltinName | undefined {
  const folded = foldText(name);
  return (Object.keys(BUILTINS) as BuiltinName[]).find((b) => BUILTINS[b].includes(folded));
}

function isSubcommand(option: APIApplicationCommandOption): boolean {
  return (
    option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}

/** The value-taking options of a command, or of one of its subcommands. */
export function valueOptions(options: readonly APIApplicationCommandOption[] | undefined): APIApplicationCommandOption[] {
  return (options ?? []).filter((o) => !isSubcommand(o));
}

/** `requête:…` usage text for an error message. */
function usage(command: SlashCommand, options: APIApplicationCommandOption[], subcommand?: string): string {
  const parts = options.map((o) => {
    const text = `${displayName(o)}:…`;
    return 'required' in o && o.required ? text : `[${text}]`;
  });
  return ['/' + command.data.name, ...(subcommand ? [subcommand] : []), ...parts].join(' ');
}

// `name:` at the start of the arguments or after a space; the name is what Discord allows.
const MARKER = /(^|\s)([-_\p{L}\p{N}]{1,32}):/gu;

/** Converts a raw value to what Discord would send for that option type, or explains why it can't. */
function convert(option: APIApplicationCommandOption, raw: string): { value: string | number | boolean } | { error: string } {
  const name = displayName(option);
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const integer = option.type === ApplicationCommandOptionType.Integer;
      const valid = integer ? /^[-+]?\d+$/.test(raw) : /^[-+]?\d+([.,]\d+)?$/.test(raw);
      const value = Number(raw.replace(',', '.'));
      const min = 'min_value' in option ? option.min_value : undefined;
      const max = 'max_value' in option ? option.max_value : undefined;
      const bounds =
        min !== undefined && max !== undefined
          ? ` entre ${min} et ${max}`
          : min !== undefined
            ? ` d’au moins ${min}`
            : max !== undefined
              ? ` d’au plus ${max}`
              : '';
      const what = integer ? 'un nombre entier' : 'un nombre';
      if (!valid || !Number.isFinite(value)) return { error: `L’option ${name} attend ${what}${bounds}, pas « ${raw} ».` };
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return { error: `L’option ${name} attend ${what}${bounds} (vous avez donné ${raw}).` };
      }
      return { value };
    }
    case ApplicationCommandOptionType.Boolean: {
      const folded = foldText(raw);
      if (['oui', 'vrai', 'true', 'yes', '1', 'on'].includes(folded)) return { value: true };
      if (['non', 'faux', 'false', 'no', '0', 'off'].includes(folded)) return { value: false };
      return { error: `L’option ${name} attend oui ou non, pas « ${raw} ».` };
    }
    case ApplicationCommandOptionType.String: {
      const max = option.max_length;
      if (max !== undefined && Array.from(raw).length > max) {
        return { error: `L’option ${name} est trop longue (${max} caractères au plus).` };
      }
      const min = option.min_length;
      if (min !== undefined && Array.from(raw).length < min) {
        return { error: `L’option ${name} est trop courte (${min} caractères au moins).` };
      }
      if (option.choices && option.choices.length > 0) {
        const choice = option.choices.find((c) => foldText(c.name) === foldText(raw) || foldText(String(c.value)) === foldText(raw));
        if (!choice) return { error: `L’option ${name} accepte : ${option.choices.map((c) => c.name).join(', ')}.` };
        return { value: choice.value };
      }
      return { value: raw };
    }
    default:
      // Channels, roles, users: the console has no Discord objects; pass the text along (an id).
      return { value: raw };
  }
}

/** Parses the arguments of a command (everything after its name) against its options. */
export function parseArguments(
  command: SlashCommand,
  text: string,
): { options: CommandOptions } | { error: string } {
  let rest = text.trim();
  let subcommand: string | undefined;
  let declared = valueOptions(command.data.options);
  const subcommands = (command.data.options ?? []).filter(isSubcommand);
  if (subcommands.length > 0) {
    const [word = '', ...others] = rest.split(/\s+/u);
    const sub = subcommands.find((s) => namesOf(s).includes(foldText(word)));
    const list = subcommands.map((s) => displayName(s)).join(', ');
    if (!sub) {
      return {
        error: word
          ? `/${command.data.name} n’a pas de sous-commande « ${word} ». Choisissez parmi : ${list}.`
          : `/${command.data.name} attend une sous-commande : ${list}.`,
      };
    }
    subcommand = sub.name;
    declared = 'options' in sub && sub.options ? valueOptions(sub.options as APIApplicationCommandOption[]) : [];
    rest = others.join(' ');
  }

  // Locate the `name:` markers of known options; an unknown `mot:valeur` is an error, not text.
  const markers: Array<{ option: APIApplicationCommandOption; at: number; valueStart: number }> = [];
  for (const match of rest.matchAll(MARKER)) {
    const at = match.index + (match[1] ?? '').length;
    const name = match[2] ?? '';
    const valueStart = match.index + match[0].length;
    const option = declared.find((o) => namesOf(o).includes(foldText(name)));
    if (option) markers.push({ option, at, valueStart });
    else if (/^\p{Ll}[-_\p{Ll}\p{N}]*$/u.test(name) && /\S/u.test(rest[valueStart] ?? '') && !rest.startsWith('//', valueStart)) {
      const known = declared.map((o) => displayName(o)).join(', ');
      return {
        error: known
          ? `/${command.data.name} n’a pas d’option « ${name} ». Options possibles : ${known}.`
          : `/${command.data.name} ne prend pas d’option.`,
      };
    }
  }

  const raw = new Map<APIApplicationCommandOption, string>();
  markers.forEach((marker, i) => {
    const end = markers[i + 1]?.at ?? rest.length;
    if (raw.has(marker.option)) return;
    raw.set(marker.option, rest.slice(marker.valueStart, end).trim());
  });
  const duplicate = markers.find((m, i) => markers.findIndex((n) => n.option === m.option) !== i);
  if (duplicate) return { error: `L’option ${displayName(duplicate.option)} est donnée deux fois.` };

  const bare = rest.slice(0, markers[0]?.at ?? rest.length).trim();
  if (bare) {
    const target =
      declared.find((o) => 'required' in o && o.required) ??
      declared.find((o) => o.type === ApplicationCommandOptionType.String) ??
      declared[0];
    if (!target) return { error: `/${command.data.name} ne prend pas d’argument : tapez simplement /${command.data.name}.` };
    if (raw.has(target)) {
      return { error: `« ${bare} » ne correspond à aucune option. Utilisation : ${usage(command, declared, subcommand)}` };
    }
    raw.set(target, bare);
  }

  const values: CommandOptions['values'] = {};
  for (const option of declared) {
    const given = raw.get(option);
    const required = 'required' in option && option.required === true;
    if (given === undefined || given === '') {
      if (required) {
        return {
          error: `Il manque l’option ${displayName(option)}. Utilisation : ${usage(command, declared, subcommand)}`,
        };
      }
      continue;
    }
    const converted = convert(option, given);
    if ('error' in converted) return { error: converted.error };
    values[option.name] = converted.value;
  }
  return { options: { ...(subcommand ? { subcommand } : {}), values } };
}

/** Parses one console line. */
export function parseLine(line: string, commands: readonly SlashCommand[]): ParsedLine {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  const match = /^\/?(\S+)\s*([\s\S]*)$/u.exec(text);
  const word = match?.[1] ?? '';
  const args = match?.[2] ?? '';
  const builtin = findBuiltin(word);
  if (builtin) return { kind: 'builtin', name: builtin };
  const command = findCommand(word, commands);
  if (!command) {
    const hint = text.startsWith('/')
      ? `La commande « /${word} » n’existe pas.`
      : 'Les commandes commencent par une barre oblique, par exemple /actor Russie.';
    return { kind: 'error', message: `${hint} Tapez /help pour la liste des commandes.` };
  }
  const parsed = parseArguments(command, args);
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  return { kind: 'command', command, options: parsed.options };
}
