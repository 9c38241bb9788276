/**
 * One server's articles are its own (#17): over a corpus holding shared articles and two servers'
 * private ones, every scoped query answers exactly what an engine over the visible files alone
 * answers (the unscoped paths, with their precomputed counts, being the reference).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import type { Scope } from '../../src/services/engine.js';
import { matchFollows } from '../../src/services/follows/plan.js';

const G1 = '111111111111111111';
const G2 = '222222222222222222';

interface Fixture {
  name: string;
  day: string;
  guild?: string;
  sentences: string[];
}

const FILES: Fixture[] = [
  { name: 'commun-1', day: '2026-11-01', sentences: ['La Russie a annoncé de nouvelles mesures économiques contre ses voisins.', 'La Russie et la Chine ont signé un accord gazier à Pékin.'] },
  { name: 'commun-2', day: '2026-11-02', sentences: ['La Chine a convoqué l’ambassadeur du Japon après un incident en mer.'] },
  {
    name: 'nord-1',
    day: '2026-11-03',
    guild: G1,
    sentences: ['La Russie et l’Ukraine ont échangé des prisonniers près de Soumy.', 'Le port de Mourmansk reçoit un chargement de turbines éoliennes.'],
  },
  { name: 'nord-2', day: '2026-11-05', guild: G1, sentences: ['La Russie et la Turquie discutent du corridor céréalier en mer Noire.'] },
  {
    name: 'sud-1',
    day: '2026-11-04',
    guild: G2,
    sentences: ['La Russie et l’Iran ont signé un accord ferroviaire à Téhéran.', 'Les turbines éoliennes du port de Bandar Abbas sont livrées.'],
  },
  { name: 'sud-2', day: '2026-11-06', guild: G2, sentences: ['La Russie et la Chine ont tenu des manœuvres navales en mer du Japon.'] },
];

function write(dir: string, files: readonly Fixture[]): void {
  for (const f of files) {
    const header = ['---', `title: Article ${f.name}`, `published: ${f.day}T08:00:00.000Z`, ...(f.guild ? [`guild: ${f.guild}`] : []), '---'];
    fs.writeFileSync(path.join(dir, `${f.name}.txt`), `${header.join('\n')}\n${f.sentences.join('\n\n')}\n`);
  }
}

const SCOPES: Array<{ label: string; scope: Scope; sees: (f: Fixture) => boolean }> = [
  { label: 'commun (console)', scope: {}, sees: (f) => f.guild === undefined },
  { label: 'serveur 1', scope: { guildId: G1 }, sees: (f) => f.guild === undefined || f.guild === G1 },
  { label: 'serveur 2', scope: { guildId: G2 }, sees: (f) => f.guild === undefined || f.guild === G2 },
];

const dirs: string[] = [];
let whole: SqliteCorpusEngine;
const alone = new Map<string, SqliteCorpusEngine>();

beforeAll(async () => {
  const make = (files: readonly Fixture[]) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-scope-'));
    dirs.push(dir);
    write(dir, files);
    return dir;
  };
  ({ engine: whole } = await openEngine({ corpusDir: make(FILES), indexPath: ':memory:' }));
  for (const { label, sees } of SCOPES) {
    alone.set(label, (await openEngine({ corpusDir: make(FILES.filter(sees)), indexPath: ':memory:' })).engine);
  }
});

afterAll(async () => {
  await whole?.close();
  for (const engine of alone.values()) await engine.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// The reference engines hold only what their scope sees: nothing is hidden there, so they answer
// from the unscoped paths (precomputed counts); the whole corpus's answers must be the same.

/** What an excerpt says, whatever index it comes from. */
const said = (e: { articleId: string; text: string }) => `${e.articleId}: ${e.text}`;

