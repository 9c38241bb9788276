/**
 * The corpus engine in a worker thread. better-sqlite3 is synchronous: an indexing run or a heavy
 * query on the main thread would stall whatever else runs there (the Discord gateway's heartbeats,
 * the 3-second interaction window). Here the index, its sync, its watcher and every query live in
 * one worker with its own connection; the main thread only exchanges messages. Between two files
 * of a sync the worker answers pending queries, so a re-index delays a query by one file at most.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker.js';
import type { ArrivedArticle, CorpusEngine, IndexProgress, MentionSeries, TrendsAnswer } from '../engine.js';
import { IndexError } from './database.js';
import { CorpusDirError, type SyncReport } from './indexer.js';
import type { EngineOptions } from './engine.js';
import type { IndexRole } from './shared-engine.js';
import { WORKER_YOUNG_MB } from './heap.js';

/** The engine options that can cross to a worker (callbacks become messages). */
export type WorkerEngineOptions = Omit<EngineOptions, 'now'> & {
  /** Answer at once from what the index holds, reconciling in the background (see startEngine). */
  background?: boolean;
  /** Trust a recent full check while the folder's change time is unchanged (see startEngine). */
  quick?: boolean;
  /** Called when the worker died and is being restarted, with a French line saying why. */
  onRestart?: (message: string) => void;
  /** Share the index with the other processes of the host through this lock file (see shared-engine.ts). */
  lockPath?: string;
  /** How often a reader of a shared index follows its writer and tries to take over (ms). Default 1 000. */
  followMs?: number;
  /** This process's role on a shared index, when known and when it changes (with `lockPath`). */
  onRole?: (role: IndexRole, message: string) => void;
  /** The worker's entry module (tests give one that crashes on purpose). Default `./worker-main.ts`. */
  entry?: string;
  /** Heap of the engine worker, in MB: past it, the worker alone dies and is restarted. Default 2 048. */
  heapMb?: number;
};

/** Heap of the engine worker: past it, the worker alone dies (and is restarted), not the bot. */
const ENGINE_HEAP_MB = 2048;
/** Delay before restarting a worker that died, doubled at each death in a row, up to 30 s. */
const RESTART_DELAY_MS = 250;
const RESTART_DELAY_MAX_MS = 30_000;

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'ready'; report?: SyncReport }
  | { type: 'reconciled'; report: SyncReport }
  | { type: 'reconcile-failed'; error: SerializedError }
  | { type: 'failed'; error: SerializedError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'warning'; message: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'synced'; report: SyncReport }
  | { type: 'role'; role: IndexRole; message: string };

/** Messages to the worker. */
export type WorkerRequest = { id: number; method: keyof CorpusEngine | 'sync'; args: unknown[] };

export interface SerializedError {
  name: string;
  message: string;
}

/** Errors whose class matters to callers (they are shown to the operator as one line). */
function revive(error: SerializedError): Error {
  if (error.name === 'IndexError') return new IndexError(error.message);
  if (error.name === 'CorpusDirError') return new CorpusDirError(error.message);
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

/** Starts the worker and resolves once it answers queries (see WorkerCorpusEngine.open). */
async function launch(
  options: WorkerEngineOptions,
): Promise<{ worker: Worker; report?: SyncReport; synced: Promise<SyncReport> }> {
  const { onWarning, onProgress, onSync, onRole, onRestart: _onRestart, entry, heapMb, ...data } = options;
  const worker = startTsWorker(entry ?? './worker-main.ts', {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: heapMb ?? ENGINE_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'warning') onWarning?.(message.message);
    else if (message.type === 'progress') onProgress?.(message.done, message.total);
    else if (message.type === 'synced') onSync?.(message.report);
    else if (message.type === 'role') onRole?.(message.role, message.message);
  });
  const synced = new Promise<SyncReport>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'reconciled') resolve(message.report);
      else if (message.type === 'reconcile-failed') reject(revive(message.error));
    });
    worker.once('exit', (code) => reject(new Error(`le moteur du corpus s'est arrêté (code ${code})`)));
  });
  synced.catch(() => undefined);
  const report = await new Promise<SyncReport | undefined>((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'ready') resolve(message.report);
      else if (message.type === 'failed') reject(revive(message.error));
      else return;
      worker.off('message', onMessage);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`le moteur du corpus n'a pas démarré (code ${code})`)));
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  return { worker, ...(report ? { report } : {}), synced };
}

/**
 * The engine in a supervised worker thread. If the worker dies (out of memory, a crash), the
 * death is reported, every pending request is answered with an error, and a new worker starts
 * at once from the index on disk (the file whose analysis killed it is skipped from then on, see
 * the indexer); requests made meanwhile wait for it.
 */
export class WorkerCorpusEngine implements CorpusEngine {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private closed = false;
  /** Resolves to the live worker; replaced while a dead one is restarted. */
  private current: Promise<Worker>;
  private deathsInARow = 0;
  private restartTimer?: NodeJS.Timeout;

  private constructor(
    worker: Worker,
    private readonly options: WorkerEngineOptions,
  ) {
    this.current = Promise.resolve(this.supervise(worker));
  }

