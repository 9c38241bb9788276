/**
 * A feed's text → its items, whatever the format (RSS 2.0, Atom, RDF/RSS 1.0, JSON Feed), parsed
 * by feedsmith. Only what Dépêche needs is kept, in one shape; HTML in summaries becomes text.
 */
import { parseFeed, type AnyFeed } from 'feedsmith';
import { htmlToText } from './html-text.js';

export { htmlToText };

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface FeedItem {
  /** The item's GUID / Atom id / JSON Feed id, as written. */
  guid?: string;
  /** Link to the article, resolved against the feed's address. */
  url?: string;
  title?: string;
  /** The summary or the full content the feed carries, as plain text paragraphs. */
  summary?: string;
  author?: string;
  /** Publication date as the feed gives it, ISO 8601 when it could be read. */
  published?: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** The site's home page. */
  link?: string;
  items: FeedItem[];
}

/** The text is not a feed feedsmith recognises; French message. */
export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/** At most this many items are read from one feed (the newest come first in every format). */
export const MAX_FEED_ITEMS = 200;

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function resolve(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return undefined;
  }
}

const first = <T>(values: readonly T[] | undefined): T | undefined => values?.[0];

/** Parses a decoded feed. `base` resolves relative links (the feed's final URL). */
export function parseFeedText(text: string, base: string): ParsedFeed {
  let parsed: AnyFeed<string>;
  try {
    parsed = parseFeed<string>(text);
  } catch (error) {
    throw new FeedParseError(`ce n'est pas un flux RSS, Atom, RDF ou JSON Feed lisible (${error instanceof Error ? error.message : String(error)})`);
  }
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      return {
        format: 'rss',
        title: feed.title,
        link: resolve(feed.link, base),
        items: (feed.items ?? []).slice(0, MAX_FEED_ITEMS).map((item) => ({
          guid: item.guid?.value,
          url: resolve(item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined), base),
          title: htmlToText(item.title),
          summary: htmlToText(item.content?.encoded ?? item.description),
          author: first(item.authors)?.name ?? first(item.dc?.creators),
          published: isoDate(item.pubDate ?? first(item.dc?.dates)),
        })),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      const alternate = (links: typeof feed.links) => (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
      return {
        format: 'atom',
        title: htmlToText(feed.title?.value),
        link: resolve(alternate(feed.links), base),
        items: (feed.entries ?? []).slice(0, MAX_FEED_ITEMS).map((entry) => ({
          guid: entry.id,
          url: resolve(alternate(entry.links), base),
          title: htmlToText(entry.title?.value),
          summary: htmlToText(entry.content?.value ?? entry.summary?.value),
          author: first(entry.authors)?.name,
          published: isoDate(entry.published ?? entry.updated),
        })),
      };
    }
    case 'rdf': {
      const feed = parsed.feed;
      return {
        format: 'rdf',
        title: feed.title,
        link: resolve(feed.link, base),
        items: (feed.items ?? []).slice(0, MAX_FEED_ITEMS).map((item) => ({
          guid: item.rdf?.about,
          url: resolve(item.link, base),
          title: htmlToText(item.title),
          summary: htmlToText(item.content?.encoded ?? item.description),
          author: first(item.dc?.creators),
          published: isoDate(first(item.dc?.dates)),
        })),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        format: 'json',
        title: feed.title,
        link: resolve(feed.home_page_url, base),
        items: (feed.items ?? []).slice(0, MAX_FEED_ITEMS).map((item) => ({
          guid: item.id,
          url: resolve(item.url ?? item.external_url, base),
          title: htmlToText(item.title),
          summary: item.content_text?.trim() || htmlToText(item.content_html ?? item.summary),
          author: first(item.authors)?.name,
          published: isoDate(item.date_published ?? item.date_modified),
        })),
      };
    }
  }
}
