/**
 * Words of a sentence for the stand-alone judge: folded, elided forms split off, cached per piece
 * of text (the judge cuts the same pieces many times).
 */
import { foldWord, isSpaceCode } from '../../text/normalize.js';

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

/**
 * Whether a UTF-16 unit is one of {@link WORD_SEPARATORS}' characters (1) or not (0): texts are
 * cut into pieces by hand, without a regex call per piece (the judge cuts every sentence).
 */
const SEPARATOR = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) if (isSpaceCode(code)) SEPARATOR[code] = 1;
for (const mark of ',;:()«»"“”„.!?…—–') SEPARATOR[mark.charCodeAt(0)] = 1;

/** Where the next piece between separators starts at or after `from` (the text's length if none). */
function pieceStart(text: string, from: number): number {
  while (from < text.length && SEPARATOR[text.charCodeAt(from)] === 1) from++;
  return from;
}

/** Where the piece that starts at `from` ends. */
function pieceEnd(text: string, from: number): number {
  while (from < text.length && SEPARATOR[text.charCodeAt(from)] === 0) from++;
  return from;
}

/** Words of a text as written and folded, elided forms split (`l’offre` → `l’`, `offre`). */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (let start = pieceStart(text, 0); start < text.length; ) {
    const end = pieceEnd(text, start);
    for (const word of pieceWords(text.slice(start, end))) out.push(word);
    start = pieceStart(text, end);
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
  const out: Word[] = [];
  // Whether the last two near pieces may fold to a word holding `c` (a far piece reads them).
  let cueBefore2 = false;
  let cueBefore1 = false;
  let start = pieceStart(text, 0);
  while (start < text.length && out.length < near + 3) {
    const end = pieceEnd(text, start);
    const piece = text.slice(start, end);
    for (const word of pieceWords(piece)) out.push(word);
    cueBefore2 = cueBefore1;
    cueBefore1 = mayFoldToC(piece);
    start = pieceStart(text, end);
  }
  if (start >= text.length) return out;
  // The far pieces, by offsets: only those kept are cut out of the text.
  const starts: number[] = [];
  const ends: number[] = [];
  const cue: boolean[] = [cueBefore2, cueBefore1];
  while (start < text.length) {
    let end = start;
    let c = false;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (SEPARATOR[code] === 1) break;
      if (code === 0x63 || code === 0x43 || code >= 0x80) c = true;
    }
    starts.push(start);
    ends.push(end);
    cue.push(c);
    start = pieceStart(text, end);
  }
  // Far piece k is cue[k + 2]; its neighbours k - 2 … k + 1 are cue[k] … cue[k + 3].
  for (let k = 0; k < starts.length; k++) {
    if (!(cue[k + 2] || cue[k + 1] || cue[k] || cue[k + 3])) continue;
    for (const word of pieceWords(text.slice(starts[k], ends[k]))) out.push(word);
  }
  return out;
}

/**
 * How many {@link words} a text has, without listing them; the count stops once it reaches `cap`
 * (a rule that only compares with small numbers need not cut a long sentence to its end).
 */
export function wordCount(text: string, cap = Infinity): number {
  let count = 0;
  for (let start = pieceStart(text, 0); start < text.length && count < cap; ) {
    const end = pieceEnd(text, start);
    count += pieceWords(text.slice(start, end)).length;
    start = pieceStart(text, end);
  }
  return count;
}

/** The first of {@link words}, without cutting the rest. */
export function firstWord(text: string): string | undefined {
  const start = pieceStart(text, 0);
  return start < text.length ? pieceWords(text.slice(start, pieceEnd(text, start)))[0]!.folded : undefined;
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

// The last texts cut, with where each piece's tokens end: three rules read the same opening
// (anaphoricNounPhrase, verbless, undefinedLabelNoun), and it is cut once for them, each rule's
// read going on from where the one before stopped (most rules stop early or read nothing).
// Keyed by the text without its leading marks (what is cut), a few texts deep: the rules alternate
// between the opening, its main clause and the text outside quotations.
interface Cut {
  /** Where the cut stopped in the text: the pieces before it are cut. */
  at: number;
  tokens: Token[];
  ends: number[];
}
const CUTS = new Map<string, Cut>();
const CUTS_MAX = 4;

/** What {@link tokens} strips before the first word. */
const LEADING_MARKS = /^[\s«“"„—–-]+/;

/**
 * `tokens(text, 1)[0]?.folded`, without cutting the rest or touching the cut cache: most rules
 * read a sentence only when it opens on a given word (`le`, `un`…), and most sentences do not.
 */
export function firstTokenFolded(text: string): string | undefined {
  const rest = text.replace(LEADING_MARKS, '');
  for (let start = 0; start < rest.length; ) {
    if (isSpaceCode(rest.charCodeAt(start))) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < rest.length && !isSpaceCode(rest.charCodeAt(end))) end++;
    const first = pieceTokens(rest.slice(start, end))[0];
    if (first) return first.folded;
    start = end;
  }
  return undefined;
}

/** The first words of a text, elided article split off (`L'accord` → `l'`, `accord`), commas kept as flags. */
export function tokens(text: string, max: number): Token[] {
  const rest = text.replace(LEADING_MARKS, '');
  let cut = CUTS.get(rest);
  if (!cut) {
    if (CUTS.size >= CUTS_MAX) CUTS.clear();
    cut = { at: 0, tokens: [], ends: [] };
    CUTS.set(rest, cut);
  }
  // The pieces between spaces, read only as far as needed (an empty piece gives no token).
  const out = cut.tokens;
  let start = cut.at;
  while (start < rest.length && out.length < max) {
    if (isSpaceCode(rest.charCodeAt(start))) {
      start++;
      continue;
    }
    let end = start + 1;
    while (end < rest.length && !isSpaceCode(rest.charCodeAt(end))) end++;
    for (const token of pieceTokens(rest.slice(start, end))) out.push(token);
    cut.ends.push(out.length);
    start = end;
  }
  cut.at = start;
  // Whole pieces until `max` tokens are reached, as a cut that stopped there gives.
  for (const end of cut.ends) if (end >= max) return out.slice(0, end);
  return out.slice();
}

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
