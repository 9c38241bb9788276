import { describe, expect, it } from 'vitest';
import { laterEvidence, standsAloneByEvidence } from '../../src/services/briefing/evidence.js';
import { composeBriefing, type BriefingArticle, type CandidateExcerpt } from '../../src/services/briefing/compose.js';
import { articleExcerpts } from '../../src/services/briefing/excerpts.js';
import { termsOf } from '../../src/services/text/stem.js';

// Sentences written for the test (issue #21): a later sentence is served on a topic only with
// positive evidence that it reads alone, not because no veto fired.
describe('a later sentence names its subject', () => {
  it.each([
    'Le ministre brésilien des Finances, Fernando Haddad, a présenté mardi un budget rectificatif.',
    'Selon la Banque centrale, l’inflation a reculé à 4,1 % en novembre.',
    'À Belém, M. Lula a reçu les délégués des pays amazoniens.',
    'Le Sénat brésilien examinera le texte la semaine prochaine.',
  ])('names it: %s', (s) => expect(laterEvidence(s).namedSubject).toBe(true));

  it.each([
    'Le texte prévoit une baisse des dépenses de santé.',
    'Les délégués ont salué un accord « historique » avec le Brésil.',
    'Une pression supplémentaire pour contraindre Lula à négocier avec Brasilia.',
    'Budget et dépenses : le Brésil réduit ses aides.',
    'Très clairement, un revers pour Brasilia et pour Lula.',
  ])('does not: %s', (s) => expect(laterEvidence(s).namedSubject).toBe(false));
});

describe('positive evidence: opens a paragraph and names its subject', () => {
  const named = 'Le Sénat brésilien examinera le texte la semaine prochaine.';
  it('serves a named subject that opens a paragraph', () => expect(standsAloneByEvidence(named, true)).toBe(true));
  it('not in the middle of a paragraph', () => expect(standsAloneByEvidence(named, false)).toBe(false));
  it('not a definite noun that points back, even opening a paragraph', () =>
    expect(standsAloneByEvidence('La délégation sera menée par le chef de la diplomatie.', true)).toBe(false));
});

describe('candidates know whether they open a paragraph', () => {
  const sentences = [
    { paragraph: 0, text: 'Le Parlement brésilien a adopté mardi le budget 2026 par 300 voix contre 150.' },
    { paragraph: 0, text: 'La Banque centrale du Brésil prévoit une croissance de 2 % en 2026.' },
    { paragraph: 1, text: 'Le Sénat brésilien examinera le budget la semaine prochaine à Brasilia.' },
  ];
  it('marks the opening of each paragraph', () => {
    const byIndex = new Map(articleExcerpts('a', sentences.map((s) => ({ ...s, centrality: 0 }))).map((c) => [c.sentenceIndexes[0], c.opensParagraph]));
    expect(byIndex.get(0)).toBe(true);
    expect(byIndex.get(1)).toBe(false);
    expect(byIndex.get(2)).toBe(true);
  });
});

describe('on a topic, later sentences need evidence; leads come first', () => {
  const TITLE = 'Le Parlement brésilien adopte le budget';
  const texts = [
    'Le Parlement brésilien a adopté mardi le budget 2026 par 300 voix contre 150.',
    'Le texte réduit de 2 % les aides versées à Rio de Janeiro.',
    'Le Sénat brésilien examinera le budget le 12 décembre à Brasilia.',
  ];
  const candidate = (i: number, opensParagraph: boolean): CandidateExcerpt => ({
    articleId: 'bresil',
    sentenceIndexes: [i],
    text: texts[i]!,
    kind: i === 0 ? 'lead' : 'sentence',
    // The later sentences are the most relevant: only the gate keeps the dependent one out.
    score: i === 0 ? 0.5 : 1,
    opensParagraph,
  });
  const article: BriefingArticle = {
    id: 'bresil',
    date: '2025-12-02',
    title: TITLE,
    titleTerms: termsOf(TITLE),
    sentenceTerms: texts.map((t) => termsOf(t)),
    actors: new Map(),
    text: texts.join(' '),
    candidates: [candidate(1, false), candidate(2, true), candidate(0, true)],
  };
  const relevance = (c: CandidateExcerpt) => (c.sentenceIndexes[0] === 0 ? 0.3 : 1);
  const later = (c: CandidateExcerpt) => standsAloneByEvidence(c.text, c.opensParagraph === true);

  it('serves the lead, then only the later sentence with evidence, and fewer than asked', () => {
    const [story] = composeBriefing([article], { limit: 3, relevance, later });
    expect(story!.picks.map((p) => p.sentenceIndexes[0])).toEqual([0, 2]);
  });
  it('a story whose only mention of the topic lacks evidence still gets that one pick, never nothing', () => {
    // On the topic « Rio », only the dependent sentence is relevant: a briefing saying the corpus has
    // nothing on Rio would be false.
    const onRio = (c: CandidateExcerpt) => (c.sentenceIndexes[0] === 1 ? 1 : 0);
    const [story] = composeBriefing([article], { limit: 3, relevance: onRio, later });
    expect(story!.picks.map((p) => p.sentenceIndexes[0])).toEqual([1]);
  });
  it('without the gate, the dependent sentence is served and leads the story', () => {
    const [story] = composeBriefing([article], { limit: 3, relevance });
    expect(story!.picks.map((p) => p.sentenceIndexes[0])).toContain(1);
  });
});
