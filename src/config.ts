/**
 * The bot's configuration, read and validated once from environment variables. The entry point
 * calls {@link readEnvFile} then {@link loadConfig}; nothing else reads `process.env`.
 * Errors are one French line that names the variable and never shows the token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import { shownValue } from './secrets.js';
import { canonicalTimeZone, cronToDailyTime, ScheduleError, type DailyTime } from './services/digest/schedule.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Bot token. Absent: console mode, nothing talks to Discord. */
  discordToken?: string;
  /** Application id (snowflake). Taken from the token when not set (its first part encodes it). */
  discordClientId?: string;
  /** Guild where commands are registered instantly (development); absent: global commands. */
  discordGuildId?: string;
  /** REST base URL without trailing slash, default `https://discord.com/api` (tests point it at a fake). */
  discordApiBase: string;
  /** Folder of article files, default `seeds`. */
  corpusDir: string;
  /** SQLite file of the bot's state, default `data/bot.db`; `:memory:` for throw-away runs. */
  databasePath: string;
  /** PostgreSQL URL of the bot's state (several processes or hosts); when set it replaces `databasePath`. */
  databaseUrl?: string;
  /** Discord shards of the whole bot: a number, or `auto` (Discord's recommendation). Absent: no sharding. */
  shardCount?: number | 'auto';
  /** The shards this host runs (SHARD_IDS), when not all of them. */
  shardIds?: number[];
  /** Default `info`. */
  logLevel: LogLevel;
  /** Channel where a digest is posted by default (snowflake). */
  digestChannelId?: string;
  /** Daily cron of the default digest time, default `0 8 * * *`. */
  digestCron: string;
  /** The time of day `digestCron` designates. */
  digestTime: DailyTime;
  /** IANA zone of the default digest time, canonical spelling, default `Europe/Paris`. */
  digestTimezone: string;
  /** `discord` when a token is set, else `console`. */
  mode: 'discord' | 'console';
  /** Live news: sources to seed the list with (FEEDS) and how to poll them. */
  feeds: FeedsConfig;
}

export interface FeedsConfig {
  /** Feed or page URLs from FEEDS (comma- or space-separated), added to the sources at start. */
  seed: string[];
  /** FEEDS_ALLOW_PRIVATE_NETWORK=1: feeds may reach loopback, private and link-local addresses. Default false. */
  allowPrivateNetwork: boolean;
  /** FEEDS_POLL_MINUTES: minutes between two polls of a source, default 15. */
  pollMinutes: number;
}

/** A configuration value is missing or wrong; the message is one French line for the operator. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    /** The environment variable at fault. */
    readonly variable?: string,
  ) {
    super(message);
  }
}

const SNOWFLAKE = /^\d{17,20}$/;

/** Every variable the bot reads. */
export const CONFIG_VARIABLES = [
  'DISCORD_TOKEN',
  'DISCORD_CLIENT_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_BASE',
  'CORPUS_DIR',
  'DATABASE_PATH',
  'DATABASE_URL',
  'SHARD_COUNT',
  'SHARD_IDS',
  'LOG_LEVEL',
  'DIGEST_CHANNEL_ID',
  'DIGEST_CRON',
  'DIGEST_TIMEZONE',
  'FEEDS',
  'FEEDS_ALLOW_PRIVATE_NETWORK',
  'FEEDS_POLL_MINUTES',
] as const;

/** The known variables, trimmed; empty or blank strings count as unset. */
function cleanEnv(env: NodeJS.ProcessEnv): Partial<Record<(typeof CONFIG_VARIABLES)[number], string>> {
  const clean: Partial<Record<(typeof CONFIG_VARIABLES)[number], string>> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    if (value) clean[name] = value;
  }
  return clean;
}

