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
  return foldLower(text.toLowerCase());
}

/**
 * {@link foldText} of a text already lower-cased (`foldLower(text.toLowerCase())` is
 * `foldText(text)`): for a caller that needs both forms (lower-casing text with non-Latin-1
 * characters such as `’` is not cheap).
 */
export function foldLower(lower: string): string {
  // One pass over the code units, copying runs that stay as they are: the same result as
  // `replace(/[^\x00-\x7f]/g, foldChar).replace(/`/g, "'")`, about 3 times cheaper on a word
  // (folding is called per word millions of times in an ingest).
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

// French elided articles and pronouns that stick to the next word with an apostrophe.
const ELIDED = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);
const LETTER = /\p{L}/u;

// Whether a UTF-16 unit of the BMP is a letter or a digit (`[\p{L}\p{N}]`): 0 not yet known, 1 yes, 2 no.
const WORD_UNIT = new Uint8Array(0x10000);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ASTRAL_WORD = new Map<number, boolean>();

/**
 * Length in UTF-16 units of the letter or digit (`[\p{L}\p{N}]`) at `i`: 1, 2 for an astral one, 0
 * if there is none. Words are cut with it by hand: several times cheaper than `matchAll` on a
 * Unicode regex, and words are cut on every line of every article.
 */
export function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) ? 1 : 0;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
    const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    let word = ASTRAL_WORD.get(point);
    if (word === undefined) ASTRAL_WORD.set(point, (word = WORD_CHAR.test(text.slice(i, i + 2))));
    return word ? 2 : 0;
  }
  let known = WORD_UNIT[code]!;
  if (known === 0) WORD_UNIT[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1 ? 1 : 0;
}

/** End of the run of letters and digits (`[\p{L}\p{N}]+`, hyphens split) that starts at `i`. */
export function wordEnd(text: string, i: number): number {
  let size = wordCharAt(text, i);
  while (size !== 0) {
    i += size;
    size = i < text.length ? wordCharAt(text, i) : 0;
  }
  return i;
}

/**
 * Is `text[start, end)` made of lower-case ASCII letters and digits only? Such a word is its own
 * fold, so callers skip the fold cache (most words of French and English prose are).
 */
export function isPlainLower(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) return false;
  }
  return true;
}

/** Is the UTF-16 unit white space as `\s` reads it (ECMAScript WhiteSpace and LineTerminator)? For scans by hand. */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

const SPACE_RUNS = /\s+/g;

/**
 * `text.replace(/\s+/g, ' ')`, without building a new string when the text's white space is
 * already single spaces (most lines and sentences once cleaned): checked by hand first.
 */
export function collapseSpaces(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 ? i + 1 < text.length && isSpaceCode(text.charCodeAt(i + 1)) : isSpaceCode(code)) return text.replace(SPACE_RUNS, ' ');
  }
  return text;
}

/** An elided particle glued to the next word (`l’Ukraine`): the particle, folded, then `'`, `’` or `ʼ` and a letter. */
function elidedAt(text: string, folded: string, end: number): boolean {
  if (!ELIDED.has(folded)) return false;
  const next = text.charCodeAt(end);
  if (next !== 0x27 && next !== 0x2019 && next !== 0x2bc) return false;
  const after = text[end + 1];
  return after !== undefined && LETTER.test(after);
}

/** Calls `visit` for each word of the text that is not an elided particle, in order: one scan for both readers below. */
function eachWord(text: string, visit: (raw: string, folded: string, start: number, end: number) => void): void {
  const length = text.length;
  let start = 0;
  while (start < length) {
    if (wordCharAt(text, start) === 0) {
      start++;
      continue;
    }
    const end = wordEnd(text, start);
    const raw = text.slice(start, end);
    const folded = isPlainLower(text, start, end) ? raw : foldWord(raw);
    if (!elidedAt(text, folded, end)) visit(raw, folded, start, end);
    start = end;
  }
}

/**
 * Splits a text into word tokens. Elided particles (`l'`, `d’`, `qu'`) are dropped, so `l’Ukraine`
 * yields `Ukraine`; offsets always point into the original (unfolded) text.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  eachWord(text, (raw, folded, start, end) => tokens.push({ raw, folded, start, end }));
  return tokens;
}

/** The folded forms of {@link tokenize}'s tokens, without building a token per word (hot in briefings). */
export function foldedWords(text: string): string[] {
  const words: string[] = [];
  eachWord(text, (_raw, folded) => words.push(folded));
  return words;
}
