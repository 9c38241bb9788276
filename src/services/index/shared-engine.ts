/**
 * One corpus index shared by several processes of one host (shard processes): one elected
 * writer indexes the folder and watches it, the others read the same file. The election is a
 * lock file beside the index (see leadership/lease.ts): a writer that dies, even by `kill -9`,
 * frees it, and a reader takes over within a second or so (its next try), indexing from where
 * the index stands. A process alone is simply the writer: exactly the engine of startEngine.
 *
 * A reader opens the index read-only and never syncs; it re-reads what queries keep in memory
 * (actors, counts, titles) when the writer has committed (SQLite's `data_version`), and opens the
 * file again when its writer replaced it (rebuilt for a new version, or set aside when damaged).
 */
import fs from 'node:fs';
import type { CorpusEngine } from '../engine.js';
import { tryFileLease, type Lease } from '../leadership/lease.js';
import { openIndexReader } from './database.js';
import { SqliteCorpusEngine, startEngine, type EngineOptions } from './engine.js';
import type { SyncOptions, SyncReport } from './indexer.js';

export type IndexRole = 'writer' | 'reader';

export interface SharedEngineOptions extends EngineOptions {
  /** See startEngine. */
  background?: boolean;
  /** See startEngine. */
  quick?: boolean;
  /** The election's lock file (one per index file). */
  lockPath: string;
  /** How often a reader looks for the writer's commits and tries to take over. Default 1 000 ms. */
  followMs?: number;
  /** This process's role, when it is known and when it changes, with a French line for the log. */
  onRole?: (role: IndexRole, message: string) => void;
}

/** Inode of the index file (changes when the writer replaces it), or undefined while there is none. */
function inodeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

export class SharedCorpusEngine implements CorpusEngine {
  private timer?: NodeJS.Timeout;
  private promoting?: Promise<void>;
  private closed = false;
  private inode: number | undefined;
  private resolveSynced: (report: SyncReport) => void = () => undefined;
  private rejectSynced: (error: unknown) => void = () => undefined;
  /** Resolves when this process, once the writer, has brought the index in step with the folder. */
  readonly synced: Promise<SyncReport>;

  constructor(
    private current: SqliteCorpusEngine,
    private currentRole: IndexRole,
    private lease: Lease | undefined,
    private readonly options: SharedEngineOptions,
    synced?: Promise<SyncReport>,
  ) {
    this.synced =
      synced ??
      new Promise<SyncReport>((resolve, reject) => {
        this.resolveSynced = resolve;
        this.rejectSynced = reject;
      });
    this.synced.catch(() => undefined);
    if (currentRole === 'reader') {
      this.inode = inodeOf(options.indexPath);
      current.reloadIfChanged();
      this.timer = setInterval(() => this.follow(), options.followMs ?? 1_000);
      this.timer.unref();
    }
  }

  get role(): IndexRole {
    return this.currentRole;
  }

  /** A reader's periodic step: take over if the writer is gone, else follow its commits. */
  private follow(): void {
    if (this.closed || this.promoting) return;
    let lease: Lease | undefined;
    try {
      lease = tryFileLease(this.options.lockPath);
    } catch (error) {
      this.options.onWarning?.(`Élection de l'index impossible (${(error as Error).message}) : nouvel essai.`);
    }
    if (lease) {
      this.promoting = this.promote(lease).finally(() => (this.promoting = undefined));
      return;
    }
    try {
      const inode = inodeOf(this.options.indexPath);
      if (inode !== undefined && inode !== this.inode) {
        const db = openIndexReader(this.options.indexPath);
        if (!db) return;
        const previous = this.current;
        this.current = new SqliteCorpusEngine(db, { ...this.options, watch: false });
        this.current.reloadIfChanged();
        this.inode = inode;
        void previous.close();
        return;
      }
      this.current.reloadIfChanged();
    } catch (error) {
      this.options.onWarning?.(`Lecture de l'index partagé impossible (${(error as Error).message}) : nouvel essai.`);
    }
  }

  /** The writer is gone: this process indexes from now on (from what the index already holds). */
  private async promote(lease: Lease): Promise<void> {
    const { lockPath: _lock, followMs: _follow, onRole: _onRole, ...engineOptions } = this.options;
    try {
      const started = await startEngine({ ...engineOptions, background: true });
      if (this.closed) {
        await started.engine.close();
        await lease.release();
        return;
      }
      clearInterval(this.timer);
      const previous = this.current;
      this.current = started.engine;
      this.currentRole = 'writer';
      this.lease = lease;
      this.options.onRole?.('writer', `Plus aucun processus n'indexe ce corpus : celui-ci (pid ${process.pid}) prend le relais et surveille le dossier.`);
      started.synced.then(this.resolveSynced, this.rejectSynced);
      // Queries already started on the reader finish on it (they are synchronous once begun).
      setTimeout(() => void previous.close(), 1_000).unref();
    } catch (error) {
      await lease.release();
      this.options.onWarning?.(`Reprise de l'indexation impossible (${(error as Error).message}) : nouvel essai.`);
    }
  }

