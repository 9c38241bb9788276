/**
 * Language of an article and of its lines. franc (trigrams) is reliable on paragraphs but not on
 * a few words, so short lines are judged by their share of French vs English function words,
 * which are frequent, closed-class and almost disjoint between the two languages.
 */
import { franc } from 'franc';
import { collapseSpaces, foldWord, isPlainLower, wordCharAt, wordEnd } from '../text/normalize.js';

/** Languages the article-level detector may answer; restricting avoids exotic guesses. */
export const ARTICLE_LANGUAGES = ['fra', 'eng', 'spa', 'deu', 'ita', 'por', 'nld'];

// Folded (no accents, lower case). Words shared by both languages (`a`, `an`, `on`, `son`, `but`, `me`,
// `plus`…) are left out.
const FRENCH = new Set(
  (
    'le la les un une des du de au aux et ou mais donc car ni que qui quoi dont ce cet cette ces ' +
    'il ils elle elles nous vous leur leurs lui eux se sa ses mon ma mes ton ta tes notre nos votre vos ' +
    'dans par pour sur sous avec sans entre vers chez selon depuis pendant apres avant contre ' +
    'est sont etait ont avait sera serait etre avoir fait peut doit ne pas aussi tres deja encore ' +
    'y en comme si tout tous toute toutes quand lors alors ainsi cependant toutefois'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    'the of and or to in for with without from by at into onto about after before ' +
    'is are was were be been being has have had will would can could should may might must do does did ' +
    'this that these those it its they them their we our you your he his she her my ' +
    'not no yes what which who whom when where why how there here than then also just only all any ' +
    'if out up so such more most'
  ).split(' '),
);

export interface FunctionWordCounts {
  french: number;
  english: number;
  words: number;
}

// Particles elided before a word (`l'Ukraine`, `qu'il`): a strong French marker no word list sees.
const ELIDED = new Set(['l', 'd', 'qu', 'n', 's', 'c', 'j']);
// Length of the longest listed word: a longer plain word needs no look-up.
const LONGEST_LISTED = Math.max(...[...FRENCH, ...ENGLISH, ...ELIDED].map((w) => w.length));
const APOSTROPHES = new Set(["'", '\u2019', '\u02BC', '\u00B4', '\u2018', '`']);
const LETTER = /\p{L}/u;

/**
 * Counts French and English function words in a text (elided `l'`, `d'` count as French).
 * One pass over the words with memoised folds: it runs on every line of every article.
 */
export function countFunctionWords(text: string): FunctionWordCounts {
  return scanLine(text).counts;
}

/**
 * {@link countFunctionWords}, and the number of space-separated pieces of the text that hold a
 * letter or a digit (what `text.split(' ')` would count): both from one scan of the line, which
 * a hand-written loop does several times cheaper than `matchAll` (the cleaner's hottest loop).
 */
export function scanLine(text: string): { counts: FunctionWordCounts; pieces: number } {
  let french = 0;
  let english = 0;
  let words = 0;
  let pieces = 0;
  let pieceCounted = false;
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (wordCharAt(text, i) === 0) {
      if (text.charCodeAt(i) === 0x20) pieceCounted = false;
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(text, i);
    words++;
    if (!pieceCounted) {
      pieces++;
      pieceCounted = true;
    }
    // A plain word longer than any listed one cannot be listed: no slice, no fold.
    const plain = isPlainLower(text, start, i);
    if (plain && i - start > LONGEST_LISTED) continue;
    const raw = text.slice(start, i);
    const word = plain ? raw : foldWord(raw);
    if (FRENCH.has(word)) french++;
    if (ENGLISH.has(word)) english++;
    if (ELIDED.has(word)) {
      const before = start > 0 ? text[start - 1]! : '';
      if (APOSTROPHES.has(text[i] ?? '') && LETTER.test(text[i + 1] ?? '') && !/[A-Za-z0-9_]/.test(before)) french++;
    }
  }
  return { counts: { french, english, words }, pieces };
}

// French function words that Spanish, Italian, Portuguese, German and Dutch do not write: many of
// them settle an article's language without trigrams.
const ONLY_FRENCH = new Set('les est une dans avec pour sont elle elles ils aux au pas nous vous sur cette etait ete'.split(' '));
/** Length of the longest word {@link clearlyFrench} looks up. */
const LONGEST_SAMPLE_WORD = Math.max(...[...ONLY_FRENCH, ...ENGLISH].map((w) => w.length));
/** Distinctly French words in an article's sample from which franc is not asked. */
const CLEARLY_FRENCH = 12;

