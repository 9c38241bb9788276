/** Entry point of the feed polling thread: see runner.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStateStore } from '../store/sqlite.js';
import { createPoller, PollLoop, type FeedLogger, type FeedSettings, type RunnerMessage } from './runner.js';

const port = parentPort!;
const send = (message: RunnerMessage) => port.postMessage(message);
const settings = workerData as FeedSettings;

const plain = (object: object): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) out[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
  return out;
};
const logger: FeedLogger = {
  info: (object, message) => send({ type: 'log', level: 'info', object: plain(object), message }),
  warn: (object, message) => send({ type: 'log', level: 'warn', object: plain(object), message }),
  error: (object, message) => send({ type: 'log', level: 'error', object: plain(object), message }),
};

const store = new SqliteStateStore(settings.databasePath);
const { poller, fetcher } = createPoller(settings, store, logger, (url) => send({ type: 'polling', url }));
const loop = new PollLoop(
  poller,
  settings.tickMs ?? 30_000,
  (report) =>
    send({ type: 'report', added: report.added, sources: report.sources.length, ms: report.ms, articleIds: report.sources.flatMap((s) => s.articleIds) }),
  (error) => logger.error({ event: 'feeds.poll_failed', err: error }, 'poll failed'),
  settings.watchMs,
);
loop.start();

port.on('message', async (message: { type: 'poll' | 'close' }) => {
  if (message.type === 'poll') loop.pollNow();
  else {
    await loop.close();
    await fetcher.close();
    await poller.close();
    await store.close();
    process.exit(0);
  }
});
