/**
 * `npm run bench:state`: the shared state and the digest at scale.
 * 1. Digest slot claims per second and p95 claim latency, SQLite (one file) vs PostgreSQL, with
 *    1, 4 and 8 processes claiming the same slots.
 * 2. Time to post 1,000 guilds' digests due at the same minute through the fake Discord with a
 *    global limit of 50 requests/s: paced (the default) vs a burst (unpaced).
 * PostgreSQL: PG_TEST_URL, or the embedded server the tests use. Options: --slots 1000, --guilds 1000,
 * --only claims|digests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REST } from 'discord.js';
import { openCorpus } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { discordPoster } from '../../src/bot/digest-poster.js';
import { createDigestService } from '../../src/services/digest/index.js';
import { PostgresStateStore, SqliteStateStore } from '../../src/services/store/index.js';
import { startFakeDiscord } from '../../tests/fake-discord/index.js';
import { createTestDatabase, startTestPostgres } from '../../tests/support/postgres-server.js';
import { percentiles } from '../queries.js';

const { values } = parseArgs({
  options: { slots: { type: 'string', default: '1000' }, guilds: { type: 'string', default: '1000' }, only: { type: 'string' } },
});
const SLOTS = Number(values.slots);
const GUILDS = Number(values.guilds);
const here = path.dirname(new URL(import.meta.url).pathname);
const claimer = path.join(here, 'claimer.ts');
const tsxLoader = path.resolve(here, '../../node_modules/tsx/dist/loader.mjs');

/** Runs `processes` claimers on `location` together; claims/s over all and latency percentiles. */
async function claimRun(location: string, processes: number): Promise<{ perSecond: number; p50: number; p95: number; won: number; failed: number }> {
  const children = Array.from({ length: processes }, (_, i) =>
    spawn(process.execPath, ['--import', tsxLoader, claimer, location, String(SLOTS), `p${i}`], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((child) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { text: () => text, exit: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
  });
  while (!outputs.every((o) => o.text().includes('ready\n'))) await new Promise((r) => setTimeout(r, 20));
  const started = performance.now();
  for (const child of children) child.stdin.end('go\n');
  await Promise.all(outputs.map((o) => o.exit));
  const elapsed = performance.now() - started;
  const results = outputs.map((o) => JSON.parse(o.text().replace('ready\n', '')) as { latencies: number[]; won: number; failed: number });
  const all = results.flatMap((r) => r.latencies);
  const { p50, p95 } = percentiles(all);
  return { perSecond: (all.length / elapsed) * 1000, p50, p95, won: results.reduce((n, r) => n + r.won, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
}

async function claims(): Promise<void> {
  const server = await startTestPostgres();
  const root = mkdtempSync(path.join(tmpdir(), 'depeche-bench-state-'));
  console.log(`\n## Digest slot claims (${SLOTS} slots, every process claims each one)\n`);
  console.log(`| store | processes | claims/s (all processes) | p50 claim (ms) | p95 claim (ms) | slots won (must be ${SLOTS}) | claims failed (busy) |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  try {
    for (const processes of [1, 4, 8]) {
      const sqlite = path.join(root, `p${processes}`, 'bot.db');
      new SqliteStateStore(sqlite).close();
      const database = await createTestDatabase(server.adminUrl, 'depeche_bench');
      await (await PostgresStateStore.open(database.url)).close();
      for (const [name, location] of [['SQLite', sqlite], ['PostgreSQL', database.url]] as const) {
        const r = await claimRun(location, processes);
        console.log(`| ${name} | ${processes} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.won} | ${r.failed} |`);
      }
      await database.drop();
    }
  } finally {
    await server.stop();
  }
}

async function digests(): Promise<void> {
  console.log(`\n## ${GUILDS} guilds' digests due at the same minute, fake Discord with a global limit of 50 requests/s\n`);
  console.log('| delivery | time to post all (s) | posts/s | 429 answers (global limit) | digests posted |');
  console.log('|---|---:|---:|---:|---:|');
  const corpus = await openCorpus({ corpusDir: path.resolve(here, '../../seeds'), databasePath: ':memory:' });
  try {
    for (const [label, postsPerSecond, postConcurrency] of [
      ['paced (default: 40/s for one process)', undefined, undefined],
      ['burst (unpaced, 16 at once)', 0, 16],
    ] as const) {
      const fake = await startFakeDiscord({
        guilds: Array.from({ length: GUILDS }, (_, i) => ({ name: `Serveur ${i}`, channels: [{ name: 'briefings' }], members: [] })),
        globalRateLimit: { limit: 50, windowMs: 1000 },
        // The per-route buckets are per channel: only the global limit binds here.
        rateLimit: { limit: 5, windowMs: 5000 },
      });
      const store = new SqliteStateStore(path.join(mkdtempSync(path.join(tmpdir(), 'depeche-bench-digest-')), 'bot.db'));
      const since = new Date('2026-11-24T00:00:00Z');
      for (const guild of fake.guilds) {
        await store.upsertGuildSettings({ guildId: guild.id, channelId: guild.channels[0]!.id, time: '08:00', timezone: 'UTC', enabled: true, topics: [], updatedAt: since });
      }
      const rest = new REST({ api: fake.apiBase, timeout: 60_000 }).setToken(fake.token);
      const service = createDigestService({
        engine: corpus.engine,
        store,
        poster: discordPoster(rest, { botUserId: fake.applicationId }),
        config: { digestTime: { hour: 8, minute: 0 }, digestTimezone: 'UTC' },
        logger: createLogger('silent'),
        cron: false,
        ...(postsPerSecond !== undefined ? { postsPerSecond } : {}),
        ...(postConcurrency !== undefined ? { postConcurrency } : {}),
      });
      const started = performance.now();
      const reports = await service.tick(new Date('2026-11-25T08:00:30Z'));
      const seconds = (performance.now() - started) / 1000;
      const posted = reports.filter((r) => r.outcome === 'posted').length;
      console.log(`| ${label} | ${seconds.toFixed(1)} | ${(posted / seconds).toFixed(1)} | ${fake.gatewayStats.globalLimited} | ${posted} |`);
      await store.close();
      await fake.close();
    }
  } finally {
    await corpus.close();
  }
}

if (values.only !== 'digests') await claims();
if (values.only !== 'claims') await digests();
