/**
 * The benchmark's stage clock (src/services/index/stages.ts): a timed sync charges every stage of
 * every article on the calling thread, and timing it changes nothing in what is indexed. The
 * untimed sync goes through the analysis workers (one per core): whichever finishes first, rows
 * are written in the folder's order, so ids, actor numbers and every tie they break are the same.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { openIndexDatabase } from '../../src/services/index/database.js';
import { CorpusIndexer } from '../../src/services/index/indexer.js';
import { StageClock, STAGES } from '../../src/services/index/stages.js';

const SEEDS = path.resolve(__dirname, '../../seeds');
const work: string[] = [];
afterEach(() => {
  for (const dir of work.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function indexSeeds(clock?: StageClock) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-stages-'));
  work.push(dir);
  const { db } = openIndexDatabase(path.join(dir, 'index.db'));
  const catalog = buildCatalog();
  // parallelAfter 0: without a clock every file would go to the analysis workers.
  const report = await new CorpusIndexer(db, () => new ActorMatcher(catalog)).sync(SEEDS, { parallelAfter: 0, ...(clock ? { clock } : {}) });
  const rows = {
    sentences: db.prepare('SELECT id, article, paragraph, text, centrality, flags FROM sentences ORDER BY id').all(),
    mentions: db.prepare('SELECT * FROM mentions ORDER BY sentence, actor').all(),
  };
  db.close();
  return { report, rows };
}

describe('stage clock', () => {
  it('charges every stage of every article, and the analysis of each', async () => {
    const clock = new StageClock();
    const { report } = await indexSeeds(clock);
    expect(report.added).toBeGreaterThan(0);
    for (const stage of STAGES) expect(clock.totalMs[stage], stage).toBeGreaterThan(0);
    expect(clock.analysisMs).toHaveLength(report.added);
  });

  it('indexes the same rows, ids included, as an untimed sync through the workers', async () => {
    const timed = await indexSeeds(new StageClock());
    const plain = await indexSeeds();
    expect(timed.rows).toEqual(plain.rows);
    expect(timed.rows.sentences.length).toBeGreaterThan(0);
  });
});
