/**
 * Stories: articles that report the same event, grouped so that a briefing gives each event one
 * slot and names all its sources. Two signals, both general:
 *
 * - copies: two texts that share many word 4-grams are one dispatch (wire copy, syndicated
 *   rewrite), whatever their dates. Estimated with MinHash, so the cost per pair is bounded
 *   whatever the length of the articles;
 * - same event: a weighted term vector per article (title and lead weigh more than the body, the
 *   actors it names are terms too), compared by cosine, between articles published within a few
 *   days of each other. Articles are merged by average linkage, so that a chain of loosely related
 *   articles does not collapse into one story.
 *
 * Pure: the caller gives the articles' terms, actors and dates (see `briefing.ts`).
 */
import { tokenize } from '../text/normalize.js';

/** One article as story grouping sees it. */
export interface StoryArticle {
  id: string;
  /** Publication date `YYYY-MM-DD`, when known. */
  date?: string;
  /** Index terms (stemmed, no stopwords) of the title. */
  titleTerms: readonly string[];
  /** Index terms of each body sentence, in reading order (lead first). */
  sentenceTerms: ReadonlyArray<readonly string[]>;
  /** Actors the article names (media excluded), with their mention counts. */
  actors: ReadonlyMap<string, number>;
  /** Body text (for copy detection); only its beginning is read (see {@link StoryOptions.shingleChars}). */
  text: string;
}

/** Options of {@link groupStories}, with their defaults. */
export interface StoryOptions {
  /** Average similarity at or above which two groups are one story. Default 0.3. */
  threshold?: number;
  /** Articles dated further apart than this (days) are different stories unless copies. Default 3. */
  maxDays?: number;
  /** Estimated share of word 4-grams of the shorter text found in the other: a copy. Default 0.5. */
  copyContainment?: number;
  /** Characters of each body read for copy detection. Default 20 000. */
  shingleChars?: number;
  /** Lead sentences weighing as much as the title's neighbours. Default 3. */
  leadSentences?: number;
}

/** A story: its articles, the most representative first. */
export interface Story {
  articleIds: string[];
  /** Pairs of articles found to be copies of one dispatch. */
  copies: Array<[string, string]>;
}

const TITLE_WEIGHT = 3;
const LEAD_WEIGHT = 2;
const BODY_WEIGHT = 1;
const ACTOR_WEIGHT = 2;
const SHINGLE_SIZE = 4;
const MINHASH_SIZE = 64;
const DAY_MS = 86_400_000;

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// Fixed seeds: signatures must be comparable across calls.
const MIX = Array.from({ length: MINHASH_SIZE }, (_, i) => [fnv1a(`a${i}`) | 1, fnv1a(`b${i}`)] as const);

interface Signature {
  mins: Uint32Array;
  /** Number of distinct shingles. */
  size: number;
}

/** MinHash signature of the word 4-grams of a text. */
export function minhash(text: string, maxChars = 20_000): Signature {
  const words = tokenize(text.slice(0, maxChars)).map((t) => t.folded);
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_SIZE <= words.length; i++) shingles.add(fnv1a(words.slice(i, i + SHINGLE_SIZE).join(' ')));
  const mins = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let k = 0; k < MINHASH_SIZE; k++) {
      const [a, b] = MIX[k]!;
      const h = (Math.imul(shingle ^ b, a) ^ (shingle >>> 15)) >>> 0;
      if (h < mins[k]!) mins[k] = h;
    }
  }
  return { mins, size: shingles.size };
}

/**
 * Estimated share of the smaller text's 4-grams found in the other one (containment), from the
 * MinHash estimate of their Jaccard index and their sizes. 0 when either has no 4-gram.
 */
export function containment(a: Signature, b: Signature): number {
  if (a.size === 0 || b.size === 0) return 0;
  let equal = 0;
  for (let k = 0; k < MINHASH_SIZE; k++) if (a.mins[k] === b.mins[k]) equal++;
  const jaccard = equal / MINHASH_SIZE;
  const intersection = (jaccard * (a.size + b.size)) / (1 + jaccard);
  return Math.min(1, intersection / Math.min(a.size, b.size));
}

type Vector = Map<string, number>;

