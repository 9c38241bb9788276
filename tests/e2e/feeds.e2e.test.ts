/**
 * Live news end to end, through the real discord.js client and the fake Discord: a manager adds a
 * feed with `/flux ajouter` (a member may not), the bot polls it at once, its article lands in the
 * corpus folder, the watcher indexes it, and it shows in `/actor` and in the next digest — linked
 * to the original, exactly once, also after a restart. The feed is served by a local outlet.
 * Wired in-process as `src/start-bot.ts` wires it, so that the digest clock can be driven.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus, newsroom } from '../support/e2e.js';
import { waitFor, type FakeDiscord } from '../fake-discord/index.js';
import { createLogger } from '../../src/logger.js';
import { indexPathFor } from '../../src/app.js';
import { startEngine } from '../../src/services/index/engine.js';
import { createPoller, FeedService, startFeedRunner } from '../../src/services/feeds/index.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { articlePage, cached, html, rss, startOutlet, type Outlet } from '../feeds/outlets.js';

const logger = createLogger('silent');
let fake: FakeDiscord;
let corpus: Corpus;
let outlet: Outlet;
let engine: CorpusEngine;
let closeCorpus: () => Promise<void>;
let now = new Date('2026-11-20T06:00:00Z'); // 07:00 in Paris
const clock = () => new Date(now);

const MALI = {
  title: 'Mali : Bamako expulse l’ambassadeur de France et durcit le ton face à Paris',
  paragraphs: [
    'La junte au pouvoir au Mali a donné lundi soixante-douze heures à l’ambassadeur de France pour quitter Bamako, a annoncé la télévision d’État, dénonçant des propos « hostiles et outrageants » tenus à Paris.',
    'Le gouvernement malien reproche à la France son ingérence dans la transition politique, tandis que le Quai d’Orsay a pris acte de la décision et rappelé ses ressortissants à la prudence.',
    'Cette expulsion intervient après des mois de tensions entre Bamako et Paris, marqués par le retrait des soldats français de l’opération Barkhane et l’arrivée de mercenaires russes dans le pays.',
  ],
};

let running: InProcessBot | undefined;

/** The bot with its digest and the feed runner on the same state file, as the composition root wires them. */
function startBot(): Promise<InProcessBot> {
  const statePath = join(corpus.root, 'state', 'bot.db');
  return startInProcessBot({
    fake,
    engine,
    statePath,
    clock,
    cron: '* * * * * *',
    extraServices(store, services) {
      const runner = startFeedRunner(
        {
          corpusDir: corpus.dir,
          databasePath: statePath,
          fetcher: { userAgent: 'Depeche/test', allowPrivateNetwork: true, timeoutMs: 2_000, hostDelayMs: 0 },
          poller: { pollIntervalMs: 3_600_000 },
          tickMs: 500,
        },
        store,
        logger,
        { inWorker: true },
      );
      services.feeds = new FeedService(store, { allowPrivateNetwork: true, runner });
      return runner;
    },
  });
}

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep, { discord: newsroom({ name: 'général' }, { name: 'briefings' }) }));
  outlet = keep(await startOutlet(), (o) => o.close());
  outlet.route('/robots.txt', html('User-agent: *\nAllow: /\n', 'text/plain'));
  outlet.route(
    '/afrique.xml',
    cached(
      rss({
        title: 'Agence Presse — Afrique',
        link: `${outlet.base}/`,
        items: [{ title: MALI.title, link: `${outlet.base}/afrique/mali-ambassadeur?utm_source=rss`, guid: 'ap-mali-1', pubDate: 'Mon, 30 Nov 2026 09:00:00 GMT', description: MALI.paragraphs[0] }],
      }),
      'application/rss+xml',
    ),
  );
  outlet.route('/afrique/mali-ambassadeur', html(articlePage({ ...MALI, site: 'Agence Presse', canonical: `${outlet.base}/afrique/mali-ambassadeur` })));
  // Opened as `openCorpus` does, but the index stamps arrivals with the test's clock, as the digest reads them.
  const opened = await startEngine({
    corpusDir: corpus.dir,
    indexPath: indexPathFor(corpus.dir, join(corpus.root, 'state', 'bot.db')),
    watch: true,
    now: () => clock().getTime(),
  });
  engine = opened.engine;
  closeCorpus = () => opened.engine.close();
  keep.atEnd(() => closeCorpus?.());
  keep.atEnd(() => running?.stop());
  running = await startBot();
}, 60_000);

const channel = (name: string) => fake.channel(name)!.id;
const digestsIn = (name: string) => fake.channelMessages(channel(name)).filter((m) => /digest du/i.test(embedText(m)));
const fetchedFiles = () => readdirSync(corpus.dir).filter((f) => /^\d{8}-mali-/.test(f));

