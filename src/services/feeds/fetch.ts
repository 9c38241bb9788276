/**
 * Fetching, politely and within bounds (undici). One {@link PoliteFetcher} per process:
 * - at most one request at a time per host, with a minimum delay between two (or the host's
 *   robots.txt `Crawl-delay`, up to a cap);
 * - robots.txt read once a day per origin and obeyed;
 * - conditional GET: the stored ETag / Last-Modified are sent back, never an empty one;
 * - `Cache-Control: max-age` and `Retry-After` are reported to the caller, who schedules;
 * - bounded: a deadline for the whole exchange (headers and body, so a slow drip ends too), a
 *   maximum body size (read as it streams), a redirect limit with loop detection, a content-type
 *   check;
 * - safe: http(s) only, and unless `allowPrivateNetwork`, a host that resolves to a loopback,
 *   private or link-local address is refused, at every redirect hop (checked on the resolved
 *   address, at connection time).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import robotsParserModule from 'robots-parser';
import { Agent, request, type Dispatcher } from 'undici';
import { isAlwaysBlockedAddress, isNonPublicAddress, shortUrl } from './url.js';

export interface FetcherOptions {
  /** Sent with every request: names the bot and its version (`Depeche/0.1.0 (…)`). */
  userAgent: string;
  /** Product token matched against robots.txt groups. Default `Depeche`. */
  robotsAgent?: string;
  /** Let requests reach loopback, private and link-local addresses (FEEDS_ALLOW_PRIVATE_NETWORK). Default false. */
  allowPrivateNetwork?: boolean;
  /** Budget of one request, every redirect hop, headers and whole body together, in ms. Default 20 000. */
  timeoutMs?: number;
  /** Largest body read, in bytes; a larger one is abandoned. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed at most. Default 5. */
  maxRedirects?: number;
  /** Minimum time between two requests to one host, in ms. Default 1 000. */
  hostDelayMs?: number;
  /** Largest robots.txt `Crawl-delay` obeyed, in ms (a larger one is capped). Default 30 000. */
  maxCrawlDelayMs?: number;
  /** How long a robots.txt is kept, in ms. Default 24 h. */
  robotsTtlMs?: number;
  /** Called once per HTTP exchange (one per redirect hop), for logs. */
  onFetch?: (event: FetchEvent) => void;
  /** Injectable clock, for tests. */
  now?: () => number;
}

export interface FetchEvent {
  url: string;
  status: number;
  bytes: number;
  ms: number;
  error?: string;
}

/** What the caller wants: a feed or an article page decide which content types are acceptable. */
export type Wanted = 'feed' | 'page' | 'robots';

export interface FetchRequest {
  url: string;
  wanted: Wanted;
  etag?: string;
  lastModified?: string;
  /** Time left to the caller (its source's or poll's budget), in ms: the request ends by then even if its own budget is longer. */
  budgetMs?: number;
}

export type FetchResult =
  | {
      kind: 'ok';
      status: number;
      /** The URL after redirects. */
      finalUrl: string;
      body: Uint8Array;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** `Cache-Control: max-age`, in ms. */
      maxAgeMs?: number;
      ms: number;
    }
  | { kind: 'not-modified'; status: 304; finalUrl: string; maxAgeMs?: number; ms: number }
  | {
      kind: 'error';
      /** HTTP status, 0 when there was no response (timeout, refused, network). */
      status: number;
      /** French, for the source's status. */
      reason: string;
      /** `Retry-After`, in ms, when the server gave one. */
      retryAfterMs?: number;
      /** True when trying again will not help (robots.txt forbids, 404/410, private address). */
      permanent: boolean;
      ms: number;
    };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT: Record<Wanted, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  robots: 'text/plain, */*;q=0.5',
};
// A content type each kind of document may come with (no content type at all is accepted too).
const ACCEPTABLE: Record<Wanted, RegExp> = {
  feed: /^(?:application\/(?:[\w.+-]*\+)?(?:xml|json)|text\/(?:xml|plain|html)|application\/octet-stream)$/,
  page: /^(?:text\/html|application\/xhtml\+xml|text\/plain)$/,
  robots: /^text\/plain$/,
};
/** RFC 9309: at least 500 KiB of a robots.txt are parsed; what follows is ignored. */
const MAX_ROBOTS_BYTES = 500 * 1024;
/** Longest Retry-After or max-age obeyed (a day): a typo on the server must not silence a source for a year. */
export const MAX_WAIT_MS = 24 * 3600_000;

