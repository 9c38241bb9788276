/**
 * What every {@link StateStore} must do with follows and their alerts, whatever its database:
 * the server cap, the same follow added twice, failures that pause, and the (follow, story) claim
 * that makes an alert post once across processes, restarts and a process killed mid-post.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlertClaim, FollowInput, StateStore } from '../../src/services/store/types.js';

export interface FollowContractBackend {
  /** A fresh, empty store, its location, and a function that opens the same database again. */
  open(): Promise<{ store: StateStore; location: string; reopen: () => Promise<StateStore> }>;
}

const racer = fileURLToPath(new URL('./claim-racer.ts', import.meta.url));
const T0 = new Date('2026-12-07T09:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const russia = (extra: Partial<FollowInput> = {}): FollowInput => ({
  guildId: 'g1',
  kind: 'actor',
  actorId: 'country:RUS',
  query: 'Russie',
  channelId: 'c1',
  createdBy: 'u1',
  createdAt: T0,
  createdAfterIndexMark: 1_765_000_000_000,
  ...extra,
});

const claimOf = (followId: string, nonce: string, storyKey = 'art-1'): AlertClaim => ({
  followId,
  storyKey,
  channelId: 'c1',
  nonce,
  articleIds: [storyKey, 'art-2'],
});

export function describeFollowStoreContract(name: string, backend: FollowContractBackend): void {
  async function withStore<T>(fn: (store: StateStore, reopen: () => Promise<StateStore>, location: string) => Promise<T>): Promise<T> {
    const { store, reopen, location } = await backend.open();
    try {
      return await fn(store, reopen, location);
    } finally {
      await store.close();
    }
  }

  describe(`${name}: follows`, () => {
    it('are created with empty counters, listed per server, and the same follow is not added twice', async () => {
      await withStore(async (store) => {
        const first = await store.addFollow(russia({ roleId: 'r1' }), 25);
        expect(first.status).toBe('created');
        if (first.status === 'cap') throw new Error('unexpected cap');
        expect(first.follow).toEqual({
          id: first.follow.id,
          guildId: 'g1',
          kind: 'actor',
          actorId: 'country:RUS',
          query: 'Russie',
          channelId: 'c1',
          roleId: 'r1',
          createdBy: 'u1',
          createdAt: T0,
          createdAfterIndexMark: 1_765_000_000_000,
          alertsSent: 0,
          failures: 0,
          paused: false,
        });
        expect(first.follow.id).toMatch(/^f[0-9a-f]{10}$/);
        // The same actor in the same channel: the existing follow, its role updated.
        const again = await store.addFollow(russia({ query: 'Kremlin', createdBy: 'u2' }), 25);
        expect(again).toMatchObject({ status: 'existing', follow: { id: first.follow.id, query: 'Russie' } });
        expect((await store.getFollow(first.follow.id))?.roleId).toBeUndefined();
        // A subject is the same when it folds the same (case, accents, spaces).
        // Created a minute later: listed after (ties of created_at are ordered by the random id).
        await store.addFollow({ ...russia({ kind: 'subject', query: 'Cessez-le-feu  Gaza', createdAt: later(1) }), actorId: undefined } as FollowInput, 25);
        const same = await store.addFollow({ ...russia({ kind: 'subject', query: 'cessez-le-feu gaza' }), actorId: undefined } as FollowInput, 25);
        expect(same.status).toBe('existing');
        await store.addFollow(russia({ guildId: 'g2', createdAt: later(2) }), 25);
        expect((await store.listFollows('g1')).map((f) => f.query)).toEqual(['Russie', 'Cessez-le-feu  Gaza']);
        expect(await store.listFollows()).toHaveLength(3);
      });
    });

    it('stop at the server cap, atomically under concurrent adds', async () => {
      await withStore(async (store) => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) => store.addFollow(russia({ kind: 'subject', actorId: undefined, query: `sujet ${i}` }), 5)),
        );
        expect(results.filter((r) => r.status === 'created')).toHaveLength(5);
        expect(results.filter((r) => r.status === 'cap')).toEqual(Array.from({ length: 3 }, () => ({ status: 'cap', count: 5 })));
        expect(await store.listFollows('g1')).toHaveLength(5);
        // Another server has its own cap.
        expect((await store.addFollow(russia({ guildId: 'g2' }), 5)).status).toBe('created');
      });
    });

    it('count alerts, and pause after repeated failures until added again', async () => {
      await withStore(async (store) => {
        const added = await store.addFollow(russia(), 25);
        if (added.status === 'cap') throw new Error('unexpected cap');
        const id = added.follow.id;
        await store.recordFollowAlert(id, later(5));
        await store.recordFollowAlert(id, later(6));
        expect(await store.getFollow(id)).toMatchObject({ alertsSent: 2, lastAlertAt: later(6), failures: 0, paused: false });
        await store.recordFollowFailure(id, 'Le bot ne peut pas publier (HTTP 403).', { pauseAfter: 3, now: later(7) });
        expect(await store.getFollow(id)).toMatchObject({ failures: 1, paused: false, lastError: 'Le bot ne peut pas publier (HTTP 403).', lastErrorAt: later(7) });
        await store.recordFollowFailure(id, 'x', { pauseAfter: 3, now: later(8) });
        const paused = await store.recordFollowFailure(id, 'Le bot ne peut pas publier (HTTP 403).', { pauseAfter: 3, now: later(9) });
        expect(paused).toMatchObject({ failures: 3, paused: true });
        // Re-created by a manager: resumes.
        expect((await store.addFollow(russia(), 25)).status).toBe('existing');
        expect(await store.getFollow(id)).toMatchObject({ failures: 0, paused: false, alertsSent: 2 });
        expect((await store.getFollow(id))?.lastError).toBeUndefined();
        // A deleted channel pauses at once.
        expect(await store.recordFollowFailure(id, 'Salon supprimé.', { pauseAfter: 3, pause: true })).toMatchObject({ paused: true, failures: 1 });
      });
    });

    it('are removed with their alerts, only by their own server', async () => {
      await withStore(async (store) => {
        const added = await store.addFollow(russia(), 25);
        if (added.status === 'cap') throw new Error('unexpected cap');
        const id = added.follow.id;
        await store.claimAlert(claimOf(id, 'n1'), { now: T0 });
        expect(await store.removeFollow('g2', id)).toBe(false);
        expect(await store.removeFollow('g1', id)).toBe(true);
        expect(await store.removeFollow('g1', id)).toBe(false);
        expect(await store.getFollow(id)).toBeUndefined();
        expect(await store.recentAlerts([id], T0)).toEqual([]);
        expect(await store.unfinishedAlerts()).toEqual([]);
      });
    });
  });

  describe(`${name}: alerts`, () => {
    async function followIn(store: StateStore): Promise<string> {
      const added = await store.addFollow(russia(), 25);
      if (added.status === 'cap') throw new Error('unexpected cap');
      return added.follow.id;
    }

    it('are claimed once per (follow, story), then posted, with what they covered', async () => {
      await withStore(async (store) => {
        const id = await followIn(store);
        expect(await store.claimAlert(claimOf(id, 'a'), { now: T0 })).toBe('claimed');
        expect(await store.claimAlert(claimOf(id, 'b'), { now: later(1) })).toBe('in-progress');
        expect(await store.markAlertPosted(claimOf(id, 'b'), 'late')).toBe(false);
        expect(await store.markAlertPosted(claimOf(id, 'a'), 'm1', later(1))).toBe(true);
        expect(await store.claimAlert(claimOf(id, 'c'), { now: later(30) })).toBe('already-posted');
        // Another story of the same follow is independent.
        expect(await store.claimAlert(claimOf(id, 'd', 'art-9'), { now: later(31) })).toBe('claimed');
        const alerts = await store.recentAlerts([id], T0);
        expect(alerts[0]).toEqual({
          followId: id,
          storyKey: 'art-1',
          status: 'posted',
          nonce: 'a',
          channelId: 'c1',
          articleIds: ['art-1', 'art-2'],
          messageId: 'm1',
          attempts: 1,
          claimedAt: T0,
          postedAt: later(1),
        });
        expect(alerts.map((a) => a.storyKey)).toEqual(['art-1', 'art-9']);
        expect((await store.recentAlerts([id], later(31))).map((a) => a.storyKey)).toEqual(['art-9']);
        expect(await store.setAlertArticles(id, 'art-1', ['art-1', 'art-2', 'art-3'])).toBe(true);
        expect((await store.recentAlerts([id], T0))[0]?.articleIds).toEqual(['art-1', 'art-2', 'art-3']);
      });
    });

    it('are taken over when the claimer died, retried after a failure up to a limit, and listed while unfinished', async () => {
      await withStore(async (store) => {
        const id = await followIn(store);
        expect(await store.claimAlert(claimOf(id, 'dead'), { now: T0, leaseMs: 60_000 })).toBe('claimed');
        expect((await store.unfinishedAlerts()).map((a) => [a.storyKey, a.status])).toEqual([['art-1', 'claimed']]);
        expect(await store.claimAlert(claimOf(id, 'alive'), { now: later(2), leaseMs: 60_000 })).toBe('claimed');
        expect(await store.markAlertPosted(claimOf(id, 'dead'), 'zombie')).toBe(false);
        expect(await store.markAlertFailed(claimOf(id, 'alive'), 'Discord indisponible (HTTP 503).')).toBe(true);
        expect(await store.unfinishedAlerts()).toMatchObject([{ status: 'failed', attempts: 2, error: 'Discord indisponible (HTTP 503).' }]);
        expect(await store.unfinishedAlerts(later(3))).toEqual([]);
        expect(await store.unfinishedAlerts(T0)).toHaveLength(1);
        expect(await store.claimAlert(claimOf(id, 'third'), { now: later(3), maxAttempts: 3 })).toBe('claimed');
        await store.markAlertFailed(claimOf(id, 'third'), 'encore');
        expect(await store.claimAlert(claimOf(id, 'fourth'), { now: later(4), maxAttempts: 3 })).toBe('gave-up');
      });
    });

    it('are won once among concurrent claims of two stores on one database', async () => {
      await withStore(async (store, reopen) => {
        const id = await followIn(store);
        const other = await reopen();
        try {
          const results = await Promise.all(
            Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).claimAlert(claimOf(id, `n${i}`), { now: T0 })),
          );
          expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
          expect(results.filter((r) => r === 'in-progress')).toHaveLength(9);
        } finally {
          await other.close();
        }
      });
    });

    it('leave an arrival cursor per shard set that a reopened store reads, never moved back', async () => {
      await withStore(async (store, reopen) => {
        expect(await store.getArrivalCursor('shards:0/2')).toBeUndefined();
        await store.saveArrivalCursor('shards:0/2', { arrivedAt: 1_765_000_000_500, ids: ['a', 'b'] }, T0);
        await store.saveArrivalCursor('shards:1/2', { arrivedAt: 1_765_000_000_100, ids: [] }, T0);
        // An older cursor (a slower process of the same shards) does not move it back.
        await store.saveArrivalCursor('shards:0/2', { arrivedAt: 1_765_000_000_400, ids: ['z'] }, later(1));
        const other = await reopen();
        try {
          expect(await other.getArrivalCursor('shards:0/2')).toEqual({ arrivedAt: 1_765_000_000_500, ids: ['a', 'b'] });
          expect(await other.getArrivalCursor('shards:1/2')).toEqual({ arrivedAt: 1_765_000_000_100, ids: [] });
          await other.saveArrivalCursor('shards:0/2', { arrivedAt: 1_765_000_000_900, ids: ['c'] }, later(2));
        } finally {
          await other.close();
        }
        expect(await store.getArrivalCursor('shards:0/2')).toEqual({ arrivedAt: 1_765_000_000_900, ids: ['c'] });
        // A shard set with no cursor (SHARD_COUNT changed) starts at the earliest other one within its window.
        expect(await store.earliestArrivalCursor(0)).toEqual({ arrivedAt: 1_765_000_000_100, ids: [] });
        expect(await store.earliestArrivalCursor(1_765_000_000_200)).toEqual({ arrivedAt: 1_765_000_000_900, ids: ['c'] });
        expect(await store.earliestArrivalCursor(1_765_000_001_000)).toBeUndefined();
      });
    });

    it('a claim made by a process killed with SIGKILL before posting stays, and is taken over once', { timeout: 60_000 }, async () => {
      await withStore(async (store, reopen, location) => {
        const id = await followIn(store);
        const run = await new Promise<{ signal: string | null; stderr: string }>((resolve) => {
          execFile(process.execPath, ['--import', 'tsx', racer, 'alert-midpost', location, id], { timeout: 30_000 }, (error, _stdout, stderr) =>
            resolve({ signal: error ? ((error as { signal?: string }).signal ?? null) : null, stderr }),
          );
        });
        expect(run.signal).toBe('SIGKILL');
        const after = await reopen();
        try {
          expect(await after.unfinishedAlerts()).toMatchObject([{ followId: id, storyKey: 'art-1', status: 'claimed', nonce: 'dead' }]);
          const takers = await Promise.all(['x', 'y', 'z'].map((n) => after.claimAlert(claimOf(id, n), { now: new Date(Date.now() + 120_000), leaseMs: 60_000 })));
          expect(takers.filter((r) => r === 'claimed')).toHaveLength(1);
        } finally {
          await after.close();
        }
      });
    });
  });
}
