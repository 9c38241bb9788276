/**
 * The index gives the answers a straightforward reference computes in the same run, on a 1,000
 * article synthetic corpus: for each actor, exactly the sentences the actor matcher finds it in
 * (with its spans); for each query, exactly the sentences holding one of its terms; for each
 * article, exactly its cleaned paragraphs. The reference reads every file itself and cuts every
 * sentence on its own, so a storage or sharing shortcut in the index that loses or adds anything
 * shows here. Orders are not compared: ranking is the engine's own business. Related actors are
 * the co-mention counts the reference computes: two listed actors named in one sentence, neither
 * only as a meeting's venue (actors/roles.ts), media never listed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { foldText } from '../../src/services/text/normalize.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCorpus } from '../../benchmarks/corpus.js';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { venueMentions } from '../../src/services/actors/roles.js';
import { tokenize } from '../../src/services/text/normalize.js';
import { cleanArticle } from '../../src/services/corpus/boilerplate.js';
import { decodeArticleBytes } from '../../src/services/corpus/decode.js';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { splitParagraphSentences } from '../../src/services/text/sentences.js';
import { termsOf } from '../../src/services/text/stem.js';

const ARTICLES = 1000;
const SEEDS = path.resolve(__dirname, '../../seeds');

interface ReferenceSentence {
  articleId: string;
  index: number;
  text: string;
  terms: Set<string>;
  mentions: Array<{ actorId: string; start: number; end: number }>;
  /** Actors named in the sentence other than only as a venue. */
  related: Set<string>;
}

let dir: string;
let engine: SqliteCorpusEngine;
let matcher: ActorMatcher;
const paragraphs = new Map<string, string[]>();
const sentences: ReferenceSentence[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-equivalence-'));
  matcher = new ActorMatcher(buildCatalog());
  ensureCorpus(dir, ARTICLES, SEEDS);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const decoded = decodeArticleBytes(fs.readFileSync(path.join(dir, file)));
    if (!decoded.ok) continue;
    const article = cleanArticle(file.replace(/\.txt$/, ''), decoded.text);
    paragraphs.set(article.id, article.paragraphs);
    splitParagraphSentences(article.paragraphs).forEach((s, index) => {
      const mentions = matcher.findMentions(s.text);
      const venues = venueMentions(s.text, tokenize(s.text), mentions, (m) => matcher.isCity(m));
      const related = new Set(mentions.filter((_, i) => !venues.has(i)).map((m) => m.actorId));
      sentences.push({ articleId: article.id, index, text: s.text, terms: new Set(termsOf(s.text)), mentions, related });
    });
  }
  ({ engine } = await openEngine({ corpusDir: dir, indexPath: path.join(dir, 'index.db') }));
}, 600_000);

afterAll(async () => {
  await engine?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const key = (articleId: string, index: number) => `${articleId}#${index}`;

describe('the index on a 1,000 article corpus, against a straightforward reference', () => {
  it('holds every article, its paragraphs spelled exactly', { timeout: 120_000 }, async () => {
    expect((await engine.sources()).length).toBe(paragraphs.size);
    for (const [id, expected] of paragraphs) expect((await engine.article(id))?.paragraphs, id).toEqual(expected);
  });

  it('finds each listed actor in exactly the sentences the matcher finds it in, with its spans', { timeout: 120_000 }, async () => {
    for (const name of ['Russie', 'Chine', 'Ukraine', 'Iran', 'Turquie', 'France', 'Arménie', 'OTAN', 'Union européenne']) {
      const answer = await engine.actor(name);
      if (!answer.found) throw new Error(`${name} inconnu`);
      const expected = new Map<string, { text: string; spans: Array<{ start: number; end: number }> }>();
      for (const s of sentences) {
        const spans = s.mentions
          .filter((m) => m.actorId === answer.actor.id)
          .map((m) => ({ start: m.start, end: m.end }));
        if (spans.length > 0) expected.set(key(s.articleId, s.index), { text: s.text, spans });
      }
      const got = new Map(answer.excerpts.map((e) => [key(e.articleId, e.sentenceIndex), { text: e.text, spans: e.highlights }]));
      expect(expected.size, name).toBeGreaterThan(0);
      // A sentence repeated word for word (punctuation and case aside) is listed and counted once:
      // every sentence listed is one the matcher finds, and every distinct text is listed.
      const same = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      const distinct = new Set([...expected.values()].map((v) => same(v.text))).size;
      expect(answer.total, name).toBe(distinct);
      expect(answer.total + answer.repeated, name).toBe(expected.size);
      for (const [k, v] of got) expect(expected.get(k), `${name} ${k}`).toEqual(v);
      expect(new Set([...got.values()].map((v) => same(v.text))), name).toEqual(new Set([...expected.values()].map((v) => same(v.text))));
      expect(got.size, name).toBe(new Set([...got.values()].map((v) => same(v.text))).size);
    }
  });

  it('relates listed actors exactly as often as the reference names them together, media and venues aside', { timeout: 120_000 }, async () => {
    for (const name of ['Russie', 'Chine', 'Ukraine', 'Iran', 'OTAN', 'Union européenne']) {
      const answer = await engine.actor(name);
      if (!answer.found) throw new Error(`${name} inconnu`);
      const expected = new Map<string, number>();
      for (const s of sentences) {
        if (!s.related.has(answer.actor.id)) continue;
        for (const other of s.related) if (other !== answer.actor.id) expected.set(other, (expected.get(other) ?? 0) + 1);
      }
      const listed = answer.related.filter((r) => matcher.actors.has(r.id!));
      expect(listed.length, name).toBeGreaterThan(0);
      for (const r of listed) {
        expect(matcher.actors.get(r.id!)?.kind, name).not.toBe('medium');
        expect(r.count, `${name} / ${r.name}`).toBe(expected.get(r.id!));
      }
      // Nothing listed and more often named with it is missing (the list is the top, found actors aside).
      const floor = Math.min(...answer.related.map((r) => r.count));
      const shown = new Set(answer.related.map((r) => r.id));
      const missing = [...expected].filter(([id, n]) => n > floor && !shown.has(id) && matcher.actors.get(id)?.kind !== 'medium');
      expect(missing, name).toEqual([]);
    }
  });

  it('finds each query in exactly the sentences holding one of its terms', { timeout: 120_000 }, async () => {
    for (const query of ['sanctions', 'drones', 'pétrole', 'négociations militaires', 'cessez-le-feu']) {
      const wanted = new Set(termsOf(query));
      const expected = new Map(
        sentences.filter((s) => [...wanted].some((t) => s.terms.has(t))).map((s) => [key(s.articleId, s.index), s.text]),
      );
      const answer = await engine.search(query);
      expect(expected.size, query).toBeGreaterThan(0);
      expect(answer.total, query).toBe(expected.size);
      expect(new Map(answer.excerpts.map((e) => [key(e.articleId, e.sentenceIndex), e.text])), query).toEqual(expected);
    }
  });
});
