import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { addDays, bucket, pointDates } from '../../src/services/index/series.js';

/** An article file with a feed header (its publication date) and one sentence per line given. */
export function writeArticle(dir: string, name: string, published: string | undefined, sentences: string[]): void {
  const header = ['---', `title: Article ${name}`, ...(published ? [`published: ${published}T08:00:00.000Z`] : []), '---'];
  fs.writeFileSync(path.join(dir, `${name}.txt`), `${header.join('\n')}\n${sentences.join('\n\n')}\n`);
}

const RUSSIA = 'La Russie a annoncé de nouvelles mesures économiques contre ses voisins.';
const CHINA = 'La Chine a convoqué l’ambassadeur du Japon après un incident en mer.';
const BOTH = 'La Russie et la Chine ont signé un accord gazier à Pékin.';

describe('mentions per publication day, kept by the indexer', () => {
  let engine: SqliteCorpusEngine | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await engine?.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const corpus = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-series-'));
    dirs.push(dir);
    return dir;
  };

  it('counts each day, zero on days with no article, and leaves undated articles off the days', async () => {
    const dir = corpus();
    writeArticle(dir, 'a', '2026-11-01', [RUSSIA, BOTH]);
    writeArticle(dir, 'b', '2026-11-03', [RUSSIA]);
    writeArticle(dir, 'c', '2026-11-03', [CHINA]);
    writeArticle(dir, 'd', undefined, [RUSSIA]);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const series = await engine.mentionSeries(['country:RUS', 'country:CHN']);
    expect(series).toBeDefined();
    // The corpus is shorter than 30 days: its span, first dated day to last.
    expect(series!.from).toBe('2026-11-01');
    expect(series!.to).toBe('2026-11-03');
    expect(series!.step).toBe('day');
    expect(series!.dates).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(series!.lines.map((l) => l.name)).toEqual(['Russie', 'Chine']);
    expect(series!.lines[0]!.counts).toEqual([2, 0, 1]);
    expect(series!.lines[1]!.counts).toEqual([1, 0, 1]);
    expect(series!.lines[0]!.total).toBe(3);
    expect(series!.undated).toBe(1);
    // The three days before: nothing.
    expect(series!.previous).toEqual({ from: '2026-10-29', to: '2026-10-31', mentions: 0 });
  });

  it('keeps the counts true when an article is removed or changed', async () => {
    const dir = corpus();
    writeArticle(dir, 'a', '2026-11-01', [RUSSIA]);
    writeArticle(dir, 'b', '2026-11-02', [RUSSIA, RUSSIA.replace('nouvelles', 'autres')]);
    writeArticle(dir, 'c', '2026-11-04', [CHINA]);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const before = await engine.mentionSeries(['country:RUS']);
    expect(before!.lines[0]!.counts).toEqual([1, 2, 0, 0]);
    const stamp = before!.stamp;
    fs.rmSync(path.join(dir, 'b.txt'));
    writeArticle(dir, 'a', '2026-11-03', [RUSSIA]);
    await engine.sync();
    const after = await engine.mentionSeries(['country:RUS']);
    // The span now starts on the 3rd: nothing is left on the 1st or the 2nd.
    expect(after!.dates).toEqual(['2026-11-03', '2026-11-04']);
    expect(after!.lines[0]!.counts).toEqual([1, 0]);
    expect(after!.previous.mentions).toBe(0);
    expect(after!.stamp).not.toBe(stamp);
  });

  it('takes the last 30 days of dated articles, and the same length before for the change', async () => {
    const dir = corpus();
    writeArticle(dir, 'old', '2026-09-20', [RUSSIA]);
    writeArticle(dir, 'prev', '2026-10-10', [RUSSIA, BOTH]);
    writeArticle(dir, 'new', '2026-11-30', [RUSSIA]);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const series = await engine.mentionSeries(['country:RUS']);
    expect(series!.from).toBe('2026-11-01');
    expect(series!.to).toBe('2026-11-30');
    expect(series!.dates).toHaveLength(30);
    expect(series!.lines[0]!.counts.reduce((a, b) => a + b)).toBe(1);
    expect(series!.previous).toEqual({ from: '2026-10-02', to: '2026-10-31', mentions: 2 });
  });

  it('goes per week over long periods', async () => {
    const dir = corpus();
    writeArticle(dir, 'a', '2026-01-07', [RUSSIA]);
    writeArticle(dir, 'b', '2026-06-03', [RUSSIA]);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const series = await engine.mentionSeries(['country:RUS'], 365);
    expect(series!.step).toBe('week');
    expect(series!.from).toBe('2026-01-07');
    // The first point starts at the range's first day (a Wednesday), the next on a Monday.
    expect(series!.dates.slice(0, 2)).toEqual(['2026-01-07', '2026-01-12']);
    expect(series!.lines[0]!.counts[0]).toBe(1);
    expect(series!.lines[0]!.counts.at(-1)).toBe(1);
    expect(series!.lines[0]!.total).toBe(2);
  });

  it('finds the actors whose share of all actor mentions rose', async () => {
    const dir = corpus();
    // Previous week: Russia everywhere; this week: China more, Russia less.
    writeArticle(dir, 'p1', '2026-11-20', [RUSSIA, RUSSIA.replace('économiques', 'militaires'), CHINA]);
    writeArticle(dir, 'p2', '2026-11-21', [RUSSIA]);
    writeArticle(dir, 'n1', '2026-11-27', [CHINA, CHINA.replace('incident', 'accrochage'), RUSSIA]);
    writeArticle(dir, 'n2', '2026-11-28', [CHINA.replace('mer', 'mer de Chine orientale')]);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const trends = await engine.trends(7);
    expect(trends!.period).toEqual({ from: '2026-11-22', to: '2026-11-28', days: 7 });
    expect(trends!.previousPeriod).toEqual({ from: '2026-11-15', to: '2026-11-21' });
    const china = trends!.rising.find((r) => r.name === 'Chine');
    expect(china).toBeDefined();
    expect(china!.mentions).toBeGreaterThan(china!.previousMentions);
    expect(china!.share).toBeCloseTo(china!.mentions / trends!.totalMentions);
    expect(china!.previousShare).toBeCloseTo(china!.previousMentions / trends!.previousTotalMentions);
    expect(trends!.rising.some((r) => r.name === 'Russie')).toBe(false);
  });

  it('says nothing rises when the period before holds no dated article', async () => {
    const dir = corpus();
    writeArticle(dir, 'n1', '2026-11-27', [CHINA, CHINA, BOTH, RUSSIA]);
    ({ engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' }));
    const trends = await engine.trends(7);
    expect(trends!.previousTotalMentions).toBe(0);
    expect(trends!.rising).toEqual([]);
  });
});

describe('points of a range', () => {
  it('puts each day on its point, days before the first point dropped', () => {
    const dates = pointDates({ from: '2026-11-25', to: '2026-12-09' }, 'week');
    expect(dates).toEqual(['2026-11-25', '2026-11-30', '2026-12-07']);
    expect(bucket(dates, [
      { day: '2026-11-24', mentions: 5 },
      { day: '2026-11-29', mentions: 1 },
      { day: '2026-11-30', mentions: 2 },
      { day: '2026-12-09', mentions: 3 },
    ])).toEqual([1, 2, 3]);
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
});
