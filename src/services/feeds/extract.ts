/**
 * An article page's HTML → its main text and metadata. The DOM is linkedom's (it parses, it never
 * runs a script or loads a resource); the main text is found by @mozilla/readability; title,
 * author, dates, canonical URL and site name come from JSON-LD, then OpenGraph, then `<meta>`.
 * Bounded: the caller limits the bytes; a document nested deeper than {@link MAX_DEPTH} or with
 * more than {@link MAX_ELEMENTS} elements is not handed to Readability.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { htmlToText, type Fragment } from './html-text.js';
import { dropLinkParagraphs, pruneFurniture } from './prune.js';
import { dataBlock, gateText, scriptDrawn } from './page-verdict.js';
import { findStandfirst, joinDropCaps, recordBlocks, withSiblingBlocks, withStandfirst } from './recover.js';

export interface ExtractedPage {
  title?: string;
  author?: string;
  /** ISO 8601 as the page gives it. */
  published?: string;
  canonicalUrl?: string;
  siteName?: string;
  description?: string;
  /** Main text, paragraph by paragraph (empty when none was found). */
  paragraphs: string[];
  /** The page says its content is for subscribers (JSON-LD `isAccessibleForFree: false`). */
  paywalled: boolean;
  /** Why no main text was extracted, when none was (French). */
  failure?: string;
  /**
   * The page's text is not its article (drawn by scripts, a gate, a block of data): why, in
   * French. The page is set aside and the feed's summary stands in.
   */
  setAside?: string;
  /**
   * The extraction did not finish (see extractor.ts): `budget` when the page took too long or
   * exhausted its thread's memory, `stopped` when the poller was closing.
   */
  abandoned?: 'budget' | 'stopped';
}

/** Deepest element nesting accepted (real pages stay under ~60). */
export const MAX_DEPTH = 400;
/** Most elements Readability is given (real article pages have a few thousand). */
export const MAX_ELEMENTS = 40_000;
/** Largest JSON-LD block read. */
const MAX_JSON_LD = 200_000;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen']);

/**
 * Deepest nesting and element count of an HTML text, by one linear scan of its tags. Written as a
 * scan, not a regular expression: a regex tag `<a[^>]*>` retried at every `<` of a text with no
 * `>` left (`<a <a <a …`, 5 MB) reads to the end each time — hours of CPU.
 */
export function measureHtml(html: string): { depth: number; elements: number } {
  let depth = 0;
  let max = 0;
  let elements = 0;
  const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 45;
  let i = html.indexOf('<');
  while (i >= 0) {
    const closing = html.charCodeAt(i + 1) === 47;
    const start = closing ? i + 2 : i + 1;
    let nameEnd = start;
    if (isLetter(html.charCodeAt(nameEnd))) while (isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === start) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const end = html.indexOf('>', nameEnd);
    // No `>` anywhere after: no tag can close, the rest is text.
    if (end < 0) break;
    const name = html.slice(start, nameEnd).toLowerCase();
    let next = end + 1;
    if (closing) {
      if (!VOID.has(name)) depth = Math.max(0, depth - 1);
    } else {
      elements++;
      const selfClosing = end > nameEnd && html.charCodeAt(end - 1) === 47;
      if (!VOID.has(name) && !selfClosing) {
        if (name === 'script' || name === 'style') {
          // Its text is not markup; its end tag is skipped too (it opened no level).
          const close = html.indexOf(`</${name}`, next);
          const closeEnd = close < 0 ? -1 : html.indexOf('>', close);
          next = closeEnd < 0 ? html.length : closeEnd + 1;
        } else {
          depth++;
          if (depth > max) max = depth;
        }
      }
    }
    i = html.indexOf('<', next);
  }
  return { depth: max, elements };
}

type Json = Record<string, unknown>;
type HtmlDocument = ReturnType<typeof parseHTML>['document'];
const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|LiveBlogPosting|BlogPosting|Report|WebPage)$/;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') return text((value as Json).name ?? (value as Json)['@value']);
  return undefined;
}

function names(value: unknown): string | undefined {
  const list = (Array.isArray(value) ? value : [value]).map(text).filter((n): n is string => Boolean(n));
  return list.length > 0 ? [...new Set(list)].join(', ') : undefined;
}

