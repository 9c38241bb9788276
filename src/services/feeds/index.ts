/**
 * Live news: sources (feeds and article pages) polled politely, their new articles written into
 * the corpus folder once. Fetching (`fetch.ts`), decoding (`charset.ts`), parsing feeds
 * (`parse-feed.ts`) and extracting pages (`extract.ts`) are modules with one job each; the poller
 * ties them to the state store, the runner runs it in the background.
 */
import { readFileSync } from 'node:fs';
import type { FeedSettings } from './runner.js';

export { FeedService, feedServiceOf, type PollTrigger } from './service.js';
export { startElectedFeedRunner, pollerLease, type ElectedRunnerOptions } from './elected.js';
export { startFeedRunner, PollLoop, createPoller, type FeedRunner, type FeedSettings, type FeedLogger } from './runner.js';
export { FeedPoller, type PollReport, type PollProgress, type SourceReport, type SourceOutcome } from './poller.js';
export { PoliteFetcher, type FetcherOptions } from './fetch.js';
export { FeedUrlError, normaliseUrl, articleIdentity, shortUrl } from './url.js';

/** The bot's version, from package.json (for the User-Agent). */
export function botVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0';
  } catch {
    return '0';
  }
}

/** `Depeche/0.1.0 (+…)`: ASCII only, as HTTP headers must be. */
export function userAgent(version = botVersion()): string {
  return `Depeche/${version} (bot Discord de revue de presse; robots.txt respecte)`;
}

/** The settings of the polls from the configuration's values. */
export function feedSettings(values: {
  corpusDir: string;
  databasePath: string;
  allowPrivateNetwork: boolean;
  pollMinutes: number;
}): FeedSettings {
  return {
    corpusDir: values.corpusDir,
    databasePath: values.databasePath,
    fetcher: { userAgent: userAgent(), allowPrivateNetwork: values.allowPrivateNetwork },
    poller: { pollIntervalMs: values.pollMinutes * 60_000 },
  };
}
