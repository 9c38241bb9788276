/**
 * Mentions over time, read from the per-day aggregate the indexer keeps (`actor_days`,
 * `day_totals`), never from a scan of sentences: an actor's series over the last days of dated
 * articles, and the actors whose share of all actor mentions rose. Days are publication days
 * (ISO `YYYY-MM-DD`); articles without a date are on the day `''` and on no chart.
 */
import type { DayRange } from '../engine.js';
import { SENTENCES_OF_A, type IndexDatabase } from './database.js';

/** Longer ranges than this are drawn per week. */
export const DAILY_MAX_DAYS = 92;
/** An actor needs this many mentions in the period to be said to rise (fewer is noise). */
export const RISING_MIN_MENTIONS = 3;

const DAY_MS = 86_400_000;

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The first day of each point of a range: each day, or each week (from Monday, the first cut at `from`). */
export function pointDates(range: DayRange, step: 'day' | 'week'): string[] {
  const dates: string[] = [];
  for (let day = range.from; day <= range.to; ) {
    dates.push(day);
    if (step === 'day') day = addDays(day, 1);
    else {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      day = addDays(day, 7 - weekday);
    }
  }
  return dates;
}

/** Counts per day put on the points starting at `dates` (a day before the first point is dropped). */
export function bucket(dates: readonly string[], perDay: ReadonlyArray<{ day: string; mentions: number }>): number[] {
  const counts = new Array<number>(dates.length).fill(0);
  for (const { day, mentions } of perDay) {
    // The last point whose first day is on or before `day`.
    let lo = 0;
    let hi = dates.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (dates[mid]! <= day) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at >= 0) counts[at]! += mentions;
  }
  return counts;
}

export interface SeriesRows {
  range: DayRange;
  step: 'day' | 'week';
  days: number;
  dates: string[];
  /** Per actor key asked for: counts per point and total. */
  lines: Array<{ key: number; counts: number[]; total: number }>;
  previous: DayRange & { mentions: number };
  undated: number;
}

export interface TrendRow {
  key: number;
  mentions: number;
  previousMentions: number;
}

export interface TrendRows {
  period: DayRange;
  previousPeriod: DayRange;
  totalMentions: number;
  previousTotalMentions: number;
  /** Every actor with a mention in either period. */
  actors: TrendRow[];
  undatedMentions: number;
}

/** A condition on the article alias `a` (`AND …`) and its arguments: the articles a scope may see. */
export interface ArticleFilter {
  sql: string;
  args: readonly string[];
}

/** The counting statements of a scope that does not see every article: read from mentions, not from the aggregates. */
function filteredStatements(db: IndexDatabase, sql: string) {
  const counted = `FROM mentions m JOIN articles a ON a.n = m.article WHERE m.actor = ?`;
  const period = `FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} WHERE a.day BETWEEN ? AND ? ${sql}`;
  return {
    lastDay: db.prepare(`SELECT max(a.day) FROM articles a WHERE a.day <> '' ${sql}`).pluck(),
    firstDay: db.prepare(`SELECT min(a.day) FROM articles a WHERE a.day <> '' ${sql}`).pluck(),
    actorDays: db.prepare(`SELECT a.day, count(*) AS mentions ${counted} AND a.day BETWEEN ? AND ? ${sql} GROUP BY a.day`),
    actorSum: db.prepare(`SELECT count(*) ${counted} AND a.day BETWEEN ? AND ? ${sql}`).pluck(),
    actorUndated: db.prepare(`SELECT count(*) ${counted} AND a.day = '' ${sql}`).pluck(),
    periodActors: db.prepare(`SELECT m.actor, count(*) AS mentions ${period} GROUP BY m.actor`),
    periodTotal: db.prepare(`SELECT count(*) ${period}`).pluck(),
    undatedTotal: db.prepare(`SELECT count(*) FROM articles a JOIN mentions m ON ${SENTENCES_OF_A} WHERE a.day = '' ${sql}`).pluck(),
  };
}

export class MentionCounts {
  private readonly statements;
  /** Statements per scope condition (two or three conditions at most: shared, a server's). */
  private readonly filtered = new Map<string, ReturnType<typeof filteredStatements>>();

  constructor(private readonly db: IndexDatabase) {
    this.statements = {
      lastDay: db.prepare("SELECT max(day) FROM day_totals WHERE day <> ''").pluck(),
      firstDay: db.prepare("SELECT min(day) FROM day_totals WHERE day <> ''").pluck(),
      actorDays: db.prepare('SELECT day, mentions FROM actor_days WHERE actor = ? AND day BETWEEN ? AND ?'),
      actorSum: db.prepare('SELECT coalesce(sum(mentions), 0) FROM actor_days WHERE actor = ? AND day BETWEEN ? AND ?').pluck(),
      actorUndated: db.prepare("SELECT coalesce(sum(mentions), 0) FROM actor_days WHERE actor = ? AND day = ''").pluck(),
      periodActors: db.prepare('SELECT actor, sum(mentions) AS mentions FROM actor_days WHERE day BETWEEN ? AND ? GROUP BY actor'),
      periodTotal: db.prepare('SELECT coalesce(sum(mentions), 0) FROM day_totals WHERE day BETWEEN ? AND ?').pluck(),
      undatedTotal: db.prepare("SELECT coalesce(sum(mentions), 0) FROM day_totals WHERE day = ''").pluck(),
      stamp: db.prepare("SELECT group_concat(value, '.') FROM (SELECT value FROM meta WHERE key IN ('identity', 'generation') ORDER BY key DESC)").pluck(),
    };
  }

