import { describe, expect, it } from 'vitest';
import { composeBriefing, factMarkers, type BriefingArticle, type CandidateExcerpt } from '../../src/services/briefing/compose.js';
import { termsOf } from '../../src/services/text/stem.js';

const TITLE = 'Le Parlement portugais adopte la réforme du code du travail';
const SENTENCES = [
  'Le Parlement portugais a adopté mardi la réforme du code du travail par 120 voix contre 98.',
  'Le texte allonge la période d’essai et assouplit les licenciements économiques.',
  'Les syndicats appellent à une grève générale le 12 décembre à Lisbonne.',
  'Selon le gouvernement portugais, la réforme du travail doit relancer l’embauche des jeunes.',
];

function article(id: string, servable: number[]): BriefingArticle {
  const candidates: CandidateExcerpt[] = servable.map((i, n) => ({
    articleId: id,
    sentenceIndexes: [i],
    text: SENTENCES[i]!,
    kind: n === 0 ? 'lead' : 'sentence',
    score: 1 - n / 10,
  }));
  return {
    id,
    date: '2025-11-25',
    title: TITLE,
    titleTerms: termsOf(TITLE),
    sentenceTerms: SENTENCES.map((s) => termsOf(s)),
    actors: new Map(),
    text: SENTENCES.join(' '),
    candidates,
  };
}

describe('a story opens on an article’s own first sentence', () => {
  it('takes another outlet’s lead rather than a later sentence of the first article', () => {
    // The first article's opening cannot be served (vetoed): only its 4th sentence is offered.
    const stories = composeBriefing([article('premier', [3]), article('second', [0, 2])], { limit: 1 });
    expect(stories).toHaveLength(1);
    expect(stories[0]!.picks.map((p) => [p.articleId, p.sentenceIndexes[0]])).toEqual([['second', 0]]);
  });

  it('keeps the first article’s lead when it can be served', () => {
    const stories = composeBriefing([article('premier', [0, 3]), article('second', [0, 2])], { limit: 1 });
    expect(stories[0]!.picks.map((p) => [p.articleId, p.sentenceIndexes[0]])).toEqual([['premier', 0]]);
  });
});

describe('a story is led by the opening that says most of its headlines', () => {
  const story = (id: string, title: string, opening: string): BriefingArticle => ({
    id,
    date: '2025-11-25',
    title,
    titleTerms: termsOf(title),
    sentenceTerms: [termsOf(opening), termsOf(SENTENCES[1]!)],
    actors: new Map(),
    text: `${opening} ${SENTENCES[1]}`,
    candidates: [{ articleId: id, sentenceIndexes: [0], text: opening, kind: 'lead', score: 1 }],
  });
  const scene = story(
    'scene',
    'Réforme du travail : le Parlement portugais adopte le texte',
    'Des manifestants attendent devant l’Assemblée de la République, à Lisbonne, le 25 novembre 2025.',
  );
  const complete = story('complet', 'Le Parlement portugais adopte la réforme du travail', SENTENCES[0]!);

  it('prefers the complete lead to a scene, whichever article comes first', () => {
    for (const order of [[scene, complete], [complete, scene]]) {
      const stories = composeBriefing(order, { limit: 1 });
      expect(stories).toHaveLength(1);
      expect(stories[0]!.picks.map((p) => p.articleId)).toEqual(['complet']);
    }
  });
});

