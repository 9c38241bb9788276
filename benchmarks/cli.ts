/**
 * Time of a CLI answer as a user's script gets it (`tsx src/cli.ts actor Russie --json --limit 5`,
 * a new process each time) on a folder whose index is built: the median of a few runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const tsx = path.resolve(here, '../node_modules/.bin/tsx');
const cli = path.resolve(here, '../src/cli.ts');

export function cliAnswerMs(corpusDir: string, statePath: string, runs = 5): number {
  const cwd = path.dirname(statePath);
  fs.mkdirSync(cwd, { recursive: true });
  const env = { ...process.env, CORPUS_DIR: path.resolve(corpusDir), DATABASE_PATH: statePath, LOG_LEVEL: 'silent' };
  const run = () => execFileSync(tsx, [cli, 'actor', 'Russie', '--json', '--limit', '5'], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
  run(); // builds the index when there is none
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}
