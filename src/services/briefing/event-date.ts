/**
 * When an article's event happened, read from its own words when the page gives no date: the
 * first date its title or lead writes (« le 16 octobre 2025 », « le 17 octobre », « dimanche 23 »,
 * « ce mardi »). A day without its year or month, or a weekday alone, means nothing by itself; it
 * is resolved against another article's date, so that comparing two articles needs those two only.
 */
import { foldText } from '../text/normalize.js';

/** The first date an article's headline or lead writes, as far as it goes. */
export interface DateMention {
  year?: number;
  /** 1–12. */
  month?: number;
  day?: number;
  /** 0 = Sunday … 6 = Saturday (as `Date.getUTCDay`). */
  weekday?: number;
}

const MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTH = `(${MONTHS.join('|')})`;
const WEEKDAY = `(${WEEKDAYS.join('|')})`;
// « mardi 14 octobre 2025 », « le 9 mai », « 1er septembre » (weekday, year optional).
const FULL = new RegExp(`(?:\\b${WEEKDAY}\\s+)?\\b(\\d{1,2})(?:er)?\\s+${MONTH}\\b(?:\\s+(\\d{4})\\b)?`, 'g');
// « dimanche 23 » (no month), « ce mardi », « vendredi soir ». Not « mardi dernier / prochain »:
// those point a week away from the text's own day, which is unknown.
const WEEKDAY_ONLY = new RegExp(`\\b${WEEKDAY}\\b(?:\\s+(\\d{1,2})\\b)?(?!\\s+(?:dernier|prochain))`, 'g');

const DAY_MS = 86_400_000;

/** The first date mention of a text (title, then lead, in reading order). */
export function firstDateMention(text: string): DateMention | undefined {
  const folded = foldText(text);
  let best: { at: number; mention: DateMention } | undefined;
  for (const m of folded.matchAll(FULL)) {
    const day = Number(m[2]);
    if (day < 1 || day > 31) continue;
    const mention: DateMention = { day, month: MONTHS.indexOf(m[3]!) + 1 };
    if (m[4]) mention.year = Number(m[4]);
    if (m[1]) mention.weekday = WEEKDAYS.indexOf(m[1]);
    best = { at: m.index, mention };
    break;
  }
  for (const m of folded.matchAll(WEEKDAY_ONLY)) {
    if (best && m.index >= best.at) break;
    const mention: DateMention = { weekday: WEEKDAYS.indexOf(m[1]!) };
    if (m[2] && Number(m[2]) >= 1 && Number(m[2]) <= 31) mention.day = Number(m[2]);
    best = { at: m.index, mention };
    break;
  }
  return best?.mention;
}

/**
 * The day (ms since epoch, UTC midnight) a mention most likely names, near a reference day: a
 * day and month in the year nearest the reference, a day of the month in the nearest month, a
 * weekday on its nearest occurrence. Undefined when the mention has no day and no weekday.
 */
export function resolveMention(mention: DateMention, reference: number): number | undefined {
  if (mention.day === undefined) {
    if (mention.weekday === undefined) return undefined;
    // 1 January 1970 was a Thursday (4); no Date object: this runs for many pairs.
    const refWeekday = (((Math.floor(reference / DAY_MS) + 4) % 7) + 7) % 7;
    const shift = (mention.weekday - refWeekday + 7) % 7;
    return reference + (shift <= 3 ? shift : shift - 7) * DAY_MS;
  }
  if (mention.month !== undefined && mention.year !== undefined) return Date.UTC(mention.year, mention.month - 1, mention.day);
  const ref = new Date(reference);
  const y = ref.getUTCFullYear();
  const m = ref.getUTCMonth();
  let best: number | undefined;
  for (let k = -1; k <= 1; k++) {
    // A day and month in the nearest year; a day of the month alone in the nearest month.
    const candidate = mention.month !== undefined ? Date.UTC(y + k, mention.month - 1, mention.day) : Date.UTC(y, m + k, mention.day);
    if (best === undefined || Math.abs(candidate - reference) < Math.abs(best - reference)) best = candidate;
  }
  return best;
}

/**
 * Days between two articles' events when at least one is known only from its words, or
 * undefined when the words do not say. `day*` is the page date (UTC midnight ms) when known.
 */
export function daysApart(
  dayA: number | undefined,
  mentionA: DateMention | undefined,
  dayB: number | undefined,
  mentionB: DateMention | undefined,
): number | undefined {
  if (dayA !== undefined && dayB !== undefined) return Math.abs(dayA - dayB) / DAY_MS;
  const anchorA = dayA ?? (mentionA?.year !== undefined ? resolveMention(mentionA, 0) : undefined);
  const anchorB = dayB ?? (mentionB?.year !== undefined ? resolveMention(mentionB, 0) : undefined);
  if (anchorA !== undefined && anchorB !== undefined) return Math.abs(anchorA - anchorB) / DAY_MS;
  if (anchorA !== undefined && mentionB) {
    const b = resolveMention(mentionB, anchorA);
    return b === undefined ? undefined : Math.abs(anchorA - b) / DAY_MS;
  }
  if (anchorB !== undefined && mentionA) {
    const a = resolveMention(mentionA, anchorB);
    return a === undefined ? undefined : Math.abs(anchorB - a) / DAY_MS;
  }
  if (mentionA && mentionB) {
    // Neither has a year: compare day and month (in any one year), else weekdays.
    if (mentionA.month !== undefined && mentionB.month !== undefined && mentionA.day !== undefined && mentionB.day !== undefined) {
      const a = Date.UTC(2001, mentionA.month - 1, mentionA.day);
      const b = resolveMention(mentionB, a);
      return b === undefined ? undefined : Math.abs(a - b) / DAY_MS;
    }
    if (mentionA.weekday !== undefined && mentionB.weekday !== undefined) {
      const d = Math.abs(mentionA.weekday - mentionB.weekday);
      return Math.min(d, 7 - d);
    }
  }
  return undefined;
}
