/**
 * Actors, precision (issue #9 item 6): a media title is not the place in its name, regional
 * demonyms and `les 27` resolve, a meeting's venue is told apart from a city standing for its
 * government. Each rule both ways, on sentences written for the test.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { venueMentions } from '../../src/services/actors/roles.js';
import { tokenize } from '../../src/services/text/normalize.js';

const matcher = new ActorMatcher(buildCatalog());
const ids = (text: string): string[] => matcher.findMentions(text).map((m) => m.actorId);
const spansOf = (text: string, id: string): string[] =>
  matcher.findMentions(text).filter((m) => m.actorId === id).map((m) => m.form);

/** The actor ids of the sentence's mentions that are only a venue. */
function venues(text: string): string[] {
  const mentions = matcher.findMentions(text);
  const found = venueMentions(text, tokenize(text), mentions, (m) => matcher.isCity(m));
  return mentions.filter((_, i) => found.has(i)).map((m) => m.actorId);
}

describe('a media title is the medium, not the place in its name', () => {
  it('reads listed titles whole (longest match)', () => {
    expect(ids('Selon Radio Free Europe/Radio Liberty, 26 militants ont été arrêtés.')).toEqual([
      'medium:radio-free-europe',
      'medium:radio-free-europe',
    ]);
    expect(ids("D'après Europe 1, le texte sera voté mardi.")).toEqual(['medium:europe-1']);
    expect(ids('Le Tehran Times cite un responsable.')).toEqual(['medium:tehran-times']);
    expect(ids('Une enquête du Monde diplomatique sur la Chine.')).toEqual(['medium:le-monde-diplomatique', 'country:CHN']);
  });

  it('reads an unlisted capitalised name with a media word as a title', () => {
    // Bangkok (Thaïlande), Kiev (Ukraine) and Moscou (Russie) are listed; these papers are not.
    expect(ids('Le Bangkok Post rapporte que les pourparlers reprennent.')).toEqual([]);
    expect(ids('Le Kiev Herald a publié la lettre.')).toEqual([]);
    expect(ids('Selon Radio Moscou International, les troupes se retirent.')).toEqual([]);
  });

  it('keeps the place when no title holds it', () => {
    expect(ids("L'Europe doit se réarmer, selon la radio.")).toEqual(['place:europe']);
    expect(ids('La radio ukrainienne a été coupée.')).toEqual(['country:UKR']);
    expect(ids('Radio, télévision : la Russie contrôle tout.')).toEqual(['country:RUS']);
    expect(ids("Le journal de Bangkok, lu en Thaïlande, l'affirme.")).toContain('country:THA');
    // A Title Case headline capitalises every word: its capitals make no title.
    expect(ids('La Radio Publique Visée Par Des Frappes Sur Kiev')).toEqual(['country:UKR']);
  });
});

describe('regional demonyms resolve to their region', () => {
  it('gives the region for a demonym that means it', () => {
    expect(ids('Le parlement criméen a voté la dissolution.')).toEqual(['place:crimee']);
    expect(ids('Les autorités criméennes démentent.')).toEqual(['place:crimee']);
    expect(ids('Les Gazaouis attendent l’aide.')).toEqual(['place:gaza']);
    expect(ids('Les armées sahéliennes reculent.')).toEqual(['place:sahel']);
    expect(ids('Les dirigeants tchétchènes ont salué la décision.')).toEqual(['place:tchetchenie']);
    expect(ids('Le gouvernement tibétain en exil proteste.')).toEqual(['place:tibet']);
    expect(ids('Les Occidentaux hésitent.')).toEqual(['place:occident']);
  });

  it('gives nothing for a people or a language across borders, nor for a direction', () => {
    expect(ids('Les combattants kurdes tiennent la ville.')).toEqual([]);
    expect(ids('Le discours a été prononcé en catalan.')).toEqual([]);
    expect(ids('Un appel lancé vers les côtes occidentales.')).toEqual([]);
  });
});

describe('les Vingt-Sept, les 27: the European Union when Europe is meant', () => {
  it('reads them as the EU', () => {
    expect(ids('Reste que les Vingt-Sept peinent à s’accorder.')).toEqual(['org:eu']);
    expect(ids('Les Vingt-Huit avaient déjà tranché en 2019.')).toEqual(['org:eu']);
    expect(spansOf('Les 27 peinent à s’accorder sur les sanctions européennes.', 'org:eu')).toEqual(['27']);
    expect(spansOf('Les ambassadeurs des 27 États membres ont trouvé un accord.', 'org:eu')).toEqual(['27']);
    expect(spansOf('Les 27 ont adopté mercredi un paquet de mesures, a annoncé l’UE.', 'org:eu')).toEqual(['27', 'UE']);
    expect(ids("L'Europe à 27 doit se réformer.")).toEqual(['org:eu']);
  });

  it('leaves other 27s alone', () => {
    expect(ids('Les 27 blessés ont été évacués vers Kharkiv.')).toEqual(['place:kharkiv']);
    expect(spansOf("Les 27 victimes de l'attaque ont été identifiées, selon l'UE.", 'org:eu')).toEqual(['UE']);
    expect(ids('Les 27 ont quitté le terrain sous les huées.')).toEqual([]);
  });
});

describe('a meeting venue is not a related actor', () => {
  it('marks a city after « à » in a sentence about a meeting, or after a meeting noun and « de »', () => {
    expect(venues("Les ministres russe et turc se sont réunis mardi à Rome pour parler de l'Ukraine.")).toEqual(['country:ITA']);
    expect(venues('Lors de la conférence sur la Crimée organisée en septembre à Rome, Kiev a promis une autonomie.')).toEqual([
      'country:ITA',
    ]);
    expect(venues("Le sommet de Vilnius a ouvert la porte à l'Ukraine.")).toEqual(['country:LTU']);
    expect(venues("Le processus d'Astana n'a rien donné pour la Syrie.")).toEqual(['country:KAZ']);
    expect(venues("Les négociations entre l'Iran et les États-Unis reprendront à Bruxelles.")).toEqual(['org:eu']);
    expect(venues("À Rome, les pourparlers entre Kiev et Moscou ont repris.")).toEqual(['country:ITA']);
    expect(venues('Le traité signé à Londres engage la Turquie.')).toEqual(['country:GBR']);
  });

  it('keeps a city that stands for its government, or a place that is not a meeting venue', () => {
    expect(venues('Moscou a dénoncé une provocation.')).toEqual([]);
    expect(venues('Pékin livre des drones à Moscou.')).toEqual([]);
    expect(venues('Kiev a demandé à Washington de nouvelles discussions.')).toEqual([]);
    expect(venues("Bruxelles réunit les ministres de l'UE.")).toEqual([]);
    expect(venues('La Chine tient à Moscou comme à un allié.')).toEqual([]);
    expect(venues('Un signe adressé à Washington, selon Pékin.')).toEqual([]);
    expect(venues('À Moscou, on se félicite de la décision.')).toEqual([]);
    // Not a city of its actor: the region itself is the news.
    expect(venues('Une réunion a eu lieu à Kharkiv après les frappes.')).toEqual([]);
  });
});
