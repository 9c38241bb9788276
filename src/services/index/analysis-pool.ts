/**
 * Worker threads that analyse article files (decode, clean, segment, find actors) while the
 * indexer writes their results: analysis is most of an ingest's cost and runs in parallel, the
 * SQLite writes stay on one connection. Started only for large batches (a worker takes a moment
 * to boot), stopped at the end of the sync.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker.js';
import type { FileAnalysis } from './analyse.js';

export interface AnalysisJob {
  id: string;
  bytes: Buffer;
}

export class AnalysisPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (result: FileAnalysis) => void; worker: number }>();
  private readonly load: number[];
  private nextId = 1;

  /**
   * `size` defaults to one worker per core but one: the indexing thread itself writes to SQLite,
   * and more analysers than cores only fight over them (measured: 10k articles in 30 s with one
   * worker on 2 cores, 43 s with two).
   */
  constructor(size = Math.max(1, os.availableParallelism() - 1)) {
    this.workers = Array.from({ length: size }, () => startTsWorker('./analysis-worker.ts'));
    this.load = this.workers.map(() => 0);
    this.workers.forEach((worker, index) => {
      worker.on('message', ({ id, result }: { id: number; result: FileAnalysis }) => {
        const call = this.pending.get(id);
        if (!call) return;
        this.pending.delete(id);
        this.load[index]!--;
        call.resolve(result);
      });
      const fail = (error: Error) => {
        for (const [id, call] of this.pending) {
          if (call.worker !== index) continue;
          this.pending.delete(id);
          call.resolve({ ok: false, reason: `analyse impossible (${error.message})` });
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`analyseur arrêté, code ${code}`)));
    });
  }

  /** Number of jobs a caller should keep in flight to keep every worker busy. */
  get window(): number {
    return this.workers.length * 8;
  }

  /** Analyses one file's bytes in the least busy worker. */
  analyse({ id, bytes }: AnalysisJob): Promise<FileAnalysis> {
    const index = this.load.indexOf(Math.min(...this.load));
    this.load[index]!++;
    const callId = this.nextId++;
    return new Promise<FileAnalysis>((resolve) => {
      this.pending.set(callId, { resolve, worker: index });
      this.workers[index]!.postMessage({ id: callId, articleId: id, bytes });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
