import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { PNG_DATA_KEYWORD, readPng } from '../../src/replies/picture/png.js';
import { callCli, spawnCli, type CliResult } from '../support/cli.js';

const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-cli-'));
const env = { ...process.env, CORPUS_DIR: 'seeds', DATABASE_PATH: path.join(indexDir, 'bot.db'), NO_COLOR: '1' };

/** Runs the CLI as a user would, on the seeds, with the file's index (in-process: see tests/support/cli.ts). */
const cli = (...args: string[]): Promise<CliResult> => callCli(main, args, env);

// The seeds indexed once for the file: every call after answers from that index.
beforeAll(async () => {
  expect(await cli('sources', '--sync', '--json')).toMatchObject({ code: 0 });
}, 120_000);

describe('the CLI contract', () => {
  it('actor --json prints exactly one JSON object with the actor, every excerpt and related actors', async () => {
    const { code, stdout } = await cli('actor', 'Moscou', '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.actor).toMatchObject({ name: 'Russie' });
    expect(answer.matchedAlias).toBe('Moscou');
    expect(answer.excerpts).toHaveLength(answer.total);
    expect(answer.excerpts[0]).toEqual(expect.objectContaining({ articleId: expect.any(String), title: expect.any(String), text: expect.any(String) }));
    expect(answer.excerpts[0].text).not.toMatch(/\*\*/);
    expect(answer.related[0]).toEqual({ name: expect.any(String), count: expect.any(Number) });
  });

  it('briefing --json gives excerpts, actors and sources', async () => {
    const { code, stdout } = await cli('briefing', '--limit', '5', '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.excerpts).toHaveLength(5);
    expect(answer.actors.length).toBeGreaterThan(0);
    expect(answer.sources.map((s: { name: string }) => s.name)).toContain('Bloomberg');
  });

  it('sources --json lists every article', async () => {
    const answer = JSON.parse((await cli('sources', '--json')).stdout);
    expect(answer.articles).toHaveLength(5);
    expect(answer.articles[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), sentences: expect.any(Number) }));
  });

  it('an unknown actor exits 1 with one French line and suggestions (the real program)', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await spawnCli('src/cli.ts', ['actor', 'Narnia', '--json'], env);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/Acteur inconnu/);
    const answer = JSON.parse(stdout);
    expect(answer.error).toMatch(/Narnia/);
    expect(answer.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('prints readable French text by default, and an empty query is a polite error', async () => {
    const text = await cli('actor', 'Russie');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Russie\n/u);
    // The first page, and how to get the others.
    expect(text.stdout).toMatch(/Page 1\/\d+ — la suite : --page 2 ; tout : --all/u);
    const empty = await cli('search');
    expect(empty.code).toBe(1);
    expect(empty.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('actor --chart writes the picture, says where, and --json gives the series it draws', async () => {
    const file = path.join(indexDir, 'images', 'russie.png');
    const { code, stdout } = await cli('actor', 'Russie', '--chart', file);
    expect(code).toBe(0);
    expect(stdout).toContain(`Image : ${file}`);
    expect(stdout).toMatch(/Russie +[▁▂▃▄▅▆▇█]+ +\d+/u);
    const info = readPng(fs.readFileSync(file));
    expect(info.width).toBe(800);
    const json = JSON.parse((await cli('actor', 'Russie', '--json')).stdout);
    // The one dated seed article (5 April 2025) is the whole span; the rest have no date.
    expect(json.chart.dates).toEqual(['2025-04-05']);
    expect(JSON.parse(info.text[PNG_DATA_KEYWORD]!)).toEqual(json.chart);
    expect(json.chart.undated).toBeGreaterThan(0);
    expect(json.chart.series[0].total + json.chart.undated).toBe(json.total);
  });

  it('tendances refuses a period it cannot read, in French', async () => {
    const { code, stderr, stdout } = await cli('tendances', '--periode', 'demain', '--json');
    expect(code).toBe(1);
    expect(stderr).toMatch(/--periode attend une durée/);
    expect(JSON.parse(stdout).error).toMatch(/--periode/);
  });
});
