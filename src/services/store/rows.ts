/**
 * What the SQLite and PostgreSQL stores share about their rows: the columns of each table and one
 * mapper per table to the store's types. The dialects differ only in how a column holds a date, a
 * JSON value and a boolean (SQLite: epoch ms, text, 0/1; PostgreSQL: `Date`, parsed JSONB,
 * boolean), so each store passes its {@link ColumnReader}.
 */
import type { AlertDelivery, DigestLogEntry, FeedSource, FeedSourceUpdate, Follow, FollowInput, GuildDigestSettings, PagingState } from './types.js';
import { randomBytes } from 'node:crypto';
import { foldText } from '../text/normalize.js';

/** The types a dialect's driver returns for date, JSON and boolean columns. */
export interface ColumnTypes {
  date: unknown;
  json: unknown;
  bool: unknown;
}

/** Turns a dialect's date, JSON and boolean column values into the store's values. */
export interface ColumnReader<C extends ColumnTypes> {
  date(value: C['date']): Date;
  json(value: C['json']): unknown;
  bool(value: C['bool']): boolean;
}

export interface SettingsRow<C extends ColumnTypes> {
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  enabled: C['bool'];
  topics: C['json'];
  trends: C['bool'];
  updated_at: C['date'];
  last_error: string | null;
  last_error_at: C['date'] | null;
}

export interface LogRow<C extends ColumnTypes> {
  guild_id: string;
  channel_id: string;
  slot_key: string;
  status: DigestLogEntry['status'];
  nonce: string;
  message_id: string | null;
  attempts: number;
  claimed_at: C['date'];
  posted_at: C['date'] | null;
  article_ids: C['json'];
  actor_counts: C['json'];
  error: string | null;
}

export interface PagingRow<C extends ColumnTypes> {
  id: string;
  user_id: string;
  command: string;
  options: C['json'];
  created_at: C['date'];
  expires_at: C['date'];
}

export interface FeedSourceRow<C extends ColumnTypes> {
  /** '' for the operator's (shared) sources. */
  guild_id: string;
  url: string;
  kind: FeedSource['kind'];
  added_by: string;
  added_at: C['date'];
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: C['date'] | null;
  last_status: number | null;
  last_new_item_at: C['date'] | null;
  item_count: number;
  last_error: string | null;
  last_error_at: C['date'] | null;
  consecutive_failures: number;
  next_attempt_at: C['date'] | null;
  disabled_reason: string | null;
  disabled_at: C['date'] | null;
}

/** Column of each nullable field of {@link FeedSourceUpdate}. */
export const FEED_UPDATE_COLUMNS = {
  kind: 'kind',
  title: 'title',
  etag: 'etag',
  lastModified: 'last_modified',
  lastFetchAt: 'last_fetch_at',
  lastStatus: 'last_status',
  lastNewItemAt: 'last_new_item_at',
  lastError: 'last_error',
  lastErrorAt: 'last_error_at',
  consecutiveFailures: 'consecutive_failures',
  nextAttemptAt: 'next_attempt_at',
  disabledReason: 'disabled_reason',
  disabledAt: 'disabled_at',
} as const satisfies Record<Exclude<keyof FeedSourceUpdate, 'addItems'>, string>;

/** {@link ClaimOptions} defaults: a claim is stale after 10 minutes; a failed slot is tried 3 times. */
export const DEFAULT_LEASE_MS = 10 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 3;

export function settingsFromRow<C extends ColumnTypes>(row: SettingsRow<C>, read: ColumnReader<C>): GuildDigestSettings {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    time: row.time,
    timezone: row.timezone,
    enabled: read.bool(row.enabled),
    topics: read.json(row.topics) as string[],
    trends: read.bool(row.trends),
    updatedAt: read.date(row.updated_at),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.last_error_at !== null ? { lastErrorAt: read.date(row.last_error_at) } : {}),
  };
}

export function logFromRow<C extends ColumnTypes>(row: LogRow<C>, read: ColumnReader<C>): DigestLogEntry {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    slotKey: row.slot_key,
    status: row.status,
    nonce: row.nonce,
    ...(row.message_id !== null ? { messageId: row.message_id } : {}),
    attempts: row.attempts,
    claimedAt: read.date(row.claimed_at),
    ...(row.posted_at !== null ? { postedAt: read.date(row.posted_at) } : {}),
    articleIds: read.json(row.article_ids) as string[],
    actorCounts: read.json(row.actor_counts) as Record<string, number>,
    ...(row.error !== null ? { error: row.error } : {}),
  };
}

export function pagingFromRow<C extends ColumnTypes>(row: PagingRow<C>, read: ColumnReader<C>): PagingState {
  return {
    id: row.id,
    userId: row.user_id,
    command: row.command,
    options: read.json(row.options),
    createdAt: read.date(row.created_at),
    expiresAt: read.date(row.expires_at),
  };
}

