/**
 * Every name, date and figure of a digest is true, on feed files as the poller writes them (with
 * the metadata header): sources named by their outlet (never a file name) in the terminal and as
 * Discord link text, an undated article said to be undated (with when it arrived, never as its
 * date), shares of all actor mentions of the period (and said so), cited media that are cited
 * (not the target of sanctions, not a picture credit). /sources, /article and /briefing say the
 * same.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/services/digest/build.js';
import { digestReplies } from '../../src/replies/digest.js';
import { digestMessages } from '../../src/bot/digest-poster.js';
import { consolePoster } from '../../src/services/digest/poster.js';
import { renderDiscord } from '../../src/replies/discord.js';
import { renderConsole } from '../../src/replies/console.js';
import { actorCommand, articleCommand, briefingCommand, sourcesCommand } from '../../src/commands/index.js';
import { runCliCommand } from '../../src/cli/json.js';
import { contextFor } from '../commands/helpers.js';
import { analyseFile } from '../../src/services/index/analyse.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { CHANNEL, GUILD, makeService, testClock, useDigestFixture } from './helpers.js';

const FEED_FILES = fileURLToPath(new URL('../fixtures/feed-articles/', import.meta.url));
const PESKOV = '20261207-peskov-la-russie-a-l-intention-de-contacter-l-4e292163';
const ARMENPRESS_URL = 'https://armenpress.am/fr/article/1227415';

const clock = testClock('2026-12-06T07:00:00Z'); // 08:00 in Paris
const fx = useDigestFixture('each', { store: true, clock });

/** French number formatting puts narrow no-break spaces before `%`: compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const target = { guildId: GUILD, channelId: CHANNEL, time: '08:00', timezone: 'Europe/Paris', topics: [], enabled: true, source: 'config' as const };

/** The seeds' digest is posted; the feed files arrive; a day later, the next digest is due. */
async function feedFilesArrive() {
  const first = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
  const claim = { guildId: GUILD, channelId: CHANNEL, slotKey: '2026-12-06 08:00', nonce: 'n1' };
  await fx.store.claimSlot(claim, { now: clock.now() });
  await fx.store.markPosted(claim, 'm1', first.articleIds, first.actorCounts, clock.now());
  for (const name of readdirSync(FEED_FILES)) copyFileSync(join(FEED_FILES, name), join(fx.ws.corpusDir, name));
  clock.advance(3_600_000);
  await fx.engine.sync({ now: () => clock.now().getTime() });
  clock.set('2026-12-07T07:00:00Z');
}

/** Mentions of every actor (media excluded) in the feed files, counted from the files themselves. */
function actorMentionsInFeedFiles(): number {
  const catalog = buildCatalog();
  const matcher = new ActorMatcher(catalog);
  let total = 0;
  for (const name of readdirSync(FEED_FILES)) {
    const analysis = analyseFile(name.replace(/\.txt$/, ''), readFileSync(join(FEED_FILES, name)), matcher);
    if (!analysis.ok) throw new Error(analysis.reason);
    const kinds = new Map([...catalog, ...analysis.analysed.found].map((a) => [a.id, a.kind]));
    total += analysis.analysed.mentions.filter((m) => kinds.get(m.actorId) !== 'medium').length;
  }
  return total;
}

