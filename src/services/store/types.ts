/**
 * The bot's persistent state behind one interface, so that a shared database (PostgreSQL) could
 * later serve several bot processes without changing callers. Every method is async for that
 * reason, even though the SQLite implementation answers synchronously.
 */

/** A guild's digest settings, as set by its administrators. */
export interface GuildDigestSettings {
  guildId: string;
  /** Channel the digest is posted to. */
  channelId: string;
  /** Local time of day, `HH:MM`. */
  time: string;
  /** IANA zone of `time` (`Europe/Paris`). */
  timezone: string;
  enabled: boolean;
  /** Actor names or free-text topics; empty: the whole corpus. */
  topics: string[];
  /** The digest carries the trends section (rising actors over 7 days, with its picture). */
  trends: boolean;
  updatedAt: Date;
  /** Why the last digest could not be posted (French, for the admins), when it failed. */
  lastError?: string;
  lastErrorAt?: Date;
}

/** What an administrator sets; the store stamps `updatedAt` and clears the last error. */
export type GuildDigestSettingsInput = Omit<GuildDigestSettings, 'updatedAt' | 'lastError' | 'lastErrorAt' | 'trends'> & {
  updatedAt?: Date;
  /** Default false. */
  trends?: boolean;
};

/** Identifies one claim of one digest slot: the nonce proves who owns the claim. */
export interface SlotClaim {
  guildId: string;
  channelId: string;
  /** `YYYY-MM-DD HH:MM`, local to the guild's zone (see `schedule.ts`). */
  slotKey: string;
  /** Random, unique per claim attempt; also usable as Discord's message nonce. */
  nonce: string;
}

export interface ClaimOptions {
  /** Instant of the claim (injectable clock). Default: now. */
  now?: Date;
  /**
   * A claim older than this is taken to be from a process that died mid-post and may be taken
   * over. Default 10 minutes.
   */
  leaseMs?: number;
  /** A failed slot is retried until it has been attempted this many times. Default 3. */
  maxAttempts?: number;
}

/**
 * - `claimed`: the caller owns the slot and must post, then `markPosted` or `markFailed`;
 * - `already-posted`: someone posted it; do nothing;
 * - `in-progress`: another process holds a live claim; do nothing;
 * - `gave-up`: it failed `maxAttempts` times; do nothing.
 */
export type ClaimResult = 'claimed' | 'already-posted' | 'in-progress' | 'gave-up';

export type SlotStatus = 'claimed' | 'posted' | 'failed';

/** One row of the digest log: one slot of one channel. */
export interface DigestLogEntry {
  guildId: string;
  channelId: string;
  slotKey: string;
  status: SlotStatus;
  nonce: string;
  messageId?: string;
  attempts: number;
  claimedAt: Date;
  postedAt?: Date;
  /** Articles the posted digest covered ("new since last time" is computed from these). */
  articleIds: string[];
  /** Mentions per actor in the posted digest, for the "rising actors" comparison. */
  actorCounts: Record<string, number>;
  /** Why the last attempt failed. */
  error?: string;
}

/** What a paged reply needs to render another page when a button is pressed. */
export interface PagingState {
  /** Opaque id carried in the buttons' custom ids. */
  id: string;
  /** Only this user may turn the pages. */
  userId: string;
  command: string;
  /** The command's options, as JSON-compatible data. */
  options: unknown;
  createdAt: Date;
  expiresAt: Date;
}

/** A feed (RSS, Atom, RDF, JSON Feed) or a single article page the bot polls. */
export type FeedSourceKind = 'feed' | 'page';

