/**
 * Veto rules added for topic briefings on real pages (issue #21, later sentences): each fires on a
 * French sentence written for the test that leans on an earlier one, and stays quiet on a close
 * sentence that reads alone. Their precision on the real `dev` pages is printed by `npm run eval`.
 */
import { describe, expect, it } from 'vitest';
import { judgeSentence, type StandaloneRule } from '../../src/services/briefing/standalone.js';

const later = (text: string) => judgeSentence(text, { index: 4 });
const rulesOf = (text: string) => later(text).reasons.map((r) => r.rule);

function pin(rule: StandaloneRule, fires: string[], quiet: string[]): void {
  for (const text of fires) {
    it(`« ${text.slice(0, 60)}… » → ${rule}`, () => {
      expect(rulesOf(text)).toContain(rule);
      expect(later(text).standsAlone).toBe(false);
    });
  }
  for (const text of quiet) {
    it(`« ${text.slice(0, 60)}… » stands alone`, () => expect(later(text).reasons).toEqual([]));
  }
}

describe('presentative: « Il s’agit de… », « C’est ce qu’a déclaré… », « X en fait état »', () => {
  pin(
    'presentative',
    [
      'Il s’agit de la troisième visite du chancelier allemand à Pékin depuis 2022.',
      'C’est ce qu’a affirmé mardi le ministre slovaque des Affaires étrangères, Juraj Blanar.',
      'Le quotidien Kommersant en fait état, rapporte l’agence Interfax.',
    ],
    [
      'C’est à Vilnius que les dirigeants de l’Otan se retrouveront en juillet.',
      'Le quotidien Kommersant a fait état mardi de frappes de drones sur Belgorod.',
      'Le chancelier allemand Friedrich Merz effectue sa troisième visite à Pékin depuis 2022.',
    ],
  );
  it('holds back a first sentence too: under its headline, the news is in the title', () => {
    expect(judgeSentence('Il s’agit de la quatrième rencontre entre les deux dirigeants cette année.', { index: 0 }).standsAlone).toBe(false);
    expect(judgeSentence('Le chancelier allemand Friedrich Merz est arrivé mardi à Pékin.', { index: 0 }).standsAlone).toBe(true);
  });
});

describe('pronoun: a subject described by a participle or apposition, a share of a set named before', () => {
  pin(
    'pronoun',
    [
      'Réélu en mars avec 87 % des voix, il a promis de poursuivre la guerre en Ukraine.',
      'Symbole de la contestation à Tbilissi, elle a été condamnée mardi à deux ans de prison.',
      'La plupart ont été relâchés dans la soirée, selon la police géorgienne.',
      'Plusieurs sont toujours détenus dans une prison de Minsk.',
    ],
    [
      'Lorsque Viktor Orban est arrivé à Bruxelles, il a demandé un report du vote sur l’Ukraine.',
      'La plupart des manifestants ont été relâchés dans la soirée à Tbilissi.',
      'Plusieurs pays européens ont rappelé mardi leur ambassadeur à Minsk.',
    ],
  );
});

describe('demonstrative: a determiner far into the sentence, « Celui qui… »', () => {
  pin(
    'demonstrative',
    [
      'Deux anciens ministres, Ivan Petrov et Sergueï Orlov, ont été arrêtés mercredi à Sofia par la police bulgare dans le cadre de cette enquête.',
      'Celui qui doit être investi jeudi promet des élections dans un délai de deux ans.',
      'Ceux « qui menaçaient l’espace aérien ont été abattus », a indiqué le ministre polonais de la Défense.',
    ],
    [
      'Deux anciens ministres, Ivan Petrov et Sergueï Orlov, ont été arrêtés mercredi à Sofia par la police bulgare et, de ce fait, privés de leurs mandats.',
      'Le général qui doit être investi jeudi à Antananarivo promet des élections dans un délai de deux ans.',
    ],
  );
});

describe('anaphora: a noun defined only after its verb, a nameless speaker, « aucun autre »', () => {
  pin(
    'anaphora',
    [
      'La ville est assiégée depuis 14 mois par les forces rebelles.',
      'Le porte-parole a ajouté qu’Ankara refusait toute médiation.',
      'La source a précisé que les négociations reprendraient à Doha.',
      'Aucun autre détail n’a été communiqué par les autorités.',
      'Les deux chefs d’État ont signé mardi un accord de coopération à Ankara.',
    ],
    [
      'Les conseillers à la sécurité nationale des Vingt-Sept se réunissent lundi à Bruxelles.',
      'Les deux chefs d’État Recep Tayyip Erdogan et Ilham Aliev ont signé mardi un accord à Ankara.',
      'Une source diplomatique a précisé que les négociations reprendraient à Doha.',
      'Les combats se sont intensifiés ces derniers jours autour de la ville de Koupiansk.',
    ],
  );
});
