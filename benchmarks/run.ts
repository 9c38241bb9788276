/**
 * `npm run bench`: for each corpus size, the index design and the naive design (fuse.js scan
 * over all sentences) on the same synthetic corpus and queries, each in its own process so that
 * peak memory is its own. Prints one Markdown table per size.
 * Options: --sizes 1000,10000,100000 (default), --queries 200 (default).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.js';

// `npm run bench -- feeds`: the live-news benchmark, in its own file.
if (process.argv[2] === 'feeds') {
  await import('./feeds.js');
  process.exit(0);
}

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '1000,10000,100000' }, queries: { type: 'string', default: '200' } },
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
  indexBytes: number;
  readyMs: number;
  reconciledMs?: number;
  addMs: number;
  addVisible: boolean;
  sampled?: boolean;
  actor: Latency;
  search: Latency;
  autocomplete: Latency;
  briefing: Latency;
  reindexMs?: number;
  duringReindex?: Latency;
}

function scenario(file: string, dir: string): Result {
  const out = execFileSync(tsx, [path.join(here, file), dir, values.queries], {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' },
  });
  return JSON.parse(out.toString()) as Result;
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
const mib = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MiB`;
const ratio = (naive: number, index: number) => (index > 0 ? `×${(naive / index).toFixed(naive / index >= 10 ? 0 : 1)}` : '—');

console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${mib(os.totalmem())} RAM, Node ${process.version}\n`);
for (const size of sizes) {
  const dir = path.join(here, '.cache', `corpus-${size}`);
  process.stderr.write(`Corpus de ${size} articles : génération…\n`);
  ensureCorpus(dir, size, path.resolve(here, '../seeds'));
  const index = scenario('indexed.ts', dir);
  const naive = scenario('naive.ts', dir);
  const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)}`;
  const rows: Array<[string, string, string, string]> = [
    ['ingest (articles/s)', `${ms(index.ingestMs)} (${index.articlesPerSecond.toFixed(0)}/s)`, `${ms(naive.ingestMs)} (${naive.articlesPerSecond.toFixed(0)}/s)`, ratio(naive.ingestMs, index.ingestMs)],
    ['peak RSS', mib(index.peakRssBytes), mib(naive.peakRssBytes), ratio(naive.peakRssBytes, index.peakRssBytes)],
    ['index on disk', mib(index.indexBytes), '— (memory only)', ''],
    ['ready after restart (unchanged corpus)', ms(index.readyMs), ms(naive.readyMs), ratio(naive.readyMs, index.readyMs)],
    ...(index.reconciledMs === undefined
      ? []
      : [['… and every file checked (background)', ms(index.reconciledMs), '—', ''] as [string, string, string, string]]),
    ['add one article → visible', `${ms(index.addMs)}${index.addVisible ? '' : ' (NOT visible)'}`, ms(naive.addMs), ratio(naive.addMs, index.addMs)],
    ['actor p50 / p95', lat(index.actor), lat(naive.actor), ratio(naive.actor.p95, index.actor.p95)],
    ['search p50 / p95', lat(index.search), lat(naive.search), ratio(naive.search.p95, index.search.p95)],
    ['autocomplete p50 / p95', lat(index.autocomplete), lat(naive.autocomplete), ratio(naive.autocomplete.p95, index.autocomplete.p95)],
    ['topic briefing p50 / p95', lat(index.briefing), lat(naive.briefing), ratio(naive.briefing.p95, index.briefing.p95)],
  ];
  if (index.duringReindex && index.reindexMs !== undefined) {
    rows.push([
      `actor+search p50 / p95 during a full re-index (worker thread, ${ms(index.reindexMs)})`,
      `${lat(index.duringReindex)} (${index.duringReindex.n} queries)`,
      '—',
      '',
    ]);
  }
  console.log(`### ${size.toLocaleString('en-US')} articles (${index.articles} indexed)${naive.sampled ? ` — naive: ${naive.actor.n} queries per kind only (each takes over 1 s)` : ''}\n`);
  console.log('| measure | index (SQLite) | naive (fuse.js scan) | naive ÷ index |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nQueries per kind: index ${index.actor.n}, naive ${naive.actor.n}.\n`);
}
