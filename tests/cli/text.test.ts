/**
 * The readable CLI output (defect 14): the first page of a long answer, printed as soon as it is
 * ready, with how to get more; every page only when asked (`--all`), streamed page by page; and
 * one rule for `--limit` in text and JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCliText } from '../../src/cli/text.js';
import { runCliCommand, UserError } from '../../src/cli/json.js';
import type { CorpusEngine } from '../../src/services/engine.js';
import { openSeedEngine, withOverrides } from '../commands/helpers.js';

let engine: CorpusEngine;
beforeAll(async () => {
  engine = await openSeedEngine();
});
afterAll(async () => {
  await engine?.close();
});

/** Runs the text CLI and returns what it printed, chunk by chunk, and how often the engine was asked. */
async function text(command: string, args: string[], options: Parameters<typeof renderCliText>[3] = {}) {
  const chunks: string[] = [];
  let actorCalls = 0;
  const counted = withOverrides(engine, {
    actor: (...a) => {
      actorCalls++;
      return engine.actor(...a);
    },
  });
  await renderCliText(counted, command, args, options, (chunk) => chunks.push(chunk));
  return { out: chunks.join(''), chunks, actorCalls };
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('cli <command> in text mode', () => {
  it('actor prints the first page only, and says how to get the others', async () => {
    const { out, actorCalls } = await text('actor', ['Russie']);
    const total = Number(/Extrait 1\/(\d+)/u.exec(out)?.[1]);
    expect(total).toBeGreaterThan(5);
    expect(out).toContain('Extrait 5/');
    expect(out).not.toContain('Extrait 6/');
    expect(out).toMatch(/Page 1\/\d+ — la suite : --page 2 ; tout : --all/u);
    expect(out).not.toContain('/suivant');
    // Only the page shown was asked for: a corpus of thousands of articles costs one page.
    expect(actorCalls).toBe(1);
  });

  it('--page N prints that page', async () => {
    const { out } = await text('actor', ['Russie'], { page: '2' });
    expect(out).toContain('Extrait 6/');
    expect(out).not.toContain('Extrait 5/');
    expect(out).toMatch(/--page 3|--page 1/u);
  });

  it('--all prints every page, each written as soon as it is ready', async () => {
    const { out, chunks, actorCalls } = await text('actor', ['Russie'], { all: true });
    const total = Number(/Extrait 1\/(\d+)/u.exec(out)?.[1]);
    expect(out).toContain(`Extrait ${total}/${total}`);
    expect(chunks.length).toBe(Math.ceil(total / 5));
    expect(actorCalls).toBe(chunks.length);
    expect(out).not.toContain('--page');
  });

  it('--limit N prints the first N excerpts, as --json gives N', async () => {
    const { out } = await text('actor', ['Russie'], { limit: '7' });
    expect(out).toContain('Extrait 7/');
    expect(out).not.toContain('Extrait 8/');
    const json = await runCliCommand(engine, 'actor', ['Russie'], { limit: '7' });
    expect(json.excerpts).toHaveLength(7);
  });

  it('--limit 0, -1 or 2.5 is refused the same way in text and JSON', async () => {
    for (const limit of ['0', '-1', '2.5', 'abc']) {
      const inText = await refusal(() => text('briefing', [], { limit }));
      const inJson = await refusal(() => runCliCommand(engine, 'briefing', [], { limit }));
      expect(inText).toBe(inJson);
      expect(inText).toMatch(/--limit/u);
    }
  });

  it('briefing --limit above what a briefing gives is refused the same way in text and JSON, never cut silently', async () => {
    for (const limit of ['21', '50', '0']) {
      const inText = await refusal(() => text('briefing', [], { limit }));
      const inJson = await refusal(() => runCliCommand(engine, 'briefing', [], { limit }));
      expect(inText).toBe(inJson);
      expect(inText).toMatch(/^--limit attend un entier de 1 à 20 pour briefing \(reçu « \d+ »\)\.$/u);
    }
    // At the bound, text and JSON give the same number of passages.
    const { out } = await text('briefing', [], { limit: '20' });
    const json = (await runCliCommand(engine, 'briefing', [], { limit: '20' })) as { excerpts: unknown[] };
    expect(json.excerpts.length).toBeGreaterThan(8);
    expect(Number(/(\d+) phrases? tirées?/u.exec(out)?.[1])).toBe(json.excerpts.length);
  });

  it('--page beyond the last page is refused with the number of pages', async () => {
    const message = await refusal(() => text('actor', ['Russie'], { page: '9999' }));
    expect(message).toMatch(/--page/u);
    expect(message).toMatch(/\d+ pages?/u);
  });
});
