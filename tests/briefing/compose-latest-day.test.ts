import { describe, expect, it } from 'vitest';
import { composeBriefing, dayTold, type BriefingArticle } from '../../src/services/briefing/compose.js';
import { termsOf } from '../../src/services/text/stem.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('the day a lead tells', () => {
  it('reads a weekday near the page’s date', () => {
    expect(dayTold('La chancelière a visité vendredi le chantier naval de Gdansk.', '2026-03-06')).toBe(day('2026-03-06'));
    expect(dayTold('La chancelière a visité jeudi le chantier naval de Gdansk.', '2026-03-06')).toBe(day('2026-03-05'));
  });
  it('keeps the page’s date for a day announced ahead, or when the lead names none', () => {
    expect(dayTold('La chancelière se rendra vendredi à Gdansk, a annoncé son porte-parole.', '2026-03-04')).toBe(day('2026-03-04'));
    expect(dayTold('La chancelière a visité le chantier naval de Gdansk.', '2026-03-04')).toBe(day('2026-03-04'));
  });
  it('reads a full date without a page date, and nothing from a weekday alone', () => {
    expect(dayTold('La chancelière a visité le 5 mars 2026 le chantier naval de Gdansk.', undefined)).toBe(day('2026-03-05'));
    expect(dayTold('La chancelière a visité jeudi le chantier naval de Gdansk.', undefined)).toBeUndefined();
  });
});

describe('a story told over several days opens on its latest day', () => {
  const TITLE = 'La chancelière allemande en visite d’État en Pologne';
  const REST = 'La visite doit renforcer la coopération entre Berlin et Varsovie sur la défense.';
  const outlet = (id: string, date: string, lead: string): BriefingArticle => ({
    id,
    date,
    title: TITLE,
    titleTerms: termsOf(TITLE),
    sentenceTerms: [termsOf(lead), termsOf(REST)],
    actors: new Map(),
    text: `${lead} ${REST}`,
    candidates: [{ articleId: id, sentenceIndexes: [0], text: lead, kind: 'lead', score: 1 }],
  });
  const talks = outlet(
    'varsovie',
    '2026-03-05',
    'La chancelière allemande a rencontré jeudi le président polonais à Varsovie pour sa visite d’État en Pologne.',
  );
  const shipyard = outlet(
    'gdansk',
    '2026-03-06',
    'La chancelière allemande a visité vendredi le chantier naval de Gdansk, au dernier jour de sa visite d’État en Pologne.',
  );

  it('leads with the latest day’s lead, whichever article comes first', () => {
    for (const order of [[talks, shipyard], [shipyard, talks]]) {
      const stories = composeBriefing(order, { limit: 1 });
      expect(stories).toHaveLength(1);
      expect(stories[0]!.picks.map((p) => p.articleId)).toEqual(['gdansk']);
    }
  });

  it('leaves the order alone when both leads tell one day', () => {
    const sameDay = outlet(
      'gdansk-meme-jour',
      '2026-03-05',
      'La chancelière allemande a visité jeudi le chantier naval de Gdansk, au premier jour de sa visite d’État en Pologne.',
    );
    const stories = composeBriefing([talks, sameDay], { limit: 1 });
    expect(stories[0]!.picks.map((p) => p.articleId)).toEqual(['varsovie']);
  });

  it('does not take a day announced ahead for the latest news', () => {
    const preview = outlet(
      'annonce',
      '2026-03-04',
      'La chancelière allemande se rendra vendredi 6 mars au chantier naval de Gdansk, pour sa visite d’État en Pologne.',
    );
    const stories = composeBriefing([preview, talks], { limit: 1 });
    expect(stories[0]!.picks.map((p) => p.articleId)).toEqual(['varsovie']);
  });
});