/** One source of live news and how its polling goes. */
export interface FeedSource {
  /** The URL as the operator gave it, normalised (the key, with {@link guildId}). */
  url: string;
  /**
   * The Discord server that added it (`/flux ajouter`): its articles are that server's only.
   * Absent: an operator's source (FEEDS, the CLI), shared by every server.
   */
  guildId?: string;
  kind: FeedSourceKind;
  /** Who added it: `cli`, `env` (FEEDS) or a Discord user id. */
  addedBy: string;
  addedAt: Date;
  /** The feed's or page's title, once fetched. */
  title?: string;
  /** Validators of the last 200 response, sent back on the next request (never empty). */
  etag?: string;
  lastModified?: string;
  lastFetchAt?: Date;
  /** HTTP status of the last response (0: no response: timeout, network error, refused). */
  lastStatus?: number;
  /** When the last new article came from this source. */
  lastNewItemAt?: Date;
  /** Articles written from this source since it was added. */
  itemCount: number;
  /** Why the last attempt failed (French); cleared by a success. */
  lastError?: string;
  lastErrorAt?: Date;
  /** Failures in a row; drives the backoff and the disabling. */
  consecutiveFailures: number;
  /** Not polled before this instant (backoff, Retry-After, max-age, poll interval). */
  nextAttemptAt?: Date;
  /** Set when the source is no longer polled (too many failures, gone); French reason. */
  disabledReason?: string;
  disabledAt?: Date;
}

/** What adding a source takes. */
export interface FeedSourceInput {
  url: string;
  kind: FeedSourceKind;
  addedBy: string;
  addedAt?: Date;
  /** The server adding it; absent: the operator (shared). */
  guildId?: string;
}

/**
 * The polling fields a poller updates after an attempt. A field absent is left as is; `null`
 * clears it.
 */
export interface FeedSourceUpdate {
  kind?: FeedSourceKind;
  title?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  lastFetchAt?: Date | null;
  lastStatus?: number | null;
  lastNewItemAt?: Date | null;
  /** Added to the stored count (new articles of this attempt). */
  addItems?: number;
  lastError?: string | null;
  lastErrorAt?: Date | null;
  consecutiveFailures?: number;
  nextAttemptAt?: Date | null;
  disabledReason?: string | null;
  disabledAt?: Date | null;
}

/**
 * The identities of one news item, each a key that proves "already seen" on its own:
 * `url:` normalised link, `canonical:` canonical URL, `guid:` feed GUID (prefixed by the feed),
 * `text:` hash of the cleaned text. Plain strings, compared exactly.
 */
export type ItemKeys = readonly string[];

/**
 * The article id under which an item's keys are claimed while its file is being written
 * (`pending:<id>`); renamed to `<id>` once the file is in place ({@link StateStore.settleFeedItem}).
 * A pending claim left by a crash is settled or released by the next poll.
 */
export const PENDING_ITEM_PREFIX = 'pending:';

/** A claim still pending (see {@link PENDING_ITEM_PREFIX}) and when it was made. */
export interface PendingFeedItem {
  /** The pending id, `pending:<id>`. */
  articleId: string;
  since: Date;
}

/** Result of {@link StateStore.claimFeedItem}. */
export type ItemClaim = { claimed: true } | { claimed: false; articleId: string };


/** What a follow watches: an actor of the catalog (by id) or a full-text subject. */
export type FollowKind = 'actor' | 'subject';

/**
 * A follow of a server: news about an actor or a subject, alerted in a channel, one alert per
 * story. Its delivery state (alerts sent, failures, paused) is kept with it for `/suivis`.
 */
export interface Follow {
  /** Opaque, short, unique (`f` + random). */
  id: string;
  guildId: string;
  kind: FollowKind;
  /** `actor`: the actor id (`country:RUS`); `subject`: absent. */
  actorId?: string;
  /** `actor`: the actor's name when created (`Russie`); `subject`: the query as typed. */
  query: string;
  channelId: string;
  /** Role mentioned by each alert (the only mention allowed), when chosen. */
  roleId?: string;
  /** Discord user id, `console` or `cli`. */
  createdBy: string;
  createdAt: Date;
  /**
   * The index's newest arrival (`first_seen_ms`) when the follow was created: articles that
   * arrived at or before it never fire (no backfill).
   */
  createdAfterIndexMark: number;
  alertsSent: number;
  lastAlertAt?: Date;
  /** Failed posts in a row; reset by a post that goes through. */
  failures: number;
  /** Set after repeated failures (or a deleted channel); nothing is posted until re-created. */
  paused: boolean;
  /** Why the last post failed (French), for `/suivis`. */
  lastError?: string;
  lastErrorAt?: Date;
}

