/**
 * The CLI is the operator's view (#17): the shared articles only by default; `--guild ID` answers
 * as that Discord server sees the corpus (shared articles and its own sources').
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { callCli } from '../support/cli.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-cli-guild-'));
const corpus = path.join(root, 'corpus');
fs.mkdirSync(corpus);
for (const name of fs.readdirSync('seeds')) fs.copyFileSync(path.join('seeds', name), path.join(corpus, name));
fs.writeFileSync(
  path.join(corpus, '20261130-mongolie.txt'),
  '---\ntitle: Mongolie : Oulan-Bator rationne le charbon des yourtes\npublished: 2026-11-30T08:00:00Z\nguild: 123456789012345678\n---\n' +
    'Le gouvernement de la Mongolie a décidé mardi de rationner le charbon livré aux quartiers de yourtes d’Oulan-Bator.\n',
);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The CLI in-process (tests/support/cli.ts), on this file's corpus and index. */
const cli = (...args: string[]) => callCli(main, args, { ...process.env, CORPUS_DIR: corpus, DATABASE_PATH: path.join(root, 'bot.db'), NO_COLOR: '1' });

// --sync on the first call: the index is whole before the counts are compared, however slow the machine.
describe('the CLI’s view of servers’ articles', () => {
  it('lists the shared articles by default and a server’s own with --guild', async () => {
    const shared = JSON.parse((await cli('sources', '--json', '--sync')).stdout) as { articles: Array<{ id: string }> };
    expect(shared.articles.map((a) => a.id)).not.toContain('20261130-mongolie');
    const server = JSON.parse((await cli('sources', '--json', '--guild', '123456789012345678')).stdout) as { articles: Array<{ id: string }> };
    expect(server.articles.map((a) => a.id)).toContain('20261130-mongolie');
    expect(server.articles).toHaveLength(shared.articles.length + 1);
    const other = await cli('search', 'yourtes', '--json', '--guild', '999');
    expect(JSON.parse(other.stdout).total ?? 0).toBe(0);
    expect(JSON.parse((await cli('search', 'yourtes', '--json', '--guild', '123456789012345678')).stdout).total).toBe(1);
  });
});
