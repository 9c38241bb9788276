/**
 * {@link StateStore} on PostgreSQL (node-postgres), for several bot processes or hosts sharing one
 * state. One pool per process; a client is checked out only for a transaction (migrations) and
 * released in `finally`; every other call is one statement on the pool.
 *
 * Slot claims are one `INSERT … ON CONFLICT DO UPDATE … WHERE …` statement: the primary key
 * arbitrates, a concurrent claimer of the same slot waits on the winner's row lock and then
 * re-evaluates the WHERE against the committed row, so exactly one process gets the row back from
 * `RETURNING`. Nothing stays locked while a digest is posted (the claim is a lease in the row,
 * taken over when stale), so a `kill -9` mid-post leaves no lock or open transaction behind.
 */
import pg from 'pg';
import { canonicalTimeZone, formatDailyTime, parseDailyTime } from '../digest/schedule.js';
import type { Migration } from './migrations.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
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

export interface PostgresStoreOptions {
  /** Schema to bring the database to. Default: {@link POSTGRES_MIGRATIONS}; tests pass longer lists. */
  migrations?: readonly Migration[];
  /** Apply pending migrations when opening. Default true (`npm run migrate` does it ahead of time). */
  migrate?: boolean;
  /** Connections of this process's pool. Default 5. */
  poolSize?: number;
  /** Give up connecting after this many ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Told about an idle connection that broke (the pool drops it and opens another). */
  onPoolError?: (error: Error) => void;
}

/** The key of the advisory lock that serialises migrations across processes ("Dépc"). */
const MIGRATION_LOCK = 0x44657063;

/** node-postgres returns TIMESTAMPTZ as Date, JSONB parsed and BOOLEAN as boolean. */
type Postgres = { date: Date; json: unknown; bool: boolean };

const READ: ColumnReader<Postgres> = { date: (date) => date, json: (value) => value, bool: (flag) => flag };

