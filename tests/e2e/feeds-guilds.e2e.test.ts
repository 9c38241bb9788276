/**
 * One server's sources are its own, through the real discord.js client and the fake Discord: two
 * servers add feeds with `/flux ajouter`; each lists only its own and the operator's (shared) ones,
 * and cannot remove the other's nor the shared one. The articles of a server's feed (served
 * locally) answer that server's /actor, /search, /briefing, /article and digest, never the other's.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { createPoller, FeedService } from '../../src/services/feeds/index.js';
import { createLogger } from '../../src/logger.js';
import { embedText, NEWSROOM_MEMBERS, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { articlePage, html, rss, startOutlet, type Outlet } from '../feeds/outlets.js';

let fake: FakeDiscord;
let corpus: Corpus;
let engine: SqliteCorpusEngine;
let outlet: Outlet;
let running: InProcessBot | undefined;
let closeCorpus: (() => Promise<void>) | undefined;
let feeds: FeedService;
const SHARED = 'https://operateur.example/fil.xml';
const NORTH = 'https://nord.example/rss.xml';
const SOUTH = 'https://sud.example/rss.xml';

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, {
    discord: {
      guilds: [
        { name: 'Rédaction Nord', channels: [{ name: 'général' }], members: NEWSROOM_MEMBERS },
        { name: 'Rédaction Sud', channels: [{ name: 'général' }], members: NEWSROOM_MEMBERS },
      ],
    },
  }));
  outlet = keep(await startOutlet(), (o) => o.close());
  outlet.route('/robots.txt', html('User-agent: *\nAllow: /\n', 'text/plain'));
  outlet.route(
    '/nord-local.xml',
    html(
      rss({
        title: 'Gazette du Nord',
        link: `${outlet.base}/`,
        items: [{ title: OWN.title, link: `${outlet.base}/monde/oulan-bator`, guid: 'nord-1', pubDate: 'Mon, 30 Nov 2026 09:00:00 GMT', description: OWN.paragraphs[0] }],
      }),
      'application/rss+xml',
    ),
  );
  outlet.route('/monde/oulan-bator', html(articlePage({ ...OWN, site: 'Gazette du Nord', canonical: `${outlet.base}/monde/oulan-bator` })));
  const opened = await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:' });
  engine = opened.engine;
  closeCorpus = () => opened.engine.close();
  keep.atEnd(() => closeCorpus?.());
  keep.atEnd(() => running?.stop());
  running = await startInProcessBot({
    fake,
    engine,
    statePath: join(corpus.root, 'state', 'bot.db'),
    extraServices(store, services) {
      // The local outlet is on 127.0.0.1 (no poll runs unless a test asks: the other URLs are never fetched).
      feeds = new FeedService(store, { allowPrivateNetwork: true });
      services.feeds = feeds;
      return { close: async () => undefined };
    },
  });
  // The operator's source (FEEDS): shared by both servers.
  expect(await feeds.seed([SHARED])).toEqual([]);
}, 60_000);

const guilds = () => fake.guilds;

/** The article of the north server's own feed: words found nowhere else in the corpus. */
const OWN = {
  title: 'Mongolie : Oulan-Bator rationne le charbon des yourtes pendant le grand froid',
  paragraphs: [
    'Le gouvernement de la Mongolie a décidé mardi de rationner le charbon livré aux quartiers de yourtes d’Oulan-Bator, où le thermomètre est descendu sous les moins quarante degrés.',
    'Les autorités mongoles promettent des poêles améliorés aux familles des faubourgs, dont la fumée couvre la capitale chaque hiver d’un brouillard épais.',
    'Cette mesure intervient après une pénurie de charbon causée par des tempêtes de neige qui ont coupé les routes des mines du désert de Gobi.',
  ],
};

async function ask(guildIndex: number, name: string, options: Record<string, string> = {}) {
  const guildId = guilds()[guildIndex]!.id;
  const handle = fake.sendCommand({ name, options, user: 'yanis_b', guildId });
  return embedText(await handle.reply((m) => m.embeds.length > 0, 15_000));
}

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

describe('a server’s own articles answer that server only', () => {
  it('an article of the north server’s feed answers /actor, /search, /briefing, /article and the digest there, never in the south', async () => {
    const [north, south] = [guilds()[0]!.id, guilds()[1]!.id];
    const url = `${outlet.base}/nord-local.xml`;
    expect(await flux(0, 'ajouter', { url })).toContain('Source ajoutée');
    const source = (await running!.store.listFeedSources()).find((s) => s.url === url)!;
    expect(source.guildId).toBe(north);
    // Only this source is read (the others' hosts do not exist).
    const { poller, fetcher } = createPoller(
      { corpusDir: corpus.dir, databasePath: ':memory:', fetcher: { userAgent: 'Depeche/test', allowPrivateNetwork: true, hostDelayMs: 0, timeoutMs: 5_000 }, poller: {} },
      running!.store,
      createLogger('silent'),
    );
    const report = await poller.pollSource(source);
    await fetcher.close();
    await poller.close();
    expect(report.added).toBe(1);
    await engine.sync();
    const id = (await engine.sources({ guildId: north })).find((a) => a.title === OWN.title)?.id;
    expect(id).toBeDefined();

    const actorNorth = await ask(0, 'actor', { nom: 'Mongolie' });
    expect(actorNorth).toContain('Oulan-Bator');
    expect(await ask(1, 'actor', { nom: 'Mongolie' })).not.toContain('Oulan-Bator');

    const searchNorth = await ask(0, 'search', { requete: 'yourtes charbon' });
    expect(searchNorth).toContain('yourtes');
    const searchSouth = await ask(1, 'search', { requete: 'yourtes charbon' });
    expect(searchSouth).toContain('Aucun résultat');
    expect(searchSouth).not.toContain('quartiers de yourtes');

    expect(await ask(0, 'briefing', { sujet: 'Mongolie' })).toContain('Oulan-Bator');
    expect(await ask(1, 'briefing', { sujet: 'Mongolie' })).not.toContain('Oulan-Bator');
    expect(await ask(1, 'briefing')).not.toContain('Oulan-Bator');

    expect(await ask(0, 'article', { id: id! })).toContain('quartiers de yourtes');
    const unknown = await ask(1, 'article', { id: id! });
    expect(unknown).toContain('Article introuvable');
    expect(unknown).not.toContain('yourtes');
    // Exactly what an id that never existed gets.
    expect(unknown.replace(id!, 'X')).toBe((await ask(1, 'article', { id: 'inexistant-0000' })).replace('inexistant-0000', 'X'));

    const digest = (guildId: string) =>
      running!.digest.preview({ guildId, channelId: fake.guilds.find((g) => g.id === guildId)!.channels[0]!.id, timezone: 'Europe/Paris', topics: [] });
    expect(JSON.stringify(await digest(north))).toContain('Oulan-Bator');
    expect(JSON.stringify(await digest(south))).not.toContain('Oulan-Bator');
  }, 120_000);
});
