/**
 * `npx tsx benchmarks/answers.ts <other checkout> [--size 1000]`: do this checkout and another
 * (main's, typically: `git archive main | tar -x -C /tmp/main`, node_modules linked) give the same
 * answers? Each indexes the synthetic corpus of the given size with its own code (workers and
 * all, as the bot does), then every actor, search, autocomplete and briefing answer of the
 * benchmark's queries, every article view and the sources list are dumped as JSON and compared.
 * Complements identity.ts (the analysis alone): this covers the write path and the queries.
 * Exit code 1 on any difference; the dumps stay in the temporary folder printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './corpus.js';
import { querySet } from './queries.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { size: { type: 'string', default: '1000' } } });
const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const other = path.resolve(positionals[0] ?? '');
if (!positionals[0] || !fs.existsSync(path.join(other, 'src/services/index/engine.ts'))) {
  console.error('usage: tsx benchmarks/answers.ts <other checkout> [--size 1000]');
  process.exit(2);
}
const size = Number(values.size);
const corpus = path.join(here, 'benchmarks/.cache', `corpus-${size}`);
ensureCorpus(corpus, size, path.join(here, 'seeds'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-answers-'));
const queries = querySet(200);
const unique = (list: string[]) => [...new Set(list)].sort();

async function answers(root: string, name: string): Promise<string> {
  const { startEngine } = await import(path.join(root, 'src/services/index/engine.ts'));
  // One clock for both sides: first-seen times are part of some answers.
  const { engine } = await startEngine({ corpusDir: corpus, indexPath: path.join(work, `${name}.db`), now: () => Date.UTC(2026, 11, 7) });
  const out: Record<string, unknown> = {};
  for (const q of unique(queries.actors)) out[`actor ${q}`] = await engine.actor(q, { limit: 20 });
  for (const q of unique(queries.searches)) out[`search ${q}`] = await engine.search(q, { limit: 20 });
  for (const q of unique(queries.prefixes)) out[`autocomplete ${q}`] = await engine.autocompleteActors(q);
  for (const q of unique(queries.topics)) out[`briefing ${q}`] = await engine.briefing({ topic: q, limit: 8 });
  out['briefing'] = await engine.briefing({ limit: 8 });
  const sources = await engine.sources();
  out['sources'] = sources;
  for (const s of sources as Array<{ id: string }>) out[`article ${s.id}`] = await engine.article(s.id);
  await engine.close();
  const file = path.join(work, `${name}.json`);
  // One answer per line, so that `diff` shows which differ.
  fs.writeFileSync(file, Object.entries(out).map(([k, v]) => `${k}\t${JSON.stringify(v)}`).join('\n') + '\n');
  return file;
}

const mine = fs.readFileSync(await answers(here, 'here'), 'utf8').split('\n');
const theirs = fs.readFileSync(await answers(other, 'other'), 'utf8').split('\n');
const differ = mine.flatMap((line, i) => (line === theirs[i] ? [] : [i]));
console.log(`${mine.length - 1} answers on ${size} articles, ${differ.length} differ (dumps: ${work})`);
for (const i of differ.slice(0, 3)) console.log(`- here:  ${mine[i]?.slice(0, 300)}\n  other: ${theirs[i]?.slice(0, 300)}`);
process.exit(differ.length > 0 || mine.length !== theirs.length ? 1 : 0);
