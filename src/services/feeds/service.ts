/**
 * The sources of live news as the commands and the CLI see them: add, remove, list, poll now.
 * Plain data in and out; the polling itself runs in a {@link FeedRunner}.
 */
import type { FeedSource, StateStore } from '../store/types.js';
import { FeedUrlError, isAlwaysBlockedAddress, isNonPublicAddress, normaliseUrl, parseHttpUrl, shortUrl } from './url.js';
import { isIP } from 'node:net';

/** What runs the polls: told to poll at once when a source is added. */
export interface PollTrigger {
  pollNow(): void;
}

export interface FeedServiceOptions {
  /** FEEDS_ALLOW_PRIVATE_NETWORK: else a loopback/private IP address is refused at once. */
  allowPrivateNetwork: boolean;
  runner?: PollTrigger;
}

export class FeedService {
  constructor(
    private readonly store: StateStore,
    private readonly options: FeedServiceOptions,
  ) {}

  /**
   * True when something here reads the sources (the bot's elected poller, here or in another
   * process, which notices a new source within seconds); false in a console whose input is piped
   * (`npm run feeds -- poll` or a running bot reads them).
   */
  get polls(): boolean {
    return this.options.runner !== undefined;
  }

  /** The URL as stored: validated (http(s), no credentials) and normalised. Throws a {@link FeedUrlError}. */
  normalise(input: string): string {
    const url = parseHttpUrl(input);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isAlwaysBlockedAddress(host)) {
      throw new FeedUrlError(`« ${shortUrl(url.href)} » est une adresse lien-local ou de métadonnées cloud : toujours refusée.`);
    }
    if (!this.options.allowPrivateNetwork && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) && isNonPublicAddress(host)))) {
      throw new FeedUrlError(`« ${shortUrl(url.href)} » est une adresse locale ou privée : refusée (FEEDS_ALLOW_PRIVATE_NETWORK=1 pour l’autoriser).`);
    }
    return normaliseUrl(url);
  }

  /**
   * Adds a feed or page (its kind is found at the first fetch) and asks for a poll. With
   * `guildId`, the source is that server's: its articles are that server's only. Without, it is
   * the operator's, shared by every server.
   */
  async add(input: string, addedBy: string, guildId?: string): Promise<{ source: FeedSource; created: boolean }> {
    const url = this.normalise(input);
    const result = await this.store.addFeedSource({ url, kind: 'feed', addedBy, ...(guildId !== undefined ? { guildId } : {}) });
    if (result.created) this.options.runner?.pollNow();
    return result;
  }

  /** Removes the server's source (`guildId`), or the operator's when absent; false when it was not listed there. */
  async remove(input: string, guildId?: string): Promise<boolean> {
    let url: string;
    try {
      url = normaliseUrl(parseHttpUrl(input));
    } catch {
      url = input.trim();
    }
    return (await this.store.removeFeedSource(url, guildId)) || (url !== input.trim() && (await this.store.removeFeedSource(input.trim(), guildId)));
  }

  /**
   * The sources a server reads (`guildId`): its own and the operator's (shared). Without
   * `guildId`, the operator's view: the shared sources only; `{ all: true }`: every server's too.
   */
  async list(guildId?: string, options: { all?: boolean } = {}): Promise<FeedSource[]> {
    const sources = await this.store.listFeedSources();
    if (options.all) return sources;
    return sources.filter((s) => s.guildId === undefined || (guildId !== undefined && s.guildId === guildId));
  }

  /** Adds the FEEDS sources that are not listed yet; returns the French warnings of refused ones. */
  async seed(urls: readonly string[]): Promise<string[]> {
    const warnings: string[] = [];
    let added = false;
    for (const url of urls) {
      try {
        added = (await this.store.addFeedSource({ url: this.normalise(url), kind: 'feed', addedBy: 'env' })).created || added;
      } catch (error) {
        if (!(error instanceof FeedUrlError)) throw error;
        warnings.push(`FEEDS : ${error.message}`);
      }
    }
    if (added) this.options.runner?.pollNow();
    return warnings;
  }

  /** Asks the runner for a poll now (sources due only). */
  pollNow(): void {
    this.options.runner?.pollNow();
  }
}

/** The feed service among a command context's services, when the bot has one. */
export function feedServiceOf(context: { services: Record<string, unknown> }): FeedService | undefined {
  const candidate = context.services.feeds;
  return candidate instanceof FeedService ? candidate : undefined;
}
