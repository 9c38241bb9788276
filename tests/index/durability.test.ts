/**
 * A first index writes without fsync (database.ts relaxDurability): a mark beside the file says
 * so until it ends. Found at an opening (the process or the system died meanwhile), the file is
 * not trusted and the index is built again, keeping when articles first arrived.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { KEPT_ARRIVALS, openIndexDatabase, type IndexDatabase } from '../../src/services/index/database.js';
import { CorpusIndexer } from '../../src/services/index/indexer.js';
import { ensureCorpus } from '../../benchmarks/corpus.js';

const SEEDS = path.resolve('seeds');
const MARK = '-sans-fsync';
const dirs: string[] = [];
const open: IndexDatabase[] = [];
const matcher = new ActorMatcher(buildCatalog());

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-durability-'));
  dirs.push(dir);
  return dir;
}

function openAt(file: string): { db: IndexDatabase; rebuilt: boolean } {
  const opened = openIndexDatabase(file);
  open.push(opened.db);
  return opened;
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a first index written without fsync', () => {
  it('is marked while it writes, then durable again, and a later sync keeps fsync', { timeout: 60_000 }, async () => {
    const corpus = path.join(tempDir(), 'corpus');
    ensureCorpus(corpus, 12, SEEDS);
    const file = path.join(tempDir(), 'index.db');
    const { db } = openAt(file);
    const indexer = new CorpusIndexer(db, () => matcher);
    const seen: Array<{ mark: boolean; synchronous: number }> = [];
    const onProgress = () => seen.push({ mark: fs.existsSync(file + MARK), synchronous: db.pragma('synchronous', { simple: true }) as number });
    await indexer.sync(corpus, { onProgress });
    expect(seen.length).toBe(12);
    expect(seen.every((s) => s.mark && s.synchronous === 0)).toBe(true); // OFF
    expect(fs.existsSync(file + MARK)).toBe(false);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL

    fs.appendFileSync(path.join(corpus, fs.readdirSync(corpus).filter((n) => n.endsWith('.txt')).sort()[0]!), '\nUne phrase de plus pour changer le fichier.\n');
    seen.length = 0;
    const report = await indexer.sync(corpus, { onProgress });
    expect(report.updated).toBe(1);
    expect(seen.some((s) => s.mark || s.synchronous !== 1)).toBe(false);
  });

  it('is built again from an empty file if the mark is found, keeping arrival times', { timeout: 60_000 }, async () => {
    const corpus = path.join(tempDir(), 'corpus');
    ensureCorpus(corpus, 6, SEEDS);
    const file = path.join(tempDir(), 'index.db');
    const first = openAt(file);
    await new CorpusIndexer(first.db, () => matcher).sync(corpus, { now: () => 1_000 });
    const articles = first.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    expect(articles).toBe(6);
    first.db.close();
    // As a first index that died while writing leaves it.
    fs.writeFileSync(file + MARK, '');

    const again = openAt(file);
    expect(again.rebuilt).toBe(true);
    expect(fs.existsSync(file + MARK)).toBe(false);
    expect(again.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(0);
    const kept = JSON.parse(again.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEPT_ARRIVALS) as string);
    expect(Object.keys(kept)).toHaveLength(6);
    expect(Object.values(kept).every((ms) => ms === 1_000)).toBe(true);

    // Without the mark, the same index opens as it is.
    await new CorpusIndexer(again.db, () => matcher).sync(corpus, { now: () => 2_000 });
    again.db.close();
    const third = openAt(file);
    expect(third.rebuilt).toBe(false);
    expect(third.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(6);
  });
});
