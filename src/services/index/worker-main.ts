/** Entry point of the engine worker thread: see worker-engine.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { startEngine, type SqliteCorpusEngine } from './engine.js';
import { startSharedEngine, type SharedCorpusEngine } from './shared-engine.js';
import type { SyncReport } from './indexer.js';
import type { SerializedError, WorkerEngineOptions, WorkerMessage, WorkerRequest } from './worker-engine.js';

const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);
const serialize = (error: unknown): SerializedError =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

const options = workerData as WorkerEngineOptions;
let engine: SqliteCorpusEngine | SharedCorpusEngine;
try {
  const { lockPath, ...rest } = options;
  const settings = {
    ...rest,
    onWarning: (message: string) => send({ type: 'warning', message }),
    onProgress: (done: number, total: number) => send({ type: 'progress', done, total }),
    onSync: (report: SyncReport) => send({ type: 'synced', report }),
  };
  // With a lock file, the index is shared with the other processes of the host (one writes).
  const opened = lockPath
    ? await startSharedEngine({ ...settings, lockPath, onRole: (role, message) => send({ type: 'role', role, message }) })
    : await startEngine(settings);
  engine = opened.engine;
  send({ type: 'ready', ...(opened.report ? { report: opened.report } : {}) });
  opened.synced.then(
    (report) => send({ type: 'reconciled', report }),
    (error: unknown) => send({ type: 'reconcile-failed', error: serialize(error) }),
  );
} catch (error) {
  send({ type: 'failed', error: serialize(error) });
  process.exit(1);
}

port.on('message', async ({ id, method, args }: WorkerRequest) => {
  try {
    const target = engine[method] as (...values: unknown[]) => Promise<unknown>;
    const value = await target.apply(engine, args);
    send({ type: 'result', id, value });
  } catch (error) {
    send({ type: 'error', id, error: serialize(error) });
  }
});
