/** `npm run feeds` on the bot's configured state (DATABASE_URL), and as the head of a pipe. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../src/feeds.js';
import { PostgresStateStore } from '../../src/services/store/postgres.js';
import { callCli } from '../support/cli.js';
import { createTestDatabase } from '../support/postgres-server.js';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'depeche-feeds-state-'));
const database = await createTestDatabase(inject('pgAdminUrl'), 'depeche_feeds_cli');
afterAll(() => database.drop());
const base = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: join(dir, 'bot.db'), CORPUS_DIR: join(dir, 'corpus'), LOG_LEVEL: 'silent' };

/** `npm run feeds -- …` in-process (tests/support/cli.ts); the pipe test below runs the real program. */
const feeds = (env: Record<string, string | undefined>, ...args: string[]) => callCli(main, args, { ...base, ...env });

describe('npm run feeds', () => {
  it('acts on PostgreSQL when DATABASE_URL is set, not on the SQLite file', async () => {
    const store = await PostgresStateStore.open(database.url);
    await store.addFeedSource({ url: 'https://journal.example/fil.xml', kind: 'feed', addedBy: 'env' });
    await store.close();
    const listed = await feeds({ DATABASE_URL: database.url }, 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { sources: Array<{ url: string }> }).sources.map((s) => s.url)).toEqual(['https://journal.example/fil.xml']);
  });

  it('never prints a ?password= of DATABASE_URL when the login fails', async () => {
    const url = new URL(database.url);
    url.password = '';
    url.username = 'personne';
    url.searchParams.set('password', 'motdepasse-tres-secret');
    const failed = await feeds({ DATABASE_URL: url.href }, 'list');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('authentification refusée par PostgreSQL');
    expect(`${failed.stdout}${failed.stderr}`).not.toContain('motdepasse-tres-secret');
  });

  it('`feeds -- list | head -1` ends quietly when the reader stops reading', async () => {
    const store = await PostgresStateStore.open(database.url);
    for (let i = 0; i < 400; i++) await store.addFeedSource({ url: `https://journal.example/fil-${i}.xml`, kind: 'feed', addedBy: 'env' });
    await store.close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/feeds.ts', 'list'], { cwd: ROOT, env: { ...base, DATABASE_URL: database.url }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // `head -1`: read the first line, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Erreur inattendue/);
    expect(code).toBe(0);
  }, 120_000);
});
