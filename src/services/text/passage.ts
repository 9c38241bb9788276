/**
 * What two sentences share when they are the same passage — case, accents and punctuation aside:
 * the folded words joined by single spaces. /actor lists and counts a passage once (a wire copy, a
 * pull quote).
 */
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
 * {@link passageKey} remembered for the last texts asked (an actor's count is read again after each
 * index change: its sentences are mostly the same). At most `size` texts are kept.
 */
export class PassageKeys {
  private keys = new Map<string, string>();

  constructor(private readonly size = 50_000) {}

  of(text: string): string {
    let key = this.keys.get(text);
    if (key === undefined) {
      if (this.keys.size >= this.size) this.keys = new Map();
      key = passageKey(text);
      this.keys.set(text, key);
    }
    return key;
  }
}
