/**
 * `npm run bench`: for each corpus size, the index design, the floor (the same text into a bare
 * FTS5 table) and what a user would pick instead (a fuse.js scan over all sentences, MiniSearch,
 * FlexSearch) on the same synthetic corpus and queries, each in its own process so that peak
 * memory is its own. Prints one Markdown table per size.
 * Options: --sizes 1000,10000,100000 (default), --queries 200 (default).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import { ensureCorpus } from './corpus.js';
import { cliAnswerMs } from './cli.js';
import type { PictureMeasures } from './pictures.js';
import { stagesTable, type StageMeasures } from './stages.js';

// `npm run bench -- feeds` (live news) and `npm run bench -- pages` (real pages' text): each in its own file.
if (process.argv[2] === 'feeds') {
  await import('./feeds.js');
  process.exit(0);
}
if (process.argv[2] === 'pages') {
  await import('./pages.js');
  process.exit(process.exitCode ?? 0);
}
// `npm run bench -- follows`: the follows' matching and delivery, in its own file.
if (process.argv[2] === 'follows') {
  await import('./follows.js');
  process.exit(0);
}

// `npm run bench -- stages [--sizes 2000,20000] [--limit N]`: µs per article per stage only (see stages.ts).
const stagesOnly = process.argv[2] === 'stages';
const { values } = parseArgs({
  args: process.argv.slice(stagesOnly ? 3 : 2),
  options: {
    sizes: { type: 'string', default: stagesOnly ? '2000,20000' : '1000,10000,100000' },
    queries: { type: 'string', default: '200' },
    limit: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const here = path.dirname(new URL(import.meta.url).pathname);
const tsx = path.resolve(here, '../node_modules/.bin/tsx');

interface Latency {
  p50: number;
  p95: number;
  n: number;
}
interface Result {
  design: string;
  articles: number;
  ingestMs: number;
  articlesPerSecond: number;
  peakRssBytes: number;
  /** Peak RSS at the end of the first index (the whole run's peak may come later). */
  ingestPeakRssBytes?: number;
  indexBytes: number;
  readyMs: number;
  firstAnswerMs: number;
  firstAnswerProgress: { percent: number; articles: number } | null;
  cliMs: number;
  /** The seeds' CLI answer, timed in turn with this corpus's. */
  cliSeedsMs?: number;
  /** The CLI answer with every file of the corpus checked (`--sync`). */
  cliFullCheckMs?: number;
  reconciledMs?: number;
  addMs: number;
  addVisible: boolean;
  sampled?: boolean;
  cleaningMs?: number;
  actor: Latency;
  search: Latency;
  autocomplete: Latency;
  briefing: Latency;
  reindexMs?: number;
  reindexFinished?: boolean;
  duringReindex?: Latency;
  pictures?: PictureMeasures;
}

function scenario<T = Result>(file: string, ...args: string[]): T {
  const out = execFileSync(tsx, [path.join(here, file), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
  });
  return JSON.parse(out.toString()) as T;
}

interface Alternative {
  design: string;
  sampled?: boolean;
  ingestMs: number;
  articlesPerSecond: number;
  peakRssBytes: number;
  addMs: number;
  actor: Latency;
  search: Latency;
}

