/**
 * What every {@link StateStore} must do with feed sources and seen news items, whatever its
 * database. A backend's test file calls {@link describeFeedStoreContract} with a way to open a
 * fresh, empty store (and to reopen the same one, for the restart case).
 */
import { describe, expect, it } from 'vitest';
import { PENDING_ITEM_PREFIX, type StateStore } from '../../src/services/store/types.js';

export interface ContractBackend {
  /** A fresh, empty store, plus a function that opens the same database again (a restart). */
  open(): Promise<{ store: StateStore; reopen: () => Promise<StateStore> }>;
}

const T0 = new Date('2026-11-29T06:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const WIRE = 'https://www.agence-presse.example/rss/monde.xml';
const DAILY = 'https://journal.example/international/atom.xml';

export function describeFeedStoreContract(name: string, backend: ContractBackend): void {
  async function withStore<T>(fn: (store: StateStore, reopen: () => Promise<StateStore>) => Promise<T>): Promise<T> {
    const { store, reopen } = await backend.open();
    try {
      return await fn(store, reopen);
    } finally {
      await store.close();
    }
  }

  describe(`${name}: feed sources`, () => {
    it('adds a source once, in order, with an empty status', async () => {
      await withStore(async (store) => {
        const first = await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'cli', addedAt: T0 });
        expect(first.created).toBe(true);
        expect(first.source).toEqual({ url: WIRE, kind: 'feed', addedBy: 'cli', addedAt: T0, itemCount: 0, consecutiveFailures: 0 });
        await store.addFeedSource({ url: DAILY, kind: 'feed', addedBy: '123456789012345678', addedAt: later(1) });
        const again = await store.addFeedSource({ url: WIRE, kind: 'page', addedBy: 'env', addedAt: later(2) });
        expect(again.created).toBe(false);
        expect(again.source.addedBy).toBe('cli');
        expect(again.source.kind).toBe('feed');
        expect((await store.listFeedSources()).map((s) => s.url)).toEqual([WIRE, DAILY]);
      });
    });

    it('records an attempt field by field, null clearing, absent keeping', async () => {
      await withStore(async (store) => {
        await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'cli', addedAt: T0 });
        expect(
          await store.updateFeedSource(WIRE, {
            title: 'Agence Presse — Monde',
            etag: '"abc"',
            lastModified: 'Sun, 29 Nov 2026 05:00:00 GMT',
            lastFetchAt: later(1),
            lastStatus: 200,
            lastNewItemAt: later(1),
            addItems: 3,
            nextAttemptAt: later(16),
          }),
        ).toBe(true);
        await store.updateFeedSource(WIRE, { lastStatus: 500, lastError: 'erreur du serveur (HTTP 500)', lastErrorAt: later(20), consecutiveFailures: 1, addItems: 2 });
        let source = await store.getFeedSource(WIRE);
        expect(source).toMatchObject({
          title: 'Agence Presse — Monde',
          etag: '"abc"',
          lastStatus: 500,
          itemCount: 5,
          lastError: 'erreur du serveur (HTTP 500)',
          consecutiveFailures: 1,
          nextAttemptAt: later(16),
        });
        expect(source?.lastErrorAt?.getTime()).toBe(later(20).getTime());

        await store.updateFeedSource(WIRE, { etag: null, lastError: null, lastErrorAt: null, consecutiveFailures: 0, disabledReason: 'trop d’échecs', disabledAt: later(30) });
        source = await store.getFeedSource(WIRE);
        expect(source?.etag).toBeUndefined();
        expect(source?.lastError).toBeUndefined();
        expect(source?.lastModified).toBe('Sun, 29 Nov 2026 05:00:00 GMT');
        expect(source?.disabledReason).toBe('trop d’échecs');
        expect(await store.updateFeedSource('https://absent.example/feed', { lastStatus: 200 })).toBe(false);
      });
    });

    it('removes a source; its seen items stay seen', async () => {
      await withStore(async (store) => {
        await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'cli', addedAt: T0 });
        expect(await store.claimFeedItem(['url:https://agence-presse.example/a/1'], 'feed-a1', T0)).toEqual({ claimed: true });
        expect(await store.removeFeedSource(WIRE)).toBe(true);
        expect(await store.removeFeedSource(WIRE)).toBe(false);
        expect(await store.getFeedSource(WIRE)).toBeUndefined();
        expect(await store.findFeedItem(['url:https://agence-presse.example/a/1'])).toBe('feed-a1');
      });
    });
  });

  describe(`${name}: news items`, () => {
    it('claims an item once, whichever of its keys comes back', async () => {
      await withStore(async (store) => {
        const keys = ['url:https://journal.example/a/otan', 'guid:journal:otan-42', 'text:9f86d081'];
        expect(await store.claimFeedItem(keys, 'journal-otan', T0)).toEqual({ claimed: true });
        // The same article from another feed: another GUID, the same text.
        expect(await store.claimFeedItem(['url:https://miroir.example/otan', 'guid:miroir:1', 'text:9f86d081'], 'miroir-otan', later(1))).toEqual({
          claimed: false,
          articleId: 'journal-otan',
        });
        // A refused claim records nothing: the other feed's URL is still unknown.
        expect(await store.findFeedItem(['url:https://miroir.example/otan'])).toBeUndefined();
        expect(await store.findFeedItem(['guid:journal:otan-42'])).toBe('journal-otan');
        expect(await store.findFeedItem([])).toBeUndefined();
      });
    });

    it('adds keys learnt later to a claimed item', async () => {
      await withStore(async (store) => {
        await store.claimFeedItem(['url:https://journal.example/a/gaza'], 'journal-gaza', T0);
        await store.addFeedItemKeys(['canonical:https://journal.example/a/gaza', 'url:https://journal.example/a/gaza'], 'journal-gaza', later(1));
        expect(await store.findFeedItem(['canonical:https://journal.example/a/gaza'])).toBe('journal-gaza');
      });
    });

    it('lets exactly one of many concurrent claims of one item win', async () => {
      await withStore(async (store) => {
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => store.claimFeedItem([`guid:feed${i}:x`, 'canonical:https://journal.example/a/taiwan'], `taiwan-${i}`, T0)),
        );
        expect(results.filter((r) => r.claimed)).toHaveLength(1);
      });
    });

    it('settles a pending claim under its final id, or releases it so the item is new again', async () => {
      await withStore(async (store) => {
        expect(await store.claimFeedItem(['url:https://journal.example/a/niger', 'text:1'], `${PENDING_ITEM_PREFIX}niger`, T0)).toEqual({ claimed: true });
        expect(await store.claimFeedItem(['url:https://journal.example/a/mali'], `${PENDING_ITEM_PREFIX}mali`, later(2))).toEqual({ claimed: true });
        await store.claimFeedItem(['url:https://journal.example/a/tchad'], 'tchad', later(3));
        // A copy seen meanwhile teaches its keys to the pending claim.
        await store.addFeedItemKeys(['guid:miroir:niger'], `${PENDING_ITEM_PREFIX}niger`, later(4));
        expect(await store.listPendingFeedItems()).toEqual([
          { articleId: `${PENDING_ITEM_PREFIX}niger`, since: T0 },
          { articleId: `${PENDING_ITEM_PREFIX}mali`, since: later(2) },
        ]);
        expect(await store.settleFeedItem(`${PENDING_ITEM_PREFIX}niger`, 'niger')).toBe(true);
        expect(await store.findFeedItem(['guid:miroir:niger'])).toBe('niger');
        expect(await store.findFeedItem(['text:1'])).toBe('niger');
        expect(await store.settleFeedItem(`${PENDING_ITEM_PREFIX}niger`, 'niger')).toBe(false);
        expect(await store.releaseFeedItem(`${PENDING_ITEM_PREFIX}mali`)).toBe(1);
        expect(await store.findFeedItem(['url:https://journal.example/a/mali'])).toBeUndefined();
        expect(await store.listPendingFeedItems()).toEqual([]);
        expect(await store.claimFeedItem(['url:https://journal.example/a/mali'], 'mali', later(5))).toEqual({ claimed: true });
        expect(await store.findFeedItem(['url:https://journal.example/a/tchad'])).toBe('tchad');
      });
    });

    it('lists one URL once per owner: a server’s source is its own, apart from the shared one and from another server’s', async () => {
      await withStore(async (store) => {
        expect((await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'env', addedAt: T0 })).created).toBe(true);
        expect((await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'u1', addedAt: later(1), guildId: 'g1' })).created).toBe(true);
        expect((await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'u2', addedAt: later(2), guildId: 'g2' })).created).toBe(true);
        expect((await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'u1', addedAt: later(3), guildId: 'g1' })).created).toBe(false);
        expect((await store.listFeedSources()).map((s) => s.guildId)).toEqual([undefined, 'g1', 'g2']);
        await store.updateFeedSource(WIRE, { title: 'Fil du serveur 1' }, 'g1');
        expect((await store.getFeedSource(WIRE, 'g1'))?.title).toBe('Fil du serveur 1');
        expect((await store.getFeedSource(WIRE))?.title).toBeUndefined();
        // A server removes its own, never another's nor the shared one.
        expect(await store.removeFeedSource(WIRE, 'g2')).toBe(true);
        expect(await store.removeFeedSource(WIRE, 'g2')).toBe(false);
        expect((await store.listFeedSources()).map((s) => s.guildId)).toEqual([undefined, 'g1']);
      });
    });

    it('keeps sources and items across a restart', async () => {
      await withStore(async (store, reopen) => {
        await store.addFeedSource({ url: WIRE, kind: 'feed', addedBy: 'cli', addedAt: T0 });
        await store.updateFeedSource(WIRE, { etag: 'W/"v7"', addItems: 1 });
        await store.claimFeedItem(['url:https://agence-presse.example/a/2'], 'feed-a2', T0);
        await store.close();
        const again = await reopen();
        try {
          expect((await again.getFeedSource(WIRE))?.etag).toBe('W/"v7"');
          expect(await again.claimFeedItem(['url:https://agence-presse.example/a/2'], 'feed-a2-bis', later(5))).toEqual({
            claimed: false,
            articleId: 'feed-a2',
          });
        } finally {
          await again.close();
        }
      });
    });
  });
}
