import { describe, expect, it } from 'vitest';
import { laterEvidence, standsAloneByEvidence } from '../../src/services/briefing/evidence.js';

// Sentences written for the test (issue #21, topic briefings, session 8 « topic5 »): each
// counter-evidence rule both ways. `evidence` reads the sentence as a paragraph opener.
const evidence = (s: string) => standsAloneByEvidence(s, true);

describe('a main verb that continues a speech is no evidence', () => {
  it.each([
    'Luís Montenegro a ajouté que le Portugal soutiendrait la candidature de Madrid.',
    'La ministre Maria Lúcia Amaral a également ajouté que la police serait renforcée.',
    'Le président Marcelo Rebelo de Sousa a conclu sur la nécessité d’un accord rapide.',
    'Le chef du gouvernement António Costa a insisté sur le calendrier des réformes.',
  ])('continues: %s', (s) => {
    expect(laterEvidence(s).continues).toBe(true);
    expect(evidence(s)).toBe(false);
  });
  it.each([
    'Luís Montenegro a annoncé que le Portugal soutiendrait la candidature de Madrid.',
    'Luís Montenegro a rappelé mardi que le Portugal avait signé le traité en 1986.',
    // The verb of another clause, not the main verb after the subject.
    'Luís Montenegro a reçu mardi le Premier ministre espagnol, qui a ajouté Lisbonne à sa tournée.',
  ])('a main verb that opens a statement: %s', (s) => {
    expect(laterEvidence(s).continues).toBe(false);
    expect(evidence(s)).toBe(true);
  });
});

describe('a social-media embed label is no evidence', () => {
  it.each([
    '#VIDÉO | Le Premier ministre Luís Montenegro salue les manifestants devant le Parlement à Lisbonne.',
    'EN IMAGES | Luís Montenegro salue les manifestants devant le Parlement.',
  ])('embed: %s', (s) => expect(evidence(s)).toBe(false));
  it('the same sentence without its label', () =>
    expect(evidence('Le Premier ministre Luís Montenegro a salué mardi les manifestants devant le Parlement à Lisbonne.')).toBe(true));
});

describe('an object pronoun before the main verb is no evidence', () => {
  it.each([
    'Le Premier ministre Luís Montenegro l’a reçu mardi au palais de São Bento.',
    'Selon des diplomates espagnols, le gouvernement portugais ne les avait pas prévenus de sa décision.',
    'Luís Montenegro lui a remis mardi la médaille de l’ordre du Christ.',
    'Luís Montenegro les a reçus mardi au palais de São Bento.',
  ])('pronoun object: %s', (s) => {
    expect(laterEvidence(s).pronounObject).toBe(true);
    expect(evidence(s)).toBe(false);
  });
  it.each([
    'Le Premier ministre Luís Montenegro a reçu mardi le roi d’Espagne au palais de São Bento.',
    'Selon des diplomates espagnols, le Premier ministre Luís Montenegro n’avait pas prévenu Madrid de sa décision.',
    // A reflexive is no object standing for someone named before.
    'Luís Montenegro se rendra mardi à Madrid pour un sommet ibérique.',
  ])('no pronoun object: %s', (s) => {
    expect(laterEvidence(s).pronounObject).toBe(false);
    expect(evidence(s)).toBe(true);
  });
});

describe('an opening quotation whose head only the article defines', () => {
  it('« La réforme… » (which reform?)', () => {
    const s = '« La réforme permettra de réduire les délais de plusieurs mois », a déclaré le ministre Luís Montenegro.';
    expect(laterEvidence(s).quoteLeansBack).toBe(true);
    expect(evidence(s)).toBe(false);
  });
  it('a quotation defining what it speaks of', () => {
    const s = '« La réforme du Code du travail permettra de réduire les délais », a déclaré le ministre Luís Montenegro.';
    expect(laterEvidence(s).quoteLeansBack).toBe(false);
    expect(evidence(s)).toBe(true);
  });
  it('a quotation opening on its speaker’s « nous »', () =>
    expect(laterEvidence('« Nous réduirons les délais de plusieurs mois », a déclaré le ministre Luís Montenegro.').quoteLeansBack).toBe(false));
});

describe('a common noun capitalised by typography is no name', () => {
  it.each([
    'Les deux chefs d’État ont souligné leur attachement au multilatéralisme.',
    'Le Premier ministre a présenté mardi son programme au Parlement.',
  ])('unnamed: %s', (s) => expect(laterEvidence(s).namedSubject).toBe(false));
  it.each([
    'Le Premier ministre Luís Montenegro a présenté mardi son programme.',
    'Le chef de l’État portugais, Marcelo Rebelo de Sousa, a promulgué la loi mardi.',
  ])('named: %s', (s) => expect(laterEvidence(s).namedSubject).toBe(true));
});
