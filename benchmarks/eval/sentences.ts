/**
 * `npx tsx benchmarks/eval/sentences.ts <file.txt>…`: the cleaned sentences of some articles as the
 * product reads them, numbered, to write labels (benchmarks/eval/labels/) from. Labels quote a
 * prefix of a sentence, never its number.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/services/index/engine.js';
import { splitParagraphSentences } from '../../src/services/text/sentences.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-sentences-'));
for (const file of process.argv.slice(2)) fs.copyFileSync(file, path.join(dir, path.basename(file)));
const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' });
try {
  for (const source of await engine.sources()) {
    const view = (await engine.article(source.id))!;
    console.log(`=== ${source.id} — ${view.title}${view.date ? ` (${view.date})` : ''}`);
    splitParagraphSentences(view.paragraphs).forEach((s, i) => console.log(`${i} [§${s.paragraph}] ${s.text}`));
  }
} finally {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