  /**
   * The statements to count with, and the arguments the filter adds after each statement's own: the
   * aggregates when the scope sees every article, else counts read from its visible mentions.
   */
  private use(filter: ArticleFilter | undefined): { s: ReturnType<typeof filteredStatements>; extra: readonly string[] } {
    if (!filter?.sql) return { s: this.statements, extra: [] };
    let s = this.filtered.get(filter.sql);
    if (!s) this.filtered.set(filter.sql, (s = filteredStatements(this.db, filter.sql)));
    return { s, extra: filter.args };
  }

  /** Changes whenever an article is written or removed (the index's identity and write count). */
  stamp(): string {
    return (this.statements.stamp.get() as string | null) ?? '';
  }

  /**
   * The last `days` days of dated articles (ending on the latest publication day), never starting
   * before the first one; undefined when no article has a date.
   */
  range(days: number, filter?: ArticleFilter): DayRange | undefined {
    const { s, extra } = this.use(filter);
    const last = s.lastDay.get(...extra) as string | null;
    const first = s.firstDay.get(...extra) as string | null;
    if (!last || !first) return undefined;
    const from = addDays(last, -(days - 1));
    return { from: from < first ? first : from, to: last };
  }

  /** Mentions of each actor (by key) per point over the last `days` days of dated articles. */
  series(keys: readonly number[], days: number, filter?: ArticleFilter): SeriesRows | undefined {
    const range = this.range(days, filter);
    if (!range) return undefined;
    const span = daysBetween(range.from, range.to);
    const step = span > DAILY_MAX_DAYS ? 'week' : 'day';
    const dates = pointDates(range, step);
    const { s, extra } = this.use(filter);
    const lines = keys.map((key) => {
      const counts = bucket(dates, s.actorDays.all(key, range.from, range.to, ...extra) as Array<{ day: string; mentions: number }>);
      return { key, counts, total: counts.reduce((a, b) => a + b, 0) };
    });
    const previous = { from: addDays(range.from, -span), to: addDays(range.from, -1) };
    const first = keys[0] ?? 0;
    return {
      range,
      step,
      days: span,
      dates,
      lines,
      previous: { ...previous, mentions: s.actorSum.get(first, previous.from, previous.to, ...extra) as number },
      undated: s.actorUndated.get(first, ...extra) as number,
    };
  }

  /** Every actor's mentions over the last `days` days of dated articles and the `days` before. */
  trends(days: number, filter?: ArticleFilter): TrendRows | undefined {
    const { s, extra } = this.use(filter);
    const last = s.lastDay.get(...extra) as string | null;
    if (!last) return undefined;
    const period = { from: addDays(last, -(days - 1)), to: last };
    const previousPeriod = { from: addDays(period.from, -days), to: addDays(period.from, -1) };
    const byKey = new Map<number, TrendRow>();
    for (const r of s.periodActors.all(period.from, period.to, ...extra) as Array<{ actor: number; mentions: number }>) {
      byKey.set(r.actor, { key: r.actor, mentions: r.mentions, previousMentions: 0 });
    }
    for (const r of s.periodActors.all(previousPeriod.from, previousPeriod.to, ...extra) as Array<{ actor: number; mentions: number }>) {
      const row = byKey.get(r.actor) ?? { key: r.actor, mentions: 0, previousMentions: 0 };
      row.previousMentions = r.mentions;
      byKey.set(r.actor, row);
    }
    return {
      period,
      previousPeriod,
      totalMentions: s.periodTotal.get(period.from, period.to, ...extra) as number,
      previousTotalMentions: s.periodTotal.get(previousPeriod.from, previousPeriod.to, ...extra) as number,
      actors: [...byKey.values()],
      undatedMentions: s.undatedTotal.get(...extra) as number,
    };
  }
}

/**
 * The actors « en hausse »: more mentions AND a higher share of all actor mentions than in the
 * period before (at least {@link RISING_MIN_MENTIONS} now), largest rise of share first.
 */
export function risingActors(rows: TrendRows, keep: (key: number) => boolean = () => true): Array<TrendRow & { share: number; previousShare: number }> {
  const shareOf = (n: number, total: number) => (total > 0 ? n / total : 0);
  return rows.actors
    .map((r) => ({ ...r, share: shareOf(r.mentions, rows.totalMentions), previousShare: shareOf(r.previousMentions, rows.previousTotalMentions) }))
    .filter((r) => r.mentions >= RISING_MIN_MENTIONS && r.mentions > r.previousMentions && r.share > r.previousShare && keep(r.key))
    .sort((a, b) => b.share - b.previousShare - (a.share - a.previousShare) || b.mentions - a.mentions || a.key - b.key);
}
