/**
 * One poll of the sources: fetch each due source, read its items, fetch and extract the pages of
 * new ones, and write each new article once into the corpus folder. What "new" means is decided
 * by the state store's item keys (normalised URL, canonical URL, GUID, hash of the cleaned text),
 * claimed atomically, so neither a restart, a reordered feed, a reissued item nor two feeds
 * carrying one article ever produce a second file.
 *
 * Crash-safe: the keys are claimed as pending (`pending:<id>`) before the file is written, and
 * settled under the article's id once it is renamed into place. A kill between the two leaves a
 * pending claim; the next poll settles it when the file exists, and releases it when it does not
 * (once it is older than any write could take), so the item is fetched again instead of lost.
 *
 * Scheduling lives in the source's status: `nextAttemptAt` is set from the poll interval, the
 * response's `max-age`, a `Retry-After`, or an exponential backoff after failures; a source that
 * keeps failing is disabled with its reason.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cleanArticleFile } from '../corpus/header.js';
import { PENDING_ITEM_PREFIX, type FeedSource, type FeedSourceUpdate, type StateStore } from '../store/types.js';
import { foldText } from '../text/normalize.js';
import { decodeBody } from './charset.js';
import type { ExtractedPage } from './extract.js';
import { WorkerPageExtractor, type PageExtractor } from './extractor.js';
import { MAX_WAIT_MS, type FetchResult, type PoliteFetcher } from './fetch.js';
import { FeedParseError, parseFeedText, type FeedItem } from './parse-feed.js';
import { articleIdentity, normaliseUrl, shortUrl } from './url.js';
import { articleFileText, fetchedArticleId, writeArticleFile } from './writer.js';

/** The minimal logger the feeds use (pino's fits). */
export interface FeedLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface PollerOptions {
  /** Where new articles are written (CORPUS_DIR). */
  corpusDir: string;
  /** Time between two polls of a source that answers well, in ms. Default 15 min. */
  pollIntervalMs?: number;
  /** First backoff after a failure, doubled at each further failure, in ms. Default 1 min. */
  backoffBaseMs?: number;
  /** Longest backoff, in ms. Default 6 h. */
  maxBackoffMs?: number;
  /** Failures in a row after which a source is disabled. Default 10 (3 when the error is permanent: 404, robots.txt…). */
  maxFailures?: number;
  /** Sources polled at once (each host still sees one request at a time). Default 4. */
  concurrency?: number;
  /** A page with less main text than this (characters) keeps the feed's summary. Default 400. */
  minPageChars?: number;
  /** New items taken from one feed in one poll (the rest wait for the next). Default 30. */
  maxNewItemsPerPoll?: number;
  /** A pending claim older than this with no file is a crashed write: released, so the item is retried. Default 5 min. */
  pendingGraceMs?: number;
  logger?: FeedLogger;
  /** Injectable clock. */
  now?: () => Date;
  /** Longest time the extraction of one page may take, in ms (a longer one is abandoned). Default 10 000. */
  pageBudgetMs?: number;
  /** Extracts pages (default: a {@link WorkerPageExtractor} with `pageBudgetMs`, closed by {@link FeedPoller.close}). */
  extractor?: PageExtractor;
  /** Writes an article file atomically (default {@link writeArticleFile}); injectable to test a crash mid-write. */
  writeArticle?: (corpusDir: string, id: string, text: string) => Promise<string>;
}

export type SourceOutcome = 'new' | 'unchanged' | 'not-modified' | 'failed' | 'disabled';

export interface SourceReport {
  url: string;
  outcome: SourceOutcome;
  /** Articles written. */
  added: number;
  /** Items already known (or duplicates of known articles). */
  known: number;
  /** Items left for the next poll (page not reachable this time, or over the per-poll cap). */
  deferred: number;
  /** Items without any usable text. */
  skipped: number;
  /** Pages extracted (fetched and run through Readability). */
  pages: number;
  /** Pages set aside (too costly to read, drawn by scripts, a gate, data rather than prose); the feed's summary stands in. */
  held: number;
  /** Why the last page was set aside (French). */
  heldReason?: string;
  status?: number;
  error?: string;
  /** Ids of the articles written. */
  articleIds: string[];
}

export interface PollReport {
  sources: SourceReport[];
  added: number;
  ms: number;
}

export interface PollProgress {
  done: number;
  total: number;
  report: SourceReport;
}

interface Candidate {
  /** Known before fetching the page. */
  keys: string[];
  url?: string;
  guid?: string;
  title?: string;
  summary?: string;
  author?: string;
  published?: string;
}

