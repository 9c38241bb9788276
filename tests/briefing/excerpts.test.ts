/**
 * An article's candidate excerpts: the lead first, quotations whole with their speaker, and no
 * sentence that leans on another served alone. On articles written for these tests and on the seeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleExcerpts, candidatesFromStored, excerptFlags, SentenceFlag } from '../../src/services/briefing/excerpts.js';
import { judgeSentence } from '../../src/services/briefing/standalone.js';
import { cleanArticle } from '../../src/services/corpus/boilerplate.js';
import { analyseArticle } from '../../src/services/index/analyse.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { splitParagraphSentences } from '../../src/services/text/sentences.js';

const matcher = new ActorMatcher(buildCatalog());

/** Paragraphs → sentences with a flat centrality (so only the judgement orders them). */
function sentencesOf(paragraphs: string[], centrality = 0.5) {
  return splitParagraphSentences(paragraphs).map((s) => ({ ...s, centrality }));
}

function analysedFile(path: string) {
  const text = readFileSync(new URL(path, import.meta.url), 'utf8');
  return analyseArticle(cleanArticle(path, text), matcher);
}

describe('quotations are served whole, with their speaker', () => {
  const paragraphs = [
    'Le gouvernement arménien a fermé mardi deux points de passage avec l’Azerbaïdjan, invoquant des tirs nocturnes.',
    '« Nous ne laisserons pas nos villages sans protection. Chaque tir sera suivi d’une réponse », a déclaré le ministre arménien de la Défense, Suren Papikyan. « La frontière restera fermée jusqu’à nouvel ordre. »',
    '« Ce sont des provocations », a-t-il ajouté.',
  ];
  const candidates = articleExcerpts('am', sentencesOf(paragraphs));

  it('joins the halves of a quotation and the speakerless sentence after it into one excerpt', () => {
    const quote = candidates.find((c) => c.kind === 'quote');
    expect(quote?.sentenceIndexes).toEqual([1, 2, 3]);
    expect(quote?.text).toMatch(/^« Nous ne laisserons pas .* Suren Papikyan\. « La frontière restera fermée jusqu’à nouvel ordre\. »$/);
  });

  it('never serves a piece of a quotation alone, nor one whose speaker is only « il »', () => {
    for (const c of candidates) {
      expect(c.sentenceIndexes).not.toEqual([2]);
      expect(c.sentenceIndexes).not.toEqual([3]);
      expect(c.sentenceIndexes).not.toContain(4);
    }
  });

  it('does not serve a quotation that never closes', () => {
    const open = articleExcerpts('x', sentencesOf(['Le Kenya a déployé mardi quatre cents policiers en Haïti.', '« Nous resterons aussi longtemps que nécessaire. Notre mission commence à peine.', 'Les gangs contrôlent la capitale depuis des mois.']));
    expect(open.some((c) => c.text.includes('Nous resterons'))).toBe(false);
  });
});

describe('the lead comes first', () => {
  it('is the first sentence that stands alone and reports news', () => {
    const candidates = articleExcerpts(
      'kz',
      sentencesOf([
        'Le Kazakhstan a suspendu jeudi ses exportations de carburant vers la Russie, selon le ministère de l’Énergie.',
        'Cette décision intervient après une série de pannes dans les raffineries du pays.',
        'Astana dément toute pression occidentale.',
      ], 0.2).map((s, i) => ({ ...s, centrality: i === 2 ? 1 : 0.2 })),
    );
    expect(candidates[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [0] });
    // The dependent sentence is skipped, the central one still a candidate after the lead.
    expect(candidates.map((c) => c.sentenceIndexes[0])).toEqual([0, 2]);
  });

  it('replaces an opening that is commentary, a question or a caption', () => {
    const candidates = articleExcerpts(
      'an',
      sentencesOf([
        'Le président serbe Aleksandar Vucic à Belgrade, le 3 février 2025.',
        'Faut-il y voir la fin d’une époque ?',
        'Nous reviendrons sur les raisons de cette crise.',
        'Le Premier ministre serbe Milos Vucevic a annoncé mardi sa démission, après trois mois de manifestations étudiantes.',
      ]),
    );
    expect(candidates[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [3] });
    expect(candidates.some((c) => c.sentenceIndexes[0] === 0 || c.sentenceIndexes[0] === 1)).toBe(false);
  });

  it('takes the first sentence even when it opens on background (position first)', () => {
    const candidates = articleExcerpts(
      'cr',
      sentencesOf([
        'Depuis l’annexion de la péninsule en 2014, les Tatars de Crimée dénoncent des persécutions.',
        'Leur assemblée représentative, le Mejlis, a été interdite par Moscou en 2016.',
        'Un tribunal de Simferopol a condamné jeudi trois militants tatars à quinze ans de prison.',
      ]),
    );
    expect(candidates[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [0] });
  });

  it('replaces a caption opening with the next sentence that stands alone, never one that opens on « Plus tôt »', () => {
    const candidates = articleExcerpts(
      'kz',
      sentencesOf([
        'Le ministre kazakh de l’Énergie lors d’une conférence de presse à Astana, le 8 octobre 2025.',
        'Plus tôt dans la journée, le vice-ministre avait assuré que le pays avait cessé d’expédier du carburant.',
        'Le ministère kazakh de l’Énergie a démenti mercredi toute interdiction des exportations de carburant vers la Russie.',
      ]),
      { headline: 'Le Kazakhstan dément interdire les exportations de carburant vers la Russie' },
    );
    expect(candidates[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [2] });
    expect(candidates.some((c) => c.sentenceIndexes.includes(1))).toBe(false);
  });

  it('ranks by topic relevance among stand-alone candidates only', () => {
    const sentences = sentencesOf([
      'La Moldavie a signé lundi un accord gazier avec la Roumanie.',
      'Ce texte prévoit des livraisons jusqu’en 2030.',
      'Le gouvernement moldave a aussi annoncé une hausse des tarifs pour les ménages.',
      'La Transnistrie reste privée de gaz depuis janvier.',
    ]);
    const relevance = new Map([
      [1, 1],
      [3, 0.6],
    ]);
    const candidates = articleExcerpts('md', sentences, { relevance });
    // Sentence 1 is the most relevant but leans on sentence 0: only sentence 3 is offered.
    expect(candidates.map((c) => c.sentenceIndexes)).toEqual([[3]]);
  });
});

