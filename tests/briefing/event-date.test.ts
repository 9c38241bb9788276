import { describe, expect, it } from 'vitest';
import { daysApart, firstDateMention, relateDays, resolveMention } from '../../src/services/briefing/event-date.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10));

describe('the first date an article’s headline or lead writes', () => {
  it('reads a full date, a date without its year, a day with its weekday, a weekday alone', () => {
    expect(firstDateMention('Le Parlement a adopté le 16 octobre 2025 la réforme des retraites.')).toEqual({ day: 16, month: 10, year: 2025 });
    expect(firstDateMention('Les deux dirigeants se retrouveront le 1er septembre à Pékin.')).toEqual({ day: 1, month: 9, announced: true });
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

describe('a day the text puts in the future (written for the test)', () => {
  it('reads a future tense, « doit », « prévu », « prochain » or a deadline before the day as an announcement', () => {
    expect(firstDateMention('Le sommet aura lieu le 4 décembre à Washington.')).toEqual({ day: 4, month: 12, announced: true });
    expect(firstDateMention('Le Premier ministre doit recevoir son homologue indien, jeudi 9 avril, à Matignon.')).toMatchObject({ day: 9, month: 4, announced: true });
    expect(firstDateMention('La signature, prévue le 3 mai, a été reportée.')).toMatchObject({ announced: true });
    expect(firstDateMention('Les élections se tiendront le 12 octobre prochain.')).toMatchObject({ announced: true });
    expect(firstDateMention('Kiev a jusqu’au 27 novembre pour répondre au plan.')).toMatchObject({ day: 27, month: 11, announced: true });
    // The future verb far from the day, within its sentence.
    expect(firstDateMention('Il sera bien, à 80 ans, candidat pour un cinquième mandat lors du scrutin du 12 octobre.')).toMatchObject({ announced: true });
  });

  it('does not read a day told in a past tense, or after a past participle, as an announcement', () => {
    expect(firstDateMention('Le président a reçu jeudi 9 avril son homologue indien.')).toEqual({ weekday: 4, day: 9, month: 4 });
    expect(firstDateMention('Le ministre rencontrera ses homologues, a-t-il annoncé vendredi.')).toEqual({ weekday: 5 });
    expect(firstDateMention('La trêve doit entrer en vigueur dès que l’accord annoncé dans la nuit de mercredi sera signé.')).toEqual({ weekday: 3 });
    expect(firstDateMention('Les forces ont repris le front le 10 octobre.')).toEqual({ day: 10, month: 10 });
  });

  it('reads « ce jeudi » in the title as the « jeudi 9 avril » of the lead', () => {
    expect(firstDateMention('Ce qu’il faut retenir de la visite de ce jeudi\nLe ministre est arrivé jeudi 9 avril à Kiev.')).toEqual({ weekday: 4, day: 9, month: 4 });
    // Another weekday with a date does not replace it.
    expect(firstDateMention('Le ministre est arrivé jeudi à Kiev, après sa visite de mardi 7 avril à Varsovie.')).toEqual({ weekday: 4 });
  });
});

describe('a preview and the day it announces', () => {
  const preview = { day: 4, month: 12, announced: true } as const;
  it('tells a preview from a page telling the day it announces, or a later one', () => {
    expect(relateDays(undefined, preview, day('2025-12-04'), undefined).previewAndReport).toBe(true);
    expect(relateDays(day('2025-12-05'), undefined, undefined, preview).previewAndReport).toBe(true);
    expect(relateDays(undefined, preview, undefined, { weekday: 4, day: 4, month: 12 }).previewAndReport).toBe(true);
    // A page dated the day it announces covers that day (a live page before the event): no preview.
    expect(relateDays(day('2025-12-04'), preview, day('2025-12-04'), undefined)).toEqual({ apart: 0, previewAndReport: false });
  });

  it('dates an undated preview only as « the week before » its day, and compares two previews by the day they announce', () => {
    expect(relateDays(undefined, preview, day('2025-12-01'), undefined)).toEqual({ apart: undefined, previewAndReport: false });
    expect(relateDays(undefined, preview, day('2025-10-15'), undefined)).toEqual({ apart: 50 - 7, previewAndReport: false });
    expect(relateDays(undefined, preview, undefined, { day: 4, month: 12, announced: true })).toEqual({ apart: 0, previewAndReport: false });
    expect(relateDays(day('2025-11-28'), preview, day('2025-11-29'), { day: 4, month: 12, announced: true })).toEqual({ apart: 1, previewAndReport: false });
  });
});
