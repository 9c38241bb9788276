import { describe, expect, it } from 'vitest';
import { isPersonName, parseByline, parseDate, parseMetadataLine, parseReadingMinutes } from '../../src/services/corpus/metadata.js';

describe('dates', () => {
  it.each([
    ['Apr 5, 2025', '2025-04-05'],
    ['April 15th, 2024', '2024-04-15'],
    ['5 avril 2025', '2025-04-05'],
    ['1er janvier 2024', '2024-01-01'],
    ['samedi 5 avr. 2025', '2025-04-05'],
    ['2025-04-05', '2025-04-05'],
    ['2025-04-05T14:05:00Z', '2025-04-05'],
    ['12/05/2025', '2025-05-12'],
    ['05/31/2025', '2025-05-31'],
    ['Publié le 12 mai 2025 à 14h05', '2025-05-12'],
    ['Le 3 décembre 2023', '2023-12-03'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
    expect(parseMetadataLine(text)?.date).toBe(iso);
  });

  it('rejects impossible dates', () => {
    expect(parseDate('31 avril 2025')).toBeUndefined();
    expect(parseDate('45/13/2025')).toBeUndefined();
  });

  it('tells the publication date from the update date on one line', () => {
    expect(parseMetadataLine('Publié le 12 mai 2025 à 14h05, mis à jour le 13 mai 2025 à 08h12')).toEqual({
      date: '2025-05-12',
      updated: '2025-05-13',
    });
    expect(parseMetadataLine('Mis à jour le 2 octobre 2024 à 09h15')).toEqual({ updated: '2024-10-02' });
    expect(parseMetadataLine('Publié le : 23/05/2024 - 08:15')).toEqual({ date: '2024-05-23' });
  });

  it('reads a two-digit year written with slashes as this century', () => {
    expect(parseMetadataLine('Publié le 03/02/25 à 07h40')).toEqual({ date: '2025-02-03' });
    expect(parseMetadataLine('Mis à jour le 14/07/24 à 22h10')).toEqual({ updated: '2024-07-14' });
    expect(parseDate('le 9/6/25')).toBe('2025-06-09');
    // Not a date: impossible day or month, a version number, a longer run of numbers.
    expect(parseDate('le 32/01/25')).toBeUndefined();
    expect(parseDate('version 1.2.25')).toBeUndefined();
    expect(parseDate('référence 12/05/25/7')).toBeUndefined();
  });

  it('does not take a body sentence that contains a date for a metadata line', () => {
    expect(parseMetadataLine('Le 12 mai 2025, le Hamas a libéré quatre otages.')).toBeUndefined();
    expect(parseMetadataLine('Ces exercices sont les plus importants depuis août 2023.')).toBeUndefined();
  });
});

describe('reading time', () => {
  it.each([
    ['5 Min Read', 5],
    ['Lecture 4 min', 4],
    ['Lecture 6 min.', 6],
    ['4 min de lecture', 4],
    ['Temps de lecture : 12 minutes', 12],
    ['Reading time: 3 minutes', 3],
  ])('%s → %d', (text, minutes) => {
    expect(parseReadingMinutes(text)).toBe(minutes);
    expect(parseMetadataLine(text)?.readingMinutes).toBe(minutes);
  });

  it('ignores sentences about minutes', () => {
    expect(parseReadingMinutes('La frappe a duré 5 minutes selon les témoins.')).toBeUndefined();
  });
});

describe('bylines', () => {
  it('reads prefixed bylines wherever they are', () => {
    expect(parseByline('Par Jean Dupont')).toBe('Jean Dupont');
    expect(parseByline('By Jane Doe')).toBe('Jane Doe');
    expect(parseByline('Par Marie Dupont, envoyée spéciale à Beyrouth')).toBe('Marie Dupont');
    expect(parseByline('Par Jean-Pierre Martin et Claire de La Roche')).toBe('Jean-Pierre Martin et Claire de La Roche');
  });

  it('reads a lone name only when the caller allows it (page header)', () => {
    expect(parseByline('Olivia Carter')).toBeUndefined();
    expect(parseByline('Olivia Carter', true)).toBe('Olivia Carter');
    expect(parseMetadataLine('Olivia Carter', { allowLoneName: true })).toEqual({ author: 'Olivia Carter' });
  });

  it('does not take headings, places or page labels for names', () => {
    for (const text of ['La Russie', 'Les Enjeux Pour La Russie', 'Related Posts', 'Share', 'Un compromis géopolitique audacieux', 'OTAN Turquie']) {
      expect(isPersonName(text), text).toBe(false);
    }
    expect(parseByline('Par ailleurs, Moscou dément.')).toBeUndefined();
  });

  it('reads a date line that ends with its author', () => {
    expect(parseMetadataLine('Posted on April 5, 2025 by Jane Doe')).toEqual({ date: '2025-04-05', author: 'Jane Doe' });
    expect(parseMetadataLine('Publié le 5 avril 2025 à 10:32 (heure de Paris), par Jean Dupont')).toEqual({ date: '2025-04-05', author: 'Jean Dupont' });
  });

  it('takes a relative date line for metadata, without a date field', () => {
    expect(parseMetadataLine('Mis à jour il y a 2 heures')).toEqual({});
  });

  it('reads a line mixing byline, date and reading time', () => {
    expect(parseMetadataLine('Par Jean Dupont | 5 avril 2025 | 4 min de lecture')).toEqual({
      author: 'Jean Dupont',
      date: '2025-04-05',
      readingMinutes: 4,
    });
  });
});
