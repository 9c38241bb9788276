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

/** The term itself when indexed, else its closest indexed terms (most frequent first), else itself. */
export function closestTerms(db: IndexDatabase, term: string): string[] {
  const known = db.prepare('SELECT doc FROM sentence_vocab WHERE term = ?').pluck().get(term) as number | undefined;
  if (known) return [term];
  if (term.length < 4) return [term];
  const max = term.length <= 5 ? 1 : 2;
  const first = term[0]!;
  const next = String.fromCodePoint(first.codePointAt(0)! + 1);
  const rows = db
    .prepare('SELECT term, doc FROM sentence_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?')
    .all(first, next, term.length - max, term.length + max) as Array<{ term: string; doc: number }>;
  const close = rows
    .map((r) => ({ ...r, distance: editDistance(term, r.term, max) }))
    .filter((r) => r.distance <= max)
    .sort((a, b) => a.distance - b.distance || b.doc - a.doc)
    .slice(0, MAX_ALTERNATIVES)
    .map((r) => r.term);
  return close.length > 0 ? close : [term];
}
