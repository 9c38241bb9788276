/**
 * When an article's event happened, read from its own words when the page gives no date: the
 * first date its title or lead writes (« le 16 octobre 2025 », « le 17 octobre », « dimanche 23 »,
 * « ce mardi »). A day without its year or month, or a weekday alone, means nothing by itself; it
 * is resolved against another article's date, so that comparing two articles needs those two only.
 * A date the text puts in the future (« aura lieu le 15 août », « doit recevoir…, vendredi ») is
 * marked `announced`: the article tells what is to come, not what happened that day.
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
  /** The text puts this day in the future (a preview, an announcement, a deadline). */
  announced?: true;
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

// What puts a day in the future, read on the words just before it: a modal or periphrastic
// future (« doit », « devrait », « va », « prévu », « attendu ») or a verb in the future tense.
// Accents kept: « a » (has) is not « à » (to).
const FUTURE_WORD = /^(?:doit|doivent|devrait|devraient|devra|devront|va|vont|prévue?s?|programmée?s?|attendue?s?|apprête|apprêtent|sera|seront|aura|auront|ira|iront|fera|feront|\p{L}{3,}(?:era|eront|ira|iront|dra|dront|vra|vront))$/u;
// A verb in a past tense ends the look back: the day is what was done (« a annoncé vendredi »,
// « l'accord annoncé dans la nuit de mercredi »). A noun in « -é » (« l'armée ») ends it too: the
// rule errs towards reading no announcement.
const PAST_WORD = /^(?:a|ont|avait|avaient|eut|est|sont|était|étaient|\p{L}+ée?s?)$/u;
// A deadline is not the day of the event either (« d'ici le 27 novembre », « jusqu'au 3 mai »).
const DEADLINE = /(?:\bd'ici|\bavant|\bjusqu'(?:au|à))(?:\s+(?:le|la|ce))?\s*$/u;
/** Words read back from a date for its tense (within its sentence). */
const TENSE_WORDS = 30;

/** Folds `text` character by character, keeping where each folded character came from. */
function foldKeepingOrigin(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII other than the backtick folds to itself once lowercased (the callers lowercase first):
    // no call per character (this runs on every article's title and lead).
    const f = code < 0x80 && code !== 0x60 && !(code >= 0x41 && code <= 0x5a) ? text[i]! : foldText(text[i]!);
    folded += f;
    for (let k = 0; k < f.length; k++) origin.push(i);
  }
  origin.push(text.length);
  return { folded, origin };
}

