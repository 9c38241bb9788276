/**
 * Datelines of wires and papers leave the lead and fill the article's place (and its date when
 * the page gives none). General shapes — a capitalised place, a date, an agency — on sentences
 * written for the test.
 */
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/services/corpus/boilerplate.js';
import { parseDateline } from '../../src/services/corpus/metadata.js';

const page = (lead: string, meta = '') =>
  `Le titre de la dépêche du jour\n\n${meta ? `${meta}\n\n` : ''}${lead}\n\nLe porte-parole du gouvernement a confirmé l’information en fin de journée devant la presse.\n`;

describe('dateline shapes', () => {
  it('place, date and an agency in capitals before a colon', () => {
    expect(parseDateline('TBILISSI, 4 MARS, GEOPRESS: Le Parlement géorgien a adopté la loi.')).toMatchObject({ place: 'Tbilissi', monthDay: '03-04', agency: 'GEOPRESS' });
  });
  it('place, country and an agency between bars', () => {
    expect(parseDateline('Dakar, Sénégal | APS | Le président a nommé un nouveau gouvernement.')).toMatchObject({ place: 'Dakar', agency: 'APS' });
  });
  it('place, day and abbreviated month without a year, agency in brackets', () => {
    expect(parseDateline('LIMA, 3 déc (AFP) - Le Congrès péruvien a destitué la présidente.')).toMatchObject({ place: 'Lima', monthDay: '12-03', agency: 'AFP' });
  });
  it('an agency alone in brackets', () => {
    const d = parseDateline('(Reuters) - Le ministre a démissionné mardi.');
    expect(d).toMatchObject({ agency: 'Reuters', length: 12 });
    expect(d?.place).toBeUndefined();
  });
  it('place and date, then an agency of one word in brackets (« Rome, 15 août. (LaPresse) – »)', () => {
    const d = parseDateline('Lisbonne, 2 mai. (Lusa) – Le gouvernement portugais a démissionné jeudi.');
    expect(d).toMatchObject({ place: 'Lisbonne', monthDay: '05-02', agency: 'Lusa' });
    expect('Lisbonne, 2 mai. (Lusa) – Le gouvernement portugais a démissionné jeudi.'.slice(d!.length)).toBe('Le gouvernement portugais a démissionné jeudi.');
  });
  it('an agency glued by a full stop to the first word (« ARMENPRESS.Le Kremlin »)', () => {
    const text = 'BAKOU, 9 JUIN, AZERTAC.Le ministère a publié un communiqué.';
    expect(parseDateline(text)).toMatchObject({ place: 'Bakou', monthDay: '06-09', agency: 'AZERTAC' });
    expect(text.slice(parseDateline(text)!.length)).toBe('Le ministère a publié un communiqué.');
  });
  it('a known agency behind its partner, in brackets, without a dash (« (Keystone-ATS) »)', () => {
    expect(parseDateline('(Lusa-AFP) Le Parlement a voté la loi mardi.')).toMatchObject({ agency: 'Lusa-AFP', length: 11 });
    // Not an agency's name: a sentence's own aside.
    expect(parseDateline('(ex-AFP) Le journaliste a rejoint la rédaction.')).toBeUndefined();
  });
  it('never takes a sentence that starts with a name, a date or a bar', () => {
    for (const sentence of [
      'Berlin, 4 mars, a été le théâtre de manifestations.',
      'Le 4 mars, ONU et Union africaine ont signé un accord.',
      'Kiev, Ukraine, reste sous le feu des drones russes.',
      'Paris | Londres : les deux capitales ont signé un accord.',
      'Reuters a révélé mardi que le ministre allait démissionner.',
      'BAKOU, 9 JUIN, AZERTAC.fr a publié un communiqué.',
      'Le sommet de l’OTAN.Les dirigeants ont signé.',
    ]) {
      expect(parseDateline(sentence), sentence).toBeUndefined();
    }
  });
});

describe('datelines to metadata', () => {
  it('moves the dateline out of the lead; its place fills the article', () => {
    const article = cleanArticle('a', page('TBILISSI, 4 MARS, GEOPRESS: Le Parlement géorgien a adopté mardi la loi sur les agents étrangers.'));
    expect(article.paragraphs[0]).toBe('Le Parlement géorgien a adopté mardi la loi sur les agents étrangers.');
    expect(article.place).toBe('Tbilissi');
  });
  it('dates the article from a dated dateline when the page gives no date', () => {
    const article = cleanArticle('b', page('Dakar, 12 juin 2025 (AFP) - Le président a nommé un nouveau gouvernement après des semaines de crise.'));
    expect(article).toMatchObject({ place: 'Dakar', date: '2025-06-12' });
    expect(article.paragraphs[0]).toMatch(/^Le président a nommé/);
  });
  it('an agency-only dateline leaves the sentence and names no place', () => {
    const article = cleanArticle('c', page('(Reuters) - Le ministre des Finances a démissionné mardi après la défaite de son projet de budget.'));
    expect(article.paragraphs[0]).toMatch(/^Le ministre des Finances/);
    expect(article.place).toBeUndefined();
  });
  it('keeps the page date over the dateline’s', () => {
    const article = cleanArticle('d', page('Dakar, 12 juin 2025 (AFP) - Le président a nommé un nouveau gouvernement après des semaines de crise.', 'Publié le 14 juin 2025'));
    expect(article.date).toBe('2025-06-14');
  });
});
