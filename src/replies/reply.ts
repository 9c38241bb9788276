/**
 * The reply model: what a command answers, independent of where it is shown. Renderers turn it
 * into Discord embeds and components (`src/replies/discord.ts`) or console text
 * (`src/replies/console.ts`). Corpus text stays raw here: escaping is the renderer's job.
 */

import type { ReplyChart } from './chart.js';

/** A piece of corpus text with spans to emphasise (the matched forms), as UTF-16 offsets. */
export interface MarkedText {
  text: string;
  highlights?: Array<{ start: number; end: number }>;
}

/** One entry of a list: an excerpt with its article, an article in the sources list… */
export interface ReplyItem {
  /** Main text: an excerpt (with highlights) or a line about an article. */
  body: MarkedText;
  /**
   * Where it comes from, shown under the body: `url`, the original article on the web, when known
   * (its title becomes a link); `published`, for an excerpt, its outlet and publication date
   * (`date inconnue` when it has none). The id is what `/article` takes, never shown as a source.
   */
  source?: { articleId: string; title: string; url?: string; published?: ReplyPublication };
  /** A short label in front of the body (`1.`, an article id). Plain text, not corpus text. */
  label?: string;
  /** A heading above the body (a story's headline). Corpus text. */
  heading?: string;
  /** Further passages under the body (a story's other excerpts). */
  more?: MarkedText[];
  /** A plain line under the passages (a story's key actors). Bot text with corpus names. */
  note?: string;
  /** Several sources (a story's articles), shown instead of `source`. */
  sources?: ReplySourceList;
}

/** Who published an article and when: its outlet, if known, and its publication date or arrival. */
export interface ReplyPublication {
  outlet?: string;
  date?: string;
  receivedAt?: string;
}

/** The articles an item draws on, with how many there are in all. */
export interface ReplySourceList {
  /**
   * Each shown by its outlet (its title when unknown) and publication date (`date inconnue`, with
   * `receivedAt` as « reçu le … », when it has none): see `sourceName` and `publicationLabel`.
   */
  articles: Array<{ articleId: string; title: string; outlet?: string; date?: string; receivedAt?: string; url?: string }>;
}

/** A side block: key actors, cited sources, settings… */
export interface ReplyField {
  name: string;
  /** Lines of the field; each line is plain text from the bot or corpus names (escaped when shown). */
  lines: string[];
  inline?: boolean;
}

/** A button offering a follow-up command (an actor suggestion: `/actor nom:Russie`). */
export interface ReplySuggestion {
  label: string;
  command: string;
  options: Record<string, string>;
}

export type ReplyTone = 'info' | 'success' | 'warning' | 'error';

export interface Reply {
  tone: ReplyTone;
  /** Only the member who asked sees it (errors, settings, previews). */
  ephemeral?: boolean;
  title: string;
  /** A few lines under the title: what was asked, what matched (`Moscou → Russie`), counts. */
  intro?: string;
  /** The list shown on this page. */
  items: ReplyItem[];
  fields?: ReplyField[];
  /** Position of this page when the answer has several. */
  page?: { index: number; count: number };
  /**
   * Option values the other pages of this answer must be asked with (a snapshot of the corpus):
   * the router, the console and the CLI add them to the command's options when turning pages.
   */
  pagingOptions?: Record<string, string | number>;
  suggestions?: ReplySuggestion[];
  footer?: string;
  /** A picture of the answer (a chart), drawn by the picture renderer where pictures can be shown. */
  chart?: ReplyChart;
  /** The reply is itself about the index being built: no « index en cours » line is added on top. */
  aboutIndex?: boolean;
}

/** A short reply made of one line: errors, confirmations. */
export function notice(tone: ReplyTone, title: string, intro?: string, ephemeral = true): Reply {
  return { tone, title, intro, items: [], ephemeral };
}
