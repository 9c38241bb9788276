/**
 * What a server's scope costs (#17): the same queries over a synthetic corpus whose 10 % of
 * articles belong to two servers (5 % each), in the shared view, a server's view, and with no
 * article hidden (the precomputed paths). `tsx benchmarks/scope.ts [articles] [dir] [plain]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureCorpus } from './corpus.js';
import { openEngine } from '../src/services/index/engine.js';
import type { Scope } from '../src/services/engine.js';

const count = Number(process.argv[2] ?? 3000);
const root = process.argv[3] ?? '/tmp/scope-bench';
// `plain` as third argument: the same corpus with no server's article (the precomputed paths).
const plain = process.argv[4] === 'plain';
const dir = path.join(root, `corpus-${count}${plain ? '-plain' : ''}`);
if (!fs.existsSync(dir)) {
  ensureCorpus(dir, count, path.resolve('seeds'));
  if (!plain)
  // Every tenth article to a server (alternating): its file gains a `guild:` header line.
  fs.readdirSync(dir).sort().forEach((name, i) => {
    if (i % 10 !== 0) return;
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    const guild = (i / 10) % 2 === 0 ? '111' : '222';
    const withHeader = text.startsWith('---\n') ? text.replace('---\n', `---\nguild: ${guild}\n`) : `---\nguild: ${guild}\n---\n${text}`;
    fs.writeFileSync(file, withHeader);
  });
}
const started = performance.now();
const { engine } = await openEngine({ corpusDir: dir, indexPath: path.join(root, `index-${count}${plain ? '-plain' : ''}.db`) });
console.log(`index ready in ${Math.round(performance.now() - started)} ms`);

async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  await run();
  const runs = 5;
  const t = performance.now();
  for (let i = 0; i < runs; i++) await run();
  console.log(`${label.padEnd(44)} ${((performance.now() - t) / runs).toFixed(1)} ms`);
}

const scopes: Array<[string, Scope | undefined]> = [['commun', {}], ['serveur 111', { guildId: '111' }]];
for (const [name, scope] of scopes) {
  await time(`${name}: actor Russie (page 1)`, () => engine.actor('Russie', { limit: 5 }, scope));
  await time(`${name}: search sanctions (page 1)`, () => engine.search('sanctions', { limit: 5 }, scope));
  await time(`${name}: briefing`, () => engine.briefing({}, scope));
  await time(`${name}: briefing Russie`, () => engine.briefing({ topic: 'Russie' }, scope));
  await time(`${name}: mentionSeries Russie 30 j`, () => engine.mentionSeries(['country:RUS'], 30, scope));
  await time(`${name}: trends 7 j`, () => engine.trends(7, 5, scope));
  await time(`${name}: sources`, () => engine.sources(scope));
}
await engine.close();
