/**
 * {@link StateStore} on one SQLite file (better-sqlite3). Several processes may open the same file:
 * writes go through `BEGIN IMMEDIATE` transactions and wait on each other (`busy_timeout`), and
 * the digest log's primary key makes a slot claimable once.
 *
 * Durability: WAL with `synchronous=FULL`, so a committed claim or post survives `kill -9` and a
 * power cut.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalTimeZone, formatDailyTime, parseDailyTime } from '../digest/schedule.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import {
  DEFAULT_LEASE_MS,
  DEFAULT_MAX_ATTEMPTS,
  FEED_UPDATE_COLUMNS,
  alertFromRow,
  followFromRow,
  followTarget,
  newFollowId,
  FOLLOW_INSERT_COLUMNS,
  followInsertValues,
  type AlertRow,
  type FollowRow,
  feedSourceFromRow,
  logFromRow,
  pagingFromRow,
  settingsFromRow,
  type ColumnReader,
  type FeedSourceRow,
  type LogRow,
  type PagingRow,
  type SettingsRow,
} from './rows.js';
import {
  PENDING_ITEM_PREFIX,
  StoreError,
  type AddFollowResult,
  type AlertClaim,
  type AlertDelivery,
  type ArrivalCursor,
  type Follow,
  type FollowInput,
  type ClaimOptions,
  type ClaimResult,
  type DigestLogEntry,
  type FeedSource,
  type FeedSourceInput,
  type FeedSourceUpdate,
  type GuildDigestSettings,
  type ItemClaim,
  type ItemKeys,
  type GuildDigestSettingsInput,
  type PagingState,
  type PendingFeedItem,
  type SlotClaim,
  type StateStore,
} from './types.js';

/** Marks a database as Dépêche's (`PRAGMA application_id`): "Dépc" in ASCII. */
export const APPLICATION_ID = 0x44657063;

