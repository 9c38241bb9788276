/**
 * Benchmark scenario: the SQLite index (this program's design) on one corpus folder.
 * Prints one JSON object on stdout. Usage: tsx benchmarks/indexed.ts <corpus-dir> <queries>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../src/services/index/engine.js';
import { percentiles, querySet, timeEach } from './queries.js';

const [dir, queryCount = '200'] = process.argv.slice(2) as [string, string?];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-bench-'));
const indexPath = path.join(work, 'index.db');
const log = (message: string) => process.stderr.write(`[indexed] ${message}\n`);

let started = performance.now();
let lastLog = 0;
const first = await openEngine({
  corpusDir: dir,
  indexPath,
  onProgress: (done, total) => {
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`ingest ${done}/${total}`);
    }
  },
});
const ingestMs = performance.now() - started;
const articles = first.report.added;
await first.engine.close();

started = performance.now();
const { engine } = await openEngine({ corpusDir: dir, indexPath });
const readyMs = performance.now() - started;

const extra = path.join(dir, 'zz-bench-extra.txt');
fs.writeFileSync(extra, 'Un article ajouté\n\nLe Groenland attire désormais les convoitises zorglubiennes de plusieurs puissances.\n');
started = performance.now();
await engine.sync();
const visible = (await engine.search('zorglubiennes')).total > 0;
const addMs = performance.now() - started;
fs.rmSync(extra);
await engine.sync();

const queries = querySet(Number(queryCount));
const actor = percentiles(await timeEach(queries.actors, (q) => engine.actor(q, { limit: 5 })));
const search = percentiles(await timeEach(queries.searches, (q) => engine.search(q, { limit: 5 })));
const autocomplete = percentiles(await timeEach(queries.prefixes, (q) => engine.autocompleteActors(q)));
const briefing = percentiles(await timeEach(queries.topics, (q) => engine.briefing({ topic: q, limit: 8 })));
await engine.close();

const indexBytes = fs.readdirSync(work).reduce((n, f) => n + fs.statSync(path.join(work, f)).size, 0);
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    design: 'index',
    articles,
    ingestMs,
    articlesPerSecond: (articles / ingestMs) * 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    indexBytes,
    readyMs,
    addMs,
    addVisible: visible,
    actor,
    search,
    autocomplete,
    briefing,
  })}\n`,
);
