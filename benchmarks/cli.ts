/**
 * Time of a CLI answer as a user's script gets it (`tsx src/cli.ts actor Russie --json --limit 5`,
 * a new process each time) on a folder whose index is built: the median of a few runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const tsx = path.resolve(here, '../node_modules/.bin/tsx');
const cli = path.resolve(here, '../src/cli.ts');

/** One CLI call on a folder, its index beside `statePath`; `--sync` checks every file first. */
function caller(corpusDir: string, statePath: string, extra: string[] = []): () => number {
  const cwd = path.dirname(statePath);
  fs.mkdirSync(cwd, { recursive: true });
  const env = { ...process.env, CORPUS_DIR: path.resolve(corpusDir), DATABASE_PATH: statePath, LOG_LEVEL: 'silent' };
  return () => {
    const started = performance.now();
    execFileSync(tsx, [cli, 'actor', 'Russie', '--json', '--limit', '5', ...extra], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    return performance.now() - started;
  };
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

export function cliAnswerMs(corpusDir: string, statePath: string, runs = 5): number {
  const run = caller(corpusDir, statePath);
  run(); // builds the index when there is none
  return median(Array.from({ length: runs }, run));
}

/**
 * CLI answers on a corpus and on the 5 seed articles, run in turn (a busy machine's load drifts
 * over minutes: timed apart, the two are not comparable), and on the corpus once more with every
 * file checked (`--sync`: what a call costs once its last full check is over an hour old).
 */
export function cliAnswerPairedMs(corpusDir: string, statePath: string, seedsDir: string, runs = 5): { ms: number; seedsMs: number; fullCheckMs: number } {
  const corpus = caller(corpusDir, statePath);
  const seeds = caller(seedsDir, path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-cli-seeds-')), 'state.db'));
  const full = caller(corpusDir, statePath, ['--sync']);
  corpus();
  seeds();
  const times = { ms: [] as number[], seedsMs: [] as number[], fullCheckMs: [] as number[] };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so that neither always follows the other.
    if (i % 2 === 0) times.ms.push(corpus()), times.seedsMs.push(seeds());
    else times.seedsMs.push(seeds()), times.ms.push(corpus());
    times.fullCheckMs.push(full());
  }
  return { ms: median(times.ms), seedsMs: median(times.seedsMs), fullCheckMs: median(times.fullCheckMs) };
}
