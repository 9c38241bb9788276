/**
 * The judge's rule table (benchmarks/eval/rules.ts): the product's judge reads each first sentence
 * under its headline (the `headline-echo` lead rule), and rules listed for the table show even
 * when they never fire, so that « 0 » is printed rather than a missing row.
 */
import { describe, expect, it } from 'vitest';
import { productJudge, rulePrecision, ruleTable } from '../../benchmarks/eval/rules.js';
import type { CorpusLabels } from '../../benchmarks/eval/score.js';

const labels: CorpusLabels = {
  corpus: 'essai',
  description: '',
  stories: { a: 'A' },
  articles: {
    a1: { file: 'a1.txt', story: 'a', lead: ['Le gouvernement a annoncé'], dependent: [] },
  },
  topics: {},
  keyFacts: { a: [] },
};

describe('the judge’s rule table', () => {
  it('the product judge names headline-echo on a first sentence that repeats its headline, only there', () => {
    const headline = 'Le Portugal relève son salaire minimum de 5 %';
    expect(productJudge('Le Portugal relève son salaire minimum de 5 %.', 0, headline)).toContain('headline-echo');
    expect(productJudge('Le Portugal relève son salaire minimum de 5 %.', 1, headline)).not.toContain('headline-echo');
    expect(productJudge('Le Portugal relève son salaire minimum de 5 %.', 0)).not.toContain('headline-echo');
  });

  it('lists a rule that never fired with 0 vetoes and no precision', () => {
    const sentences = new Map([['a1', ['Le gouvernement a annoncé mardi une hausse du salaire minimum.']]]);
    const figures = rulePrecision(labels, sentences, productJudge, new Map([['a1', 'Salaire minimum : une hausse']]), ['headline-echo']);
    expect(figures).toEqual([{ rule: 'headline-echo', vetoes: 0, dependent: 0, notLead: 0, wrong: [] }]);
    expect(ruleTable('essai', figures)).toContain('| headline-echo | 0 | — | — | 0 | — |');
  });
});
