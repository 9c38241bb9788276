/**
 * Why the bot could not connect to Discord, as one French line for the operator. Kept free of
 * discord.js imports so that the entry point can recognise it without loading discord.js.
 */

/** The bot could not log in or open its gateway session; `message` is one French line. */
export class DiscordConnectionError extends Error {
  override name = 'DiscordConnectionError';
  constructor(
    message: string,
    /** `token`: Discord refused the token; `unreachable`: no answer; `other`. */
    readonly reason: 'token' | 'unreachable' | 'timeout' | 'other',
  ) {
    super(message);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** The system error code of an error or of one of its causes (`ECONNREFUSED`…). */
function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    if (e instanceof AggregateError) {
      const inner = e.errors.map(networkCode).find(Boolean);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A login or gateway failure as a {@link DiscordConnectionError}, `apiBase` naming where Discord was looked for. */
export function describeConnectionError(error: unknown, apiBase: string): DiscordConnectionError {
  if (error instanceof DiscordConnectionError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const status = (error as { status?: unknown } | undefined)?.status;
  if (code === 'TokenInvalid' || status === 401 || code === 4004) {
    return new DiscordConnectionError(
      'DISCORD_TOKEN : Discord refuse ce jeton (invalide ou régénéré) ; copiez le jeton actuel du bot depuis le portail des développeurs (Bot → Reset Token).',
      'token',
    );
  }
  const network = networkCode(error);
  if (network || (error instanceof TypeError && /fetch failed/i.test(error.message))) {
    return new DiscordConnectionError(
      `Discord injoignable à ${apiBase} (${network ?? 'réseau'}) : vérifiez la connexion réseau, un pare-feu ou DISCORD_API_BASE.`,
      'unreachable',
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DiscordConnectionError(`Connexion à Discord impossible : ${detail.split('\n')[0]}`, 'other');
}
