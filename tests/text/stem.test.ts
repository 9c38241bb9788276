import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldText, tokenize } from '../../src/services/text/normalize.js';
import { stemFrench, termsOf } from '../../src/services/text/stem.js';
import { FRENCH_STOPWORDS } from '../../src/services/text/stopwords.js';

const SEEDS = join(import.meta.dirname, '../../seeds');
const seedText = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(SEEDS, f), 'utf8'))
  .join('\n');

describe('stemFrench', () => {
  it.each([
    ['russes', 'russe'],
    ['americaines', 'americain'],
    ['americaine', 'americain'],
    ['americains', 'americain'],
    ['sanctions', 'sanction'],
    ['negociations', 'negociation'],
    ['militaires', 'militaire'],
    ['ukrainiennes', 'ukrainien'],
    ['chinoise', 'chinois'],
    ['internationaux', 'international'],
    ['internationale', 'international'],
    ['diplomatiques', 'diplomatique'],
    ['allies', 'allie'],
    ['etats', 'etat'],
    ['presidentielles', 'presidentiel'],
    ['offensives', 'offensif'],
  ])('%s and %s share a stem', (a, b) => {
    expect(stemFrench(a)).toBe(stemFrench(b));
  });

  it.each([
    ['russie', 'chine'],
    ['guerre', 'paix'],
    ['sanction', 'santé'],
    ['militaire', 'ministre'],
    ['americain', 'africain'],
  ])('%s and %s stay apart', (a, b) => {
    expect(stemFrench(foldText(a))).not.toBe(stemFrench(foldText(b)));
  });

  it('keeps words of three letters or fewer as they are', () => {
    for (const word of ['a', 'de', 'les', 'ses', 'mai', 'ue', 'pib', 'eux', 'bus']) expect(stemFrench(word)).toBe(word);
  });

  it('leaves numbers and non-Latin words alone', () => {
    expect(stemFrench('2022')).toBe('2022');
    expect(stemFrench('g7s')).toBe('g7s');
    expect(stemFrench('россия')).toBe('россия');
  });

  it('is deterministic, so indexing and querying produce the same terms', () => {
    const words = tokenize(seedText).map((t) => t.folded);
    const first = words.map(stemFrench);
    expect(words.map(stemFrench)).toEqual(first);
    // Stems are never longer than the word and never empty.
    words.forEach((w, i) => {
      expect(first[i]!.length).toBeGreaterThan(0);
      expect(first[i]!.length).toBeLessThanOrEqual(w.length + 1); // `-issant` → `-ir` style rewrites
    });
  });

  // Its speed is measured by `npm run bench` (ingest), not by a timed test: wall-clock bounds are
  // flaky on a shared 2-core machine.
  it('stems words it has never seen to short, non-empty stems', () => {
    const suffixes = ['', 's', 'e', 'es', 'ement', 'ation', 'ations', 'ique', 'iques', 'eurs', 'trices'];
    const words: string[] = [];
    for (let i = 0; words.length < 200_000; i++) {
      // Letters-only variations so every word takes the full stemming path at least once.
      const tag = i.toString(26).replace(/[0-9]/g, (d) => String.fromCharCode(113 + Number(d)));
      words.push(`mot${tag}${suffixes[i % suffixes.length]}`);
    }
    // Checked in plain code, asserted once: 400 000 expect() calls cost seconds, and the
    // failure names every word whose stem is empty or longer than the word (plus one letter).
    const wrong = words.map((word) => [word, stemFrench(word)] as const).filter(([word, stem]) => stem.length === 0 || stem.length > word.length + 1);
    expect(wrong).toEqual([]);
  });
});

describe('termsOf', () => {
  it('tokenizes, folds, drops stopwords and stems', () => {
    expect(termsOf('Les sanctions américaines contre la Russie')).toEqual(['sanction', 'americain', 'rus']);
    expect(termsOf('L’Ukraine et les États-Unis négocient depuis 2022.')).toEqual([
      stemFrench('ukraine'),
      stemFrench('etats'),
      stemFrench('unis'),
      stemFrench('negocient'),
      '2022',
    ]);
  });

  it('makes plural and feminine phrasings meet', () => {
    expect(termsOf('des négociations militaires russes')).toEqual(termsOf('une négociation militaire russe'));
    expect(termsOf('les alliées américaines')).toEqual(termsOf('l’allié américain'));
  });

  it('returns nothing for a text made only of stopwords', () => {
    expect(termsOf('Il y a de la, et il était là aussi.')).toEqual([]);
  });
});

describe('FRENCH_STOPWORDS', () => {
  it('holds folded function words, as tokenize produces them', () => {
    for (const word of ['le', 'les', 'des', 'l', 'd', 'qu', 'etait', 'apres', 'meme', 'tres', 'ete', 'avec', 'dans', 'ils']) {
      expect(FRENCH_STOPWORDS.has(word), word).toBe(true);
    }
    for (const word of FRENCH_STOPWORDS) expect(foldText(word)).toBe(word);
  });

  it('does not hold words that carry a topic', () => {
    for (const word of ['russie', 'guerre', 'paix', 'sanctions', 'accord', 'chine', 'otan', 'president', 'personne']) {
      expect(FRENCH_STOPWORDS.has(word), word).toBe(false);
    }
  });
});
