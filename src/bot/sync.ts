/**
 * Command registration: the definitions are compared with what Discord has, and sent (one bulk
 * `PUT`) only when they differ, so that restarts do not hit the (tight) command-create rate limit.
 */
import { Routes, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { REST } from 'discord.js';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

export interface SyncTarget {
  applicationId: string;
  /** Guild commands (instant, for development) when set; global commands otherwise. */
  guildId?: string;
}

export interface SyncResult {
  action: 'unchanged' | 'updated';
  scope: 'guild' | 'global';
  /** Names of the commands now registered. */
  names: string[];
  /** What differed, for the log (`added: actor`, `changed: search`, `removed: old`). */
  changes: string[];
}

export function commandsRoute({ applicationId, guildId }: SyncTarget): `/${string}` {
  return guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
}

/** Registers `definitions` unless Discord already has exactly them. */
export async function syncCommands(rest: REST, target: SyncTarget, definitions: readonly CommandDefinition[]): Promise<SyncResult> {
  const route = commandsRoute(target);
  const scope = target.guildId ? 'guild' : 'global';
  const registered = (await rest.get(route)) as unknown[];
  const changes = diffCommands(definitions, Array.isArray(registered) ? registered : []);
  const names = definitions.map((d) => d.name);
  if (changes.length === 0) return { action: 'unchanged', scope, names, changes };
  await rest.put(route, { body: definitions });
  return { action: 'updated', scope, names, changes };
}

/** What differs between the definitions and the registered commands; empty when identical. */
export function diffCommands(definitions: readonly CommandDefinition[], registered: readonly unknown[]): string[] {
  const changes: string[] = [];
  const byName = new Map<string, unknown>();
  for (const command of registered) {
    if (command && typeof command === 'object' && typeof (command as { name?: unknown }).name === 'string') {
      byName.set((command as { name: string }).name, command);
    }
  }
  for (const definition of definitions) {
    const current = byName.get(definition.name);
    if (!current) changes.push(`added: ${definition.name}`);
    else if (!sameCommand(definition, current)) changes.push(`changed: ${definition.name}`);
    byName.delete(definition.name);
  }
  for (const name of byName.keys()) changes.push(`removed: ${name}`);
  return changes;
}

// Fields Discord adds or fills with defaults on its side; compared only when the definition sets them.
const SERVER_FIELDS = new Set([
  'id',
  'application_id',
  'guild_id',
  'version',
  'default_permission',
  'dm_permission',
  'integration_types',
  'contexts',
  'nsfw',
  'type',
  'name_localized',
  'description_localized',
  'handler',
]);

function sameCommand(definition: CommandDefinition, registered: unknown): boolean {
  const reg = { ...(registered as Record<string, unknown>) };
  for (const key of SERVER_FIELDS) if (!(key in definition)) delete reg[key];
  return deepEqual(normalise(definition), normalise(reg));
}

/** Drops what Discord treats as absent (null, false, empty lists and maps) so defaults compare equal. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const n = normalise(v);
      if (n === undefined || n === null || n === false) continue;
      if (Array.isArray(n) && n.length === 0) continue;
      if (n && typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0) continue;
      // Permissions are bitfield strings; 0n written as number or string is the same.
      out[key] = typeof n === 'bigint' ? n.toString() : n;
    }
    return out;
  }
  return value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object).sort();
    const kb = Object.keys(b as object).sort();
    if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
    return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
