/**
 * The corpus engine over the SQLite index: the object commands, the CLI and the digest ask (see
 * CorpusEngine). It opens the index, keeps it in step with the corpus folder (first index, syncs,
 * watching) and hands each question to the module whose job it is: actor-queries, sentence-search,
 * briefing-assembly, article-queries, trend-queries.
 */
import type {
  ArrivedArticle,
  ActorAnswer,
  ArticleSummary,
  ArticleView,
  BriefingAnswer,
  BriefingRequest,
  Choice,
  CorpusEngine,
  IndexProgress,
  FileNotice,
  MentionSeries,
  TrendsAnswer,
  Page,
  SearchAnswer,
  Scope,
} from '../engine.js';
import { ActorMatcher } from '../actors/matcher.js';
import { openIndexDatabase, type IndexDatabase } from './database.js';
import { CorpusIndexer, listCorpusFiles, type SyncOptions, type SyncReport } from './indexer.js';
import { articleIdOfName } from '../corpus/names.js';
import { Vocabulary } from './typos.js';
import { MentionCounts } from './series.js';
import { keepHeapsTight } from './heap.js';
import { ActorDirectory } from './actor-directory.js';
import { ActorQueries } from './actor-queries.js';
import { SentenceSearch } from './sentence-search.js';
import { BriefingArticles } from './briefing-articles.js';
import { BriefingAssembler } from './briefing-assembly.js';
import { ArticleQueries } from './article-queries.js';
import { TrendQueries } from './trend-queries.js';
import { percentOf, publishedProgress, publishProgress } from './first-index.js';
import { FolderWatch } from './folder-watch.js';

/** Options of {@link openEngine}, with their defaults. */
export interface EngineOptions {
  /** Folder of `.txt` articles. */
  corpusDir: string;
  /** Index file; `:memory:` keeps it in memory (tests, one-off CLI runs). */
  indexPath: string;
  /** Warnings about skipped files, in French. Default: ignored. */
  onWarning?: (message: string) => void;
  /** Progress of the first sync, for a progress bar. */
  onProgress?: SyncOptions['onProgress'];
  /** Watch the folder and re-index changed files while running. Default false. */
  watch?: boolean;
  /** Delay before a burst of file events is indexed, in ms. Default 300. */
  watchDebounceMs?: number;
  /** Called after each sync triggered by the watcher. */
  onSync?: (report: SyncReport) => void;
  /** Clock for first-seen times. Default `Date.now`. */
  now?: () => number;
  /** Sizes (in sentences, newest first) of the windows a search ranks first. Default 100 000 and 1 000 000. */
  searchWindows?: readonly number[];
  /** A window is ranked on its own when it holds at least this many matches. Default 100. */
  searchWindowMinMatches?: number;
}

/** From this many files, a first start answers before its first index is complete. */
const READY_FIRST_MIN_FILES = 500;
/** During a first index, how often queries' view of actors and titles is reloaded. */
const FIRST_INDEX_REFRESH_MS = 3000;

export class SqliteCorpusEngine implements CorpusEngine {
  private readonly actors: ActorDirectory;
  /** Set while the first index of the folder is built: queries answer from what is indexed so far. */
  private firstIndex: { done: number; total: number; refreshedAt: number } | undefined;
  private readonly stopping = new AbortController();
  private folder?: FolderWatch;
  private syncing: Promise<SyncReport> | undefined;
  readonly indexer: CorpusIndexer;
  private readonly vocabulary: Vocabulary;
  private readonly actorQueries: ActorQueries;
  private readonly sentenceSearch: SentenceSearch;
  private readonly briefingArticles: BriefingArticles;
  private readonly briefings: BriefingAssembler;
  private readonly articles: ArticleQueries;
  private readonly trendQueries: TrendQueries;

  constructor(
    private readonly db: IndexDatabase,
    private readonly options: EngineOptions,
  ) {
    this.actors = new ActorDirectory(db);
    this.indexer = new CorpusIndexer(db, () => new ActorMatcher(this.actors.catalog));
    this.vocabulary = new Vocabulary(db);
    const counts = new MentionCounts(db);
    this.actorQueries = new ActorQueries(db, this.actors, counts);
    this.sentenceSearch = new SentenceSearch(db, this.vocabulary, options);
    this.briefingArticles = new BriefingArticles(db, this.actors);
    this.briefings = new BriefingAssembler(db, this.actors, this.sentenceSearch, this.briefingArticles);
    this.articles = new ArticleQueries(db, this.sentenceSearch);
    this.trendQueries = new TrendQueries(db, this.actors, counts);
    this.refresh();
  }

  /** What the engine holds of article titles and briefing material (a closed engine holds none). */
  private get articleTitles(): readonly unknown[] | undefined {
    return this.articles.heldTitles;
  }

