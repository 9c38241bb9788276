/**
 * Leases that die with their holder: one process of a group does a job (index a corpus folder,
 * poll the feeds) and, if it dies, even by `kill -9`, another takes the job over.
 *
 * On one host the lease is an exclusive lock on a small SQLite file (an OS lock: fcntl on Unix,
 * LockFileEx on Windows, which the kernel drops when the process ends, however it ends). SQLite
 * does the locking and already ships with the bot (better-sqlite3), so no native add-on and no
 * heartbeat; SQLite also keeps two connections of one process (two worker threads) apart, which
 * plain fcntl does not. Across hosts (PostgreSQL) the lease is a session advisory lock, dropped
 * by the server when the holder's connection closes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export interface Lease {
  /** Resolves (with why) if the lease is lost while held: the holder must stop the job at once. */
  readonly lost: Promise<string>;
  /** Gives the lease up (idempotent). */
  release(): Promise<void>;
}

/**
 * Takes the lock file at `lockPath` if no other process (or thread) holds it; `undefined` when
 * one does. The lock is held until {@link Lease.release} or the end of the process.
 */
export function tryFileLease(lockPath: string): Lease | undefined {
  fs.mkdirSync(path.dirname(path.resolve(lockPath)), { recursive: true });
  const db = new Database(lockPath, { timeout: 0 });
  try {
    // An EXCLUSIVE transaction takes SQLite's exclusive lock on the file at once and keeps it
    // while the transaction stays open, which it does for the life of the lease.
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return undefined;
    throw error;
  }
  return {
    lost: new Promise<string>(() => undefined),
    release: async () => {
      if (db.open) db.close();
    },
  };
}

/** The advisory lock class of Dépêche's jobs ("Depj"); the second key names the job and the schema. */
const JOB_LOCK_CLASS = 0x4465706a;

/**
 * Takes a session advisory lock named `job` on the PostgreSQL database at `databaseUrl`, scoped
 * to the schema the URL selects (two deployments sharing a database through schemas do not
 * share the lock); `undefined` when another session holds it. The lock lives as long as this
 * lease's own connection (not one of the pool's, which come and go).
 */
export async function tryAdvisoryLease(databaseUrl: string, job: string): Promise<Lease | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: 10_000 });
  let lose: (why: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => (lose = resolve));
  let released = false;
  client.on('error', (error) => lose(`connexion PostgreSQL perdue (${error.message})`));
  client.on('end', () => {
    if (!released) lose('connexion PostgreSQL fermée');
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2 || current_schema())) AS held',
      [JOB_LOCK_CLASS, `${job}:`],
    );
    if (rows[0]?.held) {
      return {
        lost,
        release: async () => {
          if (released) return;
          released = true;
          // Closing the session drops the lock.
          await client.end().catch(() => undefined);
        },
      };
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => undefined);
    throw error;
  }
  released = true;
  await client.end().catch(() => undefined);
  return undefined;
}

export interface Campaign {
  /** Whether this process holds the lease now. */
  readonly leading: boolean;
  /** Stops trying, and gives the lease up if held (after `onResign`). */
  close(): Promise<void>;
}

export interface CampaignOptions {
  /** Tries to take the lease. */
  acquire: () => Lease | undefined | Promise<Lease | undefined>;
  /** Time between two tries while another process holds the lease. Default 1 000 ms. */
  retryMs?: number;
  /** The lease was taken: start the job. */
  onElected: (lease: Lease) => void | Promise<void>;
  /** The lease was lost (`why`) or is being given up (`why` undefined): stop the job. */
  onResign?: (why: string | undefined) => void | Promise<void>;
  /** A try failed for another reason than a held lease (it is retried). */
  onError?: (error: unknown) => void;
}

/**
 * Tries to take a lease now and, while another process holds it, every `retryMs`; starts the job
 * once taken, and runs for it again if the lease is lost (a PostgreSQL connection that broke).
 */
export function campaign(options: CampaignOptions): Campaign {
  const retryMs = options.retryMs ?? 1_000;
  let lease: Lease | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let trying: Promise<void> | undefined;
  const attempt = async () => {
    timer = undefined;
    if (closed) return;
    try {
      const taken = await options.acquire();
      if (taken && closed) await taken.release();
      else if (taken) {
        lease = taken;
        void taken.lost.then(async (why) => {
          if (lease !== taken || closed) return;
          lease = undefined;
          await options.onResign?.(why);
          await taken.release();
          if (!closed) timer = setTimeout(run, retryMs);
        });
        await options.onElected(taken);
        return;
      }
    } catch (error) {
      options.onError?.(error);
    }
    if (!closed) timer = setTimeout(run, retryMs);
  };
  const run = () => {
    trying = attempt();
  };
  run();
  return {
    get leading() {
      return lease !== undefined;
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await trying;
      const held = lease;
      lease = undefined;
      if (held) {
        await options.onResign?.(undefined);
        await held.release();
      }
    },
  };
}