export interface SqliteStoreOptions {
  /** Schema to bring the database to. Default: {@link MIGRATIONS}; tests pass longer lists. */
  migrations?: readonly Migration[];
  /** How long a write waits for another process's transaction, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

/** SQLite holds dates as epoch ms, JSON as text and booleans as 0/1. */
type Sqlite = { date: number; json: string; bool: number };

const READ: ColumnReader<Sqlite> = {
  date: (ms) => new Date(ms),
  json: (text) => JSON.parse(text) as unknown,
  bool: (flag) => flag === 1,
};

function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function isFileDatabase(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

export class SqliteStateStore implements StateStore {
  private readonly db: Database.Database;
  /** `DATABASE_PATH : « data/bot.db »`, the prefix of every error message. */
  private readonly label: string;

  /** Opens (creating if needed) and migrates the database. Throws a {@link StoreError}. */
  constructor(
    readonly path: string,
    options: SqliteStoreOptions = {},
  ) {
    this.label = `DATABASE_PATH : « ${path} »`;
    const migrations = options.migrations ?? MIGRATIONS;
    try {
      if (isFileDatabase(path)) mkdirSync(dirname(resolve(path)), { recursive: true });
    } catch (error) {
      throw new StoreError(`${this.label} : impossible de créer le dossier ${dirname(path)} (${sqliteCode(error) ?? String(error)}).`);
    }
    try {
      this.db = new Database(path);
    } catch (error) {
      throw new StoreError(`${this.label} : impossible d'ouvrir la base (${sqliteCode(error) ?? String(error)}).`);
    }
    try {
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      this.checkReadable();
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.migrate(migrations);
    } catch (error) {
      this.db.close();
      throw error instanceof StoreError ? error : this.wrap(error, "l'ouverture");
    }
  }

  /** A French StoreError for an unexpected SQLite failure during `what`. */
  private wrap(error: unknown, what: string): StoreError {
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return new StoreError(
        `${this.label} : ce fichier n'est pas une base SQLite de Dépêche ou il est endommagé (${code}) ; déplacez-le ou choisissez un autre chemin.`,
      );
    }
    if (code === 'SQLITE_BUSY') {
      return new StoreError(`${this.label} : base occupée par un autre processus pendant ${what} (SQLITE_BUSY) ; réessayez.`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new StoreError(`${this.label} : échec pendant ${what} (${code ?? 'erreur'} : ${message}).`);
  }

  /** Runs `fn`, turning SQLite errors into StoreErrors naming the database. */
  private guard<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw error instanceof StoreError || error instanceof RangeError ? error : this.wrap(error, what);
    }
  }

  /** Fails early, with a clear message, on a file that is not SQLite or not ours. */
  private checkReadable(): void {
    // Reading the schema is the first access to the file: a non-SQLite file fails here.
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
      name: string;
    }>).map((row) => row.name);
    const applicationId = this.db.pragma('application_id', { simple: true }) as number;
    // Migration 1 stamps the id in its own transaction: an unstamped database is ours only if empty.
    const ours = applicationId === APPLICATION_ID || (applicationId === 0 && tables.length === 0);
    if (!ours) {
      throw new StoreError(
        `${this.label} : ce fichier est une base SQLite d'une autre application (tables : ${tables.slice(0, 5).join(', ') || 'aucune'}) ; choisissez un autre chemin.`,
      );
    }
  }

  private migrate(migrations: readonly Migration[]): void {
    const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw this.tooNew(current, latest);
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      // IMMEDIATE: two processes starting together do not both run a migration; the loser
      // waits, re-reads the version inside the transaction and skips it.
      this.db
        .transaction(() => {
          const version = this.db.pragma('user_version', { simple: true }) as number;
          if (version > latest) throw this.tooNew(version, latest);
          if (version >= migration.version) return;
          if (version !== migration.version - 1) {
            throw new StoreError(`${this.label} : migration ${migration.version} impossible depuis la version ${version} du schéma.`);
          }
          this.db.exec(migration.sql);
          this.db
            .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.name, Date.now());
          this.db.pragma(`user_version = ${migration.version}`);
          this.db.pragma(`application_id = ${APPLICATION_ID}`);
        })
        .immediate();
    }
  }

  private tooNew(version: number, latest: number): StoreError {
    return new StoreError(
      `${this.label} : cette base vient d'une version plus récente de Dépêche (schéma ${version}, cette version connaît jusqu'au ${latest}) ; mettez le bot à jour ou utilisez un autre fichier.`,
    );
  }

  /** The schema version reached (`user_version`). */
  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The migrations applied, oldest first. */
  appliedMigrations(): Array<{ version: number; name: string; appliedAt: Date }> {
    return (this.db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{
      version: number;
      name: string;
      applied_at: number;
    }>).map((row) => ({ version: row.version, name: row.name, appliedAt: new Date(row.applied_at) }));
  }

  /** `journal_mode` and `synchronous` as in force (for diagnostics and tests). */
  pragmas(): { journalMode: string; synchronous: number; busyTimeout: number } {
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
      busyTimeout: this.db.pragma('busy_timeout', { simple: true }) as number,
    };
  }

  async getGuildSettings(guildId: string): Promise<GuildDigestSettings | undefined> {
    return this.guard('la lecture des réglages', () => {
      const row = this.db.prepare('SELECT * FROM guild_settings WHERE guild_id = ?').get(guildId) as SettingsRow<Sqlite> | undefined;
      return row ? settingsFromRow(row, READ) : undefined;
    });
  }

  async upsertGuildSettings(settings: GuildDigestSettingsInput): Promise<GuildDigestSettings> {
    // Normalised here so every reader can trust the stored values.
    const time = formatDailyTime(parseDailyTime(settings.time));
    const timezone = canonicalTimeZone(settings.timezone);
    if (!timezone) throw new RangeError(`Fuseau horaire inconnu « ${settings.timezone} » (exemple : Europe/Paris).`);
    const updatedAt = (settings.updatedAt ?? new Date()).getTime();
    return this.guard("l'enregistrement des réglages", () => {
      this.db
        .prepare(
          `INSERT INTO guild_settings (guild_id, channel_id, time, timezone, enabled, topics, trends, updated_at, last_error, last_error_at)
           VALUES (@guildId, @channelId, @time, @timezone, @enabled, @topics, @trends, @updatedAt, NULL, NULL)
           ON CONFLICT (guild_id) DO UPDATE SET
             channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone,
             enabled = excluded.enabled, topics = excluded.topics, trends = excluded.trends, updated_at = excluded.updated_at,
             last_error = NULL, last_error_at = NULL`,
        )
        .run({
          guildId: settings.guildId,
          channelId: settings.channelId,
          time,
          timezone,
          enabled: settings.enabled ? 1 : 0,
          topics: JSON.stringify(settings.topics),
          trends: settings.trends ? 1 : 0,
          updatedAt,
        });
      return settingsFromRow(this.db.prepare('SELECT * FROM guild_settings WHERE guild_id = ?').get(settings.guildId) as SettingsRow<Sqlite>, READ);
    });
  }

  async disableDigest(guildId: string, reason: string, now: Date = new Date()): Promise<void> {
    this.guard('la désactivation du résumé', () => {
      this.db
        .prepare('UPDATE guild_settings SET enabled = 0, last_error = ?, last_error_at = ?, updated_at = ? WHERE guild_id = ?')
        .run(reason, now.getTime(), now.getTime(), guildId);
    });
  }

  async recordDigestError(guildId: string, error: string, now: Date = new Date()): Promise<void> {
    this.guard("l'enregistrement d'une erreur", () => {
      this.db.prepare('UPDATE guild_settings SET last_error = ?, last_error_at = ? WHERE guild_id = ?').run(error, now.getTime(), guildId);
    });
  }

  async listEnabledDigests(): Promise<GuildDigestSettings[]> {
    return this.guard('la lecture des résumés actifs', () =>
      (this.db.prepare('SELECT * FROM guild_settings WHERE enabled = 1 ORDER BY guild_id').all() as SettingsRow<Sqlite>[]).map((row) => settingsFromRow(row, READ)),
    );
  }

  async claimSlot(claim: SlotClaim, options: ClaimOptions = {}): Promise<ClaimResult> {
    const now = (options.now ?? new Date()).getTime();
    const staleBefore = now - (options.leaseMs ?? DEFAULT_LEASE_MS);
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    return this.guard("la réservation d'un créneau", () =>
      this.db
        .transaction((): ClaimResult => {
          // One statement decides: a new slot is inserted; an existing one is taken over only
          // when it failed (and may be retried) or its claim is stale. RETURNING tells who won.
          const won = this.db
            .prepare(
              `INSERT INTO digest_log (guild_id, channel_id, slot_key, status, nonce, attempts, claimed_at)
               VALUES (@guildId, @channelId, @slotKey, 'claimed', @nonce, 1, @now)
               ON CONFLICT (guild_id, channel_id, slot_key) DO UPDATE SET
                 status = 'claimed', nonce = excluded.nonce, attempts = digest_log.attempts + 1,
                 claimed_at = excluded.claimed_at
               WHERE (digest_log.status = 'failed' AND digest_log.attempts < @maxAttempts)
                  OR (digest_log.status = 'claimed' AND digest_log.claimed_at <= @staleBefore)
               RETURNING nonce`,
            )
            .get({ ...claim, now, maxAttempts, staleBefore }) as { nonce: string } | undefined;
          if (won?.nonce === claim.nonce) return 'claimed';
          const row = this.db
            .prepare('SELECT status FROM digest_log WHERE guild_id = ? AND channel_id = ? AND slot_key = ?')
            .get(claim.guildId, claim.channelId, claim.slotKey) as { status: DigestLogEntry['status'] };
          return row.status === 'posted' ? 'already-posted' : row.status === 'claimed' ? 'in-progress' : 'gave-up';
        })
        .immediate(),
    );
  }

  async markPosted(
    claim: SlotClaim,
    messageId: string,
    articleIds: readonly string[],
    actorCounts: Readonly<Record<string, number>>,
    now: Date = new Date(),
  ): Promise<boolean> {
    return this.guard("l'enregistrement d'un résumé publié", () => {
      const result = this.db
        .prepare(
          `UPDATE digest_log SET status = 'posted', message_id = @messageId, posted_at = @now,
             article_ids = @articleIds, actor_counts = @actorCounts, error = NULL
           WHERE guild_id = @guildId AND channel_id = @channelId AND slot_key = @slotKey
             AND nonce = @nonce AND status = 'claimed'`,
        )
        .run({
          ...claim,
          messageId,
          now: now.getTime(),
          articleIds: JSON.stringify(articleIds),
          actorCounts: JSON.stringify(actorCounts),
        });
      return result.changes === 1;
    });
  }

  async markFailed(claim: SlotClaim, error: string): Promise<boolean> {
    return this.guard("l'enregistrement d'un échec", () => {
      const result = this.db
        .prepare(
          `UPDATE digest_log SET status = 'failed', error = @error
           WHERE guild_id = @guildId AND channel_id = @channelId AND slot_key = @slotKey
             AND nonce = @nonce AND status = 'claimed'`,
        )
        .run({ ...claim, error });
      return result.changes === 1;
    });
  }

  async getSlot(guildId: string, channelId: string, slotKey: string): Promise<DigestLogEntry | undefined> {
    return this.guard("la lecture d'un créneau", () => {
      const row = this.db
        .prepare('SELECT * FROM digest_log WHERE guild_id = ? AND channel_id = ? AND slot_key = ?')
        .get(guildId, channelId, slotKey) as LogRow<Sqlite> | undefined;
      return row ? logFromRow(row, READ) : undefined;
    });
  }

  async lastPosted(guildId: string, channelId: string): Promise<DigestLogEntry | undefined> {
    return this.guard('la lecture du dernier résumé', () => {
      const row = this.db
        .prepare(
          `SELECT * FROM digest_log WHERE guild_id = ? AND channel_id = ? AND status = 'posted'
           ORDER BY posted_at DESC, slot_key DESC LIMIT 1`,
        )
        .get(guildId, channelId) as LogRow<Sqlite> | undefined;
      return row ? logFromRow(row, READ) : undefined;
    });
  }

  async savePaging(state: PagingState): Promise<void> {
    this.guard("l'enregistrement d'une pagination", () => {
      this.db
        .prepare(
          `INSERT INTO paging_state (id, user_id, command, options, created_at, expires_at)
           VALUES (@id, @userId, @command, @options, @createdAt, @expiresAt)
           ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, command = excluded.command,
             options = excluded.options, created_at = excluded.created_at, expires_at = excluded.expires_at`,
        )
        .run({
          id: state.id,
          userId: state.userId,
          command: state.command,
          options: JSON.stringify(state.options ?? null),
          createdAt: state.createdAt.getTime(),
          expiresAt: state.expiresAt.getTime(),
        });
    });
  }

  async getPaging(id: string, now: Date = new Date()): Promise<PagingState | undefined> {
    return this.guard("la lecture d'une pagination", () => {
      const row = this.db.prepare('SELECT * FROM paging_state WHERE id = ? AND expires_at > ?').get(id, now.getTime()) as
        | PagingRow<Sqlite>
        | undefined;
      return row ? pagingFromRow(row, READ) : undefined;
    });
  }

  async prunePaging(now: Date): Promise<number> {
    return this.guard('le ménage des paginations', () => this.db.prepare('DELETE FROM paging_state WHERE expires_at <= ?').run(now.getTime()).changes);
  }

  async addFeedSource(input: FeedSourceInput): Promise<{ source: FeedSource; created: boolean }> {
    return this.guard("l'ajout d'une source", () =>
      this.db
        .transaction(() => {
          const created =
            this.db
              .prepare('INSERT INTO feed_sources (guild_id, url, kind, added_by, added_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, url) DO NOTHING')
              .run(input.guildId ?? '', input.url, input.kind, input.addedBy, (input.addedAt ?? new Date()).getTime()).changes === 1;
          const row = this.db.prepare('SELECT * FROM feed_sources WHERE guild_id = ? AND url = ?').get(input.guildId ?? '', input.url) as FeedSourceRow<Sqlite>;
          return { source: feedSourceFromRow(row, READ), created };
        })
        .immediate(),
    );
  }

  async removeFeedSource(url: string, guildId?: string): Promise<boolean> {
    return this.guard("le retrait d'une source", () => this.db.prepare('DELETE FROM feed_sources WHERE guild_id = ? AND url = ?').run(guildId ?? '', url).changes === 1);
  }

  async getFeedSource(url: string, guildId?: string): Promise<FeedSource | undefined> {
    return this.guard("la lecture d'une source", () => {
      const row = this.db.prepare('SELECT * FROM feed_sources WHERE guild_id = ? AND url = ?').get(guildId ?? '', url) as FeedSourceRow<Sqlite> | undefined;
      return row ? feedSourceFromRow(row, READ) : undefined;
    });
  }

  async listFeedSources(): Promise<FeedSource[]> {
    return this.guard('la lecture des sources', () =>
      (this.db.prepare('SELECT * FROM feed_sources ORDER BY added_at, url, guild_id').all() as FeedSourceRow<Sqlite>[]).map((row) => feedSourceFromRow(row, READ)),
    );
  }

  async updateFeedSource(url: string, update: FeedSourceUpdate, guildId?: string): Promise<boolean> {
    const sets: string[] = [];
    const values: Record<string, unknown> = { url, guildId: guildId ?? '' };
    for (const [field, column] of Object.entries(FEED_UPDATE_COLUMNS)) {
      const value = update[field as keyof typeof FEED_UPDATE_COLUMNS];
      if (value === undefined) continue;
      sets.push(`${column} = @${field}`);
      values[field] = value instanceof Date ? value.getTime() : value;
    }
    if (update.addItems) {
      sets.push('item_count = item_count + @addItems');
      values.addItems = update.addItems;
    }
    return this.guard("la mise à jour d'une source", () => {
      if (sets.length === 0) return this.db.prepare('SELECT 1 FROM feed_sources WHERE guild_id = ? AND url = ?').get(guildId ?? '', url) !== undefined;
      return this.db.prepare(`UPDATE feed_sources SET ${sets.join(', ')} WHERE guild_id = @guildId AND url = @url`).run(values).changes === 1;
    });
  }

  async claimFeedItem(keys: ItemKeys, articleId: string, now: Date = new Date()): Promise<ItemClaim> {
    return this.guard("l'enregistrement d'un article de flux", () =>
      this.db
        .transaction((): ItemClaim => {
          const held = this.findItem(keys);
          if (held !== undefined) return { claimed: false, articleId: held };
          this.insertKeys(keys, articleId, now);
          return { claimed: true };
        })
        .immediate(),
    );
  }

  async addFeedItemKeys(keys: ItemKeys, articleId: string, now: Date = new Date()): Promise<void> {
    this.guard("l'enregistrement d'un article de flux", () => this.db.transaction(() => this.insertKeys(keys, articleId, now)).immediate());
  }

  async findFeedItem(keys: ItemKeys): Promise<string | undefined> {
    return this.guard("la recherche d'un article de flux", () => this.findItem(keys));
  }

  async settleFeedItem(from: string, to: string): Promise<boolean> {
    return this.guard("l'enregistrement d'un article de flux", () => this.db.prepare('UPDATE feed_items SET article_id = ? WHERE article_id = ?').run(to, from).changes > 0);
  }

  async releaseFeedItem(articleId: string): Promise<number> {
    return this.guard("l'enregistrement d'un article de flux", () => this.db.prepare('DELETE FROM feed_items WHERE article_id = ?').run(articleId).changes);
  }

  async listPendingFeedItems(): Promise<PendingFeedItem[]> {
    // A range on the indexed column (LIKE would not use the index here).
    const rows = this.guard("la recherche d'un article de flux", () =>
      this.db
        .prepare('SELECT article_id AS id, MIN(seen_at) AS since FROM feed_items WHERE article_id >= ? AND article_id < ? GROUP BY article_id ORDER BY since')
        .all(PENDING_ITEM_PREFIX, PENDING_ITEM_PREFIX.replace(/.$/, (c) => String.fromCharCode(c.charCodeAt(0) + 1))),
    ) as Array<{ id: string; since: number }>;
    return rows.map((r) => ({ articleId: r.id, since: new Date(r.since) }));
  }

  private findItem(keys: ItemKeys): string | undefined {
    const find = this.db.prepare('SELECT article_id FROM feed_items WHERE item_key = ?').pluck();
    for (const key of keys) {
      const held = find.get(key) as string | undefined;
      if (held !== undefined) return held;
    }
    return undefined;
  }

  private insertKeys(keys: ItemKeys, articleId: string, now: Date): void {
    const insert = this.db.prepare('INSERT INTO feed_items (item_key, article_id, seen_at) VALUES (?, ?, ?) ON CONFLICT (item_key) DO NOTHING');
    for (const key of new Set(keys)) insert.run(key, articleId, now.getTime());
  }

  async addFollow(input: FollowInput, maxPerGuild: number): Promise<AddFollowResult> {
    const target = followTarget(input);
    return this.guard("l'ajout d'un suivi", () =>
      this.db
        .transaction((): AddFollowResult => {
          const existing = this.db
            .prepare('SELECT id FROM follows WHERE guild_id = ? AND kind = ? AND target = ? AND channel_id = ?')
            .pluck()
            .get(input.guildId, input.kind, target, input.channelId) as string | undefined;
          if (existing !== undefined) {
            this.db
              .prepare('UPDATE follows SET role_id = ?, paused = 0, failures = 0, last_error = NULL, last_error_at = NULL WHERE id = ?')
              .run(input.roleId ?? null, existing);
            return { status: 'existing', follow: this.followById(existing)! };
          }
          const count = this.db.prepare('SELECT count(*) FROM follows WHERE guild_id = ?').pluck().get(input.guildId) as number;
          if (count >= maxPerGuild) return { status: 'cap', count };
          const id = newFollowId();
          this.db
            .prepare(`INSERT INTO follows (${FOLLOW_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
            .run(...followInsertValues(id, input, target, (date) => date.getTime()));
          return { status: 'created', follow: this.followById(id)! };
        })
        .immediate(),
    );
  }

  private followById(id: string): Follow | undefined {
    const row = this.db.prepare('SELECT * FROM follows WHERE id = ?').get(id) as FollowRow<Sqlite> | undefined;
    return row ? followFromRow(row, READ) : undefined;
  }

  async getFollow(id: string): Promise<Follow | undefined> {
    return this.guard("la lecture d'un suivi", () => this.followById(id));
  }

  async listFollows(guildId?: string): Promise<Follow[]> {
    return this.guard('la lecture des suivis', () => {
      const rows = (guildId === undefined
        ? this.db.prepare('SELECT * FROM follows ORDER BY created_at, id').all()
        : this.db.prepare('SELECT * FROM follows WHERE guild_id = ? ORDER BY created_at, id').all(guildId)) as FollowRow<Sqlite>[];
      return rows.map((row) => followFromRow(row, READ));
    });
  }

  async removeFollow(guildId: string, id: string): Promise<boolean> {
    return this.guard("le retrait d'un suivi", () =>
      this.db
        .transaction(() => {
          const removed = this.db.prepare('DELETE FROM follows WHERE guild_id = ? AND id = ?').run(guildId, id).changes === 1;
          if (removed) this.db.prepare('DELETE FROM alert_log WHERE follow_id = ?').run(id);
          return removed;
        })
        .immediate(),
    );
  }

  async recordFollowAlert(id: string, now: Date = new Date()): Promise<void> {
    this.guard("l'enregistrement d'une alerte", () => {
      this.db
        .prepare('UPDATE follows SET alerts_sent = alerts_sent + 1, last_alert_at = ?, failures = 0, last_error = NULL, last_error_at = NULL WHERE id = ?')
        .run(now.getTime(), id);
    });
  }

  async recordFollowFailure(id: string, error: string, options: { pauseAfter: number; pause?: boolean; now?: Date }): Promise<Follow | undefined> {
    const now = (options.now ?? new Date()).getTime();
    return this.guard("l'enregistrement d'un échec", () => {
      this.db
        .prepare(
          `UPDATE follows SET failures = failures + 1, last_error = @error, last_error_at = @now,
             paused = CASE WHEN @pause = 1 OR failures + 1 >= @pauseAfter THEN 1 ELSE paused END
           WHERE id = @id`,
        )
        .run({ id, error, now, pause: options.pause ? 1 : 0, pauseAfter: options.pauseAfter });
      return this.followById(id);
    });
  }

  async claimAlert(claim: AlertClaim, options: ClaimOptions = {}): Promise<ClaimResult> {
    const now = (options.now ?? new Date()).getTime();
    const staleBefore = now - (options.leaseMs ?? DEFAULT_LEASE_MS);
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    return this.guard("la réservation d'une alerte", () =>
      this.db
        .transaction((): ClaimResult => {
          // The digest's claim, keyed by (follow, story): see claimSlot.
          const won = this.db
            .prepare(
              `INSERT INTO alert_log (follow_id, story_key, status, nonce, channel_id, article_ids, attempts, claimed_at)
               VALUES (@followId, @storyKey, 'claimed', @nonce, @channelId, @articleIds, 1, @now)
               ON CONFLICT (follow_id, story_key) DO UPDATE SET
                 status = 'claimed', nonce = excluded.nonce, attempts = alert_log.attempts + 1, claimed_at = excluded.claimed_at
               WHERE (alert_log.status = 'failed' AND alert_log.attempts < @maxAttempts)
                  OR (alert_log.status = 'claimed' AND alert_log.claimed_at <= @staleBefore)
               RETURNING nonce`,
            )
            .get({ ...claim, articleIds: JSON.stringify(claim.articleIds), now, maxAttempts, staleBefore }) as { nonce: string } | undefined;
          if (won?.nonce === claim.nonce) return 'claimed';
          const row = this.db.prepare('SELECT status FROM alert_log WHERE follow_id = ? AND story_key = ?').get(claim.followId, claim.storyKey) as {
            status: AlertDelivery['status'];
          };
          return row.status === 'posted' ? 'already-posted' : row.status === 'claimed' ? 'in-progress' : 'gave-up';
        })
        .immediate(),
    );
  }

  async markAlertPosted(claim: AlertClaim, messageId: string, now: Date = new Date()): Promise<boolean> {
    return this.guard("l'enregistrement d'une alerte publiée", () =>
      this.db
        .prepare(
          `UPDATE alert_log SET status = 'posted', message_id = ?, posted_at = ?, error = NULL
           WHERE follow_id = ? AND story_key = ? AND nonce = ? AND status = 'claimed'`,
        )
        .run(messageId, now.getTime(), claim.followId, claim.storyKey, claim.nonce).changes === 1,
    );
  }

  async markAlertFailed(claim: AlertClaim, error: string): Promise<boolean> {
    return this.guard("l'enregistrement d'un échec", () =>
      this.db
        .prepare(
          `UPDATE alert_log SET status = 'failed', error = ?
           WHERE follow_id = ? AND story_key = ? AND nonce = ? AND status = 'claimed'`,
        )
        .run(error, claim.followId, claim.storyKey, claim.nonce).changes === 1,
    );
  }

  async setAlertArticles(followId: string, storyKey: string, articleIds: readonly string[]): Promise<boolean> {
    return this.guard("l'enregistrement d'une alerte", () =>
      this.db.prepare('UPDATE alert_log SET article_ids = ? WHERE follow_id = ? AND story_key = ?').run(JSON.stringify(articleIds), followId, storyKey).changes === 1,
    );
  }

  async recentAlerts(followIds: readonly string[], since: Date): Promise<AlertDelivery[]> {
    if (followIds.length === 0) return [];
    return this.guard('la lecture des alertes', () => {
      const out: AlertDelivery[] = [];
      // Chunks: SQLite limits the number of bound parameters.
      for (let i = 0; i < followIds.length; i += 500) {
        const chunk = followIds.slice(i, i + 500);
        const rows = this.db
          .prepare(`SELECT * FROM alert_log WHERE claimed_at >= ? AND follow_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY claimed_at, follow_id, story_key`)
          .all(since.getTime(), ...chunk) as AlertRow<Sqlite>[];
        for (const row of rows) out.push(alertFromRow(row, READ));
      }
      return out.sort((a, b) => a.claimedAt.getTime() - b.claimedAt.getTime());
    });
  }

  async unfinishedAlerts(since: Date = new Date(0)): Promise<AlertDelivery[]> {
    return this.guard('la lecture des alertes', () =>
      (
        this.db
          .prepare("SELECT * FROM alert_log WHERE status <> 'posted' AND claimed_at >= ? ORDER BY claimed_at, follow_id, story_key")
          .all(since.getTime()) as AlertRow<Sqlite>[]
      ).map((row) => alertFromRow(row, READ)),
    );
  }

  async getArrivalCursor(role: string): Promise<ArrivalCursor | undefined> {
    return this.guard('la lecture du curseur des suivis', () => {
      const row = this.db.prepare('SELECT arrived_at, ids FROM follow_cursors WHERE role = ?').get(role) as { arrived_at: number; ids: string } | undefined;
      return row ? { arrivedAt: Number(row.arrived_at), ids: JSON.parse(row.ids) as string[] } : undefined;
    });
  }

  async earliestArrivalCursor(atLeast: number): Promise<ArrivalCursor | undefined> {
    return this.guard('la lecture du curseur des suivis', () => {
      const row = this.db
        .prepare('SELECT arrived_at, ids FROM follow_cursors WHERE arrived_at >= ? ORDER BY arrived_at, role LIMIT 1')
        .get(atLeast) as { arrived_at: number; ids: string } | undefined;
      return row ? { arrivedAt: Number(row.arrived_at), ids: JSON.parse(row.ids) as string[] } : undefined;
    });
  }

  async saveArrivalCursor(role: string, cursor: ArrivalCursor, now: Date = new Date()): Promise<void> {
    this.guard("l'enregistrement du curseur des suivis", () => {
      this.db
        .prepare(
          `INSERT INTO follow_cursors (role, arrived_at, ids, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (role) DO UPDATE SET arrived_at = excluded.arrived_at, ids = excluded.ids, updated_at = excluded.updated_at
           WHERE excluded.arrived_at >= follow_cursors.arrived_at`,
        )
        .run(role, cursor.arrivedAt, JSON.stringify(cursor.ids), now.getTime());
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
