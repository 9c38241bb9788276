/**
 * What two sentences share when they are the same passage — case, accents and punctuation aside:
 * the folded words joined by single spaces. /actor lists and counts a passage once (a wire copy, a
 * pull quote).
 */
import { createHash } from 'node:crypto';
import { foldText } from './normalize.js';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * `foldText(text)` with every run of characters other than letters and digits made one space.
 * Folded French is mostly ASCII, where a plain class does what the Unicode one does at half the cost.
 */
export function passageKey(text: string): string {
  const folded = foldText(text);
  return (NON_ASCII.test(folded) ? folded.replace(/[^\p{L}\p{N}]+/gu, ' ') : folded.replace(/[^a-z0-9]+/g, ' ')).trim();
}

/**
 * {@link passageKey} as a signed 64-bit integer (the first 8 bytes of its SHA-1), stored per sentence
 * by the indexer so that /actor counts and dedupes passages in SQL. Two different passages sharing a
 * hash (odds ~n²/2⁶⁵: below 10⁻⁸ for an actor with 500 000 distinct passages) would count as one
 * and the later one go unlisted — harmless: nothing else reads the hash.
 */
export function passageHash(text: string): bigint {
  return createHash('sha1').update(passageKey(text)).digest().readBigInt64LE(0);
}
