import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  cronToDailyTime,
  dueSlots,
  formatDailyTime,
  formatLocal,
  nextSlot,
  parseDailyTime,
  ScheduleError,
  slotFor,
  timeOfDayAt,
  type DailyTime,
} from '../../src/services/digest/schedule.js';

const at = (iso: string) => new Date(iso);

/**
 * Calls `dueSlots` every minute between two instants, as a cron tick would, remembering what was
 * posted; returns the slots posted and when.
 */
function simulateTicks(from: string, to: string, time: DailyTime, timeZone: string, lastPosted?: string) {
  const posted: Array<{ key: string; tick: string; at: string }> = [];
  let last = lastPosted;
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += 60_000) {
    for (const slot of dueSlots(new Date(t), time, timeZone, last)) {
      posted.push({ key: slot.key, tick: new Date(t).toISOString(), at: slot.at.toISOString() });
      last = slot.key;
    }
  }
  return posted;
}

describe('parseDailyTime', () => {
  it('reads HH:MM and the French ways of writing an hour', () => {
    expect(parseDailyTime('08:00')).toEqual({ hour: 8, minute: 0 });
    expect(parseDailyTime('8:05')).toEqual({ hour: 8, minute: 5 });
    expect(parseDailyTime('8h')).toEqual({ hour: 8, minute: 0 });
    expect(parseDailyTime('18h30')).toEqual({ hour: 18, minute: 30 });
    expect(parseDailyTime(' 07 h 45 ')).toEqual({ hour: 7, minute: 45 });
    expect(parseDailyTime('23:59')).toEqual({ hour: 23, minute: 59 });
  });

  it('rejects impossible times with a French message', () => {
    for (const bad of ['24:00', '8:60', 'huit heures', '', '8', '8:5', '-1:00']) {
      expect(() => parseDailyTime(bad), bad).toThrow(ScheduleError);
    }
    expect(() => parseDailyTime('25:00')).toThrow(/Heure invalide « 25:00 ».*08:00/);
  });

  it('formats back to HH:MM', () => {
    expect(formatDailyTime(parseDailyTime('8h05'))).toBe('08:05');
  });
});