/** The URL as it may be shown: the password replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // libpq also takes the password as a parameter (`?password=…`).
    for (const key of [...parsed.searchParams.keys()]) if (/^(?:password|sslpassword|passfile)$/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return 'URL illisible';
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

export class PostgresStateStore implements StateStore {
  /** `DATABASE_URL : « postgres://bot:***@db/depeche »`, the prefix of every error message. */
  private readonly label: string;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    url: string,
  ) {
    this.label = `DATABASE_URL : « ${redactDatabaseUrl(url)} »`;
  }

  /**
   * Connects, checks the database is Dépêche's (or empty) and migrates it (or, with
   * `migrate: false`, checks it is migrated). Throws a {@link StoreError}.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStateStore> {
    return PostgresStateStore.connect(url, options, async (store) => {
      if (options.migrate ?? true) await store.migrate(options.migrations ?? POSTGRES_MIGRATIONS);
      else await store.checkVersion(options.migrations ?? POSTGRES_MIGRATIONS);
    });
  }

  /**
   * Connects without touching the schema (`npm run migrate` then calls {@link migrate} and says
   * what it applied). Throws a {@link StoreError}.
   */
  static async connect(
    url: string,
    options: Omit<PostgresStoreOptions, 'migrate' | 'migrations'> = {},
    prepare: (store: PostgresStateStore) => Promise<void> = async () => undefined,
  ): Promise<PostgresStateStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 5,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      application_name: 'depeche',
    });
    // Without a listener, a connection dropped while idle (server restart) would crash the process.
    pool.on('error', (error) => options.onPoolError?.(error));
    const store = new PostgresStateStore(pool, url);
    try {
      await store.guard('la connexion', () => pool.query('SELECT 1'));
      await prepare(store);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /** A French StoreError for a failure during `what`. */
  private wrap(error: unknown, what: string): StoreError {
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
      return new StoreError(`${this.label} : serveur PostgreSQL injoignable pendant ${what} (${code ?? message}) ; vérifiez l'hôte, le port et que le serveur tourne.`);
    }
    if (code === '28P01' || code === '28000') {
      return new StoreError(`${this.label} : authentification refusée par PostgreSQL (${code}) ; vérifiez l'utilisateur et le mot de passe.`);
    }
    if (code === '3D000') {
      return new StoreError(`${this.label} : cette base n'existe pas sur le serveur (${code}) ; créez-la (CREATE DATABASE) ou corrigez l'URL.`);
    }
    return new StoreError(`${this.label} : échec pendant ${what} (${code ?? 'erreur'} : ${message}).`);
  }

  /** Runs `fn`, turning pg errors into StoreErrors naming the database. */
  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw error instanceof StoreError || error instanceof RangeError ? error : this.wrap(error, what);
    }
  }

  /**
   * Runs `fn` in a transaction on one checked-out client, released whatever happens. Committed
   * unless `commitIf` says otherwise about the result (then rolled back, the result returned).
   */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, commitIf: (result: T) => boolean = () => true): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query(commitIf(result) ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(what: string, text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.guard(what, () => this.pool.query<R>(text, values));
  }

  /** Versions applied, in a transaction's view; undefined when the table does not exist yet. */
  private static async versions(client: pg.ClientBase): Promise<number[] | undefined> {
    const exists = await client.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    if (!exists.rows[0]?.present) return undefined;
    return (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  }

  /** Refuses a database that holds another application's tables, or a newer schema. */
  private async checkOwnership(client: pg.ClientBase, latest: number): Promise<number> {
    const versions = await PostgresStateStore.versions(client);
    if (versions === undefined) {
      const tables = (
        await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1 LIMIT 5")
      ).rows.map((r) => r.name);
      if (tables.length > 0) {
        throw new StoreError(
          `${this.label} : cette base contient les tables d'une autre application (${tables.join(', ')}) ; donnez à Dépêche une base à lui (CREATE DATABASE depeche).`,
        );
      }
      return 0;
    }
    const current = versions.at(-1) ?? 0;
    if (current > latest) throw this.tooNew(current, latest);
    return current;
  }

  private async checkVersion(migrations: readonly Migration[]): Promise<void> {
    const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const client = await this.guard('la connexion', () => this.pool.connect());
    try {
      const current = await this.guard('la lecture du schéma', () => this.checkOwnership(client, latest));
      if (current < latest) {
        throw new StoreError(`${this.label} : schéma en version ${current}, cette version de Dépêche attend la ${latest} ; lancez npm run migrate.`);
      }
    } finally {
      client.release();
    }
  }

  /**
   * Applies the pending migrations, each in its own transaction under an advisory lock, so that
   * processes starting together run each migration once (the others wait, then see it done).
   * Returns the versions it applied.
   */
  async migrate(migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<number[]> {
    const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      const ran = await this.guard(`la migration ${migration.version}`, () =>
        this.transaction(async (client) => {
          await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
          const current = await this.checkOwnership(client, latest);
          if (current >= migration.version) return false;
          if (current !== migration.version - 1) {
            throw new StoreError(`${this.label} : migration ${migration.version} impossible depuis la version ${current} du schéma.`);
          }
          await client.query(
            'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
          );
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
          return true;
        }),
      );
      if (ran) applied.push(migration.version);
    }
    return applied;
  }

  private tooNew(version: number, latest: number): StoreError {
    return new StoreError(
      `${this.label} : cette base vient d'une version plus récente de Dépêche (schéma ${version}, cette version connaît jusqu'au ${latest}) ; mettez le bot à jour ou utilisez une autre base.`,
    );
  }

  /** The schema version reached. */
  async schemaVersion(): Promise<number> {
    const { rows } = await this.query<{ version: number | null }>('la lecture du schéma', 'SELECT max(version) AS version FROM schema_migrations');
    return rows[0]?.version ?? 0;
  }

  /** The migrations applied, oldest first. */
  async appliedMigrations(): Promise<Array<{ version: number; name: string; appliedAt: Date }>> {
    const { rows } = await this.query<{ version: number; name: string; applied_at: Date }>(
      'la lecture du schéma',
      'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
    );
    return rows.map((row) => ({ version: row.version, name: row.name, appliedAt: row.applied_at }));
  }

  async getGuildSettings(guildId: string): Promise<GuildDigestSettings | undefined> {
    const { rows } = await this.query<SettingsRow<Postgres>>('la lecture des réglages', 'SELECT * FROM guild_settings WHERE guild_id = $1', [guildId]);
    return rows[0] ? settingsFromRow(rows[0], READ) : undefined;
  }

  async upsertGuildSettings(settings: GuildDigestSettingsInput): Promise<GuildDigestSettings> {
    const time = formatDailyTime(parseDailyTime(settings.time));
    const timezone = canonicalTimeZone(settings.timezone);
    if (!timezone) throw new RangeError(`Fuseau horaire inconnu « ${settings.timezone} » (exemple : Europe/Paris).`);
    const { rows } = await this.query<SettingsRow<Postgres>>(
      "l'enregistrement des réglages",
      `INSERT INTO guild_settings (guild_id, channel_id, time, timezone, enabled, topics, trends, updated_at, last_error, last_error_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $8, $7, NULL, NULL)
       ON CONFLICT (guild_id) DO UPDATE SET
         channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone,
         enabled = excluded.enabled, topics = excluded.topics, trends = excluded.trends, updated_at = excluded.updated_at,
         last_error = NULL, last_error_at = NULL
       RETURNING *`,
      [settings.guildId, settings.channelId, time, timezone, settings.enabled, JSON.stringify(settings.topics), settings.updatedAt ?? new Date(), settings.trends ?? false],
    );
    return settingsFromRow(rows[0]!, READ);
  }

  async disableDigest(guildId: string, reason: string, now: Date = new Date()): Promise<void> {
    await this.query(
      'la désactivation du résumé',
      'UPDATE guild_settings SET enabled = false, last_error = $1, last_error_at = $2, updated_at = $2 WHERE guild_id = $3',
      [reason, now, guildId],
    );
  }

  async recordDigestError(guildId: string, error: string, now: Date = new Date()): Promise<void> {
    await this.query("l'enregistrement d'une erreur", 'UPDATE guild_settings SET last_error = $1, last_error_at = $2 WHERE guild_id = $3', [error, now, guildId]);
  }

  async listEnabledDigests(): Promise<GuildDigestSettings[]> {
    const { rows } = await this.query<SettingsRow<Postgres>>('la lecture des résumés actifs', 'SELECT * FROM guild_settings WHERE enabled ORDER BY guild_id');
    return rows.map((row) => settingsFromRow(row, READ));
  }

  async claimSlot(claim: SlotClaim, options: ClaimOptions = {}): Promise<ClaimResult> {
    const now = options.now ?? new Date();
    const staleBefore = new Date(now.getTime() - (options.leaseMs ?? DEFAULT_LEASE_MS));
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const won = await this.query<{ nonce: string }>(
      "la réservation d'un créneau",
      `INSERT INTO digest_log (guild_id, channel_id, slot_key, status, nonce, attempts, claimed_at)
       VALUES ($1, $2, $3, 'claimed', $4, 1, $5)
       ON CONFLICT (guild_id, channel_id, slot_key) DO UPDATE SET
         status = 'claimed', nonce = excluded.nonce, attempts = digest_log.attempts + 1, claimed_at = excluded.claimed_at
       WHERE (digest_log.status = 'failed' AND digest_log.attempts < $6)
          OR (digest_log.status = 'claimed' AND digest_log.claimed_at <= $7)
       RETURNING nonce`,
      [claim.guildId, claim.channelId, claim.slotKey, claim.nonce, now, maxAttempts, staleBefore],
    );
    if (won.rows[0]?.nonce === claim.nonce) return 'claimed';
    // Lost: the row exists and is committed (ON CONFLICT waited for it); say why.
    const { rows } = await this.query<{ status: DigestLogEntry['status'] }>(
      "la réservation d'un créneau",
      'SELECT status FROM digest_log WHERE guild_id = $1 AND channel_id = $2 AND slot_key = $3',
      [claim.guildId, claim.channelId, claim.slotKey],
    );
    const status = rows[0]?.status;
    return status === 'posted' ? 'already-posted' : status === 'failed' ? 'gave-up' : 'in-progress';
  }

  async markPosted(
    claim: SlotClaim,
    messageId: string,
    articleIds: readonly string[],
    actorCounts: Readonly<Record<string, number>>,
    now: Date = new Date(),
  ): Promise<boolean> {
    const result = await this.query(
      "l'enregistrement d'un résumé publié",
      `UPDATE digest_log SET status = 'posted', message_id = $5, posted_at = $6, article_ids = $7::jsonb, actor_counts = $8::jsonb, error = NULL
       WHERE guild_id = $1 AND channel_id = $2 AND slot_key = $3 AND nonce = $4 AND status = 'claimed'`,
      [claim.guildId, claim.channelId, claim.slotKey, claim.nonce, messageId, now, JSON.stringify(articleIds), JSON.stringify(actorCounts)],
    );
    return result.rowCount === 1;
  }

  async markFailed(claim: SlotClaim, error: string): Promise<boolean> {
    const result = await this.query(
      "l'enregistrement d'un échec",
      `UPDATE digest_log SET status = 'failed', error = $5
       WHERE guild_id = $1 AND channel_id = $2 AND slot_key = $3 AND nonce = $4 AND status = 'claimed'`,
      [claim.guildId, claim.channelId, claim.slotKey, claim.nonce, error],
    );
    return result.rowCount === 1;
  }

  async getSlot(guildId: string, channelId: string, slotKey: string): Promise<DigestLogEntry | undefined> {
    const { rows } = await this.query<LogRow<Postgres>>(
      "la lecture d'un créneau",
      'SELECT * FROM digest_log WHERE guild_id = $1 AND channel_id = $2 AND slot_key = $3',
      [guildId, channelId, slotKey],
    );
    return rows[0] ? logFromRow(rows[0], READ) : undefined;
  }

  async lastPosted(guildId: string, channelId: string): Promise<DigestLogEntry | undefined> {
    const { rows } = await this.query<LogRow<Postgres>>(
      'la lecture du dernier résumé',
      `SELECT * FROM digest_log WHERE guild_id = $1 AND channel_id = $2 AND status = 'posted'
       ORDER BY posted_at DESC, slot_key DESC LIMIT 1`,
      [guildId, channelId],
    );
    return rows[0] ? logFromRow(rows[0], READ) : undefined;
  }

  async savePaging(state: PagingState): Promise<void> {
    await this.query(
      "l'enregistrement d'une pagination",
      `INSERT INTO paging_state (id, user_id, command, options, created_at, expires_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, command = excluded.command,
         options = excluded.options, created_at = excluded.created_at, expires_at = excluded.expires_at`,
      [state.id, state.userId, state.command, JSON.stringify(state.options ?? null), state.createdAt, state.expiresAt],
    );
  }

  async getPaging(id: string, now: Date = new Date()): Promise<PagingState | undefined> {
    const { rows } = await this.query<PagingRow<Postgres>>("la lecture d'une pagination", 'SELECT * FROM paging_state WHERE id = $1 AND expires_at > $2', [id, now]);
    return rows[0] ? pagingFromRow(rows[0], READ) : undefined;
  }

  async prunePaging(now: Date): Promise<number> {
    const result = await this.query('le ménage des paginations', 'DELETE FROM paging_state WHERE expires_at <= $1', [now]);
    return result.rowCount ?? 0;
  }

  async addFeedSource(input: FeedSourceInput): Promise<{ source: FeedSource; created: boolean }> {
    // One statement: the insert's row, or (on conflict) the existing one read in the same snapshot.
    const { rows } = await this.query<FeedSourceRow<Postgres> & { created: boolean }>(
      "l'ajout d'une source",
      `WITH inserted AS (
         INSERT INTO feed_sources (url, kind, added_by, added_at, guild_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (guild_id, url) DO NOTHING RETURNING *
       )
       SELECT *, true AS created FROM inserted
       UNION ALL
       SELECT *, false AS created FROM feed_sources WHERE guild_id = $5 AND url = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
      [input.url, input.kind, input.addedBy, input.addedAt ?? new Date(), input.guildId ?? ''],
    );
    if (rows[0]) return { source: feedSourceFromRow(rows[0], READ), created: rows[0].created };
    // Added by another process after this statement's snapshot: read it now.
    const existing = await this.getFeedSource(input.url, input.guildId);
    if (!existing) throw new StoreError(`${this.label} : la source ${input.url} n'a pas pu être ajoutée.`);
    return { source: existing, created: false };
  }

  async removeFeedSource(url: string, guildId?: string): Promise<boolean> {
    return (await this.query("le retrait d'une source", 'DELETE FROM feed_sources WHERE guild_id = $2 AND url = $1', [url, guildId ?? ''])).rowCount === 1;
  }

  async getFeedSource(url: string, guildId?: string): Promise<FeedSource | undefined> {
    const { rows } = await this.query<FeedSourceRow<Postgres>>("la lecture d'une source", 'SELECT * FROM feed_sources WHERE guild_id = $2 AND url = $1', [url, guildId ?? '']);
    return rows[0] ? feedSourceFromRow(rows[0], READ) : undefined;
  }

  async listFeedSources(): Promise<FeedSource[]> {
    const { rows } = await this.query<FeedSourceRow<Postgres>>('la lecture des sources', 'SELECT * FROM feed_sources ORDER BY added_at, url, guild_id');
    return rows.map((row) => feedSourceFromRow(row, READ));
  }

  async updateFeedSource(url: string, update: FeedSourceUpdate, guildId?: string): Promise<boolean> {
    const sets: string[] = [];
    const values: unknown[] = [url, guildId ?? ''];
    for (const [field, column] of Object.entries(FEED_UPDATE_COLUMNS)) {
      const value = update[field as keyof typeof FEED_UPDATE_COLUMNS];
      if (value === undefined) continue;
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    if (update.addItems) {
      values.push(update.addItems);
      sets.push(`item_count = item_count + $${values.length}`);
    }
    const where = 'WHERE url = $1 AND guild_id = $2';
    const text = sets.length === 0 ? `SELECT 1 FROM feed_sources ${where}` : `UPDATE feed_sources SET ${sets.join(', ')} ${where}`;
    return (await this.query("la mise à jour d'une source", text, values)).rowCount === 1;
  }

  async claimFeedItem(keys: ItemKeys, articleId: string, now: Date = new Date()): Promise<ItemClaim> {
    // Sorted, so that two claims sharing keys take their row locks in the same order (no deadlock).
    const unique = [...new Set(keys)].sort();
    // All keys new: committed, the item is the caller's. One already held: rolled back, nothing recorded.
    const claimed = await this.guard("l'enregistrement d'un article de flux", () =>
      this.transaction(async (client) => {
        // A key inserted by a concurrent claim makes this insert wait for it, then skip it.
        const inserted = await client.query(
          `INSERT INTO feed_items (item_key, article_id, seen_at) SELECT k, $2, $3 FROM unnest($1::text[]) AS k
           ON CONFLICT (item_key) DO NOTHING`,
          [unique, articleId, now],
        );
        return inserted.rowCount === unique.length;
      }, (all) => all),
    );
    if (claimed) return { claimed: true };
    const held = await this.findFeedItem(keys);
    if (held === undefined) throw new StoreError(`${this.label} : article de flux ${articleId} ni enregistré ni trouvé.`);
    return { claimed: false, articleId: held };
  }

  async addFeedItemKeys(keys: ItemKeys, articleId: string, now: Date = new Date()): Promise<void> {
    await this.query(
      "l'enregistrement d'un article de flux",
      `INSERT INTO feed_items (item_key, article_id, seen_at) SELECT k, $2, $3 FROM unnest($1::text[]) AS k
       ON CONFLICT (item_key) DO NOTHING`,
      [[...new Set(keys)].sort(), articleId, now],
    );
  }

  async findFeedItem(keys: ItemKeys): Promise<string | undefined> {
    if (keys.length === 0) return undefined;
    // The first of `keys`, in the caller's order, that is held.
    const { rows } = await this.query<{ article_id: string }>(
      "la recherche d'un article de flux",
      `SELECT f.article_id FROM unnest($1::text[]) WITH ORDINALITY AS k(key, position)
       JOIN feed_items f ON f.item_key = k.key ORDER BY k.position LIMIT 1`,
      [[...keys]],
    );
    return rows[0]?.article_id;
  }

  async settleFeedItem(from: string, to: string): Promise<boolean> {
    return ((await this.query("l'enregistrement d'un article de flux", 'UPDATE feed_items SET article_id = $2 WHERE article_id = $1', [from, to])).rowCount ?? 0) > 0;
  }

  async releaseFeedItem(articleId: string): Promise<number> {
    return (await this.query("l'enregistrement d'un article de flux", 'DELETE FROM feed_items WHERE article_id = $1', [articleId])).rowCount ?? 0;
  }

  async listPendingFeedItems(): Promise<PendingFeedItem[]> {
    const { rows } = await this.query<{ id: string; since: Date }>(
      "la recherche d'un article de flux",
      'SELECT article_id AS id, MIN(seen_at) AS since FROM feed_items WHERE starts_with(article_id, $1) GROUP BY article_id ORDER BY since',
      [PENDING_ITEM_PREFIX],
    );
    return rows.map((r) => ({ articleId: r.id, since: new Date(r.since) }));
  }

  async addFollow(input: FollowInput, maxPerGuild: number): Promise<AddFollowResult> {
    const target = followTarget(input);
    return this.guard("l'ajout d'un suivi", () =>
      this.transaction(async (client): Promise<AddFollowResult> => {
        // One server's follows are created one at a time, so the cap holds across processes.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('follows:' || $1))", [input.guildId]);
        const existing = await client.query<FollowRow<Postgres>>(
          `UPDATE follows SET role_id = $5, paused = false, failures = 0, last_error = NULL, last_error_at = NULL
           WHERE guild_id = $1 AND kind = $2 AND target = $3 AND channel_id = $4 RETURNING *`,
          [input.guildId, input.kind, target, input.channelId, input.roleId ?? null],
        );
        if (existing.rows[0]) return { status: 'existing', follow: followFromRow(existing.rows[0], READ) };
        const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM follows WHERE guild_id = $1', [input.guildId]);
        const count = Number(rows[0]?.count ?? 0);
        if (count >= maxPerGuild) return { status: 'cap', count };
        const inserted = await client.query<FollowRow<Postgres>>(
          `INSERT INTO follows (${FOLLOW_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
          followInsertValues(newFollowId(), input, target, (date) => date),
        );
        return { status: 'created', follow: followFromRow(inserted.rows[0]!, READ) };
      }),
    );
  }

  async getFollow(id: string): Promise<Follow | undefined> {
    const { rows } = await this.query<FollowRow<Postgres>>("la lecture d'un suivi", 'SELECT * FROM follows WHERE id = $1', [id]);
    return rows[0] ? followFromRow(rows[0], READ) : undefined;
  }

  async listFollows(guildId?: string): Promise<Follow[]> {
    const { rows } =
      guildId === undefined
        ? await this.query<FollowRow<Postgres>>('la lecture des suivis', 'SELECT * FROM follows ORDER BY created_at, id')
        : await this.query<FollowRow<Postgres>>('la lecture des suivis', 'SELECT * FROM follows WHERE guild_id = $1 ORDER BY created_at, id', [guildId]);
    return rows.map((row) => followFromRow(row, READ));
  }

  async removeFollow(guildId: string, id: string): Promise<boolean> {
    // The alert log goes with it (ON DELETE CASCADE).
    return (await this.query("le retrait d'un suivi", 'DELETE FROM follows WHERE guild_id = $1 AND id = $2', [guildId, id])).rowCount === 1;
  }

  async recordFollowAlert(id: string, now: Date = new Date()): Promise<void> {
    await this.query(
      "l'enregistrement d'une alerte",
      'UPDATE follows SET alerts_sent = alerts_sent + 1, last_alert_at = $2, failures = 0, last_error = NULL, last_error_at = NULL WHERE id = $1',
      [id, now],
    );
  }

  async recordFollowFailure(id: string, error: string, options: { pauseAfter: number; pause?: boolean; now?: Date }): Promise<Follow | undefined> {
    const { rows } = await this.query<FollowRow<Postgres>>(
      "l'enregistrement d'un échec",
      `UPDATE follows SET failures = failures + 1, last_error = $2, last_error_at = $3,
         paused = CASE WHEN $4 OR failures + 1 >= $5 THEN true ELSE paused END
       WHERE id = $1 RETURNING *`,
      [id, error, options.now ?? new Date(), options.pause === true, options.pauseAfter],
    );
    return rows[0] ? followFromRow(rows[0], READ) : undefined;
  }

  async claimAlert(claim: AlertClaim, options: ClaimOptions = {}): Promise<ClaimResult> {
    const now = options.now ?? new Date();
    const staleBefore = new Date(now.getTime() - (options.leaseMs ?? DEFAULT_LEASE_MS));
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    // The digest's claim, keyed by (follow, story): see claimSlot.
    const won = await this.query<{ nonce: string }>(
      "la réservation d'une alerte",
      `INSERT INTO alert_log (follow_id, story_key, status, nonce, channel_id, article_ids, attempts, claimed_at)
       VALUES ($1, $2, 'claimed', $3, $4, $5::jsonb, 1, $6)
       ON CONFLICT (follow_id, story_key) DO UPDATE SET
         status = 'claimed', nonce = excluded.nonce, attempts = alert_log.attempts + 1, claimed_at = excluded.claimed_at
       WHERE (alert_log.status = 'failed' AND alert_log.attempts < $7)
          OR (alert_log.status = 'claimed' AND alert_log.claimed_at <= $8)
       RETURNING nonce`,
      [claim.followId, claim.storyKey, claim.nonce, claim.channelId, JSON.stringify(claim.articleIds), now, maxAttempts, staleBefore],
    );
    if (won.rows[0]?.nonce === claim.nonce) return 'claimed';
    const { rows } = await this.query<{ status: AlertDelivery['status'] }>(
      "la réservation d'une alerte",
      'SELECT status FROM alert_log WHERE follow_id = $1 AND story_key = $2',
      [claim.followId, claim.storyKey],
    );
    const status = rows[0]?.status;
    return status === 'posted' ? 'already-posted' : status === 'failed' ? 'gave-up' : 'in-progress';
  }

  async markAlertPosted(claim: AlertClaim, messageId: string, now: Date = new Date()): Promise<boolean> {
    const result = await this.query(
      "l'enregistrement d'une alerte publiée",
      `UPDATE alert_log SET status = 'posted', message_id = $4, posted_at = $5, error = NULL
       WHERE follow_id = $1 AND story_key = $2 AND nonce = $3 AND status = 'claimed'`,
      [claim.followId, claim.storyKey, claim.nonce, messageId, now],
    );
    return result.rowCount === 1;
  }

  async markAlertFailed(claim: AlertClaim, error: string): Promise<boolean> {
    const result = await this.query(
      "l'enregistrement d'un échec",
      `UPDATE alert_log SET status = 'failed', error = $4
       WHERE follow_id = $1 AND story_key = $2 AND nonce = $3 AND status = 'claimed'`,
      [claim.followId, claim.storyKey, claim.nonce, error],
    );
    return result.rowCount === 1;
  }

  async setAlertArticles(followId: string, storyKey: string, articleIds: readonly string[]): Promise<boolean> {
    const result = await this.query(
      "l'enregistrement d'une alerte",
      'UPDATE alert_log SET article_ids = $3::jsonb WHERE follow_id = $1 AND story_key = $2',
      [followId, storyKey, JSON.stringify(articleIds)],
    );
    return result.rowCount === 1;
  }

  async recentAlerts(followIds: readonly string[], since: Date): Promise<AlertDelivery[]> {
    if (followIds.length === 0) return [];
    const { rows } = await this.query<AlertRow<Postgres>>(
      'la lecture des alertes',
      'SELECT * FROM alert_log WHERE claimed_at >= $1 AND follow_id = ANY($2::text[]) ORDER BY claimed_at, follow_id, story_key',
      [since, [...followIds]],
    );
    return rows.map((row) => alertFromRow(row, READ));
  }

  async unfinishedAlerts(since: Date = new Date(0)): Promise<AlertDelivery[]> {
    const { rows } = await this.query<AlertRow<Postgres>>(
      'la lecture des alertes',
      "SELECT * FROM alert_log WHERE status <> 'posted' AND claimed_at >= $1 ORDER BY claimed_at, follow_id, story_key",
      [since],
    );
    return rows.map((row) => alertFromRow(row, READ));
  }

  async getArrivalCursor(role: string): Promise<ArrivalCursor | undefined> {
    const { rows } = await this.query<{ arrived_at: string | number; ids: string[] }>('la lecture du curseur des suivis', 'SELECT arrived_at, ids FROM follow_cursors WHERE role = $1', [role]);
    const row = rows[0];
    return row ? { arrivedAt: Number(row.arrived_at), ids: row.ids } : undefined;
  }

  async earliestArrivalCursor(atLeast: number): Promise<ArrivalCursor | undefined> {
    const { rows } = await this.query<{ arrived_at: string | number; ids: string[] }>(
      'la lecture du curseur des suivis',
      'SELECT arrived_at, ids FROM follow_cursors WHERE arrived_at >= $1 ORDER BY arrived_at, role LIMIT 1',
      [atLeast],
    );
    const row = rows[0];
    return row ? { arrivedAt: Number(row.arrived_at), ids: row.ids } : undefined;
  }

  async saveArrivalCursor(role: string, cursor: ArrivalCursor, now: Date = new Date()): Promise<void> {
    await this.query(
      "l'enregistrement du curseur des suivis",
      `INSERT INTO follow_cursors (role, arrived_at, ids, updated_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (role) DO UPDATE SET arrived_at = excluded.arrived_at, ids = excluded.ids, updated_at = excluded.updated_at
       WHERE excluded.arrived_at >= follow_cursors.arrived_at`,
      [role, cursor.arrivedAt, JSON.stringify(cursor.ids), now],
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
