/**
 * How far the first index of a folder is, shared between processes: the index's writer publishes
 * it in the index itself, and readers of that index (shards) read it back. No schema change.
 */
import type { IndexDatabase } from './database.js';

export interface FirstIndexProgress {
  done: number;
  total: number;
}

/**
 * Meta key: how far the first index is (`{"done":…,"total":…}`), written by the index's writer at
 * each whole percent, so that the processes reading its index (shards) see it too.
 */
const FIRST_INDEX_PROGRESS = 'first_index_progress';

export function percentOf({ done, total }: FirstIndexProgress): number {
  return total === 0 ? 0 : Math.floor((100 * done) / total);
}

/** The writer's published progress (0 % until it has published any). */
export function publishedProgress(db: IndexDatabase): FirstIndexProgress {
  const value = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(FIRST_INDEX_PROGRESS) as string | undefined;
  try {
    const { done, total } = JSON.parse(value ?? '{}') as { done?: unknown; total?: unknown };
    if (typeof done === 'number' && typeof total === 'number' && done >= 0 && total >= done) return { done, total };
  } catch {
    // Not ours to fix: reported as just started.
  }
  return { done: 0, total: 0 };
}

/** Publishes the first index's progress for readers; `undefined`: done. */
export function publishProgress(db: IndexDatabase, progress: FirstIndexProgress | undefined): void {
  try {
    if (progress) {
      db
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(FIRST_INDEX_PROGRESS, JSON.stringify({ done: progress.done, total: progress.total }));
    } else {
      db.prepare('DELETE FROM meta WHERE key = ?').run(FIRST_INDEX_PROGRESS);
    }
  } catch {
    // Readers only miss a percentage (the index closed meanwhile, a read-only file).
  }
}