/** Whether the words before a date (and « prochain » after it) put it in the future. */
function isAnnounced(lower: string, from: number, to: number): boolean {
  if (/^\s+prochaine?\b/u.test(lower.slice(to))) return true;
  const before = lower.slice(0, from);
  const sentence = before.slice(Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n')) + 1);
  if (DEADLINE.test(sentence.replace(/[’`]/g, "'"))) return true;
  const words = sentence.match(/[\p{L}\p{M}]+/gu) ?? [];
  for (let k = words.length - 1; k >= Math.max(0, words.length - TENSE_WORDS); k--) {
    const word = words[k]!.normalize('NFC');
    if (PAST_WORD.test(word)) return false;
    if (FUTURE_WORD.test(word)) return true;
  }
  return false;
}

/**
 * The first date mention of a text (title, then lead, in reading order). A weekday alone
 * (« ce vendredi ») followed by the same weekday with its date (« vendredi 17 octobre ») is read
 * as that date.
 */
export function firstDateMention(text: string): DateMention | undefined {
  const lower = text.toLowerCase();
  const { folded, origin } = foldKeepingOrigin(lower);
  const full = [...folded.matchAll(FULL)].filter((m) => Number(m[2]) >= 1 && Number(m[2]) <= 31);
  let best: { at: number; end: number; mention: DateMention } | undefined;
  const first = full[0];
  if (first) {
    const mention: DateMention = { day: Number(first[2]), month: MONTHS.indexOf(first[3]!) + 1 };
    if (first[4]) mention.year = Number(first[4]);
    if (first[1]) mention.weekday = WEEKDAYS.indexOf(first[1]);
    best = { at: first.index, end: first.index + first[0].length, mention };
  }
  for (const m of folded.matchAll(WEEKDAY_ONLY)) {
    if (best && m.index >= best.at) break;
    const weekday = WEEKDAYS.indexOf(m[1]!);
    const dated = full.find((f) => f.index > m.index && f[1] === m[1]);
    if (dated) {
      const mention: DateMention = { day: Number(dated[2]), month: MONTHS.indexOf(dated[3]!) + 1, weekday };
      if (dated[4]) mention.year = Number(dated[4]);
      best = { at: dated.index, end: dated.index + dated[0].length, mention };
      break;
    }
    const mention: DateMention = { weekday };
    if (m[2] && Number(m[2]) >= 1 && Number(m[2]) <= 31) mention.day = Number(m[2]);
    best = { at: m.index, end: m.index + m[0].length, mention };
    break;
  }
  if (best && isAnnounced(lower, origin[best.at]!, origin[best.end]!)) best.mention.announced = true;
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

/** A day known without another article: the page's date, or a text date with its year. */
function anchorOf(day: number | undefined, mention: DateMention | undefined): number | undefined {
  if (day !== undefined) return day;
  return mention?.year !== undefined ? resolveMention(mention, 0) : undefined;
}

/** Whether an article is written before the day it announces (undated, or dated before it). */
export function isPreview(day: number | undefined, mention: DateMention | undefined): boolean {
  if (!mention?.announced) return false;
  if (day === undefined) return true;
  const announced = resolveMention(mention, day);
  return announced !== undefined && announced > day;
}

/**
 * Days an announcement usually comes before what it announces: an undated preview is taken to
 * be written within this many days before its announced day.
 */
const PREVIEW_HORIZON = 7;

/** How two articles' days relate. */
export interface DayRelation {
  /** Days between the two articles' own days; undefined when the dates and words do not say. */
  apart?: number;
  /** One is a preview of a day that the other tells, on that day or after it. */
  previewAndReport: boolean;
}

/**
 * Days between two articles (`day*`: page date, UTC midnight ms, when known; `mention*`: the first
 * date its title or lead writes), with what an announced day says: a preview is written before
 * the day it announces, so it is not the story of a page telling that day or a later one, and an
 * undated preview is dated only as « the days before ». Two previews compare the days they announce.
 */
export function relateDays(
  dayA: number | undefined,
  mentionA: DateMention | undefined,
  dayB: number | undefined,
  mentionB: DateMention | undefined,
): DayRelation {
  const previewA = isPreview(dayA, mentionA);
  if (previewA === isPreview(dayB, mentionB)) return { apart: daysApart(dayA, mentionA, dayB, mentionB), previewAndReport: false };
  const [dayP, mentionP, dayO, mentionO] = previewA ? [dayA, mentionA!, dayB, mentionB] : [dayB, mentionB!, dayA, mentionA];
  // The preview's own day, as far as known: its page date only (its words give the announced day).
  const own = { apart: daysApart(dayP, undefined, dayO, mentionO), previewAndReport: false };
  // Neither has a year: compare in any one year (as `daysApart` does).
  const common = mentionO?.month !== undefined && mentionO.day !== undefined ? Date.UTC(2001, mentionO.month - 1, mentionO.day) : undefined;
  const near = dayP ?? anchorOf(undefined, mentionP) ?? anchorOf(dayO, mentionO) ?? common;
  const announced = near === undefined ? undefined : resolveMention(mentionP, near);
  if (announced === undefined) return own;
  const told = dayO ?? (mentionO ? resolveMention(mentionO, announced) : undefined);
  if (told === undefined) return own;
  if (told >= announced) return { ...own, previewAndReport: true };
  if (dayP !== undefined) return own;
  const before = (announced - told) / DAY_MS;
  return before <= PREVIEW_HORIZON ? own : { apart: before - PREVIEW_HORIZON, previewAndReport: false };
}
