/** Leases that die with their holder: lock files (one host) and advisory locks (PostgreSQL). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { campaign, tryAdvisoryLease, tryFileLease, type Lease } from '../../src/services/leadership/lease.js';
import { createTestDatabase } from '../support/postgres-server.js';
import { postgresStores } from '../store/stores.js';
import { until } from './processes.js';

const root = mkdtempSync(join(tmpdir(), 'depeche-lease-'));
const database = await createTestDatabase(inject('pgAdminUrl'), 'depeche_lease');
const schemas = postgresStores(database.url);
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await schemas.cleanup();
  await database.drop();
});

describe('lock file lease', () => {
  it('is held by one taker at a time and free again once released', async () => {
    const file = join(root, 'nested', 'job.lock');
    const first = tryFileLease(file);
    expect(first).toBeDefined();
    expect(tryFileLease(file)).toBeUndefined();
    // Another job's lock is another file.
    const other = tryFileLease(join(root, 'other.lock'));
    expect(other).toBeDefined();
    await first!.release();
    const second = tryFileLease(file);
    expect(second).toBeDefined();
    await second!.release();
    await other!.release();
  });

  it('a campaign starts the job once the holder lets go, and resigns on close', async () => {
    const file = join(root, 'campaign.lock');
    const holder = tryFileLease(file)!;
    const log: string[] = [];
    let tries = 0;
    const acquire = () => {
      tries++;
      return tryFileLease(file);
    };
    const election = campaign({ acquire, retryMs: 20, onElected: () => void log.push('elected'), onResign: (why) => void log.push(`resign ${why ?? 'closed'}`) });
    // Tries counted, not time waited: three refused while the holder keeps the lock.
    await until('three tries', () => tries >= 3);
    expect(election.leading).toBe(false);
    await holder.release();
    await until('elected', () => election.leading);
    await election.close();
    expect(log).toEqual(['elected', 'resign closed']);
    // Released: free for anyone.
    const after = tryFileLease(file);
    expect(after).toBeDefined();
    await after!.release();
  });
});

describe('PostgreSQL advisory lease', () => {
  it('is held by one session per job and schema', async () => {
    const a = await schemas.freshLocation();
    const b = await schemas.freshLocation();
    const held = await tryAdvisoryLease(a, 'feeds-poller');
    expect(held).toBeDefined();
    expect(await tryAdvisoryLease(a, 'feeds-poller')).toBeUndefined();
    const otherJob = await tryAdvisoryLease(a, 'other-job');
    const otherSchema = await tryAdvisoryLease(b, 'feeds-poller');
    expect(otherJob).toBeDefined();
    expect(otherSchema).toBeDefined();
    await held!.release();
    const again = await tryAdvisoryLease(a, 'feeds-poller');
    expect(again).toBeDefined();
    for (const lease of [again, otherJob, otherSchema]) await lease!.release();
  });

  it('is lost when its connection is cut, and the campaign takes it again', async () => {
    const url = await schemas.freshLocation();
    const log: string[] = [];
    let current: Lease | undefined;
    const election = campaign({
      acquire: () => tryAdvisoryLease(url, 'feeds-poller'),
      retryMs: 50,
      onElected: (lease) => {
        current = lease;
        log.push('elected');
      },
      onResign: (why) => void log.push(why ? 'lost' : 'closed'),
    });
    await until('elected', () => election.leading);
    // The server ends the lease's session (a restart, a network cut, an operator); this file's database only.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database() AND l.pid <> pg_backend_pid()");
    await admin.end();
    await until('lost then elected again', () => log.join(' ') === 'elected lost elected', 10_000);
    expect(current).toBeDefined();
    await election.close();
    expect(log.at(-1)).toBe('closed');
  });
});
