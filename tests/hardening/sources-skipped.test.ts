/**
 * Issue #10, defect 19: the warning for a skipped file was printed once, at the first index, and
 * nothing said afterwards which files were skipped. `/sources` and `sources --json` now list them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { openEngine } from '../../src/services/index/engine.js';
import { commands } from '../../src/commands/index.js';
import { renderConsole } from '../../src/replies/console.js';
import { contextFor } from '../commands/helpers.js';
import { callCli } from '../support/cli.js';
import { copySeeds, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function corpusWithBadFiles(): string {
  const dir = copySeeds();
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  fs.writeFileSync(path.join(dir, 'vide.txt'), '');
  return dir;
}

describe('skipped files, after the first index', () => {
  it('are listed by /sources with why, at every later start', async () => {
    const dir = corpusWithBadFiles();
    const indexPath = path.join(dir, 'index.db');
    await (await openEngine({ corpusDir: dir, indexPath })).engine.close();
    // A restart: nothing is analysed again, nothing is warned again; /sources still says it.
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir: dir, indexPath, onWarning: (w) => warnings.push(w) });
    try {
      expect(report.unchanged).toBe(5);
      expect(warnings).toEqual([]);
      const sources = commands.find((c) => c.data.name === 'sources')!;
      const reply = await sources.execute(contextFor(engine), { values: {} }, 0);
      const field = reply.fields?.find((f) => f.name.startsWith('Fichiers ignorés'));
      expect(field?.name).toBe('Fichiers ignorés (2)');
      expect(field?.lines).toEqual([expect.stringMatching(/^image\.txt — fichier binaire/), expect.stringMatching(/^vide\.txt — fichier vide/)]);
      expect(renderConsole(reply)).toContain('image.txt — fichier binaire');
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('are in `sources --json`, with why', async () => {
    const dir = corpusWithBadFiles();
    const state = tempDir();
    dirs.push(state);
    // In-process (tests/support/cli.ts); --sync: the whole folder is read, however busy the machine.
    const { stdout } = await callCli(main, ['sources', '--json', '--sync'], { ...process.env, CORPUS_DIR: dir, DATABASE_PATH: path.join(state, 'bot.db'), NO_COLOR: '1' });
    const answer = JSON.parse(stdout);
    expect(answer.articles).toHaveLength(5);
    expect(answer.skipped).toEqual([
      { file: 'image.txt', reason: expect.stringMatching(/binaire/) },
      { file: 'vide.txt', reason: expect.stringMatching(/vide/) },
    ]);
  }, 60_000);
});
