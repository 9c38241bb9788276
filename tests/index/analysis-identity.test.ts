/**
 * The analysis's cost cuts must not change a byte of what it gives (see benchmarks/identity.ts for
 * the comparison with another checkout on a whole corpus). Here, on the seeds and the fixtures:
 * the one-pass foldText equals its plain definition on every code unit; the premise of the
 * metadata shortcut (folding never makes a digit) holds for every character; and the words the
 * stand-alone judge and the cleaner keep between calls change nothing: analysing every article
 * with the caches cold, then again in reverse order with them warm, gives identical results.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/services/actors/catalog.js';
import { ActorMatcher } from '../../src/services/actors/matcher.js';
import { analyseFile } from '../../src/services/index/analyse.js';
import { foldText } from '../../src/services/text/normalize.js';

const ROOT = path.resolve(__dirname, '../..');

/** foldText as it was defined before the one-pass loop: the reference. */
const REFERENCE_CHAR = new Map<string, string>([
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u02BC', "'"],
  ['\u00B4', "'"],
  ['\u2212', '-'],
  ...Array.from({ length: 6 }, (_, i): [string, string] => [String.fromCharCode(0x2010 + i), '-']),
]);
function referenceFold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\x00-\x7f]/g, (c) => REFERENCE_CHAR.get(c) ?? c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase())
    .replace(/`/g, "'");
}

function articleFiles(): Array<{ id: string; bytes: Buffer }> {
  const dirs = [path.join(ROOT, 'seeds'), path.join(ROOT, 'tests/fixtures/articles')];
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({ id: name.replace(/\.txt$/, ''), bytes: fs.readFileSync(path.join(dir, name)) })),
  );
}

describe('analysis cost cuts change nothing', () => {
  it('folds every UTF-16 code unit as the plain definition does, alone and in words', () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `É${c}t${c}`, `${c}${c}ΣΑΣ`]) if (foldText(text) !== referenceFold(text)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
    for (const { bytes } of articleFiles()) {
      const text = bytes.toString('utf8');
      expect(foldText(text)).toBe(referenceFold(text));
    }
  });

  it('never makes a digit out of a character that is not one (dates and reading times need a digit)', () => {
    const makers: string[] = [];
    for (let point = 0; point < 0x110000; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const c = String.fromCodePoint(point);
      if (!/[0-9]/.test(c) && /[0-9]/.test(foldText(c))) makers.push(point.toString(16));
    }
    expect(makers).toEqual([]);
  });

  it('gives the same analysis of the seeds and fixtures with its word caches cold and warm', () => {
    const matcher = new ActorMatcher(buildCatalog());
    const files = articleFiles();
    expect(files.length).toBeGreaterThan(10);
    const cold = new Map(files.map((f) => [f.id, JSON.stringify(analyseFile(f.id, f.bytes, matcher))]));
    const warm = new Map([...files].reverse().map((f) => [f.id, JSON.stringify(analyseFile(f.id, f.bytes, matcher))]));
    for (const { id } of files) expect(warm.get(id), id).toBe(cold.get(id));
    // The analyses are real ones (an empty result would pass the comparison).
    expect([...cold.values()].filter((json) => json.includes('"ok":true')).length).toBeGreaterThan(10);
  });
});
