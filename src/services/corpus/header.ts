/**
 * The small metadata header of an article file written from a feed or a page:
 *
 *     ---
 *     title: Gaza : un accord de trêve
 *     url: https://journal.example/a/gaza
 *     canonical: https://journal.example/a/gaza
 *     source: https://journal.example/rss.xml
 *     site: Le Journal
 *     author: Marie Dupont
 *     published: 2026-11-29T05:00:00.000Z
 *     fetched: 2026-11-29T06:12:00.000Z
 *     content: summary
 *     ---
 *     First paragraph…
 *
 * One `key: value` per line between two `---` lines at the very top. A file that does not start
 * so (every hand-written file) is read as before, untouched; so is one whose block is malformed.
 */
import type { CleanArticle } from '../types.js';
import { cleanArticle } from './boilerplate.js';
import { cleanAuthor } from './outlet.js';

export interface ArticleHeader {
  title?: string;
  /** Where the article was fetched. */
  url?: string;
  /** The page's own canonical URL (the one links point to). */
  canonical?: string;
  /** The feed or page source it came from. */
  source?: string;
  /** The site's name (`Le Monde`). */
  site?: string;
  author?: string;
  /** ISO 8601. */
  published?: string;
  /** ISO 8601. */
  fetched?: string;
  /** `full`: the page's text; `summary`: only the feed's summary (paywall, page too short). */
  content?: 'full' | 'summary';
  /** The Discord server whose source brought it (its articles are that server's only); absent: shared. */
  guild?: string;
}

const KEYS = ['title', 'url', 'canonical', 'source', 'site', 'author', 'published', 'fetched', 'content', 'guild'] as const;
const FENCE = '---';
/** A header longer than this is not one (a hand-written file that happens to start with `---`). */
const MAX_HEADER_LINES = 30;

/** Splits a decoded file into its header (when it has a well-formed one) and its body. */
export function splitArticleHeader(text: string): { header?: ArticleHeader; body: string } {
  if (!text.startsWith(`${FENCE}\n`)) return { body: text };
  const lines = text.split('\n', MAX_HEADER_LINES + 2);
  const end = lines.indexOf(FENCE, 1);
  if (end < 0) return { body: text };
  const header: ArticleHeader = {};
  for (const line of lines.slice(1, end)) {
    const match = /^([a-z]+):[ \t]*(.*)$/.exec(line);
    if (!match) return { body: text };
    const key = match[1] as (typeof KEYS)[number];
    const value = match[2]!.trim();
    if (!KEYS.includes(key) || value === '') continue;
    if (key === 'content') {
      if (value === 'full' || value === 'summary') header.content = value;
    } else header[key] = value;
  }
  const offset = lines.slice(0, end + 1).reduce((sum, line) => sum + line.length + 1, 0);
  return { header, body: text.slice(offset) };
}

/** The header block for these fields, values on one line each. */
export function formatArticleHeader(header: ArticleHeader): string {
  const lines = [FENCE];
  for (const key of KEYS) {
    const value = header[key];
    if (value) lines.push(`${key}: ${String(value).replace(/[\r\n\u2028\u2029]+/g, ' ').trim()}`);
  }
  lines.push(FENCE);
  return `${lines.join('\n')}\n`;
}

/** `YYYY-MM-DD` of an ISO date or date-time (the calendar day in Paris for a date-time). */
function dayOf(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(time);
}

/**
 * A decoded article file → clean article: the header (when there is one) gives the title and
 * metadata, the body goes through the cleaner as any article does. Without a header this is
 * exactly `cleanArticle(id, text)`.
 */
export function cleanArticleFile(id: string, text: string): CleanArticle {
  const { header, body } = splitArticleHeader(text);
  if (!header) return cleanArticle(id, text);
  // A page's main text as extracted is trusted more than a hand-written or unknown file.
  const article = cleanArticle(id, header.title ? `${header.title}\n\n${body}` : body, { extracted: header.content === 'full' });
  const date = dayOf(header.published);
  const link = header.canonical ?? header.url;
  const author = cleanAuthor(header.author);
  return {
    ...article,
    ...(header.title ? { title: header.title } : {}),
    ...(author ? { author } : {}),
    ...(date ? { date } : {}),
    ...(link ? { url: link } : {}),
    ...(header.site ? { site: header.site } : {}),
    ...(header.fetched ? { fetchedAt: header.fetched } : {}),
    ...(header.guild ? { guild: header.guild } : {}),
    ...(header.content === 'summary' ? { summaryOnly: true } : {}),
  };
}
