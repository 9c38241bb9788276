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

/** The channel's digest at the test clock's instant, on the followed `topics` if any. */
const digestNow = (topics?: string[]) =>
  buildDigest({ engine: fx.engine, store: fx.store, guildId: GUILD, channelId: CHANNEL, ...(topics ? { topics } : {}), now: clock.now() });

/** Records a digest as posted for a slot, as the service does after posting. */
async function recordPosted(slotKey: string, digest: { articleIds: string[]; actorCounts: Record<string, number> }, at: Date) {
  const claim = { guildId: GUILD, channelId: CHANNEL, slotKey, nonce: `n-${slotKey}` };
  expect(await fx.store.claimSlot(claim, { now: at })).toBe('claimed');
  expect(await fx.store.markPosted(claim, `msg-${slotKey}`, digest.articleIds, digest.actorCounts, at)).toBe(true);
}

describe('buildDigest', () => {
  it('makes the first digest of a channel cover the whole corpus, with actors and cited sources', async () => {
    const digest = await digestNow();
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
    expect(plain(reply!.intro!)).toMatch(/^Premier digest de ce salon, sur l’ensemble du corpus : 5 articles, \d sujets\.$/);
    const total = digest.actorMentions;
    expect(reply!.fields!.map((f) => plain(f.name))).toEqual([
      `Acteurs du jour (mentions, part des mentions d’acteurs de la période : ${total} mentions)`,
      'Sources citées',
    ]);
    // A real share: the count over the mentions of every actor of the period, more than those listed.
    expect(total).toBeGreaterThan(digest.actors.reduce((n, a) => n + a.count, 0));
    const russia = digest.actors.find((a) => a.name === 'Russie')!;
    expect(plain(reply!.fields![0]!.lines[0]!)).toBe(`Russie — ${russia.count} mentions, ${Math.round((100 * russia.count) / total)} %`);
    expect(digest.actorCounts['*total']).toBe(total);
    // One item per story: headline, lead, key actors, dated sources.
    expect(reply!.items).toHaveLength(digest.sections[0]!.stories.length);
    expect(reply!.items[0]!.heading).toBe(digest.sections[0]!.stories[0]!.headline);
    expect(reply!.items[0]!.note).toMatch(/^Acteurs : /);
    // Each source dated by its publication only: the seeds have none, none is made up from their arrival.
    const published = new Map((await fx.engine.sources()).map((a) => [a.id, a.date]));
    const listed = reply!.items.flatMap((i) => i.sources!.articles);
    expect(listed.length).toBeGreaterThan(0);
    for (const a of listed) expect(a.date).toBe(published.get(a.articleId));
  });

  it('says in one line that nothing is new since the last digest', async () => {
    const first = await digestNow();
    clock.advance(60_000);
    await recordPosted('2026-11-24 08:00', first, clock.now());

    clock.advance(24 * HOUR);
    const second = await digestNow();
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
    const first = await digestNow();
    clock.advance(60_000);
    await recordPosted('2026-11-24 08:00', first, clock.now());

    clock.advance(6 * HOUR);
    for (const name of ['13_iran_israel_riposte.txt', '40_afp_depeche_armenie_azerbaidjan.txt', '41_lefigaro_armenie_accord.txt']) fx.ws.addFixture(name);
    await fx.engine.sync();
    clock.advance(18 * HOUR);
    const second = await digestNow();
    expect(second.first).toBe(false);
    const arrived = ['13_iran_israel_riposte', '40_afp_depeche_armenie_azerbaidjan', '41_lefigaro_armenie_accord'];
    expect([...second.articleIds].sort()).toEqual(arrived);
    expect(second.sections[0]!.excerpts.every((e) => arrived.includes(e.articleId))).toBe(true);

    const byName = new Map(second.actors.map((a) => [a.name, a]));
    const armenia = byName.get('Arménie')!;
    const azerbaijan = byName.get('Azerbaïdjan')!;
    const russia = byName.get('Russie')!;
    // Arménie: more mentions and a larger share of the period's mentions than in the first digest.
    expect(armenia.trend).toBe('up');
    expect(armenia.count).toBeGreaterThan(armenia.previous!);
    // Azerbaïdjan was below the first digest's list (at most as many mentions as its last actor), above it now.
    expect(azerbaijan.trend).toBe('entered');
    expect(azerbaijan.count).toBeGreaterThan(azerbaijan.previousAtMost!);
    expect(russia.trend).toBe('down');
    // « En hausse » only with more mentions than before: never with fewer.
    expect(second.rising.map((a) => a.name)).toEqual(expect.arrayContaining(['Arménie', 'Azerbaïdjan']));
    for (const a of second.rising) expect(a.count).toBeGreaterThan(a.previous ?? a.previousAtMost ?? 0);
    expect(second.rising.map((a) => a.name)).not.toContain('Russie');

    const [reply] = digestReplies(second, { timeZone: 'Europe/Paris' });
    expect(plain(reply!.intro!)).toMatch(/^Depuis le digest du 24 novembre 2026, 08:01 : 3 nouveaux articles, [23] sujets\.$/);
    const rising = reply!.fields!.find((f) => f.name === 'En hausse depuis le précédent digest')!;
    const total = second.actorMentions;
    const pct = (n: number, of: number) => `${Math.round((100 * n) / of)} %`;
    expect(plain(rising.lines.join('\n'))).toContain(
      `Arménie : ${pct(armenia.count, total)} des mentions d’acteurs de la période (${armenia.count}), contre ${pct(armenia.previous!, first.actorMentions)} (${armenia.previous}) au précédent digest`,
    );
    expect(plain(rising.lines.join('\n'))).toContain(
      `Azerbaïdjan : ${pct(azerbaijan.count, total)} des mentions d’acteurs de la période (${azerbaijan.count}), hors des premiers au précédent digest (${azerbaijan.previousAtMost} au plus)`,
    );
  });

  it('restricts the digest to followed topics, one section each, and names the quiet ones', async () => {
    const digest = await digestNow(['Moscou', ' moscou ', 'Kazakhstan', 'Groenland']);
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
  it('compares shares of all mentions and counts: up only with more mentions and a larger share', () => {
    const { actors, rising } = compareActors(
      [
        { id: 'country:IRN', name: 'Iran', count: 8 },
        { id: 'country:ARM', name: 'Arménie', count: 5 },
        { id: 'country:RUS', name: 'Russie', count: 4 },
        { id: 'country:ISR', name: 'Israël', count: 4 },
        { name: 'Hezbollah', count: 2 },
        { id: 'country:USA', name: 'États-Unis', count: 2 },
      ],
      // Mentions of every actor of the period, not only of those listed.
      40,
      // Previous shares of 200 mentions: Iran 2 %, Arménie 3 %, Russie 16 %, États-Unis 5 %; the list had every actor.
      { 'country:IRN': 4, 'country:ARM': 6, 'country:RUS': 32, 'country:USA': 10, 'country:CHN': 148, '*total': 200 },
    );
    expect(actors.map(actorLine).map(plain)).toEqual([
      'Iran — 8 mentions, 20 % (▲ contre 2 %)',
      // A larger share with fewer mentions: not « en hausse ».
      'Arménie — 5 mentions, 13 % (contre 3 % pour 6 mentions)',
      'Russie — 4 mentions, 10 % (▼ contre 16 %)',
      'Israël — 4 mentions, 10 % (nouveau)',
      'Hezbollah — 2 mentions, 5 % (nouveau)',
      'États-Unis — 2 mentions, 5 % (stable)',
    ]);
    expect(actors[4]!.key).toBe('name:Hezbollah');
    expect(rising.map((a) => a.name)).toEqual(['Iran', 'Israël', 'Hezbollah']);
  });

  it('says an actor below a cut previous list entered it, only when it now has more mentions than that list\'s last', () => {
    // The previous list (2 actors, 30 of 100 mentions) was cut: the others had at most 10 mentions each.
    const previous = { 'country:RUS': 20, 'country:UKR': 10, '*total': 100 };
    const { actors, rising } = compareActors(
      [
        { id: 'country:ARM', name: 'Arménie', count: 12 },
        { id: 'country:AZE', name: 'Azerbaïdjan', count: 9 },
      ],
      50,
      previous,
    );
    expect(actors.map((a) => [a.name, a.trend, a.previousAtMost])).toEqual([
      ['Arménie', 'entered', 10],
      ['Azerbaïdjan', undefined, 10],
    ]);
    expect(actors.map(actorLine).map(plain)).toEqual([
      'Arménie — 12 mentions, 24 % (▲ entré dans la liste)',
      'Azerbaïdjan — 9 mentions, 18 % (au plus 10 mentions avant)',
    ]);
    expect(rising.map((a) => a.name)).toEqual(['Arménie']);
  });

  it('compares nothing without previous counts, or with counts stored without their total (older digests)', () => {
    const { actors, rising } = compareActors([{ id: 'country:IRN', name: 'Iran', count: 9 }], 30, {});
    expect(actors.map(actorLine).map(plain)).toEqual(['Iran — 9 mentions, 30 %']);
    expect(compareActors([{ id: 'country:IRN', name: 'Iran', count: 9 }], 30, undefined).actors[0]!.trend).toBeUndefined();
    expect(compareActors([{ id: 'country:IRN', name: 'Iran', count: 9 }], 30, { 'country:IRN': 2 }).actors[0]!.trend).toBeUndefined();
    expect(rising).toEqual([]);
  });
});

describe('digestMessages', () => {
  it('packs the replies into messages that fit Discord, never pinging', async () => {
    const digest = await digestNow(['Russie', 'Ukraine', 'Chine', 'États-Unis', 'OTAN']);
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
