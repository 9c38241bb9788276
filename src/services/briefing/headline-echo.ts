/**
 * A first body sentence that only repeats the headline (video pages, some wires set the title
 * again as the first line): served as the story's lead it tells the reader nothing the title has
 * not. Read on words, not on strings: every word of the sentence is a word of the headline.
 */
import { foldText } from '../text/normalize.js';

/** Below this many words a sentence is a label, judged by other rules. */
const MIN_WORDS = 4;

/** Folded words: letters and digits, apostrophes and dashes cut (`l'accord` → `l`, `accord`). */
function wordList(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** True when every word of `sentence` is a word of `headline` (the sentence adds nothing to it). */
export function echoesHeadline(sentence: string, headline: string): boolean {
  if (!headline) return false;
  const said = wordList(sentence);
  if (said.length < MIN_WORDS) return false;
  const title = new Set(wordList(headline));
  return said.every((w) => title.has(w));
}
