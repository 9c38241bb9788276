/**
 * What a digest says: the first one covers the whole corpus, the next ones only the articles that
 * arrived since, "nothing new" is one line, and the actors of the day are compared with the
 * previous digest's counts (who is rising).
 */
import { describe, expect, it } from 'vitest';
import { buildDigest, compareActors } from '../../src/services/digest/build.js';
import { actorLine, digestReplies } from '../../src/replies/digest.js';
import { digestMessages } from '../../src/bot/digest-poster.js';
import { limitViolations } from '../../src/replies/discord.js';
import { CHANNEL, GUILD, testClock, useDigestFixture } from './helpers.js';

// The test's clock, also stamping arrivals in the index: the dates a digest prints are fixed.
const clock = testClock('2026-11-24T07:00:00Z'); // 08:00 in Paris
const fx = useDigestFixture('each', { store: true, clock });
const HOUR = 3_600_000;

/** French number formatting puts narrow no-break spaces before `%`: compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

/** Records a digest as posted for a slot, as the service does after posting. */
async function recordPosted(slotKey: string, digest: { articleIds: string[]; actorCounts: Record<string, number> }, at: Date) {
  const claim = { guildId: GUILD, channelId: CHANNEL, slotKey, nonce: `n-${slotKey}` };
  expect(await fx.store.claimSlot(claim, { now: at })).toBe('claimed');
  expect(await fx.store.markPosted(claim, `msg-${slotKey}`, digest.articleIds, digest.actorCounts, at)).toBe(true);
}

