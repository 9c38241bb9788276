/**
 * Benchmark scenario: where an ingest's CPU time goes, per article and per stage (read, decode,
 * clean, sentences, actors, judge, write), on one thread: the indexer's own sync with a stage
 * clock (src/services/index/stages.ts), every file analysed inline. Stories are grouped at query
 * time, not at ingest, so they are not a stage here.
 * Usage: tsx benchmarks/stages.ts <corpus-dir> [--limit N] [--json]
 *   --limit N: only the first N files of the folder (copied aside), for a quick look at a big corpus.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalog } from '../src/services/actors/catalog.js';
import { ActorMatcher } from '../src/services/actors/matcher.js';
import { openIndexDatabase } from '../src/services/index/database.js';
import { CorpusIndexer } from '../src/services/index/indexer.js';
import { ANALYSIS_STAGES, StageClock, STAGES, type Stage } from '../src/services/index/stages.js';

export interface StageMeasures {
  articles: number;
  /** Mean CPU µs per article of each stage. */
  usPerArticle: Record<Stage, number>;
  /** Median and 95th percentile of one article's analysis (decode … judge), in CPU µs. */
  analysisP50: number;
  analysisP95: number;
  wallMs: number;
}

export async function measureStages(dir: string, limit?: number): Promise<StageMeasures> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-stages-'));
  try {
    let corpus = dir;
    if (limit !== undefined) {
      corpus = path.join(work, 'corpus');
      fs.mkdirSync(corpus);
      const names = fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().slice(0, limit);
      for (const name of names) fs.copyFileSync(path.join(dir, name), path.join(corpus, name));
    }
    const { db } = openIndexDatabase(path.join(work, 'index.db'));
    const catalog = buildCatalog();
    const indexer = new CorpusIndexer(db, () => new ActorMatcher(catalog));
    const clock = new StageClock();
    const started = performance.now();
    const report = await indexer.sync(corpus, { clock });
    const wallMs = performance.now() - started;
    db.close();
    const articles = report.added;
    const sorted = [...clock.analysisMs].sort((a, b) => a - b);
    const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN) * 1000;
    return {
      articles,
      usPerArticle: Object.fromEntries(STAGES.map((s) => [s, (clock.totalMs[s] * 1000) / Math.max(1, articles)])) as Record<Stage, number>,
      analysisP50: at(0.5),
      analysisP95: at(0.95),
      wallMs,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The Markdown table of one or more measures (one row per stage). */
export function stagesTable(runs: Array<{ label: string; m: StageMeasures }>): string {
  const us = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} µs` : '—');
  const lines = [`| stage | ${runs.map((r) => r.label).join(' | ')} |`, `|---|${runs.map(() => '---|').join('')}`];
  for (const s of STAGES) lines.push(`| ${s} | ${runs.map((r) => us(r.m.usPerArticle[s])).join(' | ')} |`);
  const analysis = (m: StageMeasures) => ANALYSIS_STAGES.reduce((n, s) => n + m.usPerArticle[s], 0);
  lines.push(`| cleaning + analysis (decode … judge), mean | ${runs.map((r) => us(analysis(r.m))).join(' | ')} |`);
  lines.push(`| cleaning + analysis, median / p95 | ${runs.map((r) => `${us(r.m.analysisP50)} / ${us(r.m.analysisP95)}`).join(' | ')} |`);
  lines.push(`| wall time per article (one thread; a busy machine adds to it) | ${runs.map((r) => us((r.m.wallMs * 1000) / Math.max(1, r.m.articles))).join(' | ')} |`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const dir = positionals[0];
  if (!dir) {
    console.error('usage: tsx benchmarks/stages.ts <corpus-dir> [--limit N] [--json]');
    process.exit(2);
  }
  const m = await measureStages(dir, values.limit ? Number(values.limit) : undefined);
  console.log(values.json ? JSON.stringify(m) : stagesTable([{ label: `${m.articles} articles`, m }]));
}
