/**
 * Where a digest goes, as the digest service sees it: {@link DigestPoster}. The Discord poster
 * (REST, with Discord's message nonce so that a retried post is created once) lives with the bot
 * (`src/bot/digest-poster.ts`); the terminal's is here. Nothing here knows discord.js.
 */
import type { DiscordMessage } from '../../replies/discord.js';
import type { Reply } from '../../replies/reply.js';
import { renderConsole } from '../../replies/console.js';
import type { Pictures } from '../../replies/chart.js';
import { writePicture } from '../../replies/picture/file.js';

/** One message of a digest. */
export interface DigestPayload {
  /** The reply models of this message (what a console prints); the first one's footer marks it. */
  replies: Reply[];
  /** The same rendered for Discord (embeds within limits, mentions disabled), when posted there. */
  message?: DiscordMessage;
}

export interface DigestPoster {
  /**
   * The messages a digest's replies make at this destination, in posting order (Discord packs
   * several embeds into one message within its limits). Each message is posted with its own nonce.
   */
  pack(replies: readonly Reply[]): DigestPayload[];
  /**
   * Posts one message. `nonce` (≤ 25 characters, the same for every retry of the same message)
   * lets Discord return the existing message instead of creating a second one
   * (`enforce_nonce`). Throws on failure; the error's `status` and `code` (Discord's JSON error
   * code) say why.
   */
  post(channelId: string, payload: DigestPayload, nonce: string): Promise<{ messageId: string }>;
  /**
   * The ids of recent messages of the bot in the channel whose embed footer is exactly one of
   * `footers` (undefined where none is found). Lets a retry after a crash see that the post went
   * through even after Discord's nonce window. Optional: a poster without history skips it.
   */
  findPosted?(channelId: string, footers: readonly string[]): Promise<Array<string | undefined>>;
}

/** A failure as the digest service classifies it; posters throw these or errors of the same shape. */
export class DigestPostError extends Error {
  override name = 'DigestPostError';
  constructor(
    message: string,
    /** HTTP status, when there was a response. */
    readonly status?: number,
    /** Discord's JSON error code (10003 Unknown Channel, 50013 Missing Permissions…). */
    readonly code?: number,
  ) {
    super(message);
  }
}

/**
 * Prints each digest message to `output` (console mode, `npm run digest -- --now`); with
 * `pictures`, a reply's chart is also written as a PNG in `pictureDir` and its place printed.
 */
export function consolePoster(
  output: NodeJS.WritableStream = process.stdout,
  options: { color?: boolean; width?: number; pictures?: Pictures; pictureDir?: string } = {},
): DigestPoster {
  const { pictures, pictureDir, ...look } = options;
  let counter = 0;
  return {
    pack: (replies) => [{ replies: [...replies] }],

    async post(channelId, payload, nonce) {
      const texts: string[] = [];
      for (const reply of payload.replies) {
        const picturePath = reply.chart && pictures ? await writePicture(pictures, reply.chart, pictureDir) : undefined;
        texts.push(renderConsole(reply, { ...look, ...(picturePath ? { picturePath } : {}) }));
      }
      const text = texts.join('\n\n');
      output.write(`${text}\n\n`);
      counter++;
      return { messageId: `console-${channelId}-${nonce}-${counter}` };
    },
  };
}
