/**
 * Matching follows against what was just indexed: actors by the analysis' resolved ids (an
 * article that says only « le Kremlin » is about Russia), subjects by the same full-text query as
 * /search restricted to the new articles, copies of one dispatch grouped into one story, no
 * backfill, nothing older than 48 h, and the hourly cap. On real articles of the fixtures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { isFresh, matchFollows, planAlerts, publishedBy, GROUP_KEY_PREFIX } from '../../src/services/follows/plan.js';
import type { AlertDelivery, Follow } from '../../src/services/store/types.js';
import type { ArrivedArticle } from '../../src/services/engine.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
const T0 = Date.parse('2026-11-28T08:00:00Z');
let arrival = T0;
let dir: string;
let engine: SqliteCorpusEngine;
let mark: number;

/** Copies a fixture into the corpus with a feed header naming its outlet. */
function arrive(name: string, header: { site?: string; url?: string; published?: string } = {}, as = name) {
  const lines = Object.entries(header).map(([k, v]) => `${k}: ${v}`);
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  writeFileSync(join(dir, as), lines.length > 0 ? `---\n${lines.join('\n')}\n---\n${text}` : text);
}

const follow = (extra: Partial<Follow>): Follow => ({
  id: 'f1',
  guildId: 'g1',
  kind: 'actor',
  query: 'Russie',
  channelId: 'c1',
  createdBy: 'u1',
  createdAt: new Date(T0),
  createdAfterIndexMark: mark,
  alertsSent: 0,
  failures: 0,
  paused: false,
  ...extra,
});

let batch: ArrivedArticle[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'depeche-follows-'));
  // Already in the corpus when the follows are created: never alerted (no backfill).
  arrive('41_lefigaro_armenie_accord.txt');
  ({ engine } = await startEngine({ corpusDir: dir, indexPath: ':memory:', now: () => arrival }));
  mark = await engine.indexMark();
  arrival = T0 + 60_000;
  arrive('30_lefigaro_ue_sanctions.txt', { site: 'Le Figaro', url: 'https://www.lefigaro.fr/international/sanctions-ue' });
  arrive('31_20minutes_afp_ue_sanctions.txt', { site: '20 Minutes', url: 'https://www.20minutes.fr/monde/sanctions' });
  arrive('32_ouestfrance_afp_ue_sanctions.txt', { url: 'https://www.ouest-france.fr/europe/ue/sanctions' });
  arrive('35_lepoint_niger_uranium.txt', { site: 'Le Point' });
  arrive('36_rfi_niger_uranium.txt', { site: 'RFI' });
  arrive('10_monde_gaza_treve.txt');
  arrive('20_reuters_kiev_frappes.txt');
  await engine.sync();
  batch = await engine.arrivals(mark);
}, 120_000);

afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what the index reports as just arrived', () => {
  it('lists only the articles indexed after the mark, with their outlet and resolved actors', () => {
    expect(batch.map((a) => a.id).sort()).toEqual([
      '10_monde_gaza_treve',
      '20_reuters_kiev_frappes',
      '30_lefigaro_ue_sanctions',
      '31_20minutes_afp_ue_sanctions',
      '32_ouestfrance_afp_ue_sanctions',
      '35_lepoint_niger_uranium',
      '36_rfi_niger_uranium',
    ]);
    const figaro = batch.find((a) => a.id === '30_lefigaro_ue_sanctions')!;
    expect(figaro).toMatchObject({ site: 'Le Figaro', url: 'https://www.lefigaro.fr/international/sanctions-ue', arrivedAt: T0 + 60_000 });
    expect(figaro.actorIds).toContain('country:RUS');
    expect(batch.find((a) => a.id === '10_monde_gaza_treve')!.actorIds).not.toContain('country:RUS');
  });
});

