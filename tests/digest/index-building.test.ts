/**
 * After an upgrade the index is rebuilt from scratch (INDEX_VERSION), in the background for a large
 * corpus, and the bot's start-up catch-up ticks at once: a digest built then read an index whose
 * per-day counts were still empty — no trends (and « aucun article n'a de date »), few articles. The
 * due digest now waits for the index, then posts with its trends.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusEngine } from '../../src/services/engine.js';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { CHANNEL, FakeChannelPoster, GUILD, makeService, openStore, testClock } from './helpers.js';
import { makeCorpus, type Corpus } from '../e2e/harness.js';
import { DATED_ARTICLES } from '../e2e/pictures-support.js';

let corpus: Corpus;
let engine: SqliteCorpusEngine;
beforeAll(async () => {
  corpus = makeCorpus(DATED_ARTICLES);
  engine = (await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:' })).engine;
}, 60_000);
afterAll(async () => {
  await engine?.close();
  corpus?.cleanup();
});

/** The engine as a rebuild shows it: progress reported, per-day counts not there yet. */
function rebuilding(state: { building: boolean }): CorpusEngine {
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'indexProgress') return async () => (state.building ? { percent: 12, articles: 0 } : undefined);
      if (state.building && property === 'trends') return async () => undefined;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const text = (poster: FakeChannelPoster) =>
  poster.messages.flatMap((m) => m.payload.message?.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');

describe('the first digest after an upgrade', () => {
  it('waits while the index is rebuilt, then posts once, with its trends', async () => {
    const state = { building: true };
    const poster = new FakeChannelPoster();
    const store = openStore(join(corpus.root, 'state', 'bot.db'));
    const clock = testClock('2026-11-28T09:30:00Z'); // 10:30 in Paris: 08:00 is due (catch-up)
    const service = makeService({ engine: rebuilding(state), store, poster, clock: clock.now });
    try {
      await store.upsertGuildSettings({ guildId: GUILD, channelId: CHANNEL, time: '08:00', timezone: 'Europe/Paris', enabled: true, topics: [], trends: true, updatedAt: new Date('2026-01-01T00:00:00Z') });
      await service.start();
      expect(poster.messages).toHaveLength(0);
      clock.advance(60_000);
      expect(await service.tick()).toEqual([]);

      state.building = false;
      clock.advance(60_000);
      const reports = await service.tick();
      expect(reports.map((r) => r.outcome)).toEqual(['posted']);
      expect(text(poster)).toContain('Acteurs en hausse — 7 jours');
      expect(text(poster)).not.toContain('aucun article du corpus n’a de date');
      clock.advance(60_000);
      expect(await service.tick()).toEqual([]);
    } finally {
      await service.stop();
      await store.close();
    }
  });

  it('a digest asked for now (preview, npm run digest -- --now) says the index is being built, posts and records nothing', async () => {
    const state = { building: true };
    const poster = new FakeChannelPoster();
    const store = openStore(join(corpus.root, 'state', 'now.db'));
    const clock = testClock('2026-11-28T09:30:00Z');
    const service = makeService({ engine: rebuilding(state), store, poster, clock: clock.now });
    const target = { guildId: GUILD, channelId: CHANNEL, time: '08:00', timezone: 'Europe/Paris', topics: [], trends: true, enabled: true, source: 'config' as const };
    try {
      const [notice, ...more] = await service.preview({ guildId: GUILD, channelId: CHANNEL, timezone: 'Europe/Paris', topics: [], trends: true });
      expect(more).toEqual([]);
      expect(notice!.title).toBe('Index en cours de construction');
      expect(notice!.intro).toMatch(/^L’index du corpus est en cours de construction \(12\s%, 0 article pour l’instant\) : .*Réessayez dans quelques minutes/);
      expect(notice!.items).toEqual([]);

      const report = await service.postNow(target, clock.now());
      expect(report).toMatchObject({ outcome: 'index-building', indexProgress: { percent: 12, articles: 0 } });
      expect(poster.calls).toHaveLength(0);
      expect(await store.lastPosted(GUILD, CHANNEL)).toBeUndefined();

      // Once the index is complete, both give the digest, with its trends.
      state.building = false;
      const preview = await service.preview({ guildId: GUILD, channelId: CHANNEL, timezone: 'Europe/Paris', topics: [], trends: true });
      expect(preview[0]!.title).toMatch(/^Aperçu du digest du/);
      expect((await service.postNow(target, clock.now())).outcome).toBe('posted');
      expect(text(poster)).toContain('Acteurs en hausse — 7 jours');
    } finally {
      await service.stop();
      await store.close();
    }
  });
});