describe('flags stored in the index rebuild the same units', () => {
  it('gives the same candidates from any window of stored sentences that holds a whole unit', () => {
    const sentences = sentencesOf([
      'Le Premier ministre hongrois Viktor Orban a rencontré mercredi Vladimir Poutine à Moscou.',
      '« La paix ne viendra pas d’elle-même. Il faut parler à tout le monde », a déclaré Viktor Orban devant la presse.',
      'Bruxelles a condamné une visite « sans mandat ».',
    ]);
    const flags = excerptFlags(sentences, sentences.map((s) => s.centrality));
    expect(flags[1]! & SentenceFlag.JoinsNext).toBeTruthy();
    expect(flags[2]! & SentenceFlag.Continues).toBeTruthy();
    const stored = sentences.map((s, index) => ({ index, text: s.text, centrality: s.centrality, flags: flags[index]! }));
    const all = candidatesFromStored('hu', stored);
    const window = candidatesFromStored('hu', stored.slice(1, 3));
    expect(window.find((c) => c.kind === 'quote')).toEqual(all.find((c) => c.kind === 'quote'));
    // A window that cuts a quotation does not serve its half.
    expect(candidatesFromStored('hu', stored.slice(2)).map((c) => c.sentenceIndexes)).toEqual([[3]]);
  });
});

describe('the seeds', () => {
  const leadOf = (name: string) => {
    const analysed = analysedFile(`../../seeds/${name}.txt`);
    return candidatesFromStored(name, analysed.sentences)[0]!;
  };

  it('leads seed 000 with the Wall Street Journal report and seed 004 with the « trêve aérienne »', () => {
    expect(leadOf('000_9b88139a494bd2c4').text).toMatch(/^Selon un récent rapport du Wall Street Journal/);
    expect(leadOf('004_b7ff4d106508452a').text).toMatch(/trêve aérienne/);
  });

  it('leads seed 002 with news, not with the writer announcing what « nous » will discuss', () => {
    expect(leadOf('002_a660fae045bc850a').text).not.toMatch(/nous discuterons/);
  });

  it('never offers a sentence that the judge finds leaning on another, unless inside a whole quotation', () => {
    for (const name of ['000_9b88139a494bd2c4', '001_0118ebd96f1f2ec0', '002_a660fae045bc850a', '003_9f70dd34e1ce68a4', '004_b7ff4d106508452a']) {
      const analysed = analysedFile(`../../seeds/${name}.txt`);
      for (const c of candidatesFromStored(name, analysed.sentences)) {
        if (c.kind === 'quote') continue;
        expect(c.sentenceIndexes).toHaveLength(1);
        expect(judgeSentence(c.text).reasons, c.text).toEqual([]);
      }
      const texts = candidatesFromStored(name, analysed.sentences).map((c) => c.text);
      for (const bad of [/^Pour contrer cela/, /^En proposant un tel échange/, /^Ce lien semble/, /^Pour l’Ukraine, cela/]) {
        expect(texts.some((t) => bad.test(t))).toBe(false);
      }
    }
  });
});

describe('an interview page: the answers are the guest’s words without the guest', () => {
  const interview = [
    'La ministre estonienne des Affaires étrangères, Kaja Rinne, a accordé mardi un entretien à notre rédaction à Tallinn.',
    'Que pensez-vous du plan de paix américain ?',
    'Nous ne signerons rien qui récompense l’agression. Les frontières ne se négocient pas sous la menace.',
    'L’Otan doit-elle renforcer sa présence dans les pays baltes ?',
    'Une brigade allemande est déjà stationnée en Lituanie depuis l’an dernier. Il faut aller plus loin.',
  ];
  it('serves the introduction as the lead and no sentence of an answer', () => {
    const candidates = articleExcerpts('ee', sentencesOf(interview));
    expect(candidates[0]).toMatchObject({ kind: 'lead', sentenceIndexes: [0] });
    expect(candidates.map((c) => c.text).join(' ')).not.toMatch(/Une brigade allemande|Les frontières/);
  });
  it('a news article with one question in it is no interview: the paragraph after it is served', () => {
    const news = [
      'Le Parlement letton a adopté mardi une loi sur le service militaire obligatoire.',
      'Faut-il y voir un signal envoyé à Moscou ?',
      'Une brigade allemande est stationnée en Lituanie depuis l’an dernier.',
    ];
    const candidates = articleExcerpts('lv', sentencesOf(news));
    expect(candidates.map((c) => c.text)).toContain('Une brigade allemande est stationnée en Lituanie depuis l’an dernier.');
  });
});
