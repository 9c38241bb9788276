/**
 * Light French stemming on folded words (lower case, no accents), after Jacques Savoy's
 * "light" stemmer (the one Lucene ships as FrenchLightStemmer): it removes inflection (plural,
 * feminine) and a few very productive derivational suffixes, so `russes`/`russe`,
 * `americaines`/`americain`, `negociations`/`negociation` meet, while keeping stems readable
 * enough not to merge unrelated words. Pure string work, no regular expressions.
 */

import { tokenize, type Token } from './normalize.js';
import { FRENCH_STOPWORDS } from './stopwords.js';

/** Words up to this length are returned unchanged: stemming them merges too much (`mai`/`mais`). */
const MIN_STEMMED_LENGTH = 4;
/** Memo of recent results: news vocabulary is small and repetitive. Cleared when full. */
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/**
 * Stems a folded word (`sanctions` → `sanction`). Words of 3 letters or fewer, and words holding
 * anything but `a`–`z` (numbers, other scripts), are returned as they are.
 */
export function stemFrench(foldedWord: string): string {
  if (foldedWord.length < MIN_STEMMED_LENGTH) return foldedWord;
  const cached = cache.get(foldedWord);
  if (cached !== undefined) return cached;
  const stem = isPlainLatin(foldedWord) ? lightStem(foldedWord) : foldedWord;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(foldedWord, stem);
  return stem;
}

/**
 * Index and search terms of a text: tokens, folded, without stopwords, stemmed. Numbers stay
 * (`2022`); elided particles are already gone (`l’Ukraine` → `ukrain`).
 */
export function termsOf(text: string): string[] {
  return termsOfTokens(tokenize(text));
}

/** {@link termsOf} over tokens already cut (the indexer cuts each sentence once for every use). */
export function termsOfTokens(tokens: readonly Token[]): string[] {
  const terms: string[] = [];
  for (const token of tokens) {
    if (FRENCH_STOPWORDS.has(token.folded)) continue;
    terms.push(stemFrench(token.folded));
  }
  return terms;
}

/** {@link termsOf} over the folded words of a text (see `foldedWords`). */
export function termsOfWords(words: readonly string[]): string[] {
  const terms: string[] = [];
  for (const word of words) {
    if (FRENCH_STOPWORDS.has(word)) continue;
    terms.push(stemFrench(word));
  }
  return terms;
}

function isPlainLatin(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/** Savoy's light stemmer, adapted to folded input (`ième` → `ieme`, `ère` → `ere`, `ète` → `ete`). */
function lightStem(input: string): string {
  let w = input;
  // Plurals: `-aux` → `-al` (chevaux → cheval, but not `-eaux`), then `-x`, `-s`.
  if (w.length > 5 && w.endsWith('x')) {
    w = w.endsWith('aux') && w[w.length - 4] !== 'e' ? w.slice(0, -2) + 'l' : w.slice(0, -1);
  }
  if (w.length > 3 && w.endsWith('x')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('s')) w = w.slice(0, -1);

  // Derivational suffixes, most specific first; each maps to a verb or base form.
  const n = w.length;
  if (n > 9 && w.endsWith('issement')) return norm(w.slice(0, -7) + 'r'); // avertissement → avertir
  if (n > 8 && w.endsWith('issant')) return norm(w.slice(0, -5) + 'r'); // finissant → finir
  if (n > 6 && w.endsWith('ement')) {
    let base = w.slice(0, -4); // rapidement → rapide
    if (base.length > 3 && base.endsWith('ive')) base = base.slice(0, -2) + 'f'; // activement → actif
    return norm(base);
  }
  if (n > 11 && w.endsWith('ficatrice')) return norm(w.slice(0, -7) + 'er'); // modificatrice → modifier
  if (n > 10 && w.endsWith('ficateur')) return norm(w.slice(0, -6) + 'er');
  if (n > 9 && w.endsWith('catrice')) return norm(w.slice(0, -7) + 'quer'); // indicatrice → indiquer
  if (n > 8 && w.endsWith('cateur')) return norm(w.slice(0, -6) + 'quer');
  if (n > 8 && w.endsWith('atrice')) return norm(w.slice(0, -6) + 'er'); // animatrice → animer
  if (n > 7 && w.endsWith('ateur')) return norm(w.slice(0, -5) + 'er');
  if (n > 6 && w.endsWith('trice')) w = w.slice(0, -5) + 'teur'; // directrice → directeur
  if (w.length > 5 && w.endsWith('ieme')) return norm(w.slice(0, -4)); // troisieme → trois
  if (w.length > 7 && w.endsWith('teuse')) return norm(w.slice(0, -5) + 'ter'); // chanteuse → chanter
  if (w.length > 6 && w.endsWith('teur')) return norm(w.slice(0, -4) + 'ter'); // directeur → directer
  if (w.length > 5 && w.endsWith('euse')) return norm(w.slice(0, -2)); // heureuse → heureu
  if (w.length > 8 && w.endsWith('ere')) return norm(w.slice(0, -1)); // premiere → premier
  if (w.length > 7 && w.endsWith('ive')) return norm(w.slice(0, -2) + 'f'); // offensive → offensif
  if (w.length > 4 && (w.endsWith('folle') || w.endsWith('molle'))) return norm(w.slice(0, -3) + 'u');
  if (w.length > 9 && w.endsWith('nnelle')) return norm(w.slice(0, -5)); // personnelle → person
  if (w.length > 9 && w.endsWith('nnel')) return norm(w.slice(0, -3));
  if (w.length > 4 && w.endsWith('ete')) w = w.slice(0, -1); // complete → complet
  if (w.length > 8 && w.endsWith('ique')) w = w.slice(0, -4); // diplomatique → diplomat
  if (w.length > 8 && w.endsWith('esse')) return norm(w.slice(0, -3)); // faiblesse → faible
  if (w.length > 7 && w.endsWith('inage')) return norm(w.slice(0, -3));
  if (w.length > 9 && w.endsWith('isation')) {
    let base = w.slice(0, -7);
    if (base.length > 5 && base.endsWith('ual')) base = base.slice(0, -2) + 'el';
    return norm(base);
  }
  if (w.length > 9 && w.endsWith('isateur')) return norm(w.slice(0, -7));
  if (w.length > 8 && w.endsWith('ation')) return norm(w.slice(0, -5)); // negociation → negoci
  if (w.length > 8 && w.endsWith('ition')) return norm(w.slice(0, -5));
  return norm(w);
}

/**
 * Final normalisation: squeeze doubled letters (`russe` → `ruse`), drop `-ie`, then a final
 * `-r`, `-e` (with the `s` of `-se`), `-ee` and a last doubled letter, so `americaine`/`americain` and
 * `negocier`/`negocie` meet.
 */
function norm(input: string): string {
  let w = input;
  if (w.length > 4) w = squeezeDoubles(w);
  if (w.length > 4 && w.endsWith('ie')) w = w.slice(0, -2);
  if (w.length > 4) {
    let end = w.length;
    if (w[end - 1] === 'r') end--;
    if (w[end - 1] === 'e') {
      end--;
      // Feminine of `-s` adjectives: `chinoise` meets `chinois` (whose `s` went with the plurals).
      if (w[end - 1] === 's' && end > 4) end--;
    }
    if (w[end - 1] === 'e') end--;
    if (w[end - 1] === w[end - 2]) end--;
    w = w.slice(0, end);
  }
  return w;
}

function squeezeDoubles(word: string): string {
  let out = word[0] ?? '';
  for (let i = 1; i < word.length; i++) {
    if (word[i] !== word[i - 1]) out += word[i];
  }
  return out;
}