/** The article object among a page's JSON-LD blocks (top level, arrays and `@graph`). */
function jsonLdArticle(document: HtmlDocument): Json | undefined {
  const candidates: Json[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const raw = script.textContent ?? '';
    if (raw.length > MAX_JSON_LD) continue;
    try {
      const data = JSON.parse(raw) as unknown;
      const queue = Array.isArray(data) ? [...data] : [data];
      while (queue.length > 0 && candidates.length < 50) {
        const item = queue.shift();
        if (!item || typeof item !== 'object') continue;
        const obj = item as Json;
        if (Array.isArray(obj['@graph'])) queue.push(...(obj['@graph'] as unknown[]));
        candidates.push(obj);
      }
    } catch {
      // A broken JSON-LD block is common; the other sources of metadata remain.
    }
  }
  const typeOf = (o: Json) => (Array.isArray(o['@type']) ? (o['@type'] as unknown[]).map(String) : [String(o['@type'] ?? '')]);
  return (
    candidates.find((o) => typeOf(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ??
    candidates.find((o) => typeOf(o).includes('WebPage'))
  );
}

function meta(document: HtmlDocument, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const node = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const content = node?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A script between `</head>` and `<body>`: linkedom's `document.body` is the element right after
 * the head, and when that is not a body it makes an empty one — the page's own body is never
 * read (pruning and the verdicts see nothing). The page's body is moved right after the head,
 * before anything asks for `document.body`; bodies the parser opened empty are merged into it.
 */
function placeBody(document: HtmlDocument): void {
  const root = document.documentElement;
  const head = document.head;
  if (!root || !head) return;
  const bodies = [...root.children].filter((e) => e.tagName.toUpperCase() === 'BODY');
  const main = bodies.find((b) => b.firstChild) ?? bodies[0];
  if (!main) return;
  for (const extra of bodies) {
    if (extra === main) continue;
    while (extra.firstChild) main.appendChild(extra.firstChild);
    extra.remove();
  }
  if (head.nextElementSibling !== main) head.after(main);
}

/** Extracts an article page. `url` is where it was fetched (resolves relative links). Never throws. */
export function extractPage(html: string, url: string, options: { skipRules?: ReadonlySet<string> } = {}): ExtractedPage {
  const { depth, elements } = measureHtml(html);
  if (depth > MAX_DEPTH || elements > MAX_ELEMENTS) {
    return {
      paragraphs: [],
      paywalled: false,
      failure: depth > MAX_DEPTH ? `page imbriquée sur ${depth} niveaux (limite ${MAX_DEPTH})` : `page de ${elements} éléments (limite ${MAX_ELEMENTS})`,
    };
  }
  let document: HtmlDocument;
  try {
    document = parseHTML(html).document;
    placeBody(document);
  } catch (error) {
    return { paragraphs: [], paywalled: false, failure: `HTML illisible (${error instanceof Error ? error.message : String(error)})` };
  }

  const ld = jsonLdArticle(document);
  const free = ld?.isAccessibleForFree ?? (ld?.hasPart as Json | undefined)?.isAccessibleForFree;
  const paywalled = free === false || (typeof free === 'string' && free.toLowerCase() === 'false');
  const canonical =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, url) ??
    absolute(meta(document, 'og:url'), url) ??
    absolute(text(ld?.mainEntityOfPage && typeof ld.mainEntityOfPage === 'object' ? (ld.mainEntityOfPage as Json)['@id'] : ld?.mainEntityOfPage) ?? text(ld?.url), url);
  const metadata = {
    title: text(ld?.headline) ?? meta(document, 'og:title', 'twitter:title') ?? document.querySelector('title')?.textContent?.trim(),
    author: names(ld?.author) ?? meta(document, 'author', 'article:author', 'dc.creator', 'byl'),
    published: text(ld?.datePublished) ?? meta(document, 'article:published_time', 'datePublished', 'date', 'dc.date', 'pubdate'),
    siteName: text(ld?.publisher) ?? meta(document, 'og:site_name', 'application-name'),
    description: text(ld?.description) ?? meta(document, 'og:description', 'description'),
  };

  let paragraphs: string[] = [];
  let failure: string | undefined;
  let setAside: string | undefined;
  try {
    setAside = scriptDrawn(document as never);
    const skip = options.skipRules ?? new Set<string>();
    // Looked for before pruning: a page may print its summary as the caption of its video.
    const standfirst = skip.has('standfirst') ? undefined : findStandfirst(document as never, metadata.description, metadata.title);
    if (!skip.has('drop caps')) joinDropCaps(document as never);
    const pruned = pruneFurniture(document as never, skip);
    // Recorded before Readability, which rewrites the document it reads.
    const blocks = skip.has('siblings') ? { blocks: [] } : recordBlocks(document as never);
    const article = new Readability(document as never, { maxElemsToParse: MAX_ELEMENTS, charThreshold: 200 }).parse();
    const tidy = skip.has('link paragraphs') ? undefined : (kept: Fragment) => dropLinkParagraphs(kept as never);
    paragraphs = htmlToText(article?.content ?? undefined, tidy)?.split('\n\n') ?? [];
    paragraphs = withStandfirst(withSiblingBlocks(paragraphs, blocks), standfirst);
    setAside ??= gateText(paragraphs) ?? dataBlock(paragraphs, pruned.dataTables);
    metadata.title ??= article?.title ?? undefined;
    metadata.author ??= article?.byline ?? undefined;
    metadata.siteName ??= article?.siteName ?? undefined;
    metadata.published ??= article?.publishedTime ?? undefined;
    if (paragraphs.length === 0) failure = 'aucun texte principal reconnu dans la page';
  } catch (error) {
    failure = `extraction impossible (${error instanceof Error ? error.message : String(error)})`;
  }
  const result: ExtractedPage = { paragraphs, paywalled };
  for (const [key, value] of Object.entries({ ...metadata, canonicalUrl: canonical, failure, setAside })) {
    if (value) (result as unknown as Record<string, unknown>)[key] = value.replace(/\s+/g, ' ').trim();
  }
  return result;
}
