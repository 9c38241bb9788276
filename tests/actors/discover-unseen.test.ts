/**
 * People and organisations no list knows, written the way the unseen pages (fixtures 40–49) write
 * them: a French institution in lower case after its first word but defined with its acronym, a
 * surname with a capitalised particle, a person after an acronym and `de`, a hyphenated particle,
 * a nickname. Sentences of my own, each rule both ways.
 */
import { describe, expect, it } from 'vitest';
import { ActorMatcher, buildCatalog, discoverActors } from '../../src/services/actors/index.js';
import { acronymDefinitions } from '../../src/services/actors/discover.js';

const matcher = new ActorMatcher(buildCatalog());
const found = (...sentences: string[]) => discoverActors([{ articleId: 'a', sentences }], matcher);
const named = (name: string, ...sentences: string[]) => found(...sentences).find((a) => a.name === name);

describe('an organisation defined by its acronym', () => {
  it('is found with the acronym as an alias, even with a demonym inside its name', () => {
    expect(named('Armée de libération du peuple', 'Les unités de l’Armée de libération du peuple (ALP) ont tiré mardi.')).toMatchObject({ kind: 'organisation', aliases: ['ALP'] });
    expect(acronymDefinitions('au Centre français de recherche sur le renseignement (CF2R), qui')).toEqual([]);
    expect(acronymDefinitions('selon l’Office français de protection des réfugiés et apatrides (Ofpra), mardi')[0]).toMatchObject({ name: 'Office français de protection des réfugiés et apatrides', acronym: 'Ofpra' });
  });

  it('is not a common noun with its abbreviation, nor an agency credit', () => {
    expect(acronymDefinitions('Le gaz naturel liquéfié (GNL) arrive à Zeebrugge.')).toEqual([]);
    expect(acronymDefinitions('Les prix ont baissé, selon le texte (AFP) publié mardi.')).toEqual([]);
    // Listed already: the catalogue's actor, not a new one.
    expect(found('L’Arménie a quitté l’Organisation du traité de l’Atlantique Nord (OTAN) hier.').some((a) => a.aliases.includes('OTAN'))).toBe(false);
  });
});

describe('people written with particles and nicknames', () => {
  it('keeps a capitalised particle inside a surname, and the particle in the surname alias', () => {
    expect(named('Gwenaël Le Bihan', '« Nous ne céderons pas », a dit Gwenaël Le Bihan mardi.')).toMatchObject({ kind: 'person', aliases: ['Le Bihan'] });
  });

  it('finds the person after an acronym and « de », and a hyphenated « al- »', () => {
    expect(named('Khalifa Ahmed Haftar', 'les troupes de l’ANL de Khalifa Ahmed Haftar avancent')).toMatchObject({ kind: 'person' });
    expect(named('Abdel Karim al-Tahir', 'le général Abdel Karim al-Tahir a démissionné')).toMatchObject({ kind: 'person', aliases: ['al-Tahir'] });
  });

  it('takes a nickname given by « dit » as an alias', () => {
    expect(named('Mohamed Ould Salem', 'le chef rebelle Mohamed Ould Salem, dit « Le Borgne », a été arrêté')?.aliases).toContain('Le Borgne');
  });

  it('does not take a region for a person', () => {
    expect(found('Les combats ont gagné l’État d’Al-Qadarif mardi.').some((a) => a.kind === 'person')).toBe(false);
  });
});
