/**
 * French sentence segmentation tuned for news pages: titles (`M.`, `Dr.`), initials, dotted
 * acronyms, numbers, French quotes and spacing (`arrangement ?`, `passé. »`), and the full stops
 * with a missing space that scraped pages are full of (`mondiale.Des sources`).
 *
 * The rule of thumb: a sentence ends at `.`, `!`, `?` or an ellipsis (plus any closing quotes or
 * brackets that follow) only when the next sentence visibly starts, i.e. with a capital letter or
 * a digit, possibly behind an opening quote or dash. A lower-case continuation (`” a déclaré X`,
 * `etc. ont dit`) never starts a sentence. After an abbreviation the bar is higher.
 */

import { collapseSpaces, foldText } from './normalize.js';
import { FRENCH_STOPWORDS } from './stopwords.js';

/** A sentence with the 0-based index of the paragraph it comes from. */
export interface ParagraphSentence {
  paragraph: number;
  text: string;
}

/**
 * Titles written before a name: the next word always belongs to the same sentence.
 * Case-sensitive, so `Me` (Maître) is not the pronoun and `M` is not a lower-case letter.
 */
const TITLES = new Set([
  'M', 'MM', 'Mme', 'Mmes', 'Mlle', 'Mlles', 'Mgr', 'Me', 'Dr', 'Drs', 'Pr', 'Prof', 'St', 'Ste',
  'Sts', 'Mr', 'Mrs', 'Ms', 'Gén', 'Gen', 'Col', 'Cdt', 'Lt', 'Sgt', 'Cpt', 'Capt', 'Adm', 'Gouv',
  'Sén', 'Sen', 'Rév', 'Rev',
]);

/** Lower-case abbreviations that introduce what follows (`cf. le rapport`, `p. 12`, `av. J.-C.`). */
const PREFIXES = new Set([
  'cf', 'p', 'pp', 'ex', 'env', 'av', 'apr', 'réf', 'ref', 'éd', 'ed', 'coll', 'dir', 'trad', 'op',
  'cit', 'ibid', 'vs', 'sq', 'c.-à-d', 'c-à-d', 'càd', 'n°', 'nº',
]);

/** Abbreviations that are only abbreviations before a number (`art. 5`, `vol. 2`, `chap. IV`). */
const NUMBER_PREFIXES = new Set(['art', 'n', 'no', 'vol', 'chap', 'fig', 't', 'al', 'tab', 'éq']);

/**
 * Abbreviations that may as well end the sentence (`né en 12 sept.`, `Martin Luther King Jr.`):
 * the sentence ends only if a common word follows (`Le`, `Il`, `Cependant`), not a name or number.
 */
const AMBIGUOUS = new Set([
  'janv', 'févr', 'fevr', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc', 'dec', 'jr', 'sr', 'hab',
]);

/** Capitalised particles that belong to names (`J. Le Pen`, `H. de Balzac`), not new sentences. */
const NAME_PARTICLES = new Set([
  'le', 'la', 'les', 'de', 'du', 'des', 'd', 'l', 'van', 'von', 'der', 'den', 'da', 'di', 'del',
  'della', 'dos', 'das', 'el', 'al', 'ben', 'bin', 'ibn', 'mac', 'mc', 'o', 'saint', 'sainte',
]);

const TERMINATORS = new Set(['.', '!', '?', '…', '‽']);

/** Is the unit one of {@link TERMINATORS}? */
function isTerminatorCode(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026 || code === 0x203d;
}
/** Closers that may follow a terminator and stay with the sentence. */
const CLOSERS = new Set(['”', '»', ')', ']', '›', '’']);
/** What may precede the first letter of a sentence. */
const OPENERS = new Set(['«', '“', '"', '(', '[', '‘', '‹', '—', '–', '-', "'", '’', ' ']);

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const ROMAN = /^[IVXLCDM]+$/;
const URLISH = /:\/\/|www\.|@|\//i;
/**
 * How far a word or token is looked at around a full stop: no abbreviation or URL test needs
 * more, and a bound keeps a 100 KB token without spaces (`1.1.1.1…`) linear instead of quadratic.
 */
const MAX_LOOKAROUND = 256;
/** Longest word before a full stop that is looked at: abbreviations and acronyms are shorter. */
const MAX_WORD = 32;

/**
 * Splits a paragraph into sentences as they read in the text. Whitespace is normalised (runs
 * collapsed to one space, ends trimmed); nothing else is changed, lost or reordered, so the
 * sentences joined with the whitespace that separated them give back the normalised paragraph.
 */
export function splitSentences(paragraph: string): string[] {
  const text = collapseSpaces(paragraph).trim();
  if (text === '') return [];
  const n = text.length;
  const sentences: string[] = [];
  let start = 0;
  // Straight double quotes seen so far: an odd count means one is open, so the next one closes.
  let straightQuotes = 0;
  let i = 0;
  while (i < n) {
    // By code, not by a set of one-character strings: this runs on every character of every paragraph.
    const code = text.charCodeAt(i);
    if (code === 0x22) straightQuotes++;
    if (!isTerminatorCode(code)) {
      i++;
      continue;
    }
    const termStart = i;
    let j = i;
    while (j < n && TERMINATORS.has(text[j]!)) j++;
    const cluster = text.slice(termStart, j);
    // Closing quotes and brackets stay with the sentence, including the French spaced `passé. »`.
    let k = j;
    for (;;) {
      const ch = text[k];
      if (ch === undefined) break;
      if (ch === '’' && LETTER.test(text[k + 1] ?? '')) break; // an apostrophe, not a quote
      if (CLOSERS.has(ch)) {
        k++;
        continue;
      }
      if (ch === '"' && straightQuotes % 2 === 1) {
        straightQuotes++;
        k++;
        continue;
      }
      if (ch === ' ') {
        const after = text[k + 1];
        const straight = after === '"' && straightQuotes % 2 === 1 && isEndOrSpace(text, k + 2);
        if (after === '»' || after === '”' || straight) {
          if (straight) straightQuotes++;
          k += 2;
          continue;
        }
      }
      break;
    }
    if (k < n && isBoundary(text, start, termStart, j, k, cluster)) {
      sentences.push(text.slice(start, k).trim());
      start = text[k] === ' ' ? k + 1 : k;
    }
    i = k > i ? k : i + 1;
  }
  if (start < n) sentences.push(text.slice(start).trim());
  return sentences.filter((s) => s !== '');
}

