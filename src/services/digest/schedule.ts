/**
 * Daily digest slots, in the guild's own time zone. Pure functions: the current instant is always
 * a parameter (`now`), never read from the system clock, so tests and the digest service agree.
 *
 * A slot is "the digest of local day D at local time HH:MM". Its key (`YYYY-MM-DD HH:MM`, local)
 * is what the store records, so a slot is posted at most once whatever the number of restarts.
 *
 * Daylight-saving rules (what a person expects from "every day at 02:30"):
 * - spring forward, the wall time does not exist (Paris 2026-03-29 02:30): the slot fires once,
 *   shifted forward by the length of the gap (03:30 local), like `Temporal`'s "compatible" mode;
 * - fall back, the wall time exists twice (Paris 2026-10-25 02:30): the slot fires once, at the
 *   first occurrence.
 * Offsets come from `Intl.DateTimeFormat` (the ICU time-zone data Node ships), no extra package.
 */

/** A time of day, local to some time zone. */
export interface DailyTime {
  /** 0–23. */
  hour: number;
  /** 0–59. */
  minute: number;
}

export interface Slot {
  /** `YYYY-MM-DD HH:MM`: the local day and the configured time (unshifted), the store's key. */
  key: string;
  /** The local day, `YYYY-MM-DD`. */
  date: string;
  /** The configured time of day. */
  time: DailyTime;
  timeZone: string;
  /** The instant at which the slot fires. */
  at: Date;
  /** True when the configured wall time did not exist that day (DST gap) and `at` was moved later. */
  shifted: boolean;
}

/** A schedule that cannot be understood; the message is French and meant for the user. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `08:00` from `{ hour: 8, minute: 0 }`. */
export function formatDailyTime(time: DailyTime): string {
  return `${pad2(time.hour)}:${pad2(time.minute)}`;
}

/**
 * Reads a time of day as a French user writes it: `08:00`, `8:00`, `8h`, `8h30`, `08 h 30`.
 * Throws a {@link ScheduleError} otherwise.
 */
export function parseDailyTime(text: string): DailyTime {
  const match = /^\s*(\d{1,2})\s*(?:[:hH]\s*(\d{2})?)\s*$/.exec(text);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2] ?? '0') : NaN;
  if (!match || hour > 23 || minute > 59) {
    throw new ScheduleError(`Heure invalide « ${text.trim()} » : attendu HH:MM entre 00:00 et 23:59 (exemple : 08:00).`);
  }
  return { hour, minute };
}

/** A cron field that names one number: `0`, `08`. */
function singleValue(field: string, max: number): number | undefined {
  if (!/^\d{1,2}$/.test(field)) return undefined;
  const value = Number(field);
  return value <= max ? value : undefined;
}

/**
 * The time of day of a daily cron expression: `m h * * *` (or `s m h * * *` with `s` = 0).
 * Anything else (steps, lists, ranges, a day-of-month or weekday restriction) does not run once a
 * day at one time, so it cannot be a digest slot: a {@link ScheduleError} says so in French.
 */
export function cronToDailyTime(expression: string): DailyTime {
  const fields = expression.trim().split(/\s+/);
  const reject = (why: string): never => {
    throw new ScheduleError(
      `« ${expression.trim()} » n'est pas une planification quotidienne (${why}) : seule la forme « minute heure * * * » est prise en charge, par exemple « 0 8 * * * » pour 08:00 chaque jour.`,
    );
  };
  if (fields.length === 6) {
    if (singleValue(fields[0]!, 59) !== 0) reject('les secondes doivent valoir 0');
    fields.shift();
  }
  if (fields.length !== 5) reject(`${fields.length} champs au lieu de 5`);
  const [m, h, dom, month, dow] = fields as [string, string, string, string, string];
  const minute = singleValue(m, 59);
  const hour = singleValue(h, 23);
  if (minute === undefined) reject(`la minute « ${m} » doit être un seul nombre de 0 à 59`);
  if (hour === undefined) reject(`l'heure « ${h} » doit être un seul nombre de 0 à 23`);
  if (dom !== '*' || month !== '*' || dow !== '*') reject('les jours et les mois doivent valoir « * »');
  return { hour: hour!, minute: minute! };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * One formatter per time zone for `locale` and `options`, made on first use (making one is slow).
 * Throws a RangeError for an unknown zone: callers validate zones beforehand (config, store).
 */
function formatterPerZone(locale: string, options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const formatters = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formatters.set(timeZone, formatter);
    }
    return formatter;
  };
}

