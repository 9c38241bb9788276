/**
 * Where alerts go, as the follow service sees it: {@link AlertPoster}. Discord's (REST, the
 * message nonce, the role as the only mention) lives with the bot (`src/bot/alert-poster.ts`);
 * the terminal's is here. Posters throw errors carrying `status` and Discord's `code`, like
 * the digest's (see `DigestPostError`).
 */
import { renderConsole } from '../../replies/console.js';
import { alertReply } from '../../replies/alert.js';
import type { AlertModel } from './alert.js';

export interface AlertPoster {
  /**
   * Posts one alert. `nonce` (the same on every retry of the same alert) lets Discord return the
   * existing message instead of creating a second one.
   */
  post(channelId: string, alert: AlertModel, nonce: string): Promise<{ messageId: string }>;
  /** Replaces an alert's message (a later copy joins its story). */
  edit(channelId: string, messageId: string, alert: AlertModel): Promise<void>;
  /** The id of a recent message of the bot in the channel marked `marker`, if any (a retry after a crash). */
  findPosted?(channelId: string, marker: string): Promise<string | undefined>;
}

/** Prints alerts to `output` (console mode). */
export function consoleAlertPoster(output: NodeJS.WritableStream = process.stdout, options: { color?: boolean; width?: number } = {}): AlertPoster {
  let counter = 0;
  return {
    async post(channelId, alert, nonce) {
      output.write(`${renderConsole(alertReply(alert), options)}\n\n`);
      return { messageId: `console-${channelId}-${nonce}-${++counter}` };
    },
    async edit(_channelId, _messageId, alert) {
      output.write(`${renderConsole({ ...alertReply(alert), title: `${alertReply(alert).title} (mise à jour)` }, options)}\n\n`);
    },
  };
}