async function command(name: string, subcommand: string | undefined, options: Record<string, string>, user = 'claire.moreau') {
  const handle = fake.sendCommand({ name, ...(subcommand ? { subcommand } : {}), options, user });
  return { handle, message: await handle.reply((m) => m.embeds.length > 0, 10_000) };
}

describe('live news on a Discord server', () => {
  it('registers /flux for managers only and refuses a member at run time', async () => {
    const registered = fake.commands(fake.guild.id).find((c) => c.name === 'flux');
    expect(registered?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    const { handle, message } = await command('flux', 'ajouter', { url: `${outlet.base}/afrique.xml` }, 'yanis_b');
    expect(handle.ephemeral).toBe(true);
    expect(message.embeds[0]!.title).toBe('Réservé aux gestionnaires du serveur');
    expect(await running!.store.listFeedSources()).toEqual([]);
  });

  it('a first digest covers the corpus as it is', async () => {
    await command('digest', 'set', { salon: channel('briefings') });
    now = new Date('2026-11-20T07:00:01Z');
    await fake.waitForMessage(channel('briefings'), (m) => /digest du 2026-11-20 08:00/.test(embedText(m)), 15_000);
    expect(embedText(digestsIn('briefings')[0]!)).not.toContain('Bamako');
  });

  it('a feed added from Discord is polled at once; its article answers /actor with a link to the original', async () => {
    now = new Date('2026-11-20T11:00:00Z'); // later that day: the news arrives after the first digest
    const { message } = await command('flux', 'ajouter', { url: `${outlet.base}/afrique.xml` });
    expect(message.embeds[0]!.title).toBe('Source ajoutée');
    await waitFor(() => fetchedFiles().length === 1 || undefined, { timeoutMs: 90_000, description: 'the fetched article file' });
    // The watcher indexes the new file shortly after it lands.
    let answer = (await command('actor', undefined, { nom: 'Mali' })).message;
    for (let tries = 0; !embedText(answer).includes('Bamako') && tries < 30; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer = (await command('actor', undefined, { nom: 'Mali' })).message;
    }
    const text = embedText(answer);
    expect(text).toContain('Bamako');
    expect(text).toContain(`](<${outlet.base}/afrique/mali-ambassadeur>)`);
    expect(answer.allowed_mentions).toEqual({ parse: [] });

    const { message: list } = await command('flux', 'liste', {});
    expect(embedText(list)).toContain('Agence Presse — Afrique');
    expect(embedText(list)).toMatch(/flux · 1 article/);
    const { message: sources } = await command('sources', undefined, {});
    expect(embedText(sources)).toContain('1 source suivie — détail : /flux liste');
  }, 180_000);

  it('the next digest carries it, once; a restart and another poll add nothing', async () => {
    now = new Date('2026-11-21T07:00:01Z');
    const next = await fake.waitForMessage(channel('briefings'), (m) => /digest du 2026-11-21 08:00/.test(embedText(m)), 15_000);
    const text = embedText(next);
    // One new article, counted once, its excerpts linked to the original.
    expect(text.replace(/\u00a0/g, ' ')).toContain('Depuis le digest du 20 novembre 2026, 08:00 : 1 nouvel article, 1 sujet.');
    expect(text).toContain('La junte au pouvoir au Mali');
    // Its source is linked to the original, once, named by the outlet the page gave (og:site_name).
    expect(text.split(`](<${outlet.base}/afrique/mali-ambassadeur>)`)).toHaveLength(2);
    expect(text).toMatch(new RegExp(`1 source : \\[Agence Presse\\]\\(<${outlet.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/afrique/mali-ambassadeur>\\) \\(`));
    expect(text).not.toMatch(/1 source : \[?\d{8}-/);
    // The new article's story is told once.
    expect(text.split('La junte au pouvoir au Mali')).toHaveLength(2);

    await running!.stop();
    running = await startBot();
    // The restarted bot's poll finds the source not due; a forced poll (as `npm run feeds -- poll
    // --force` does) reads the feed again and adds nothing.
    const feedHits = outlet.hits('/afrique.xml');
    const { poller, fetcher } = createPoller(
      { corpusDir: corpus.dir, databasePath: ':memory:', fetcher: { userAgent: 'Depeche/test', allowPrivateNetwork: true, hostDelayMs: 0 }, poller: {} },
      running.store,
      logger,
    );
    const forced = await poller.poll({ force: true });
    await fetcher.close();
    await poller.close();
    expect(forced.added).toBe(0);
    expect(outlet.hits('/afrique.xml')).toBe(feedHits + 1);
    const feedSource = (await running.store.listFeedSources())[0]!;
    expect(feedSource.itemCount).toBe(1);
    expect(fetchedFiles()).toHaveLength(1);
    expect(outlet.hits('/afrique/mali-ambassadeur')).toBe(1);

    const { message: list } = await command('flux', 'liste', {});
    expect(embedText(list)).toMatch(/flux · 1 article/);
  });
});
