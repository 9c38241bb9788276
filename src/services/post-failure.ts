/**
 * What went wrong with a message the bot posts on its own (a digest, an alert), read from the
 * error's HTTP `status` and Discord `code`: the channel is gone, the bot may not post there, Discord
 * is down for now, or it refused this message. One reading for every poster; each says in its own
 * words what follows for the administrators.
 */

export interface PostFailure {
  kind: 'gone' | 'forbidden' | 'transient' | 'rejected';
  /** French, for the administrators (`/digest status`, `/suivis`). */
  message: string;
}

/** What each poster says after the facts (French). */
export interface PostFailureWords {
  /** After « Le salon X n’existe plus (…) » : `digest désactivé. Choisissez…`. */
  gone: string;
  /** After « Discord indisponible (…) » : `le digest n’a pas pu être publié.`. */
  transient: string;
  /** What was refused: `le digest`, `l’alerte`. */
  what: string;
}

export function classifyPostFailure(error: unknown, channelId: string, words: PostFailureWords): PostFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const code = typeof e.code === 'number' ? e.code : undefined;
  const detail = status !== undefined ? ` (HTTP ${status}${code !== undefined ? `, code ${code}` : ''})` : '';
  if (code === 10003 || (status === 404 && (code === undefined || code === 10003))) {
    return { kind: 'gone', message: `Le salon ${channelId} n’existe plus${detail} : ${words.gone}` };
  }
  if (code === 50001 || code === 50013 || status === 403) {
    return {
      kind: 'forbidden',
      message: `Le bot ne peut pas publier dans le salon ${channelId}${detail} : il lui faut « Voir le salon », « Envoyer des messages » et « Intégrer des liens ».`,
    };
  }
  if (status === undefined || status === 429 || status >= 500) {
    const reason = status !== undefined ? `Discord indisponible${detail}` : `Discord injoignable (${String(e.message ?? error)})`;
    return { kind: 'transient', message: `${reason} : ${words.transient}` };
  }
  return { kind: 'rejected', message: `Discord a refusé ${words.what}${detail} : ${String(e.message ?? '')}`.trim() };
}
