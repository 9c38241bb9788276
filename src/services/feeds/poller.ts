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
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PENDING_ITEM_PREFIX, type FeedSource, type FeedSourceUpdate, type StateStore } from '../store/types.js';
import { buildArticle, candidateOf, titleLine, urlKey, type Article, type Built, type Candidate } from './article.js';
import { decodeBody } from './charset.js';
import type { ExtractedPage } from './extract.js';
import { WorkerPageExtractor, type PageExtractor } from './extractor.js';
import { MAX_WAIT_MS, type FetchResult, type PoliteFetcher } from './fetch.js';
import { FeedParseError, parseFeedText } from './parse-feed.js';
import { shortUrl } from './url.js';
import { ArticleFileExistsError, writeArticleFile } from './writer.js';

export { textKey } from './article.js';

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
  /** Hosts polled at once (the sources of one host one after the other; each host sees one request at a time). Default 8. */
  concurrency?: number;
  /** Longest time one source may take in a poll (its feed and its pages), in ms; the items left wait for the next poll. Default 2 min. */
  sourceBudgetMs?: number;
  /** Longest time one poll may take, in ms: sources not reached wait for the next poll. Default 10 min. */
  pollBudgetMs?: number;
  /** Polls in which an item's page failed (5xx, no answer) after which its feed summary stands in. Default 3. */
  maxDeferrals?: number;
  /** Monotonic clock of the budgets, in ms (injectable for tests). Default `performance.now`. */
  clock?: () => number;
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