// Each field's check produces the French reason (after "NAME : ") when it fails.
const schema = z.object({
  DISCORD_TOKEN: z
    .string()
    .transform((token) => token.replace(/^Bot\s+/i, ''))
    .refine((token) => !/\s/.test(token), 'le jeton contient des espaces ou des retours à la ligne (jeton tronqué ou mal copié ?).')
    // A token is printable ASCII; anything else would only fail later as « invalid Authorization header ».
    .refine((token) => /^[\x21-\x7e]+$/.test(token), 'le jeton contient des caractères qu’un jeton n’a pas (accent, caractère de contrôle ou invisible) : jeton mal copié ?')
    .optional(),
  DISCORD_CLIENT_ID: snowflake("identifiant d'application").optional(),
  DISCORD_GUILD_ID: snowflake('identifiant de serveur').optional(),
  DISCORD_API_BASE: z
    .string()
    .refine((url) => isHttpUrl(url), { error: (issue) => `URL invalide ${shownValue(String(issue.input))} (exemple : https://discord.com/api).` })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('https://discord.com/api'),
  CORPUS_DIR: z.string().default('seeds'),
  DATABASE_PATH: z.string().default('data/bot.db'),
  DATABASE_URL: z
    .string()
    .refine((url) => isPostgresUrl(url), {
      // The URL may hold a password: never echoed.
      error: 'URL PostgreSQL invalide : attendu postgres://utilisateur:motdepasse@hôte:5432/base.',
    })
    .optional(),
  SHARD_COUNT: z
    .string()
    // Checked before lower-casing, so that the message sees the value as typed (and can mask it).
    .refine((value) => value.toLowerCase() === 'auto' || /^[1-9]\d{0,4}$/.test(value), {
      error: (issue) => `valeur invalide ${shownValue(String(issue.input))} : un nombre de shards (1, 2, 16…) ou auto.`,
    })
    .transform((value) => (value.toLowerCase() === 'auto' ? ('auto' as const) : Number(value)))
    .optional(),
  SHARD_IDS: z
    .string()
    .refine((value) => /^\d{1,5}(\s*,\s*\d{1,5})*$/.test(value), {
      error: (issue) => `liste invalide ${shownValue(String(issue.input))} : des numéros de shard séparés par des virgules (0,1).`,
    })
    .transform((value) => [...new Set(value.split(',').map((id) => Number(id.trim())))].sort((a, b) => a - b))
    .optional(),
  LOG_LEVEL: z
    .string()
    .refine((level) => (LOG_LEVELS as readonly string[]).includes(level.toLowerCase()), {
      error: (issue) => `niveau inconnu ${shownValue(String(issue.input))} (valeurs : ${LOG_LEVELS.join(', ')}).`,
    })
    .transform((level) => level.toLowerCase() as LogLevel)
    .default('info'),
  DIGEST_CHANNEL_ID: snowflake('identifiant de salon').optional(),
  DIGEST_CRON: z.string().default('0 8 * * *'),
  DIGEST_TIMEZONE: z.string().default('Europe/Paris'),
  FEEDS: z
    .string()
    .transform((list) => list.split(/[\s,]+/u).filter(Boolean))
    .refine((urls) => urls.every(isHttpUrl), {
      error: (issue) => `adresse invalide ${shownValue(String((issue.input as string[]).find((u) => !isHttpUrl(u))))} (liste d’adresses http(s) séparées par des virgules).`,
    })
    .default([]),
  FEEDS_ALLOW_PRIVATE_NETWORK: z
    .string()
    .refine((value) => /^(?:0|1|true|false|yes|no|oui|non)$/i.test(value), { error: (issue) => `valeur ${shownValue(String(issue.input))} : attendu 1 (autoriser) ou 0.` })
    .transform((value) => /^(?:1|true|yes|oui)$/i.test(value))
    .default(false),
  FEEDS_POLL_MINUTES: z
    .string()
    .refine((value) => /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1440, {
      error: (issue) => `${shownValue(String(issue.input))} : attendu un nombre de minutes entre 1 et 1440.`,
    })
    .transform(Number)
    .default(15),
});

function snowflake(what: string) {
  return z.string().regex(SNOWFLAKE, { error: (issue) => `${what} invalide ${shownValue(String(issue.input))} : attendu un nombre de 17 à 20 chiffres (mode développeur de Discord, « Copier l'identifiant »).` });
}

function isPostgresUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The application id a bot token carries: its first dot-separated part is the bot user's id in
 * base64, and a bot's user id is its application's id. Undefined when the token has no such part.
 */