  actor: CorpusEngine['actor'] = (...args) => this.current.actor(...args);
  autocompleteActors: CorpusEngine['autocompleteActors'] = (...args) => this.current.autocompleteActors(...args);
  search: CorpusEngine['search'] = (...args) => this.current.search(...args);
  briefing: CorpusEngine['briefing'] = (...args) => this.current.briefing(...args);
  article: CorpusEngine['article'] = (...args) => this.current.article(...args);
  autocompleteArticles: CorpusEngine['autocompleteArticles'] = (...args) => this.current.autocompleteArticles(...args);
  sources: CorpusEngine['sources'] = (...args) => this.current.sources(...args);
  fileNotices: CorpusEngine['fileNotices'] = (...args) => this.current.fileNotices(...args);
  articlesSince: CorpusEngine['articlesSince'] = (...args) => this.current.articlesSince(...args);
  indexProgress = () => this.current.indexProgress();
  mentionSeries: NonNullable<CorpusEngine['mentionSeries']> = (...args) => this.current.mentionSeries(...args);
  trends: NonNullable<CorpusEngine['trends']> = (...args) => this.current.trends(...args);
  indexMark = () => this.current.indexMark();
  arrivals = (afterMs: number, limit?: number) => this.current.arrivals(afterMs, limit);
  matchQueries = (queries: readonly string[], articleIds: readonly string[]) => this.current.matchQueries(queries, articleIds);
  storiesOf = (articleIds: readonly string[]) => this.current.storiesOf(articleIds);
  ownsArticles = (guildId: string) => this.current.ownsArticles(guildId);

  /** Brings the index in step with the folder now: only the writer may. */
  async sync(extra: SyncOptions = {}, names?: ReadonlyArray<string | Buffer>): Promise<SyncReport> {
    if (this.currentRole !== 'writer') {
      throw new Error(`un autre processus indexe ce corpus (verrou ${this.options.lockPath}) : celui-ci ne fait que lire l'index`);
    }
    return this.current.sync(extra, names);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.promoting;
    await this.current.close();
    await this.lease?.release();
  }
}

/**
 * Opens the corpus engine of a process that shares its index with others of the same host:
 * the writer (this process, when it takes the lock) is exactly {@link startEngine}; a reader
 * answers from the index as its writer builds it. Resolves like startEngine; a reader's `synced`
 * resolves only once it has taken over and synced.
 */
export async function startSharedEngine(
  options: SharedEngineOptions,
): Promise<{ engine: SharedCorpusEngine; report?: SyncReport; synced: Promise<SyncReport> }> {
  const { lockPath, followMs = 1_000, onRole: _onRole, ...engineOptions } = options;
  for (let waited = false; ; waited = true) {
    let lease: Lease | undefined;
    try {
      lease = tryFileLease(lockPath);
    } catch {
      // No lock file possible here (a folder that cannot be written): the index cannot be written
      // either, and startEngine says so in one line naming the place.
      const started = await startEngine(engineOptions);
      return { engine: new SharedCorpusEngine(started.engine, 'writer', undefined, options, started.synced), ...(started.report ? { report: started.report } : {}), synced: started.synced };
    }
    if (lease) {
      try {
        const started = await startEngine(engineOptions);
        const engine = new SharedCorpusEngine(started.engine, 'writer', lease, options, started.synced);
        options.onRole?.('writer', `Ce processus (pid ${process.pid}) indexe le corpus et surveille son dossier ; les autres processus de la machine lisent son index.`);
        return { engine, ...(started.report ? { report: started.report } : {}), synced: started.synced };
      } catch (error) {
        await lease.release();
        throw error;
      }
    }
    const db = openIndexReader(options.indexPath);
    if (db) {
      const engine = new SharedCorpusEngine(new SqliteCorpusEngine(db, { ...engineOptions, watch: false }), 'reader', undefined, options);
      options.onRole?.('reader', `Un autre processus indexe ce corpus (verrou ${lockPath}) : celui-ci (pid ${process.pid}) lit son index.`);
      return { engine, synced: engine.synced };
    }
    // The writer has not created the index yet.
    if (!waited) options.onWarning?.(`Index ${options.indexPath} en cours de création par un autre processus : attente.`);
    await new Promise((resolve) => setTimeout(resolve, followMs));
  }
}
