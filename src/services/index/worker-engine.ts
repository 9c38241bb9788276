/**
 * The corpus engine in a worker thread. better-sqlite3 is synchronous: an indexing run or a heavy
 * query on the main thread would stall whatever else runs there (the Discord gateway's heartbeats,
 * the 3-second interaction window). Here the index, its sync, its watcher and every query live in
 * one worker with its own connection; the main thread only exchanges messages. Between two files
 * of a sync the worker answers pending queries, so a re-index delays a query by one file at most.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker.js';
import type { CorpusEngine, IndexProgress } from '../engine.js';
import { IndexError } from './database.js';
import { CorpusDirError, type SyncReport } from './indexer.js';
import type { EngineOptions } from './engine.js';

/** The engine options that can cross to a worker (callbacks become messages). */
export type WorkerEngineOptions = Omit<EngineOptions, 'now'> & {
  /** Answer at once from what the index holds, reconciling in the background (see startEngine). */
  background?: boolean;
  /** Trust a recent full check while the folder's change time is unchanged (see startEngine). */
  quick?: boolean;
};

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
  | { type: 'synced'; report: SyncReport };

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

export class WorkerCorpusEngine implements CorpusEngine {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'result' && message.type !== 'error') return;
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.type === 'result') call.resolve(message.value);
      else call.reject(revive(message.error));
    });
    const failAll = (error: Error) => {
      for (const call of this.pending.values()) call.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => failAll(new Error(`le moteur du corpus s'est arrêté (code ${code})`)));
  }

  /**
   * Starts the worker, which opens the index and syncs it with the folder. Resolves once queries
   * can be answered: after the sync, or at once with `background` when the index holds articles;
   * `synced` resolves when the folder is reconciled.
   */
  static async open(
    options: WorkerEngineOptions,
  ): Promise<{ engine: WorkerCorpusEngine; report?: SyncReport; synced: Promise<SyncReport> }> {
    const { onWarning, onProgress, onSync, ...data } = options;
    const worker = startTsWorker('./worker-main.ts', { workerData: data });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'warning') onWarning?.(message.message);
      else if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'synced') onSync?.(message.report);
    });
    const synced = new Promise<SyncReport>((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'reconciled') resolve(message.report);
        else if (message.type === 'reconcile-failed') reject(revive(message.error));
      });
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
    return { engine: new WorkerCorpusEngine(worker), ...(report ? { report } : {}), synced };
  }

  private call<T>(method: WorkerRequest['method'], args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('le moteur du corpus est fermé'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, method, args } satisfies WorkerRequest);
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
  sources = () => this.call<Awaited<ReturnType<CorpusEngine['sources']>>>('sources', []);
  articlesSince = (...args: Parameters<CorpusEngine['articlesSince']>) =>
    this.call<Awaited<ReturnType<CorpusEngine['articlesSince']>>>('articlesSince', args);
  indexProgress = () => this.call<IndexProgress | undefined>('indexProgress', []);

  /** Brings the index in step with the corpus folder now (`force`: analyse every file again). */
  sync = (options: { force?: boolean } = {}) => this.call<SyncReport>('sync', [options]);

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call('close', []).catch(() => undefined);
    this.closed = true;
    await this.worker.terminate();
  }
}
