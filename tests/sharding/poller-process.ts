/**
 * A process that runs for the feed poller as a bot process does (SQLite state: lock file and a
 * polling worker thread; PostgreSQL: advisory lock) and prints its log lines as JSON.
 * Prints `feeds.lease_try` at each try for the lease.
 * Usage: poller-process.ts LOCATION CORPUS_DIR (LOCATION: a SQLite path or a postgres:// URL)
 */
import { startElectedFeedRunner, pollerLease, type FeedLogger } from '../../src/services/feeds/index.js';
import { openLocation } from '../store/stores.js';

const [location, corpusDir] = process.argv.slice(2) as [string, string];
const print = (level: string) => (object: object, message: string) =>
  process.stdout.write(`${JSON.stringify({ pid: process.pid, level, ...object, message })}\n`);
const logger: FeedLogger = { info: print('info'), warn: print('warn'), error: print('error') };

const store = await openLocation(location);
const postgres = /^postgres(ql)?:\/\//.test(location);
const where = postgres ? { databaseUrl: location, databasePath: '' } : { databasePath: location };
const lease = pollerLease(where);
/** Each try for the poller's lease is printed: the test waits for tries, not for time. */
const acquire = async () => {
  const held = await lease();
  print('info')({ event: 'feeds.lease_try', held: held !== undefined }, 'lease try');
  return held;
};
const runner = startElectedFeedRunner(
  {
    corpusDir,
    databasePath: where.databasePath,
    fetcher: { userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 5_000, hostDelayMs: 0 },
    poller: { pollIntervalMs: 3_600_000 },
    tickMs: 200,
  },
  store,
  logger,
  { inWorker: true, acquire, retryMs: 300 },
);
process.stdout.write(`${JSON.stringify({ pid: process.pid, event: 'started' })}\n`);
process.once('SIGTERM', () => void runner.close().then(async () => {
  await store.close();
  process.exit(0);
}));
