import { describe, expect, it } from 'vitest';
import { collapseSpaces, foldText } from '../../src/services/text/normalize.js';
import { undefinedLabelNoun } from '../../src/services/briefing/standalone/reference.js';
import { firstTokenFolded, tokens } from '../../src/services/briefing/standalone/words.js';

// The judge's cheap pre-checks (issue #22) must never change what a rule answers.

/** A small deterministic generator (no Math.random: a failure must replay). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

const PIECES = [
  'le', 'la', 'les', "l'", 'L’', 'LE', 'du', 'au', 'des', 'un', 'une', 'accord', 'Accord', 'accórd', 'texte', 'pays', 'ville,', 'dernier',
  'dernière', 'plupart', 'moitié', 'de', 'qui', 'à', 'a', 'par', 'Kiev', '18', 'guerre.', 'décision', "l'accord,", '(le', '«', '»', '“la',
  'pays»', '—', '-', ',', 'texte\u0301', 'ΑΣ', 'İ', 'rapport', 'crise;', 'sommet)',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '\u00a0', ', ', ' « ', ' » ', '\t', ' (', ') ', '. ', '\u2028'];

function texts(count: number, seed: number): string[] {
  const next = generator(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(next() * 14);
    for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)]! + SEPARATORS[Math.floor(next() * SEPARATORS.length)]!;
    out.push(text);
  }
  return out;
}

/** Cuts four other texts, so that the next cut of any text starts afresh (the cut cache holds four). */
function forgetCuts(): void {
  for (const other of ['a', 'b', 'c', 'd', 'e']) tokens(other, 1);
}

describe('the judge’s token cuts', () => {
  it('reads the first token as a full cut does', () => {
    for (const text of texts(20_000, 1)) expect(firstTokenFolded(text)).toBe(tokens(text, 1)[0]?.folded);
  });

  it('answers the same whether a cut is fresh or resumed from a shorter one', () => {
    const next = generator(2);
    for (const text of texts(5_000, 3)) {
      const short = 1 + Math.floor(next() * 12);
      const long = short + Math.floor(next() * 70);
      forgetCuts();
      const fresh = tokens(text, long);
      forgetCuts();
      tokens(text, short);
      expect(tokens(text, long)).toEqual(fresh);
      expect(tokens(text, short)).toEqual(tokens(text, short));
    }
  });
});

describe('undefinedLabelNoun’s pre-check on the fold', () => {
  it('skips only texts where the rule finds nothing', () => {
    let fired = 0;
    for (const text of texts(30_000, 4)) {
      const full = undefinedLabelNoun(text);
      if (full !== undefined) fired++;
      expect(undefinedLabelNoun(text, collapseSpaces(foldText(text)).trim())).toBe(full);
    }
    // The generated texts do reach the rule (else the check above proves nothing).
    expect(fired).toBeGreaterThan(1_000);
  });
});
