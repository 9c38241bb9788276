/**
 * French text normalisation shared by matching, indexing and search: case and accent folding,
 * elision, tokens with their offsets in the original text.
 */

// Folded form of every non-ASCII character met so far (NFD, marks stripped, ligatures split):
// folding runs over millions of sentences, and news text uses a few dozen such characters.
const FOLDED_CHAR = new Map<string, string>([
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u02BC', "'"],
  ['\u00B4', "'"],
]);
for (let code = 0x2010; code <= 0x2015; code++) FOLDED_CHAR.set(String.fromCharCode(code), '-');
FOLDED_CHAR.set('\u2212', '-');

function foldChar(char: string): string {
  let folded = FOLDED_CHAR.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    FOLDED_CHAR.set(char, folded);
  }
  return folded;
}

// foldChar by UTF-16 code unit, for the loop below (a lone surrogate is folded on its own, as before).
const FOLDED_CODE: Array<string | undefined> = new Array(0x10000);

/** Lower-cases, strips diacritics (é→e, ç→c, œ→oe) and unifies apostrophes and dashes. */
export function foldText(text: string): string {
  // One pass over the code units, copying runs that stay as they are: the same result as
  // `replace(/[^\x00-\x7f]/g, foldChar).replace(/`/g, "'")`, about 3 times cheaper on a word
  // (folding is called per word millions of times in an ingest).
  const lower = text.toLowerCase();
  let out = '';
  let from = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 0x80 && code !== 0x60) continue;
    let folded = FOLDED_CODE[code];
    if (folded === undefined) {
      // A character may decompose to a backtick (U+1FEF), turned into an apostrophe like any.
      folded = code === 0x60 ? "'" : foldChar(lower[i]!).replace(/`/g, "'");
      FOLDED_CODE[code] = folded;
    }
    if (folded.length === 1 && folded.charCodeAt(0) === code) continue;
    out += lower.slice(from, i) + folded;
    from = i + 1;
  }
  return from === 0 ? lower : out + lower.slice(from);
}

// Folded forms of the words met so far: a corpus reuses a vocabulary of some tens of thousands of
// words millions of times, and a lookup costs less than folding again. Emptied when it grows large.
const FOLDED_WORDS = new Map<string, string>();
const FOLDED_WORDS_MAX = 200_000;

/** {@link foldText} of one word, memoised. */
export function foldWord(word: string): string {
  let folded = FOLDED_WORDS.get(word);
  if (folded === undefined) {
    if (FOLDED_WORDS.size >= FOLDED_WORDS_MAX) FOLDED_WORDS.clear();
    folded = foldText(word);
    FOLDED_WORDS.set(word, folded);
  }
  return folded;
}

/** A word of a text, with its folded form and its position in the original text. */
export interface Token {
  /** As written, elision removed (`Ukraine` from `l’Ukraine`). */
  raw: string;
  /** Folded: lower case, no accents. */
  folded: string;
  /** UTF-16 offsets of `raw` in the original text. */
  start: number;
  end: number;
}

// Letters and digits; hyphens split, so a compound like `russo-chinois` yields two tokens.
const WORD = /[\p{L}\p{N}]+/gu;
// French elided articles and pronouns that stick to the next word with an apostrophe.
const ELIDED = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
const APOSTROPHE = /['\u2019\u02BC]/;

/**
 * Splits a text into word tokens. Elided particles (`l'`, `d’`, `qu'`) are dropped, so `l’Ukraine`
 * yields `Ukraine`; offsets always point into the original (unfolded) text.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    const end = start + raw.length;
    const folded = foldWord(raw);
    const next = text[end];
    const after = text[end + 1];
    if (next && APOSTROPHE.test(next) && after && /\p{L}/u.test(after) && ELIDED.has(folded)) continue;
    tokens.push({ raw, folded, start, end });
  }
  return tokens;
}

/** The folded forms of {@link tokenize}'s tokens, without building a token per word (hot in briefings). */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const end = match.index + raw.length;
    const folded = foldWord(raw);
    const next = text[end];
    const after = text[end + 1];
    if (next && APOSTROPHE.test(next) && after && /\p{L}/u.test(after) && ELIDED.has(folded)) continue;
    words.push(folded);
  }
  return words;
}
