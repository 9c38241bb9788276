import { describe, expect, it } from 'vitest';
import { laterEvidence, standsAloneByEvidence } from '../../src/services/briefing/evidence.js';
import { composeBriefing, type BriefingArticle, type CandidateExcerpt } from '../../src/services/briefing/compose.js';
import { termsOf } from '../../src/services/text/stem.js';

// Sentences written for the test (issue #21, topic briefings, pass 8): each evidence rule both ways.
const named = (s: string) => laterEvidence(s).namedSubject;

describe('the subject is read past its apposition (18 words)', () => {
  it('a name placed after a long apposition and before the verb', () =>
    expect(named('Le Premier ministre portugais Luís Montenegro, dans un entretien accordé mardi à la radio publique, a annoncé des élections.')).toBe(true));
  it('a long subject without any name is still no evidence', () =>
    expect(named('Le porte-parole du gouvernement, dans un entretien accordé mardi à une radio publique, a annoncé des élections.')).toBe(false));
});

describe('a one-word name before its verb', () => {
  it.each(['Lisbonne a annoncé mardi la fermeture de trois centrales à charbon.', 'Montenegro a démissionné mardi soir.'])('names it: %s', (s) =>
    expect(named(s)).toBe(true));
  it.each(['Plusieurs ont quitté la capitale dans la nuit.', 'Certains ont dénoncé un coup de force.'])('a quantity is no name: %s', (s) =>
    expect(named(s)).toBe(false));
});

describe('a live blog entry stamp is not the subject', () => {
  it('the name after the stamp is the subject', () => expect(named('Mardi 4 mars 15h20 : Lisbonne a annoncé la démission du gouvernement.')).toBe(true));
  it('a stamp and a subject without a name', () => expect(named('Mardi 4 mars 15h20 : Le gouvernement a présenté sa démission.')).toBe(false));
  it('a bare hour stamp', () => expect(named('15h20 - Luís Montenegro a présenté sa démission au président.')).toBe(true));
});

describe('a sentence that answers what it does not name is no evidence', () => {
  const evidence = (s: string) => standsAloneByEvidence(s, true);
  it('a quoted judgement as the only object (what is « une étape décisive »?)', () => {
    const s = 'Le ministre portugais des Finances, Joaquim Miranda Sarmento, a salué « une étape décisive ».';
    expect(laterEvidence(s).answersUnnamed).toBe(true);
    expect(evidence(s)).toBe(false);
  });
  it('a quoted judgement behind a day word', () =>
    expect(evidence('Le ministre portugais des Finances, Joaquim Miranda Sarmento, a salué mardi « une étape décisive ».')).toBe(false));
  it('the thing judged named, then the quotation', () =>
    expect(evidence('Le ministre Joaquim Miranda Sarmento a salué l’accord conclu mardi avec Bruxelles sur la dette, « une étape décisive ».')).toBe(true));
  it('a quotation after « avait été » is said of a named thing, not a reaction', () =>
    expect(laterEvidence('Luís Montenegro a affirmé que la réunion avait été « très utile ».').answersUnnamed).toBe(false));
  it('an open comparison (more guarantees than what?)', () =>
    expect(evidence('Le ministre Joaquim Miranda Sarmento a réclamé vendredi plus de garanties de la part de Madrid.')).toBe(false));
  it.each([
    'Le ministre Joaquim Miranda Sarmento a réclamé plus de garanties que l’an dernier.',
    'Luís Montenegro, au pouvoir depuis plus de deux ans, a démissionné.',
    'Lisbonne n’a plus de réserves de gaz pour l’hiver, selon Luís Montenegro.',
    'Plus de 3 000 personnes ont manifesté à Lisbonne samedi.',
  ])('a closed comparison, a number or a negation: %s', (s) => expect(laterEvidence(s).answersUnnamed).toBe(false));
});

describe('on a topic, a story opens on a later sentence only with weaker evidence, or when nothing else is served', () => {
  const TITLE = 'Les alliés de Lisbonne prennent leurs distances';
  const texts = [
    'Aujourd’hui, nous parlerons des alliés du Portugal.',
    'La délégation sera menée par le bras droit du ministre.',
    'Depuis les élections de mars, Madrid se rapproche de Paris.',
  ];
  const candidate = (i: number): CandidateExcerpt => ({
    articleId: 'allies',
    sentenceIndexes: [i],
    text: texts[i]!,
    kind: 'sentence',
    score: 1,
    opensParagraph: false,
  });
  const article = (ids: number[]): BriefingArticle => ({
    id: 'allies',
    date: '2025-03-20',
    title: TITLE,
    titleTerms: termsOf(TITLE),
    sentenceTerms: texts.map((t) => termsOf(t)),
    actors: new Map(),
    text: texts.join(' '),
    candidates: ids.map(candidate),
  });
  const relevance = () => 1;
  const later = (c: CandidateExcerpt) => standsAloneByEvidence(c.text, c.opensParagraph === true);
  const opener = (c: CandidateExcerpt) => laterEvidence(c.text).namedSubject;
  const other: BriefingArticle = {
    id: 'budget',
    date: '2025-03-20',
    title: 'Le Parlement portugais adopte le budget',
    titleTerms: termsOf('Le Parlement portugais adopte le budget'),
    sentenceTerms: [termsOf('Le Parlement portugais a adopté mardi le budget 2026 par 120 voix contre 90.')],
    actors: new Map(),
    text: 'Le Parlement portugais a adopté mardi le budget 2026 par 120 voix contre 90.',
    candidates: [
      { articleId: 'budget', sentenceIndexes: [0], text: 'Le Parlement portugais a adopté mardi le budget 2026 par 120 voix contre 90.', kind: 'lead', score: 1, opensParagraph: true },
    ],
  };
  const served = (stories: ReturnType<typeof composeBriefing>) => stories.flatMap((s) => s.picks.map((p) => `${p.articleId}#${p.sentenceIndexes[0]}`));

  it('a later sentence that names its subject opens the story', () =>
    expect(served(composeBriefing([other, article([1, 2])], { limit: 4, relevance, later, opener }))).toEqual(['budget#0', 'allies#2']));
  it('one that does not is left out while another story is served', () =>
    expect(served(composeBriefing([other, article([1])], { limit: 4, relevance, later, opener }))).toEqual(['budget#0']));
  it('without `opener`, no later sentence without evidence opens a story', () =>
    expect(served(composeBriefing([other, article([1, 2])], { limit: 4, relevance, later }))).toEqual(['budget#0']));
  it('a briefing that would be empty serves it after all', () =>
    expect(served(composeBriefing([article([1])], { limit: 4, relevance, later, opener }))).toEqual(['allies#1']));
});