/** What creating a follow takes; the store gives the id and the counters. */
export type FollowInput = Pick<Follow, 'guildId' | 'kind' | 'query' | 'channelId' | 'createdBy' | 'createdAfterIndexMark'> & {
  actorId?: string;
  roleId?: string;
  createdAt?: Date;
};

/**
 * - `created`: a new follow;
 * - `existing`: the same thing was already followed in that channel (its role is updated, a
 *   paused one resumes);
 * - `cap`: the server already has `maxPerGuild` follows.
 */
export type AddFollowResult = { status: 'created' | 'existing'; follow: Follow } | { status: 'cap'; count: number };

/** One alert of one follow about one story (or a grouped message past the hourly cap). */
export interface AlertDelivery {
  followId: string;
  /** The story's key: the id of its first matched article (`group:…` for a grouped message). */
  storyKey: string;
  status: SlotStatus;
  nonce: string;
  /** The articles the alert covers (later copies are added when the message is edited). */
  articleIds: string[];
  messageId?: string;
  channelId: string;
  attempts: number;
  claimedAt: Date;
  postedAt?: Date;
  error?: string;
}

/** Identifies one claim of one alert: the nonce proves who owns it. */
export interface AlertClaim {
  followId: string;
  storyKey: string;
  channelId: string;
  nonce: string;
  articleIds: readonly string[];
}

/** Where a follow service stopped reading the index's arrivals. */
export interface ArrivalCursor {
  /** The newest arrival time read (ms). */
  arrivedAt: number;
  /** The ids read in that millisecond; empty: all of its articles were read. */
  ids: string[];
}

export interface StateStore {
  getGuildSettings(guildId: string): Promise<GuildDigestSettings | undefined>;
  /** Creates or replaces a guild's settings; returns them as stored. */
  upsertGuildSettings(settings: GuildDigestSettingsInput): Promise<GuildDigestSettings>;
  /** Turns a guild's digest off and records why (channel deleted, permission lost…). */
  disableDigest(guildId: string, reason: string, now?: Date): Promise<void>;
  /** Records a failure without turning the digest off. */
  recordDigestError(guildId: string, error: string, now?: Date): Promise<void>;
  listEnabledDigests(): Promise<GuildDigestSettings[]>;

  /** Atomically takes a slot: among concurrent callers on one database, exactly one gets `claimed`. */
  claimSlot(claim: SlotClaim, options?: ClaimOptions): Promise<ClaimResult>;
  /** Marks an owned claim as posted. False when the claim is no longer the caller's. */
  markPosted(
    claim: SlotClaim,
    messageId: string,
    articleIds: readonly string[],
    actorCounts: Readonly<Record<string, number>>,
    now?: Date,
  ): Promise<boolean>;
  /** Marks an owned claim as failed, so a later attempt may retry. False when not the caller's. */
  markFailed(claim: SlotClaim, error: string): Promise<boolean>;
  getSlot(guildId: string, channelId: string, slotKey: string): Promise<DigestLogEntry | undefined>;
  /** The most recently posted slot of a channel. */
  lastPosted(guildId: string, channelId: string): Promise<DigestLogEntry | undefined>;

  savePaging(state: PagingState): Promise<void>;
  /** The paging state, or undefined when unknown or expired at `now` (default: now). */
  getPaging(id: string, now?: Date): Promise<PagingState | undefined>;
  /** Deletes expired paging states; returns how many. */
  prunePaging(now: Date): Promise<number>;

