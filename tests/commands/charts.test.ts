import { describe, expect, it } from 'vitest';
import type { MentionSeries, TrendsAnswer } from '../../src/services/engine.js';
import { actorCaption, actorChart, changeText, formatShare, trendsChart } from '../../src/commands/charts.js';
import { parsePeriod, trendsReply } from '../../src/commands/trends.js';
import { renderConsole } from '../../src/replies/console.js';
import { sparkline } from '../../src/replies/chart.js';

const series = (over: Partial<MentionSeries> = {}): MentionSeries => ({
  from: '2026-11-01',
  to: '2026-11-05',
  step: 'day',
  days: 5,
  dates: ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'],
  lines: [
    { id: 'country:RUS', name: 'Russie', counts: [3, 0, 5, 2, 0], total: 10 },
    { id: 'country:UKR', name: 'Ukraine', counts: [1, 0, 2, 0, 1], total: 4 },
  ],
  previous: { from: '2026-10-27', to: '2026-10-31', mentions: 8 },
  undated: 0,
  stamp: 'abc.1',
  ...over,
});

describe('the actor chart', () => {
  it('says the total, the peak day and the change, read from the data drawn', () => {
    expect(actorCaption(series())).toBe(
      'Russie : 10 mentions du 1er novembre 2026 au 5 novembre 2026, pic le 3 novembre 2026 (5) ; +25 % par rapport aux 5 jours d’avant (8).',
    );
    expect(actorCaption(series({ previous: { from: '2026-10-27', to: '2026-10-31', mentions: 0 }, undated: 3 }))).toMatch(
      /aucune mention les 5 jours d’avant\. 3 mentions dans des articles sans date ne sont sur aucun jour\.$/,
    );
    expect(actorCaption(series({ step: 'week' }))).toContain('pic la semaine du 3 novembre 2026 (5)');
    expect(changeText(6, 8)).toBe('−25 %');
    expect(changeText(8, 8)).toBe('stable');
  });

  it('draws zero days as zeros, the actor thick and the others thin, with French dates', () => {
    const chart = actorChart(series());
    expect(chart.labels).toEqual(['1 nov.', '2 nov.', '3 nov.', '4 nov.', '5 nov.']);
    expect(chart.series[0]).toEqual({ name: 'Russie', values: [3, 0, 5, 2, 0], emphasis: 'main' });
    expect(chart.series[1]!.emphasis).toBe('secondary');
    expect(chart.fileName).toBe('acteur-russie.png');
    // A new index version is a new picture.
    expect(actorChart(series({ stamp: 'abc.2' })).cacheKey).not.toBe(chart.cacheKey);
    expect(chart.data).toMatchObject({ dates: series().dates, series: [{ name: 'Russie', counts: [3, 0, 5, 2, 0] }, { name: 'Ukraine' }] });
  });

  it('shows in the console as a sparkline with where the picture was written', () => {
    const text = renderConsole({ tone: 'info', title: 'Russie', items: [], chart: actorChart(series()) }, { picturePath: '/tmp/x/acteur-russie.png' });
    expect(text).toContain(`Russie   ${sparkline([3, 0, 5, 2, 0])}  10`);
    expect(text).toContain('Image : /tmp/x/acteur-russie.png');
    expect(sparkline([0, 4, 8])).toBe('▁▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

const trends: TrendsAnswer = {
  period: { from: '2026-11-24', to: '2026-11-30', days: 7 },
  previousPeriod: { from: '2026-11-17', to: '2026-11-23' },
  totalMentions: 200,
  previousTotalMentions: 100,
  rising: [{ id: 'country:CHN', name: 'Chine', mentions: 30, previousMentions: 5, share: 0.15, previousShare: 0.05 }],
  undatedMentions: 4,
  stamp: 'abc.1',
};

describe('the trends', () => {
  it('list real shares and counts, say what the share is of, and draw the same', () => {
    const reply = trendsReply(trends);
    expect(reply.items[0]!.body.text).toBe(`Chine : ${formatShare(0.15)} des mentions (${formatShare(0.05)} avant), 30 mentions (5 avant)`);
    expect(formatShare(0.15)).toMatch(/^15,0\s%$/u);
    expect(reply.intro).toContain('part de toutes les mentions d’acteurs de la période (200, contre 100 avant)');
    expect(reply.footer).toBe('4 mentions d’articles sans date ne comptent dans aucune période.');
    const chart = trendsChart(trends);
    expect(chart.series.map((s) => s.values)).toEqual([[0.05], [0.15]]);
    expect(chart.caption).toMatch(/^En hausse du 24 novembre 2026 au 30 novembre 2026 : Chine 15,0\s% \(5,0\s% avant\)\./u);
  });

  it('has no picture when nothing rises', () => {
    const reply = trendsReply({ ...trends, rising: [] });
    expect(reply.chart).toBeUndefined();
    expect(reply.intro).toContain('Aucun acteur en hausse');
  });

  it('reads periods in days or weeks', () => {
    expect(parsePeriod('7j')).toBe(7);
    expect(parsePeriod('30 jours')).toBe(30);
    expect(parsePeriod('2s')).toBe(14);
    expect(parsePeriod('2 semaines')).toBe(14);
    expect(parsePeriod('0j')).toBeUndefined();
    expect(parsePeriod('demain')).toBeUndefined();
    expect(parsePeriod('400j')).toBeUndefined();
  });
});