  private supervise(worker: Worker): Worker {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') this.deathsInARow = 0;
      if (message.type !== 'result' && message.type !== 'error') return;
      this.deathsInARow = 0;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.type === 'result') call.resolve(message.value);
      else call.reject(revive(message.error));
    });
    let cause = '';
    worker.on('error', (error) => {
      cause = error.message;
    });
    worker.once('exit', (code) => {
      if (this.closed) return;
      const why = cause || `code de sortie ${code}`;
      const failure = new Error(`le moteur du corpus s'est arrêté (${why}) ; il redémarre, réessayez dans un instant`);
      for (const call of this.pending.values()) call.reject(failure);
      this.pending.clear();
      const delay = Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_MS * 2 ** this.deathsInARow++);
      this.options.onRestart?.(`Le moteur du corpus s'est arrêté (${why}) : redémarrage dans ${delay} ms.`);
      this.current = new Promise<Worker>((resolve) => {
        const restart = () => {
          this.restartTimer = undefined;
          if (this.closed) return;
          launch({ ...this.options, background: true }).then(
            ({ worker: fresh }) => {
              if (this.closed) void fresh.terminate();
              else resolve(this.supervise(fresh));
            },
            (error: unknown) => {
              this.options.onRestart?.(`Le moteur du corpus ne redémarre pas (${(error as Error).message}) : nouvel essai.`);
              this.restartTimer = setTimeout(restart, Math.min(RESTART_DELAY_MAX_MS, RESTART_DELAY_MS * 2 ** this.deathsInARow++));
            },
          );
        };
        this.restartTimer = setTimeout(restart, delay);
      });
    });
    return worker;
  }

  /**
   * Starts the worker, which opens the index and syncs it with the folder. Resolves once queries
   * can be answered: after the sync, or at once with `background` when the index holds articles;
   * `synced` resolves when the folder is reconciled.
   */
  static async open(
    options: WorkerEngineOptions,
  ): Promise<{ engine: WorkerCorpusEngine; report?: SyncReport; synced: Promise<SyncReport> }> {
    const { worker, report, synced } = await launch(options);
    return { engine: new WorkerCorpusEngine(worker, options), ...(report ? { report } : {}), synced };
  }

  private async call<T>(method: WorkerRequest['method'], args: unknown[]): Promise<T> {
    if (this.closed) throw new Error('le moteur du corpus est fermé');
    const worker = await this.current;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies WorkerRequest);
    });
  }

  actor = (...args: Parameters<CorpusEngine['actor']>) => this.call<Awaited<ReturnType<CorpusEngine['actor']>>>('actor', args);
  autocompleteActors = (...args: Parameters<CorpusEngine['autocompleteActors']>) =>
    this.call<Awaited<ReturnType<CorpusEngine['autocompleteActors']>>>('autocompleteActors', args);
  search = (...args: Parameters<CorpusEngine['search']>) => this.call<Awaited<ReturnType<CorpusEngine['search']>>>('search', args);
  briefing = (...args: Parameters<CorpusEngine['briefing']>) => this.call<Awaited<ReturnType<CorpusEngine['briefing']>>>('briefing', args);
  article = (...args: Parameters<CorpusEngine['article']>) => this.call<Awaited<ReturnType<CorpusEngine['article']>>>('article', args);
  autocompleteArticles = (...args: Parameters<CorpusEngine['autocompleteArticles']>) =>
    this.call<Awaited<ReturnType<CorpusEngine['autocompleteArticles']>>>('autocompleteArticles', args);
  sources = (...args: Parameters<CorpusEngine['sources']>) => this.call<Awaited<ReturnType<CorpusEngine['sources']>>>('sources', args);
  fileNotices = (...args: Parameters<CorpusEngine['fileNotices']>) => this.call<Awaited<ReturnType<CorpusEngine['fileNotices']>>>('fileNotices', args);
  articlesSince = (...args: Parameters<CorpusEngine['articlesSince']>) =>
    this.call<Awaited<ReturnType<CorpusEngine['articlesSince']>>>('articlesSince', args);
  indexProgress = () => this.call<IndexProgress | undefined>('indexProgress', []);
  mentionSeries = (...args: Parameters<NonNullable<CorpusEngine['mentionSeries']>>) =>
    this.call<MentionSeries | undefined>('mentionSeries', args);
  trends = (...args: Parameters<NonNullable<CorpusEngine['trends']>>) => this.call<TrendsAnswer | undefined>('trends', args);
  indexMark = () => this.call<number>('indexMark', []);
  arrivals = (...args: Parameters<NonNullable<CorpusEngine['arrivals']>>) => this.call<ArrivedArticle[]>('arrivals', args);
  matchQueries = (...args: Parameters<NonNullable<CorpusEngine['matchQueries']>>) => this.call<string[][]>('matchQueries', args);
  storiesOf = (...args: Parameters<NonNullable<CorpusEngine['storiesOf']>>) => this.call<string[][]>('storiesOf', args);
  ownsArticles = (guildId: string) => this.call<boolean>('ownsArticles', [guildId]);

  /** Brings the index in step with the corpus folder now (`force`: analyse every file again). */
  sync = (options: { force?: boolean } = {}) => this.call<SyncReport>('sync', [options]);

  async close(): Promise<void> {
    if (this.closed) return;
    clearTimeout(this.restartTimer);
    const worker = await Promise.race([this.current, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 0))]);
    if (worker) await this.call('close', []).catch(() => undefined);
    this.closed = true;
    await worker?.terminate();
  }
}
