/**
 * The scoring of the `/actor` row of the real-page evaluation (benchmarks/eval/actors.ts), each
 * measure pinned both ways on labels and sentences written for the test.
 */
import { describe, expect, it } from 'vitest';
import { actorTable, formWord, scoreActorPage, unbalancedQuotes, type ActorRow } from '../../benchmarks/eval/actors.js';
import type { CorpusLabels } from '../../benchmarks/eval/score.js';

const labels: CorpusLabels = {
  corpus: 'test',
  description: '',
  stories: { s: 'un sommet' },
  topics: {},
  articles: {
    a: {
      file: 'a.txt',
      story: 's',
      lead: ['Le Premier ministre belge Bart De Wever a reçu'],
      dependent: [
        { prefix: 'Il a ajouté que la Belgique', why: 'pronom sujet' },
        { prefix: '« Nous ne céderons pas', unlessWith: 'a martelé le Premier ministre', why: 'citation coupée' },
        { prefix: 'Cette rencontre a permis', why: 'anaphore' },
      ],
    },
  },
};
const FORMS = ['Belgique', 'belge', 'Bruxelles'];
const page = (...texts: string[]) => texts.map((text) => ({ articleId: 'a', text }));

describe('the /actor row of the real-page evaluation', () => {
  it('counts a labelled dependent sentence as not standing alone, and a plain one as standing alone', () => {
    const { score } = scoreActorPage(labels, page('Le Premier ministre belge Bart De Wever a reçu jeudi ses homologues.', 'Cette rencontre a permis à la Belgique de rassurer.'), FORMS);
    expect(score).toMatchObject({ picks: 2, standAlone: 1 });
  });

  it('counts a pronoun-only speaker, labelled or opening the sentence, and not a named one', () => {
    expect(scoreActorPage(labels, page('Il a ajouté que la Belgique resterait ferme.'), FORMS).score.pronounOnly).toBe(1);
    expect(scoreActorPage(labels, page('Elle juge que la Belgique doit payer.'), FORMS).score.pronounOnly).toBe(1);
    expect(scoreActorPage(labels, page('Le ministre a ajouté que la Belgique resterait ferme.'), FORMS).score.pronounOnly).toBe(0);
  });

  it('counts half a quotation, labelled or with guillemets that do not pair, and not a whole one', () => {
    expect(scoreActorPage(labels, page('« Nous ne céderons pas sur les avoirs gelés, dit Bruxelles.'), FORMS).score.halfQuotes).toBe(1);
    expect(scoreActorPage(labels, page('Les avoirs restent à Bruxelles », a-t-il conclu.'), FORMS).score.halfQuotes).toBe(1);
    expect(scoreActorPage(labels, page('La Belgique « ne cédera pas », a martelé le Premier ministre.'), FORMS).score.halfQuotes).toBe(0);
    expect(unbalancedQuotes('Il parle d’un « accord » et d’un "compromis".')).toBe(false);
    expect(unbalancedQuotes('Il parle d’un "compromis.')).toBe(true);
  });

  it('counts a sentence said again (near the same words) as a duplicate, and two different ones not', () => {
    const twice = page('La Belgique refuse de débloquer les avoirs russes gelés chez Euroclear.', 'La Belgique refuse toujours de débloquer les avoirs russes gelés chez Euroclear.');
    expect(scoreActorPage(labels, twice, FORMS).score.duplicates).toBe(1);
    const two = page('La Belgique refuse de débloquer les avoirs russes gelés chez Euroclear.', 'Bruxelles accueillera le prochain sommet européen en décembre.');
    expect(scoreActorPage(labels, two, FORMS).score.duplicates).toBe(0);
  });

  it('finds the actor by a form in any agreement, early or late, and not inside another word', () => {
    expect(formWord('Les autorités belges ont confirmé la réunion.', FORMS)).toBe(2);
    expect(formWord('Selon plusieurs sources diplomatiques réunies hier soir à Genève, la Belgique refuse.', FORMS)).toBe(10);
    expect(formWord('Le Bruxellois a voté.', FORMS)).toBe(-1);
    const { score } = scoreActorPage(labels, page('La Belgique refuse.', 'Selon plusieurs sources diplomatiques réunies hier soir à Genève, la Belgique refuse.', 'Le gouvernement a voté.'), FORMS);
    expect(score).toMatchObject({ named: 2, namedFirst: 1 });
  });

  it('prints one row per system with shares of the excerpts', () => {
    const row: ActorRow = {
      system: 'Produit',
      actors: 1,
      score: { picks: 4, standAlone: 3, named: 4, namedFirst: 2, duplicates: 0, halfQuotes: 1, pronounOnly: 0, unmatched: 0 },
      pages: [],
    };
    const table = actorTable('pages', [row]);
    expect(table).toContain('| Produit (/actor) | 1 | 4 | 3 (75 %) | 4 (100 %) | 2 (50 %) | 0 | 1 | 0 |');
  });
});
