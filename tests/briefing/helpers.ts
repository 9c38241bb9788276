/**
 * Test support for briefings: a corpus folder with the seeds and the `3x_` fixtures (several
 * French outlets on the same events, wire copy, a live blog, an analysis), indexed in memory.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));

/** Fixture files of the stories corpus (`3x_…`). */
export const STORY_FIXTURES = readdirSync(FIXTURES_DIR).filter((name) => /^3\d_.*\.txt$/.test(name)).sort();

export async function openStoriesCorpus(options: { seeds?: boolean; fixtures?: readonly string[] } = {}): Promise<{
  engine: SqliteCorpusEngine;
  dir: string;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'depeche-stories-'));
  if (options.seeds !== false) for (const name of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, name), join(dir, name));
  for (const name of options.fixtures ?? STORY_FIXTURES) copyFileSync(join(FIXTURES_DIR, name), join(dir, name));
  const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' });
  return {
    engine,
    dir,
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
