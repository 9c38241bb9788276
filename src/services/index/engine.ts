/**
 * The corpus engine over the SQLite index: actor, search, briefing, article and sources
 * queries, all top-k (a page never materialises every match). Also the factory that opens the
 * index, brings it in step with the corpus folder and, on request, watches the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { outletName } from '../corpus/outlet.js';
import Fuse from 'fuse.js';
import type { Actor } from '../types.js';
import type {
  ArrivedArticle,
  ActorAnswer,
  ActorSummary,
  ArticleSummary,
  ArticleView,
  BriefingAnswer,
  BriefingRequest,
  BriefingStory,
  Choice,
  CorpusEngine,
  Excerpt,
  IndexProgress,
  FileNotice,
  MentionSeries,
  TrendsAnswer,
  NamedCount,
  Page,
  SearchAnswer,
  SearchCorrection,
  Scope,
} from '../engine.js';
import { buildCatalog } from '../actors/catalog.js';
import { ActorMatcher } from '../actors/matcher.js';
import { ActorResolver } from '../actors/resolver.js';
import { foldText, foldedWords, tokenize } from '../text/normalize.js';
import { stemFrench, termsOf, termsOfWords } from '../text/stem.js';
import { composeBriefing, type BriefingArticle, type CandidateExcerpt } from '../briefing/compose.js';
import { candidatesFromStored, SentenceFlag } from '../briefing/excerpts.js';
import { laterEvidence, standsAloneByEvidence } from '../briefing/evidence.js';
import { groupStories } from '../briefing/stories.js';
import { openIndexDatabase, SENTENCES_OF_A, type IndexDatabase } from './database.js';
import { decodeSpans as parseSpans } from './spans.js';
import { paragraphsFromSentences } from './paragraphs.js';
import { CorpusIndexer, listCorpusFiles, type SyncOptions, type SyncReport } from './indexer.js';
import { articleIdOfName } from '../corpus/names.js';
import { Vocabulary } from './typos.js';
import { MentionCounts, risingActors } from './series.js';
import { fileOwner } from './file-owner.js';
import { keepHeapsTight } from './heap.js';

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

/** Sizes (in sentences, newest first) of the windows a paged search tries before the whole corpus. */
const SEARCH_WINDOWS = [100_000, 1_000_000];
/** A window is ranked on its own when it holds at least this many matches. */
const SEARCH_WINDOW_MIN_MATCHES = 100;
/** How many candidate sentences a briefing ranks at most. */
const BRIEFING_CANDIDATES = 300;
/** How many recent articles a whole-corpus briefing draws from. */
const BRIEFING_RECENT_ARTICLES = 200;
/** Sentences of an article read for a briefing (its beginning: news puts the news first). */
const BRIEFING_SENTENCES_READ = 60;
/** Articles whose briefing material is kept between briefings (a few tens of KB each). */
const BRIEFING_CACHE_ARTICLES = 1000;
/** Actors named per story. */
const STORY_ACTORS = 3;
const DEFAULT_BRIEFING_LIMIT = 8;
const RELATED_LIMIT = 10;
/** From this many files, a first start answers before its first index is complete. */
const READY_FIRST_MIN_FILES = 500;
/** Passage counts kept at most (one per actor and scope asked since the index last changed). */
const PASSAGE_COUNTS_KEPT = 2_000;
/** During a first index, how often queries' view of actors and titles is reloaded. */
const FIRST_INDEX_REFRESH_MS = 3000;
/**
 * Meta key: how far the first index is (`{"done":…,"total":…}`), written by the index's writer at
 * each whole percent, so that the processes reading its index (shards) see it too. No schema change.
 */
const FIRST_INDEX_PROGRESS = 'first_index_progress';

function percentOf({ done, total }: { done: number; total: number }): number {
  return total === 0 ? 0 : Math.floor((100 * done) / total);
}
/** How often the watcher checks that the corpus folder is still there (and the same one). */
const WATCH_HEALTH_MS = 1000;

/** A range of sentence ids (`above` < id <= `upTo`) ranked on its own, and its number of matches. */
interface SearchTier {
  above: number;
  upTo: number;
  count: number;
}

interface SentenceRow {
  id: number;
  article_id: string;
  idx: number;
  text: string;
  title: string;
}

/** The columns of a sentence row as queries return it: its article's id and its rank in the article. */
const SENTENCE_COLUMNS = 's.id, a.id AS article_id, s.id - a.first_sentence AS idx, s.text, a.title';

function summary(actor: Actor): ActorSummary {
  return { id: actor.id, name: actor.name, kind: actor.kind };
}

/** Where an article comes from, as answers show it: its link, outlet and arrival. */
interface ArticleOrigin {
  url?: string;
  outlet?: string;
  receivedAt?: string;
  indexedAt: string;
}

/** The outlet (site, else host) and the fetch time of an article row. */
function published(row: { site: string | null; url: string | null; fetched_at: string | null }): Pick<ArticleOrigin, 'outlet' | 'receivedAt'> {
  const outlet = outletName(row.site ?? undefined, row.url ?? undefined);
  const received = row.fetched_at && !Number.isNaN(Date.parse(row.fetched_at)) ? new Date(row.fetched_at).toISOString() : undefined;
  return { ...(outlet ? { outlet } : {}), ...(received ? { receivedAt: received } : {}) };
}

/** Article ids read per statement when excerpts are given their origin. */
const ORIGIN_CHUNK = 500;

function placeholders(count: number): string {
  return new Array(count).fill('?').join(', ');
}

/** An SQL condition (`AND …`, on the article alias `a`) and its arguments; empty when nothing is hidden. */
interface ScopeFilter {
  sql: string;
  args: string[];
  /**
   * The same scope as the numbers of the articles it hides (`SELECT n …`, read from the partial
   * index on `guild`): a count over mentions can leave them out without reading an article row
   * per mention (the row's `guild` sits behind its paragraphs).
   */
  hidden?: { sql: string; args: string[] };
}

const NO_FILTER: ScopeFilter = { sql: '', args: [] };

