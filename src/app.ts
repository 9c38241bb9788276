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
  onWarning?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  onSync?: (report: SyncReport) => void;
  /** The engine worker died and restarts (only `inWorker`): a French line saying why. */
  onRestart?: (message: string) => void;
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
  const options = {
    corpusDir: settings.corpusDir,
    indexPath: indexPathFor(settings.corpusDir, settings.databasePath),
    watch: settings.watch,
    background: settings.background,
    onWarning: settings.onWarning,
    onProgress: settings.onProgress,
    onSync: settings.onSync,
  };
  const { engine, report, synced } = settings.inWorker
    ? await WorkerCorpusEngine.open({ ...options, onRestart: settings.onRestart })
    : await startEngine(options);
  return { engine, ...(report ? { report } : {}), synced, close: () => engine.close() };
}
