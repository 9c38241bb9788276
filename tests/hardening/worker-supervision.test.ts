/**
 * Issue #10, defects 3 and 4: a worker that dies is seen, replaced, and its cause skipped.
 * Before: jobs kept going to a dead analysis worker (the sync never finished, `npm run index`
 * exited 0 halfway, healthy articles in flight were recorded as skipped forever).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnalysisPool } from '../../src/services/index/analysis-pool.js';
import { openEngine } from '../../src/services/index/engine.js';
import { WorkerCorpusEngine } from '../../src/services/index/worker-engine.js';
import { analysingInIndex, copySeeds, largeArticle, SEEDS, tempDir, until } from './helpers.js';

const CRASHING_WORKER = new URL('./fixtures/crashing-analysis-worker.ts', import.meta.url).href;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const seed = (name: string) => fs.readFileSync(path.join(SEEDS, name));
const seedNames = fs.readdirSync(SEEDS).sort();

describe('the analysis pool', () => {
  it('replaces a dead worker, skips the job that killed it twice and analyses the jobs queued behind it', async () => {
    const deaths: string[] = [];
    const pool = new AnalysisPool({ size: 1, module: CRASHING_WORKER, onWorkerDeath: (m) => deaths.push(m) });
    try {
      const jobs = ['a', 'poison', 'b', 'c'].map((id, i) => ({ id, bytes: seed(seedNames[i]!) }));
      const results = await Promise.all(jobs.map((job) => pool.analyse(job)));
      expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
      expect(!results[1]!.ok && results[1]!.reason).toMatch(/arrête l’analyseur/);
      expect(deaths).toHaveLength(2);
      expect(deaths[0]).toMatch(/pendant l’analyse de poison/);
      // The pool goes on working after the deaths.
      expect((await pool.analyse({ id: 'd', bytes: seed(seedNames[4]!) })).ok).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe('analysis workers that die on every file', () => {
  it('make the sync fail loudly after a few deaths in a row, instead of finishing halfway as if all were well', async () => {
    const dir = tempDir();
    dirs.push(dir);
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(dir, `poison-${i}.txt`), seed(seedNames[i]!));
    const warnings: string[] = [];
    const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:', onWarning: (w) => warnings.push(w) });
    try {
      const forced = engine.sync({ force: true, parallelAfter: 0, analysisWorker: CRASHING_WORKER });
      await expect(forced).rejects.toThrow(/analyseurs d’articles s’arrêtent sans cesse/);
      expect(warnings.filter((w) => /analyseur arrêté/.test(w)).length).toBeGreaterThan(5);
    } finally {
      await engine.close();
    }
  }, 120_000);
});

describe('a first index whose analysis worker dies', () => {
  it('completes: every healthy article indexed, the killer skipped with a warning naming it', async () => {
    const dir = copySeeds();
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'poison.txt'), seed(seedNames[0]!));
    const warnings: string[] = [];
    // The first sync runs inline (a small corpus); then the same folder again through workers only.
    const { engine: pooled, report: pooledReport } = await openEngine({ corpusDir: dir, indexPath: ':memory:', onWarning: (w) => warnings.push(w) });
    try {
      const forced = await pooled.sync({ force: true, parallelAfter: 0, analysisWorker: CRASHING_WORKER });
      expect(pooledReport.added).toBe(6);
      expect(forced.skipped).toEqual([{ file: path.join(dir, 'poison.txt'), reason: expect.stringMatching(/arrête l’analyseur/) }]);
      expect(forced.updated).toBe(5);
      expect(warnings.some((w) => w.includes('poison.txt'))).toBe(true);
      expect(warnings.some((w) => /analyseur arrêté/.test(w))).toBe(true);
      const sources = await pooled.sources();
      expect(sources.map((s) => s.id)).not.toContain('poison');
      expect(sources).toHaveLength(5);
    } finally {
      await pooled.close();
    }
  }, 120_000);
});

describe('the engine worker (Discord mode)', () => {
  const CRASHING_ENGINE = new URL('./fixtures/crashing-engine-worker.ts', import.meta.url).href;

  it('when it dies: says so, answers the pending requests with an error, restarts and answers again', async () => {
    const dir = copySeeds();
    dirs.push(dir);
    const restarts: string[] = [];
    const { engine } = await WorkerCorpusEngine.open({
      corpusDir: dir,
      indexPath: path.join(dir, 'index.db'),
      background: true,
      entry: CRASHING_ENGINE,
      onRestart: (m) => restarts.push(m),
    });
    try {
      const pending = engine.actor('Russie');
      const crash = engine.search('plantage');
      await expect(crash).rejects.toThrow(/moteur du corpus s'est arrêté/);
      // Either answered before the crash or told of it: never left waiting.
      await pending.catch(() => undefined);
      expect(restarts[0]).toMatch(/plantage simulé.*redémarrage/);
      const answer = await engine.actor('Russie', { limit: 2 });
      expect(answer.found && answer.excerpts.length).toBeGreaterThan(0);
      expect((await engine.autocompleteActors('Rus')).length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  }, 60_000);
});

describe('an indexing run killed while it analyses a file', () => {
  it('skips that file at the next run, with a warning naming it, instead of dying on it again', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    fs.writeFileSync(path.join(corpus, 'ok.txt'), seed(seedNames[1]!));
    // About 5 s to analyse: time to kill the run in the middle of it, as an out-of-memory would.
    fs.writeFileSync(path.join(corpus, 'lourd.txt'), largeArticle(1024 * 1024));
    const env = { ...process.env, CORPUS_DIR: corpus, DATABASE_PATH: path.join(dir, 'state.db'), DISCORD_TOKEN: '', LOG_LEVEL: 'silent' };
    const run = () => spawn(process.execPath, ['--import', 'tsx', 'src/index-corpus.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const first = run();
    const indexFile = () => fs.readdirSync(dir).find((f) => /^index-.*\.db$/.test(f));
    await until(() => {
      const file = indexFile();
      return file !== undefined && analysingInIndex(path.join(dir, file));
    }, 60_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const second = run();
    let out = '';
    let err = '';
    second.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    second.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise((resolve) => second.once('exit', resolve));
    expect(code).toBe(0);
    expect(err).toMatch(/lourd\.txt.*arrêté l’indexation/);
    expect(out).toMatch(/ignoré : .*lourd\.txt — son analyse a arrêté l’indexation/);
  }, 120_000);
});
