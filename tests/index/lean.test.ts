/**
 * The index's file: compacted after a first index, and files known again by their size and
 * mtime, else by their hash (stored as 32 bytes), without re-analysing bytes that did not change.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { openIndexDatabase, type IndexDatabase } from '../../src/services/index/database.js';
import { corpusFile, CorpusIndexer } from '../../src/services/index/indexer.js';
import { AnalysisPool } from '../../src/services/index/analysis-pool.js';
import { WORKER_YOUNG_MB } from '../../src/services/index/heap.js';
import { openEngine } from '../../src/services/index/engine.js';
import { ensureCorpus } from '../../benchmarks/corpus.js';

const SEEDS = path.resolve('seeds');
const dirs: string[] = [];
const open: IndexDatabase[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-lean-'));
  dirs.push(dir);
  return dir;
}

function seedsCopy(): string {
  const dir = tempDir();
  for (const file of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, file), path.join(dir, file));
  return dir;
}

function indexer(file: string): { db: IndexDatabase; indexer: CorpusIndexer } {
  const { db } = openIndexDatabase(file);
  open.push(db);
  return { db, indexer: new CorpusIndexer(db, () => new ActorMatcher(buildCatalog())) };
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the index file', () => {
  it('is compacted at the end of a first index: a VACUUM then frees nothing', { timeout: 60_000 }, async () => {
    // Enough articles for rows keyed by actor to fill B-tree pages out of order.
    const corpus = path.join(tempDir(), 'corpus');
    ensureCorpus(corpus, 40, SEEDS);
    const file = path.join(tempDir(), 'index.db');
    const { db, indexer: ix } = indexer(file);
    const report = await ix.sync(corpus, { compactAfter: 40 });
    expect(report.added).toBe(40);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    const copy = path.join(path.dirname(file), 'copy.db');
    db.prepare('VACUUM INTO ?').run(copy);
    const copied = new Database(copy, { readonly: true });
    expect(db.pragma('page_count', { simple: true })).toBe(copied.pragma('page_count', { simple: true }));
    copied.close();
  });

  it('stores a file’s hash as its 32 bytes, and knows a touched file by it (not analysed again)', async () => {
    const corpus = seedsCopy();
    const { db, indexer: ix } = indexer(path.join(tempDir(), 'index.db'));
    await ix.sync(corpus);
    const hashes = db.prepare('SELECT typeof(hash) AS type, length(hash) AS bytes FROM files').all() as Array<{ type: string; bytes: number }>;
    expect(hashes).toHaveLength(5);
    for (const h of hashes) expect(h).toEqual({ type: 'blob', bytes: 32 });

    const name = fs.readdirSync(corpus)[0]!;
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(corpus, name), later, later);
    expect(await ix.sync(corpus)).toMatchObject({ added: 0, updated: 0, unchanged: 5 });

    // Same size, other bytes: analysed again.
    const text = fs.readFileSync(path.join(corpus, name), 'utf8');
    fs.writeFileSync(path.join(corpus, name), text.replace('Russie', 'Russia'));
    expect(await ix.sync(corpus)).toMatchObject({ updated: 1, unchanged: 4 });
  });

  it('stores a mention’s passage in 6 bytes and finds an article’s mentions by its sentences (no article in the index)', async () => {
    const corpus = seedsCopy();
    const { db, indexer: ix } = indexer(path.join(tempDir(), 'index.db'));
    await ix.sync(corpus);
    const widest = db.prepare('SELECT max(abs(passage)) FROM mentions').pluck().get() as number;
    expect(widest).toBeGreaterThan(2 ** 40);
    expect(widest).toBeLessThanOrEqual(2 ** 47);
    const columns = (db.pragma('index_info(mentions_sentence)') as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(['sentence']);
    // Removing an article takes exactly its mentions (found by sentence range), no other's.
    const before = db.prepare('SELECT count(*) FROM mentions').pluck().get() as number;
    const [first] = fs.readdirSync(corpus).sort();
    const own = db
      .prepare('SELECT count(*) FROM mentions m JOIN articles a ON a.n = m.article WHERE a.id = ?')
      .pluck()
      .get(first!.replace(/\.txt$/, '')) as number;
    expect(own).toBeGreaterThan(0);
    fs.rmSync(path.join(corpus, first!));
    expect(await ix.sync(corpus)).toMatchObject({ removed: 1 });
    expect(db.prepare('SELECT count(*) FROM mentions').pluck().get()).toBe(before - own);
    expect(db.prepare('SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.n = m.article WHERE a.n IS NULL').pluck().get()).toBe(0);
  });
});

describe('the analysis workers', () => {
  it('run with a small young generation (most of an idle worker’s memory otherwise)', { timeout: 60_000 }, async () => {
    const pool = new AnalysisPool({ size: 1 });
    try {
      const seed = fs.readdirSync(SEEDS).sort()[0]!;
      expect((await pool.analyse({ id: 'a', bytes: fs.readFileSync(path.join(SEEDS, seed)) })).ok).toBe(true);
      const { worker } = (pool as unknown as { slots: Array<{ worker: { resourceLimits?: { maxYoungGenerationSizeMb?: number } } }> }).slots[0]!;
      expect(worker.resourceLimits?.maxYoungGenerationSizeMb).toBe(WORKER_YOUNG_MB);
    } finally {
      await pool.close();
    }
  });
});

describe('a corpus file', () => {
  it('is named and keyed exactly as path.join and path.resolve would, the folder’s part shared', () => {
    for (const dir of ['.', './', 'corpus', 'corpus/', './a//b/../corpus', '/srv/corpus/', '/']) {
      for (const name of ['a000001.txt', 'Été 2026.txt', 'x.txt']) {
        const f = corpusFile(dir, name);
        expect(f.file, `${dir} ${name}`).toBe(path.join(dir, name));
        expect(f.fsPath).toBe(path.join(dir, name));
        expect(f.key).toBe(path.resolve(dir, name));
      }
    }
    // Not a bare name (a watcher's report): the general path.
    expect(corpusFile('corpus', 'sub/../b.txt').file).toBe(path.join('corpus', 'sub/../b.txt'));
  });
});

describe('a closed engine', () => {
  it('holds none of its caches (titles, briefings) for whoever still holds it', { timeout: 60_000 }, async () => {
    const corpus = seedsCopy();
    const { engine } = await openEngine({ corpusDir: corpus, indexPath: path.join(tempDir(), 'index.db') });
    expect((await engine.autocompleteArticles('')).length).toBeGreaterThan(0);
    await engine.briefing({ limit: 3 });
    const held = engine as unknown as { articleTitles?: unknown[]; briefingCache: Map<string, unknown> };
    expect(held.articleTitles?.length).toBeGreaterThan(0);
    expect(held.briefingCache.size).toBeGreaterThan(0);
    await engine.close();
    expect(held.articleTitles).toBeUndefined();
    expect(held.briefingCache.size).toBe(0);
  });
});