/** Files timed stage by stage per corpus size in the full run (the stages are one thread's, per article). */
const STAGES_SAMPLE = 5000;
/** Above this size MiniSearch is not run (see below). */
const MINISEARCH_MAX_ARTICLES = 20_000;
const ms = (v: number) => (!Number.isFinite(v) ? '—' : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const mib = (v: number) => (Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(0)} MiB` : '—');
const times = (a: number, b: number) => (b > 0 ? `×${(a / b).toFixed(a / b >= 10 ? 0 : 1)}` : '—');

console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${mib(os.totalmem())} RAM, Node ${process.version}\n`);
/** The stages' table: one thread, the indexer's own sync timed stage by stage (stages.ts). */
const stageRuns = (runs: Array<{ size: number; limit?: number }>) => {
  const measured = runs.map(({ size, limit }) => {
    const dir = path.join(here, '.cache', `corpus-${size}`);
    ensureCorpus(dir, size, path.resolve(here, '../seeds'));
    const m = scenario<StageMeasures>('stages.ts', dir, '--json', ...(limit ? ['--limit', String(limit)] : []));
    return { label: `${m.articles.toLocaleString('en-US')} articles${limit && limit < size ? ` (first of ${size.toLocaleString('en-US')})` : ''}`, m };
  });
  console.log(`### Ingest per article and per stage (one thread, CPU µs)\n\n${stagesTable(measured)}\n`);
};
if (stagesOnly) {
  stageRuns(sizes.map((size) => ({ size, ...(values.limit ? { limit: Number(values.limit) } : {}) })));
  process.exit(0);
}
// The CLI on the 5 seed articles: the yardstick of a CLI answer at scale.
const seedCliMs = cliAnswerMs(path.resolve(here, '../seeds'), path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-cli-')), 'state.db'));
console.log(`CLI answer on the 5 seed articles (actor Russie --json, median of 5 runs): ${ms(seedCliMs)}\n`);
for (const size of sizes) {
  const dir = path.join(here, '.cache', `corpus-${size}`);
  process.stderr.write(`Corpus de ${size} articles : génération…\n`);
  ensureCorpus(dir, size, path.resolve(here, '../seeds'));
  const index = scenario('indexed.ts', dir, values.queries);
  const floor = scenario<{ ingestMs: number; peakRssBytes: number }>('floor.ts', dir);
  // The alternatives clean the folder once between them (see load.ts).
  const sentences = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-sentences-')), 'sentences.tsv');
  process.env.BENCH_SENTENCES = sentences;
  const naive = scenario('naive.ts', dir, values.queries);
  const skipped: string[] = [];
  const alternative = (name: 'minisearch' | 'flexsearch'): Alternative => {
    const missing = (why: string): Alternative => {
      skipped.push(`${name}: ${why}`);
      const none = { p50: Number.NaN, p95: Number.NaN, n: 0 };
      return { design: name, ingestMs: Number.NaN, articlesPerSecond: Number.NaN, peakRssBytes: Number.NaN, addMs: Number.NaN, actor: none, search: none };
    };
    // MiniSearch held 1.7 GB at 10k articles: at 100k it would not fit the 8 GB heap given here.
    if (name === 'minisearch' && size > MINISEARCH_MAX_ARTICLES) return missing('not run (1.7 GB of memory at 10k articles, some 17 GB here)');
    try {
      return scenario<Alternative>('library.ts', name, dir, values.queries);
    } catch {
      return missing('failed (out of memory?)');
    }
  };
  const mini = alternative('minisearch');
  const flex = alternative('flexsearch');
  fs.rmSync(path.dirname(sentences), { recursive: true, force: true });
  const lat = (l: Latency) => (l.n === 0 ? '—' : `${ms(l.p50)} / ${ms(l.p95)}`);
  const ingest = (r: { ingestMs: number; articlesPerSecond: number }) =>
    Number.isFinite(r.ingestMs) ? `${ms(r.ingestMs)} (${r.articlesPerSecond.toFixed(0)}/s)` : '—';
  type Row = [string, string, string, string, string, string];
  const rows: Row[] = [
    ['ingest (articles/s)', `${ingest(index)}, ${times(index.ingestMs, floor.ingestMs)} the floor`, ms(floor.ingestMs), ingest(naive), ingest(mini), ingest(flex)],
    ['peak RSS', `${mib(index.peakRssBytes)}${index.ingestPeakRssBytes ? ` (first index: ${mib(index.ingestPeakRssBytes)})` : ''}`, mib(floor.peakRssBytes), mib(naive.peakRssBytes), mib(mini.peakRssBytes), mib(flex.peakRssBytes)],
    ['index on disk (per article)', `${mib(index.indexBytes)} (${(index.indexBytes / 1024 / index.articles).toFixed(1)} KB)`, '', '— (memory only)', '— (memory only)', '— (memory only)'],
    ['first start: first answer', `${ms(index.firstAnswerMs)}${index.firstAnswerProgress ? ` (${index.firstAnswerProgress.percent} % indexed)` : ''}`, '', ms(naive.readyMs), ms(mini.ingestMs), ms(flex.ingestMs)],
    ['ready after restart (unchanged corpus)', ms(index.readyMs), '', ms(naive.readyMs), ms(mini.ingestMs), ms(flex.ingestMs)],
    ...(index.reconciledMs === undefined ? [] : [['… and every file checked (background)', ms(index.reconciledMs), '', '—', '—', '—'] as Row]),
    ['CLI answer (actor --json, new process)', `${ms(index.cliMs)} (${times(index.cliMs, index.cliSeedsMs ?? seedCliMs)} the 5 seeds${index.cliSeedsMs ? ', timed in turn' : ''})${index.cliFullCheckMs ? `; every file checked (--sync): ${ms(index.cliFullCheckMs)} (${times(index.cliFullCheckMs, index.cliSeedsMs ?? seedCliMs)})` : ''}`, '', '—', '—', '—'],
    ['add one article → visible', `${ms(index.addMs)}${index.addVisible ? '' : ' (NOT visible)'}`, '', ms(naive.addMs), ms(mini.addMs), ms(flex.addMs)],
    ['actor p50 / p95', lat(index.actor), '', lat(naive.actor), `${lat(mini.actor)} (as text)`, `${lat(flex.actor)} (as text)`],
    ['search p50 / p95', lat(index.search), '', lat(naive.search), lat(mini.search), lat(flex.search)],
    ['autocomplete p50 / p95', lat(index.autocomplete), '', lat(naive.autocomplete), '—', '—'],
    ['topic briefing p50 / p95', lat(index.briefing), '', lat(naive.briefing), '—', '—'],
  ];
  const pic = index.pictures;
  if (pic) {
    rows.push(
      ['actor series (chart data) cold / warm, p50 / p95', `${lat(pic.seriesCold)} cold; ${lat(pic.seriesWarm)} warm`, '', '—', '—', '—'],
      ['trends (all actors, 7 days and the 7 before)', ms(pic.trendsMs), '', '—', '—', '—'],
      ['picture render: first (worker starts) / new / cached, p50', `${ms(pic.renderFirstMs)} / ${ms(pic.renderCold.p50)} / ${ms(pic.renderWarm.p50)}`, '', '—', '—', '—'],
      ['warm /actor answer with its picture p50 / p95', lat(pic.answerWarm), '', '—', '—', '—'],
    );
  }
  if (index.duringReindex && index.reindexMs !== undefined) {
    rows.push([
      `actor+search p50 / p95 during a full re-index (worker thread, ${index.reindexFinished ? `re-index done in ${ms(index.reindexMs)}` : `first ${ms(index.reindexMs)} of it`})`,
      `${lat(index.duringReindex)} (${index.duringReindex.n} queries)`,
      '',
      '—',
      '—',
      '—',
    ]);
  }
  const sampledNote = [naive, mini, flex]
    .filter((r) => r.sampled)
    .map((r) => `${r.design}: ${r.actor.n} queries per kind only (a minute of queries at most)`)
    .concat(skipped)
    .join('; ');
  console.log(`### ${size.toLocaleString('en-US')} articles (${index.articles} indexed)${sampledNote ? ` — ${sampledNote}` : ''}\n`);
  console.log('| measure | index (SQLite) | floor (bare FTS5) | naive (fuse.js scan) | MiniSearch | FlexSearch |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nQueries per kind: index ${index.actor.n}, naive ${naive.actor.n}, MiniSearch ${mini.actor.n}, FlexSearch ${flex.actor.n}. The alternatives' ingest counts the same cleaning of the folder (${ms(naive.cleaningMs ?? 0)}, measured once in this run) plus building their own index.\n`);
}

// Where one article's time goes; a big corpus is sampled (its first files: the stages are per article).
stageRuns(sizes.map((size) => ({ size, limit: Math.min(size, Number(values.limit ?? STAGES_SAMPLE)) })));

// The follows' row: 1,000 follows, 100 new articles a minute (benchmarks/follows.ts).
{
  const f = scenario<{
    follows: number;
    perBatch: number;
    tickMs: { median: number; max: number };
    matchMs: { median: number };
    deliverMs: { median: number };
    perArticleMs: number;
    syncMs: { median: number };
  }>('follows.ts', '--json');
  console.log('### Follows\n');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| ${f.follows} follows, ${f.perBatch} new articles a minute: follow tick per batch (median / slowest; matching + delivery), per article | ${ms(f.tickMs.median)} / ${ms(f.tickMs.max)} (${ms(f.matchMs.median)} + ${ms(f.deliverMs.median)}), ${ms(f.perArticleMs)} (index sync of the batch apart: ${ms(f.syncMs.median)}) |`);
}
