/** Starts a worker thread running a TypeScript module of this folder (see ts-worker.mjs). */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startTsWorker(module: string, options: WorkerOptions = {}): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    ...options,
    argv: [new URL(module, import.meta.url).href],
  });
}