describe('a later pick may not reword one already picked', () => {
  // Two outlets on one vote: the second says the first's lead again in other words, then a new fact.
  const outlet = (id: string, sentences: string[]): BriefingArticle => ({
    id,
    date: '2025-11-25',
    title: TITLE,
    titleTerms: termsOf(TITLE),
    sentenceTerms: sentences.map((s) => termsOf(s)),
    actors: new Map(),
    text: sentences.join(' '),
    candidates: sentences.map((text, i) => ({
      articleId: id,
      sentenceIndexes: [i],
      text,
      kind: i === 0 ? 'lead' : 'sentence',
      score: 1 - i / 10,
    })),
  });
  const first = outlet('agence', [SENTENCES[0]!]);
  // Jaccard 0.47 with the lead, TF-IDF cosine 0.46: under the cosine check's 0.5.
  const reworded =
    'Les députés réunis à Lisbonne ont adopté mardi soir, après un long débat houleux, la réforme du code du travail par 120 voix contre 98.';

  it('skips the rewording from another outlet, even when nothing else is left', () => {
    const stories = composeBriefing([first, outlet('quotidien', ['Vote serré à Lisbonne sur le travail.', reworded])], { limit: 2 });
    expect(stories).toHaveLength(1);
    expect(stories[0]!.picks.map((p) => p.text)).toEqual([SENTENCES[0]]);
  });

  it('serves a new fact from that outlet', () => {
    const second = outlet('quotidien', ['Vote serré à Lisbonne sur le travail.', reworded, SENTENCES[2]!]);
    const stories = composeBriefing([first, second], { limit: 3 });
    expect(stories[0]!.picks.map((p) => p.text)).toEqual([SENTENCES[0], SENTENCES[2]]);
  });

  it('still serves a sentence that shares a few words with the lead', () => {
    // « Selon le gouvernement de Luís Montenegro, la réforme du travail… » shares 3 terms with the
    // lead (Jaccard 0.2): a new fact (and a name the briefing has not printed, which later picks need).
    const claim = 'Selon le gouvernement de Luís Montenegro, la réforme du travail doit relancer l’embauche des jeunes.';
    const stories = composeBriefing([first, outlet('radio', ['Vote serré à Lisbonne.', claim])], { limit: 2 });
    expect(stories[0]!.picks.map((p) => p.text)).toEqual([SENTENCES[0], claim]);
  });
});

describe('a later pick brings a fact the briefing has not printed yet', () => {
  const lead = 'Le Parlement portugais a adopté mardi la réforme du code du travail par 120 voix contre 98.';
  const one = (id: string, texts: string[]): BriefingArticle => ({
    id,
    date: '2025-11-25',
    title: TITLE,
    titleTerms: termsOf(TITLE),
    sentenceTerms: texts.map((s) => termsOf(s)),
    actors: new Map(),
    text: texts.join(' '),
    candidates: texts.map((text, i) => ({ articleId: id, sentenceIndexes: [i], text, kind: i === 0 ? 'lead' : 'sentence', score: 1 - i / 10 })),
  });
  it('serves fewer excerpts rather than one that names nothing new', () => {
    const stories = composeBriefing([one('a', [lead, 'Le vote a été salué par une partie de l’opposition et dénoncé par les syndicats.'])], { limit: 4 });
    expect(stories[0]!.picks.map((p) => p.sentenceIndexes[0])).toEqual([0]);
  });
  it('serves a later sentence that names a place, a person or a number not printed yet', () => {
    const stories = composeBriefing([one('a', [lead, 'Les syndicats appellent à une grève générale le 12 décembre à Lisbonne.'])], { limit: 4 });
    expect(stories[0]!.picks.map((p) => p.sentenceIndexes[0])).toEqual([0, 1]);
  });
  it('reads names and numbers, not the first word of the sentence', () => {
    expect([...factMarkers('Les syndicats appellent à une grève le 12 décembre à Lisbonne.')].sort()).toEqual(['12', 'lisbonne']);
    expect([...factMarkers('Selon l’AFP, Ankara refuse.')].sort()).toEqual(['afp', 'ankara']);
  });
});

describe('on a topic, an article whose headline names it leads with its lead', () => {
  const title = 'Après-guerre à Gaza : sécurité, gouvernance et aide en question';
  const texts = [
    'Un accord de cessez-le-feu entre Israël et le Hamas est entré en phase d’application.',
    'Des scènes d’accueil ont été observées en Cisjordanie et à Gaza.',
  ];
  const article: BriefingArticle = {
    id: 'gaza',
    date: '2025-10-13',
    title,
    titleTerms: termsOf(title),
    sentenceTerms: texts.map((s) => termsOf(s)),
    actors: new Map(),
    text: texts.join(' '),
    candidates: texts.map((text, i) => ({ articleId: 'gaza', sentenceIndexes: [i], text, kind: i === 0 ? 'lead' : 'sentence', score: 1 - i / 10 })),
  };
  // Only the second sentence names the topic.
  const relevance = (c: CandidateExcerpt) => (c.sentenceIndexes[0] === 1 ? 1 : 0);
  it('serves the lead first although it does not repeat the topic', () => {
    const stories = composeBriefing([article], { limit: 1, relevance, aboutTopic: new Set(['gaza']) });
    expect(stories[0]!.picks.map((p) => p.sentenceIndexes[0])).toEqual([0]);
  });
  it('without the headline naming it, only the sentences about the topic are served', () => {
    const stories = composeBriefing([article], { limit: 2, relevance });
    expect(stories[0]!.picks.map((p) => p.sentenceIndexes[0])).toEqual([1]);
  });
});
