/**
 * Picks the excerpts of a briefing among ranked candidates: the best first, at least one per
 * article while the limit allows, and no sentence that repeats one already picked.
 */
import { rankByCentrality, similarityMatrix, type TermBag } from './centrality.js';

export interface Candidate {
  articleId: string;
  terms: TermBag;
  /** Prior relevance of the candidate (lead position, topic mentions…), added to its centrality. */
  prior: number;
}

/** Options of {@link selectExcerpts}, with their defaults. */
export interface SelectOptions {
  /** How many to pick at most. */
  limit: number;
  /** Two sentences more similar than this are redundant: only the better one is kept. Default 0.5. */
  redundancy?: number;
  /** Weight of cross-candidate centrality against the prior. Default 1. */
  centralityWeight?: number;
}

/** Indices of the chosen candidates with their final scores, best first. */
export function selectExcerpts(
  candidates: readonly Candidate[],
  options: SelectOptions,
): Array<{ index: number; score: number }> {
  const { limit, redundancy = 0.5, centralityWeight = 1 } = options;
  if (candidates.length === 0 || limit <= 0) return [];
  const bags = candidates.map((c) => c.terms);
  const matrix = similarityMatrix(bags);
  const centrality = rankByCentrality(bags, {}, matrix);
  const scored = candidates
    .map((c, index) => ({ index, articleId: c.articleId, score: c.prior + centralityWeight * centrality[index]! }))
    .sort((a, b) => b.score - a.score || a.index - b.index);

  const picked: Array<{ index: number; score: number }> = [];
  const covered = new Set<string>();
  const redundant = (index: number) => picked.some((p) => matrix[index]![p.index]! > redundancy);
  const articles = new Set(candidates.map((c) => c.articleId));

  // First pass: the best sentence of each article, best articles first, while the limit allows.
  if (articles.size <= limit) {
    for (const item of scored) {
      if (picked.length >= limit) break;
      if (covered.has(item.articleId) || redundant(item.index)) continue;
      picked.push({ index: item.index, score: item.score });
      covered.add(item.articleId);
    }
  }
  // Then the best of the rest, without repeating what is already said.
  for (const item of scored) {
    if (picked.length >= limit) break;
    if (picked.some((p) => p.index === item.index) || redundant(item.index)) continue;
    picked.push({ index: item.index, score: item.score });
  }
  return picked.sort((a, b) => b.score - a.score);
}
