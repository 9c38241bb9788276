/**
 * The trends as a reply model: /tendances's answer and the digest's trends section (the same
 * text, shares and picture). Kept out of the command so that the digest, which services load,
 * does not load discord.js.
 */
import type { Reply } from './reply.js';
import { countOf, formatNumber } from './text.js';
import type { TrendsAnswer } from '../services/engine.js';
import { formatShare, periodText, trendsChart } from '../commands/charts.js';

/** The trends as a reply (also the digest's section, see replies/digest.ts). */
export function trendsReply(answer: TrendsAnswer): Reply {
  const days = countOf(answer.period.days, 'jour');
  const intro = [
    `${periodText(answer.period.from, answer.period.to)} (les ${days} d’articles datés les plus récents), comparés aux ${days} d’avant.`,
    `Part : part de toutes les mentions d’acteurs de la période (${formatNumber(answer.totalMentions)}, contre ${formatNumber(answer.previousTotalMentions)} avant). En hausse : plus de mentions et une part plus grande.`,
  ];
  if (answer.previousTotalMentions === 0) {
    intro.push(`Aucun article daté dans les ${days} d’avant : rien à comparer.`);
  } else if (answer.rising.length === 0) intro.push('Aucun acteur en hausse sur cette période.');
  const reply: Reply = {
    tone: answer.rising.length > 0 ? 'info' : 'warning',
    title: `Acteurs en hausse — ${days}`,
    intro: intro.join('\n'),
    items: answer.rising.map((r, i) => ({
      label: `${i + 1}.`,
      body: {
        text: `${r.name} : ${formatShare(r.share)} des mentions (${formatShare(r.previousShare)} avant), ${countOf(r.mentions, 'mention')} (${formatNumber(r.previousMentions)} avant)`,
      },
    })),
  };
  if (answer.undatedMentions > 0) {
    reply.footer = `${countOf(answer.undatedMentions, 'mention')} d’articles sans date ne ${answer.undatedMentions > 1 ? 'comptent' : 'compte'} dans aucune période.`;
  }
  if (answer.rising.length > 0) reply.chart = trendsChart(answer);
  return reply;
}
