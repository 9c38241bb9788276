/**
 * Sentence centrality, LexRank style: sentences are bags of terms, linked by cosine similarity
 * (with IDF over the sentences given), and a sentence is central when many central sentences
 * resemble it. Used within one article at index time and across articles for a briefing.
 *
 * Comparing every pair is quadratic: a 2 MB article (14k sentences) took minutes and gigabytes.
 * So each sentence is compared with its neighbours within a window only (every pair when the
 * input fits in one window, as news articles do): the cost is linear in the number of sentences.
 */

/** Options of {@link rankByCentrality}, with their defaults. */
export interface CentralityOptions {
  /** Similarity below which two sentences are not linked. Default 0.1. */
  threshold?: number;
  /** PageRank damping factor. Default 0.85. */
  damping?: number;
  /** Power-iteration rounds (converges well before on news-sized inputs). Default 30. */
  iterations?: number;
  /**
   * Sentences compared with each sentence on either side. Default {@link CENTRALITY_WINDOW}:
   * every pair of an input of up to 2 × window + 1 sentences.
   */
  window?: number;
}

/** Neighbours on each side a sentence is compared with (see the module comment). */
export const CENTRALITY_WINDOW = 100;

/** A sentence as the ranker sees it: its index terms (stemmed, no stopwords). */
export type TermBag = readonly string[];

/** A TF-IDF vector: term ids in increasing order and their weights (a merge join is cheap). */
interface Vector {
  ids: Int32Array;
  weights: Float64Array;
}

function vectors(bags: readonly TermBag[]): { vecs: Vector[]; norms: number[] } {
  const termIds = new Map<string, number>();
  const df: number[] = [];
  const counted = bags.map((bag) => {
    const tf = new Map<number, number>();
    for (const term of bag) {
      let id = termIds.get(term);
      if (id === undefined) termIds.set(term, (id = termIds.size));
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id] = (df[id] ?? 0) + 1;
    return tf;
  });
  const n = bags.length;
  const vecs: Vector[] = [];
  const norms: number[] = [];
  for (const tf of counted) {
    const ids = Int32Array.from(tf.keys()).sort();
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      const weight = tf.get(id)! * Math.log(1 + n / df[id]!);
      weights[k] = weight;
      norm += weight * weight;
    });
    vecs.push({ ids, weights });
    norms.push(Math.sqrt(norm));
  }
  return { vecs, norms };
}

function cosine(a: Vector, b: Vector, normA: number, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot / (normA * normB);
}

/** Pairwise cosine similarities of term bags (IDF computed over the bags given). */
export function similarityMatrix(bags: readonly TermBag[]): number[][] {
  const { vecs, norms } = vectors(bags);
  const matrix = bags.map(() => new Array<number>(bags.length).fill(0));
  for (let i = 0; i < bags.length; i++) {
    matrix[i]![i] = 1;
    for (let j = i + 1; j < bags.length; j++) {
      const sim = cosine(vecs[i]!, vecs[j]!, norms[i]!, norms[j]!);
      matrix[i]![j] = sim;
      matrix[j]![i] = sim;
    }
  }
  return matrix;
}

/** Weighted links of each sentence: indices of the others and their share of its similarity. */
type Links = Array<Array<[number, number]>>;

/** Links above the threshold, rows normalised to probabilities. */
function normalise(rows: Array<Array<[number, number]>>): Links {
  return rows.map((row) => {
    const sum = row.reduce((total, [, sim]) => total + sim, 0);
    return sum > 0 ? row.map(([j, sim]): [number, number] => [j, sim / sum]) : [];
  });
}

function linksFromMatrix(matrix: number[][], threshold: number): Links {
  return normalise(matrix.map((row, i) => row.flatMap((sim, j): Array<[number, number]> => (i !== j && sim >= threshold ? [[j, sim]] : []))));
}

/** Links of each sentence to its neighbours within `window` on either side: O(n × window). */
function windowedLinks(bags: readonly TermBag[], threshold: number, window: number): Links {
  const { vecs, norms } = vectors(bags);
  const rows: Array<Array<[number, number]>> = bags.map(() => []);
  for (let i = 0; i < bags.length; i++) {
    const last = Math.min(bags.length - 1, i + window);
    for (let j = i + 1; j <= last; j++) {
      const sim = cosine(vecs[i]!, vecs[j]!, norms[i]!, norms[j]!);
      if (sim < threshold) continue;
      rows[i]!.push([j, sim]);
      rows[j]!.push([i, sim]);
    }
  }
  return normalise(rows);
}

/**
 * Centrality score of each sentence, in [0, 1] (the most central sentence scores 1).
 * A lone sentence scores 1; an empty input gives an empty array. With a `matrix` (which the
 * caller computed anyway), its similarities are used instead of the windowed ones.
 */
export function rankByCentrality(bags: readonly TermBag[], options: CentralityOptions = {}, matrix?: number[][]): number[] {
  const { threshold = 0.1, damping = 0.85, iterations = 30, window = CENTRALITY_WINDOW } = options;
  const n = bags.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  // An input that fits in one window (a news article) is compared pair by pair.
  const reach = n <= 2 * window + 1 ? n : Math.max(1, window);
  const links = matrix ? linksFromMatrix(matrix, threshold) : windowedLinks(bags, threshold, reach);
  let scores = new Array<number>(n).fill(1 / n);
  for (let round = 0; round < iterations; round++) {
    const next = new Array<number>(n).fill((1 - damping) / n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (links[i]!.length === 0) dangling += scores[i]!;
      for (const [j, p] of links[i]!) next[j]! += damping * scores[i]! * p;
    }
    for (let i = 0; i < n; i++) next[i]! += (damping * dangling) / n;
    scores = next;
  }
  let max = 0;
  for (const score of scores) if (score > max) max = score;
  return scores.map((s) => (max > 0 ? s / max : 0));
}
