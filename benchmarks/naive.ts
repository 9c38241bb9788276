/**
 * Benchmark scenario: the naive design — every file loaded at start-up, a fuse.js scan over all
 * sentences per query — on the same corpus and queries. Prints one JSON object on stdout.
 * When the queries would take over a minute, only a sample of them runs (said in the output).
 * Usage: tsx benchmarks/naive.ts <corpus-dir> <queries>
 */
import Fuse from 'fuse.js';
import { termsOf } from '../src/services/text/stem.js';
import { selectExcerpts } from '../src/services/briefing/select.js';
import { percentiles, queriesInBudget, querySet, timeEach } from './queries.js';
import { EXTRA_SENTENCE, loadSentences } from './load.js';

const [dir, queryCount = '200'] = process.argv.slice(2) as [string, string?];

const { rows, cleaningMs } = loadSentences(dir);
let started = performance.now();
const fuse = new Fuse(rows, { keys: ['text'], threshold: 0.3, ignoreLocation: true });
const ingestMs = cleaningMs + performance.now() - started;
const articles = new Set(rows.map((r) => r.articleId)).size;

started = performance.now();
fuse.add({ articleId: 'extra', text: EXTRA_SENTENCE });
const addVisible = fuse.search('zorglubiennes', { limit: 1 }).length > 0;
const addMs = performance.now() - started;

const wanted = Number(queryCount);
// Probe one query: a scan over millions of sentences can take seconds each.
const probe = performance.now();
fuse.search('Russie', { limit: 5 });
const n = queriesInBudget(performance.now() - probe, wanted, 4, 60_000, 2);
const sampled = n < wanted;
const queries = querySet(n);

const actor = percentiles(await timeEach(queries.actors, (q) => fuse.search(q, { limit: 5 })));
const search = percentiles(await timeEach(queries.searches, (q) => fuse.search(q, { limit: 5 })));
const autocomplete = percentiles(await timeEach(queries.prefixes, (q) => fuse.search(q, { limit: 25 })));
const briefing = percentiles(
  await timeEach(queries.topics, (q) => {
    const hits = fuse.search(q, { limit: 300 });
    return selectExcerpts(
      hits.map((h) => ({ articleId: h.item.articleId, terms: termsOf(h.item.text), prior: 1 - (h.score ?? 0) })),
      { limit: 8 },
    );
  }),
);

process.stdout.write(
  `${JSON.stringify({
    design: 'naive',
    articles,
    ingestMs,
    articlesPerSecond: (articles / ingestMs) * 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    indexBytes: 0,
    readyMs: ingestMs,
    addMs,
    addVisible,
    sampled,
    cleaningMs,
    actor,
    search,
    autocomplete,
    briefing,
  })}\n`,
);
