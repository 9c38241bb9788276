/**
 * Words of a sentence for the stand-alone judge: folded, elided forms split off, cached per piece
 * of text (the judge cuts the same pieces many times).
 */
import { foldWord } from '../../text/normalize.js';

/** Elided article/pronoun glued to the next word: `l'Ukraine`, `d'un`, `qu'il`. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'/;

export interface Word {
  raw: string;
  folded: string;
}

// The judge cuts every sentence into words several times (one rule, one cut): the words of a
// piece of text depend on the piece alone, so they are kept, like foldWord's folds. Read-only.
const PIECE_WORDS = new Map<string, readonly Word[]>();
const PIECE_TOKENS = new Map<string, readonly Token[]>();
const PIECES_MAX = 100_000;

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= PIECES_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

/** The words of one piece between separators (two when an elided form is split off). */
function pieceWords(raw: string): readonly Word[] {
  const known = PIECE_WORDS.get(raw);
  if (known) return known;
  return remember(PIECE_WORDS, raw, splitElided(raw));
}

/** A word as written and folded, in two when an elided form is split off (`l'Ukraine` → `l'`, `Ukraine`). */
function splitElided(raw: string): Word[] {
  const folded = foldWord(raw);
  const cut = elisionEnd(raw, folded);
  return cut
    ? [
        { raw: raw.slice(0, cut), folded: folded.slice(0, cut) },
        { raw: raw.slice(cut), folded: folded.slice(cut) },
      ]
    : [{ raw, folded }];
}

/**
 * Where an elided article or pronoun ends in a word (« l'Ukraine » → 2), or 0: only when a word
 * follows it and folding kept the length, so that the raw and folded forms cut at the same place.
 */
function elisionEnd(raw: string, folded: string): number {
  const elided = ELISION.exec(folded);
  return elided && folded.length > elided[0].length && raw.length === folded.length ? elided[0].length : 0;
}

const WORD_SEPARATORS = /[\s,;:()«»"“”„.!?…—–]+/;
const WORD_SEPARATORS_GLOBAL = new RegExp(WORD_SEPARATORS.source, 'g');

/** Words of a text as written and folded, elided forms split (`l’offre` → `l’`, `offre`). */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const raw of text.split(WORD_SEPARATORS)) {
    if (!raw) continue;
    for (const word of pieceWords(raw)) out.push(word);
  }
  return out;
}

/** Could a piece's words fold to one holding `c` (`ce`, `ces`…)? Only with a `c`, a `C` or a non-ASCII unit. */
function mayFoldToC(piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    if (code === 0x63 || code === 0x43 || code >= 0x80) return true;
  }
  return false;
}

/**
 * {@link wordsOf} for a rule that reads every word of its first `near` ones but, further on, only
 * words holding `c` and the words around each: all words until `near` + 3 (a near word reads up to
 * three after it), then only the far
 * pieces within two pieces after or one before a piece that {@link mayFoldToC}. The words kept
 * keep their order and neighbours; the dropped ones hold no `c` and neighbour none.
 */
export function wordsNearAndC(text: string, near: number): Word[] {
  const pieces = text.split(WORD_SEPARATORS).filter((p) => p !== '');
  const out: Word[] = [];
  let j = 0;
  for (; j < pieces.length && out.length < near + 3; j++) for (const word of pieceWords(pieces[j]!)) out.push(word);
  if (j >= pieces.length) return out;
  const cue = pieces.map(mayFoldToC);
  for (; j < pieces.length; j++) {
    if (!(cue[j] || cue[j - 1] || cue[j - 2] || cue[j + 1])) continue;
    for (const word of pieceWords(pieces[j]!)) out.push(word);
  }
  return out;
}

/**
 * How many {@link words} a text has, without listing them; the count stops once it reaches `cap`
 * (a rule that only compares with small numbers need not cut a long sentence to its end).
 */
export function wordCount(text: string, cap = Infinity): number {
  const separator = WORD_SEPARATORS_GLOBAL;
  separator.lastIndex = 0;
  let count = 0;
  let from = 0;
  while (count < cap) {
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    if (end > from) count += pieceWords(text.slice(from, end)).length;
    if (!match) break;
    from = match.index + match[0].length;
  }
  return count;
}

/** The first of {@link words}, without cutting the rest. */
export function firstWord(text: string): string | undefined {
  const separator = WORD_SEPARATORS_GLOBAL;
  separator.lastIndex = 0;
  let from = 0;
  for (;;) {
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    if (end > from) return pieceWords(text.slice(from, end))[0]!.folded;
    if (!match) return undefined;
    from = match.index + match[0].length;
  }
}

/** Folded words of a text. */
export function words(text: string): string[] {
  return wordsOf(text).map((w) => w.folded);
}

export interface Token {
  raw: string;
  folded: string;
  /** A comma (or another clause mark) follows it. */
  comma: boolean;
}

// The last text cut, with where each piece's tokens end: three rules read the same opening
// (anaphoricNounPhrase, verbless, undefinedLabelNoun), and it is cut once for them.
// Keyed by the text without its leading marks (what is cut), a few texts deep: the rules alternate
// between the opening, its main clause and the text outside quotations.
interface Cut {
  cap: number;
  tokens: Token[];
  ends: number[];
}
const CUTS = new Map<string, Cut>();
const CUTS_MAX = 4;
/** A cut goes at least this far, the most any rule reads. */
const TOKENS_CAP = 80;

/** The first words of a text, elided article split off (`L'accord` → `l'`, `accord`), commas kept as flags. */
export function tokens(text: string, max: number): Token[] {
  const rest = text.replace(/^[\s«“"„—–-]+/, '');
  let lastCut = CUTS.get(rest);
  if (!lastCut || lastCut.cap < max) {
    const out: Token[] = [];
    const ends: number[] = [];
    const cap = Math.max(max, TOKENS_CAP);
    // The pieces between spaces, read only as far as needed (an empty piece gives no token).
    const piece = NON_SPACE;
    piece.lastIndex = 0;
    for (let match = piece.exec(rest); match && out.length < cap; match = piece.exec(rest)) {
      for (const token of pieceTokens(match[0])) out.push(token);
      ends.push(out.length);
    }
    if (CUTS.size >= CUTS_MAX) CUTS.clear();
    lastCut = { cap, tokens: out, ends };
    CUTS.set(rest, lastCut);
  }
  // Whole pieces until `max` tokens are reached, as a cut that stopped there would give.
  for (const end of lastCut.ends) if (end >= max) return lastCut.tokens.slice(0, end);
  return lastCut.tokens.slice();
}

const NON_SPACE = /\S+/g;

/** The tokens of one piece between spaces (none, one, or two when an elided article is split off). */
function pieceTokens(piece: string): readonly Token[] {
  const known = PIECE_TOKENS.get(piece);
  if (known) return known;
  const comma = /[,;:)]$/.test(piece);
  const raw = piece.replace(/[,;:.!?…()«»"“”]+$/u, '').replace(/^[(«“"]+/u, '');
  if (!raw) return remember(PIECE_TOKENS, piece, []);
  // The comma belongs to the last part (`l'accord,` → `l'`, `accord` with its comma).
  const parts = splitElided(raw);
  return remember(
    PIECE_TOKENS,
    piece,
    parts.map((w, i) => ({ raw: w.raw, folded: w.folded, comma: i === parts.length - 1 && comma })),
  );
}
