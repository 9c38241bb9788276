/**
 * The real-page evaluation of issue #21 (benchmarks/eval/real/): its labels and its splits are
 * checked here, the new scoring pieces on cases counted by hand, and the product is held to the
 * issue's targets on the `test` split.
 *
 * TARGETS ON `test`: today's product misses them (see /work/notes/eval.md and the README table).
 * That test is declared with `it.fails`: it passes while the product misses a target and turns
 * red the day every target is met — then replace `it.fails` with `it` so that CI holds them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCorpus, realLabels, realTargetMisses, ROOT, type CorpusReport } from '../../benchmarks/eval/evaluate.js';
import { rulePrecision } from '../../benchmarks/eval/rules.js';
import { groupingPairs, keyFactRecall, opensDependent, storyLeadBaseline, type CorpusLabels } from '../../benchmarks/eval/score.js';
import { splitArticleHeader } from '../../src/services/corpus/header.js';

const splits = realLabels();
const dev = splits.find((s) => s.split === 'dev')!;
const test = splits.find((s) => s.split === 'test')!;
const all = [dev, test];
const header = (file: string) => splitArticleHeader(fs.readFileSync(path.join(ROOT, file), 'utf8')).header ?? {};
const host = (url: string) => new URL(url).hostname.replace(/^www\./, '');

describe('the real pages and their labels', () => {
  it('has a dev and a test split, no event in both, and every stored page labelled once', () => {
    expect(dev?.split).toBe('dev');
    expect(test?.split).toBe('test');
    const devStories = new Set(Object.values(dev.articles).map((a) => a.story));
    const shared = Object.values(test.articles).filter((a) => devStories.has(a.story));
    expect(shared).toEqual([]);
    for (const labels of all) {
      const dir = path.join(ROOT, 'benchmarks/eval/real', labels.split!);
      const stored = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')).sort();
      expect(Object.keys(labels.articles).sort()).toEqual(stored);
      for (const [id, a] of Object.entries(labels.articles)) expect(a.file).toBe(`benchmarks/eval/real/${labels.split}/${id}.txt`);
    }
  });

  it('keeps each page’s provenance in the feed header the product reads (title, url, site)', () => {
    for (const labels of all) {
      for (const [id, a] of Object.entries(labels.articles)) {
        const h = header(a.file);
        expect(h.title, id).toBeTruthy();
        expect(h.url, id).toMatch(/^https?:\/\//);
        expect(h.site, id).toBeTruthy();
      }
    }
  });

  it('is as large and as varied as issue #21 asks: 60 pages, 25 outlets, 8 events told by several outlets, about 60/40', () => {
    const articles = all.flatMap((l) => Object.values(l.articles));
    expect(articles.length).toBeGreaterThanOrEqual(60);
    const outlets = new Set(articles.map((a) => host(header(a.file).url!)));
    expect(outlets.size).toBeGreaterThanOrEqual(25);
    const outletsPerStory = new Map<string, Set<string>>();
    for (const a of articles) outletsPerStory.set(a.story, (outletsPerStory.get(a.story) ?? new Set()).add(host(header(a.file).url!)));
    expect([...outletsPerStory.values()].filter((o) => o.size >= 2).length).toBeGreaterThanOrEqual(8);
    const devShare = Object.keys(dev.articles).length / articles.length;
    expect(devShare).toBeGreaterThan(0.5);
    expect(devShare).toBeLessThan(0.7);
    const genres = articles.map((a) => a.genre ?? '').join(' | ');
    for (const genre of ['dépêche', 'direct', 'analyse', 'entretien', 'éditorial', 'brève', 'résumé du jour']) expect(genres).toContain(genre);
    // Every story has a key fact to recall.
    for (const labels of all) for (const story of Object.keys(labels.stories)) expect(labels.keyFacts?.[story]?.length, story).toBeGreaterThan(0);
  });
});

describe('the scoring pieces added for the real pages, on cases counted by hand', () => {
  const labels: CorpusLabels = {
    corpus: 'essai',
    description: '',
    stories: { a: 'A', b: 'B' },
    articles: {
      a1: { file: 'a1.txt', story: 'a', lead: ['Le Parlement a voté'], dependent: ['Il a aussi', { prefix: '« Nous', why: 'citation coupée' }] },
      a2: { file: 'a2.txt', story: 'a', lead: ['Les députés ont adopté'], dependent: [] },
      b1: { file: 'b1.txt', story: 'b', lead: ['Un séisme a frappé'], dependent: ['Cette secousse'] },
    },
    topics: {},
    keyFacts: { a: [['vote', 'voté'], ['mardi']], b: [['magnitude 6']] },
  };

  it('Lead-1 grouped by story: each story’s first article first, then the rest of that story', () => {
    const picks = storyLeadBaseline(
      [
        { id: 'a1', sentences: ['Le Parlement a voté mardi.', 'Il a aussi rejeté un amendement.'] },
        { id: 'a2', sentences: ['Les députés ont adopté la loi.'] },
        { id: 'b1', sentences: ['Un séisme a frappé le Maroc.', 'Cette secousse a duré.'] },
      ],
      (id) => labels.articles[id]?.story,
      4,
    );
    expect(picks.map((p) => p.articleId)).toEqual(['a1', 'b1', 'a1', 'b1']);
    expect(picks[2]!.text).toBe('Il a aussi rejeté un amendement.');
  });

  it('key facts: a form found in any pick recalls the fact, without accents or case', () => {
    expect(keyFactRecall(labels, [{ articleId: 'a1', text: 'Le Parlement a VOTÉ MARDI.' }], ['a', 'b'])).toEqual({ found: 2, total: 3 });
    expect(keyFactRecall(labels, [], ['b'])).toEqual({ found: 0, total: 1 });
  });

  it('grouping pairs: together in one labelled story, together across two, apart within one', () => {
    expect(groupingPairs(labels, [['a1', 'b1'], ['a2']])).toEqual({ groups: 2, stories: 2, right: 0, merged: ['a1 + b1'], split: ['a1 / a2'] });
    expect(groupingPairs(labels, [['a1', 'a2'], ['b1']])).toEqual({ groups: 2, stories: 2, right: 1, merged: [], split: [] });
  });

  it('a label that is a whole sentence (a page cut after « Ce ») names only that sentence', () => {
    const cut = { prefix: 'Ce', why: 'phrase coupée', whole: true };
    expect(opensDependent('Ce', cut)).toBe(true);
    expect(opensDependent('Ce vendredi, le président reçoit son homologue.', cut)).toBe(false);
    expect(opensDependent('Ce vendredi, le président reçoit son homologue.', { prefix: 'Ce', why: 'anaphore' })).toBe(true);
  });

  it('a judge rule’s precision: of the sentences it vetoes, those the labels call dependent, those that are no lead', () => {
    // A judge with two rules: `pronoun` fires on `Il …`, `opening` on every first sentence.
    const judge = (text: string, index: number) => [...(/^Il /.test(text) ? ['pronoun'] : []), ...(index === 0 ? ['opening'] : [])];
    const figures = rulePrecision(labels, new Map([
      ['a1', ['Le Parlement a voté mardi la loi sur l’eau.', 'Il a aussi rejeté un amendement.']],
      ['b1', ['Un séisme a frappé le Maroc vendredi.', 'Cette secousse a duré vingt secondes.']],
    ]), judge);
    expect(figures).toEqual([
      // Two first sentences vetoed, both labelled leads: neither dependent, neither « not the lead ».
      {
        rule: 'opening', vetoes: 2, dependent: 0, notLead: 0,
        wrong: ['a1: [tête] Le Parlement a voté mardi la loi sur l’eau.', 'b1: [tête] Un séisme a frappé le Maroc vendredi.'],
      },
      { rule: 'pronoun', vetoes: 1, dependent: 1, notLead: 1, wrong: [] },
    ]);
  });
});

describe('the product on the real pages (issue #21)', () => {
  const reports = new Map<string, CorpusReport>();
  beforeAll(async () => {
    for (const labels of all) reports.set(labels.split!, await evaluateCorpus(labels));
  }, 120_000);

  it('labels name exactly the sentences they mean, on both splits', () => {
    expect(reports.get('dev')!.labelProblems).toEqual([]);
    expect(reports.get('test')!.labelProblems).toEqual([]);
  });

  it('prints a precision for every judge rule that fires on the dev pages', () => {
    const rules = reports.get('dev')!.rules;
    expect(rules.length).toBeGreaterThan(0);
    for (const f of rules) expect(f.dependent).toBeLessThanOrEqual(f.vetoes);
  });

  it('Lead-1 is measured on the same requests as the product', () => {
    const rows = reports.get('test')!.rows;
    expect(rows.filter((r) => r.system === 'Produit').map((r) => r.request)).toEqual(rows.filter((r) => r.system === 'Lead-1').map((r) => r.request));
  });

  // EXPECTED TO FAIL on today's product (issue #21, brief branch): see the header comment.
  it.fails('test split: stand-alone ≥ 95 %, lead ≥ Lead-1, every story covered, key facts ≥ Lead-1, no redundant pick, true counts', () => {
    expect(realTargetMisses(reports.get('test')!)).toEqual([]);
  });
});
