/**
 * The schema's migrations. A migration is never edited once released: a change is a new migration
 * with the next version. Both dialects take the same steps ({@link SCHEMA_STEPS}), each in its own
 * SQL: the SQLite list is below (`user_version` is the version reached; `schema_migrations` keeps
 * when each one ran), the PostgreSQL one in `postgres-migrations.ts`.
 */

export interface Migration {
  /** 1, 2, 3…: consecutive. */
  version: number;
  /** Short English description, stored in `schema_migrations`. */
  name: string;
  /** SQL run inside the migration's transaction. */
  sql: string;
}

/** Version and name of every migration, the same in both dialects. */
export const SCHEMA_STEPS = [
  { version: 1, name: 'guild settings, digest log, paging state' },
  { version: 2, name: 'feed sources and seen news items' },
  { version: 3, name: 'per-guild sources, article identities' },
  { version: 4, name: 'follows and alerts' },
  { version: 5, name: 'digest trends option' },
  { version: 6, name: 'follow arrival cursors' },
] as const;

type SchemaVersion = (typeof SCHEMA_STEPS)[number]['version'];

/** A dialect's migration list from its SQL for each step (a step without SQL does not compile). */
export function migrationList(sql: Readonly<Record<SchemaVersion, string>>): readonly Migration[] {
  return SCHEMA_STEPS.map((step) => ({ version: step.version, name: step.name, sql: sql[step.version] }));
}

export const MIGRATIONS: readonly Migration[] = migrationList({
  1: `
      CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      );

      CREATE TABLE guild_settings (
        guild_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        topics TEXT NOT NULL DEFAULT '[]',
        updated_at INTEGER NOT NULL,
        last_error TEXT,
        last_error_at INTEGER
      );

      -- One row per slot of a channel: the primary key is what makes a slot post at most once.
      CREATE TABLE digest_log (
        guild_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        slot_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
        nonce TEXT NOT NULL,
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        claimed_at INTEGER NOT NULL,
        posted_at INTEGER,
        article_ids TEXT NOT NULL DEFAULT '[]',
        actor_counts TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        PRIMARY KEY (guild_id, channel_id, slot_key)
      );
      CREATE INDEX digest_log_posted ON digest_log (guild_id, channel_id, posted_at) WHERE status = 'posted';

      CREATE TABLE paging_state (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        command TEXT NOT NULL,
        options TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX paging_state_expires ON paging_state (expires_at);
    `,
  2: `
      CREATE TABLE feed_sources (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetch_at INTEGER,
        last_status INTEGER,
        last_new_item_at INTEGER,
        item_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_at INTEGER,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        disabled_reason TEXT,
        disabled_at INTEGER
      );

      -- Every identity of every news item ever written (URL, canonical URL, GUID, text hash):
      -- the primary key is what makes an item enter the corpus once.
      CREATE TABLE feed_items (
        item_key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        seen_at INTEGER NOT NULL
      );
      CREATE INDEX feed_items_article ON feed_items (article_id);
    `,
  // Sources belong to a server ('' : the operator's, shared); one URL once per owner. Sources
  // listed before are the operator's (who added them from which server is not known).
  3: `
      CREATE TABLE feed_sources_v3 (
        guild_id TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
        added_by TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetch_at INTEGER,
        last_status INTEGER,
        last_new_item_at INTEGER,
        item_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_at INTEGER,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        disabled_reason TEXT,
        disabled_at INTEGER,
        PRIMARY KEY (guild_id, url)
      );
      INSERT INTO feed_sources_v3 SELECT '', * FROM feed_sources;
      DROP TABLE feed_sources;
      ALTER TABLE feed_sources_v3 RENAME TO feed_sources;
    `,
  4: `
      CREATE TABLE follows (
        id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('actor', 'subject')),
        actor_id TEXT,
        query TEXT NOT NULL,
        -- What makes two follows the same: the actor id or the folded query.
        target TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        role_id TEXT,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_after_index_mark INTEGER NOT NULL,
        alerts_sent INTEGER NOT NULL DEFAULT 0,
        last_alert_at INTEGER,
        failures INTEGER NOT NULL DEFAULT 0,
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        last_error TEXT,
        last_error_at INTEGER,
        UNIQUE (guild_id, kind, target, channel_id)
      );
      CREATE INDEX follows_guild ON follows (guild_id, created_at);

      -- One row per (follow, story): the primary key is what makes an alert post at most once.
      CREATE TABLE alert_log (
        follow_id TEXT NOT NULL REFERENCES follows (id) ON DELETE CASCADE,
        story_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
        nonce TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        article_ids TEXT NOT NULL DEFAULT '[]',
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        claimed_at INTEGER NOT NULL,
        posted_at INTEGER,
        error TEXT,
        PRIMARY KEY (follow_id, story_key)
      );
      CREATE INDEX alert_log_recent ON alert_log (follow_id, claimed_at);
      CREATE INDEX alert_log_unfinished ON alert_log (claimed_at) WHERE status <> 'posted';
    `,
  // The digest's trends section (/digest set tendances:), off for the servers set before.
  5: `
      ALTER TABLE guild_settings ADD COLUMN trends INTEGER NOT NULL DEFAULT 0 CHECK (trends IN (0, 1));
    `,
  // Where the follow service of a shard set stopped reading arrivals: a restart resumes there.
  6: `
      CREATE TABLE follow_cursors (
        role TEXT PRIMARY KEY,
        arrived_at INTEGER NOT NULL,
        ids TEXT NOT NULL DEFAULT '[]',
        updated_at INTEGER NOT NULL
      );
    `,
});
