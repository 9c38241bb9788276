/**
 * The pictures of answers as plain data: an actor's mentions over time, the actors that rise.
 * Every figure of a caption is read from the data drawn, and the data is what `--json` prints.
 */
import type { CorpusEngine, MentionSeries, NamedCount, TrendsAnswer } from '../services/engine.js';
import { chartFileName, type ReplyChart } from '../replies/chart.js';
import { countOf, formatDate, formatNumber } from '../replies/text.js';

/** How many actors mentioned with the one asked about are drawn beside it. */
export const RELATED_LINES = 3;

const SHORT_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const SHARE = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** `2026-11-03` → `3 nov.` */
export function shortDate(day: string): string {
  return SHORT_DATE.format(new Date(`${day}T00:00:00Z`));
}

/** A share between 0 and 1 as French percent: `4,2 %`. */
export function formatShare(share: number): string {
  return SHARE.format(share);
}

/** `du 1 novembre 2026 au 30 novembre 2026` → written once per end. */
export function periodText(from: string, to: string): string {
  return from === to ? `le ${formatDate(from)}` : `du ${formatDate(from)} au ${formatDate(to)}`;
}

/** `+35 %`, `−20 %` or `stable`: the change of a count against the one before. */
export function changeText(now: number, before: number): string {
  const percent = Math.round(((now - before) / before) * 100);
  if (percent === 0) return 'stable';
  return `${percent > 0 ? '+' : '−'}${formatNumber(Math.abs(percent))} %`;
}

/**
 * An actor's series over the last `days` (default 30) with the {@link RELATED_LINES} actors most
 * often named with it; undefined without dated articles.
 */
export async function actorSeries(engine: CorpusEngine, actorId: string, related: readonly NamedCount[], days?: number): Promise<MentionSeries | undefined> {
  if (!engine.mentionSeries) return undefined;
  const others = related.slice(0, RELATED_LINES).flatMap((r) => (r.id ? [r.id] : []));
  return days === undefined ? engine.mentionSeries([actorId, ...others]) : engine.mentionSeries([actorId, ...others], days);
}

/** The data an actor's chart draws (what `cli -- actor … --json` gives as `chart`). */
export function actorChartData(series: MentionSeries) {
  return {
    from: series.from,
    to: series.to,
    step: series.step,
    dates: series.dates,
    series: series.lines.map((l) => ({ id: l.id, name: l.name, counts: l.counts, total: l.total })),
    previous: series.previous,
    undated: series.undated,
  };
}

/** One line with the figures of an actor's series: total, peak, change, undated mentions left out. */
export function actorCaption(series: MentionSeries): string {
  const main = series.lines[0]!;
  const period = periodText(series.from, series.to);
  const parts: string[] = [];
  if (main.total === 0) parts.push(`${main.name} : aucune mention ${period}`);
  else {
    const peak = main.counts.reduce((best, v, i) => (v > main.counts[best]! ? i : best), 0);
    const when = series.step === 'week' ? `la semaine du ${formatDate(series.dates[peak]!)}` : `le ${formatDate(series.dates[peak]!)}`;
    const peakText = main.counts.length > 1 ? `, pic ${when} (${formatNumber(main.counts[peak]!)})` : '';
    parts.push(`${main.name} : ${countOf(main.total, 'mention')} ${period}${peakText}`);
  }
  const before = series.previous.mentions;
  const earlier = series.days === 1 ? 'la veille' : `les ${formatNumber(series.days)} jours d’avant`;
  parts.push(
    before === 0
      ? `aucune mention ${earlier}`
      : `${changeText(main.total, before)} par rapport ${earlier.startsWith('les ') ? earlier.replace(/^les /, 'aux ') : `à ${earlier}`} (${formatNumber(before)})`,
  );
  let caption = `${parts.join(' ; ')}.`;
  if (series.undated > 0) {
    caption += ` ${countOf(series.undated, 'mention')} dans des articles sans date ${series.undated > 1 ? 'ne sont' : 'n’est'} sur aucun jour.`;
  }
  return caption;
}

/** The chart of an actor's mentions per day (per week over long periods), with actors named beside it. */
export function actorChart(series: MentionSeries): ReplyChart {
  const main = series.lines[0]!;
  return {
    kind: 'lines',
    title: `${main.name} — mentions par ${series.step === 'week' ? 'semaine' : 'jour'}`,
    subtitle: `${periodText(series.from, series.to)}, par date de publication des articles`,
    labels: series.dates.map(shortDate),
    series: series.lines.map((l, i) => ({ name: l.name, values: l.counts, emphasis: i === 0 ? 'main' : 'secondary' })),
    unit: 'count',
    caption: actorCaption(series),
    fileName: chartFileName('acteur', main.name),
    cacheKey: `actor:${series.lines.map((l) => l.id).join('+')}:${series.from}:${series.to}:${series.stamp}`,
    data: actorChartData(series),
  };
}

/** The data the trends chart draws (what `cli -- tendances --json` gives as `chart`). */
export function trendsChartData(answer: TrendsAnswer) {
  return {
    period: answer.period,
    previousPeriod: answer.previousPeriod,
    totalMentions: answer.totalMentions,
    previousTotalMentions: answer.previousTotalMentions,
    rising: answer.rising,
    undatedMentions: answer.undatedMentions,
  };
}

export function trendsCaption(answer: TrendsAnswer): string {
  const days = countOf(answer.period.days, 'jour');
  const head =
    answer.rising.length === 0
      ? `Aucun acteur en hausse ${periodText(answer.period.from, answer.period.to)}`
      : `En hausse ${periodText(answer.period.from, answer.period.to)} : ${answer.rising
          .map((r) => `${r.name} ${formatShare(r.share)} (${formatShare(r.previousShare)} avant)`)
          .join(', ')}`;
  let caption = `${head}. Parts de toutes les mentions d’acteurs (${formatNumber(answer.totalMentions)}, contre ${formatNumber(
    answer.previousTotalMentions,
  )} les ${days} d’avant).`;
  if (answer.undatedMentions > 0) caption += ` ${countOf(answer.undatedMentions, 'mention')} d’articles sans date hors période.`;
  return caption;
}

/** Bars of each rising actor's share, the period before beside this one. */
export function trendsChart(answer: TrendsAnswer): ReplyChart {
  const days = answer.period.days;
  return {
    kind: 'bars',
    title: 'Acteurs en hausse',
    subtitle: `Part de toutes les mentions d’acteurs, ${periodText(answer.period.from, answer.period.to)}`,
    labels: answer.rising.map((r) => r.name),
    series: [
      { name: `${countOf(days, 'jour')} d’avant`, values: answer.rising.map((r) => r.previousShare), emphasis: 'secondary' },
      { name: `${countOf(days, 'dernier jour', 'derniers jours')}`, values: answer.rising.map((r) => r.share), emphasis: 'main' },
    ],
    unit: 'share',
    caption: trendsCaption(answer),
    fileName: `tendances-${days}j.png`,
    cacheKey: `trends:${days}:${answer.period.to}:${answer.stamp}`,
    data: trendsChartData(answer),
  };
}
