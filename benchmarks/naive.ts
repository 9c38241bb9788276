/**
 * Benchmark scenario: the naive design — every file loaded at start-up, a fuse.js scan over all
 * sentences per query — on the same corpus and queries. Prints one JSON object on stdout.
 * Where a query takes over a second, only a sample of queries runs (said in the output).
 * Usage: tsx benchmarks/naive.ts <corpus-dir> <queries>
 */
import fs from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import { cleanArticle } from '../src/services/corpus/boilerplate.js';
import { decodeArticleBytes } from '../src/services/corpus/decode.js';
import { splitParagraphSentences } from '../src/services/text/sentences.js';
import { termsOf } from '../src/services/text/stem.js';
import { selectExcerpts } from '../src/services/briefing/select.js';
import { percentiles, querySet, timeEach } from './queries.js';

const [dir, queryCount = '200'] = process.argv.slice(2) as [string, string?];

interface Row {
  articleId: string;
  text: string;
}

function load(): Row[] {
  const rows: Row[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const decoded = decodeArticleBytes(fs.readFileSync(path.join(dir, file)));
    if (!decoded.ok) continue;
    const article = cleanArticle(file.replace(/\.txt$/, ''), decoded.text);
    for (const s of splitParagraphSentences(article.paragraphs)) rows.push({ articleId: article.id, text: s.text });
  }
  return rows;
}

let started = performance.now();
const rows = load();
const fuse = new Fuse(rows, { keys: ['text'], threshold: 0.3, ignoreLocation: true });
const ingestMs = performance.now() - started;
const articles = new Set(rows.map((r) => r.articleId)).size;

started = performance.now();
fuse.add({ articleId: 'extra', text: 'Le Groenland attire désormais les convoitises zorglubiennes de plusieurs puissances.' });
const addVisible = fuse.search('zorglubiennes', { limit: 1 }).length > 0;
const addMs = performance.now() - started;

const wanted = Number(queryCount);
// Probe one query: a scan over millions of sentences can take seconds each.
const probe = performance.now();
fuse.search('Russie', { limit: 5 });
const sampled = performance.now() - probe > 1000;
const n = sampled ? Math.min(5, wanted) : wanted;
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
    actor,
    search,
    autocomplete,
    briefing,
  })}\n`,
);
