/** The query sets of the benchmark: deterministic, the same for both designs. */
import { prng, SWAPS } from './corpus.js';

const PEOPLE_AND_ORGS = ['Poutine', 'Trump', 'OTAN', 'Kremlin', 'Union européenne', 'Peskov', 'Xi Jinping', 'Hezbollah'];
const WORDS = [
  'sanctions', 'accord de paix', 'cessez-le-feu', 'négociations', 'drones', 'alliance militaire', 'ressources naturelles',
  'garanties de sécurité', 'pétrole', 'diplomatie', 'territoires occupés', 'sanctoins', 'négotiations', 'frappes aériennes',
];

export interface QuerySet {
  actors: string[];
  searches: string[];
  prefixes: string[];
  topics: string[];
}

export function querySet(count: number, seed = 7): QuerySet {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const names = [...SWAPS.flat(), ...PEOPLE_AND_ORGS];
  const actors = Array.from({ length: count }, () => pick(names));
  const searches = Array.from({ length: count }, () => pick(WORDS));
  const prefixes = Array.from({ length: count }, () => {
    const name = pick(names);
    return name.slice(0, 1 + Math.floor(random() * 4));
  });
  const topics = Array.from({ length: count }, () => pick(random() < 0.7 ? names : WORDS));
  return { actors, searches, prefixes, topics };
}

/** Median and 95th percentile of a list of durations (ms). */
export function percentiles(samples: number[]): { p50: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), n: sorted.length };
}

export async function timeEach<T>(inputs: T[], run: (input: T) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await run(input);
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * Queries per kind that fit in a time budget, given the time one query took: a scan over millions
 * of sentences can take seconds, and the 100k run must end in reasonable time. At least `min`,
 * at most `wanted`.
 */
export function queriesInBudget(probeMs: number, wanted: number, kinds: number, budgetMs = 60_000, min = 3): number {
  return Math.max(Math.min(min, wanted), Math.min(wanted, Math.floor(budgetMs / kinds / Math.max(probeMs, 0.01))));
}
