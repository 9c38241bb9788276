/**
 * One feed poller per deployment: every bot process runs for the job, one holds the lease and
 * polls, the others wait and take over if it dies. Item keys are claimed atomically in the store
 * anyway; this saves the N-fold fetching and keeps the politeness (one request per host at a
 * time) true for the whole deployment, not per process.
 */
import { campaign, tryAdvisoryLease, tryFileLease, type Lease } from '../leadership/lease.js';
import { startFeedRunner, type FeedLogger, type FeedRunner, type FeedSettings } from './runner.js';
import type { StateStore } from '../store/types.js';

/** The poller's lease for a state location: PostgreSQL's advisory lock, a lock file beside a SQLite state. */
export function pollerLease(location: { databaseUrl?: string; databasePath: string }): () => Lease | undefined | Promise<Lease | undefined> {
  if (location.databaseUrl) {
    const url = location.databaseUrl;
    return () => tryAdvisoryLease(url, 'feeds-poller');
  }
  // A state in memory is one process's own: nobody to share the job with.
  if (location.databasePath === ':memory:') return () => ({ lost: new Promise<string>(() => undefined), release: async () => undefined });
  const lockPath = `${location.databasePath}.poller.lock`;
  return () => tryFileLease(lockPath);
}

export interface ElectedRunnerOptions {
  inWorker?: boolean;
  /** Takes the lease (see pollerLease). */
  acquire: () => Lease | undefined | Promise<Lease | undefined>;
  /** Time between two tries while another process polls. Default 5 000 ms. */
  retryMs?: number;
}

/**
 * Starts polling once this process holds the poller's lease (at once when alone). `pollNow` in a
 * process that does not poll does nothing: the poller sees a new source at its next tick.
 */
export function startElectedFeedRunner(settings: FeedSettings, store: StateStore, logger: FeedLogger, options: ElectedRunnerOptions): FeedRunner {
  let runner: FeedRunner | undefined;
  let announcedWaiting = false;
  const election = campaign({
    acquire: async () => {
      const lease = await options.acquire();
      if (!lease && !announcedWaiting) {
        announcedWaiting = true;
        logger.info({ event: 'feeds.standby', pid: process.pid }, 'another process polls the feeds; this one takes over if it stops');
      }
      return lease;
    },
    retryMs: options.retryMs ?? 5_000,
    onElected: () => {
      logger.info({ event: 'feeds.poller', pid: process.pid, takeover: announcedWaiting }, announcedWaiting ? 'the feed poller stopped; this process polls the feeds now' : 'this process polls the feeds');
      runner = startFeedRunner(settings, store, logger, { inWorker: options.inWorker });
    },
    onResign: async (why) => {
      if (why) logger.warn({ event: 'feeds.poller_lost', reason: why }, 'feed poller lease lost; polling stopped until it is taken again');
      const stopping = runner;
      runner = undefined;
      await stopping?.close();
    },
    onError: (error) => logger.warn({ event: 'feeds.election_failed', err: error }, 'could not run for the feed poller; retrying'),
  });
  return {
    pollNow: () => runner?.pollNow(),
    close: () => election.close(),
  };
}
