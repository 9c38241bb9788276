/**
 * Rows built by the analysis (rows.ts) and written a batch at a time, with the batch's mentions
 * and counts added at its end (pending.ts): the index must hold exactly what writing one article
 * at a time gives, through additions, changes and removals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { openIndexDatabase, type IndexDatabase } from '../../src/services/index/database.js';
import { CorpusIndexer } from '../../src/services/index/indexer.js';
import { analyseFile } from '../../src/services/index/analyse.js';
import { articleRows } from '../../src/services/index/rows.js';
import { decodeSpans } from '../../src/services/index/spans.js';
import { passageHash } from '../../src/services/text/passage.js';
import { ensureCorpus } from '../../benchmarks/corpus.js';

const SEEDS = path.resolve('seeds');
const TABLES = ['files', 'articles', 'sentences', 'actors', 'found_actors', 'mentions', 'actor_stats', 'co_mentions', 'actor_days', 'day_totals', 'sentence_vocab'];
const dirs: string[] = [];
const open: IndexDatabase[] = [];
const matcher = new ActorMatcher(buildCatalog());

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-rows-'));
  dirs.push(dir);
  return dir;
}

function indexer(): { db: IndexDatabase; indexer: CorpusIndexer } {
  const { db } = openIndexDatabase(path.join(tempDir(), 'index.db'));
  open.push(db);
  return { db, indexer: new CorpusIndexer(db, () => matcher) };
}

/** Every row of the index's tables (and its write count), in a fixed order. */
function contents(db: IndexDatabase): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    out[table] = (db.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][])
      .map((row) => JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))))
      .sort();
  }
  out.generation = [db.prepare("SELECT value FROM meta WHERE key = 'generation'").pluck().get() as string];
  return out;
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('an index written a batch at a time', () => {
  it('holds what writing one article at a time gives, through changes and removals', { timeout: 120_000 }, async () => {
    const corpus = path.join(tempDir(), 'corpus');
    ensureCorpus(corpus, 30, SEEDS);
    const names = fs.readdirSync(corpus).sort();
    const batched = indexer();
    const single = indexer();
    const now = () => 1_800_000_000_000;
    // One batch of every file (analysed on this thread), against one sync per file.
    expect((await batched.indexer.sync(corpus, { now, parallelAfter: 1000, compactAfter: 1_000_000 })).added).toBe(30);
    for (const name of names) await single.indexer.sync(corpus, { now }, [name]);
    const first = contents(batched.db);
    expect(first.mentions!.length).toBeGreaterThan(100);
    expect(first.co_mentions!.length).toBeGreaterThan(0);
    expect(contents(single.db)).toEqual(first);

    // A changed article (removed, then written again in the same batch as new ones), a removed one.
    const changed = [names[3]!, names[17]!];
    for (const name of changed) {
      const file = path.join(corpus, name);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n*$/, '\n\nLa Russie et l’OTAN se sont réunies à Bruxelles avec la France.\n'));
    }
    fs.rmSync(path.join(corpus, names[9]!));
    const later = () => 1_800_000_100_000;
    expect(await batched.indexer.sync(corpus, { now: later, parallelAfter: 1000 })).toMatchObject({ updated: 2, removed: 1 });
    for (const name of [...changed, names[9]!]) await single.indexer.sync(corpus, { now: later }, [name]);
    expect(contents(single.db)).toEqual(contents(batched.db));
    expect(contents(batched.db)).not.toEqual(first);
  });
});

describe('the rows of an article', () => {
  it('carry its mentions’ spans, passages and counts as the analysis gave them', () => {
    const name = fs.readdirSync(SEEDS).sort()[0]!;
    const result = analyseFile('a', fs.readFileSync(path.join(SEEDS, name)), matcher);
    if (!result.ok) throw new Error(result.reason);
    const { sentences, mentions } = result.analysed;
    expect(mentions.length).toBeGreaterThan(3);
    const rows = articleRows(result.analysed);
    expect(rows.terms).toEqual(sentences.map((s) => s.terms.join(' ')));
    mentions.forEach((m, i) => {
      expect(rows.actors[rows.actor[i]!]).toBe(m.actorId);
      const spans = decodeSpans(rows.spans.subarray(i === 0 ? 0 : rows.spanEnds[i - 1], rows.spanEnds[i]));
      expect(spans.map((s) => [s.start, s.end])).toEqual(m.spans);
      expect(rows.passage[i]).toBe(passageHash(sentences[m.sentenceIndex]!.text));
    });
    // Mentions per actor, and pairs named in one sentence (venues aside), counted the plain way.
    rows.actors.forEach((id, a) => expect(rows.actorMentions[a]).toBe(mentions.filter((m) => m.actorId === id).length));
    const pairs = new Map<string, number>();
    for (const m of mentions) {
      for (const o of mentions) {
        if (m !== o && m.sentenceIndex === o.sentenceIndex && !m.venue && !o.venue) pairs.set(`${m.actorId} ${o.actorId}`, (pairs.get(`${m.actorId} ${o.actorId}`) ?? 0) + 1);
      }
    }
    const flat = new Map<string, number>();
    for (let i = 0; i < rows.pairs.length; i += 3) flat.set(`${rows.actors[rows.pairs[i]!]} ${rows.actors[rows.pairs[i + 1]!]}`, rows.pairs[i + 2]!);
    expect(flat).toEqual(pairs);
  });
});
