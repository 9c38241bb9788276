/**
 * The indexer reads files without the thread pool (readArticleBytesSync): the same bytes, limits
 * and refusals as readArticleBytes, and a pipe in a file's place is refused without blocking.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticleBytes, readArticleBytesSync } from '../../src/services/corpus/load.js';
import { MAX_ARTICLE_BYTES } from '../../src/services/corpus/limits.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'depeche-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outcome = async (read: () => unknown) => {
  try {
    return { value: await read() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
};

describe('readArticleBytesSync', () => {
  it('reads what readArticleBytes reads: a small file, and one over the limit cut at a line', async () => {
    const small = join(dir, 'petit.txt');
    writeFileSync(small, 'Un titre\n\nLa Russie et l’Ukraine négocient à Genève.\n');
    const big = join(dir, 'grand.txt');
    writeFileSync(big, 'Une ligne de texte assez longue pour remplir le fichier.\n'.repeat(Math.ceil((MAX_ARTICLE_BYTES * 1.2) / 57)));
    for (const file of [small, big]) {
      const { bytes, ...rest } = readArticleBytesSync(file);
      const expected = await readArticleBytes(file);
      expect(bytes.equals(expected.bytes), file).toBe(true);
      expect(rest).toEqual({ size: expected.size, mtimeMs: expected.mtimeMs, truncated: expected.truncated });
    }
    expect(readArticleBytesSync(big).truncated).toBe(true);
  });

  it('refuses a link, a folder and a missing file as readArticleBytes does', async () => {
    const target = join(dir, 'cible.txt');
    writeFileSync(target, 'Texte.\n');
    const link = join(dir, 'lien.txt');
    symlinkSync(target, link);
    for (const file of [link, dir, join(dir, 'absent.txt')]) {
      const sync = await outcome(() => readArticleBytesSync(file));
      expect(sync.error, file).toBeDefined();
      expect(sync).toEqual(await outcome(() => readArticleBytes(file)));
    }
  });

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'tube.txt');
    execFileSync('mkfifo', [fifo]);
    expect((await outcome(() => readArticleBytesSync(fifo))).error).toBe('NotAnArticleFileError: pas un fichier ordinaire');
  });
});