/** Polls sources; see the module's comment. */
export class FeedPoller {
  private readonly o: Required<Omit<PollerOptions, 'logger' | 'now' | 'writeArticle' | 'extractor' | 'pageBudgetMs' | 'clock'>>;
  private readonly clock: () => number;
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
      concurrency: Math.max(1, options.concurrency ?? 8),
      sourceBudgetMs: options.sourceBudgetMs ?? 120_000,
      pollBudgetMs: options.pollBudgetMs ?? 600_000,
      maxDeferrals: Math.max(1, options.maxDeferrals ?? 3),
      minPageChars: options.minPageChars ?? 400,
      maxNewItemsPerPoll: options.maxNewItemsPerPoll ?? 30,
      pendingGraceMs: options.pendingGraceMs ?? 5 * 60_000,
    };
    this.writeArticle = options.writeArticle ?? writeArticleFile;
    this.ownsExtractor = !options.extractor;
    this.extractor = options.extractor ?? new WorkerPageExtractor({ budgetMs: options.pageBudgetMs });
    this.now = options.now ?? (() => new Date());
    this.clock = options.clock ?? (() => performance.now());
    this.logger = options.logger;
  }

  /**
   * Polls every enabled source that is due. With `force`, a source waiting only for its poll
   * interval or `max-age` is polled too; one in backoff or under a `Retry-After` still waits.
   */
  async poll(options: { force?: boolean; onProgress?: (progress: PollProgress) => void } = {}): Promise<PollReport> {
    const started = Date.now();
    const deadline = this.clock() + this.o.pollBudgetMs;
    this.fetcher.beginPoll?.();
    await this.recoverPending();
    const now = this.now().getTime();
    const due = (await this.store.listFeedSources())
      .filter((s) => !s.disabledReason && (!s.nextAttemptAt || s.nextAttemptAt.getTime() <= now || (options.force && s.consecutiveFailures === 0)))
      // The least recently read first: a poll cut by its budget leaves the others for the next.
      .sort((a, b) => (a.lastFetchAt?.getTime() ?? 0) - (b.lastFetchAt?.getTime() ?? 0));
    // One queue per host, hosts in parallel: a slow host delays only its own sources.
    const byHost = new Map<string, FeedSource[]>();
    for (const source of due) {
      const host = hostOf(source.url);
      byHost.set(host, [...(byHost.get(host) ?? []), source]);
    }
    const groups = [...byHost.values()];
    const reports: SourceReport[] = [];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        for (const source of groups[next++]!) {
          // Out of time: the source stays due and is read first next time.
          if (this.clock() >= deadline) break;
          const report = await this.pollSource(source, Math.min(deadline, this.clock() + this.o.sourceBudgetMs));
          reports.push(report);
          options.onProgress?.({ done: reports.length, total: due.length, report });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, groups.length) }, worker));
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
  async pollSource(source: FeedSource, deadline = this.clock() + this.o.sourceBudgetMs): Promise<SourceReport> {
    const report: SourceReport = { url: source.url, outcome: 'unchanged', added: 0, known: 0, deferred: 0, skipped: 0, pages: 0, held: 0, articleIds: [] };
    let result: FetchResult;
    try {
      result = await this.fetcher.fetch({ url: source.url, wanted: source.kind, etag: source.etag, lastModified: source.lastModified, budgetMs: deadline - this.clock() });
    } catch (error) {
      result = { kind: 'error', status: 0, reason: `erreur inattendue (${error instanceof Error ? error.message : String(error)})`, permanent: false, ms: 0 };
    }
    report.status = result.status;
    const now = this.now();
    if (result.kind === 'error') return this.recordFailure(source, report, result, now);
    if (result.kind === 'not-modified') {
      report.outcome = 'not-modified';
      await this.store.updateFeedSource(source.url, this.success(now, 304, result.maxAgeMs), source.guildId);
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
        if (feed.title) update.title = titleLine(feed.title);
        candidates = feed.items.map((item) => candidateOf(item, result.finalUrl));
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
        const page = await this.articleFromPage({ keys: [urlKey(source.url)], url: source.url }, result.finalUrl, decoded.text, source, now);
        report.pages++;
        // The page is the source: one too costly to read fails it (disabled after 3 such polls).
        if (page.kind === 'held') return this.recordFailure(source, report, { status: result.status, reason: page.reason, permanent: true }, now);
        // Shutting down: the page stays due.
        if (page.kind === 'stopped') return report;
        if (page.kind === 'article') {
          update.title ??= titleLine(page.title);
          await this.admit(page, report, source);
        } else if (page.kind === 'skipped') report.skipped++;
      } else {
        await this.admitItems(candidates, source, report, now, deadline);
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
    await this.store.updateFeedSource(source.url, update, source.guildId);
    return report;
  }

  private async admitItems(candidates: Candidate[], source: FeedSource, report: SourceReport, now: Date, deadline: number): Promise<void> {
    // Feeds list the newest first. Never-tried items come before those whose page failed before,
    // so old failing items cannot keep a new one waiting; each poll takes at most the cap.
    const fresh: Candidate[] = [];
    const retried: Array<{ candidate: Candidate; marker: string }> = [];
    for (const candidate of candidates) {
      if (candidate.keys.length === 0) {
        report.skipped++;
        continue;
      }
      const known = await this.store.findFeedItem(lookupKeys(candidate.keys, source.guildId));
      if (known === undefined) fresh.push(candidate);
      else if (known.startsWith(DEFERRED_PREFIX)) retried.push({ candidate, marker: known });
      else {
        report.known++;
        // A reissued item (new GUID, same link…) is remembered under its new keys too.
        await this.store.addFeedItemKeys(ownKeys(candidate.keys, source.guildId), known, now);
      }
    }
    const chosen = [...fresh.map((candidate) => ({ candidate, marker: undefined as string | undefined })), ...retried].slice(0, this.o.maxNewItemsPerPoll);
    report.deferred += fresh.length + retried.length - chosen.length;
    // Oldest first, so that files appear in the order the news happened.
    chosen.sort((a, b) => candidates.indexOf(b.candidate) - candidates.indexOf(a.candidate));
    let warmed = false;
    for (const { candidate, marker } of chosen) {
      if (this.clock() >= deadline) {
        // The source's time is up: the rest waits for the next poll, not counted as a failure.
        report.deferred++;
        continue;
      }
      if (!warmed) {
        // A new item: its page will need the extraction thread, which starts while the page is fetched.
        warmed = true;
        this.extractor.warm?.();
      }
      const attempts = marker ? Number(/^deferred:(\d+):/.exec(marker)?.[1] ?? 0) : 0;
      let article: FromItem;
      try {
        article = await this.articleFromItem(candidate, source, now, report, deadline, attempts + 1 >= this.o.maxDeferrals);
      } catch (error) {
        // One odd item is that item's problem, never its feed's.
        report.skipped++;
        this.logger?.warn({ event: 'feeds.item_failed', url: shortUrl(candidate.url ?? source.url), reason: (error as Error).message }, 'élément de flux illisible, ignoré');
        continue;
      }
      if (article.kind === 'deferred') {
        report.deferred++;
        if (article.counted) await this.markDeferred(ownKeys(candidate.keys, source.guildId), marker, attempts + 1, now);
        continue;
      }
      if (marker) await this.store.releaseFeedItem(marker);
      if (article.kind === 'skipped') {
        report.skipped++;
        // Nothing to read there: remembered, so its page is not fetched at every poll.
        const keys = ownKeys(candidate.keys, source.guildId);
        await this.store.claimFeedItem(keys, `skipped:${keys[0]}`, now);
      } else await this.admit(article, report, source);
    }
  }

  /** Remembers that an item's page failed once more (see {@link PollerOptions.maxDeferrals}). */
  private async markDeferred(keys: string[], marker: string | undefined, attempts: number, now: Date): Promise<void> {
    const next = `${DEFERRED_PREFIX}${attempts}:${keys[0]}`;
    if (marker) await this.store.settleFeedItem(marker, next);
    else await this.store.claimFeedItem(keys, next, now);
  }

  /**
   * Claims the article's keys (pending), writes it, settles the claim; a duplicate only teaches its
   * keys. A file already under the article's name is never replaced: the same article (same link)
   * counts as known, another one (a collision, a file placed by hand) makes this one take the
   * identity's whole hash as its name.
   */
  private async admit(article: Article, report: SourceReport, source: FeedSource): Promise<void> {
    const now = this.now();
    const guildId = source.guildId;
    const keys = ownKeys(article.keys, guildId);
    let id = article.id;
    if (existsSync(this.filePath(id))) {
      if (this.holdsSameLink(id, article)) {
        report.known++;
        await this.store.addFeedItemKeys(keys, id, now);
        return;
      }
      id = article.altId;
    }
    // A server's source adds nothing its server already sees among the shared articles.
    const shared = guildId === undefined ? undefined : await this.store.findFeedItem(article.keys);
    if (shared !== undefined && !shared.startsWith(DEFERRED_PREFIX)) {
      report.known++;
      await this.store.addFeedItemKeys(keys, shared, now);
      return;
    }
    const pending = `${PENDING_ITEM_PREFIX}${id}`;
    let claim = await this.store.claimFeedItem(keys, pending, now);
    if (!claim.claimed && claim.articleId.startsWith(DEFERRED_PREFIX)) {
      // Another feed's copy of this item was waiting for its page: this one stands for both.
      await this.store.releaseFeedItem(claim.articleId);
      claim = await this.store.claimFeedItem(keys, pending, now);
    }
    if (!claim.claimed) {
      report.known++;
      await this.store.addFeedItemKeys(keys, claim.articleId, now);
      return;
    }
    try {
      await this.writeArticle(this.o.corpusDir, id, article.text);
    } catch (error) {
      // Not written: the item is not known either, so the next poll tries it again.
      await this.store.releaseFeedItem(pending).catch(() => undefined);
      if (error instanceof ArticleFileExistsError) {
        report.deferred++;
        this.logger?.warn({ event: 'feeds.name_taken', article: id }, 'un fichier porte déjà ce nom : il n’est pas remplacé');
        return;
      }
      throw error;
    }
    // Released meanwhile by another process's recovery (a write stalled for minutes): claimed again.
    if (!(await this.store.settleFeedItem(pending, id))) await this.store.claimFeedItem(keys, id, now);
    // Counted with each file, so that a poll killed halfway leaves a true count.
    await this.store.updateFeedSource(source.url, { addItems: 1, lastNewItemAt: now }, guildId);
    report.added++;
    report.articleIds.push(id);
    this.logger?.info({ article: id, url: shortUrl(article.url ?? '') }, 'article ajouté au corpus');
  }

  private filePath(id: string): string {
    return path.join(this.o.corpusDir, `${id}.txt`);
  }

  /** True when the file `id` is this article already written (its header has the same `url:` line), e.g. after the state was reset. */
  private holdsSameLink(id: string, article: Article): boolean {
    const line = /^url: .*$/m.exec(article.text)?.[0];
    if (!line) return false;
    try {
      const head = readFileSync(this.filePath(id), 'utf8').slice(0, 8_000);
      return head.split('\n').includes(line);
    } catch {
      return false;
    }
  }

  private async articleFromItem(candidate: Candidate, source: FeedSource, now: Date, report: SourceReport, deadline: number, lastTry: boolean): Promise<FromItem> {
    if (!candidate.url) return this.build(candidate, undefined, [], source, now);
    const page = await this.fetcher.fetch({ url: candidate.url, wanted: 'page', budgetMs: deadline - this.clock() });
    if (page.kind !== 'ok') {
      if (page.kind === 'error' && !page.permanent && !(page.status >= 400 && page.status < 500)) {
        // Out of the source's time, it is not the page's fault: not counted.
        const counted = this.clock() < deadline;
        if (!(counted && lastTry)) {
          this.logger?.warn({ url: shortUrl(candidate.url), reason: page.reason }, 'page d’article non récupérée, nouvel essai au prochain passage');
          return { kind: 'deferred', counted };
        }
        this.logger?.warn({ url: shortUrl(candidate.url), reason: page.reason }, 'page d’article toujours injoignable : résumé du flux gardé');
      }
      // Forbidden, gone, not a page, or failing poll after poll: the feed's summary is all there is.
      return this.build(candidate, undefined, [], source, now);
    }
    report.pages++;
    const decoded = decodeBody(page.body, page.contentType);
    const built = await this.articleFromPage(candidate, page.finalUrl, decoded.text, source, now);
    if (built.kind === 'stopped') return { kind: 'deferred', counted: false };
    if (built.kind !== 'held') return built;
    // Set aside for good (its keys are claimed with the summary's article, or as skipped); the feed's summary stands in.
    report.held++;
    report.heldReason = `page ${shortUrl(candidate.url, 100)} mise de côté : ${built.reason}`;
    this.logger?.warn({ event: 'feeds.page_held', url: shortUrl(candidate.url), reason: built.reason }, 'page mise de côté, résumé du flux gardé');
    return this.build(candidate, undefined, [], source, now);
  }

  private async articleFromPage(candidate: Candidate, finalUrl: string, html: string, source: FeedSource, now: Date): Promise<FromPage> {
    const extracted = await this.extractor.extract(html, finalUrl);
    if (extracted.abandoned === 'stopped') return { kind: 'stopped' };
    if (extracted.abandoned) return { kind: 'held', reason: extracted.failure ?? 'lecture abandonnée' };
    if (extracted.setAside) return { kind: 'held', reason: extracted.setAside };
    return this.build({ ...candidate, url: candidate.url ?? finalUrl }, { ...extracted, finalUrl }, extracted.paragraphs, source, now);
  }

  private build(candidate: Candidate, page: (ExtractedPage & { finalUrl: string }) | undefined, pageParagraphs: string[], source: FeedSource, now: Date): Built {
    return buildArticle({ candidate, page, pageParagraphs, sourceUrl: source.url, guildId: source.guildId, now, minPageChars: this.o.minPageChars });
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
    // A reason may quote the server (a content type, a network message): kept inert.
    failure = { ...failure, reason: titleLine(failure.reason) };
    const disable = failures >= limit;
    await this.store.updateFeedSource(source.url, {
      lastFetchAt: now,
      lastStatus: failure.status,
      lastError: failure.reason,
      lastErrorAt: now,
      consecutiveFailures: failures,
      nextAttemptAt: new Date(now.getTime() + wait),
      ...(disable ? { disabledReason: `${failures} échecs de suite, le dernier : ${failure.reason}`, disabledAt: now } : {}),
    }, source.guildId);
    this.logger?.warn({ url: shortUrl(source.url), status: failure.status, failures, reason: failure.reason }, 'source en échec');
    return { ...report, outcome: disable ? 'disabled' : 'failed', status: failure.status, error: failure.reason };
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

/** The marker of an item whose page failed `n` polls in a row: `deferred:<n>:<first key>`. */
const DEFERRED_PREFIX = 'deferred:';

/**
 * The keys a server's source claims: its own (`guild:<id>:` before each), so that what one server
 * follows never makes an article "known" to another; the operator's sources claim the keys as they are.
 */
function ownKeys(keys: readonly string[], guildId: string | undefined): string[] {
  return guildId === undefined ? [...keys] : keys.map((key) => `guild:${guildId}:${key}`);
}

/** What tells a server's item is known: its own keys, and the shared ones (the operator's articles every server sees). */
function lookupKeys(keys: readonly string[], guildId: string | undefined): string[] {
  return guildId === undefined ? [...keys] : [...keys, ...ownKeys(keys, guildId)];
}

/** The host a source's requests queue on. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** A page extracted: built, or set aside (too costly), or not read because the poller is closing. */
type FromPage = Built | { kind: 'held'; reason: string } | { kind: 'stopped' };
/** A feed item: built, or left for the next poll (`counted` when its page failed, not when time ran out). */
type FromItem = Built | { kind: 'deferred'; counted: boolean };