describe('buildDigest', () => {
  it('makes the first digest of a channel cover the whole corpus, with actors and cited sources', async () => {
    const digest = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
    expect(digest.first).toBe(true);
    expect(digest.empty).toBe(false);
    expect([...digest.articleIds].sort()).toEqual((await fx.engine.sources()).map((a) => a.id).sort());
    expect(digest.articleIds).toHaveLength(5);
    expect(digest.sections[0]!.excerpts.length).toBeGreaterThan(2);
    expect(digest.actors.map((a) => a.name)).toContain('Russie');
    // Nothing to compare a first digest with.
    expect(digest.actors.every((a) => a.trend === undefined)).toBe(true);
    expect(digest.rising).toEqual([]);
    expect(digest.sources.map((s) => s.name)).toContain('Financial Times');
    expect(digest.actorCounts[digest.actors[0]!.key]).toBe(digest.actors[0]!.count);

    const [reply] = digestReplies(digest, { timeZone: 'Europe/Paris' });
    expect(reply!.intro).toMatch(/^Premier digest de ce salon : l’ensemble du corpus \(5 articles\) : \d sujets/);
    expect(reply!.fields!.map((f) => f.name)).toEqual(['Acteurs du jour (mentions, part)', 'Sources citées']);
    // A real share: the count over all listed actors' mentions.
    const total = digest.actors.reduce((n, a) => n + a.count, 0);
    const russia = digest.actors.find((a) => a.name === 'Russie')!;
    expect(plain(reply!.fields![0]!.lines[0]!)).toBe(`Russie — ${russia.count} mentions, ${Math.round((100 * russia.count) / total)} %`);
    // One item per story: headline, lead, key actors, dated sources.
    expect(reply!.items).toHaveLength(digest.sections[0]!.stories.length);
    expect(reply!.items[0]!.heading).toBe(digest.sections[0]!.stories[0]!.headline);
    expect(reply!.items[0]!.note).toMatch(/^Acteurs : /);
    expect(reply!.items.every((i) => i.sources!.articles.every((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.date ?? '')))).toBe(true);
  });

  it('says in one line that nothing is new since the last digest', async () => {
    const first = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
    clock.advance(60_000);
    await recordPosted('2026-11-24 08:00', first, clock.now());

    clock.advance(24 * HOUR);
    const second = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
    expect(second.empty).toBe(true);
    expect(second.articleIds).toEqual([]);
    // Counts carried over: tomorrow still compares with the last digest that had actors.
    expect(second.actorCounts).toEqual(first.actorCounts);
    const replies = digestReplies(second, { timeZone: 'Europe/Paris', footer: 'réf' });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.items).toEqual([]);
    expect(replies[0]!.fields ?? []).toEqual([]);
    expect(replies[0]!.intro).toBe('Rien de nouveau depuis le dernier digest (24 novembre 2026, 08:01).');
  });

  it('covers only the articles that arrived since, and shows who is rising', async () => {
    const first = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
    clock.advance(60_000);
    await recordPosted('2026-11-24 08:00', first, clock.now());

    clock.advance(6 * HOUR);
    fx.ws.addFixture('13_iran_israel_riposte.txt');
    await fx.engine.sync();
    clock.advance(18 * HOUR);
    const second = await buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, now: clock.now() });
    expect(second.first).toBe(false);
    expect(second.articleIds).toEqual(['13_iran_israel_riposte']);
    expect(second.articles.map((a) => a.title)).toEqual(['Iran-Israël : après la salve de missiles, la région retient son souffle']);
    expect(new Set(second.sections[0]!.excerpts.map((e) => e.articleId))).toEqual(new Set(['13_iran_israel_riposte']));

    const israel = second.actors.find((a) => a.name === 'Israël');
    const iran = second.actors.find((a) => a.name === 'Iran');
    expect(iran, 'Iran is an actor of the day').toBeDefined();
    expect(israel, 'Israël is an actor of the day').toBeDefined();
    // Israël was not among the seeds' actors: new. Iran has fewer mentions than over the five seeds,
    // but a far larger share of the day's mentions: it rises.
    expect(israel!.trend).toBe('new');
    expect(iran!.trend).toBe('up');
    expect(iran!.previous).toBeGreaterThan(iran!.count);
    expect(second.rising.map((a) => a.name)).toEqual(expect.arrayContaining(['Israël', 'Iran']));
    expect(second.rising[0]!.name).toBe('Iran');
    // Russie dominated the first digest; it does not rise in an article about Iran and Israel.
    expect(second.rising.map((a) => a.name)).not.toContain('Russie');

    const [reply] = digestReplies(second, { timeZone: 'Europe/Paris' });
    expect(reply!.intro).toBe('Nouveau depuis le dernier digest (24 novembre 2026, 08:01) : 1 nouvel article : 1 sujet.');
    expect(reply!.items.map((i) => i.heading)).toEqual(['Iran-Israël : après la salve de missiles, la région retient son souffle']);
    const rising = reply!.fields!.find((f) => f.name === 'En hausse depuis le précédent digest')!;
    expect(plain(rising.lines[0]!)).toMatch(/^Iran : \d+ % des mentions \(\d+\), contre \d+ % \(\d+\) au précédent digest$/);
    expect(plain(rising.lines.join('\n'))).toMatch(/Israël : \d+ % des mentions \(\d+\), absent du précédent digest/);
  });

  it('restricts the digest to followed topics, one section each, and names the quiet ones', async () => {
    const digest = await buildDigest({
      engine: fx.engine,
      store: fx.store,
      guildId: GUILD,
      channelId: CHANNEL,
      topics: ['Moscou', ' moscou ', 'Kazakhstan', 'Groenland'],
      now: clock.now(),
    });
    expect(digest.topics).toEqual(['Moscou', 'Kazakhstan', 'Groenland']);
    expect(digest.sections.map((s) => s.actor?.name)).toEqual(['Russie', 'Kazakhstan']);
    expect(digest.quietTopics).toEqual(['Groenland']);
    expect(digest.sections[1]!.excerpts.every((e) => /Kazakhstan|kazakh/i.test(e.text))).toBe(true);

    const replies = digestReplies(digest, { timeZone: 'Europe/Paris', footer: 'Dépêche · digest du 2026-11-25 08:00 (Europe/Paris)' });
    expect(replies.map((r) => r.title)).toEqual([expect.stringMatching(/^Digest du /), 'Sujet : Russie (pays)', 'Sujet : Kazakhstan (pays)']);
    expect(replies[0]!.intro).toMatch(/Sujets suivis : Moscou, Kazakhstan, Groenland\.\nRien de nouveau sur : Groenland\./);
    expect(replies.map((r) => r.footer)).toEqual([1, 2, 3].map((i) => `Dépêche · digest du 2026-11-25 08:00 (Europe/Paris) · ${i}/3`));
  });
});