describe('a digest of feed files', () => {
  it('names outlets, says « date inconnue », labels shares of all mentions, and cites only cited media', async () => {
    await feedFilesArrive();
    const digest = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
    expect(digest.articleIds).toHaveLength(3);
    const sources = digest.sections[0]!.stories.flatMap((s) => s.sources);
    expect(Object.fromEntries(sources.map((s) => [s.outlet, s.date ?? null]))).toEqual({
      Armenpress: null,
      Euronews: '2026-12-07',
      'rferl.org': '2026-12-06',
    });

    // Shares of every actor mention of the period, not of the few listed.
    const total = actorMentionsInFeedFiles();
    expect(digest.actorMentions).toBe(total);
    expect(digest.actors.reduce((n, a) => n + a.count, 0)).toBeLessThan(total);
    const russia = digest.actors.find((a) => a.name === 'Russie')!;
    const [reply] = digestReplies(digest, { timeZone: 'Europe/Paris' });
    const actorsField = reply!.fields!.find((f) => f.name.startsWith('Acteurs du jour'))!;
    expect(plain(actorsField.name)).toBe(`Acteurs du jour (mentions, part des mentions d’acteurs de la période : ${total} mentions)`);
    expect(plain(actorsField.lines.join('\n'))).toContain(`Russie — ${russia.count} mentions, ${Math.round((100 * russia.count) / total)} %`);

    // Reuters (« selon Reuters », « cités par Reuters »), Bloomberg (« a rapporté »), TASS (« cité par »),
    // AFP (« a déclaré à l’AFP »): not RT nor Sputnik (sanctioned), not AP (« AP Photo »), not « Photo AFP ».
    expect(reply!.fields!.find((f) => f.name === 'Sources citées')!.lines).toEqual(['Reuters (2)', 'AFP (1)', 'Bloomberg (1)', 'TASS (1)']);

    // One line for the counts, right plurals.
    expect(plain(reply!.intro!)).toMatch(/^Depuis le digest du 6 décembre 2026, 08:00 : 3 nouveaux articles, [1-3] sujets?\.$/);
  });

  it('shows outlets and true dates in the terminal and as Discord link text, never file names', async () => {
    await feedFilesArrive();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    const service = makeService({ engine: fx.engine, store: fx.store, poster: consolePoster(output, { width: 400 }), clock: clock.now });
    // The preview first (/digest preview): a Discord embed, nothing recorded.
    const replies = await service.preview({ guildId: GUILD, channelId: CHANNEL, timezone: 'Europe/Paris', topics: [] });
    const embeds = digestMessages(replies).flatMap((m) => m.message.embeds);
    const text = plain(embeds.map((e) => e.description ?? '').join('\n'));
    expect(text).toContain(`[Armenpress](<${ARMENPRESS_URL}>) (date inconnue, reçu le 7 décembre 2026)`);
    expect(text).toMatch(/\[Euronews\]\(<https:\/\/fr\.euronews\.com\/[^>]+>\) \(7 décembre 2026\)/);
    expect(text).not.toContain('20261207-');

    expect((await service.postNow(target, clock.now())).outcome).toBe('posted');
    expect(plain(screen)).toContain(`Armenpress (date inconnue, reçu le 7 décembre 2026, ${ARMENPRESS_URL})`);
    expect(plain(screen)).toMatch(/Euronews \(7 décembre 2026, https:\/\/fr\.euronews\.com\//);
    expect(plain(screen)).toMatch(/rferl\.org \(6 décembre 2026, https:\/\/www\.rferl\.org\//);
    expect(screen).not.toContain('20261207-');
    expect(screen).toMatch(/Depuis le digest du 6 décembre 2026, 08:00 : 3 nouveaux articles, \d sujets?\./);
    // However narrow the terminal, the counts stay on one line: never « 2 sujets. » alone under the articles.
    for (const width of [40, 50, 60, 70, 80]) {
      const narrow = renderConsole(replies[0]!, { width }).split('\n');
      const line = narrow.find((l) => l.includes('nouveaux articles'));
      expect(line, `width ${width}`).toMatch(/3 nouveaux articles, \d sujets?\.$/);
    }
  });

  it('says the same in /sources, /article and /briefing', async () => {
    await feedFilesArrive();
    const context = contextFor(fx.engine);
    const list = await sourcesCommand.execute(context, { values: {} }, 0);
    const peskov = list.items.find((i) => i.label === PESKOV)!;
    expect(peskov.body.text).toContain('Armenpress · Auteur inconnu · date inconnue, reçu le 7 décembre 2026 ·');
    expect(peskov.source).toMatchObject({ title: 'l’article original (Armenpress)', url: ARMENPRESS_URL });
    const sanctions = list.items.find((i) => i.label?.startsWith('20261206-'))!;
    expect(sanctions.body.text).toContain('rferl.org · AFP · 6 décembre 2026 ·');
    // A hand-written seed has no date and no arrival from the web: only « date inconnue ».
    expect(list.items.find((i) => i.label === '000_9b88139a494bd2c4')!.body.text).toMatch(/· date inconnue ·/);

    const article = await articleCommand.execute(context, { values: { id: PESKOV } }, 0);
    expect(article.intro).toMatch(/^Armenpress · date inconnue, reçu le 7 décembre 2026 ·/);

    const briefing = renderDiscord(await briefingCommand.execute(context, { values: { sujet: 'Arménie' } }, 0));
    const shown = plain(briefing.embeds.map((e) => e.description ?? '').join('\n'));
    expect(shown).toContain(`[Armenpress](<${ARMENPRESS_URL}>) (date inconnue, reçu le 7 décembre 2026)`);
    expect(shown).not.toContain('20261207-');
  });

  it('and /actor: each excerpt under its outlet and date, never its file name (Discord, console, CLI)', async () => {
    await feedFilesArrive();
    const context = contextFor(fx.engine);
    const reply = await actorCommand.execute(context, { values: { nom: 'Dmitri Peskov' } }, 0);
    expect(reply.items.length).toBeGreaterThan(0);
    const discord = plain(renderDiscord(reply).embeds.map((e) => e.description ?? '').join('\n'));
    expect(discord).toContain(`(<${ARMENPRESS_URL}>)* (Armenpress, date inconnue, reçu le 7 décembre 2026)`);
    expect(discord).not.toContain('20261207-');
    const screen = plain(renderConsole(reply, { width: 400 }));
    expect(screen).toContain(`(Armenpress, date inconnue, reçu le 7 décembre 2026) ${ARMENPRESS_URL}`);
    expect(screen).not.toContain('20261207-');
    // The CLI's JSON keeps its fields (the id stays, for /article) and adds the outlet and arrival.
    const json = (await runCliCommand(fx.engine, 'actor', ['Dmitri', 'Peskov'], {})) as { excerpts: Array<Record<string, unknown>> };
    expect(json.excerpts[0]).toMatchObject({ articleId: PESKOV, url: ARMENPRESS_URL, outlet: 'Armenpress', receivedAt: '2026-12-07T07:40:12.000Z' });
    expect(json.excerpts[0]).not.toHaveProperty('date');
    expect(Object.keys(json.excerpts[0]!).slice(0, 5)).toEqual(['articleId', 'title', 'text', 'sentenceIndex', 'score']);
  });
});