/** sha256 of a cleaned article's text, folded: the same article with other markup or spacing hashes the same. */
export function textKey(paragraphs: readonly string[]): string {
  const folded = foldText(paragraphs.join(' ')).replace(/[^a-z0-9]+/g, ' ').trim();
  return `text:${createHash('sha256').update(folded).digest('hex').slice(0, 32)}`;
}

const urlKey = (url: string) => `url:${articleIdentity(url)}`;

/** Polls sources; see the module's comment. */
export class FeedPoller {
  private readonly o: Required<Omit<PollerOptions, 'logger' | 'now' | 'writeArticle' | 'extractor' | 'pageBudgetMs'>>;
  private readonly extractor: PageExtractor;
  private readonly ownsExtractor: boolean;
  private readonly writeArticle: NonNullable<PollerOptions['writeArticle']>;
  private readonly now: () => Date;
  private readonly logger?: FeedLogger;

  constructor(
    private readonly store: StateStore,
    private readonly fetcher: PoliteFetcher,
    options: PollerOptions,
  ) {
    this.o = {
      corpusDir: options.corpusDir,
      pollIntervalMs: options.pollIntervalMs ?? 15 * 60_000,
      backoffBaseMs: options.backoffBaseMs ?? 60_000,
      maxBackoffMs: options.maxBackoffMs ?? 6 * 3600_000,
      maxFailures: options.maxFailures ?? 10,
      concurrency: Math.max(1, options.concurrency ?? 4),
      minPageChars: options.minPageChars ?? 400,
      maxNewItemsPerPoll: options.maxNewItemsPerPoll ?? 30,
      pendingGraceMs: options.pendingGraceMs ?? 5 * 60_000,
    };
    this.writeArticle = options.writeArticle ?? writeArticleFile;
    this.ownsExtractor = !options.extractor;
    this.extractor = options.extractor ?? new WorkerPageExtractor({ budgetMs: options.pageBudgetMs });
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  /**
   * Polls every enabled source that is due. With `force`, a source waiting only for its poll
   * interval or `max-age` is polled too; one in backoff or under a `Retry-After` still waits.
   */
  async poll(options: { force?: boolean; onProgress?: (progress: PollProgress) => void } = {}): Promise<PollReport> {
    const started = Date.now();
    await this.recoverPending();
    const now = this.now().getTime();
    const due = (await this.store.listFeedSources()).filter(
      (s) => !s.disabledReason && (!s.nextAttemptAt || s.nextAttemptAt.getTime() <= now || (options.force && s.consecutiveFailures === 0)),
    );
    const reports: SourceReport[] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const source = due[next++]!;
        const report = await this.pollSource(source);
        reports.push(report);
        options.onProgress?.({ done: reports.length, total: due.length, report });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, due.length) }, worker));
    return { sources: reports, added: reports.reduce((n, r) => n + r.added, 0), ms: Date.now() - started };
  }

  /** True when an enabled source was never read and is due (just added, here or by another process). */
  async hasUnreadSource(): Promise<boolean> {
    const now = this.now().getTime();
    return (await this.store.listFeedSources()).some((s) => !s.disabledReason && !s.lastFetchAt && (!s.nextAttemptAt || s.nextAttemptAt.getTime() <= now));
  }

  /** Stops the extraction thread (when the poller made it). */
  async close(): Promise<void> {
    if (this.ownsExtractor) await this.extractor.close();
  }

  /**
   * Settles or releases the claims a crash left pending (see the module's comment). A young
   * pending claim without its file may be another process's write in progress: left alone.
   */
  async recoverPending(): Promise<{ settled: number; released: number }> {
    let settled = 0;
    let released = 0;
    const now = this.now().getTime();
    for (const pending of await this.store.listPendingFeedItems()) {
      const id = pending.articleId.slice(PENDING_ITEM_PREFIX.length);
      if (existsSync(path.join(this.o.corpusDir, `${id}.txt`))) {
        if (await this.store.settleFeedItem(pending.articleId, id)) settled++;
      } else if (now - pending.since.getTime() >= this.o.pendingGraceMs) {
        await this.store.releaseFeedItem(pending.articleId);
        removeTemporaries(this.o.corpusDir, id);
        released++;
        this.logger?.warn({ event: 'feeds.item_released', article: id }, 'article interrompu avant son écriture : il sera relu');
      }
    }
    return { settled, released };
  }

  /** Polls one source now and records the outcome in its status. Never throws for a bad source. */
  async pollSource(source: FeedSource): Promise<SourceReport> {
    const report: SourceReport = { url: source.url, outcome: 'unchanged', added: 0, known: 0, deferred: 0, skipped: 0, pages: 0, held: 0, articleIds: [] };
    let result: FetchResult;
    try {
      result = await this.fetcher.fetch({ url: source.url, wanted: source.kind, etag: source.etag, lastModified: source.lastModified });
    } catch (error) {
      result = { kind: 'error', status: 0, reason: `erreur inattendue (${error instanceof Error ? error.message : String(error)})`, permanent: false, ms: 0 };
    }
    report.status = result.status;
    const now = this.now();
    if (result.kind === 'error') return this.recordFailure(source, report, result, now);
    if (result.kind === 'not-modified') {
      report.outcome = 'not-modified';
      await this.store.updateFeedSource(source.url, this.success(now, 304, result.maxAgeMs));
      return report;
    }

    const decoded = decodeBody(result.body, result.contentType);
    const update: FeedSourceUpdate = {
      ...this.success(now, result.status, result.maxAgeMs),
      // A response without a validator clears the stored one: never send a stale or empty one.
      etag: result.etag ?? null,
      lastModified: result.lastModified ?? null,
    };
    let candidates: Candidate[];
    let kind = source.kind;
    if (kind === 'feed') {
      try {
        const feed = parseFeedText(decoded.text, result.finalUrl);
        if (feed.title) update.title = feed.title;
        candidates = feed.items.map((item) => this.candidateOf(item, feed.link ?? result.finalUrl));
      } catch (error) {
        if (!(error instanceof FeedParseError) || !/html/i.test(result.contentType ?? '')) {
          return this.recordFailure(source, report, { status: result.status, reason: (error as Error).message, permanent: false }, now);
        }
        // An HTML page given as a source: a single article to follow.
        kind = 'page';
        update.kind = 'page';
        candidates = [];
      }
    } else candidates = [];

    try {
      if (kind === 'page') {
        const page = await this.articleFromPage({ keys: [urlKey(source.url)], url: source.url }, result.finalUrl, decoded.text, source.url, now);
        report.pages++;
        // The page is the source: one too costly to read fails it (disabled after 3 such polls).
        if (page.kind === 'held') return this.recordFailure(source, report, { status: result.status, reason: page.reason, permanent: true }, now);
        // Shutting down: the page stays due.
        if (page.kind === 'stopped') return report;
        if (page.kind === 'article') {
          update.title ??= page.title;
          await this.admit(page, report);
        } else if (page.kind === 'skipped') report.skipped++;
      } else {
        await this.admitItems(candidates, source, report, now);
      }
    } catch (error) {
      // The corpus folder or the state failed: the source is fine, the attempt is not.
      return this.recordFailure(source, report, { status: result.status, reason: `écriture impossible (${error instanceof Error ? error.message : String(error)})`, permanent: false }, now);
    }

    report.outcome = report.added > 0 ? 'new' : 'unchanged';
    if (report.heldReason) {
      // Shown in the source's status; the next poll without trouble clears it.
      update.lastError = report.heldReason;
      update.lastErrorAt = now;
    }
    if (report.added > 0) {
      update.lastNewItemAt = now;
      update.addItems = report.added;
    }
    await this.store.updateFeedSource(source.url, update);
    return report;
  }

  private candidateOf(item: FeedItem, base: string): Candidate {
    const keys: string[] = [];
    if (item.url) keys.push(urlKey(item.url));
    // GUIDs are scoped by the site, whose section feeds share them.
    if (item.guid) keys.push(`guid:${new URL(base).hostname.replace(/^www\./, '')}:${item.guid.trim()}`);
    return { keys, ...item };
  }

  private async admitItems(candidates: Candidate[], source: FeedSource, report: SourceReport, now: Date): Promise<void> {
    let taken = 0;
    let warmed = false;
    // Oldest first, so that files appear in the order the news happened.
    for (const candidate of [...candidates].reverse()) {
      if (candidate.keys.length === 0) {
        report.skipped++;
        continue;
      }
      const known = await this.store.findFeedItem(candidate.keys);
      if (known !== undefined) {
        report.known++;
        // A reissued item (new GUID, same link…) is remembered under its new keys too.
        await this.store.addFeedItemKeys(candidate.keys, known, now);
        continue;
      }
      if (taken >= this.o.maxNewItemsPerPoll) {
        report.deferred++;
        continue;
      }
      taken++;
      if (!warmed) {
        // A new item: its page will need the extraction thread, which starts while the page is fetched.
        warmed = true;
        this.extractor.warm?.();
      }
      const article = await this.articleFromItem(candidate, source, now, report);
      if (article.kind === 'deferred') report.deferred++;
      else if (article.kind === 'skipped') {
        report.skipped++;
        // Nothing to read there: remembered, so its page is not fetched at every poll.
        await this.store.claimFeedItem(candidate.keys, `skipped:${candidate.keys[0]}`, now);
      } else await this.admit(article, report);
    }
  }

  /** Claims the article's keys (pending), writes it, settles the claim; a duplicate only teaches its keys. */
  private async admit(article: Article, report: SourceReport): Promise<void> {
    const now = this.now();
    const pending = `${PENDING_ITEM_PREFIX}${article.id}`;
    const claim = await this.store.claimFeedItem(article.keys, pending, now);
    if (!claim.claimed) {
      report.known++;
      await this.store.addFeedItemKeys(article.keys, claim.articleId, now);
      return;
    }
    try {
      await this.writeArticle(this.o.corpusDir, article.id, article.text);
    } catch (error) {
      // Not written: the item is not known either, so the next poll tries it again.
      await this.store.releaseFeedItem(pending).catch(() => undefined);
      throw error;
    }
    // Released meanwhile by another process's recovery (a write stalled for minutes): claimed again.
    if (!(await this.store.settleFeedItem(pending, article.id))) await this.store.claimFeedItem(article.keys, article.id, now);
    report.added++;
    report.articleIds.push(article.id);
    this.logger?.info({ article: article.id, url: shortUrl(article.url ?? '') }, 'article ajouté au corpus');
  }

  private async articleFromItem(candidate: Candidate, source: FeedSource, now: Date, report: SourceReport): Promise<FromItem> {
    if (!candidate.url) return this.build(candidate, undefined, [], source.url, now);
    const page = await this.fetcher.fetch({ url: candidate.url, wanted: 'page' });
    if (page.kind !== 'ok') {
      if (page.kind === 'error' && !page.permanent && !(page.status >= 400 && page.status < 500)) {
        this.logger?.warn({ url: shortUrl(candidate.url), reason: page.reason }, 'page d’article non récupérée, nouvel essai au prochain passage');
        return { kind: 'deferred' };
      }
      // Forbidden, gone or not a page: the feed's summary is all there is.
      return this.build(candidate, undefined, [], source.url, now);
    }
    report.pages++;
    const decoded = decodeBody(page.body, page.contentType);
    const built = await this.articleFromPage(candidate, page.finalUrl, decoded.text, source.url, now);
    if (built.kind === 'stopped') return { kind: 'deferred' };
    if (built.kind !== 'held') return built;
    // Set aside for good (its keys are claimed with the summary's article, or as skipped); the feed's summary stands in.
    report.held++;
    report.heldReason = `page ${shortUrl(candidate.url, 100)} mise de côté : ${built.reason}`;
    this.logger?.warn({ event: 'feeds.page_held', url: shortUrl(candidate.url), reason: built.reason }, 'page mise de côté, résumé du flux gardé');
    return this.build(candidate, undefined, [], source.url, now);
  }

  private async articleFromPage(candidate: Candidate, finalUrl: string, html: string, sourceUrl: string, now: Date): Promise<FromPage> {
    const extracted = await this.extractor.extract(html, finalUrl);
    if (extracted.abandoned === 'stopped') return { kind: 'stopped' };
    if (extracted.abandoned) return { kind: 'held', reason: extracted.failure ?? 'lecture abandonnée' };
    if (extracted.setAside) return { kind: 'held', reason: extracted.setAside };
    return this.build({ ...candidate, url: candidate.url ?? finalUrl }, { ...extracted, finalUrl }, extracted.paragraphs, sourceUrl, now);
  }

  /** The article file for an item: the page's text, or the feed's summary when the page gives too little. */
  private build(
    candidate: Candidate,
    page: (ExtractedPage & { finalUrl: string }) | undefined,
    pageParagraphs: string[],
    sourceUrl: string,
    now: Date,
  ): Built {
    const pageChars = pageParagraphs.reduce((n, p) => n + p.length, 0);
    const summary = candidate.summary?.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean) ?? [];
    const summaryChars = summary.reduce((n, p) => n + p.length, 0);
    const full = page && !page.paywalled && pageChars >= this.o.minPageChars;
    const paragraphs = full ? pageParagraphs : summaryChars >= pageChars ? summary : pageParagraphs;
    const title = (candidate.title ?? page?.title ?? '').replace(/\s+/g, ' ').trim();
    if (paragraphs.length === 0 || !title) return { kind: 'skipped' };

    const fetched = now.toISOString();
    const url = page?.finalUrl ?? candidate.url;
    const canonical = page?.canonicalUrl;
    const identity = articleIdentity(canonical ?? url ?? `${sourceUrl}#${candidate.guid ?? title}`);
    const published = candidate.published ?? page?.published;
    const id = fetchedArticleId(title, identity, published, fetched);
    const header = {
      title,
      fetched,
      ...((candidate.url ?? url) ? { url: cleanLink((candidate.url ?? url)!) } : {}),
      ...(canonical ? { canonical } : {}),
      source: sourceUrl,
      ...(page?.siteName ? { site: page.siteName } : {}),
      ...((candidate.author ?? page?.author) ? { author: candidate.author ?? page?.author } : {}),
      ...(published ? { published } : {}),
      content: full ? ('full' as const) : ('summary' as const),
    };
    const text = articleFileText({ header, paragraphs });
    // The cleaner decides what the text is; an item it leaves empty is not an article.
    const cleaned = cleanArticleFile(id, text);
    if (cleaned.paragraphs.length === 0) return { kind: 'skipped' };
    const keys = new Set(candidate.keys);
    if (url) keys.add(urlKey(url));
    if (canonical) keys.add(`canonical:${articleIdentity(canonical)}`).add(urlKey(canonical));
    keys.add(textKey(cleaned.paragraphs));
    return { kind: 'article', id, text, title, keys: [...keys], ...(canonical ?? url ? { url: canonical ?? url } : {}) };
  }

  private success(now: Date, status: number, maxAgeMs: number | undefined): FeedSourceUpdate {
    const wait = Math.max(this.o.pollIntervalMs, Math.min(maxAgeMs ?? 0, MAX_WAIT_MS));
    return {
      lastFetchAt: now,
      lastStatus: status,
      lastError: null,
      lastErrorAt: null,
      consecutiveFailures: 0,
      nextAttemptAt: new Date(now.getTime() + wait),
    };
  }

  private async recordFailure(
    source: FeedSource,
    report: SourceReport,
    failure: { status: number; reason: string; permanent: boolean; retryAfterMs?: number },
    now: Date,
  ): Promise<SourceReport> {
    const failures = source.consecutiveFailures + 1;
    const backoff = Math.min(this.o.maxBackoffMs, this.o.backoffBaseMs * 2 ** (failures - 1));
    const wait = Math.max(backoff, failure.retryAfterMs ?? 0);
    const limit = failure.permanent ? Math.min(3, this.o.maxFailures) : this.o.maxFailures;
    const disable = failures >= limit;
    await this.store.updateFeedSource(source.url, {
      lastFetchAt: now,
      lastStatus: failure.status,
      lastError: failure.reason,
      lastErrorAt: now,
      consecutiveFailures: failures,
      nextAttemptAt: new Date(now.getTime() + wait),
      ...(disable ? { disabledReason: `${failures} échecs de suite, le dernier : ${failure.reason}`, disabledAt: now } : {}),
    });
    this.logger?.warn({ url: shortUrl(source.url), status: failure.status, failures, reason: failure.reason }, 'source en échec');
    return { ...report, outcome: disable ? 'disabled' : 'failed', status: failure.status, error: failure.reason };
  }
}

/** A link as the header keeps it: without tracking parameters (as typed when it is not an http(s) URL). */
function cleanLink(url: string): string {
  try {
    return normaliseUrl(url);
  } catch {
    return url;
  }
}

/** Deletes the temporary files of an article whose write was cut short (see writer.ts for their names). */
function removeTemporaries(corpusDir: string, id: string): void {
  let names: string[];
  try {
    names = readdirSync(corpusDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(`.${id}.`) && name.endsWith('.tmp')) rmSync(path.join(corpusDir, name), { force: true });
  }
}

type Article = { kind: 'article'; id: string; text: string; title: string; keys: string[]; url?: string };
/** An item made into an article file's text, or nothing to read. */
type Built = Article | { kind: 'skipped' };
/** A page extracted: built, or set aside (too costly), or not read because the poller is closing. */
type FromPage = Built | { kind: 'held'; reason: string } | { kind: 'stopped' };
/** A feed item: built, or left for the next poll. */
type FromItem = Built | { kind: 'deferred' };
