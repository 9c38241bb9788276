/**
 * Sentence centrality, LexRank style: sentences are bags of terms, linked by cosine similarity
 * (with IDF over the sentences given), and a sentence is central when many central sentences
 * resemble it. Used within one article at index time and across articles for a briefing.
 */

/** Options of {@link rankByCentrality}, with their defaults. */
export interface CentralityOptions {
  /** Similarity below which two sentences are not linked. Default 0.1. */
  threshold?: number;
  /** PageRank damping factor. Default 0.85. */
  damping?: number;
  /** Power-iteration rounds (converges well before on news-sized inputs). Default 30. */
  iterations?: number;
}

/** A sentence as the ranker sees it: its index terms (stemmed, no stopwords). */
export type TermBag = readonly string[];

type Vector = Map<string, number>;

function vectors(bags: readonly TermBag[]): { vecs: Vector[]; norms: number[] } {
  const df = new Map<string, number>();
  for (const bag of bags) for (const term of new Set(bag)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = bags.length;
  const vecs: Vector[] = [];
  const norms: number[] = [];
  for (const bag of bags) {
    const vec: Vector = new Map();
    for (const term of bag) vec.set(term, (vec.get(term) ?? 0) + 1);
    let norm = 0;
    for (const [term, tf] of vec) {
      const weight = tf * Math.log(1 + n / (df.get(term) ?? 1));
      vec.set(term, weight);
      norm += weight * weight;
    }
    vecs.push(vec);
    norms.push(Math.sqrt(norm));
  }
  return { vecs, norms };
}

function cosine(a: Vector, b: Vector, normA: number, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += weight * other;
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

/**
 * Centrality score of each sentence, in [0, 1] (the most central sentence scores 1).
 * A lone sentence scores 1; an empty input gives an empty array.
 */
export function rankByCentrality(
  bags: readonly TermBag[],
  options: CentralityOptions = {},
  matrix = similarityMatrix(bags),
): number[] {
  const { threshold = 0.1, damping = 0.85, iterations = 30 } = options;
  const n = bags.length;
  if (n === 0) return [];
  if (n === 1) return [1];
  // Weighted graph over links above the threshold; rows normalised to probabilities.
  const links: Array<Array<[number, number]>> = [];
  for (let i = 0; i < n; i++) {
    const row: Array<[number, number]> = [];
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const sim = matrix[i]![j]!;
      if (i !== j && sim >= threshold) {
        row.push([j, sim]);
        sum += sim;
      }
    }
    links.push(sum > 0 ? row.map(([j, s]) => [j, s / sum]) : []);
  }
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
  const max = Math.max(...scores);
  return scores.map((s) => (max > 0 ? s / max : 0));
}
