/**
 * The composition root: builds, from validated configuration, what the bot, the console and the
 * CLI share (the corpus engine over its index). Nothing here is a module-level singleton.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CorpusEngine } from './services/engine.js';
import { startEngine } from './services/index/engine.js';
import type { SyncReport } from './services/index/indexer.js';
import { WorkerCorpusEngine } from './services/index/worker-engine.js';
import { startSharedEngine, type IndexRole } from './services/index/shared-engine.js';

export interface CorpusSettings {
  /** Folder of articles (CORPUS_DIR). */
  corpusDir: string;
  /** The bot's state file (DATABASE_PATH): the index lives beside it. */
  databasePath: string;
  watch?: boolean;
  /**
   * Run the index and its queries in a worker thread, so that indexing never stalls the main
   * thread (the Discord bot needs this; a one-shot CLI does not). Default false.
   */
  inWorker?: boolean;
  /**
   * Answer from an index that already holds articles at once, reconciling it with the folder in
   * the background (a restart is ready in milliseconds). Default false.
   */
  background?: boolean;
  /**
   * Trust the last full check of the folder while its change time is unchanged (no file stat'ed):
   * for one-shot calls (CLI). Default false.
   */
  quick?: boolean;
  onWarning?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  onSync?: (report: SyncReport) => void;
  /** The engine worker died and restarts (only `inWorker`): a French line saying why. */
  onRestart?: (message: string) => void;
  /**
   * Share the index file with the other processes of this host that open the same corpus (shard
   * processes): one elected writer indexes and watches, the others read (see shared-engine.ts).
   * A process alone is the writer. Ignored for an index in memory. Default false.
   */
  shared?: boolean;
  /** With `shared`: how often a reader follows the writer and tries to take over, in ms. Default 1 000. */
  followMs?: number;
  /** With `shared`: this process's role (writer or reader), when known and when it changes. */
  onRole?: (role: IndexRole, message: string) => void;
  /** With `inWorker`: the engine worker's heap in MB (past it, the worker alone dies and restarts). Default 2 048. */
  engineHeapMb?: number;
}

/** The lock file of the election of an index's writer. */
export function writerLockPathFor(indexPath: string): string {
  return `${indexPath}.writer.lock`;
}

/**
 * The index file of a corpus folder, beside the bot's state: one per folder, so that switching
 * CORPUS_DIR never re-indexes the other one. A state kept in memory keeps the index in memory too.
 */
export function indexPathFor(corpusDir: string, databasePath: string): string {
  if (databasePath === ':memory:') return ':memory:';
  const key = createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 12);
  return path.join(path.dirname(databasePath), `index-${key}.db`);
}

/** Opens the corpus engine, its index brought in step with the corpus folder. */
export async function openCorpus(settings: CorpusSettings): Promise<{
  engine: CorpusEngine;
  /** The first sync, when it was waited for (always, unless `background`). */
  report?: SyncReport;
  /** Resolves when the index is in step with the folder. */
  synced: Promise<SyncReport>;
  close: () => Promise<void>;
}> {
  const indexPath = indexPathFor(settings.corpusDir, settings.databasePath);
  const shared = settings.shared === true && indexPath !== ':memory:';
  const options = {
    corpusDir: settings.corpusDir,
    indexPath,
    watch: settings.watch,
    background: settings.background,
    quick: settings.quick,
    onWarning: settings.onWarning,
    onProgress: settings.onProgress,
    onSync: settings.onSync,
  };
  const election = shared ? { lockPath: writerLockPathFor(indexPath), followMs: settings.followMs, onRole: settings.onRole } : {};
  const { engine, report, synced } = settings.inWorker
    ? await WorkerCorpusEngine.open({ ...options, ...election, onRestart: settings.onRestart, heapMb: settings.engineHeapMb })
    : shared
      ? await startSharedEngine({ ...options, lockPath: writerLockPathFor(indexPath), followMs: settings.followMs, onRole: settings.onRole })
      : await startEngine(options);
  return { engine, ...(report ? { report } : {}), synced, close: () => engine.close() };
}
