import { describe, expect, it } from 'vitest';
import { judgeSentence } from '../../src/services/briefing/standalone.js';

const rules = (s: string) => judgeSentence(s, { index: 4 }).reasons.map((r) => r.rule);

// « Peu après » points to another sentence unless the sentence names its own reference point.
describe('a sequence marker and its anchor', () => {
  it('lets a later sentence stand when the marker is anchored on a named event', () => {
    expect(rules('Peu après l’arrivée du Premier ministre Jean Dupuis à Dakar, la présidence a salué un partenariat renouvelé.')).not.toContain('sequence');
    expect(rules('Peu avant le sommet de Bruxelles, les ministres ont adopté un nouveau paquet de sanctions.')).not.toContain('sequence');
  });
  it('still vetoes a bare marker, an unnamed anchor and other markers', () => {
    expect(rules('Peu après, la présidence a salué un partenariat renouvelé.')).toContain('sequence');
    expect(rules('Peu après la réunion, la présidence a salué un partenariat renouvelé.')).toContain('sequence');
    expect(rules('Plus tôt dans la journée, le ministre Jean Dupuis avait assuré le contraire.')).toContain('sequence');
  });
});
