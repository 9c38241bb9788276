import { describe, expect, it } from 'vitest';
import { daysApart, firstDateMention, resolveMention } from '../../src/services/briefing/event-date.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10));

describe('the first date an article’s headline or lead writes', () => {
  it('reads a full date, a date without its year, a day with its weekday, a weekday alone', () => {
    expect(firstDateMention('Le Parlement a adopté le 16 octobre 2025 la réforme des retraites.')).toEqual({ day: 16, month: 10, year: 2025 });
    expect(firstDateMention('Les deux dirigeants se retrouveront le 1er septembre à Pékin.')).toEqual({ day: 1, month: 9 });
    expect(firstDateMention('Le ministre est arrivé dimanche 23 à Genève.')).toEqual({ weekday: 0, day: 23 });
    expect(firstDateMention('Le gouvernement a démissionné ce mardi après un vote de défiance.')).toEqual({ weekday: 2 });
  });

  it('takes the first in reading order, and no date from a sentence without one', () => {
    expect(firstDateMention('Titre sans date\nLe sommet s’est ouvert jeudi, un mois après celui du 9 mai.')).toEqual({ weekday: 4 });
    expect(firstDateMention('Le sommet s’est ouvert le 9 mai, un jeudi.')).toEqual({ day: 9, month: 5 });
    expect(firstDateMention('Le gouvernement a présenté son budget.')).toBeUndefined();
  });

  it('does not read « mardi dernier » or « vendredi prochain » as the event’s day', () => {
    expect(firstDateMention('Le plan présenté mardi dernier est rejeté.')).toBeUndefined();
  });
});

describe('a mention resolved against another article’s date', () => {
  it('puts a day and month in the nearest year, a weekday on its nearest occurrence', () => {
    expect(iso(resolveMention({ day: 30, month: 12 }, day('2026-01-02')))).toBe('2025-12-30');
    expect(iso(resolveMention({ weekday: 0 }, day('2025-11-23')))).toBe('2025-11-23'); // a Sunday
    expect(iso(resolveMention({ weekday: 2 }, day('2025-10-17')))).toBe('2025-10-14'); // Friday → the Tuesday before
    expect(iso(resolveMention({ day: 23, weekday: 0 }, day('2025-11-22')))).toBe('2025-11-23');
  });

  it('gives the days between two articles from their dates or their words, or nothing', () => {
    expect(daysApart(day('2025-08-15'), undefined, undefined, { day: 16, month: 10, year: 2025 })).toBe(62);
    expect(daysApart(undefined, { day: 10, month: 9 }, undefined, { day: 10, month: 9 })).toBe(0);
    expect(daysApart(undefined, { weekday: 5 }, undefined, { weekday: 1 })).toBe(3);
    expect(daysApart(day('2025-10-10'), undefined, undefined, undefined)).toBeUndefined();
    expect(daysApart(undefined, { weekday: 5 }, undefined, { day: 10, month: 9 })).toBeUndefined();
  });
});
