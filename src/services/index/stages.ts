/**
 * Where an ingest's time goes, stage by stage (`npm run bench -- stages`): the indexer and the
 * analysis take an optional clock and call `lap` after each stage. Without a clock nothing is
 * measured, so the indexing path pays nothing for it. The clock reads the process's CPU time, not
 * the wall clock: on a shared machine the wall clock charges a stage the time others ran.
 */

/** The stages of one article's ingest, in the order they run. */
export const STAGES = ['read', 'decode', 'clean', 'sentences', 'actors', 'judge', 'write'] as const;
export type Stage = (typeof STAGES)[number];

/** Analysis stages: from the file's bytes to what the index stores (the "cleaning + analysis"). */
export const ANALYSIS_STAGES: readonly Stage[] = ['decode', 'clean', 'sentences', 'actors', 'judge'];

/** CPU time of the process (every thread: on the timed thread's path, the others are idle or collecting its garbage). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class StageClock {
  /** CPU milliseconds spent in each stage, summed over every article. */
  readonly totalMs = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  /** Per analysed article: CPU milliseconds from its bytes to its analysis (decode … judge). */
  readonly analysisMs: number[] = [];
  private last = 0;
  private began = 0;

  /** Starts timing a run of stages. */
  start(): void {
    this.began = this.last = cpuMs();
  }

  /** Charges the time since the last lap (or start) to `stage`. */
  lap(stage: Stage): void {
    const now = cpuMs();
    this.totalMs[stage] += now - this.last;
    this.last = now;
  }

  /** Ends one article's analysis: its time from start() is recorded. */
  analysed(): void {
    this.analysisMs.push(this.last - this.began);
  }
}
