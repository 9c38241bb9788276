/**
 * Typo tolerance for search: a query term the index has never seen is replaced by the closest
 * terms of the index vocabulary (same first letter, edit distance 1 for short terms, 2 for long).
 */
import type { IndexDatabase } from './database.js';

/** Levenshtein distance, giving up early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** How many corrections of one term are searched for at most. */
const MAX_ALTERNATIVES = 3;

/**
 * The index vocabulary, read per first letter on demand and kept until the index changes:
 * scanning FTS5's vocabulary for every mistyped query costs tens of milliseconds at scale.
 */
export class Vocabulary {
  private readonly byFirstLetter = new Map<string, Array<{ term: string; doc: number }>>();

  constructor(private readonly db: IndexDatabase) {}

  /** Forgets what was read: call after the index changed. */
  clear(): void {
    this.byFirstLetter.clear();
  }

  private startingWith(first: string): Array<{ term: string; doc: number }> {
    let terms = this.byFirstLetter.get(first);
    if (!terms) {
      const next = String.fromCodePoint(first.codePointAt(0)! + 1);
      terms = this.db.prepare('SELECT term, doc FROM sentence_vocab WHERE term >= ? AND term < ?').all(first, next) as Array<{
        term: string;
        doc: number;
      }>;
      this.byFirstLetter.set(first, terms);
    }
    return terms;
  }

  /** The term itself when indexed, else its closest indexed terms (most frequent first), else itself. */
  closest(term: string): string[] {
    if (term.length < 4) return [term];
    const candidates = this.startingWith(term[0]!);
    if (candidates.some((c) => c.term === term)) return [term];
    const max = term.length <= 5 ? 1 : 2;
    const close = candidates
      .filter((c) => Math.abs(c.term.length - term.length) <= max)
      .map((c) => ({ ...c, distance: editDistance(term, c.term, max) }))
      .filter((c) => c.distance <= max)
      .sort((a, b) => a.distance - b.distance || b.doc - a.doc)
      .slice(0, MAX_ALTERNATIVES)
      .map((c) => c.term);
    return close.length > 0 ? close : [term];
  }
}
