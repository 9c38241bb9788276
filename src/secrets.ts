/**
 * Keeping secrets out of what the bot writes: logs, start-up errors, CLI messages. A known secret
 * (the token) is replaced wherever it appears, and so is anything shaped like a token, since an
 * operator can paste the token into the wrong variable or a truncated copy of it.
 */

const SECRET_MARK = '[secret]';

// A Discord token: base64 user id, a timestamp part, an HMAC part. Scrubbed even when unknown.
const TOKEN_SHAPE = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g;
// A credential-like run: long, no spaces, upper and lower case letters and digits mixed (a token
// cut short, an API key). Snowflakes, paths, URLs, time zones and cron lines do not look like it.
const CREDENTIAL_RUN = /[A-Za-z0-9_\-.+/=]{20,}/g;
// The value of a query parameter or a URL's password that names a secret (`?token=…`,
// `&api_key=…`, `?password=…`, `postgres://user:pass@host`), whatever it looks like.
const SECRET_PARAM = /([?&;](?:[\w.-]*(?:token|secret|passw(?:or)?d|pwd|api_?key|apikey|key|auth|signature|sig|session|credential)[\w.-]*)=)[^&#\s"'<>]+/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s"'<>]*:)[^@/\s"'<>]+(?=@)/gi;
// Short "secrets" would erase ordinary words from every line.
const MIN_SECRET_LENGTH = 8;

function isCredentialRun(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run) && !/^[a-z]+:\/\//i.test(run);
}

/** True when `value` contains a token or something shaped like a credential. */
export function looksLikeSecret(value: string): boolean {
  if (new RegExp(TOKEN_SHAPE.source).test(value)) return true;
  return [...value.matchAll(CREDENTIAL_RUN)].some((m) => isCredentialRun(m[0]));
}

/** `text` with the secret values of URLs (`?token=…`, a password in `scheme://user:pass@`) replaced by `[secret]`. */
export function scrubUrlSecrets(text: string): string {
  return text.replace(SECRET_PARAM, `$1${SECRET_MARK}`).replace(URL_PASSWORD, `$1${SECRET_MARK}`);
}

/** `text` with every occurrence of each secret, and every token-shaped string, replaced by `[secret]`. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(SECRET_MARK);
  }
  return scrubUrlSecrets(out)
    .replace(TOKEN_SHAPE, SECRET_MARK).replace(CREDENTIAL_RUN, (run) => (isCredentialRun(run) ? SECRET_MARK : run));
}

const SHOWN_VALUE_MAX = 80;

/**
 * A configuration value as an error message shows it: `« value »` (cut when very long), or a note
 * that it is hidden when it looks like a token, so that a token pasted into the wrong variable is
 * never echoed to a terminal or a log collector.
 */
export function shownValue(value: string): string {
  if (looksLikeSecret(value)) return `(valeur masquée : elle ressemble à un jeton, ${value.length} caractères)`;
  const chars = Array.from(value);
  const cut = chars.length > SHOWN_VALUE_MAX ? `${chars.slice(0, SHOWN_VALUE_MAX - 1).join('')}…` : value;
  return `« ${cut} »`;
}
