/**
 * Benchmark scenario: the SQLite index (this program's design) on one corpus folder.
 * Prints one JSON object on stdout. Usage: tsx benchmarks/indexed.ts <corpus-dir> <queries>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { indexPathFor } from '../src/app.js';
import { startEngine } from '../src/services/index/engine.js';
import { WorkerCorpusEngine } from '../src/services/index/worker-engine.js';
import { percentiles, querySet, timeEach } from './queries.js';
import { cliAnswerPairedMs } from './cli.js';
import { measurePictures } from './pictures.js';

const [dir, queryCount = '200'] = process.argv.slice(2) as [string, string?];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-bench-'));
// The index where the CLI finds it, beside a state file.
const statePath = path.join(work, 'state.db');
const indexPath = indexPathFor(dir, statePath);
const log = (message: string) => process.stderr.write(`[indexed] ${message}\n`);

// A first start, as the bot does it: answering at once from what is indexed so far.
let started = performance.now();
let lastLog = 0;
const first = await startEngine({
  corpusDir: dir,
  indexPath,
  background: true,
  onProgress: (done, total) => {
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`ingest ${done}/${total}`);
    }
  },
});
await first.engine.actor('Russie', { limit: 5 });
const firstAnswerMs = performance.now() - started;
const firstAnswerProgress = (await first.engine.indexProgress()) ?? null;
const firstReport = await first.synced;
const ingestMs = performance.now() - started;
// The high-water mark so far is the first index's (the later phases may raise it).
const ingestPeakRssBytes = process.resourceUsage().maxRSS * 1024;
log('phase: restart');
const articles = firstReport.added;
await first.engine.close();

// A restart as the bot does it: answering from the index at once, the folder checked behind.
started = performance.now();
const { engine, synced } = await startEngine({ corpusDir: dir, indexPath, watch: true, watchDebounceMs: 50, background: true });
const readyMs = performance.now() - started;
await synced;
const reconciledMs = performance.now() - started;

// A new file, picked up by the watcher: time from the write until a query sees it.
const extra = path.join(dir, 'zz-bench-extra.txt');
started = performance.now();
fs.writeFileSync(extra, 'Un article ajouté\n\nLe Groenland attire désormais les convoitises zorglubiennes de plusieurs puissances.\n');
let visible = false;
while (!visible && performance.now() - started < 10_000) {
  visible = (await engine.search('zorglubiennes')).total > 0;
  if (!visible) await new Promise((resolve) => setTimeout(resolve, 5));
}
const addMs = performance.now() - started;
fs.rmSync(extra);
await engine.sync();

log('phase: queries');
const queries = querySet(Number(queryCount));
const actor = percentiles(await timeEach(queries.actors, (q) => engine.actor(q, { limit: 5 })));
const search = percentiles(await timeEach(queries.searches, (q) => engine.search(q, { limit: 5 })));
const autocomplete = percentiles(await timeEach(queries.prefixes, (q) => engine.autocompleteActors(q)));
const briefing = percentiles(await timeEach(queries.topics, (q) => engine.briefing({ topic: q, limit: 8 })));
log('phase: pictures');
const pictures = await measurePictures(engine, queries.actors);
await engine.close();

// Before anything rewrites it: the index as a first index left it, and a CLI answer from it.
const indexBytes = fs.readdirSync(work).filter((f) => f.startsWith('index-')).reduce((n, f) => n + fs.statSync(path.join(work, f)).size, 0);
log('phase: CLI');
const { ms: cliMs, seedsMs: cliSeedsMs, fullCheckMs: cliFullCheckMs } = cliAnswerPairedMs(dir, statePath, path.resolve(path.dirname(new URL(import.meta.url).pathname), '../seeds'));
log('phase: re-index in the worker engine');

// The bot's set-up: the index in a worker thread. Queries while it re-indexes every file; the
// re-index is stopped once the queries are done (its speed is the ingest's, measured above).
const { engine: worker } = await WorkerCorpusEngine.open({ corpusDir: dir, indexPath });
started = performance.now();
const reindex = worker.sync({ force: true }).catch(() => undefined);
let reindexDone = false;
void reindex.then(() => (reindexDone = true));
const during: number[] = [];
for (let i = 0; !reindexDone && i < queries.actors.length * 2; i++) {
  const t = performance.now();
  await (i % 2 === 0
    ? worker.actor(queries.actors[i % queries.actors.length]!, { limit: 5 })
    : worker.search(queries.searches[i % queries.searches.length]!, { limit: 5 }));
  during.push(performance.now() - t);
}
const reindexMs = performance.now() - started;
const reindexFinished = reindexDone;
const duringReindex = percentiles(during);
await worker.close();
await reindex;
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    design: 'index',
    articles,
    ingestMs,
    firstAnswerMs,
    firstAnswerProgress,
    cliMs,
    cliSeedsMs,
    cliFullCheckMs,
    articlesPerSecond: (articles / ingestMs) * 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    ingestPeakRssBytes,
    indexBytes,
    readyMs,
    reconciledMs,
    addMs,
    addVisible: visible,
    actor,
    search,
    autocomplete,
    briefing,
    reindexMs,
    reindexFinished,
    duringReindex,
    pictures,
  })}\n`,
);