describe('actor follows', () => {
  it('match by the resolved actor: the Kremlin and Moscou are Russia', () => {
    const matches = matchFollows(batch, [follow({ actorId: 'country:RUS' })], new Map(), T0 + 120_000);
    const ids = matches.get('f1') ?? [];
    expect(ids).toEqual(expect.arrayContaining(['30_lefigaro_ue_sanctions', '31_20minutes_afp_ue_sanctions', '35_lepoint_niger_uranium']));
    expect(ids).not.toContain('10_monde_gaza_treve');
    // Already indexed when the follow was created, though it names the Kremlin: no backfill.
    expect(ids).not.toContain('41_lefigaro_armenie_accord');
  });

  it('never fire for an article published more than 48 h ago (Reuters, March 2025)', () => {
    const reuters = batch.find((a) => a.id === '20_reuters_kiev_frappes')!;
    expect(reuters.date).toBe('2025-03-12');
    expect(reuters.actorIds).toContain('country:RUS');
    expect(matchFollows(batch, [follow({ actorId: 'country:RUS' })], new Map(), T0 + 120_000).get('f1')).not.toContain('20_reuters_kiev_frappes');
  });

  it('judge a dated article by the end of its day, an undated one by its arrival', () => {
    expect(publishedBy({ date: '2026-11-27', arrivedAt: 0 })).toBe(Date.parse('2026-11-28T00:00:00Z'));
    expect(isFresh({ date: '2026-11-27', arrivedAt: 0 }, Date.parse('2026-11-29T23:59:00Z'), 48 * 3_600_000)).toBe(true);
    expect(isFresh({ date: '2026-11-27', arrivedAt: 0 }, Date.parse('2026-11-30T00:01:00Z'), 48 * 3_600_000)).toBe(false);
    expect(isFresh({ arrivedAt: T0 }, T0 + 47 * 3_600_000, 48 * 3_600_000)).toBe(true);
    expect(isFresh({ arrivedAt: T0 }, T0 + 49 * 3_600_000, 48 * 3_600_000)).toBe(false);
  });

  it('leave out the articles a guild may not see (the per-guild scope hook)', () => {
    const matches = matchFollows(batch, [follow({ actorId: 'country:RUS' })], new Map(), T0 + 120_000, undefined, (a) => a.id !== '30_lefigaro_ue_sanctions');
    expect(matches.get('f1')).not.toContain('30_lefigaro_ue_sanctions');
    expect(matches.get('f1')).toContain('31_20minutes_afp_ue_sanctions');
  });
});

describe('subject follows', () => {
  it('run the /search query on the new articles only: plurals and accents folded', async () => {
    const ids = batch.map((a) => a.id);
    const [sanction, fantome, treve, uranium] = await engine.matchQueries(['Sanction', 'flotte fantome', 'trêve Gaza', 'uraniums'], ids);
    expect(sanction).toEqual(expect.arrayContaining(['30_lefigaro_ue_sanctions', '31_20minutes_afp_ue_sanctions', '32_ouestfrance_afp_ue_sanctions']));
    expect(sanction).not.toContain('10_monde_gaza_treve');
    expect(fantome).toEqual(expect.arrayContaining(['31_20minutes_afp_ue_sanctions']));
    expect(treve).toEqual(['10_monde_gaza_treve']);
    expect(uranium!.sort()).toEqual(['35_lepoint_niger_uranium', '36_rfi_niger_uranium']);
    // Restricted to the articles given: the older Armenia article is never read.
    expect((await engine.matchQueries(['Arménie'], ['10_monde_gaza_treve']))[0]).toEqual([]);
    expect((await engine.search('Arménie')).total).toBeGreaterThan(0);
  });

  it('match through matchFollows from the query results, fresh articles only', () => {
    const uranium = follow({ id: 'f2', kind: 'subject', query: 'uranium' });
    const gaza = follow({ id: 'f3', kind: 'subject', query: 'trêve Gaza' });
    const results = new Map([
      ['uranium', new Set(['35_lepoint_niger_uranium', '36_rfi_niger_uranium'])],
      ['trêve Gaza', new Set(['10_monde_gaza_treve'])],
    ]);
    const matches = matchFollows(batch, [uranium, gaza], results, T0 + 120_000);
    expect(matches.get('f2')).toEqual(['35_lepoint_niger_uranium', '36_rfi_niger_uranium']);
    // The Gaza article is dated March 2025: too old to alert.
    expect(matches.has('f3')).toBe(false);
  });
});