/** The private-address refusal raised from the connection's DNS lookup. */
class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
  readonly code = 'EDEPECHE_PRIVATE_ADDRESS';
  constructor(
    message: string,
    /** Link-local or metadata: refused whatever the settings. */
    readonly always = false,
  ) {
    super(message);
  }
}

const ALWAYS_REFUSED_REASON = 'adresse lien-local ou de métadonnées cloud refusée (jamais autorisée)';

/** The part of robots-parser's rules used here (its bundled types do not declare the call). */
interface RobotsRules {
  isDisallowed(url: string, agent?: string): boolean | undefined;
  getCrawlDelay(agent?: string): number | undefined;
}
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => RobotsRules;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup that refuses names resolving to a refused address (see {@link refusedAddress}). */
const guardedLookup = (allowPrivateNetwork: boolean) => (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const refused = list.find((a) => refusedAddress(a.address, allowPrivateNetwork));
    if (refused || list.length === 0) {
      return callback(new PrivateAddressError(`${hostname} → ${refused?.address ?? '?'}`, refused !== undefined && isAlwaysBlockedAddress(refused.address)) as NodeJS.ErrnoException, []);
    }
    if (options.all) return callback(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

/** Link-local and metadata addresses always; the other non-public ones unless the private network is allowed. */
function refusedAddress(address: string, allowPrivateNetwork: boolean): boolean {
  return isAlwaysBlockedAddress(address) || (!allowPrivateNetwork && isNonPublicAddress(address));
}

/** Delay in ms of a `Retry-After` value (seconds or HTTP date), capped. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(MAX_WAIT_MS, Math.max(0, ms));
}

/** `max-age` of a Cache-Control value, in ms, capped; undefined when absent or `no-cache`. */
export function parseMaxAge(value: string | undefined): number | undefined {
  if (!value || /\bno-(?:cache|store)\b/i.test(value)) return undefined;
  const match = /\bmax-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match ? Math.min(MAX_WAIT_MS, Number(match[1]) * 1000) : undefined;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

function reasonOf(error: unknown, timeoutMs: number): { reason: string; permanent: boolean } {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string; name?: string } };
  const code = err.code ?? err.cause?.code;
  const refusal = error instanceof PrivateAddressError ? error : err.cause instanceof PrivateAddressError ? err.cause : undefined;
  if (refusal?.always) return { reason: ALWAYS_REFUSED_REASON, permanent: true };
  if (refusal || code === 'EDEPECHE_PRIVATE_ADDRESS') {
    return { reason: 'adresse privée ou locale refusée (FEEDS_ALLOW_PRIVATE_NETWORK=1 pour l’autoriser)', permanent: true };
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_ABORTED') {
    return { reason: `pas de réponse complète en ${Math.round(timeoutMs / 1000)} s (délai dépassé)`, permanent: false };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'nom de domaine introuvable', permanent: false };
  if (code === 'ECONNREFUSED') return { reason: 'connexion refusée', permanent: false };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return { reason: 'connexion interrompue', permanent: false };
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return { reason: `certificat TLS refusé (${code})`, permanent: false };
  return { reason: `erreur réseau (${code ?? err.message ?? String(error)})`, permanent: false };
}

interface RobotsEntry {
  fetchedAt: number;
  rules?: RobotsRules;
  /** Why the origin is off limits when robots.txt could not be read (5xx, network). */
  unavailable?: string;
}

/** Fetches politely; see the module's comment. Call {@link close} when done. */
export class PoliteFetcher {
  private readonly agent: Agent;
  private readonly options: Required<Omit<FetcherOptions, 'onFetch' | 'now'>> & Pick<FetcherOptions, 'onFetch'>;
  private readonly now: () => number;
  /** Per host: the tail of its queue and when its last request ended. */
  private readonly hosts = new Map<string, { tail: Promise<unknown>; lastAt: number }>();
  private readonly robots = new Map<string, Promise<RobotsEntry>>();

  constructor(options: FetcherOptions) {
    this.options = {
      userAgent: options.userAgent,
      robotsAgent: options.robotsAgent ?? 'Depeche',
      allowPrivateNetwork: options.allowPrivateNetwork ?? false,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxBytes: options.maxBytes ?? 5_000_000,
      maxRedirects: options.maxRedirects ?? 5,
      hostDelayMs: options.hostDelayMs ?? 1_000,
      maxCrawlDelayMs: options.maxCrawlDelayMs ?? 30_000,
      robotsTtlMs: options.robotsTtlMs ?? 24 * 3600_000,
      onFetch: options.onFetch,
    };
    this.now = options.now ?? Date.now;
    this.agent = new Agent({
      headersTimeout: this.options.timeoutMs,
      bodyTimeout: this.options.timeoutMs,
      connectTimeout: this.options.timeoutMs,
      connections: 2,
      connect: { lookup: guardedLookup(this.options.allowPrivateNetwork) },
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Runs `task` when the host is free and its delay has passed; one task per host at a time. */
  private inHostQueue<T>(host: string, extraDelayMs: number, task: () => Promise<T>): Promise<T> {
    const entry = this.hosts.get(host) ?? { tail: Promise.resolve(), lastAt: 0 };
    this.hosts.set(host, entry);
    const run = entry.tail.then(async () => {
      const wait = entry.lastAt + Math.max(this.options.hostDelayMs, extraDelayMs) - this.now();
      if (wait > 0 && entry.lastAt > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await task();
      } finally {
        entry.lastAt = this.now();
      }
    });
    entry.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts a poll: a robots.txt that could not be read is tried again once (and only once per
   * site in the poll, however many of its sources or pages are fetched).
   */
  beginPoll(): void {
    for (const [origin, entry] of this.robots) {
      void entry.then((e) => {
        if (e.unavailable && this.robots.get(origin) === entry) this.robots.delete(origin);
      });
    }
  }

  /** Fetches `request.url`, following redirects within the limit and the budget; never throws. */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    const started = this.now();
    const elapsed = () => this.now() - started;
    const budget = Math.max(0, Math.min(this.options.timeoutMs, req.budgetMs ?? Infinity));
    const timedOut = () => ({ kind: 'error' as const, status: 0, reason: `pas de réponse complète en ${Math.round(budget / 1000)} s (délai dépassé)`, permanent: false, ms: elapsed() });
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return { kind: 'error', status: 0, reason: 'adresse invalide', permanent: true, ms: 0 };
    }
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return { kind: 'error', status: 0, reason: `redirection vers un protocole refusé (${url.protocol})`, permanent: true, ms: elapsed() };
      }
      if (isIP(url.hostname.replace(/^\[|\]$/g, '')) && refusedAddress(url.hostname, this.options.allowPrivateNetwork)) {
        return { kind: 'error', status: 0, reason: reasonOf(new PrivateAddressError(url.hostname, isAlwaysBlockedAddress(url.hostname)), 0).reason, permanent: true, ms: elapsed() };
      }
      if (req.wanted !== 'robots') {
        const verdict = await this.robotsVerdict(url);
        if (verdict) return { kind: 'error', status: 0, reason: verdict, permanent: true, ms: elapsed() };
      }
      const crawlDelay = req.wanted === 'robots' ? 0 : await this.crawlDelayMs(url);
      // One budget for every hop: six slow redirects cannot take six times the limit.
      const result = await this.inHostQueue(url.host, crawlDelay, () => (budget - elapsed() > 0 ? this.exchange(url, req, budget - elapsed()) : Promise.resolve(undefined)));
      if (!result) return timedOut();
      if (result.kind !== 'redirect') return { ...result, ms: elapsed() } as FetchResult;
      seen.add(url.href);
      let next: URL;
      try {
        next = new URL(result.location, url);
      } catch {
        return { kind: 'error', status: result.status, reason: 'redirection vers une adresse invalide', permanent: false, ms: elapsed() };
      }
      if (seen.has(next.href)) {
        return { kind: 'error', status: result.status, reason: `boucle de redirections (${shortUrl(next.href)})`, permanent: false, ms: elapsed() };
      }
      if (hop + 1 > this.options.maxRedirects) {
        return { kind: 'error', status: result.status, reason: `plus de ${this.options.maxRedirects} redirections`, permanent: false, ms: elapsed() };
      }
      url = next;
    }
  }

  /** One HTTP exchange, no redirect following. */
  private async exchange(
    url: URL,
    req: FetchRequest,
    timeoutMs: number,
  ): Promise<Exclude<FetchResult, { kind: 'ok' | 'error' }> | Omit<Extract<FetchResult, { kind: 'ok' }>, 'ms'> | Omit<Extract<FetchResult, { kind: 'error' }>, 'ms'> | { kind: 'redirect'; status: number; location: string } | { kind: 'not-modified'; status: 304; finalUrl: string; maxAgeMs?: number }> {
    const started = this.now();
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: ACCEPT[req.wanted],
      'accept-language': 'fr, en;q=0.5',
    };
    // Never an empty validator: a server may answer 304 to `If-None-Match: ""`.
    if (req.etag?.trim()) headers['if-none-match'] = req.etag.trim();
    if (req.lastModified?.trim()) headers['if-modified-since'] = req.lastModified.trim();
    const signal = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
    let response: Dispatcher.ResponseData;
    const log = (status: number, bytes: number, error?: string) =>
      this.options.onFetch?.({ url: shortUrl(url.href), status, bytes, ms: this.now() - started, ...(error ? { error } : {}) });
    try {
      response = await request(url, { dispatcher: this.agent, method: 'GET', headers, signal });
    } catch (error) {
      const { reason, permanent } = reasonOf(error, this.options.timeoutMs);
      log(0, 0, reason);
      return { kind: 'error', status: 0, reason, permanent };
    }
    const status = response.statusCode;
    const h = response.headers;
    // Destroying an undici body emits an abort error: expected here, so it is swallowed.
    response.body.on('error', () => undefined);
    const dropBody = () => response.body.destroy();
    if (REDIRECTS.has(status) && header(h, 'location')) {
      dropBody();
      log(status, 0);
      return { kind: 'redirect', status, location: header(h, 'location')! };
    }
    if (status === 304) {
      dropBody();
      log(status, 0);
      return { kind: 'not-modified', status: 304, finalUrl: url.href, ...optional('maxAgeMs', parseMaxAge(header(h, 'cache-control'))) };
    }
    if (status < 200 || status >= 300) {
      dropBody();
      log(status, 0);
      const retryAfterMs = parseRetryAfter(header(h, 'retry-after'), this.now());
      const permanent = status === 404 || status === 410 || status === 401 || status === 403 || status === 451;
      return { kind: 'error', status, reason: httpReason(status), permanent, ...optional('retryAfterMs', retryAfterMs) };
    }
    const contentType = header(h, 'content-type');
    const mime = contentType?.split(';')[0]?.trim().toLowerCase();
    if (mime && !ACCEPTABLE[req.wanted].test(mime)) {
      dropBody();
      log(status, 0, 'content-type');
      return { kind: 'error', status, reason: `type de contenu inattendu (${mime})`, permanent: false };
    }
    const limit = req.wanted === 'robots' ? MAX_ROBOTS_BYTES : this.options.maxBytes;
    const declared = Number(header(h, 'content-length'));
    const truncates = req.wanted === 'robots';
    if (!truncates && Number.isFinite(declared) && declared > limit) {
      dropBody();
      log(status, 0, 'too large');
      return { kind: 'error', status, reason: `document trop lourd (${formatBytes(declared)}, limite ${formatBytes(limit)})`, permanent: false };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > limit && truncates) {
          chunks.push((chunk as Buffer).subarray(0, (chunk as Buffer).length - (size - limit)));
          size = limit;
          dropBody();
          break;
        }
        if (size > limit) {
          dropBody();
          log(status, size, 'too large');
          return { kind: 'error', status, reason: `document trop lourd (plus de ${formatBytes(limit)})`, permanent: false };
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      const { reason } = reasonOf(error, this.options.timeoutMs);
      log(status, size, reason);
      return { kind: 'error', status: 0, reason, permanent: false };
    }
    log(status, size);
    return {
      kind: 'ok',
      status,
      finalUrl: url.href,
      body: Buffer.concat(chunks, size),
      ...optional('contentType', contentType),
      ...optional('etag', header(h, 'etag')),
      ...optional('lastModified', header(h, 'last-modified')),
      ...optional('maxAgeMs', parseMaxAge(header(h, 'cache-control'))),
    };
  }

  private robotsFor(url: URL): Promise<RobotsEntry> {
    const origin = url.origin;
    const cached = this.robots.get(origin);
    if (cached) {
      return cached.then((entry) => {
        if (this.now() - entry.fetchedAt < this.options.robotsTtlMs) return entry;
        this.robots.delete(origin);
        return this.robotsFor(url);
      });
    }
    const robotsUrl = `${origin}/robots.txt`;
    const loading = this.fetch({ url: robotsUrl, wanted: 'robots' }).then((result): RobotsEntry => {
      const fetchedAt = this.now();
      if (result.kind === 'ok') return { fetchedAt, rules: robotsParser(robotsUrl, Buffer.from(result.body).toString('utf8')) };
      // RFC 9309: a robots.txt that does not exist (4xx) allows everything; one that cannot be
      // read (5xx, no answer) forbids everything until it can.
      if (result.kind === 'error' && result.status >= 400 && result.status < 500) return { fetchedAt };
      if (result.kind === 'error') {
        return { fetchedAt, unavailable: result.reason.startsWith('adresse privée') ? result.reason : `robots.txt illisible (${result.reason}) : le site est laissé en paix` };
      }
      return { fetchedAt };
    });
    this.robots.set(origin, loading);
    return loading;
  }

  /** Why robots.txt forbids this URL, or undefined when it may be fetched. */
  private async robotsVerdict(url: URL): Promise<string | undefined> {
    const entry = await this.robotsFor(url);
    // Kept until the next poll ({@link beginPoll}), which tries robots.txt again.
    if (entry.unavailable) return entry.unavailable;
    if (entry.rules?.isDisallowed(url.href, this.options.robotsAgent)) return 'interdit par le robots.txt du site';
    return undefined;
  }

  private async crawlDelayMs(url: URL): Promise<number> {
    const entry = await this.robotsFor(url);
    const seconds = entry.rules?.getCrawlDelay(this.options.robotsAgent);
    return seconds ? Math.min(this.options.maxCrawlDelayMs, seconds * 1000) : 0;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} Mo` : `${Math.ceil(bytes / 1000)} ko`;
}

/** A French reason for an HTTP error status. */
export function httpReason(status: number): string {
  if (status === 404 || status === 410) return `adresse introuvable (HTTP ${status})`;
  if (status === 401 || status === 403) return `accès refusé (HTTP ${status})`;
  if (status === 429) return 'trop de requêtes : le site demande d’attendre (HTTP 429)';
  if (status >= 500) return `erreur du serveur (HTTP ${status})`;
  return `réponse inattendue (HTTP ${status})`;
}