describe.each(SCOPES)('scope $label', ({ label, scope, sees }) => {
  const reference = () => alone.get(label)!;
  const visible = FILES.filter(sees).map((f) => f.name).sort();

  it('lists, opens and counts its visible articles only', async () => {
    expect((await whole.sources(scope)).map((a) => a.id).sort()).toEqual(visible);
    expect((await whole.articlesSince(0, scope)).sort()).toEqual(visible);
    for (const f of FILES) {
      const opened = await whole.article(f.name, scope);
      if (sees(f)) expect(opened?.id).toBe(f.name);
      else expect(opened).toBeUndefined();
    }
    const choices = (await whole.autocompleteArticles('article', 25, scope)).map((c) => c.value).sort();
    expect(choices).toEqual(visible);
  });

  it('answers an actor with the true total, excerpts and related actors', async () => {
    const got = await whole.actor('Russie', {}, scope);
    const want = await reference().actor('Russie', {}, scope);
    expect(got.found && want.found).toBe(true);
    if (!got.found || !want.found) return;
    expect(got.total).toBe(want.total);
    expect(got.total).toBe(FILES.filter(sees).flatMap((f) => f.sentences).filter((s) => s.includes('Russie')).length);
    expect(got.excerpts.map(said)).toEqual(want.excerpts.map(said));
    expect(got.related).toEqual(want.related);
    // Related actors named only in hidden articles drop out; shared ones keep their visible count
    // (Turquie and Japon are left for the tests below, which need them not asked yet).
    for (const name of ['Chine', 'Iran', 'Ukraine']) {
      const [mine, theirs] = [await whole.actor(name, {}, scope), await reference().actor(name, {}, scope)];
      expect(mine.found).toBe(theirs.found);
      if (mine.found && theirs.found) expect(mine.related, name).toEqual(theirs.related);
    }
  });

  it('counts an actor’s passages and related actors without reading an article row per mention (hidden articles listed once)', async () => {
    // The statements the engine prepares, recorded; the count's plan read from SQLite itself.
    const db = (whole as unknown as { db: import('better-sqlite3').Database }).db;
    const prepare = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
    try {
      // A name not asked for in this scope yet: its count is not kept from an earlier answer.
      const got = await whole.actor('Turquie', { limit: 1 }, scope);
      expect(got.found).toBe(true);
      if (got.found) expect(got.total).toBe(FILES.filter(sees).flatMap((f) => f.sentences).filter((s) => s.includes('Turquie')).length);
    } finally {
      db.prepare = prepare as typeof db.prepare;
    }
    // The count, and the related actors counted from the visible mentions.
    const passes = prepared.filter((sql) => sql.includes('count(DISTINCT m.passage)') || sql.includes('JOIN mentions x'));
    expect(passes).toHaveLength(2);
    for (const sql of passes) {
      const args = new Array((sql.match(/\?/g) ?? []).length).fill(1);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail);
      // Articles are read through the partial index on their server (hidden ones), never row by row.
      expect(plan.filter((d) => /\barticles\b|\ba\b USING INTEGER PRIMARY KEY/.test(d) && !/articles_guild/.test(d))).toEqual([]);
    }
    // Related actors: the precomputed co-mentions less the hidden articles' pairs; only the hidden
    // articles' mentions are self-joined, never all of the actor's.
    const related = passes.find((sql) => sql.includes('JOIN mentions x'))!;
    expect(related).toContain('FROM co_mentions c');
    expect(related).toMatch(/m\.article IN \(SELECT n FROM articles WHERE guild IS NOT NULL/);
  });

  it('reads an actor’s related actors once per index state: the next page reuses them', async () => {
    const db = (whole as unknown as { db: import('better-sqlite3').Database }).db;
    const prepare = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
    try {
      const first = await whole.actor('Japon', { offset: 0, limit: 1 }, scope);
      const second = await whole.actor('Japon', { offset: 1, limit: 1 }, scope);
      expect(first.found && second.found).toBe(true);
      if (first.found && second.found) expect(second.related).toEqual(first.related);
    } finally {
      db.prepare = prepare as typeof db.prepare;
    }
    expect(prepared.filter((sql) => sql.includes('JOIN mentions x') || sql.includes('FROM co_mentions'))).toHaveLength(1);
  });

  it('searches the visible sentences only, total included', async () => {
    const got = await whole.search('turbines éoliennes', {}, scope);
    const want = await reference().search('turbines éoliennes', {}, scope);
    expect(got.total).toBe(want.total);
    expect(got.excerpts.map(said)).toEqual(want.excerpts.map(said));
  });

  it('briefs from the visible articles, actors counted on them', async () => {
    for (const request of [{}, { topic: 'Russie' }, { topic: 'turbines' }, { limit: 0 }]) {
      const got = await whole.briefing(request, scope);
      const want = await reference().briefing(request, scope);
      expect(got.stories.map((s) => s.sources.map((a) => a.id))).toEqual(want.stories.map((s) => s.sources.map((a) => a.id)));
      expect(got.excerpts.map(said)).toEqual(want.excerpts.map(said));
      expect(got.actors).toEqual(want.actors);
      expect(got.actorMentions).toBe(want.actorMentions);
      expect(got.consideredArticles).toBe(want.consideredArticles);
    }
    // Articles named by the caller (the digest's) that the scope may not see are left out.
    const named = await whole.briefing({ articleIds: FILES.map((f) => f.name), limit: 0 }, scope);
    const namedWant = await reference().briefing({ articleIds: visible, limit: 0 }, scope);
    expect(named.actors).toEqual(namedWant.actors);
    expect(named.consideredArticles).toBe(visible.length);
  });

  it('draws series and trends from the visible mentions', async () => {
    const got = await whole.mentionSeries(['country:RUS', 'country:CHN'], 30, scope);
    const want = await reference().mentionSeries(['country:RUS', 'country:CHN'], 30, scope);
    expect({ ...got, stamp: '' }).toEqual({ ...want, stamp: '' });
    const trends = await whole.trends(3, 5, scope);
    const trendsWant = await reference().trends(3, 5, scope);
    expect({ ...trends, stamp: '' }).toEqual({ ...trendsWant, stamp: '' });
  });
});

describe('what differs between scopes', () => {
  it('gives each scope its own picture key and keeps the shared view free of every server', async () => {
    const stamps = await Promise.all(SCOPES.map(async ({ scope }) => (await whole.mentionSeries(['country:RUS'], 30, scope))!.stamp));
    expect(new Set(stamps).size).toBe(3);
    expect((await whole.search('turbines', {})).total).toBe(0);
    expect((await whole.search('turbines', {}, { guildId: G1 })).total).toBe(1);
  });

  it('alerts a server’s own article in that server only, a shared one everywhere', async () => {
    const arrivals = await whole.arrivals(0);
    const byId = new Map(arrivals.map((a) => [a.id, a]));
    expect(byId.get('nord-1')?.guild).toBe(G1);
    expect(byId.get('commun-1')?.guild).toBeUndefined();
    const now = Math.max(...arrivals.map((a) => a.arrivedAt));
    const follow = (id: string, guildId: string) =>
      ({ id, guildId, kind: 'actor', actorId: 'country:RUS', query: '', createdAfterIndexMark: 0 }) as unknown as Parameters<typeof matchFollows>[1][number];
    const matches = matchFollows(arrivals, [follow('f1', G1), follow('f2', G2)], new Map(), now, { maxAgeMs: Number.MAX_SAFE_INTEGER });
    expect(matches.get('f1')?.sort()).toEqual(['commun-1', 'nord-1', 'nord-2']);
    expect(matches.get('f2')?.sort()).toEqual(['commun-1', 'sud-1', 'sud-2']);
  });
});