  /**
   * Adds a source; when its URL is already listed for the same owner (the server `guildId`, or
   * the operator when absent), returns the existing one with `created: false`. One URL may be
   * listed once per owner.
   */
  addFeedSource(input: FeedSourceInput): Promise<{ source: FeedSource; created: boolean }>;
  /** Removes the owner's source (`guildId` absent: the operator's); false when it was not listed. Items already seen stay seen. */
  removeFeedSource(url: string, guildId?: string): Promise<boolean>;
  getFeedSource(url: string, guildId?: string): Promise<FeedSource | undefined>;
  /** Every source of every owner, in the order they were added. */
  listFeedSources(): Promise<FeedSource[]>;
  /** Records the outcome of an attempt (see {@link FeedSourceUpdate}); false when the source is gone. */
  updateFeedSource(url: string, update: FeedSourceUpdate, guildId?: string): Promise<boolean>;
  /**
   * Atomically claims a news item for `articleId`: when none of `keys` was seen, every key is
   * recorded and the item is the caller's (`claimed: true`); otherwise nothing is recorded and
   * the article that already holds one of the keys is returned. Among concurrent callers on one
   * database, one claims. Keys are kept forever (an article deleted by hand is not fetched again).
   */
  claimFeedItem(keys: ItemKeys, articleId: string, now?: Date): Promise<ItemClaim>;
  /** Records more keys for an item already claimed (keys known only after fetching its page). */
  addFeedItemKeys(keys: ItemKeys, articleId: string, now?: Date): Promise<void>;
  /** The article holding one of these keys, if any. */
  findFeedItem(keys: ItemKeys): Promise<string | undefined>;
  /** Moves every key held by `from` to `to` (a pending claim whose file is written); false when `from` holds none. */
  settleFeedItem(from: string, to: string): Promise<boolean>;
  /** Forgets every key held by `articleId` (a claim whose file was never written), so the item is new again; how many keys. */
  releaseFeedItem(articleId: string): Promise<number>;
  /** The pending claims ({@link PENDING_ITEM_PREFIX}), oldest first. */
  listPendingFeedItems(): Promise<PendingFeedItem[]>;

  /** Creates a follow unless the server is at `maxPerGuild` (atomic) or it already exists. */
  addFollow(input: FollowInput, maxPerGuild: number): Promise<AddFollowResult>;
  getFollow(id: string): Promise<Follow | undefined>;
  /** A server's follows (every server's when absent), oldest first. */
  listFollows(guildId?: string): Promise<Follow[]>;
  /** Removes a follow of a server and its delivery log; false when unknown there. */
  removeFollow(guildId: string, id: string): Promise<boolean>;
  /** A post went through: alerts counted, failures reset. */
  recordFollowAlert(id: string, now?: Date): Promise<void>;
  /** A post failed: counted, and the follow paused from `pauseAfter` failures in a row (or at once when `pause`). */
  recordFollowFailure(id: string, error: string, options: { pauseAfter: number; pause?: boolean; now?: Date }): Promise<Follow | undefined>;

  /** Atomically takes an alert (same rules as {@link claimSlot}). */
  claimAlert(claim: AlertClaim, options?: ClaimOptions): Promise<ClaimResult>;
  /** Marks an owned alert claim as posted. False when the claim is no longer the caller's. */
  markAlertPosted(claim: AlertClaim, messageId: string, now?: Date): Promise<boolean>;
  /** Marks an owned alert claim as failed. False when not the caller's. */
  markAlertFailed(claim: AlertClaim, error: string): Promise<boolean>;
  /** Records the articles a posted alert now covers (a later copy, after its message was edited). */
  setAlertArticles(followId: string, storyKey: string, articleIds: readonly string[]): Promise<boolean>;
  /** The alerts of some follows claimed at or after `since`, oldest first. */
  recentAlerts(followIds: readonly string[], since: Date): Promise<AlertDelivery[]>;
  /** Alerts claimed but not posted (a crash mid-post, a failure to retry) since `since` (default: ever), oldest first. */
  unfinishedAlerts(since?: Date): Promise<AlertDelivery[]>;
  /** The arrival cursor saved under `role` (a shard set), if any. */
  getArrivalCursor(role: string): Promise<ArrivalCursor | undefined>;
  /**
   * The saved cursor, of any role, that stopped earliest at or after `atLeast` (ms): where a shard
   * set that has none of its own starts (SHARD_COUNT changed), so that nothing arrived meanwhile is lost.
   */
  earliestArrivalCursor(atLeast: number): Promise<ArrivalCursor | undefined>;
  /** Saves the arrival cursor of `role`; never moves it back (an older cursor is ignored). */
  saveArrivalCursor(role: string, cursor: ArrivalCursor, now?: Date): Promise<void>;

  close(): Promise<void>;
}

/** The state cannot be opened or read; the message is French and names the database. */
export class StoreError extends Error {
  override name = 'StoreError';
}
