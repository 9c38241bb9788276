/**
 * `npm run bench -- follows`: the cost of follows. 1,000 follows (40 servers × 25: 70 % actors
 * among the corpus's most mentioned, 30 % subjects), over a base corpus, then batches of 100 new
 * articles a minute (synthetic articles from the seeds, stamped as just published). Per batch:
 * the index's own sync (not the follows' cost, shown apart) and the follow service's tick —
 * arrivals read, actor and subject matching on the batch only, stories, caps, claims and posts
 * to a poster that answers at once. Medians over the batches, with the slowest.
 * Options: --base 2000 --batches 6 --follows 1000 --json (one JSON object, for `npm run bench`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus, seedMaterial, syntheticArticle } from './corpus.js';
import { startEngine } from '../src/services/index/engine.js';
import { SqliteStateStore } from '../src/services/store/sqlite.js';
import { createFollowService, type AlertPoster } from '../src/services/follows/index.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== 'follows'),
  options: {
    base: { type: 'string', default: '2000' },
    batches: { type: 'string', default: '6' },
    follows: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const BASE = Number(values.base);
const BATCHES = Number(values.batches);
const FOLLOWS = Number(values.follows);
const PER_BATCH = 100;
const SUBJECTS = ['sanctions', 'cessez-le-feu', 'gaz russe', 'frappes de drones', 'élections', 'accord de paix', 'réfugiés', 'uranium', 'otages', 'sommet', 'nucléaire', 'pétrole'];

export interface FollowsBenchResult {
  follows: number;
  baseArticles: number;
  batches: number;
  perBatch: number;
  tickMs: { median: number; max: number };
  /** Of a tick: arrivals read, matching, stories and caps; then building, claiming and posting the alerts. */
  matchMs: { median: number };
  deliverMs: { median: number };
  perArticleMs: number;
  /** Alerts per batch, median (the delivery time grows with them). */
  alertsPerBatch: number;
  /** The first batch: every follow still below its hourly cap, so the most alerts. */
  first: { tickMs: number; matchMs: number; deliverMs: number; alerts: number };
  syncMs: { median: number };
  alertsPosted: number;
  alertsGrouped: number;
  peakRssBytes: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

async function run(): Promise<FollowsBenchResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-follows-bench-'));
  const corpus = path.join(work, 'corpus');
  const baseDir = path.join(here, '.cache', `corpus-${BASE}`);
  ensureCorpus(baseDir, BASE, path.resolve(here, '../seeds'));
  fs.cpSync(baseDir, corpus, { recursive: true });
  let now = Date.parse('2026-12-01T08:00:00Z');
  const { engine } = await startEngine({ corpusDir: corpus, indexPath: path.join(work, 'index.db'), now: () => now });
  const store = new SqliteStateStore(path.join(work, 'state.db'));
  let posted = 0;
  const poster: AlertPoster = {
    post: async () => ({ messageId: String(++posted) }),
    edit: async () => undefined,
  };
  const service = createFollowService({ engine, store, poster, logger: createLogger('silent'), clock: () => new Date(now), pollMs: false });
  const actors = (await engine.autocompleteActors('', 60)).map((c) => c.value);
  for (let i = 0; i < FOLLOWS; i++) {
    const guildId = String(100_000_000_000_000_000n + BigInt(Math.floor(i / 25)));
    const subject = i % 10 >= 7;
    await service.add({
      guildId,
      kind: subject ? 'subject' : 'actor',
      target: subject ? SUBJECTS[i % SUBJECTS.length]! : actors[i % actors.length]!,
      channelId: `${guildId}${i % 3}`,
      createdBy: 'bench',
    });
  }
  await service.tick();
  const material = seedMaterial(path.resolve(here, '../seeds'));
  const ticks: number[] = [];
  const syncs: number[] = [];
  const matching: number[] = [];
  const delivering: number[] = [];
  const alerts: number[] = [];
  let grouped = 0;
  let peak = process.memoryUsage().rss;
  for (let b = 0; b < BATCHES; b++) {
    now += 60_000;
    for (let i = 0; i < PER_BATCH; i++) {
      const n = BASE + b * PER_BATCH + i;
      fs.writeFileSync(path.join(corpus, `n${String(n).padStart(6, '0')}.txt`), `---\npublished: ${new Date(now).toISOString()}\nsite: Bench ${n % 7}\n---\n${syntheticArticle(n, material, 7)}`);
    }
    let started = performance.now();
    await engine.sync();
    syncs.push(performance.now() - started);
    started = performance.now();
    const report = await service.tick();
    ticks.push(performance.now() - started);
    grouped += report.grouped;
    matching.push(report.matchMs);
    delivering.push(report.deliverMs);
    alerts.push(report.posted + report.grouped + report.extended);
    process.stderr.write(`batch ${b + 1}/${BATCHES}: tick ${ticks.at(-1)!.toFixed(0)} ms (match ${report.matchMs.toFixed(0)}, deliver ${report.deliverMs.toFixed(0)}), ${alerts.at(-1)} alerts\n`);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (report.arrivals !== PER_BATCH) throw new Error(`batch ${b}: ${report.arrivals} arrivals instead of ${PER_BATCH}`);
  }
  await engine.close();
  await store.close();
  fs.rmSync(work, { recursive: true, force: true });
  return {
    follows: FOLLOWS,
    baseArticles: BASE,
    batches: BATCHES,
    perBatch: PER_BATCH,
    tickMs: { median: median(ticks), max: Math.max(...ticks) },
    matchMs: { median: median(matching) },
    deliverMs: { median: median(delivering) },
    perArticleMs: median(ticks) / PER_BATCH,
    alertsPerBatch: median(alerts),
    first: { tickMs: ticks[0] ?? 0, matchMs: matching[0] ?? 0, deliverMs: delivering[0] ?? 0, alerts: alerts[0] ?? 0 },
    syncMs: { median: median(syncs) },
    alertsPosted: posted,
    alertsGrouped: grouped,
    peakRssBytes: peak,
  };
}

const result = await run();
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(v < 10 ? 2 : 0)} ms`);
  console.log(`### Follows: ${result.follows} follows, ${result.perBatch} new articles a minute (${result.batches} batches over ${result.baseArticles} articles)\n`);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| follow tick per batch of ${result.perBatch}, median / slowest | ${ms(result.tickMs.median)} / ${ms(result.tickMs.max)} |`);
  console.log(`| of which matching (arrivals, actors, subject queries, stories, caps) / delivery (${result.alertsPerBatch} alerts a batch, median) | ${ms(result.matchMs.median)} / ${ms(result.deliverMs.median)} |`);
  console.log(`| per new article | ${ms(result.perArticleMs)} |`);
  console.log(`| first batch (no follow at its cap yet): tick, matching / delivery, alerts | ${ms(result.first.tickMs)}, ${ms(result.first.matchMs)} / ${ms(result.first.deliverMs)}, ${result.first.alerts} |`);
  console.log(`| index sync of the batch (not the follows' cost), median | ${ms(result.syncMs.median)} |`);
  console.log(`| alerts posted (grouped messages among them) | ${result.alertsPosted} (${result.alertsGrouped}) |`);
  console.log(`| peak RSS | ${(result.peakRssBytes / 1048576).toFixed(0)} MiB |`);
}