function quoteFts(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export class SqliteCorpusEngine implements CorpusEngine {
  private readonly catalog: Actor[];
  private readonly listedById: Map<string, Actor>;
  private actorsById = new Map<string, Actor>();
  private resolver!: ActorResolver;
  /** Article titles for autocompletion, read on first use (a CLI call never needs them). */
  private articleTitles: Array<{ id: string; title: string; guild: string | null; folded: string }> | undefined;
  /** Set while the first index of the folder is built: queries answer from what is indexed so far. */
  private firstIndex: { done: number; total: number; refreshedAt: number } | undefined;
  private readonly stopping = new AbortController();
  private watcher?: fs.FSWatcher;
  private pending?: NodeJS.Timeout;
  /** Checks that the watched folder is still the corpus folder (see watch). */
  private health?: NodeJS.Timeout;
  private syncing: Promise<SyncReport> | undefined;
  readonly indexer: CorpusIndexer;
  private readonly vocabulary: Vocabulary;
  private readonly counts: MentionCounts;
  /** Actors' passage counts (see passageCount) for the index as of `stamp`. */
  private passages = { stamp: '', counts: new Map<string, { total: number; mentions: number }>() };
  /** Actors' related actors per scope (see related) for the index as of `stamp`: pages reuse them. */
  private relatedKept = { stamp: '', lists: new Map<string, NamedCount[]>() };
  /**
   * What briefings read of recently used articles (their sentences cut into words and terms), most
   * recently used last; emptied whenever the index changed (here or in another process).
   */
  private readonly briefingCache = new Map<string, BriefingArticle & ArticleOrigin>();
  private briefingCacheStamp = '';

  constructor(
    private readonly db: IndexDatabase,
    private readonly options: EngineOptions,
  ) {
    this.catalog = buildCatalog();
    this.listedById = new Map(this.catalog.map((a) => [a.id, a]));
    this.indexer = new CorpusIndexer(db, () => new ActorMatcher(this.catalog));
    this.vocabulary = new Vocabulary(db);
    this.counts = new MentionCounts(db);
    this.refresh();
  }

  /**
   * Re-reads what queries keep in memory: actor names and counts, and article titles (only those
   * of `articleIds` when given: a watcher's sync of one file must not reload a large corpus).
   */
  private refresh(articleIds?: readonly string[]): void {
    this.vocabulary?.clear();
    this.briefingCache?.clear();
    const counts = new Map(
      (this.db.prepare('SELECT a.id AS actor_id, s.mentions FROM actor_stats s JOIN actors a ON a.n = s.actor').all() as Array<{
        actor_id: string;
        mentions: number;
      }>).map(
        (r) => [r.actor_id, r.mentions],
      ),
    );
    const found = (this.db.prepare('SELECT id, name, kind, aliases FROM found_actors').all() as Array<{
      id: string;
      name: string;
      kind: Actor['kind'];
      aliases: string;
    }>).map((r): Actor => ({ id: r.id, name: r.name, kind: r.kind, aliases: JSON.parse(r.aliases) as string[], discovered: true }));
    this.actorsById = new Map(this.listedById);
    for (const actor of found) if (!this.actorsById.has(actor.id)) this.actorsById.set(actor.id, actor);
    this.actorTermCache.clear();
    // Discovered actors no article mentions any more are forgotten.
    const known = [...this.actorsById.values()].filter((a) => !a.discovered || (counts.get(a.id) ?? 0) > 0);
    this.resolver = new ActorResolver(known.map((a) => ({ ...a, mentions: counts.get(a.id) ?? 0 })));
    const withFolded = (a: { id: string; title: string; guild: string | null }) => ({ ...a, folded: foldText(`${a.id} ${a.title}`) });
    if (!this.articleTitles) return;
    if (articleIds) {
      const changed = new Set(articleIds);
      const fresh = articleIds.flatMap(
        (id) =>
          (this.db.prepare('SELECT id, title, guild FROM articles WHERE id = ?').get(id) as { id: string; title: string; guild: string | null } | undefined) ?? [],
      );
      // Newest first, as a full reload orders them.
      this.articleTitles = [...fresh.map(withFolded), ...this.articleTitles.filter((a) => !changed.has(a.id))];
      return;
    }
    this.articleTitles = undefined;
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

  private titles(): Array<{ id: string; title: string; guild: string | null; folded: string }> {
    this.articleTitles ??= (this.db.prepare('SELECT id, title, guild FROM articles ORDER BY date DESC, id').all() as Array<{
      id: string;
      title: string;
      guild: string | null;
    }>).map((a) => ({ ...a, folded: foldText(`${a.id} ${a.title}`) }));
    return this.articleTitles;
  }

  /**
   * While the first index of a large folder is built: how far it is and how many articles the
   * answers cover (« index en cours : 42 % — les réponses portent sur 42 000 articles »).
   */
  async indexProgress(): Promise<IndexProgress | undefined> {
    let progress: { done: number; total: number } | undefined = this.firstIndex;
    // A reader of an index another process writes (a shard): the index is partial until that
    // writer's first full sync ends, and the writer publishes how far it is.
    if (!progress && this.db.readonly && !this.indexer.hasFullCheck()) progress = this.publishedProgress();
    if (!progress) return undefined;
    // From its very start (files still being listed: 0 %): a digest must not be built meanwhile.
    const articles = this.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    return { percent: percentOf(progress), articles };
  }

  /** The writer's published progress (0 % until it has published any). */
  private publishedProgress(): { done: number; total: number } {
    const value = this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(FIRST_INDEX_PROGRESS) as string | undefined;
    try {
      const { done, total } = JSON.parse(value ?? '{}') as { done?: unknown; total?: unknown };
      if (typeof done === 'number' && typeof total === 'number' && done >= 0 && total >= done) return { done, total };
    } catch {
      // Not ours to fix: reported as just started.
    }
    return { done: 0, total: 0 };
  }

  /** Publishes the first index's progress for readers (see FIRST_INDEX_PROGRESS); `undefined`: done. */
  private publishProgress(progress: { done: number; total: number } | undefined): void {
    try {
      if (progress) {
        this.db
          .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
          .run(FIRST_INDEX_PROGRESS, JSON.stringify({ done: progress.done, total: progress.total }));
      } else {
        this.db.prepare('DELETE FROM meta WHERE key = ?').run(FIRST_INDEX_PROGRESS);
      }
    } catch {
      // Readers only miss a percentage (the index closed meanwhile, a read-only file).
    }
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
      this.publishProgress(this.firstIndex);
    }
    const onProgress = (done: number, total: number) => {
      if (this.firstIndex) {
        const before = percentOf(this.firstIndex);
        Object.assign(this.firstIndex, { done, total });
        // Readers in other processes see it at each whole percent (at most a hundred small writes).
        if (percentOf(this.firstIndex) !== before) this.publishProgress(this.firstIndex);
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
        if (this.indexer.hasFullCheck()) this.publishProgress(undefined);
      }
    }
  }

  /**
   * Starts watching the corpus folder; changes are indexed after a short debounce. A folder
   * removed (and perhaps recreated) is noticed within a second: the index keeps answering from
   * what it holds, and once the folder is back it is watched again and reconciled (both logged).
   */
  watch(): void {
    if (this.watcher) return;
    const dir = this.options.corpusDir;
    const debounce = this.options.watchDebounceMs ?? 300;
    const warn = (message: string) => this.options.onWarning?.(message);
    // File names reported during the debounce (as bytes: a name need not be UTF-8); `undefined` once an event came without one.
    let changed: Map<string, Buffer> | undefined = new Map();
    const start = (): number | undefined => {
      try {
        const inode = fs.statSync(dir).ino;
        this.watcher = fs.watch(dir, { encoding: 'buffer' }, (_event, name) => {
          if (name && changed) changed.set(name.toString('hex'), name);
          else changed = undefined;
          clearTimeout(this.pending);
          this.pending = setTimeout(() => {
            const names = changed ? [...changed.values()] : undefined;
            changed = new Map();
            // A folder removed whole reports each file gone first: keep serving what is indexed;
            // the health check below reconciles once the folder is back.
            if (!fs.existsSync(dir)) return;
            this.sync({}, names)
              .then((report) => this.options.onSync?.(report))
              .catch((error: unknown) => warn(`Réindexation impossible : ${(error as Error).message}`));
          }, debounce);
        });
        this.watcher.on('error', () => undefined); // the health check below notices and recovers
        return inode;
      } catch {
        return undefined;
      }
    };
    let watched = start();
    let missing = false;
    this.health = setInterval(() => {
      let inode: number | undefined;
      try {
        inode = fs.statSync(dir).ino;
      } catch {
        if (!missing) warn(`Dossier du corpus ${dir} introuvable : les articles déjà indexés restent servis ; surveillance reprise dès son retour.`);
        missing = true;
        return;
      }
      if (inode === watched && !missing) return;
      // Back, or replaced by a new folder of the same name: watch the new one and reconcile.
      this.watcher?.close();
      this.watcher = undefined;
      watched = start();
      missing = false;
      warn(`Dossier du corpus ${dir} de retour : surveillance reprise, réindexation.`);
      this.sync()
        .then((report) => this.options.onSync?.(report))
        .catch((error: unknown) => warn(`Réindexation impossible : ${(error as Error).message}`));
    }, WATCH_HEALTH_MS);
    this.health.unref();
  }

  private actorOf(id: string): Actor | undefined {
    return this.actorsById.get(id);
  }

  private readonly actorTermCache = new Map<string, readonly string[]>();

  /** Index terms of the names and aliases of some actors (cities left out: a city is a place, part of the event). */
  private actorTermsOf(actors: ReadonlyMap<string, number> | undefined): string[] {
    const out = new Set<string>();
    for (const id of actors?.keys() ?? []) {
      let terms = this.actorTermCache.get(id);
      if (!terms) {
        const actor = this.actorOf(id);
        const cities = new Set(actor?.cities ?? []);
        const forms = actor ? [actor.name, ...actor.aliases.filter((a) => !cities.has(a))] : [];
        this.actorTermCache.set(id, (terms = [...new Set(forms.flatMap((f) => termsOf(f)))]));
      }
      for (const t of terms) out.add(t);
    }
    return [...out];
  }

  /**
   * What a scope may not see, as a condition on the article alias `a`: the articles of other
   * servers' own sources (and, without a server, of every server's). Empty when no indexed article
   * is hidden from the scope: queries then take their usual paths and precomputed whole-corpus
   * counts (actor_stats, co_mentions, actor_days) are the scope's own.
   */
  private scopeFilter(scope: Scope | undefined): ScopeFilter {
    const guild = scope?.guildId;
    const hidden = guild
      ? this.db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE guild < ?) OR EXISTS (SELECT 1 FROM articles WHERE guild > ?)').pluck().get(guild, guild)
      : this.db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE guild IS NOT NULL)').pluck().get();
    if (!hidden) return NO_FILTER;
    return guild
      ? {
          sql: 'AND (a.guild IS NULL OR a.guild = ?)',
          args: [guild],
          hidden: { sql: 'SELECT n FROM articles WHERE guild IS NOT NULL AND guild <> ?', args: [guild] },
        }
      : { sql: 'AND a.guild IS NULL', args: [], hidden: { sql: 'SELECT n FROM articles WHERE guild IS NOT NULL', args: [] } };
  }

  /** The filter on a sentence id column (FTS5 rowids): its article visible. */
  private sentenceFilter(filter: ScopeFilter, column: string): ScopeFilter {
    if (!filter.sql) return filter;
    return { sql: `AND EXISTS (SELECT 1 FROM sentences s2 JOIN articles a ON a.n = s2.article WHERE s2.id = ${column} ${filter.sql})`, args: filter.args };
  }

  /** Whether an actor may be named in a scope: listed ones always, discovered ones when a visible article mentions them. */
  private actorVisible(actor: Actor, filter: ScopeFilter): boolean {
    if (!actor.discovered || !filter.sql) return true;
    return (
      this.db
        .prepare(`SELECT 1 FROM mentions m JOIN articles a ON a.n = m.article WHERE m.actor = ? ${filter.sql} LIMIT 1`)
        .get(this.actorKey(actor.id), ...filter.args) !== undefined
    );
  }

  async actor(query: string, page: Page = {}, scope?: Scope): Promise<ActorAnswer> {
    const filter = this.scopeFilter(scope);
    const resolution = this.resolver.resolve(query);
    if (!resolution.actor || !this.actorVisible(resolution.actor, filter)) {
      // An actor found only in articles hidden from the scope is unknown there, as are such suggestions.
      const suggestions = resolution.actor ? [] : resolution.suggestions.filter((a) => this.actorVisible(a, filter));
      return { found: false, query, suggestions: suggestions.slice(0, 3).map(summary) };
    }
    const { actor, matchedAlias } = resolution;
    const key = this.actorKey(actor.id);
    // One sentence once: a sentence repeated (a wire copy, a pull quote) is shown where it first
    // comes, and counted once. Read from the start so that every page dedupes against the same
    // earlier pages; sentences are the same passage when their passage hashes (index-time) are.
    const { total, mentions } = this.passageCount(key, filter);
    const offset = Math.max(0, page.offset ?? 0);
    const end = page.limit === undefined ? Infinity : offset + Math.max(0, page.limit);
    const statement = this.db.prepare(
      `SELECT m.spans, m.score, m.passage, ${SENTENCE_COLUMNS}
       FROM mentions m JOIN sentences s ON s.id = m.sentence JOIN articles a ON a.n = m.article
       WHERE m.actor = ? ${filter.sql} ORDER BY m.article_rank, m.score DESC, a.id, s.id LIMIT ?`,
    );
    // Twice the rows the page needs, more while copies leave the page short (a page never ends early).
    let unique: Array<SentenceRow & { spans: Uint8Array; score: number; passage: number }> = [];
    for (let wanted = end === Infinity ? -1 : 2 * end; ; wanted *= 2) {
      const ordered = statement.all(key, ...filter.args, wanted) as Array<SentenceRow & { spans: Uint8Array; score: number; passage: number }>;
      const seen = new Set<number>();
      unique = ordered.filter((r) => {
        if (seen.has(r.passage)) return false;
        seen.add(r.passage);
        return true;
      });
      if (wanted < 0 || unique.length >= end || ordered.length < wanted) break;
    }
    const rows = unique.slice(offset, page.limit === undefined ? undefined : offset + page.limit);
    // The forms the actor was found under are the text of its spans (not stored twice).
    const forms = new Set<string>();
    const excerpts = rows.map((r): Excerpt => {
      const highlights = parseSpans(r.spans);
      for (const h of highlights) forms.add(r.text.slice(h.start, h.end));
      return { articleId: r.article_id, title: r.title, text: r.text, sentenceIndex: r.idx, score: r.score, highlights };
    });
    return {
      found: true,
      actor: summary(actor),
      ...(matchedAlias ? { matchedAlias } : {}),
      total,
      repeated: mentions - total,
      excerpts: this.withLinks(excerpts),
      forms: [...forms],
      related: this.related(actor.id, RELATED_LIMIT, filter),
    };
  }

  /** An actor's distinct passages (what /actor lists) and the sentences naming it (copies included). */
  private passageCount(key: number, filter: ScopeFilter): { total: number; mentions: number } {
    // Counted in SQL from the passage hashes the indexer stored; kept until the index changes, so
    // that turning pages costs nothing.
    const stamp = this.counts.stamp();
    if (this.passages.stamp !== stamp || this.passages.counts.size >= PASSAGE_COUNTS_KEPT) this.passages = { stamp, counts: new Map() };
    const cacheKey = `${key}|${filter.sql}|${filter.args.join('|')}`;
    const kept = this.passages.counts.get(cacheKey);
    if (kept) return kept;
    // A scope leaves out the articles it hides, listed once (a small set, built once per query),
    // rather than joining each mention to its article row.
    const hidden = filter.sql ? filter.hidden : undefined;
    const [from, where, args] = hidden
      ? ['mentions m', `AND m.article NOT IN (${hidden.sql})`, hidden.args]
      : filter.sql
        ? ['mentions m JOIN articles a ON a.n = m.article', filter.sql, filter.args]
        : ['mentions m', '', []];
    const counted = this.db
      .prepare(`SELECT count(DISTINCT m.passage) AS total, count(*) AS mentions FROM ${from} WHERE m.actor = ? ${where}`)
      .get(key, ...args) as { total: number; mentions: number };
    this.passages.counts.set(cacheKey, counted);
    return counted;
  }

  /** The integer key of an actor in index rows (0, matching nothing, for an actor never indexed). */
  private actorKey(id: string): number {
    return (this.db.prepare('SELECT n FROM actors WHERE id = ?').pluck().get(id) as number | undefined) ?? 0;
  }

  /**
   * The actors most often named in the same sentences as this one. Media are sources, not
   * actors of the news: never listed (their kind is known here, not in the index, so rows are
   * read page by page until enough others are found).
   */
  private related(actorId: string, limit: number, filter: ScopeFilter = NO_FILTER): NamedCount[] {
    // A scope's list costs a pass over the actor's mentions: kept until the index changes, so
    // that turning pages costs nothing.
    const stamp = this.counts.stamp();
    if (this.relatedKept.stamp !== stamp || this.relatedKept.lists.size >= PASSAGE_COUNTS_KEPT) this.relatedKept = { stamp, lists: new Map() };
    const cacheKey = `${actorId}|${limit}|${filter.sql}|${filter.args.join('|')}`;
    let list = this.relatedKept.lists.get(cacheKey);
    if (!list) this.relatedKept.lists.set(cacheKey, (list = this.readRelated(actorId, limit, filter)));
    return list.map((r) => ({ ...r }));
  }

  private readRelated(actorId: string, limit: number, filter: ScopeFilter): NamedCount[] {
    // With articles hidden from the scope, counted from the visible articles' mentions as the
    // indexer counts co_mentions: pairs in one sentence, venues left out; the hidden articles
    // listed once (see ScopeFilter.hidden) rather than each mention joined to its article.
    const visible = filter.hidden
      ? { join: '', where: `AND m.article NOT IN (${filter.hidden.sql})`, args: filter.hidden.args }
      : { join: 'JOIN articles a ON a.n = m.article', where: filter.sql, args: filter.args };
    const page = filter.sql
      ? this.db.prepare(
          `SELECT o.id AS other_id, count(*) AS count FROM mentions m ${visible.join}
           JOIN mentions x ON x.sentence = m.sentence AND x.actor <> m.actor AND x.venue = 0
           JOIN actors o ON o.n = x.actor
           WHERE m.actor = ? AND m.venue = 0 ${visible.where} GROUP BY x.actor ORDER BY count DESC, o.id LIMIT ? OFFSET ?`,
        )
      : this.db.prepare(
          `SELECT o.id AS other_id, c.count FROM co_mentions c JOIN actors o ON o.n = c.other
       WHERE c.actor = ? ORDER BY c.count DESC, o.id LIMIT ? OFFSET ?`,
        );
    const key = this.actorKey(actorId);
    const size = limit * 2;
    const related: NamedCount[] = [];
    for (let offset = 0; related.length < limit; offset += size) {
      const rows = page.all(key, ...(filter.sql ? visible.args : []), size, offset) as Array<{ other_id: string; count: number }>;
      const named = this.named(rows.map((r) => ({ id: r.other_id, count: r.count })));
      related.push(...named.filter((r) => this.actorOf(r.id!)?.kind !== 'medium'));
      if (rows.length < size) break;
    }
    return related.slice(0, limit);
  }

  /** Attaches names to counted actor ids, dropping ids no longer known. */
  private named(rows: Array<{ id: string; count: number }>): NamedCount[] {
    return rows.flatMap((r) => {
      const actor = this.actorOf(r.id);
      return actor ? [{ id: actor.id, name: actor.name, count: r.count }] : [];
    });
  }

  async autocompleteActors(partial: string, limit = 25, scope?: Scope): Promise<Choice[]> {
    const filter = this.scopeFilter(scope);
    const choices = this.resolver.autocomplete(partial, filter.sql ? limit * 2 : limit).filter((a) => this.actorVisible(a, filter));
    return choices.slice(0, limit).map((a) => ({ name: a.name, value: a.name }));
  }

  /** FTS5 match expression for a free-text query, typos corrected against the index vocabulary. */
  private matchExpression(
    query: string,
  ): { expression: string; phrase: string; stems: Set<string>; replaced: Map<string, string[]> } | undefined {
    const terms = [...new Set(termsOf(query))];
    if (terms.length === 0) return undefined;
    const stems = new Set<string>();
    const corrected = terms.map((term) => this.vocabulary.closest(term));
    // Terms the index has never seen, and the near terms searched instead.
    const replaced = new Map<string, string[]>();
    terms.forEach((term, i) => {
      const alternatives = corrected[i]!;
      if (!alternatives.includes(term)) replaced.set(term, alternatives);
    });
    for (const alternatives of corrected) for (const alt of alternatives) stems.add(alt);
    return {
      expression: corrected.map((alternatives) => `(${alternatives.map(quoteFts).join(' OR ')})`).join(' OR '),
      // Sentences with the words side by side, as typed, come first.
      phrase: corrected.length > 1 ? `"${corrected.map((alternatives) => alternatives[0]!.replace(/"/g, '""')).join(' ')}"` : '',
      stems,
      replaced,
    };
  }

  private highlightStems(text: string, stems: Set<string>): Excerpt['highlights'] {
    return tokenize(text)
      .filter((t) => stems.has(stemFrench(t.folded)))
      .map((t) => ({ start: t.start, end: t.end }));
  }

  /**
   * The tiers a search ranks in, newest first: the smallest window of recent sentences that holds
   * enough matches, then the next window, then the rest of the corpus. They are chosen from match
   * counts alone, never from the page asked, so that every page of a query reads one total order:
   * a news reader gets the latest first, and a first page costs a bounded ranking however large
   * the corpus grows.
   */
  private searchTiers(expression: string, total: number, newest: number, filter: ScopeFilter = NO_FILTER): SearchTier[] {
    const visible = this.sentenceFilter(filter, 'sentence_fts.rowid');
    const count = this.db.prepare(`SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid > ? AND rowid <= ? ${visible.sql}`).pluck();
    const tiers: SearchTier[] = [];
    let upTo = newest;
    let counted = 0;
    for (const size of this.options.searchWindows ?? SEARCH_WINDOWS) {
      const above = newest - size;
      if (above <= 0 || above >= upTo) continue;
      const inWindow = count.get(expression, above, upTo, ...visible.args) as number;
      if (inWindow < (this.options.searchWindowMinMatches ?? SEARCH_WINDOW_MIN_MATCHES)) continue;
      tiers.push({ above, upTo, count: inWindow });
      counted += inWindow;
      upTo = above;
    }
    tiers.push({ above: Number.MIN_SAFE_INTEGER, upTo, count: total - counted });
    return tiers;
  }

  /**
   * Ids and BM25 ranks of the sentences matching a query, in one total order: newest tier first
   * ({@link searchTiers}), then the query's words side by side, then BM25 rank, then id. Pages
   * (`offset`, `limit`) are slices of that order: none repeats or skips a sentence.
   */
  private rankedSentences(
    match: { expression: string; phrase: string },
    offset: number,
    limit: number | undefined,
    filter: ScopeFilter = NO_FILTER,
    newest = this.newestSentence(),
    total = this.matchCount(match.expression, newest, filter),
  ): Array<{ id: number; rank: number }> {
    const visible = this.sentenceFilter(filter, 'sentence_fts.rowid');
    const inTier = this.db.prepare(
      `SELECT rowid AS id, bm25(sentence_fts) AS rank FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid > ? AND rowid <= ? ${visible.sql}
       ORDER BY rowid IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid > ? AND rowid <= ?) DESC, rank, rowid
       LIMIT ? OFFSET ?`,
    );
    const out: Array<{ id: number; rank: number }> = [];
    let skip = Math.max(0, offset);
    let wanted = limit ?? Number.POSITIVE_INFINITY;
    for (const tier of this.searchTiers(match.expression, total, newest, filter)) {
      if (wanted <= 0) break;
      if (skip >= tier.count) {
        skip -= tier.count;
        continue;
      }
      const rows = inTier.all(
        match.expression,
        tier.above,
        tier.upTo,
        ...visible.args,
        match.phrase || '""',
        tier.above,
        tier.upTo,
        Number.isFinite(wanted) ? wanted : -1,
        skip,
      ) as Array<{ id: number; rank: number }>;
      out.push(...rows);
      wanted -= rows.length;
      skip = 0;
    }
    return out;
  }

  /**
   * The words of a query replaced by near ones, as written: the typed word, and for each term
   * searched instead its most frequent written form in a sentence that has it.
   */
  private corrections(query: string, replaced: Map<string, string[]>, filter: ScopeFilter = NO_FILTER): SearchCorrection[] {
    if (replaced.size === 0) return [];
    const visible = this.sentenceFilter(filter, 'sentence_fts.rowid');
    const sample = this.db
      .prepare(`SELECT text FROM sentences WHERE id IN (SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ? ${visible.sql} LIMIT 20)`)
      .pluck();
    const written = (stem: string): string => {
      const forms = new Map<string, number>();
      for (const text of sample.all(quoteFts(stem), ...visible.args) as string[]) {
        for (const token of tokenize(text)) {
          if (stemFrench(token.folded) !== stem) continue;
          const form = token.raw.toLocaleLowerCase('fr');
          forms.set(form, (forms.get(form) ?? 0) + 1);
        }
      }
      return [...forms].sort((a, b) => b[1] - a[1])[0]?.[0] ?? stem;
    };
    const out: SearchCorrection[] = [];
    const done = new Set<string>();
    for (const token of tokenize(query)) {
      const stem = stemFrench(token.folded);
      const alternatives = replaced.get(stem);
      if (!alternatives || done.has(stem)) continue;
      done.add(stem);
      out.push({ typed: token.raw, searched: alternatives.map(written) });
    }
    return out;
  }

  /** Matching sentences up to sentence id `upTo`. */
  private matchCount(expression: string, upTo: number, filter: ScopeFilter = NO_FILTER): number {
    const visible = this.sentenceFilter(filter, 'sentence_fts.rowid');
    return this.db
      .prepare(`SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ? AND rowid <= ? ${visible.sql}`)
      .pluck()
      .get(expression, upTo, ...visible.args) as number;
  }

  /** The id of the last sentence indexed: a search snapshot (later sentences have larger ids). */
  private newestSentence(): number {
    return (this.db.prepare('SELECT max(id) FROM sentences').pluck().get() as number | null) ?? 0;
  }

  /** The sentences of these ids with their article titles, in the order given. */
  private sentencesById(ids: number[]): SentenceRow[] {
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${SENTENCE_COLUMNS} FROM sentences s JOIN articles a ON a.n = s.article
         WHERE s.id IN (${placeholders(ids.length)})`,
      )
      .all(...ids) as SentenceRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async search(query: string, page: Page = {}, scope?: Scope): Promise<SearchAnswer> {
    const match = this.matchExpression(query);
    if (!match) return { query, total: 0, excerpts: [] };
    const filter = this.scopeFilter(scope);
    // Every page of an answer reads the corpus as its first page did.
    const snapshot = page.snapshot !== undefined && Number.isSafeInteger(page.snapshot) ? page.snapshot : this.newestSentence();
    const total = this.matchCount(match.expression, snapshot, filter);
    const ranked = this.rankedSentences(match, page.offset ?? 0, page.limit, filter, snapshot, total);
    const rows = this.sentencesById(ranked.map((r) => r.id));
    const corrections = this.corrections(query, match.replaced, filter);
    return {
      query,
      total,
      snapshot,
      ...(corrections.length > 0 ? { corrections } : {}),
      excerpts: this.withLinks(
        rows.map((r, i) => ({
          articleId: r.article_id,
          title: r.title,
          text: r.text,
          sentenceIndex: r.idx,
          score: -ranked[i]!.rank,
          highlights: this.highlightStems(r.text, match.stems),
        })),
      ),
    };
  }

  async briefing(request: BriefingRequest = {}, view?: Scope): Promise<BriefingAnswer> {
    const limit = request.limit ?? DEFAULT_BRIEFING_LIMIT;
    const filter = this.scopeFilter(view);
    const scope = request.articleIds && this.visibleIds(request.articleIds, filter);
    const inScope = scope ? `AND a.id IN (${placeholders(scope.length)})` : '';
    const scopeArgs = scope ?? [];
    let actor: Actor | undefined;
    let stems: Set<string> | undefined;
    // On a topic: the sentences about it, with their relevance (0–1) and highlight spans.
    let topical: Array<{ article_id: string; idx: number; prior: number; spans?: Uint8Array }> | undefined;

    const topic = request.topic?.trim();
    if (topic) actor = this.resolver.resolve(topic).actor;
    // An actor known only from articles hidden from the scope is not named there: its words are searched.
    if (actor && !this.actorVisible(actor, filter)) actor = undefined;
    if (topic && actor) {
      topical = this.db
        .prepare(
          `SELECT a.id AS article_id, m.sentence - a.first_sentence AS idx, m.score AS prior, m.spans
           FROM mentions m JOIN articles a ON a.n = m.article
           WHERE m.actor = ? ${inScope} ${filter.sql} ORDER BY m.article_rank, m.score DESC, m.sentence LIMIT ?`,
        )
        .all(this.actorKey(actor.id), ...scopeArgs, ...filter.args, BRIEFING_CANDIDATES) as typeof topical;
    } else if (topic) {
      const match = this.matchExpression(topic);
      stems = match?.stems;
      if (!match) topical = [];
      else if (scope) {
        topical = this.db
          .prepare(
            `SELECT a.id AS article_id, s.id - a.first_sentence AS idx, -bm25(sentence_fts) AS prior
             FROM sentence_fts f JOIN sentences s ON s.id = f.rowid JOIN articles a ON a.n = s.article
             WHERE sentence_fts MATCH ? ${inScope} ORDER BY bm25(sentence_fts), s.id LIMIT ?`,
          )
          .all(match.expression, ...scopeArgs, BRIEFING_CANDIDATES) as typeof topical;
      } else {
        const ranked = this.rankedSentences(match, 0, BRIEFING_CANDIDATES, filter);
        const sentences = this.sentencesById(ranked.map((r) => r.id));
        topical = sentences.map((r, i) => ({ article_id: r.article_id, idx: r.idx, prior: -ranked[i]!.rank }));
      }
    }
    if (topical) {
      // Scores of different scales (mention scores, BM25): brought to [0, 1].
      const top = Math.max(1e-9, ...topical.map((r) => r.prior));
      for (const row of topical) row.prior = Math.max(0.05, row.prior / top);
    }

    // The articles considered: about the topic (best first), or the most recent.
    const articleIds = topical
      ? [...new Set(topical.map((r) => r.article_id))].slice(0, BRIEFING_RECENT_ARTICLES)
      : scope
        ? this.newestFirst(scope).slice(0, BRIEFING_RECENT_ARTICLES)
        : (this.db
            .prepare(`SELECT id FROM articles a WHERE 1 ${filter.sql} ORDER BY date DESC, id LIMIT ?`)
            .pluck()
            .all(...filter.args, BRIEFING_RECENT_ARTICLES) as string[]);
    const relevant = new Map<string, { prior: number; spans?: Uint8Array }>();
    for (const row of topical ?? []) {
      const key = `${row.article_id}#${row.idx}`;
      if (!relevant.has(key)) relevant.set(key, { prior: row.prior, ...(row.spans ? { spans: row.spans } : {}) });
    }

    const articles = this.briefingArticles(articleIds);
    const relevance = topical
      ? (c: CandidateExcerpt) =>
          Math.max(0, ...c.sentenceIndexes.map((i) => relevant.get(`${c.articleId}#${i}`)?.prior ?? 0))
      : undefined;
    const aboutTopic = topical ? new Set(articles.filter((a) => this.headlineNames(a, actor, stems)).map((a) => a.id)) : undefined;
    // On a topic, a later sentence needs positive evidence that it reads alone (issue #21).
    const later = topical ? (c: CandidateExcerpt) => standsAloneByEvidence(c.text, c.opensParagraph === true) : undefined;
    // A story none of whose leads is about the topic may open on a later sentence that names its subject.
    const opener = topical ? (c: CandidateExcerpt) => laterEvidence(c.text).namedSubject : undefined;
    const composed = composeBriefing(articles, {
      limit,
      ...(relevance ? { relevance } : {}),
      ...(aboutTopic ? { aboutTopic } : {}),
      ...(later ? { later } : {}),
      ...(opener ? { opener } : {}),
    });
    const byId = new Map(articles.map((a) => [a.id, a]));
    const sentenceText = this.db
      .prepare('SELECT s.text FROM articles a JOIN sentences s ON s.id = a.first_sentence + ? WHERE a.id = ?')
      .pluck();
    const excerptOf = (c: CandidateExcerpt, score: number): Excerpt => {
      // The actor's spans of each sentence, moved to where the sentence starts in the excerpt.
      const highlights: Excerpt['highlights'] = [];
      let offset = 0;
      for (const [n, i] of c.sentenceIndexes.entries()) {
        const spans = relevant.get(`${c.articleId}#${i}`)?.spans;
        if (spans) for (const h of parseSpans(spans)) highlights.push({ start: h.start + offset, end: h.end + offset });
        if (n + 1 < c.sentenceIndexes.length) offset += (sentenceText.get(i, c.articleId) as string).length + 1;
      }
      return {
        articleId: c.articleId,
        title: byId.get(c.articleId)!.title,
        text: c.text,
        sentenceIndex: c.sentenceIndexes[0] ?? 0,
        ...(c.sentenceIndexes.length > 1 ? { sentenceIndexes: [...c.sentenceIndexes] } : {}),
        kind: c.kind,
        score,
        highlights: highlights.length > 0 ? highlights : stems ? this.highlightStems(c.text, stems) : [],
      };
    };
    const covered = composed.filter((s) => s.picks.length > 0);
    let rank = 0;
    const stories = covered.map((story): BriefingStory => {
      const quoted = new Set(story.picks.map((p) => p.articleId));
      const head = byId.get(story.articleIds[0]!)!;
      const actorCounts = new Map<string, number>();
      for (const id of story.articleIds) {
        for (const [actorId, n] of byId.get(id)!.actors) actorCounts.set(actorId, (actorCounts.get(actorId) ?? 0) + n);
      }
      return {
        headline: head.title,
        headlineArticleId: head.id,
        // Scores say the order: stories first, then rounds within a story.
        excerpts: story.picks.map((p) => excerptOf(p, 1 - rank++ / Math.max(1, limit * 2))),
        sources: story.articleIds.map((id) => {
          const a = byId.get(id)!;
          return {
            id,
            title: a.title,
            ...(a.date ? { date: a.date } : {}),
            ...(a.url ? { url: a.url } : {}),
            ...(a.outlet ? { outlet: a.outlet } : {}),
            ...(a.receivedAt ? { receivedAt: a.receivedAt } : {}),
            indexedAt: a.indexedAt,
            quoted: quoted.has(id),
          };
        }),
        copies: story.copies,
        actors: this.named(
          [...actorCounts]
            .filter(([id]) => id !== actor?.id)
            .map(([id, count]) => ({ id, count }))
            .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
        ).slice(0, STORY_ACTORS),
      };
    });
    // Each excerpt says where it comes from (outlet, date), in its story as in the flat list.
    const excerpts = this.withLinks(stories.flatMap((s) => s.excerpts));
    let at = 0;
    for (const story of stories) story.excerpts = excerpts.slice(at, (at += story.excerpts.length));

    // Key actors and cited media are counted on the articles the briefing lists, not on those it
    // left out. An overview without excerpts (`limit: 0`, the digest's) counts every article asked
    // for (the digest's period), so its shares are shares of all the period's mentions.
    const shown = [...new Set(stories.flatMap((s) => s.sources.map((a) => a.id)))];
    const counted = limit > 0 ? shown : topical ? articleIds : (scope ?? articleIds);
    const wholeCorpus = limit === 0 && !topic && !scope;
    const isMedium = (c: NamedCount) => this.actorOf(c.id!)?.kind === 'medium';
    const counts = this.mentionCounts(counted, wholeCorpus, filter).filter((c) => c.id !== actor?.id && !isMedium(c));
    return {
      ...(topic ? { topic } : {}),
      ...(actor ? { actor: summary(actor) } : {}),
      excerpts,
      stories,
      storyCount: composed.length,
      actors: counts.slice(0, 10),
      actorMentions: counts.reduce((sum, c) => sum + c.count, 0),
      sources: this.citedCounts(counted, wholeCorpus, filter).slice(0, 10),
      articleCount: new Set(excerpts.map((e) => e.articleId)).size,
      consideredArticles: articleIds.length,
    };
  }

  /** Whether an article's headline names the topic: the actor by one of its forms, or every word searched. */
  private headlineNames(article: BriefingArticle, actor: Actor | undefined, stems: Set<string> | undefined): boolean {
    if (actor) {
      const title = ` ${foldText(article.title).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
      return [actor.name, ...actor.aliases].some((form) => {
        const folded = foldText(form).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        return folded.length > 0 && title.includes(` ${folded} `);
      });
    }
    return !!stems && stems.size > 0 && [...stems].every((s) => article.titleTerms.includes(s));
  }

  /** The ids among these that the filter lets through, in the order given. */
  private visibleIds(ids: readonly string[], filter: ScopeFilter): readonly string[] {
    if (!filter.sql) return ids;
    const visible = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT id FROM articles a WHERE id IN (${placeholders(chunk.length)}) ${filter.sql}`)
        .pluck()
        .all(...chunk, ...filter.args) as string[];
      for (const id of rows) visible.add(id);
    }
    return ids.filter((id) => visible.has(id));
  }

  /**
   * Article ids, most recent publication first, undated ones last, ties by id: the same corpus
   * gives the same order however (and whenever) it was indexed — never by indexing time.
   */
  private newestFirst(ids: readonly string[]): string[] {
    const order = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT id, date FROM articles WHERE id IN (${placeholders(chunk.length)})`)
        .all(...chunk) as Array<{ id: string; date: string | null }>;
      for (const r of rows) order.set(r.id, Date.parse(r.date ?? '') || -Infinity);
    }
    const key = (id: string) => order.get(id)!;
    return ids
      .filter((id) => order.has(id))
      .sort((a, b) => (key(a) === key(b) ? (a < b ? -1 : a > b ? 1 : 0) : key(b) > key(a) ? 1 : -1));
  }

  /** What the briefing composer needs of some articles, in the order given. */
  private briefingArticles(ids: readonly string[]): Array<BriefingArticle & ArticleOrigin> {
    if (ids.length === 0) return [];
    // The cache holds while nothing was written: by this connection (total_changes) or another (data_version).
    const stamp = `${this.db.pragma('data_version', { simple: true })}:${this.db.prepare('SELECT total_changes()').pluck().get()}`;
    if (stamp !== this.briefingCacheStamp) {
      this.briefingCache.clear();
      this.briefingCacheStamp = stamp;
    }
    const missing = ids.filter((id) => !this.briefingCache.has(id));
    if (missing.length > 0) {
      for (const article of this.readBriefingArticles(missing)) this.briefingCache.set(article.id, article);
    }
    const out = ids.flatMap((id) => {
      const article = this.briefingCache.get(id);
      if (!article) return [];
      // Most recently used last.
      this.briefingCache.delete(id);
      this.briefingCache.set(id, article);
      return [article];
    });
    for (const id of this.briefingCache.keys()) {
      if (this.briefingCache.size <= BRIEFING_CACHE_ARTICLES) break;
      this.briefingCache.delete(id);
    }
    return out;
  }

  /** {@link briefingArticles} read from the index. */
  private readBriefingArticles(ids: readonly string[]): Array<BriefingArticle & ArticleOrigin> {
    const list = placeholders(ids.length);
    const meta = new Map(
      (this.db.prepare(`SELECT id, title, date, url, site, fetched_at, first_seen_ms FROM articles WHERE id IN (${list})`).all(...ids) as Array<{
        id: string;
        title: string;
        date: string | null;
        url: string | null;
        site: string | null;
        fetched_at: string | null;
        first_seen_ms: number;
      }>).map((r) => [r.id, r]),
    );
    const sentences = new Map<string, Array<{ idx: number; text: string; centrality: number; flags: number; paragraph: number }>>();
    const rows = this.db
      .prepare(
        `SELECT a.id AS article_id, s.id - a.first_sentence AS idx, s.text, s.centrality, s.flags, s.paragraph
         FROM articles a JOIN sentences s ON s.id BETWEEN a.first_sentence AND a.first_sentence + min(a.sentence_count, ?) - 1
         WHERE a.id IN (${list}) ORDER BY a.id, s.id`,
      )
      .all(BRIEFING_SENTENCES_READ, ...ids) as Array<{ article_id: string; idx: number; text: string; centrality: number; flags: number; paragraph: number }>;
    for (const r of rows) {
      let own = sentences.get(r.article_id);
      if (!own) sentences.set(r.article_id, (own = []));
      own.push(r);
    }
    const actors = new Map<string, Map<string, number>>();
    const mentionRows = this.db
      .prepare(
        `SELECT a.id AS article_id, ac.id AS actor_id, count(*) AS n
         FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} JOIN actors ac ON ac.n = m.actor
         WHERE a.id IN (${list}) AND m.venue = 0 GROUP BY a.n, m.actor`,
      )
      .all(...ids) as Array<{ article_id: string; actor_id: string; n: number }>;
    for (const r of mentionRows) {
      // Media are sources, and a venue (`réunis à Rome`) is only where it happened: neither is what the story is about.
      if (this.actorOf(r.actor_id)?.kind === 'medium') continue;
      let own = actors.get(r.article_id);
      if (!own) actors.set(r.article_id, (own = new Map()));
      own.set(r.actor_id, r.n);
    }
    return ids.flatMap((id) => {
      const m = meta.get(id);
      if (!m) return [];
      const own = sentences.get(id) ?? [];
      // Each sentence cut once: its terms for story grouping, its folded words for copy detection.
      const sentenceTerms: string[][] = [];
      const words: string[] = [];
      for (const s of own) {
        const folded = foldedWords(s.text);
        sentenceTerms.push(termsOfWords(folded));
        for (const w of folded) words.push(w);
      }
      // The lead the index chose (past a caption, a dateline, a stamp): where the news starts.
      const leadAt = Math.max(0, own.findIndex((s) => (s.flags & SentenceFlag.Lead) !== 0));
      return [
        {
          id,
          title: m.title,
          ...(m.date ? { date: m.date } : {}),
          ...(m.url ? { url: m.url } : {}),
          ...published(m),
          indexedAt: new Date(m.first_seen_ms).toISOString(),
          titleTerms: termsOf(m.title),
          // Terms live only in the FTS5 index: these few sentences are cut again (cheaper than storing them twice).
          sentenceTerms,
          // Where the news starts, for the story vector (not a caption or a stamp before it).
          leadAt,
          actors: actors.get(id) ?? new Map(),
          // Who, as index terms: story grouping compares what happened without them.
          actorTerms: this.actorTermsOf(actors.get(id)),
          text: own.map((s) => s.text).join(' '),
          // From the lead on, for the event's date.
          lead: own.slice(leadAt).map((s) => s.text).join(' ').slice(0, 1000),
          words,
          // Stand-alone units only, the lead first (judged at index time: see briefing/excerpts.ts).
          candidates: candidatesFromStored(id, own.map((s) => ({ index: s.idx, text: s.text, centrality: s.centrality, flags: s.flags, paragraph: s.paragraph }))),
        },
      ];
    });
  }

  /** Mention counts per actor over some articles (or the whole corpus), most first. */
  private mentionCounts(articleIds: readonly string[], wholeCorpus = false, filter: ScopeFilter = NO_FILTER): NamedCount[] {
    const rows = wholeCorpus && filter.sql
      ? (this.db
          .prepare(
            `SELECT ac.id, count(*) AS count FROM mentions m JOIN articles a ON a.n = m.article JOIN actors ac ON ac.n = m.actor
             WHERE 1 ${filter.sql} GROUP BY m.actor ORDER BY count DESC, ac.id`,
          )
          .all(...filter.args) as Array<{ id: string; count: number }>)
      : wholeCorpus
      ? (this.db
          .prepare('SELECT a.id, s.mentions AS count FROM actor_stats s JOIN actors a ON a.n = s.actor ORDER BY count DESC, a.id')
          .all() as Array<{ id: string; count: number }>)
      : articleIds.length === 0
        ? []
        : (this.db
            .prepare(
              `SELECT ac.id, count(*) AS count FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} JOIN actors ac ON ac.n = m.actor
               WHERE a.id IN (${placeholders(articleIds.length)}) GROUP BY m.actor ORDER BY count DESC, ac.id`,
            )
            .all(...articleIds) as Array<{ id: string; count: number }>);
    return this.named(rows);
  }

  /**
   * Media cited as sources (`selon Reuters`, not `sanctions contre RT`: the `cited` mentions) over
   * some articles (or the whole corpus), most first. Read by media actor, on the mentions' key.
   */
  private citedCounts(articleIds: readonly string[], wholeCorpus: boolean, filter: ScopeFilter = NO_FILTER): NamedCount[] {
    const media = (this.db.prepare('SELECT id, n FROM actors').all() as Array<{ id: string; n: number }>).filter(
      (a) => this.actorOf(a.id)?.kind === 'medium',
    );
    if (media.length === 0 || (!wholeCorpus && articleIds.length === 0)) return [];
    const keys = media.map((a) => a.n);
    const inArticles = wholeCorpus ? filter.sql : `AND a.id IN (${placeholders(articleIds.length)})`;
    const rows = this.db
      .prepare(
        `SELECT ac.id, count(*) AS count FROM mentions m JOIN articles a ON a.n = m.article JOIN actors ac ON ac.n = m.actor
         WHERE m.actor IN (${placeholders(keys.length)}) AND m.cited = 1 ${inArticles} GROUP BY m.actor ORDER BY count DESC, ac.id`,
      )
      .all(...keys, ...(wholeCorpus ? filter.args : articleIds)) as Array<{ id: string; count: number }>;
    return this.named(rows);
  }

  /**
   * The excerpts with where their article comes from: its outlet, publication date and arrival
   * from the web, and the address of the original, when known (answers name outlets, never ids).
   */
  private withLinks(excerpts: Excerpt[]): Excerpt[] {
    const ids = [...new Set(excerpts.map((e) => e.articleId))];
    if (ids.length === 0) return excerpts;
    type Row = { id: string; url: string | null; site: string | null; date: string | null; fetched_at: string | null };
    const origins = new Map<string, Pick<Excerpt, 'url' | 'outlet' | 'date' | 'receivedAt'>>();
    // In chunks: SQLite bounds the variables of one statement (a CLI `--all` can list many articles).
    for (let i = 0; i < ids.length; i += ORIGIN_CHUNK) {
      const chunk = ids.slice(i, i + ORIGIN_CHUNK);
      const rows = this.db
        .prepare(`SELECT id, url, site, date, fetched_at FROM articles WHERE id IN (${placeholders(chunk.length)})`)
        .all(...chunk) as Row[];
      for (const r of rows) {
        origins.set(r.id, { ...(r.url ? { url: r.url } : {}), ...published(r), ...(r.date ? { date: r.date } : {}) });
      }
    }
    return excerpts.map((e) => {
      const origin = origins.get(e.articleId);
      return origin && Object.keys(origin).length > 0 ? { ...e, ...origin } : e;
    });
  }

  async article(id: string, scope?: Scope): Promise<ArticleView | undefined> {
    const filter = this.scopeFilter(scope);
    const row = this.db
      .prepare(
        `SELECT id, title, author, date, reading_minutes, paragraphs, characters, first_sentence, sentence_count, url, place, site, fetched_at, first_seen_ms
         FROM articles a WHERE id = ? ${filter.sql}`,
      )
      .get(id.trim(), ...filter.args) as
      | {
          id: string;
          title: string;
          author: string | null;
          date: string | null;
          reading_minutes: number | null;
          paragraphs: string | null;
          characters: number;
          first_sentence: number;
          sentence_count: number;
          url: string | null;
          place: string | null;
          site: string | null;
          fetched_at: string | null;
          first_seen_ms: number;
        }
      | undefined;
    if (!row) return undefined;
    const paragraphs =
      row.paragraphs === null
        ? paragraphsFromSentences(
            this.db
              .prepare('SELECT paragraph, text FROM sentences WHERE id BETWEEN ? AND ? ORDER BY id')
              .all(row.first_sentence, row.first_sentence + row.sentence_count - 1) as Array<{ paragraph: number; text: string }>,
          )
        : (JSON.parse(row.paragraphs) as string[]);
    return {
      id: row.id,
      title: row.title,
      ...(row.url ? { url: row.url } : {}),
      ...published(row),
      ...(row.author ? { author: row.author } : {}),
      ...(row.date ? { date: row.date } : {}),
      ...(row.place ? { place: row.place } : {}),
      ...(row.site ? { site: row.site } : {}),
      arrivedAt: row.first_seen_ms,
      ...(row.reading_minutes ? { readingMinutes: row.reading_minutes } : {}),
      paragraphs,
      sentences: row.sentence_count,
      characters: row.characters,
    };
  }

  async autocompleteArticles(partial: string, limit = 25, scope?: Scope): Promise<Choice[]> {
    const folded = foldText(partial.trim());
    const guild = scope?.guildId;
    const titles = this.titles().filter((a) => a.guild === null || a.guild === guild);
    let hits = folded ? titles.filter((a) => a.folded.includes(folded)) : titles;
    if (hits.length === 0 && folded) {
      hits = new Fuse(titles, { keys: ['folded'], threshold: 0.4, ignoreLocation: true })
        .search(folded, { limit })
        .map((r) => r.item);
    }
    return hits.slice(0, limit).map((a) => ({ name: a.title, value: a.id }));
  }

  async sources(scope?: Scope): Promise<ArticleSummary[]> {
    const filter = this.scopeFilter(scope);
    const rows = this.db
      .prepare(`SELECT id, title, author, date, sentence_count, characters, url, site, fetched_at FROM articles a WHERE 1 ${filter.sql} ORDER BY id`)
      .all(...filter.args) as Array<{
      id: string;
      title: string;
      author: string | null;
      date: string | null;
      sentence_count: number;
      characters: number;
      url: string | null;
      site: string | null;
      fetched_at: string | null;
    }>;
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      ...(r.url ? { url: r.url } : {}),
      ...published(r),
      ...(r.author ? { author: r.author } : {}),
      ...(r.date ? { date: r.date } : {}),
      sentences: r.sentence_count,
      characters: r.characters,
    }));
  }

  async fileNotices(scope?: Scope): Promise<FileNotice[]> {
    const rows = this.db
      .prepare(
        `SELECT f.path, f.status, f.reason, a.n IS NOT NULL AS held, a.guild FROM files f LEFT JOIN articles a ON a.id = f.article_id
         WHERE f.status <> 'ok' OR f.reason IS NOT NULL ORDER BY f.path`,
      )
      .all() as Array<{ path: string; status: string; reason: string | null; held: number; guild: string | null }>;
    // A server sees the files of shared articles and its own; the operator (no scope) sees all.
    // A skipped file has no article row: its owner is read from its header.
    const visible = (r: (typeof rows)[number]) => {
      if (scope === undefined) return true;
      const owner = r.held ? r.guild : fileOwner(r.path);
      return owner === null || owner === scope.guildId;
    };
    return rows.filter(visible).map((r) => ({ file: path.basename(r.path), indexed: r.status === 'ok', reason: r.reason ?? '' }));
  }

  async indexMark(): Promise<number> {
    return (this.db.prepare('SELECT max(first_seen_ms) FROM articles').pluck().get() as number | null) ?? 0;
  }

  async arrivals(afterMs: number, limit = 500): Promise<ArrivedArticle[]> {
    const rows = this.db
      .prepare('SELECT n, id, title, date, url, site, guild, first_seen_ms FROM articles WHERE first_seen_ms > ? ORDER BY first_seen_ms, id LIMIT ?')
      .all(afterMs, limit) as Array<{
      n: number;
      id: string;
      title: string;
      date: string | null;
      url: string | null;
      site: string | null;
      guild: string | null;
      first_seen_ms: number;
    }>;
    if (rows.length === 0) return [];
    const actors = new Map<number, string[]>();
    const mentionRows = this.db
      .prepare(
        `SELECT DISTINCT a.n AS article, ac.id FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} JOIN actors ac ON ac.n = m.actor
         WHERE m.venue = 0 AND a.n IN (${placeholders(rows.length)}) ORDER BY article, ac.id`,
      )
      .all(...rows.map((r) => r.n)) as Array<{ article: number; id: string }>;
    for (const r of mentionRows) {
      const own = actors.get(r.article) ?? [];
      own.push(r.id);
      actors.set(r.article, own);
    }
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      ...(r.date ? { date: r.date } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(r.site ? { site: r.site } : {}),
      ...(r.guild ? { guild: r.guild } : {}),
      arrivedAt: r.first_seen_ms,
      actorIds: actors.get(r.n) ?? [],
    }));
  }

  async matchQueries(queries: readonly string[], articleIds: readonly string[]): Promise<string[][]> {
    if (articleIds.length === 0 || queries.length === 0) return queries.map(() => []);
    const rows = this.db
      .prepare(`SELECT n, id, first_sentence, sentence_count FROM articles WHERE id IN (${placeholders(articleIds.length)})`)
      .all(...articleIds) as Array<{ n: number; id: string; first_sentence: number; sentence_count: number }>;
    if (rows.length === 0) return queries.map(() => []);
    const idOf = new Map(rows.map((r) => [r.n, r.id]));
    // New articles hold the newest sentence ids: one range bounds every query to them.
    const from = Math.min(...rows.map((r) => r.first_sentence));
    const to = Math.max(...rows.map((r) => r.first_sentence + r.sentence_count - 1));
    const statement = this.db
      .prepare(
        `SELECT DISTINCT s.article FROM sentence_fts f JOIN sentences s ON s.id = f.rowid
         WHERE sentence_fts MATCH ? AND f.rowid BETWEEN ? AND ?`,
      )
      .pluck();
    return queries.map((query) => {
      const match = this.matchExpression(query);
      if (!match) return [];
      return (statement.all(match.expression, from, to) as number[]).flatMap((n) => idOf.get(n) ?? []);
    });
  }

  async storiesOf(articleIds: readonly string[]): Promise<string[][]> {
    const articles = this.briefingArticles([...new Set(articleIds)]);
    return groupStories(articles).map((story) => story.articleIds);
  }

  async ownsArticles(guildId: string): Promise<boolean> {
    return this.db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE guild = ?)').pluck().get(guildId) === 1;
  }

  async articlesSince(sinceMs: number, scope?: Scope): Promise<string[]> {
    const filter = this.scopeFilter(scope);
    return this.db
      .prepare(`SELECT id FROM articles a WHERE first_seen_ms > ? ${filter.sql} ORDER BY first_seen_ms, id`)
      .pluck()
      .all(sinceMs, ...filter.args) as string[];
  }

  async mentionSeries(actorIds: string[], days = 30, scope?: Scope): Promise<MentionSeries | undefined> {
    const filter = this.scopeFilter(scope);
    const actors = actorIds.flatMap((id) => this.actorOf(id) ?? []).filter((a) => this.actorVisible(a, filter));
    if (actors.length === 0) return undefined;
    const rows = this.counts.series(actors.map((a) => this.actorKey(a.id)), days, filter);
    if (!rows) return undefined;
    const lines = rows.lines.map((line, i) => ({ id: actors[i]!.id, name: actors[i]!.name, counts: line.counts, total: line.total }));
    return {
      ...rows.range,
      step: rows.step,
      days: rows.days,
      dates: rows.dates,
      // The actor asked for stays even at zero; others only when they are on the picture.
      lines: lines.filter((line, i) => i === 0 || line.total > 0),
      previous: rows.previous,
      undated: rows.undated,
      stamp: this.seriesStamp(filter, scope),
    };
  }

  /** A picture cache's key: the index's write stamp, and whose view when some articles are hidden from it. */
  private seriesStamp(filter: ScopeFilter, scope: Scope | undefined): string {
    return filter.sql ? `${this.counts.stamp()}@${scope?.guildId ?? 'commun'}` : this.counts.stamp();
  }

  async trends(days: number, limit = 5, scope?: Scope): Promise<TrendsAnswer | undefined> {
    const filter = this.scopeFilter(scope);
    const rows = this.counts.trends(days, filter);
    if (!rows) return undefined;
    const ids = new Map(
      (this.db.prepare('SELECT n, id FROM actors').all() as Array<{ n: number; id: string }>).map((r) => [r.n, r.id]),
    );
    // Media are sources, not actors of the news; with no mention in the period before, nothing can be said to rise.
    const rising =
      rows.previousTotalMentions === 0
        ? []
        : risingActors(rows, (key) => {
            const actor = this.actorOf(ids.get(key) ?? '');
            return actor !== undefined && actor.kind !== 'medium';
          });
    return {
      period: { ...rows.period, days },
      previousPeriod: rows.previousPeriod,
      totalMentions: rows.totalMentions,
      previousTotalMentions: rows.previousTotalMentions,
      rising: rising.slice(0, limit).map((r) => {
        const actor = this.actorOf(ids.get(r.key)!)!;
        return { id: actor.id, name: actor.name, mentions: r.mentions, previousMentions: r.previousMentions, share: r.share, previousShare: r.previousShare };
      }),
      undatedMentions: rows.undatedMentions,
      stamp: this.seriesStamp(filter, scope),
    };
  }

  async close(): Promise<void> {
    this.watcher?.close();
    clearTimeout(this.pending);
    // A first index in progress stops after its current batch; the next start goes on from there.
    this.stopping.abort();
    clearInterval(this.health);
    if (this.syncing) await this.syncing.catch(() => undefined);
    if (this.db.open) this.db.close();
    // Whoever still holds a closed engine (a caller's variable) does not hold its caches.
    this.articleTitles = undefined;
    this.vocabulary.clear();
    this.briefingCache.clear();
    this.actorTermCache.clear();
    this.passages = { stamp: '', counts: new Map() };
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