export function feedSourceFromRow<C extends ColumnTypes>(row: FeedSourceRow<C>, read: ColumnReader<C>): FeedSource {
  const date = (value: C['date'] | null) => (value === null ? undefined : read.date(value));
  const source: FeedSource = {
    url: row.url,
    kind: row.kind,
    addedBy: row.added_by,
    addedAt: read.date(row.added_at),
    itemCount: row.item_count,
    consecutiveFailures: row.consecutive_failures,
  };
  const optional: Partial<FeedSource> = {
    guildId: row.guild_id || undefined,
    title: row.title ?? undefined,
    etag: row.etag ?? undefined,
    lastModified: row.last_modified ?? undefined,
    lastFetchAt: date(row.last_fetch_at),
    lastStatus: row.last_status ?? undefined,
    lastNewItemAt: date(row.last_new_item_at),
    lastError: row.last_error ?? undefined,
    lastErrorAt: date(row.last_error_at),
    nextAttemptAt: date(row.next_attempt_at),
    disabledReason: row.disabled_reason ?? undefined,
    disabledAt: date(row.disabled_at),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (source as unknown as Record<string, unknown>)[key] = value;
  return source;
}

export interface FollowRow<C extends ColumnTypes> {
  id: string;
  guild_id: string;
  kind: Follow['kind'];
  actor_id: string | null;
  query: string;
  target: string;
  channel_id: string;
  role_id: string | null;
  created_by: string;
  created_at: C['date'];
  created_after_index_mark: number | string;
  alerts_sent: number;
  last_alert_at: C['date'] | null;
  failures: number;
  paused: C['bool'];
  last_error: string | null;
  last_error_at: C['date'] | null;
}

export interface AlertRow<C extends ColumnTypes> {
  follow_id: string;
  story_key: string;
  status: AlertDelivery['status'];
  nonce: string;
  channel_id: string;
  article_ids: C['json'];
  message_id: string | null;
  attempts: number;
  claimed_at: C['date'];
  posted_at: C['date'] | null;
  error: string | null;
}

/** What makes two follows of a channel the same: the actor, or the query folded (case, accents, spaces). */
export function followTarget(follow: { kind: Follow['kind']; actorId?: string; query: string }): string {
  return follow.kind === 'actor' && follow.actorId ? follow.actorId : foldText(follow.query).replace(/\s+/gu, ' ').trim();
}

export function followFromRow<C extends ColumnTypes>(row: FollowRow<C>, read: ColumnReader<C>): Follow {
  return {
    id: row.id,
    guildId: row.guild_id,
    kind: row.kind,
    ...(row.actor_id !== null ? { actorId: row.actor_id } : {}),
    query: row.query,
    channelId: row.channel_id,
    ...(row.role_id !== null ? { roleId: row.role_id } : {}),
    createdBy: row.created_by,
    createdAt: read.date(row.created_at),
    // BIGINT comes back from PostgreSQL as a string.
    createdAfterIndexMark: Number(row.created_after_index_mark),
    alertsSent: row.alerts_sent,
    ...(row.last_alert_at !== null ? { lastAlertAt: read.date(row.last_alert_at) } : {}),
    failures: row.failures,
    paused: read.bool(row.paused),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.last_error_at !== null ? { lastErrorAt: read.date(row.last_error_at) } : {}),
  };
}

export function alertFromRow<C extends ColumnTypes>(row: AlertRow<C>, read: ColumnReader<C>): AlertDelivery {
  return {
    followId: row.follow_id,
    storyKey: row.story_key,
    status: row.status,
    nonce: row.nonce,
    channelId: row.channel_id,
    articleIds: read.json(row.article_ids) as string[],
    ...(row.message_id !== null ? { messageId: row.message_id } : {}),
    attempts: row.attempts,
    claimedAt: read.date(row.claimed_at),
    ...(row.posted_at !== null ? { postedAt: read.date(row.posted_at) } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
  };
}

/** The columns a new follow is written with, in the order of {@link followInsertValues}. */
export const FOLLOW_INSERT_COLUMNS =
  'id, guild_id, kind, actor_id, query, target, channel_id, role_id, created_by, created_at, created_after_index_mark';

/** A new follow's values for {@link FOLLOW_INSERT_COLUMNS}; each store writes dates its own way. */
export function followInsertValues(id: string, input: FollowInput, target: string, date: (value: Date) => unknown): unknown[] {
  return [
    id,
    input.guildId,
    input.kind,
    input.actorId ?? null,
    input.query,
    target,
    input.channelId,
    input.roleId ?? null,
    input.createdBy,
    date(input.createdAt ?? new Date()),
    input.createdAfterIndexMark,
  ];
}

/** A short follow id users can type (`/suivis retirer id:f3k9x2a1b0`). */
export function newFollowId(): string {
  return `f${randomBytes(5).toString('hex')}`;
}
