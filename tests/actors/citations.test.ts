/**
 * A medium is a cited source only when the sentence cites it (`selon Reuters`, `a rapporté
 * Bloomberg`, `(AFP)`), never when it is what the sentence is about (`sanctions contre RT`) nor
 * when it is a picture credit (`AP Photo`, `Photo AFP`, `© Reuters`).
 */
import { describe, expect, it } from 'vitest';
import { citedMentions } from '../../src/services/actors/citations.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { tokenize } from '../../src/services/text/normalize.js';

const actors = buildCatalog();
const matcher = new ActorMatcher(actors);
const kinds = new Map(actors.map((a) => [a.id, a.kind]));

/** The media of a sentence, each with whether it is cited. */
function media(sentence: string): Record<string, boolean> {
  const tokens = tokenize(sentence);
  const mentions = matcher.findMentions(sentence, tokens);
  const cited = citedMentions(sentence, tokens, mentions, (m) => kinds.get(m.actorId) === 'medium');
  const out: Record<string, boolean> = {};
  mentions.forEach((m, i) => {
    if (kinds.get(m.actorId) === 'medium') out[m.form] = (out[m.form] ?? false) || cited.has(i);
  });
  return out;
}

describe('citedMentions', () => {
  it('reads a source after « selon », « d’après », « cité par » and reporting nouns', () => {
    expect(media('Les contenus restaient accessibles par des sites miroirs, selon Reuters.')).toEqual({ Reuters: true });
    expect(media('D’après le Wall Street Journal, Moscou envisage une proposition inattendue.')).toEqual({ 'Wall Street Journal': true });
    expect(media('La Russie observe ces discussions, selon des diplomates cités par Reuters.')).toEqual({ Reuters: true });
    expect(media('Une enquête du New York Times a mis au jour ces transferts.')).toEqual({ 'New York Times': true });
    expect(media('Le porte-parole du Kremlin, cité par l’agence TASS, a démenti.')).toEqual({ TASS: true });
    expect(media('Contacté par RFI, le groupe dit « prendre acte ».')).toEqual({ RFI: true });
    expect(media('Le traité a été signé samedi, a constaté un journaliste de l’AFP.')).toEqual({ AFP: true });
    expect(media('C’est un document de douze pages que Mediapart a pu consulter.')).toEqual({ Mediapart: true });
    expect(media('Il est mis en examen, peut-on lire dans Les Échos.')).toEqual({ 'Les Échos': true });
    expect(media('Mi-novembre, on apprend via l’AFP que la cour va réexaminer le dossier.')).toEqual({ AFP: true });
    expect(media('About 25 bodies a week are buried there, according to the Associated Press.')).toEqual({ 'Associated Press': true });
  });

  it('reads a medium as the subject of a verb of saying, or after it, or as the one spoken to', () => {
    expect(media('Bloomberg a rapporté jeudi que les livraisons avaient repris.')).toEqual({ Bloomberg: true });
    expect(media('Les livraisons ont repris, a rapporté Bloomberg.')).toEqual({ Bloomberg: true });
    expect(media('Le Premier ministre a déclaré à l’AFP qu’un accord était possible.')).toEqual({ AFP: true });
    expect(media('Moscou a demandé des équipements, selon des révélations faites par des officiels américains au Financial Times.')).toEqual({
      'Financial Times': true,
    });
    expect(media('KIEV, 12 mars (Reuters) — Des frappes russes ont visé des installations énergétiques.')).toEqual({ Reuters: true });
  });

  it('does not count a medium the sentence is about', () => {
    expect(media('L’UE a adopté de nouvelles sanctions contre RT et Sputnik.')).toEqual({ RT: false, Sputnik: false });
    expect(media('Les Vingt-Sept reprochent à RT de diffuser la propagande du Kremlin.')).toEqual({ RT: false });
    expect(media('Un journaliste de l’AFP a été blessé à Gaza.')).toEqual({ AFP: false });
    expect(media('Les Vingt-Sept ont suspendu la diffusion de RT/Russia Today dans l’Union.')).toEqual({ RT: false, 'Russia Today': false });
  });

  it('never counts a picture credit', () => {
    expect(media('AP Photo Dans un développement inattendu, la Hongrie a levé son veto.')).toEqual({ AP: false });
    expect(media('Photo AFP Le Kazakhstan accueillera de nouveaux pourparlers, a annoncé le ministère.')).toEqual({ AFP: false });
    expect(media('Des manifestants devant le Parlement, le 14 mai. © Reuters')).toEqual({ Reuters: false });
    expect(media('Des navires au large de l’île, le 23 mai. Hector Retamal / AFP')).toEqual({ AFP: false });
  });
});
