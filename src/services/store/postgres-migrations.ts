/**
 * The PostgreSQL schema: the SQL of each step of `SCHEMA_STEPS` (same rules as the SQLite list:
 * never edited once released, a change is a new step). `schema_migrations` holds the versions
 * applied; the highest is the schema's version.
 */
import { migrationList, type Migration } from './migrations.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = migrationList({
  1: `
      CREATE TABLE guild_settings (
        guild_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        enabled BOOLEAN NOT NULL,
        topics JSONB NOT NULL DEFAULT '[]',
        updated_at TIMESTAMPTZ NOT NULL,
        last_error TEXT,
        last_error_at TIMESTAMPTZ
      );
      CREATE INDEX guild_settings_enabled ON guild_settings (guild_id) WHERE enabled;

      -- One row per slot of a channel: the primary key is what makes a slot post at most once.
      CREATE TABLE digest_log (
        guild_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        slot_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
        nonce TEXT NOT NULL,
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        claimed_at TIMESTAMPTZ NOT NULL,
        posted_at TIMESTAMPTZ,
        article_ids JSONB NOT NULL DEFAULT '[]',
        actor_counts JSONB NOT NULL DEFAULT '{}',
        error TEXT,
        PRIMARY KEY (guild_id, channel_id, slot_key)
      );
      CREATE INDEX digest_log_posted ON digest_log (guild_id, channel_id, posted_at) WHERE status = 'posted';

      CREATE TABLE paging_state (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        command TEXT NOT NULL,
        options JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        expires_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX paging_state_expires ON paging_state (expires_at);
    `,
  2: `
      CREATE TABLE feed_sources (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
        added_by TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_fetch_at TIMESTAMPTZ,
        last_status INTEGER,
        last_new_item_at TIMESTAMPTZ,
        item_count INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_at TIMESTAMPTZ,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TIMESTAMPTZ,
        disabled_reason TEXT,
        disabled_at TIMESTAMPTZ
      );

      -- Every identity of every news item ever written: the primary key makes an item enter the corpus once.
      CREATE TABLE feed_items (
        item_key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        seen_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX feed_items_article ON feed_items (article_id);
    `,
  3: `
      ALTER TABLE feed_sources ADD COLUMN guild_id TEXT NOT NULL DEFAULT '';
      ALTER TABLE feed_sources DROP CONSTRAINT feed_sources_pkey;
      ALTER TABLE feed_sources ADD PRIMARY KEY (guild_id, url);
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
        created_at TIMESTAMPTZ NOT NULL,
        created_after_index_mark BIGINT NOT NULL,
        alerts_sent INTEGER NOT NULL DEFAULT 0,
        last_alert_at TIMESTAMPTZ,
        failures INTEGER NOT NULL DEFAULT 0,
        paused BOOLEAN NOT NULL DEFAULT false,
        last_error TEXT,
        last_error_at TIMESTAMPTZ,
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
        article_ids JSONB NOT NULL DEFAULT '[]',
        message_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        claimed_at TIMESTAMPTZ NOT NULL,
        posted_at TIMESTAMPTZ,
        error TEXT,
        PRIMARY KEY (follow_id, story_key)
      );
      CREATE INDEX alert_log_recent ON alert_log (follow_id, claimed_at);
      CREATE INDEX alert_log_unfinished ON alert_log (claimed_at) WHERE status <> 'posted';
    `,
  5: `
      ALTER TABLE guild_settings ADD COLUMN trends BOOLEAN NOT NULL DEFAULT false;
    `,
  6: `
      CREATE TABLE follow_cursors (
        role TEXT PRIMARY KEY,
        arrived_at BIGINT NOT NULL,
        ids JSONB NOT NULL DEFAULT '[]',
        updated_at TIMESTAMPTZ NOT NULL
      );
    `,
});
