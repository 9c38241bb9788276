/**
 * Story grouping on real pages of the `dev` split (benchmarks/eval/real/dev, pages as published):
 * one event told by two outlets is one story; two events with the same two people (Witkoff at the
 * Kremlin in April, then in August) are two; and each pair gets the same answer alone and inside
 * the whole split.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import type { BriefingAnswer } from '../../src/services/engine.js';

const DEV = path.resolve('benchmarks/eval/real/dev');
const PAIRS = {
  alaska: ['alaska-lorientlejour', 'alaska-cnews'],
  witkoff: ['witkoff-rt', 'witkoff-avril-sputnik'],
} as const;

async function briefOn(files: readonly string[]): Promise<{ engine: SqliteCorpusEngine; answer: BriefingAnswer; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-stories-real-'));
  for (const f of files) fs.copyFileSync(path.join(DEV, `${f}.txt`), path.join(dir, `${f}.txt`));
  const { engine } = await openEngine({ corpusDir: dir, indexPath: ':memory:' });
  return { engine, dir, answer: await engine.briefing({ limit: 20 }) };
}

const together = (answer: BriefingAnswer, a: string, b: string) => {
  const story = (id: string) => answer.stories.findIndex((s) => s.sources.some((x) => x.id === id));
  return story(a) >= 0 && story(a) === story(b);
};

describe('story grouping on real pages', () => {
  const opened: Array<{ engine: SqliteCorpusEngine; dir: string }> = [];
  let alone: BriefingAnswer;
  let inside: BriefingAnswer;
  beforeAll(async () => {
    const small = await briefOn([...PAIRS.alaska, ...PAIRS.witkoff]);
    const all = await briefOn(fs.readdirSync(DEV).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, '')));
    opened.push(small, all);
    alone = small.answer;
    inside = all.answer;
  }, 120_000);
  afterAll(async () => {
    for (const { engine, dir } of opened) {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('groups one event told by two outlets (Trump leaving for Alaska, 15 August 2025)', () => {
    expect(together(alone, ...PAIRS.alaska)).toBe(true);
  });

  it('keeps apart two meetings of the same two men months apart (Witkoff and Poutine, April and August 2025)', () => {
    expect(together(alone, ...PAIRS.witkoff)).toBe(false);
  });

  it('gives each pair the same answer alone and among all the pages of the split', () => {
    expect(together(inside, ...PAIRS.alaska)).toBe(together(alone, ...PAIRS.alaska));
    expect(together(inside, ...PAIRS.witkoff)).toBe(together(alone, ...PAIRS.witkoff));
  });
});