function weightedTerms(article: StoryArticle, leadSentences: number): Vector {
  const raw: Vector = new Map();
  const add = (term: string, weight: number) => raw.set(term, (raw.get(term) ?? 0) + weight);
  for (const term of article.titleTerms) add(term, TITLE_WEIGHT);
  article.sentenceTerms.forEach((terms, i) => {
    for (const term of terms) add(term, i < leadSentences ? LEAD_WEIGHT : BODY_WEIGHT);
  });
  // Sub-linear: a term repeated all along a long article should not drown the others.
  for (const [term, weight] of raw) raw.set(term, 1 + Math.log(weight));
  for (const [actor, count] of article.actors) raw.set(`@${actor}`, ACTOR_WEIGHT * (1 + Math.log(count)));
  return raw;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, w] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += w * other;
  }
  for (const w of a.values()) na += w * w;
  for (const w of b.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function daysApart(a?: string, b?: string): number | undefined {
  if (!a || !b) return undefined;
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return undefined;
  return Math.abs(ta - tb) / DAY_MS;
}

/**
 * Pairwise similarity of articles for story grouping, in [0, 1]: 1 for copies, the TF-IDF cosine
 * of their weighted terms otherwise, 0 when their dates are too far apart.
 */
export function storySimilarities(
  articles: readonly StoryArticle[],
  options: StoryOptions = {},
): { similarity: number[][]; copies: boolean[][] } {
  const { maxDays = 3, copyContainment = 0.5, shingleChars = 20_000, leadSentences = 3 } = options;
  const n = articles.length;
  const raw = articles.map((a) => weightedTerms(a, leadSentences));
  // IDF over the articles given, gentle (log(1 + N/df)) so that two articles of a small set that
  // share a term still count it.
  const df = new Map<string, number>();
  for (const vec of raw) for (const term of vec.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const vecs = raw.map((vec) => {
    const out: Vector = new Map();
    for (const [term, w] of vec) out.set(term, w * Math.log(1 + n / (df.get(term) ?? 1)));
    return out;
  });
  const signatures = articles.map((a) => minhash(a.text, shingleChars));
  const similarity = articles.map(() => new Array<number>(n).fill(0));
  const copies = articles.map(() => new Array<boolean>(n).fill(false));
  for (let i = 0; i < n; i++) {
    similarity[i]![i] = 1;
    for (let j = i + 1; j < n; j++) {
      const copy = containment(signatures[i]!, signatures[j]!) >= copyContainment;
      const days = daysApart(articles[i]!.date, articles[j]!.date);
      const sim = copy ? 1 : days !== undefined && days > maxDays ? 0 : cosine(vecs[i]!, vecs[j]!);
      similarity[i]![j] = similarity[j]![i] = sim;
      copies[i]![j] = copies[j]![i] = copy;
    }
  }
  return { similarity, copies };
}

/**
 * Groups articles into stories (average-linkage clustering over {@link storySimilarities}).
 * Each story lists its most representative article first (the closest to the others, then the
 * first given); stories come in the order of their first article in the input.
 */
export function groupStories(articles: readonly StoryArticle[], options: StoryOptions = {}): Story[] {
  const threshold = options.threshold ?? 0.3;
  const { similarity, copies } = storySimilarities(articles, options);
  // Average linkage with sums kept per pair of clusters (Lance-Williams): O(n²) per merge.
  let clusters = articles.map((_, i) => [i]);
  let sums = similarity.map((row) => [...row]);
  for (;;) {
    let best = { score: -1, a: -1, b: -1 };
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        const score = sums[a]![b]! / (clusters[a]!.length * clusters[b]!.length);
        if (score >= threshold && score > best.score) best = { score, a, b };
      }
    }
    if (best.a < 0) break;
    const { a, b } = best;
    const keep = clusters.map((_, k) => k).filter((k) => k !== a && k !== b);
    const mergedSums = keep.map((k) => sums[a]![k]! + sums[b]![k]!);
    sums = [
      ...keep.map((k, row) => [...keep.map((l) => sums[k]![l]!), mergedSums[row]!]),
      [...mergedSums, 0],
    ];
    clusters = [...keep.map((k) => clusters[k]!), [...clusters[a]!, ...clusters[b]!].sort((x, y) => x - y)];
  }
  clusters.sort((a, b) => a[0]! - b[0]!);
  return clusters.map((members) => {
    const closeness = (i: number) => members.reduce((sum, j) => sum + (i === j ? 0 : similarity[i]![j]!), 0);
    const ordered = [...members].sort((x, y) => closeness(y) - closeness(x) || x - y);
    const pairs: Array<[string, string]> = [];
    for (const i of members) {
      for (const j of members) {
        if (i >= j || !copies[i]![j]) continue;
        const [a, b] = [articles[i]!.id, articles[j]!.id].sort();
        pairs.push([a!, b!]);
      }
    }
    pairs.sort((x, y) => x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]));
    return { articleIds: ordered.map((i) => articles[i]!.id), copies: pairs };
  });
}