  private get briefingCache(): ReadonlyMap<string, unknown> {
    return this.briefingArticles.cache;
  }

  /**
   * Re-reads what queries keep in memory: actor names and counts, and article titles (only those
   * of `articleIds` when given: a watcher's sync of one file must not reload a large corpus).
   */
  private refresh(articleIds?: readonly string[]): void {
    this.vocabulary.clear();
    this.briefingArticles.cache.clear();
    this.actors.reload();
    this.articles.reloadTitles(articleIds);
  }

  /** The index's `data_version` when this engine last read its caches (readers, see reloadIfChanged). */
  private dataVersion: number | undefined;

  /**
   * For a reader of an index another process writes: re-reads the actors, counts and titles kept
   * in memory when a commit happened since the last call (SQLite's `data_version`, a cheap check).
   */
  reloadIfChanged(): boolean {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.dataVersion) return false;
    this.dataVersion = version;
    this.refresh();
    return true;
  }

  /**
   * While the first index of a large folder is built: how far it is and how many articles the
   * answers cover (« index en cours : 42 % — les réponses portent sur 42 000 articles »).
   */
  async indexProgress(): Promise<IndexProgress | undefined> {
    let progress: { done: number; total: number } | undefined = this.firstIndex;
    // A reader of an index another process writes (a shard): the index is partial until that
    // writer's first full sync ends, and the writer publishes how far it is.
    if (!progress && this.db.readonly && !this.indexer.hasFullCheck()) progress = publishedProgress(this.db);
    if (!progress) return undefined;
    // From its very start (files still being listed: 0 %): a digest must not be built meanwhile.
    const articles = this.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    return { percent: percentOf(progress), articles };
  }

  /**
   * Brings the index in step with the corpus folder (only what changed is indexed again), or
   * with just the files named.
   */
  async sync(extra: SyncOptions = {}, names?: ReadonlyArray<string | Buffer>): Promise<SyncReport> {
    // One sync at a time: a watcher event during a sync waits for it.
    while (this.syncing) await this.syncing.catch(() => undefined);
    // Until one full sync has gone through (a first start, or one stopped half-way), the index is partial.
    const first = !names && !this.indexer.hasFullCheck();
    if (first) {
      this.firstIndex = { done: 0, total: 0, refreshedAt: performance.now() };
      publishProgress(this.db, this.firstIndex);
    }
    const onProgress = (done: number, total: number) => {
      if (this.firstIndex) {
        const before = percentOf(this.firstIndex);
        Object.assign(this.firstIndex, { done, total });
        // Readers in other processes see it at each whole percent (at most a hundred small writes).
        if (percentOf(this.firstIndex) !== before) publishProgress(this.db, this.firstIndex);
        // Queries see the actors and titles indexed so far, reloaded every few seconds.
        if (performance.now() - this.firstIndex.refreshedAt >= FIRST_INDEX_REFRESH_MS) {
          this.refresh();
          this.firstIndex.refreshedAt = performance.now();
        }
      }
      extra.onProgress?.(done, total);
    };
    this.syncing = this.indexer.sync(
      this.options.corpusDir,
      { onWarning: this.options.onWarning, now: this.options.now, signal: this.stopping.signal, ...extra, onProgress },
      names,
    );
    try {
      const report = await this.syncing;
      if (report.added + report.updated + report.removed > 0 || first) {
        this.refresh(first ? undefined : names?.map((name) => articleIdOfName(name)));
      }
      return report;
    } finally {
      this.syncing = undefined;
      if (first) {
        this.firstIndex = undefined;
        // Complete: readers see it by the folder check, the progress goes. Stopped half-way: kept.
        if (this.indexer.hasFullCheck()) publishProgress(this.db, undefined);
      }
    }
  }

  /**
   * Starts watching the corpus folder; changes are indexed after a short debounce. A folder
   * removed (and perhaps recreated) is noticed within a second: the index keeps answering from
   * what it holds, and once the folder is back it is watched again and reconciled (both logged).
   */
  watch(): void {
    if (this.folder?.watching) return;
    const warn = (message: string) => this.options.onWarning?.(message);
    const reindex = (names?: Buffer[]) =>
      this.sync({}, names)
        .then((report) => this.options.onSync?.(report))
        .catch((error: unknown) => warn(`Réindexation impossible : ${(error as Error).message}`));
    this.folder = new FolderWatch({
      dir: this.options.corpusDir,
      debounceMs: this.options.watchDebounceMs ?? 300,
      warn,
      onChange: (names) => void reindex(names),
      onReturn: () => void reindex(),
    });
    this.folder.start();
  }

  async actor(query: string, page: Page = {}, scope?: Scope): Promise<ActorAnswer> {
    return this.actorQueries.actor(query, page, scope);
  }

  async autocompleteActors(partial: string, limit = 25, scope?: Scope): Promise<Choice[]> {
    return this.actorQueries.autocompleteActors(partial, limit, scope);
  }

  async search(query: string, page: Page = {}, scope?: Scope): Promise<SearchAnswer> {
    return this.sentenceSearch.search(query, page, scope);
  }

  async briefing(request: BriefingRequest = {}, view?: Scope): Promise<BriefingAnswer> {
    return this.briefings.briefing(request, view);
  }

  async storiesOf(articleIds: readonly string[]): Promise<string[][]> {
    return this.briefings.storiesOf(articleIds);
  }

  async article(id: string, scope?: Scope): Promise<ArticleView | undefined> {
    return this.articles.article(id, scope);
  }

  async autocompleteArticles(partial: string, limit = 25, scope?: Scope): Promise<Choice[]> {
    return this.articles.autocompleteArticles(partial, limit, scope);
  }

  async sources(scope?: Scope): Promise<ArticleSummary[]> {
    return this.articles.sources(scope);
  }

  async fileNotices(scope?: Scope): Promise<FileNotice[]> {
    return this.articles.fileNotices(scope);
  }

  async indexMark(): Promise<number> {
    return this.articles.indexMark();
  }

  async arrivals(afterMs: number, limit = 500): Promise<ArrivedArticle[]> {
    return this.articles.arrivals(afterMs, limit);
  }

  async matchQueries(queries: readonly string[], articleIds: readonly string[]): Promise<string[][]> {
    return this.articles.matchQueries(queries, articleIds);
  }

  async ownsArticles(guildId: string): Promise<boolean> {
    return this.articles.ownsArticles(guildId);
  }

  async articlesSince(sinceMs: number, scope?: Scope): Promise<string[]> {
    return this.articles.articlesSince(sinceMs, scope);
  }

  async mentionSeries(actorIds: string[], days = 30, scope?: Scope): Promise<MentionSeries | undefined> {
    return this.trendQueries.mentionSeries(actorIds, days, scope);
  }

  async trends(days: number, limit = 5, scope?: Scope): Promise<TrendsAnswer | undefined> {
    return this.trendQueries.trends(days, limit, scope);
  }

  async close(): Promise<void> {
    this.folder?.close();
    // A first index in progress stops after its current batch; the next start goes on from there.
    this.stopping.abort();
    if (this.syncing) await this.syncing.catch(() => undefined);
    if (this.db.open) this.db.close();
    // Whoever still holds a closed engine (a caller's variable) does not hold its caches.
    this.articles.forget();
    this.vocabulary.clear();
    this.briefingArticles.cache.clear();
    this.actors.clear();
    this.actorQueries.clear();
  }
}

