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
 * {@link passageKey} as a signed 48-bit integer (the first 6 bytes of its SHA-1), stored per mention
 * by the indexer so that /actor counts and dedupes passages in SQL; 48 bits are 6 bytes in a row
 * (SQLite has no 7-byte integer), 64 would be 8. Two different passages of one actor sharing a hash
 * (odds ~n²/2⁴⁹: 0.2 % for an actor with a million distinct passages, 10⁻⁵ at 100 000) would count
 * as one and the later one go unlisted — harmless: nothing else reads the hash.
 */
export function passageHash(text: string): number {
  return createHash('sha1').update(passageKey(text)).digest().readIntLE(0, 6);
}
