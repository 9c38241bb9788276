import { describe, expect, it } from 'vitest';
import { judgeSentence } from '../../src/services/briefing/standalone.js';

// A transcript names its speaker in capitals before a colon: the judge reads what is said.
describe('a transcript speaker label', () => {
  it('does not hide a greeting or a thanks behind the label', () => {
    for (const s of ['PRÉSENTATRICE : Merci, Thomas Grellier.', 'PRÉSENTATRICE (Claire Aubin) : Bonsoir à tous et bienvenue dans ce journal.']) {
      expect(judgeSentence(s, { index: 0 }).standsAlone, s).toBe(false);
    }
  });
  it('still lets news said after the label stand alone', () => {
    const s = 'JOURNALISTE (Anne Roy) : Le traité a été signé samedi à Genève par les deux dirigeants.';
    expect(judgeSentence(s, { index: 0 }).standsAlone).toBe(true);
  });
  it('reads a capitalised word that is not followed by a colon as the sentence', () => {
    const s = 'ONU et Union africaine ont signé samedi un accord de paix à Genève.';
    expect(judgeSentence(s, { index: 0 }).standsAlone).toBe(true);
  });
});
