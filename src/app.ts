/**
 * The composition root: builds, from validated configuration, what the bot, the console and the
 * CLI share (the corpus engine over its index). Nothing here is a module-level singleton.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { openEngine, type SqliteCorpusEngine } from './services/index/engine.js';
import type { SyncReport } from './services/index/indexer.js';

export interface CorpusSettings {
  /** Folder of articles. Default: CORPUS_DIR or `seeds`. */
  corpusDir?: string;
  /** Index file. Default: INDEX_PATH, else `data/index-<hash of the corpus folder>.db`. */
  indexPath?: string;
  watch?: boolean;
  onWarning?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  onSync?: (report: SyncReport) => void;
}

/** One index per corpus folder, so that switching CORPUS_DIR never re-indexes the other one. */
export function defaultIndexPath(corpusDir: string, dataDir = 'data'): string {
  const key = createHash('sha256').update(path.resolve(corpusDir)).digest('hex').slice(0, 12);
  return path.join(dataDir, `index-${key}.db`);
}

export async function openCorpus(settings: CorpusSettings = {}): Promise<{ engine: SqliteCorpusEngine; report: SyncReport; close: () => Promise<void> }> {
  const corpusDir = settings.corpusDir ?? (process.env.CORPUS_DIR?.trim() || 'seeds');
  const indexPath = settings.indexPath ?? (process.env.INDEX_PATH?.trim() || defaultIndexPath(corpusDir));
  const { engine, report } = await openEngine({
    corpusDir,
    indexPath,
    watch: settings.watch,
    onWarning: settings.onWarning,
    onProgress: settings.onProgress,
    onSync: settings.onSync,
  });
  return { engine, report, close: () => engine.close() };
}
