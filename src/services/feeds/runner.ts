/**
 * Runs the polls in the background: a loop that polls the due sources, then sleeps until the
 * next tick or until told to poll now. In the bot it runs in a worker thread (like the index), so
 * fetching and extracting never delay an answer; the thread has a memory cap, and when it dies
 * it is logged and restarted, and the source it was polling is put in backoff so that a page
 * that kills it cannot kill it again at once.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../index/ts-worker.js';
import { SqliteStateStore } from '../store/sqlite.js';
import type { StateStore } from '../store/types.js';
import { PoliteFetcher, type FetcherOptions } from './fetch.js';
import { FeedPoller, type FeedLogger, type PollerOptions, type PollReport } from './poller.js';
import type { PollTrigger } from './service.js';
import { shortUrl } from './url.js';

export type { FeedLogger };

/** Everything a poll needs, as plain data (it crosses to the worker thread). */
export interface FeedSettings {
  corpusDir: string;
  /** The SQLite state file; `:memory:` keeps the polls in the calling thread. */
  databasePath: string;
  fetcher: FetcherOptions & { onFetch?: never };
  poller: Omit<PollerOptions, 'corpusDir' | 'logger' | 'now'>;
  /** Time between two checks for due sources, in ms. Default 30 s. */
  tickMs?: number;
  /**
   * Time between two looks for a source never read yet (added by `/flux` or the CLI, maybe in
   * another process), polled at once when there is one, in ms. Default 2 000; 0: only at ticks.
   */
  watchMs?: number;
}

/** Messages from the worker. */
export type RunnerMessage =
  | { type: 'log'; level: 'info' | 'warn' | 'error'; object: Record<string, unknown>; message: string }
  | { type: 'polling'; url: string }
  | { type: 'report'; added: number; sources: number; ms: number; articleIds: string[] };

export interface FeedRunner extends PollTrigger {
  close(): Promise<void>;
}

/** The poll loop itself, used in the worker and in-process. */
export class PollLoop {
  private wake?: () => void;
  private pending = false;
  private closed = false;
  private running?: Promise<void>;

  constructor(
    private readonly poller: FeedPoller,
    private readonly tickMs: number,
    private readonly onReport: (report: PollReport) => void,
    private readonly onError: (error: unknown) => void,
    private readonly watchMs = 2_000,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  pollNow(): void {
    this.pending = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      this.pending = false;
      try {
        this.onReport(await this.poller.poll());
      } catch (error) {
        this.onError(error);
      }
      if (this.closed) break;
      if (!this.pending) {
        await new Promise<void>((resolve) => {
          let watcher: NodeJS.Timeout | undefined;
          const done = () => {
            clearTimeout(timer);
            clearTimeout(watcher);
            resolve();
          };
          const timer = setTimeout(done, this.tickMs);
          // A source added elsewhere (another process's /flux) is read within watchMs, not at the next tick.
          const watch = () => {
            watcher = setTimeout(() => {
              void this.poller.hasUnreadSource().then(
                (unread) => (unread ? done() : watch()),
                () => watch(),
              );
            }, this.watchMs);
          };
          if (this.watchMs > 0) watch();
          this.wake = done;
        });
        this.wake = undefined;
      }
    }
  }
}

/** A fetcher and a poller on a store, logging through `logger`. */
export function createPoller(settings: FeedSettings, store: StateStore, logger: FeedLogger, onPolling?: (url: string) => void): { poller: FeedPoller; fetcher: PoliteFetcher } {
  const fetcher = new PoliteFetcher({
    ...settings.fetcher,
    onFetch: (event) => {
      logger.info({ event: 'feeds.fetch', url: event.url, status: event.status, bytes: event.bytes, ms: Math.round(event.ms), ...(event.error ? { error: event.error } : {}) }, 'fetch');
      onPolling?.(event.url);
    },
  });
  const poller = new FeedPoller(store, fetcher, { ...settings.poller, corpusDir: settings.corpusDir, logger });
  return { poller, fetcher };
}

