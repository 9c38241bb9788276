/**
 * `npx tsx benchmarks/ab.ts <checkout A> <checkout B> [--dir <corpus>] [--limit 2000] [--rounds 5]`:
 * which checkout analyses faster? Both are imported into one process and analyse the same files in
 * interleaved batches of 50 (A then B, then B then A…), each side charged its CPU time. On a shared
 * machine this moves far less than two separate runs (an A/A comparison stays within ±2.5 %), so a
 * cost cut of a few per cent shows. Garbage collection is shared, and charged to whichever side runs.
 * Prints CPU µs per article per round and the medians. `--dir` defaults to this checkout's 1k corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dir: { type: 'string' }, limit: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } },
});
const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const [rootA, rootB] = positionals.map((p) => path.resolve(p));
if (!rootA || !rootB) {
  console.error('usage: tsx benchmarks/ab.ts <checkout A> <checkout B> [--dir <corpus>] [--limit N] [--rounds N]');
  process.exit(2);
}
let dir = values.dir;
if (!dir) {
  dir = path.join(here, 'benchmarks/.cache/corpus-1000');
  ensureCorpus(dir, 1000, path.join(here, 'seeds'));
}

type Analyse = (id: string, bytes: Buffer) => unknown;
async function analyser(root: string): Promise<Analyse> {
  const { analyseFile } = await import(path.join(root, 'src/services/index/analyse.ts'));
  const { buildCatalog } = await import(path.join(root, 'src/services/actors/catalog.ts'));
  const { ActorMatcher } = await import(path.join(root, 'src/services/actors/matcher.ts'));
  const matcher = new ActorMatcher(buildCatalog());
  return (id, bytes) => analyseFile(id, bytes, matcher);
}

const sides = [await analyser(rootA), await analyser(rootB)] as const;
const names = fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort().slice(0, Number(values.limit));
const files = names.map((n) => fs.readFileSync(path.join(dir, n)));
// Warm both sides up (compilation, caches) before timing.
for (let i = 0; i < Math.min(300, files.length); i++) for (const side of sides) side(names[i]!, files[i]!);

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const BATCH = 50;
const perRound: [number[], number[]] = [[], []];
for (let round = 0; round < Number(values.rounds); round++) {
  const spent = [0, 0];
  for (let start = 0; start < files.length; start += BATCH) {
    const end = Math.min(files.length, start + BATCH);
    const order = (start / BATCH) % 2 === 0 ? [0, 1] : [1, 0];
    for (const s of order) {
      const began = cpu();
      for (let i = start; i < end; i++) sides[s]!(names[i]!, files[i]!);
      spent[s]! += cpu() - began;
    }
  }
  perRound[0].push(spent[0]! / files.length);
  perRound[1].push(spent[1]! / files.length);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [a, b] = [median(perRound[0]), median(perRound[1])];
console.log(`A ${perRound[0].map((x) => x.toFixed(0)).join(' ')} | B ${perRound[1].map((x) => x.toFixed(0)).join(' ')}`);
console.log(`median CPU µs per article: A ${a.toFixed(0)}, B ${b.toFixed(0)}, B/A ${(b / a).toFixed(3)} (${files.length} files, ${dir})`);
