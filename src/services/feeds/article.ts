/**
 * A feed item or page made into an article: its file text, its id, and the keys that prove
 * "already seen". The keys are the identity of the article, so none may be claimed from
 * elsewhere: a canonical URL counts only when it is on the site the page came from, a GUID is
 * scoped by the site of the feed that was fetched (never by what the feed says of itself), and
 * the text fingerprint is taken only on a whole article body (two items that share a summary are
 * two articles).
 */
import { createHash } from 'node:crypto';
import { cleanArticleFile } from '../corpus/header.js';
import { foldText } from '../text/normalize.js';
import type { ExtractedPage } from './extract.js';
import type { FeedItem } from './parse-feed.js';
import { articleIdentity, httpLinkOrUndefined, normaliseUrl, siteOf } from './url.js';
import { articleFileText, fetchedArticleId } from './writer.js';

/** A feed item before its page is fetched. */
export interface Candidate {
  /** Known before fetching the page. */
  keys: string[];
  /** The item's link, when it is an http(s) URL without credentials. */
  url?: string;
  guid?: string;
  title?: string;
  summary?: string;
  author?: string;
  published?: string;
}

export type Article = {
  kind: 'article';
  id: string;
  /** The id to use when a file already holds `id` (the identity's whole hash: cannot be forged). */
  altId: string;
  text: string;
  title: string;
  keys: string[];
  url?: string;
};
/** An item made into an article file's text, or nothing to read. */
export type Built = Article | { kind: 'skipped' };

/** sha256 of a cleaned article's text, folded: the same article with other markup or spacing hashes the same. */
export function textKey(paragraphs: readonly string[]): string {
  const folded = foldText(paragraphs.join(' ')).replace(/[^a-z0-9]+/g, ' ').trim();
  return `text:${createHash('sha256').update(folded).digest('hex').slice(0, 32)}`;
}

export const urlKey = (url: string) => `url:${articleIdentity(url)}`;

/** Longest title written, in characters (a longer one is cut at a word). */
export const MAX_TITLE_CHARS = 300;
// Control characters but tab and line feed, and the bidirectional overrides and isolates: never written.
const UNWRITTEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** Web text as the corpus keeps it: without control characters nor bidi overrides (ESC, BEL, NUL, U+202E…). */
export function inertText(text: string): string {
  return text.replace(UNWRITTEN, (c) => (c === '\r' ? '\n' : ' '));
}

/** A one-line title, inert, at most {@link MAX_TITLE_CHARS} characters. */
export function titleLine(text: string): string {
  const line = inertText(text).replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_TITLE_CHARS) return line;
  const cut = line.slice(0, MAX_TITLE_CHARS - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_TITLE_CHARS / 2)).trimEnd()}…`;
}

/**
 * The candidate of a feed item. `feedUrl` is the URL the feed was actually fetched from: its site
 * scopes the GUIDs (section feeds of one site share them; another site cannot claim them by
 * naming that site in its channel `<link>`). A link that is not a plain http(s) URL is dropped.
 */
export function candidateOf(item: FeedItem, feedUrl: string): Candidate {
  const keys: string[] = [];
  const url = httpLinkOrUndefined(item.url);
  if (url) keys.push(urlKey(url));
  const guid = item.guid?.trim();
  if (guid) keys.push(`guid:${siteOf(feedUrl)}:${guid}`);
  return { ...item, keys, url, ...(guid ? { guid } : {}) };
}

/** The page's canonical URL when it may name this article: on the same site as the page or the item's link. */
export function trustedCanonical(canonical: string | undefined, pageUrl: string | undefined, itemUrl: string | undefined): string | undefined {
  const link = httpLinkOrUndefined(canonical);
  if (!link) return undefined;
  const site = siteOf(link);
  return [pageUrl, itemUrl].some((u) => u !== undefined && siteOf(u) === site) ? link : undefined;
}

export interface BuildInput {
  candidate: Candidate;
  page?: ExtractedPage & { finalUrl: string };
  pageParagraphs: string[];
  sourceUrl: string;
  /** The server whose source it is (written as `guild:` in the header); absent: shared. */
  guildId?: string;
  now: Date;
  /** A page with less main text keeps the feed's summary. */
  minPageChars: number;
}

/** The article file for an item: the page's text, or the feed's summary when the page gives too little. */
export function buildArticle({ candidate, page, pageParagraphs, sourceUrl, guildId, now, minPageChars }: BuildInput): Built {
  pageParagraphs = pageParagraphs.map(inertText);
  const pageChars = pageParagraphs.reduce((n, p) => n + p.length, 0);
  const summary = inertText(candidate.summary ?? '').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  const summaryChars = summary.reduce((n, p) => n + p.length, 0);
  const full = page !== undefined && !page.paywalled && pageChars >= minPageChars;
  const paragraphs = full ? pageParagraphs : summaryChars >= pageChars ? summary : pageParagraphs;
  const title = titleLine(candidate.title ?? page?.title ?? '');
  if (paragraphs.length === 0 || !title) return { kind: 'skipped' };

  const fetched = now.toISOString();
  const url = httpLinkOrUndefined(page?.finalUrl) ?? candidate.url;
  const canonical = trustedCanonical(page?.canonicalUrl, page?.finalUrl, candidate.url);
  // A link-less item is known by its feed and its GUID (or title): never by the feed alone.
  const article = canonical ?? url ? articleIdentity((canonical ?? url)!) : `${articleIdentity(sourceUrl)}#${candidate.guid ?? title}`;
  // One server's copy of an article is its own file.
  const identity = guildId === undefined ? article : `${article} guild:${guildId}`;
  const published = candidate.published ?? page?.published;
  const link = candidate.url ?? url;
  const header = {
    title,
    fetched,
    ...(link ? { url: normaliseUrl(link) } : {}),
    ...(canonical ? { canonical } : {}),
    source: sourceUrl,
    ...(page?.siteName ? { site: titleLine(page.siteName) } : {}),
    ...((candidate.author ?? page?.author) ? { author: titleLine((candidate.author ?? page?.author)!) } : {}),
    ...(published ? { published } : {}),
    content: full ? ('full' as const) : ('summary' as const),
    ...(guildId !== undefined ? { guild: guildId } : {}),
  };
  const id = fetchedArticleId(title, identity, published, fetched);
  const text = articleFileText({ header, paragraphs });
  // The cleaner decides what the text is; an item it leaves empty is not an article.
  const cleaned = cleanArticleFile(id, text);
  if (cleaned.paragraphs.length === 0) return { kind: 'skipped' };
  const keys = new Set(candidate.keys);
  if (url) keys.add(urlKey(url));
  if (canonical) keys.add(`canonical:${articleIdentity(canonical)}`).add(urlKey(canonical));
  // A summary is not the article: two items may share one (pages unreachable) and stay two.
  if (full) keys.add(textKey(cleaned.paragraphs));
  return {
    kind: 'article',
    id,
    altId: fetchedArticleId(title, identity, published, fetched, 64),
    text,
    title,
    keys: [...keys],
    ...(canonical ?? url ? { url: canonical ?? url } : {}),
  };
}