const report = (logger: FeedLogger) => (r: PollReport) => {
  if (r.sources.length === 0) return;
  logger.info(
    { event: 'feeds.polled', sources: r.sources.length, added: r.added, failed: r.sources.filter((s) => s.outcome === 'failed' || s.outcome === 'disabled').length, ms: r.ms },
    'sources polled',
  );
};

/** Polls in this thread (state in memory, one-shot tools). */
function startInProcess(settings: FeedSettings, store: StateStore, logger: FeedLogger): FeedRunner {
  const { poller, fetcher } = createPoller(settings, store, logger);
  const loop = new PollLoop(
    poller,
    settings.tickMs ?? 30_000,
    report(logger),
    (error) => logger.error({ event: 'feeds.poll_failed', err: error }, 'poll failed'),
    settings.watchMs,
  );
  loop.start();
  return {
    pollNow: () => loop.pollNow(),
    close: async () => {
      await loop.close();
      await fetcher.close();
      await poller.close();
    },
  };
}

/** Memory cap of the polling thread: a hostile page that gets past the byte limit ends the thread, not the bot. */
const WORKER_HEAP_MB = 256;
const RESTART_DELAY_MS = 2_000;
/** Backoff of a source whose poll was cut short by the thread's death. */
const CULPRIT_BACKOFF_MS = 6 * 3600_000;

/** Polls in a supervised worker thread (see the module's comment). */
function startInWorker(settings: FeedSettings, store: StateStore, logger: FeedLogger): FeedRunner {
  let worker: Worker | undefined;
  let closed = false;
  let current: string | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  const spawn = () => {
    current = undefined;
    const w = startTsWorker('../feeds/worker-main.ts', { workerData: settings, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker = w;
    w.on('message', (message: RunnerMessage) => {
      if (message.type === 'log') logger[message.level](message.object, message.message);
      else if (message.type === 'polling') current = message.url;
      else if (message.type === 'report') {
        current = undefined;
        if (message.sources > 0) logger.info({ event: 'feeds.polled', sources: message.sources, added: message.added, ms: message.ms }, 'sources polled');
      }
    });
    w.on('error', (error) => logger.error({ event: 'feeds.worker_error', err: error }, 'feed worker failed'));
    w.on('exit', (code) => {
      if (closed) return;
      const culprit = current;
      logger.error({ event: 'feeds.worker_exit', code, ...(culprit ? { url: shortUrl(culprit) } : {}) }, 'feed worker stopped; restarting');
      void (async () => {
        if (culprit) await blameSource(store, culprit).catch(() => undefined);
        restartTimer = setTimeout(spawn, RESTART_DELAY_MS);
      })();
    });
  };
  spawn();
  return {
    pollNow: () => worker?.postMessage({ type: 'poll' }),
    close: async () => {
      closed = true;
      clearTimeout(restartTimer);
      if (!worker) return;
      const w = worker;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void w.terminate().then(() => resolve()), 5_000);
        w.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        w.postMessage({ type: 'close' });
      });
    },
  };
}

/** Records the thread's death against the source whose fetch it was in. */
async function blameSource(store: StateStore, fetchedUrl: string): Promise<void> {
  const sources = await store.listFeedSources();
  const source = sources.find((s) => shortUrl(s.url) === fetchedUrl) ?? sources.find((s) => fetchedUrl.startsWith(new URL(s.url).origin));
  if (!source) return;
  const now = new Date();
  await store.updateFeedSource(source.url, {
    lastError: 'le fil de lecture des sources s’est arrêté pendant cette source (page trop lourde ou hostile ?)',
    lastErrorAt: now,
    consecutiveFailures: source.consecutiveFailures + 1,
    nextAttemptAt: new Date(now.getTime() + CULPRIT_BACKOFF_MS),
  }, source.guildId);
}

/**
 * Starts polling: in a worker thread when the state is a file (the worker opens it too),
 * in this thread otherwise.
 */
export function startFeedRunner(settings: FeedSettings, store: StateStore, logger: FeedLogger, options: { inWorker?: boolean } = {}): FeedRunner {
  const fileState = settings.databasePath !== ':memory:' && store instanceof SqliteStateStore;
  return options.inWorker && fileState ? startInWorker(settings, store, logger) : startInProcess(settings, store, logger);
}
