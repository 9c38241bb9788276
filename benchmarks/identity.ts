/**
 * `npx tsx benchmarks/identity.ts <other checkout> [--size 1000]`: is this checkout's analysis
 * byte-identical to another one's (main's, typically: `git worktree add /tmp/main main`)? Both
 * analyse the same inputs — the seeds, every .txt under tests/, the long multi-line template
 * literals of tests/*.ts (the pages tests write inline) and the synthetic corpus of the given size
 * — and every `analyseFile` result is compared as JSON. Prints the number of inputs, the
 * differences (the first few in full) and each side's CPU time per input. Exit code 1 on any
 * difference. This is how a cost cut proves it changes no answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { size: { type: 'string', default: '1000' } } });
const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const other = path.resolve(positionals[0] ?? '');
if (!positionals[0] || !fs.existsSync(path.join(other, 'src/services/index/analyse.ts'))) {
  console.error('usage: tsx benchmarks/identity.ts <other checkout> [--size 1000]');
  process.exit(2);
}

const inputs: Array<[string, Buffer]> = [];
const walk = (dir: string, visit: (file: string) => void) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, visit);
    else visit(file);
  }
};
for (const dir of [path.join(here, 'seeds'), path.join(here, 'tests')]) {
  walk(dir, (file) => {
    if (file.endsWith('.txt')) inputs.push([path.relative(here, file), fs.readFileSync(file)]);
  });
}
walk(path.join(here, 'tests'), (file) => {
  if (!file.endsWith('.ts')) return;
  let n = 0;
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/`([^`$]{200,})`/g)) {
    if (m[1]!.includes('\n')) inputs.push([`${path.relative(here, file)}#${n++}`, Buffer.from(m[1]!)]);
  }
});
const size = Number(values.size);
if (size > 0) {
  const corpus = path.join(here, 'benchmarks/.cache', `corpus-${size}`);
  ensureCorpus(corpus, size, path.join(here, 'seeds'));
  for (const name of fs.readdirSync(corpus).sort()) inputs.push([`corpus-${size}/${name}`, fs.readFileSync(path.join(corpus, name))]);
}

async function analyser(root: string) {
  const { analyseFile } = await import(path.join(root, 'src/services/index/analyse.ts'));
  const { buildCatalog } = await import(path.join(root, 'src/services/actors/catalog.ts'));
  const { ActorMatcher } = await import(path.join(root, 'src/services/actors/matcher.ts'));
  const matcher = new ActorMatcher(buildCatalog());
  return (id: string, bytes: Buffer): string => JSON.stringify(analyseFile(id, bytes, matcher));
}

const id = (name: string) => path.basename(name).replace(/\.txt$/, '');
const run = (analyse: (id: string, bytes: Buffer) => string) => {
  const cpu = process.cpuUsage();
  const out = inputs.map(([name, bytes]) => analyse(id(name), bytes));
  const used = process.cpuUsage(cpu);
  return { out, msPerInput: (used.user + used.system) / 1000 / inputs.length };
};
const mine = run(await analyser(here));
const theirs = run(await analyser(other));
const differ = inputs.flatMap(([name], i) => (mine.out[i] === theirs.out[i] ? [] : [i]));
console.log(`${inputs.length} inputs, ${differ.length} differ (CPU per input: here ${mine.msPerInput.toFixed(2)} ms, other ${theirs.msPerInput.toFixed(2)} ms, first pass each)`);
for (const i of differ.slice(0, 3)) {
  const [a, b] = [mine.out[i]!, theirs.out[i]!];
  let at = 0;
  while (a[at] === b[at]) at++;
  console.log(`- ${inputs[i]![0]} at character ${at}:\n  here:  …${a.slice(Math.max(0, at - 80), at + 120)}\n  other: …${b.slice(Math.max(0, at - 80), at + 120)}`);
}
process.exit(differ.length > 0 ? 1 : 0);