const wallFormatter = formatterPerZone('en-US', {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The wall clock of `timeZone` at instant `ms` (seconds dropped). */
function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallFormatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
  };
}

/** The wall-clock time of day of `date` in `timeZone`. */
export function timeOfDayAt(date: Date, timeZone: string): DailyTime {
  const { hour, minute } = wallClockAt(date.getTime(), timeZone);
  return { hour, minute };
}

/** Milliseconds to add to UTC to read the wall clock of `timeZone` at instant `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  const w = wallClockAt(floored, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - floored;
}

/**
 * The instant of a local wall time: the earliest when it occurs twice, shifted forward by the gap
 * when it does not occur at all.
 */
function zonedInstant(wall: WallClock, timeZone: string): { at: number; shifted: boolean } {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Offsets a day before and after cover any single transition around that wall time.
  const before = offsetAt(naive - DAY, timeZone);
  const after = offsetAt(naive + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => naive - offset)
    .filter((at) => {
      const w = wallClockAt(at, timeZone);
      return w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute;
    })
    .sort((a, b) => a - b);
  if (candidates.length > 0) return { at: candidates[0]!, shifted: false };
  // In a gap: read the wall time with the offset in force before it, which lands after the gap.
  return { at: naive - before, shifted: true };
}

function localDateKey(wall: { year: number; month: number; day: number }): string {
  return `${String(wall.year).padStart(4, '0')}-${pad2(wall.month)}-${pad2(wall.day)}`;
}

/** A time given as `HH:MM` text (as the store keeps it) or already parsed. */
export type TimeOfDay = DailyTime | string;

function toDailyTime(time: TimeOfDay): DailyTime {
  return typeof time === 'string' ? parseDailyTime(time) : time;
}

function slotOfLocalDay(day: { year: number; month: number; day: number }, timeOfDay: TimeOfDay, timeZone: string): Slot {
  const time = toDailyTime(timeOfDay);
  const { at, shifted } = zonedInstant({ ...day, hour: time.hour, minute: time.minute }, timeZone);
  const date = localDateKey(day);
  return { key: `${date} ${formatDailyTime(time)}`, date, time: { ...time }, timeZone, at: new Date(at), shifted };
}

/** The local day that follows `day` (calendar arithmetic, independent of any zone). */
function nextLocalDay(day: { year: number; month: number; day: number }): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The slot of the local day (in `timeZone`) that contains `date`. */
export function slotFor(date: Date, time: TimeOfDay, timeZone: string): Slot {
  return slotOfLocalDay(wallClockAt(date.getTime(), timeZone), time, timeZone);
}

/** The first slot strictly after `now`: today's if it is still to come, else tomorrow's. */
export function nextSlot(now: Date, time: TimeOfDay, timeZone: string): Slot {
  const today = wallClockAt(now.getTime(), timeZone);
  const slot = slotOfLocalDay(today, time, timeZone);
  return slot.at.getTime() > now.getTime() ? slot : slotOfLocalDay(nextLocalDay(today), time, timeZone);
}

/**
 * The slots to post now: today's slot when its instant has come (≤ now) and no digest was posted
 * for this local day yet. This is both the regular tick and the start-up catch-up of a slot missed
 * earlier the same day; a day missed entirely is not posted late.
 *
 * `lastPostedSlotKey` is the key of the last posted slot of that channel. One digest per local day:
 * if today's day already has a posted slot (even at another time, after the time was changed), none
 * is due.
 */
export function dueSlots(now: Date, time: TimeOfDay, timeZone: string, lastPostedSlotKey?: string): Slot[] {
  const slot = slotFor(now, time, timeZone);
  if (slot.at.getTime() > now.getTime()) return [];
  const lastDate = lastPostedSlotKey?.slice(0, 10);
  if (lastDate !== undefined && lastDate >= slot.date) return [];
  return [slot];
}

const frenchFormatter = formatterPerZone('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `mercredi 25 novembre 2026 à 08:00`, in `timeZone` (`1er` for the first of the month). */
export function formatLocal(date: Date, timeZone: string): string {
  const formatter = frenchFormatter(timeZone);
  // Assembled from parts: the joining words ICU puts between date and time vary across versions.
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  const day = parts.day === '1' ? '1er' : parts.day;
  return `${parts.weekday} ${day} ${parts.month} ${parts.year} à ${pad2(Number(parts.hour) % 24)}:${parts.minute}`;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  return canonicalTimeZone(timeZone) !== undefined;
}

/** The runtime's spelling of a zone (`europe/paris` → `Europe/Paris`), or undefined if unknown. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  if (!timeZone.trim()) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