/** Splits each paragraph and keeps the paragraph index of every sentence. */
export function splitParagraphSentences(paragraphs: string[]): ParagraphSentence[] {
  const out: ParagraphSentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    for (const text of splitSentences(paragraph)) out.push({ paragraph: index, text });
  });
  return out;
}

function isEndOrSpace(text: string, at: number): boolean {
  const ch = text[at];
  return ch === undefined || ch === ' ';
}

/**
 * Decides whether the terminator cluster `text[termStart, termEnd)`, followed by closers up to
 * `next`, ends a sentence.
 */
function isBoundary(
  text: string,
  sentenceStart: number,
  termStart: number,
  termEnd: number,
  next: number,
  cluster: string,
): boolean {
  // `[…]` and `(...)` mark a cut inside a quotation, not the end of a sentence.
  const before = text[termStart - 1];
  if (before === '(' || before === '[') return false;
  if (termStart === sentenceStart) return false;

  const spaced = text[next] === ' ';
  // First letter or digit of what follows, behind opening quotes and dashes.
  let m = next;
  while (m < text.length && m - next < 6 && OPENERS.has(text[m]!)) m++;
  const first = text[m];
  if (first === undefined) return false;
  const startsUpper = UPPER.test(first);
  const startsDigit = DIGIT.test(first);
  if (!startsUpper && !startsDigit) return false;

  const wordBefore = wordEndingAt(text, termStart);
  if (!spaced) {
    // Missing space (`mondiale.Des sources`): only a real word followed by a capitalised word,
    // never inside a URL, an e-mail address, a number (`3.5`) or an acronym (`U.S.A`).
    if (!startsUpper || !LOWER.test(text[m + 1] ?? '')) return false;
    if (URLISH.test(tokenAround(text, termStart))) return false;
    if (cluster === '.' && next === termEnd) {
      const last = text[termStart - 1] ?? '';
      if (!LOWER.test(last) && !DIGIT.test(last)) return false;
    }
  }
  if (cluster !== '.') return true; // `?`, `!`, `…`, `...` carry no abbreviation

  if (TITLES.has(wordBefore)) return false;
  const lower = wordBefore.toLowerCase();
  if (PREFIXES.has(lower)) return false;
  if (NUMBER_PREFIXES.has(lower) && (startsDigit || ROMAN.test(wordAt(text, m)))) return false;

  const initial = wordBefore.length === 1 && UPPER.test(wordBefore);
  if (initial || isDottedAbbreviation(wordBefore) || AMBIGUOUS.has(lower)) {
    if (!startsUpper) return false;
    const nextWord = wordAt(text, m);
    const folded = foldText(nextWord);
    if (initial) return FRENCH_STOPWORDS.has(folded) && !NAME_PARTICLES.has(folded);
    // `l’O.N.U. Mme Bachelet…`: a title starts a sentence too (not `M`, an initial as often).
    return FRENCH_STOPWORDS.has(folded) || (nextWord.length > 1 && TITLES.has(nextWord));
  }
  return true;
}

/**
 * The word just before `end`, without the opening quotes or brackets glued to it nor an elided
 * article (`l’art` → `art`, `(cf` → `cf`).
 */
function wordEndingAt(text: string, end: number): string {
  let s = end;
  const floor = Math.max(0, end - MAX_WORD);
  while (s > floor && text[s - 1] !== ' ') s--;
  while (s < end && OPENERS.has(text[s]!)) s++;
  for (let a = end - 1; a > s; a--) {
    const ch = text[a];
    if (ch === '’' || ch === "'") {
      s = a + 1;
      break;
    }
  }
  return text.slice(s, end);
}

/**
 * Dotted abbreviations and acronyms (`U.S.A`, `O.N.U`, `J.-C`, `c.-à-d`): pieces of one or two
 * letters between dots. A domain (`elysee.fr`) or a number (`3.5`) is not one.
 */
function isDottedAbbreviation(word: string): boolean {
  if (!word.includes('.')) return false;
  let run = 0;
  for (const ch of word) {
    if (ch === '.' || ch === '-') {
      run = 0;
    } else if (LETTER.test(ch)) {
      if (++run > 2) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** The run of letters starting at `at` (`L` for `L’Iran`, `Cependant`). */
function wordAt(text: string, at: number): string {
  let e = at;
  const ceiling = Math.min(text.length, at + MAX_LOOKAROUND);
  while (e < ceiling && LETTER.test(text[e]!)) e++;
  return text.slice(at, e);
}

/** The whole non-space token around position `at`. */
function tokenAround(text: string, at: number): string {
  let s = at;
  const floor = Math.max(0, at - MAX_LOOKAROUND);
  while (s > floor && text[s - 1] !== ' ') s--;
  let e = at;
  const ceiling = Math.min(text.length, at + MAX_LOOKAROUND);
  while (e < ceiling && text[e] !== ' ') e++;
  return text.slice(s, e);
}