/**
 * Opens the index at `indexPath` and starts bringing it in step with `corpusDir` (only what
 * changed is indexed). With `background`, the engine answers at once, from what the index holds,
 * while the folder is reconciled: a restart is ready in milliseconds whatever the size of the
 * corpus, and a first start answers from the articles indexed so far (see `indexProgress`).
 * With `quick`, a folder whose change time is that of a recent full check is not re-checked
 * file by file (see {@link SyncOptions.quick}).
 */
export async function startEngine(
  options: EngineOptions & { background?: boolean; quick?: boolean },
): Promise<{ engine: SqliteCorpusEngine; report?: SyncReport; synced: Promise<SyncReport> }> {
  keepHeapsTight();
  const { db } = openIndexDatabase(options.indexPath, { onWarning: options.onWarning });
  const engine = new SqliteCorpusEngine(db, options);
  let readyFirst = false;
  if (options.background) {
    const held = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    // A missing folder is the operator's mistake, said at once rather than in the background.
    const files = held > 0 ? [] : await listCorpusFiles(options.corpusDir).catch(async (error: unknown) => {
      await engine.close();
      throw error;
    });
    // A small folder is indexed in moments: its first answers wait for all of it.
    readyFirst = held > 0 || files.length >= READY_FIRST_MIN_FILES;
  }
  if (options.watch) engine.watch();
  const synced = engine.sync({ onProgress: options.onProgress, quick: options.quick === true });
  if (readyFirst) {
    synced.catch(() => undefined);
    return { engine, synced };
  }
  try {
    return { engine, report: await synced, synced };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** Opens the index and brings it in step with the corpus folder before resolving. */
export async function openEngine(options: EngineOptions): Promise<{ engine: SqliteCorpusEngine; report: SyncReport }> {
  const { engine, synced } = await startEngine(options);
  return { engine, report: await synced };
}
