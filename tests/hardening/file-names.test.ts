/**
 * Issue #10, defects 10, 11 and 12: file names. Before: `a.txt` and `a.TXT` got the same id (one
 * overwrote the other); a name in non-UTF-8 bytes was unreadable at every run; a name with a
 * double or leading space was listed but `/article` could not open it; a link created while the
 * watcher ran was followed out of the corpus folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { articleIdOfName } from '../../src/services/corpus/names.js';
import { openEngine } from '../../src/services/index/engine.js';
import { commands } from '../../src/commands/index.js';
import { contextFor } from '../commands/helpers.js';
import { SEEDS, tempDir, until } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const seed = (i: number) => fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).sort()[i]!));

describe('article ids', () => {
  it('are the stem of a plain name, as before', () => {
    expect(articleIdOfName('001_0118ebd96f1f2ec0.txt')).toBe('001_0118ebd96f1f2ec0');
    expect(articleIdOfName('Gaza trêve.txt')).toBe('Gaza trêve');
  });

  it('are unique for names that differ only by case, spaces or bytes, and readable', () => {
    const names = ['a.txt', 'a.TXT', 'A.txt', ' a.txt', 'a  b.txt', 'a b.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x74, 0x78, 0x74])];
    const ids = names.map((n) => articleIdOfName(n));
    expect(new Set(ids).size).toBe(names.length);
    expect(ids[1]).toMatch(/^a~[0-9a-f]{8}$/);
    expect(ids[4]).toMatch(/^a b~[0-9a-f]{8}$/);
    expect(ids[6]).toMatch(/^caf\uFFFD~[0-9a-f]{8}$/);
    // Stable: a function of the name alone.
    expect(names.map((n) => articleIdOfName(n))).toEqual(ids);
  });
});

describe('a folder with awkward names', () => {
  it('indexes each file under its own id; removing one keeps the other; every id opens with /article', async () => {
    const dir = tempDir();
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'a.txt'), seed(0));
    fs.writeFileSync(path.join(dir, 'a.TXT'), seed(1));
    fs.writeFileSync(path.join(dir, '  double  espace.txt'), seed(2));
    fs.writeFileSync(Buffer.from(path.join(dir, 'latin1-caf\xe9.txt'), 'latin1'), seed(3));
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir: dir, indexPath: path.join(dir, 'index.db'), onWarning: (w) => warnings.push(w) });
    try {
      expect(report.skipped).toEqual([]);
      expect(report.added).toBe(4);
      const ids = (await engine.sources()).map((s) => s.id);
      expect(ids).toHaveLength(4);
      const article = commands.find((c) => c.data.name === 'article')!;
      for (const id of ids) {
        const reply = await article.execute(contextFor(engine), { values: { id } }, 0);
        expect(reply.tone, id).toBe('info');
      }
      fs.rmSync(path.join(dir, 'a.TXT'));
      const again = await engine.sync();
      expect(again.removed).toBe(1);
      expect((await engine.sources()).map((s) => s.id)).toContain('a');
      expect(await engine.article('a')).toBeDefined();
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('never follows a link, at start-up or when the watcher sees one appear', async () => {
    const outside = tempDir();
    const dir = tempDir();
    dirs.push(outside, dir);
    fs.writeFileSync(path.join(outside, 'secret.txt'), seed(4));
    fs.writeFileSync(path.join(dir, 'a.txt'), seed(0));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'lien-initial.txt'));
    const { engine, report } = await openEngine({ corpusDir: dir, indexPath: ':memory:', watch: true, watchDebounceMs: 50 });
    try {
      expect(report.skipped).toEqual([{ file: path.join(dir, 'lien-initial.txt'), reason: 'lien symbolique, non suivi' }]);
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'lien-tardif.txt'));
      fs.writeFileSync(path.join(dir, 'b.txt'), seed(1));
      await until(async () => (await engine.sources()).some((s) => s.id === 'b'));
      const ids = (await engine.sources()).map((s) => s.id);
      expect(ids).toEqual(['a', 'b']);
      expect(await engine.article('lien-tardif')).toBeUndefined();
    } finally {
      await engine.close();
    }
  }, 60_000);
});
