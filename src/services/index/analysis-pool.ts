/**
 * Worker threads that analyse article files (decode, clean, segment, find actors) while the
 * indexer writes their results: analysis is most of an ingest's cost and runs in parallel, the
 * SQLite writes stay on one connection. Started only for large batches (a worker takes a moment
 * to boot), stopped at the end of the sync.
 *
 * Supervised: a worker that dies (out of memory, a crash) is replaced, and no job goes to a dead
 * one. A worker analyses its jobs one after the other, so the oldest job it held is the one it
 * died on: that job is tried once more on a fresh worker and, if it kills that one too, reported
 * as the file's reason to be skipped. The jobs queued behind it are healthy and are sent again.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker.js';
import type { RowsAnalysis } from './rows.js';
import { WORKER_YOUNG_MB, keepHeapsTight } from './heap.js';

export interface AnalysisJob {
  id: string;
  bytes: Buffer;
}

export interface AnalysisPoolOptions {
  /**
   * Workers. Default: one per core ({@link defaultPoolSize}): analysis is most of an article's
   * cost, and the indexing thread, which only reads files and writes rows, needs a core's
   * fraction.
   */
  size?: number;
  /** The worker's module (tests give one that crashes on purpose). Default `./analysis-worker.ts`. */
  module?: string;
  /** Called when a worker dies, with a French line saying why and on which article. */
  onWorkerDeath?: (message: string) => void;
}

/** Analysers never outnumber this (each holds the actor catalogue, some tens of MB). */
const MAX_WORKERS = 8;

/** One worker per core the process may use, at most {@link MAX_WORKERS}. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(MAX_WORKERS, os.availableParallelism()));
}

/** Deaths in a row without any job finished, after which the pool gives up (a worker that cannot even start). */
const MAX_DEATHS_WITHOUT_PROGRESS = 5;

/** Heap of one analysis worker: an article is bounded (MAX_ARTICLE_BYTES), so this is ample; past it, the worker alone dies. */
const WORKER_HEAP_MB = 1024;

interface Call {
  job: AnalysisJob;
  resolve: (result: RowsAnalysis) => void;
  reject: (error: Error) => void;
  /** Workers that died while this job was the one being analysed. */
  deaths: number;
}

interface Slot {
  worker: Worker;
  /** Ids of the calls sent to this worker, oldest (being analysed) first. */
  queue: number[];
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly calls = new Map<number, Call>();
  private readonly module: string;
  private nextId = 1;
  private closing = false;
  private deathsWithoutProgress = 0;
  private broken: Error | undefined;

  constructor(private readonly options: AnalysisPoolOptions = {}) {
    this.module = options.module ?? './analysis-worker.ts';
    keepHeapsTight();
    const size = options.size ?? defaultPoolSize();
    for (let index = 0; index < size; index++) this.slots.push(this.start());
  }

  private start(): Slot {
    const worker = startTsWorker(this.module, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    const slot: Slot = { worker, queue: [] };
    worker.on('message', ({ id, result }: { id: number; result: RowsAnalysis }) => {
      const call = this.calls.get(id);
      slot.queue = slot.queue.filter((queued) => queued !== id);
      if (!call) return;
      this.calls.delete(id);
      this.deathsWithoutProgress = 0;
      call.resolve(result);
    });
    let cause = '';
    worker.on('error', (error) => {
      cause = error.message;
    });
    worker.on('exit', (code) => {
      if (!this.closing) this.replace(slot, cause || `code de sortie ${code}`);
    });
    return slot;
  }

  /** A worker died: a new one takes its place and its jobs (see the module comment). */
  private replace(dead: Slot, cause: string): void {
    const orphans = dead.queue.flatMap((id) => {
      const call = this.calls.get(id);
      return call ? [{ id, call }] : [];
    });
    const culprit = orphans[0];
    this.options.onWorkerDeath?.(
      `analyseur arrêté (${cause})${culprit ? ` pendant l’analyse de ${culprit.call.job.id}` : ''} : relancé`,
    );
    if (++this.deathsWithoutProgress > MAX_DEATHS_WITHOUT_PROGRESS) {
      this.broken = new Error(`les analyseurs d’articles s’arrêtent sans cesse (${cause})`);
    }
    const index = this.slots.indexOf(dead);
    if (this.broken) {
      for (const { id, call } of orphans) {
        this.calls.delete(id);
        call.reject(this.broken);
      }
      return;
    }
    this.slots[index] = this.start();
    if (culprit && ++culprit.call.deaths >= 2) {
      this.calls.delete(culprit.id);
      culprit.call.resolve({ ok: false, reason: `son analyse arrête l’analyseur (${cause})` });
      orphans.shift();
    }
    for (const { id, call } of orphans) this.send(id, call);
  }

  private send(id: number, call: Call): void {
    // The least busy worker.
    const slot = this.slots.reduce((best, s) => (s.queue.length < best.queue.length ? s : best));
    slot.queue.push(id);
    slot.worker.postMessage({ id, articleId: call.job.id, bytes: call.job.bytes });
  }

  /** Number of jobs a caller should keep in flight to keep every worker busy. */
  get window(): number {
    return this.slots.length * 8;
  }

  /** Analyses one file's bytes in the least busy worker. Rejects only if workers cannot run at all. */
  analyse(job: AnalysisJob): Promise<RowsAnalysis> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise<RowsAnalysis>((resolve, reject) => {
      const call: Call = { job, resolve, reject, deaths: 0 };
      this.calls.set(id, call);
      this.send(id, call);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
