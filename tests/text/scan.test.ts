import { describe, expect, it } from 'vitest';
import { collapseSpaces, foldText, isSpaceCode } from '../../src/services/text/normalize.js';
import { demonstrativeReasons, mayPointBack } from '../../src/services/briefing/standalone/reference.js';
import { wordCount, wordsNearAndC, wordsOf } from '../../src/services/briefing/standalone/words.js';
import type { StandaloneReason } from '../../src/services/briefing/standalone/types.js';

// The hand-written scans of issue #22 must answer what the regexes they replace answer.

/** A small deterministic generator (no Math.random: a failure must replay). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

function texts(pieces: readonly string[], count: number, seed: number): string[] {
  const next = generator(seed);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const length = Math.floor(next() * 30);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)]! + (next() < 0.6 ? ' ' : '');
    out.push(text);
  }
  return out;
}

describe('isSpaceCode', () => {
  it('is /\\s/ for every UTF-16 unit', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++) if (isSpaceCode(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
  });
});

describe('collapseSpaces', () => {
  it('is replace(/\\s+/g, " ")', () => {
    const samples = ['', ' ', 'a b', 'a  b', ' a', 'a ', 'a\tb', 'a\u00a0b', 'a \u2028b', '\ufeffa', 'a\n\nb', 'déjà vu', 'x \u3000 y'];
    samples.push(...texts(['a', 'é', ' ', '\t', '\n', '\u00a0', '\u2009', '\ufeff', '\u2028', 'mot'], 2000, 7));
    for (const s of samples) expect(collapseSpaces(s), JSON.stringify(s)).toBe(s.replace(/\s+/g, ' '));
  });
});

describe('the judge’s word cuts', () => {
  const pieces = ['Ce', 'ce', 'ces', 'Cet', 'cette', 'Cela', 'ça', 'y', 'tel', 'une', "l'accord", 'qu’il', 'mot', 'Été', '—', ',', '.', '«', '»', '(', '…', '\u00a0', 'c', 'x'];

  it('keeps every word of the near region, then a subsequence of the rest', () => {
    for (const text of texts(pieces, 1500, 11)) {
      const all = wordsOf(text);
      const kept = wordsNearAndC(text, 5);
      expect(kept.slice(0, 8), text).toEqual(all.slice(0, 8));
      let at = 0;
      for (const word of kept) {
        while (at < all.length && (all[at]!.raw !== word.raw || all[at]!.folded !== word.folded)) at++;
        expect(at < all.length, text).toBe(true);
        at++;
      }
      expect(wordCount(text)).toBe(all.length);
      // Capped: whole pieces until the cap is reached (a piece may hold two words).
      const capped = wordCount(text, 3);
      expect(capped).toBeGreaterThanOrEqual(Math.min(all.length, 3));
      expect(capped).toBeLessThanOrEqual(Math.min(all.length, 4));
    }
  });

  it('skips the demonstrative rule only where it finds nothing', () => {
    let fired = 0;
    for (const text of texts(pieces, 3000, 13)) {
      const reasons: StandaloneReason[] = [];
      demonstrativeReasons(text, reasons);
      if (reasons.length === 0) continue;
      fired++;
      expect(mayPointBack(collapseSpaces(foldText(text)).trim()), text).toBe(true);
    }
    expect(fired).toBeGreaterThan(100);
    expect(mayPointBack(foldText('Le président a signé le texte mardi.'))).toBe(false);
    expect(mayPointBack(foldText('Il n’y a pas renoncé.'))).toBe(true);
  });
});
