/**
 * Two reasons an article's first body sentence is not its lead (issue #21, point 2), pinned both
 * ways on French sentences written for these tests: a photo caption without a verb (names, a
 * scene, a closing date or a credit), and a sentence that only repeats the headline.
 */
import { describe, expect, it } from 'vitest';
import { judgeSentence } from '../../src/services/briefing/standalone.js';
import { sceneCaption } from '../../src/services/briefing/standalone/scene-caption.js';
import { echoesHeadline } from '../../src/services/briefing/headline-echo.js';
import { articleExcerpts, excerptFlags, SentenceFlag } from '../../src/services/briefing/excerpts.js';
import { splitParagraphSentences } from '../../src/services/text/sentences.js';

function sentencesOf(paragraphs: string[], centrality = 0.5) {
  return splitParagraphSentences(paragraphs).map((s) => ({ ...s, centrality }));
}

describe('a verbless photo caption is no lead (scene-caption)', () => {
  const captions = [
    // Names, `lors de`, a place and a date with no comma before it.
    'La chancelière Anna Berg et le Premier ministre Pavel Novák lors de leur entretien à la chancellerie le 4 février 2026.',
    // `pendant`, a date after `le`.
    'Le ministre polonais des Finances Adam Kowal pendant une conférence de presse à Varsovie le 12 mars.',
    // `à [lieu]` as the scene, a weekday before the date.
    'Le chef de la diplomatie brésilienne Rui Costa à Brasilia mardi 3 juin 2025.',
    // No date, but its credit in the sentence.
    'La présidente moldave Ana Lungu lors du sommet européen à Bruxelles. © AFP',
  ];
  for (const text of captions) {
    it(`vetoes « ${text.slice(0, 50)}… » as a first sentence`, () => {
      const verdict = judgeSentence(text, { index: 0 });
      expect(verdict.reasons.map((r) => r.rule)).toContain('scene-caption');
      expect(verdict.standsAlone).toBe(false);
    });
  }

  const leads = [
    // A compound tense: an event reported, `lors de` and a closing date notwithstanding.
    'Le président a annoncé lors de sa visite à Kiev une aide militaire de deux milliards le 18 août.',
    // A present tense after the name, where a verb stands (`salue`).
    'Emmanuel Dupont salue la foule lors de sa visite à Lyon le 3 mars.',
    // A present tense after an institution (`Le Kremlin dément`).
    'Le Kremlin dément toute livraison d’armes lors d’un point de presse à Moscou le 3 mai.',
    // A plural present in `-ent` (`rencontrent`).
    'Les dirigeants baltes rencontrent Anna Berg lors du sommet de Riga le 9 juin.',
    // A pronominal verb.
    'Les ministres européens se retrouvent à Bruxelles le 18 août.',
    // An adverbial opening, not a subject noun phrase.
    'Lors de sa visite à Kiev le 18 août, le chancelier a promis des munitions.',
    // The span of a night is no caption's date.
    'Frappes russes massives à Kiev dans la nuit du 9 au 10 octobre.',
    // No scene marker.
    'Le Parlement européen et la Commission, le 18 août 2025.',
  ];
  for (const text of leads) {
    it(`keeps « ${text.slice(0, 50)}… »`, () => {
      expect(sceneCaption(text)).toBeUndefined();
      expect(judgeSentence(text, { index: 0 }).reasons.map((r) => r.rule)).not.toContain('scene-caption');
    });
  }

  it('gives the lead to the next sentence that stands alone', () => {
    const candidates = articleExcerpts(
      'cap',
      sentencesOf([
        'La chancelière Anna Berg et le Premier ministre Pavel Novák lors de leur entretien à la chancellerie le 4 février 2026.',
        'Berlin et Prague ont signé mercredi un accord sur le stockage commun de gaz.',
      ]),
    );
    expect(candidates[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [1] });
    expect(candidates.some((c) => c.sentenceIndexes.includes(0))).toBe(false);
  });
});

describe('a first sentence that repeats the headline gives the lead to the next (headline-echo)', () => {
  const headline = 'Le Portugal relève son salaire minimum de 5 % au 1er janvier';

  it('reads an echo on words: case, accents and punctuation aside, a site name in the title aside', () => {
    expect(echoesHeadline('Le Portugal relève son salaire minimum de 5 % au 1er janvier.', headline)).toBe(true);
    expect(echoesHeadline('LE PORTUGAL RELEVE SON SALAIRE MINIMUM DE 5 % AU 1ER JANVIER', `${headline} | Le Quotidien`)).toBe(true);
  });

  it('is no echo when the sentence says more than the headline, or is too short to judge', () => {
    expect(echoesHeadline('Le Portugal relève son salaire minimum de 5 % au 1er janvier, a annoncé mardi le gouvernement.', headline)).toBe(false);
    expect(echoesHeadline('Le gouvernement portugais a annoncé mardi une hausse de 5 % du salaire minimum.', headline)).toBe(false);
    expect(echoesHeadline('Le Portugal.', headline)).toBe(false);
    expect(echoesHeadline('Le Portugal relève son salaire minimum.', '')).toBe(false);
  });

  it('moves the lead to the next servable sentence, and the echo is no longer served', () => {
    const sentences = sentencesOf([
      'Le Portugal relève son salaire minimum de 5 % au 1er janvier.',
      'Le gouvernement portugais a annoncé mardi que le salaire minimum passerait à 920 euros par mois.',
    ]);
    const flags = excerptFlags(sentences, sentences.map(() => 0.5), headline);
    expect(flags[1]! & SentenceFlag.Lead).toBe(SentenceFlag.Lead);
    expect(flags[0]! & (SentenceFlag.Lead | SentenceFlag.Servable)).toBe(0);
    expect(articleExcerpts('pt', sentences, { headline })[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [1] });
  });

  it('keeps the echo as the lead when nothing after it can be served', () => {
    const sentences = sentencesOf(['Le Portugal relève son salaire minimum de 5 % au 1er janvier.', 'Cette hausse coûtera cher aux employeurs.']);
    const flags = excerptFlags(sentences, sentences.map(() => 0.5), headline);
    expect(flags[0]! & SentenceFlag.Lead).toBe(SentenceFlag.Lead);
  });

  it('keeps a first sentence that tells more than its headline', () => {
    const sentences = sentencesOf([
      'Le gouvernement portugais a annoncé mardi une hausse de 5 % du salaire minimum au 1er janvier.',
      'Le salaire minimum passera à 920 euros par mois.',
    ]);
    const flags = excerptFlags(sentences, sentences.map(() => 0.5), headline);
    expect(flags[0]! & SentenceFlag.Lead).toBe(SentenceFlag.Lead);
  });
});