describe('compareActors', () => {
  it('compares shares of the mentions with the previous digest, marks newcomers, lists the biggest rises first', () => {
    const { actors, rising } = compareActors(
      [
        { id: 'country:IRN', name: 'Iran', count: 8 },
        { id: 'country:RUS', name: 'Russie', count: 4 },
        { id: 'country:ISR', name: 'Israël', count: 4 },
        { name: 'Hezbollah', count: 2 },
        { id: 'country:USA', name: 'États-Unis', count: 2 },
      ],
      // Previous shares: Iran 10 %, Russie 80 %, États-Unis 10 %.
      { 'country:IRN': 4, 'country:RUS': 32, 'country:USA': 4 },
    );
    expect(actors.map(actorLine).map(plain)).toEqual([
      'Iran — 8 mentions, 40 % (▲ contre 10 %)',
      'Russie — 4 mentions, 20 % (▼ contre 80 %)',
      'Israël — 4 mentions, 20 % (nouveau)',
      'Hezbollah — 2 mentions, 10 % (nouveau)',
      'États-Unis — 2 mentions, 10 % (stable)',
    ]);
    expect(actors[3]!.key).toBe('name:Hezbollah');
    expect(rising.map((a) => a.name)).toEqual(['Iran', 'Israël', 'Hezbollah']);
  });

  it('compares nothing when there are no previous counts', () => {
    const { actors, rising } = compareActors([{ id: 'country:IRN', name: 'Iran', count: 9 }], {});
    expect(actors.map(actorLine).map(plain)).toEqual(['Iran — 9 mentions, 100 %']);
    expect(compareActors([{ id: 'country:IRN', name: 'Iran', count: 9 }], undefined).actors[0]!.trend).toBeUndefined();
    expect(rising).toEqual([]);
  });
});

describe('digestMessages', () => {
  it('packs the replies into messages that fit Discord, never pinging', async () => {
    const digest = await buildDigest({
      engine: fx.engine,
      store: fx.store,
      guildId: GUILD,
      channelId: CHANNEL,
      topics: ['Russie', 'Ukraine', 'Chine', 'États-Unis', 'OTAN'],
      now: clock.now(),
    });
    const replies = digestReplies(digest, { timeZone: 'Europe/Paris', footer: 'réf' });
    expect(replies).toHaveLength(6);
    const messages = digestMessages(replies);
    expect(messages.flatMap((m) => m.replies)).toEqual(replies);
    for (const { message } of messages) {
      expect(limitViolations(message)).toEqual([]);
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(message.flags).toBeUndefined();
    }
    // Each embed keeps its footer: the first of each message is what a retry looks for.
    expect(messages.flatMap((m) => m.message.embeds.map((e) => e.footer?.text))).toEqual(replies.map((r) => r.footer));
  });

  it('starts a new message when the next embed would pass the 6 000 characters of a message', () => {
    const long = 'Le Kremlin a multiplié les déclarations sur la sécurité régionale et les garanties. '.repeat(45);
    const replies = Array.from({ length: 4 }, (_, i) => ({
      tone: 'info' as const,
      title: `Sujet ${i + 1}`,
      items: [{ body: { text: long } }],
      footer: `réf · ${i + 1}/4`,
    }));
    const messages = digestMessages(replies);
    expect(messages.length).toBeGreaterThan(1);
    for (const { message } of messages) expect(limitViolations(message)).toEqual([]);
    expect(messages.map((m) => m.message.embeds[0]!.footer!.text)[0]).toBe('réf · 1/4');
  });
});
