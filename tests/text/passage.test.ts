/** A passage's key is the folded words joined by spaces: the same as the Unicode-class regex it replaces. */
import { describe, expect, it } from 'vitest';
import { passageHash, passageKey } from '../../src/services/text/passage.js';
import { foldText } from '../../src/services/text/normalize.js';

const reference = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('passageKey', () => {
  it('folds case, accents and punctuation, like the regex it replaces', () => {
    const texts = [
      'Vladimir Poutine assistera vendredi au défilé de la Victoire.',
      '« VLADIMIR POUTINE assistera vendredi — au défilé de la victoire »',
      '  L’Élysée a répondu : « non ».  ',
      'Москва и Пекин 2026 : 北京 𠀋 ok… 🙂 fin',
      '',
      '...',
      'a',
      '12,5 % des voix (contre 10 %)',
    ];
    for (const text of texts) expect(passageKey(text), text).toBe(reference(text));
    expect(passageKey(texts[0]!)).toBe(passageKey(texts[1]!));
  });
});

describe('passageHash', () => {
  it('is one 48-bit integer (6 bytes in a row) for copies folded alike, another for another passage', () => {
    const a = passageHash('Vladimir Poutine assistera vendredi au défilé de la Victoire.');
    expect(passageHash('« VLADIMIR POUTINE assistera vendredi — au défilé de la victoire »')).toBe(a);
    expect(passageHash('Vladimir Poutine assistera samedi au défilé de la Victoire.')).not.toBe(a);
    expect(Number.isSafeInteger(a)).toBe(true);
    expect(Math.abs(a)).toBeLessThanOrEqual(2 ** 47);
  });
});
