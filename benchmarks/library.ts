/**
 * Benchmark scenario: what a user would pick instead of writing an index — a full-text search
 * library over every sentence in memory, built at each start: MiniSearch or FlexSearch (French
 * accents folded, typos tolerated where the library offers it). Actor queries are searched as
 * text (neither knows that Moscou is Russia). Prints one JSON object on stdout.
 * Usage: tsx benchmarks/library.ts <minisearch|flexsearch> <corpus-dir> <queries>
 */
import MiniSearch from 'minisearch';
import { Charset, Index } from 'flexsearch';
import { foldText } from '../src/services/text/normalize.js';
import { percentiles, queriesInBudget, querySet, timeEach } from './queries.js';
import { EXTRA_SENTENCE, loadSentences } from './load.js';

const [library, dir, queryCount = '200'] = process.argv.slice(2) as ['minisearch' | 'flexsearch', string, string?];

interface Searcher {
  add(id: number, text: string): void;
  search(query: string, limit: number): number[];
}

function miniSearch(): Searcher {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], processTerm: (term) => foldText(term) });
  return {
    add: (id, text) => index.add({ id, text }),
    search: (query, limit) => index.search(query, { fuzzy: 0.2, prefix: true }).slice(0, limit).map((r) => r.id as number),
  };
}

function flexSearch(): Searcher {
  const index = new Index({ tokenize: 'forward', encoder: Charset.LatinBalance });
  return {
    add: (id, text) => index.add(id, text),
    search: (query, limit) => index.search(query, { limit, suggest: true }) as number[],
  };
}

const { rows, cleaningMs } = loadSentences(dir);
let started = performance.now();
const searcher = library === 'minisearch' ? miniSearch() : flexSearch();
rows.forEach((row, id) => searcher.add(id, row.text));
const ingestMs = cleaningMs + performance.now() - started;
const articles = new Set(rows.map((r) => r.articleId)).size;

started = performance.now();
searcher.add(rows.length, EXTRA_SENTENCE);
const addVisible = searcher.search('zorglubiennes', 1).length > 0;
const addMs = performance.now() - started;

const wanted = Number(queryCount);
const probe = performance.now();
searcher.search('Russie', 5);
const n = queriesInBudget(performance.now() - probe, wanted, 2);
const sampled = n < wanted;
const queries = querySet(n);
const actor = percentiles(await timeEach(queries.actors, (q) => searcher.search(q, 5).map((id) => rows[id])));
const search = percentiles(await timeEach(queries.searches, (q) => searcher.search(q, 5).map((id) => rows[id])));

process.stdout.write(
  `${JSON.stringify({
    design: library,
    articles,
    ingestMs,
    articlesPerSecond: (articles / ingestMs) * 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    readyMs: ingestMs,
    addMs,
    addVisible,
    sampled,
    actor,
    search,
  })}\n`,
);