export function clientIdFromToken(token: string): string | undefined {
  const head = token.split('.')[0];
  if (!head) return undefined;
  try {
    const decoded = Buffer.from(head, 'base64').toString('utf8');
    return SNOWFLAKE.test(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Validates the environment once and returns the configuration. Throws a {@link ConfigError}
 * naming the first variable at fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(cleanEnv(env));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? '?');
    // Never echo DISCORD_TOKEN: its messages are written without the input on purpose.
    throw new ConfigError(`${variable} : ${issue.message}`, variable);
  }
  const v = result.data;

  if (!validateCron(v.DIGEST_CRON)) {
    throw new ConfigError(
      `DIGEST_CRON : expression cron invalide ${shownValue(v.DIGEST_CRON)} (exemple : 0 8 * * * pour 08:00 chaque jour).`,
      'DIGEST_CRON',
    );
  }
  let digestTime: DailyTime;
  try {
    digestTime = cronToDailyTime(v.DIGEST_CRON);
  } catch (error) {
    if (error instanceof ScheduleError) throw new ConfigError(`DIGEST_CRON : ${error.message}`, 'DIGEST_CRON');
    throw error;
  }

  const digestTimezone = canonicalTimeZone(v.DIGEST_TIMEZONE);
  if (!digestTimezone) {
    throw new ConfigError(
      `DIGEST_TIMEZONE : fuseau horaire inconnu ${shownValue(v.DIGEST_TIMEZONE)} (exemple : Europe/Paris).`,
      'DIGEST_TIMEZONE',
    );
  }

  if (v.SHARD_IDS) {
    if (typeof v.SHARD_COUNT !== 'number') {
      throw new ConfigError('SHARD_IDS : il faut aussi SHARD_COUNT en nombre (le total des shards sur toutes les machines).', 'SHARD_IDS');
    }
    const outside = v.SHARD_IDS.find((id) => id >= (v.SHARD_COUNT as number));
    if (outside !== undefined) {
      throw new ConfigError(`SHARD_IDS : le shard ${outside} n'existe pas avec SHARD_COUNT=${v.SHARD_COUNT} (numéros de 0 à ${v.SHARD_COUNT - 1}).`, 'SHARD_IDS');
    }
  }

  const discordClientId = v.DISCORD_CLIENT_ID ?? (v.DISCORD_TOKEN ? clientIdFromToken(v.DISCORD_TOKEN) : undefined);
  if (v.DISCORD_CLIENT_ID && v.DISCORD_TOKEN) {
    const fromToken = clientIdFromToken(v.DISCORD_TOKEN);
    if (fromToken && fromToken !== v.DISCORD_CLIENT_ID) {
      throw new ConfigError(
        `DISCORD_CLIENT_ID : ${shownValue(v.DISCORD_CLIENT_ID)} n'est pas l'application du jeton DISCORD_TOKEN (le jeton désigne ${fromToken}) ; retirez la variable ou corrigez-la.`,
        'DISCORD_CLIENT_ID',
      );
    }
  }

  return {
    ...(v.DISCORD_TOKEN ? { discordToken: v.DISCORD_TOKEN } : {}),
    ...(discordClientId ? { discordClientId } : {}),
    ...(v.DISCORD_GUILD_ID ? { discordGuildId: v.DISCORD_GUILD_ID } : {}),
    discordApiBase: v.DISCORD_API_BASE,
    corpusDir: v.CORPUS_DIR,
    databasePath: v.DATABASE_PATH,
    ...(v.DATABASE_URL ? { databaseUrl: v.DATABASE_URL } : {}),
    ...(v.SHARD_COUNT !== undefined ? { shardCount: v.SHARD_COUNT } : {}),
    ...(v.SHARD_IDS ? { shardIds: v.SHARD_IDS } : {}),
    logLevel: v.LOG_LEVEL as LogLevel,
    ...(v.DIGEST_CHANNEL_ID ? { digestChannelId: v.DIGEST_CHANNEL_ID } : {}),
    digestCron: v.DIGEST_CRON,
    digestTime,
    digestTimezone,
    mode: v.DISCORD_TOKEN ? 'discord' : 'console',
    feeds: { seed: v.FEEDS, allowPrivateNetwork: v.FEEDS_ALLOW_PRIVATE_NETWORK, pollMinutes: v.FEEDS_POLL_MINUTES },
  };
}

/**
 * The variables of a `.env` file, parsed with dotenv without touching `process.env`. A missing
 * file gives `{}` (a `.env` is optional). An unreadable one throws a {@link ConfigError}.
 */
export function readEnvFile(path = '.env'): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parseDotenv(readFileSync(path));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'illisible';
    throw new ConfigError(`Fichier d'environnement « ${path} » illisible (${reason}).`);
  }
}

/**
 * The environment the bot runs with: the process's variables win over the file's, except that an
 * empty process variable does not hide a value from the file (empty counts as unset).
 */
export function mergeEnv(fileEnv: Record<string, string>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...fileEnv };
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') merged[key] = value;
    else if (!(key in merged)) merged[key] = value;
  }
  return merged;
}

/** `readEnvFile` + `mergeEnv` + `loadConfig`: what an entry point calls. */
export function loadConfigFromFile(path = '.env', env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig(mergeEnv(readEnvFile(path), env));
}
