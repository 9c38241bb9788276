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
});
