/**
 * Small French text helpers shared by command handlers and renderers: plurals, numbers, dates,
 * quoting, and cutting an article into pages. Nothing here knows about Discord or terminals.
 */

const NUMBER = new Intl.NumberFormat('fr-FR');
const DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `1 234` with the French thousands separator. */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/**
 * `3 extraits`, `1 extrait`, `0 extrait` (French uses the singular for 0 and 1).
 * @param pluralForm defaults to every word of the singular followed by `s` (`autre sujet` →
 * `autres sujets`), except words already ending in s, x or z; irregular plurals are given.
 */
export function countOf(n: number, singular: string, pluralForm = regularPlural(singular)): string {
  return `${formatNumber(n)} ${Math.abs(n) < 2 ? singular : pluralForm}`;
}

function regularPlural(singular: string): string {
  return singular.replace(/(\p{L}+)/gu, (word) => (/[sxz]$/.test(word) ? word : `${word}s`));
}

/** `2025-04-05` → `5 avril 2025`; anything that is not an ISO date is returned unchanged. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return iso;
  // French writes the first day of a month as an ordinal: « 1er novembre ».
  return date.getUTCDate() === 1 ? DATE.format(date).replace(/^1 /u, '1er ') : DATE.format(date);
}

/** The day of an instant in a zone, ISO `YYYY-MM-DD` (`2026-12-07T23:30:00Z` → `2026-12-08` in Paris). */
export function dayIn(instant: string, timeZone = 'Europe/Paris'): string | undefined {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return undefined;
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(time);
}

/** Characters of a title kept when it stands for an article whose outlet is unknown. */
const UNNAMED_SOURCE_MAX = 48;

/**
 * How an article is named as a source: its outlet (`Armenpress`, `lemonde.fr`); a file written by
 * hand, with neither a `site` header nor an address, by its title in quotes — what is true of it
 * (its file name is an identifier, never shown as a source).
 */
export function sourceName(article: { outlet?: string; title: string }): string {
  return article.outlet ?? quote(shorten(article.title.replace(/\s+/gu, ' ').trim(), UNNAMED_SOURCE_MAX));
}

/**
 * When an article was published: `7 décembre 2026`; without a publication date, `date inconnue`,
 * with `reçu le 7 décembre 2026` when it was fetched from the web. The arrival is never given as
 * a publication date.
 */
export function publicationLabel(article: { date?: string; receivedAt?: string }, timeZone?: string): string {
  if (article.date) return formatDate(article.date);
  const received = article.receivedAt ? dayIn(article.receivedAt, timeZone) : undefined;
  return received ? `date inconnue, reçu le ${formatDate(received)}` : 'date inconnue';
}

/**
 * Who published an excerpt's article and when: `Armenpress, 7 décembre 2026`; without an outlet,
 * the date alone (`date inconnue`…): the title beside it already names the article.
 */
export function publishedLabel(published: { outlet?: string; date?: string; receivedAt?: string }, timeZone?: string): string {
  const when = publicationLabel(published, timeZone);
  return published.outlet ? `${shorten(published.outlet.replace(/\s+/gu, ' ').trim(), UNNAMED_SOURCE_MAX)}, ${when}` : when;
}

/** French quotation marks with non-breaking spaces: `« Moscou »`. */
export function quote(text: string): string {
  return `«\u00a0${text}\u00a0»`;
}

/** Cuts `text` to `max` code points at a word boundary, with `…`. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = chars.slice(0, Math.max(0, max - 1)).join('');
  const space = head.search(/\s\S*$/u);
  const cut = space > max * 0.6 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:\-–—]+$/u, '')}…`;
}

/** Number of pages needed for `total` entries, `size` per page; at least 1. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Clamps a requested 0-based page index into `[0, count - 1]`. */
export function clampPage(index: number, count: number): number {
  if (!Number.isFinite(index)) return 0;
  return Math.min(Math.max(0, Math.trunc(index)), Math.max(0, count - 1));
}

/** A chunk of an article shown on a page: a paragraph, or a part of a long one. */
export interface ParagraphChunk {
  /** 0-based paragraph the text comes from. */
  paragraph: number;
  text: string;
  /** True when the paragraph was too long and this is one of its parts. */
  partial: boolean;
}

// A sentence end followed by a space; the lookbehind keeps the punctuation with its sentence.
const SENTENCE_BREAK = /(?<=[.!?…»"”])\s+(?=\S)/u;

/** Splits an over-long paragraph into parts of at most `budget` characters, at sentence ends when possible. */
function splitLong(text: string, budget: number): string[] {
  if (text.length <= budget) return [text];
  const parts: string[] = [];
  let current = '';
  const pushPiece = (piece: string) => {
    if (!current) current = piece;
    else if (current.length + 1 + piece.length <= budget) current += ` ${piece}`;
    else {
      parts.push(current);
      current = piece;
    }
  };
  for (const sentence of text.split(SENTENCE_BREAK)) {
    if (sentence.length <= budget) {
      pushPiece(sentence);
      continue;
    }
    // A single sentence longer than a page: cut at word boundaries.
    for (const word of sentence.split(/\s+/u)) pushPiece(word);
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Groups paragraphs into pages of about `budget` characters: paragraphs are never reordered, a
 * page holds at least one chunk, and a paragraph longer than the budget is split at sentence ends.
 */
export function paginateParagraphs(paragraphs: string[], budget = 1500): ParagraphChunk[][] {
  const pages: ParagraphChunk[][] = [];
  let page: ParagraphChunk[] = [];
  let size = 0;
  paragraphs.forEach((paragraph, index) => {
    const parts = splitLong(paragraph, budget);
    for (const text of parts) {
      if (page.length > 0 && size + text.length > budget) {
        pages.push(page);
        page = [];
        size = 0;
      }
      page.push({ paragraph: index, text, partial: parts.length > 1 });
      size += text.length;
    }
  });
  if (page.length > 0) pages.push(page);
  return pages;
}