describe('cronToDailyTime', () => {
  it('reads the default daily cron and its variants', () => {
    expect(cronToDailyTime('0 8 * * *')).toEqual({ hour: 8, minute: 0 });
    expect(cronToDailyTime('30 18 * * *')).toEqual({ hour: 18, minute: 30 });
    expect(cronToDailyTime('  05   07 * * *  ')).toEqual({ hour: 7, minute: 5 });
    // node-cron accepts a leading seconds field.
    expect(cronToDailyTime('0 15 9 * * *')).toEqual({ hour: 9, minute: 15 });
  });

  it('explains that other crons are not daily', () => {
    expect(() => cronToDailyTime('*/5 * * * *')).toThrow(/pas une planification quotidienne.*minute heure \* \* \*/);
    expect(() => cronToDailyTime('0 8 * * 1-5')).toThrow(/jours et les mois/);
    expect(() => cronToDailyTime('0 8,18 * * *')).toThrow(/l'heure « 8,18 »/);
    expect(() => cronToDailyTime('0 8 1 * *')).toThrow(ScheduleError);
    expect(() => cronToDailyTime('0 24 * * *')).toThrow(ScheduleError);
    expect(() => cronToDailyTime('0 8 * *')).toThrow(/4 champs/);
    expect(() => cronToDailyTime('30 0 8 * * *')).toThrow(/secondes/);
  });
});

describe('slotFor', () => {
  it('gives the local day key and the UTC instant of an ordinary day', () => {
    // Paris is UTC+1 in November.
    const slot = slotFor(at('2026-11-25T12:00:00Z'), { hour: 8, minute: 0 }, 'Europe/Paris');
    expect(slot.key).toBe('2026-11-25 08:00');
    expect(slot.date).toBe('2026-11-25');
    expect(slot.at.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(slot.shifted).toBe(false);
    // UTC+2 in summer.
    expect(slotFor(at('2026-07-14T12:00:00Z'), { hour: 8, minute: 0 }, 'Europe/Paris').at.toISOString()).toBe('2026-07-14T06:00:00.000Z');
  });

  it("uses the guild's local date, not the UTC date", () => {
    // 23:30 UTC on the 25th is already the 26th in Paris…
    expect(slotFor(at('2026-11-25T23:30:00Z'), { hour: 8, minute: 0 }, 'Europe/Paris').key).toBe('2026-11-26 08:00');
    // …and still the 25th in New York at 03:30 UTC on the 26th.
    const ny = slotFor(at('2026-11-26T03:30:00Z'), { hour: 8, minute: 0 }, 'America/New_York');
    expect(ny.key).toBe('2026-11-25 08:00');
    expect(ny.at.toISOString()).toBe('2026-11-25T13:00:00.000Z');
  });

  it('takes the time as the store keeps it, HH:MM text', () => {
    expect(slotFor(at('2026-11-25T12:00:00Z'), '08:00', 'Europe/Paris')).toEqual(slotFor(at('2026-11-25T12:00:00Z'), { hour: 8, minute: 0 }, 'Europe/Paris'));
    expect(nextSlot(at('2026-11-25T12:00:00Z'), '18:30', 'Europe/Paris').at.toISOString()).toBe('2026-11-25T17:30:00.000Z');
    expect(() => dueSlots(at('2026-11-25T12:00:00Z'), '8 heures', 'Europe/Paris')).toThrow(ScheduleError);
  });

  it('handles zones with non-hour offsets', () => {
    expect(slotFor(at('2026-01-10T00:00:00Z'), { hour: 8, minute: 0 }, 'Asia/Kathmandu').at.toISOString()).toBe('2026-01-10T02:15:00.000Z');
    expect(slotFor(at('2026-01-10T00:00:00Z'), { hour: 8, minute: 0 }, 'Asia/Kolkata').at.toISOString()).toBe('2026-01-10T02:30:00.000Z');
  });

  describe('Europe/Paris daylight saving', () => {
    it('moves a 02:30 slot that does not exist (2026-03-29) to 03:30 local, once', () => {
      const slot = slotFor(at('2026-03-29T10:00:00Z'), { hour: 2, minute: 30 }, 'Europe/Paris');
      expect(slot.key).toBe('2026-03-29 02:30');
      expect(slot.shifted).toBe(true);
      expect(slot.at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
      expect(formatLocal(slot.at, 'Europe/Paris')).toBe('dimanche 29 mars 2026 à 03:30');
    });

    it('fires a 02:30 slot that exists twice (2026-10-25) at the first one', () => {
      const slot = slotFor(at('2026-10-25T10:00:00Z'), { hour: 2, minute: 30 }, 'Europe/Paris');
      expect(slot.shifted).toBe(false);
      // 02:30 CEST (UTC+2) comes before 02:30 CET (UTC+1).
      expect(slot.at.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    });

    it('keeps ordinary slots of those days at their usual local time', () => {
      expect(slotFor(at('2026-03-29T10:00:00Z'), { hour: 8, minute: 0 }, 'Europe/Paris').at.toISOString()).toBe('2026-03-29T06:00:00.000Z');
      expect(slotFor(at('2026-10-25T10:00:00Z'), { hour: 8, minute: 0 }, 'Europe/Paris').at.toISOString()).toBe('2026-10-25T07:00:00.000Z');
      expect(slotFor(at('2026-03-29T10:00:00Z'), { hour: 1, minute: 59 }, 'Europe/Paris').at.toISOString()).toBe('2026-03-29T00:59:00.000Z');
      expect(slotFor(at('2026-03-29T10:00:00Z'), { hour: 3, minute: 0 }, 'Europe/Paris').at.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    });
  });

  describe('America/New_York daylight saving', () => {
    it('moves a 02:30 slot that does not exist (2026-03-08) to 03:30 EDT', () => {
      const slot = slotFor(at('2026-03-08T15:00:00Z'), { hour: 2, minute: 30 }, 'America/New_York');
      expect(slot.shifted).toBe(true);
      expect(slot.at.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    });

    it('fires a 01:30 slot that exists twice (2026-11-01) at the first one (EDT)', () => {
      const slot = slotFor(at('2026-11-01T15:00:00Z'), { hour: 1, minute: 30 }, 'America/New_York');
      expect(slot.at.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    });
  });
});

describe('nextSlot', () => {
  const eight = { hour: 8, minute: 0 };

  it("is today's slot while it is to come, else tomorrow's", () => {
    expect(nextSlot(at('2026-11-25T06:59:00Z'), eight, 'Europe/Paris').key).toBe('2026-11-25 08:00');
    // At the very instant, the slot is due (dueSlots), not next.
    expect(nextSlot(at('2026-11-25T07:00:00Z'), eight, 'Europe/Paris').key).toBe('2026-11-26 08:00');
    expect(nextSlot(at('2026-11-25T07:00:00Z'), eight, 'Europe/Paris').at.toISOString()).toBe('2026-11-26T07:00:00.000Z');
  });

  it('crosses month, year and DST boundaries', () => {
    expect(nextSlot(at('2026-12-31T20:00:00Z'), eight, 'Europe/Paris').key).toBe('2027-01-01 08:00');
    // Saturday 28 March 2026 after 08:00: Sunday's 08:00 is already in summer time (UTC+2).
    const sunday = nextSlot(at('2026-03-28T12:00:00Z'), eight, 'Europe/Paris');
    expect(sunday.key).toBe('2026-03-29 08:00');
    expect(sunday.at.toISOString()).toBe('2026-03-29T06:00:00.000Z');
    // The day is 23 hours long there.
    const saturday = slotFor(at('2026-03-28T12:00:00Z'), eight, 'Europe/Paris');
    expect(sunday.at.getTime() - saturday.at.getTime()).toBe(23 * 3_600_000);
  });

  it('on the spring-forward day, points at the shifted slot until it fires', () => {
    const half = { hour: 2, minute: 30 };
    expect(nextSlot(at('2026-03-29T00:59:00Z'), half, 'Europe/Paris').at.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(nextSlot(at('2026-03-29T01:30:00Z'), half, 'Europe/Paris').at.toISOString()).toBe('2026-03-30T00:30:00.000Z');
  });
});

describe('dueSlots', () => {
  const eight = { hour: 8, minute: 0 };

  it('is empty before the slot, holds it once its instant has come', () => {
    expect(dueSlots(at('2026-11-25T06:59:59Z'), eight, 'Europe/Paris')).toEqual([]);
    const due = dueSlots(at('2026-11-25T07:00:00Z'), eight, 'Europe/Paris');
    expect(due.map((s) => s.key)).toEqual(['2026-11-25 08:00']);
  });

  it('catches up at start-up a slot missed earlier the same day, unless it was posted', () => {
    const startUp = at('2026-11-25T15:42:00Z');
    expect(dueSlots(startUp, eight, 'Europe/Paris', '2026-11-24 08:00').map((s) => s.key)).toEqual(['2026-11-25 08:00']);
    expect(dueSlots(startUp, eight, 'Europe/Paris', '2026-11-25 08:00')).toEqual([]);
  });

  it('posts one digest per local day even after the time was changed', () => {
    // Posted at 08:00, then an admin moved the digest to 18:00 the same day.
    expect(dueSlots(at('2026-11-25T17:30:00Z'), { hour: 18, minute: 0 }, 'Europe/Paris', '2026-11-25 08:00')).toEqual([]);
  });

  it('does not post yesterday late: a day missed entirely is skipped', () => {
    // Down all Tuesday, back on Wednesday at 06:00 local before the slot.
    expect(dueSlots(at('2026-11-25T05:00:00Z'), eight, 'Europe/Paris', '2026-11-23 08:00')).toEqual([]);
  });

  it('ticking every minute over an ordinary day fires once, at the slot', () => {
    const posted = simulateTicks('2026-11-24T23:00:00Z', '2026-11-25T23:00:00Z', eight, 'Europe/Paris', '2026-11-24 08:00');
    expect(posted).toEqual([{ key: '2026-11-25 08:00', tick: '2026-11-25T07:00:00.000Z', at: '2026-11-25T07:00:00.000Z' }]);
  });

  it('ticking every minute over the Paris spring-forward day fires the missing 02:30 once, at 03:30 local', () => {
    const posted = simulateTicks('2026-03-28T22:00:00Z', '2026-03-29T22:00:00Z', { hour: 2, minute: 30 }, 'Europe/Paris', '2026-03-28 02:30');
    expect(posted).toEqual([{ key: '2026-03-29 02:30', tick: '2026-03-29T01:30:00.000Z', at: '2026-03-29T01:30:00.000Z' }]);
  });

  it('ticking every minute over the Paris fall-back day fires the doubled 02:30 once, the first time', () => {
    const posted = simulateTicks('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', { hour: 2, minute: 30 }, 'Europe/Paris', '2026-10-24 02:30');
    expect(posted).toEqual([{ key: '2026-10-25 02:30', tick: '2026-10-25T00:30:00.000Z', at: '2026-10-25T00:30:00.000Z' }]);
  });

  it('ticking every minute over the New York DST days fires once each', () => {
    const spring = simulateTicks('2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', { hour: 2, minute: 30 }, 'America/New_York', '2026-03-07 02:30');
    expect(spring.map((p) => p.tick)).toEqual(['2026-03-08T07:30:00.000Z']);
    const fall = simulateTicks('2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', { hour: 1, minute: 30 }, 'America/New_York', '2026-10-31 01:30');
    expect(fall.map((p) => p.tick)).toEqual(['2026-11-01T05:30:00.000Z']);
  });
});

describe('formatLocal', () => {
  it('writes the date and time in French in the given zone', () => {
    expect(formatLocal(at('2026-11-25T07:00:00Z'), 'Europe/Paris')).toBe('mercredi 25 novembre 2026 à 08:00');
    expect(formatLocal(at('2026-11-25T07:00:00Z'), 'America/New_York')).toBe('mercredi 25 novembre 2026 à 02:00');
    expect(formatLocal(at('2026-11-25T23:05:00Z'), 'Europe/Paris')).toBe('jeudi 26 novembre 2026 à 00:05');
  });

  it('writes the first of the month as « 1er »', () => {
    expect(formatLocal(at('2026-05-01T10:15:00Z'), 'Europe/Paris')).toBe('vendredi 1er mai 2026 à 12:15');
  });
});

describe('timeOfDayAt', () => {
  it('reads the wall-clock time in the zone, midnight and both DST changes included', () => {
    expect(timeOfDayAt(at('2026-11-24T23:00:00Z'), 'Europe/Paris')).toEqual({ hour: 0, minute: 0 });
    // 29 March 2026: 02:00 does not exist in Paris; 25 October 2026: 02:30 happens twice.
    expect(timeOfDayAt(at('2026-03-29T00:59:00Z'), 'Europe/Paris')).toEqual({ hour: 1, minute: 59 });
    expect(timeOfDayAt(at('2026-03-29T01:00:00Z'), 'Europe/Paris')).toEqual({ hour: 3, minute: 0 });
    expect(timeOfDayAt(at('2026-10-25T00:30:00Z'), 'Europe/Paris')).toEqual({ hour: 2, minute: 30 });
    expect(timeOfDayAt(at('2026-10-25T01:30:00Z'), 'Europe/Paris')).toEqual({ hour: 2, minute: 30 });
    expect(timeOfDayAt(at('2026-11-25T07:00:00Z'), 'Asia/Kolkata')).toEqual({ hour: 12, minute: 30 });
  });
});

describe('canonicalTimeZone', () => {
  it('knows IANA zones, fixes their case and rejects unknown ones', () => {
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Pariss')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
  });
});
