/** Furniture glued inside a line: taken out where only furniture writes it, prose that uses the words left alone. */
import { describe, expect, it } from 'vitest';
import { stripGluedFurniture } from '../../src/services/corpus/glued.js';

describe('furniture glued inside a line', () => {
  it('takes a read-more label out between two sentences or at the end of a line', () => {
    expect(stripGluedFurniture("Le ministre a confirmé la fermeture. Lire l'article Moscou a aussitôt réagi.")).toBe('Le ministre a confirmé la fermeture. Moscou a aussitôt réagi.');
    expect(stripGluedFurniture('Des files de plusieurs kilomètres se sont formées. Lire la brève')).toBe('Des files de plusieurs kilomètres se sont formées.');
    expect(stripGluedFurniture('Astana promet une réouverture rapide. À lire aussi : Le Kazakhstan, voisin prudent')).toBe('Astana promet une réouverture rapide.');
  });

  it('takes a credit or a stamp off the head of a paragraph', () => {
    expect(stripGluedFurniture('AP Photo Dans un développement inattendu, le Parlement a voté.')).toBe('Dans un développement inattendu, le Parlement a voté.');
    expect(stripGluedFurniture('Photo AFP Le Kazakhstan a fermé deux postes.')).toBe('Le Kazakhstan a fermé deux postes.');
    expect(stripGluedFurniture('07/12/2026 08:00 Le Kazakhstan a fermé deux postes.')).toBe('Le Kazakhstan a fermé deux postes.');
    expect(stripGluedFurniture('18:30Avec l’entrée officielle des Houthis, le conflit change.')).toBe('Avec l’entrée officielle des Houthis, le conflit change.');
    expect(stripGluedFurniture('Publié le 2026-12-07 à 08:00Charles Michel a salué la décision.')).toBe('Charles Michel a salué la décision.');
  });

  it('leaves prose that merely uses the words, and a chronology’s dates', () => {
    for (const line of [
      "Il faut lire l'article 49.3 de la Constitution pour comprendre la manœuvre.",
      'Lire la suite de ce rapport prendra du temps aux députés, a-t-il ironisé.',
      '1er janvier 2020 Entrée en vigueur de la réforme',
      'Photo de famille : les dirigeants ont posé devant le palais.',
      'AP et Reuters rapportent que les deux postes ont fermé.',
      'Lire la suite',
    ]) {
      expect(stripGluedFurniture(line), line).toBe(line);
    }
  });
});