function clearlyFrench(sample: string): boolean {
  let french = 0;
  let english = 0;
  const length = sample.length;
  let i = 0;
  while (i < length) {
    if (wordCharAt(sample, i) === 0) {
      i++;
      continue;
    }
    const start = i;
    i = wordEnd(sample, i);
    // A plain word is its own fold, and one longer than any listed word cannot be listed.
    const plain = isPlainLower(sample, start, i);
    if (plain && i - start > LONGEST_SAMPLE_WORD) continue;
    const raw = sample.slice(start, i);
    const word = plain ? raw : foldWord(raw);
    if (ONLY_FRENCH.has(word)) french++;
    else if (ENGLISH.has(word)) english++;
  }
  return french >= CLEARLY_FRENCH && english * 8 <= french;
}

const ARTICLE_SAMPLE = 1500;

/** Detects the language of a whole article (ISO 639-3), `und` when there is too little text. */
export function detectArticleLanguage(text: string): string {
  // A couple of thousand characters tell the language as well as the whole text, for less; and
  // trigrams (most of the cost of cleaning) are spared when French words leave no doubt.
  const sample = text.slice(0, ARTICLE_SAMPLE);
  if (clearlyFrench(sample)) return 'fra';
  const byTrigrams = franc(sample, { only: ARTICLE_LANGUAGES, minLength: 20 });
  if (byTrigrams !== 'und') return byTrigrams;
  // Too short for trigrams (a three-line dispatch): fall back on function words.
  const counts = countFunctionWords(text);
  if (counts.french >= 3 && counts.french > 2 * counts.english) return 'fra';
  if (counts.english >= 3 && counts.english > 2 * counts.french) return 'eng';
  return 'und';
}

const LETTER_RUN = /[\p{L}]+/gu;

/** Has at least `n` runs of letters: counted up to `n`, not listed (every line of every article). */
function hasLetterRuns(text: string, n: number): boolean {
  LETTER_RUN.lastIndex = 0;
  let runs = 0;
  while (runs < n && LETTER_RUN.exec(text)) runs++;
  return runs >= n;
}

/** Minimum length (characters) from which franc's verdict on a line is trusted. */
const FRANC_MIN_LENGTH = 60;

/**
 * Language of one line: `fra`, `eng`, another code, or `und` when it cannot be told (names,
 * numbers, one-word UI labels). Function words decide short lines; franc confirms long ones.
 */
export function detectLineLanguage(line: string, articleLanguage: string, lineCounts?: FunctionWordCounts): string {
  // A quotation keeps its own language (`« We will not back down », a affirmé…`): judge the
  // line by what the article itself says around it.
  const quoted = /[«“"]/.test(line);
  const unquoted = collapseSpaces(quoted ? line.replace(/«[^»]*»|“[^”]*”|"[^"]*"/g, ' ') : line).trim();
  const text = hasLetterRuns(unquoted, 4) ? unquoted : line;
  // Spacing does not change the counts: the caller's counts of the line serve when no quotation was taken out.
  const counts = !quoted && lineCounts ? lineCounts : countFunctionWords(text);
  const marked = counts.french + counts.english;
  let byWords: string = 'und';
  if (marked >= 1) {
    if (counts.french >= 2 * counts.english && counts.french > counts.english) byWords = 'fra';
    else if (counts.english >= 2 * counts.french && counts.english > counts.french) byWords = 'eng';
  }
  if (text.length >= FRANC_MIN_LENGTH) {
    // Overwhelming function-word evidence settles it without trigrams (franc is the costly part
    // of cleaning, and body paragraphs are almost always this clear-cut).
    const [major, minor] = counts.french >= counts.english ? [counts.french, counts.english] : [counts.english, counts.french];
    if (byWords !== 'und' && major >= 6 && major >= 4 * minor) return byWords;
    const only = Array.from(new Set([articleLanguage, 'fra', 'eng'].filter((l) => l !== 'und')));
    const byTrigrams = franc(text, { only, minLength: FRANC_MIN_LENGTH });
    // Both agree, or the function words are too few to argue: trust trigrams on long text.
    if (byWords === 'und' || marked < 3 || byWords === byTrigrams) return byTrigrams;
    return byWords;
  }
  // A single function word is thin evidence: require it to be a real sentence fragment.
  if (marked === 1 && counts.words < 3) return 'und';
  return byWords;
}
