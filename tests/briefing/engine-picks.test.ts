/**
 * The engine's briefing takes its per-article picks from the article's candidate excerpts: on the
 * seeds, each article is represented by its lead, and no sentence that leans on an unseen one
 * is served, with or without a topic.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { judgeSentence } from '../../src/services/briefing/standalone.js';
import type { Excerpt } from '../../src/services/engine.js';

const LEANING = [/^Pour contrer cela/, /^En proposant un tel échange/, /^Ce lien semble/, /^Pour l’Ukraine, cela/, /^Cela constituerait/];

function expectStandAlone(excerpts: Excerpt[]): void {
  for (const e of excerpts) {
    for (const bad of LEANING) expect(e.text).not.toMatch(bad);
    if (e.kind === 'quote') continue;
    expect(judgeSentence(e.text).reasons, e.text).toEqual([]);
  }
}

describe('briefing picks on the seeds', () => {
  let engine: SqliteCorpusEngine;
  beforeAll(async () => {
    ({ engine } = await openEngine({ corpusDir: path.resolve('seeds'), indexPath: ':memory:' }));
  });
  afterAll(() => engine.close());

  it('gives each article its lead: the WSJ report for 000, the « trêve aérienne » for 004', async () => {
    const briefing = await engine.briefing({ limit: 5 });
    const byArticle = new Map(briefing.excerpts.map((e) => [e.articleId, e]));
    expect(byArticle.size).toBe(5);
    for (const e of byArticle.values()) expect(e.kind).toBe('lead');
    expect(byArticle.get('000_9b88139a494bd2c4')!.text).toMatch(/^Selon un récent rapport du Wall Street Journal/);
    expect(byArticle.get('004_b7ff4d106508452a')!.text).toMatch(/trêve aérienne/);
  });

  it('serves no sentence that leans on another, however many are asked', async () => {
    const briefing = await engine.briefing({ limit: 50 });
    expect(briefing.excerpts.length).toBeGreaterThan(10);
    expectStandAlone(briefing.excerpts);
  });

  it('with a topic, ranks only stand-alone excerpts, quotations whole and highlighted where the actor is', async () => {
    for (const topic of ['Chine', 'Ukraine', 'sanctions']) {
      const briefing = await engine.briefing({ topic, limit: 12 });
      expect(briefing.excerpts.length).toBeGreaterThan(0);
      expectStandAlone(briefing.excerpts);
    }
    // On a topic a later passage needs positive evidence (evidence.ts): a quotation is served
    // whole with its speaker, as in the overview; highlights fall where the topic is named.
    const ukraine = await engine.briefing({ topic: 'Ukraine', limit: 30 });
    for (const e of ukraine.excerpts) for (const h of e.highlights) expect(e.text.slice(h.start, h.end)).toMatch(/^(Ukraine|ukrainien|Ukrainiens|Kiev|Kyiv)/i);
    const overview = await engine.briefing({ limit: 30 });
    const quote = overview.excerpts.find((e) => e.kind === 'quote' && (e.sentenceIndexes?.length ?? 1) > 1);
    expect(quote, 'une citation sur plusieurs phrases').toBeDefined();
    expect(quote!.text).toMatch(/a déclaré/);
  });
});
