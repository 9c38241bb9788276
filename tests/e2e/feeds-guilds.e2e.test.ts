/**
 * One server's sources are its own, through the real discord.js client and the fake Discord: two
 * servers add feeds with `/flux ajouter`; each lists only its own and the operator's (shared) ones,
 * and cannot remove the other's nor the shared one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.js';
import { startEngine } from '../../src/services/index/engine.js';
import { FeedService } from '../../src/services/feeds/index.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { embedText, makeCorpus, NEWSROOM_MEMBERS, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';

let fake: FakeDiscord;
let corpus: Corpus;
let engine: CorpusEngine;
let running: InProcessBot | undefined;
let closeCorpus: (() => Promise<void>) | undefined;
let feeds: FeedService;
const SHARED = 'https://operateur.example/fil.xml';
const NORTH = 'https://nord.example/rss.xml';
const SOUTH = 'https://sud.example/rss.xml';

beforeAll(async () => {
  fake = await startFakeDiscord({
    guilds: [
      { name: 'Rédaction Nord', channels: [{ name: 'général' }], members: NEWSROOM_MEMBERS },
      { name: 'Rédaction Sud', channels: [{ name: 'général' }], members: NEWSROOM_MEMBERS },
    ],
  });
  corpus = makeCorpus();
  const opened = await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:' });
  engine = opened.engine;
  closeCorpus = () => opened.engine.close();
  running = await startInProcessBot({
    fake,
    engine,
    statePath: join(corpus.root, 'state', 'bot.db'),
    extraServices(store, services) {
      feeds = new FeedService(store, { allowPrivateNetwork: false });
      services.feeds = feeds;
      return { close: async () => undefined };
    },
  });
  // The operator's source (FEEDS): shared by both servers.
  expect(await feeds.seed([SHARED])).toEqual([]);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await closeCorpus?.();
  await fake?.close();
  corpus?.cleanup();
});

const guilds = () => fake.guilds;

async function flux(guildIndex: number, subcommand: string, options: Record<string, string> = {}) {
  const guildId = guilds()[guildIndex]!.id;
  const handle = fake.sendCommand({ name: 'flux', subcommand, options, user: 'claire.moreau', guildId });
  return embedText(await handle.reply((m) => m.embeds.length > 0, 10_000));
}

describe('two servers’ sources stay apart', () => {
  it('each server lists its own sources and the shared ones, never the other’s', async () => {
    expect(await flux(0, 'ajouter', { url: NORTH })).toContain('Source ajoutée');
    expect(await flux(1, 'ajouter', { url: SOUTH })).toContain('Source ajoutée');
    const north = await flux(0, 'liste');
    const south = await flux(1, 'liste');
    expect(north).toContain('nord.example');
    expect(north).not.toContain('sud.example');
    expect(south).toContain('sud.example');
    expect(south).not.toContain('nord.example');
    for (const list of [north, south]) expect(list).toMatch(/operateur\.example[\s\S]*commune à tous les serveurs/);
  });

  it('a server cannot remove another server’s source nor the shared one; the same URL added by both is two sources', async () => {
    expect(await flux(1, 'retirer', { url: NORTH })).toContain('Source inconnue');
    expect(await flux(1, 'retirer', { url: SHARED })).toContain('Source commune');
    expect((await running!.store.listFeedSources()).map((s) => s.url).sort()).toEqual([NORTH, SHARED, SOUTH]);
    expect(await flux(1, 'ajouter', { url: NORTH })).toContain('Source ajoutée');
    expect(await flux(1, 'retirer', { url: NORTH })).toContain('Source retirée');
    // The north server's own stays.
    expect(await flux(0, 'liste')).toContain('nord.example');
    const owners = (await running!.store.listFeedSources()).map((s) => [s.url, s.guildId]);
    expect(owners).toContainEqual([NORTH, guilds()[0]!.id]);
    expect(owners).toContainEqual([SHARED, undefined]);
  });
});