describe('stories and copies', () => {
  it('three outlets with one AFP dispatch make one story, hence one alert', async () => {
    const russia = follow({ actorId: 'country:RUS' });
    const matches = matchFollows(batch, [russia], new Map(), T0 + 120_000);
    const stories = await engine.storiesOf(matches.get('f1')!);
    const plan = planAlerts([russia], matches, stories, [], T0 + 120_000);
    const sanctions = plan.actions.filter((a) => a.articleIds.includes('31_20minutes_afp_ue_sanctions'));
    expect(sanctions).toHaveLength(1);
    expect(sanctions[0]).toMatchObject({ kind: 'story', storyKey: sanctions[0]!.articleIds[0] });
    expect(sanctions[0]!.articleIds.sort()).toEqual(['30_lefigaro_ue_sanctions', '31_20minutes_afp_ue_sanctions', '32_ouestfrance_afp_ue_sanctions']);
    // The Niger uranium story (Le Point, RFI) is another: its own alert.
    expect(plan.actions.filter((a) => a.articleIds.includes('36_rfi_niger_uranium'))).toMatchObject([{ kind: 'story', articleIds: ['35_lepoint_niger_uranium', '36_rfi_niger_uranium'] }]);
    expect(plan.actions).toHaveLength(2);
  });

  it('a copy arriving later joins the story already alerted (its message is edited), not a new alert', async () => {
    const russia = follow({ actorId: 'country:RUS' });
    const earlier: AlertDelivery = {
      followId: 'f1',
      storyKey: '30_lefigaro_ue_sanctions',
      status: 'posted',
      nonce: 'n',
      channelId: 'c1',
      articleIds: ['30_lefigaro_ue_sanctions', '31_20minutes_afp_ue_sanctions'],
      messageId: 'm1',
      attempts: 1,
      claimedAt: new Date(T0 + 61_000),
    };
    const matches = new Map([['f1', ['32_ouestfrance_afp_ue_sanctions']]]);
    const stories = await engine.storiesOf([...earlier.articleIds, '32_ouestfrance_afp_ue_sanctions']);
    const plan = planAlerts([russia], matches, stories, [earlier], T0 + 120_000);
    expect(plan.actions).toEqual([
      {
        kind: 'extend',
        follow: russia,
        storyKey: '30_lefigaro_ue_sanctions',
        articleIds: ['30_lefigaro_ue_sanctions', '31_20minutes_afp_ue_sanctions', '32_ouestfrance_afp_ue_sanctions'],
        added: ['32_ouestfrance_afp_ue_sanctions'],
        messageId: 'm1',
        channelId: 'c1',
      },
    ]);
    // An alert that already lists 10 articles is no longer edited.
    const full = { ...earlier, articleIds: [...earlier.articleIds, ...Array.from({ length: 8 }, (_, i) => `copy-${i}`)] };
    expect(planAlerts([russia], matches, stories, [full], T0 + 120_000).actions).toEqual([]);
    // Already covered: nothing at all.
    expect(planAlerts([russia], new Map([['f1', ['31_20minutes_afp_ue_sanctions']]]), stories, [earlier], T0 + 120_000).actions).toEqual([]);
  });
});

describe('the hourly cap', () => {
  const russia = follow({ actorId: 'country:RUS' });
  const ids = Array.from({ length: 9 }, (_, i) => `a${i}`);
  const sent = (n: number, extra: Partial<AlertDelivery> = {}): AlertDelivery[] =>
    Array.from({ length: n }, (_, i) => ({
      followId: 'f1',
      storyKey: `old${i}`,
      status: 'posted',
      nonce: 'n',
      channelId: 'c1',
      articleIds: [`old${i}`],
      attempts: 1,
      claimedAt: new Date(T0 - 10 * 60_000),
      ...extra,
    }));

  it('posts up to 6 alerts an hour, then one grouped message with the rest', () => {
    const plan = planAlerts([russia], new Map([['f1', ids]]), [], [], T0);
    expect(plan.actions.filter((a) => a.kind === 'story').map((a) => a.storyKey)).toEqual(ids.slice(0, 6));
    const grouped = plan.actions.filter((a) => a.kind === 'grouped');
    expect(grouped).toEqual([{ kind: 'grouped', follow: russia, storyKey: `${GROUP_KEY_PREFIX}a6`, articleIds: ['a6', 'a7', 'a8'], stories: [['a6'], ['a7'], ['a8']] }]);
  });

  it('counts the alerts of the last hour only, and sends one grouped message an hour at most', () => {
    expect(planAlerts([russia], new Map([['f1', ['x']]]), [], sent(6), T0).actions.map((a) => a.kind)).toEqual(['grouped']);
    expect(planAlerts([russia], new Map([['f1', ['x']]]), [], sent(6, { claimedAt: new Date(T0 - 61 * 60_000) }), T0).actions.map((a) => a.kind)).toEqual(['story']);
    const withGroup = [...sent(6), ...sent(1, { storyKey: `${GROUP_KEY_PREFIX}old9`, articleIds: ['old9'] })];
    const plan = planAlerts([russia], new Map([['f1', ['x', 'y']]]), [], withGroup, T0);
    expect(plan.actions).toEqual([]);
    expect(plan.dropped).toEqual([{ followId: 'f1', articleIds: ['x', 'y'] }]);
  });
});
