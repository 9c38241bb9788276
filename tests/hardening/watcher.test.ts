/**
 * Issue #10, defect 5: the corpus folder removed and recreated while the bot runs. Before: the
 * watcher died silently and the corpus stayed as it was until a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/services/index/engine.js';
import { copySeeds, SEEDS, until } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the watcher when the corpus folder is removed and recreated', () => {
  it('says so, keeps answering, and indexes what the new folder holds', async () => {
    const dir = copySeeds();
    dirs.push(dir);
    const warnings: string[] = [];
    const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:', watch: true, watchDebounceMs: 50, onWarning: (w) => warnings.push(w) });
    try {
      expect(await engine.sources()).toHaveLength(5);
      fs.rmSync(dir, { recursive: true });
      await until(() => warnings.some((w) => /introuvable/.test(w)));
      // Still answering from what was indexed.
      expect(await engine.sources()).toHaveLength(5);
      fs.mkdirSync(dir);
      const first = fs.readdirSync(SEEDS).sort()[0]!;
      fs.copyFileSync(path.join(SEEDS, first), path.join(dir, 'nouveau.txt'));
      await until(async () => (await engine.sources()).map((s) => s.id).join() === 'nouveau');
      expect(warnings.some((w) => /de retour/.test(w))).toBe(true);
      // And the new folder is watched: a file added now is indexed.
      fs.copyFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).sort()[1]!), path.join(dir, 'second.txt'));
      await until(async () => (await engine.sources()).length === 2);
    } finally {
      await engine.close();
    }
  }, 60_000);
});
