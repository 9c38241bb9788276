/**
 * Structured logs (pino, one JSON object a line) on stderr, so stdout stays free for the console
 * mode and the CLI. Secrets are kept out twice: known keys are redacted, and every written line is
 * scrubbed of the token's value and of anything shaped like a Discord token, whatever key or
 * error message carried it.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';
import { scrubSecrets } from './secrets.js';
import { terminalSafe } from './replies/terminal.js';

export { scrubSecrets } from './secrets.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** Values never to be written (the bot token): replaced by `[secret]` wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /**
   * One short human line per entry instead of JSON. Default: true only when logging to stderr
   * and stderr is a terminal.
   */
  pretty?: boolean;
  /** Extra fields on every line (`{ service: 'digest' }`). */
  base?: Record<string, unknown>;
}

const SECRET_MARK = '[secret]';

/** Keys whose values are never logged, at the top level and one or two levels down. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'discordToken',
  '*.discordToken',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
];

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** `12:03:04 WARN message key=value …` from one pino JSON line; the line itself when not JSON. */
export function formatPrettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const { time, level, msg, pid: _pid, hostname: _hostname, err, ...rest } = entry;
  const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
  const name = LEVEL_NAMES[Number(level)] ?? String(level);
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  let out = [clock, name.padEnd(5), typeof msg === 'string' ? msg : '', fields].filter(Boolean).join(' ');
  if (err && typeof err === 'object') {
    const { stack, message } = err as { stack?: unknown; message?: unknown };
    out += `\n  ${String(stack ?? message ?? JSON.stringify(err)).replace(/\n/g, '\n  ')}`;
  }
  // A file name or an article's text in a field must not drive the terminal.
  return `${terminalSafe(out)}\n`;
}

function prettyStream(target: NodeJS.WritableStream): DestinationStream {
  return { write: (line: string) => void target.write(formatPrettyLine(line)) };
}

/**
 * A logger at `level` writing to `destination` (default: stderr, synchronously so that the last
 * lines before a crash are not lost).
 */
export function createLogger(
  level: LogLevel = 'info',
  destination?: DestinationStream | NodeJS.WritableStream,
  options: LoggerOptions = {},
): Logger {
  const secrets = [...(options.secrets ?? [])];
  const pretty = options.pretty ?? (destination === undefined && process.stderr.isTTY === true);
  let stream: DestinationStream;
  if (pretty) stream = prettyStream((destination as NodeJS.WritableStream | undefined) ?? process.stderr);
  else stream = (destination as DestinationStream | undefined) ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level,
      base: options.base ?? {},
      redact: { paths: REDACTED_PATHS, censor: SECRET_MARK },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    stream,
  );
}
