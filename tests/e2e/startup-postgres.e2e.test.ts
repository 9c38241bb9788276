/**
 * `npm start` in Discord mode when PostgreSQL refuses the login: one French line, never the
 * password (in the URL or as `?password=`), and the process exits instead of lingering with its
 * corpus thread.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import { createTestDatabase } from '../support/postgres-server.js';
import { REPO_ROOT, type Corpus } from './harness.js';

const database = await createTestDatabase(inject('pgAdminUrl'), 'depeche_start_pg');
let fake: FakeDiscord;
let corpus: Corpus;

const keep = closedAfterAll();
keep.atEnd(() => database.drop());

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep));
});
describe('start-up with PostgreSQL', () => {
  it('a refused login: one French line without the password, and the process exits', async () => {
    const url = new URL(database.url);
    url.username = 'personne';
    url.password = '';
    url.searchParams.set('password', 'motdepasse-tres-secret');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DISCORD_TOKEN: fake.token,
        DISCORD_API_BASE: fake.apiBase,
        DISCORD_GUILD_ID: fake.guild.id,
        CORPUS_DIR: corpus.dir,
        DATABASE_PATH: join(corpus.root, 'state', 'bot.db'),
        DATABASE_URL: url.href,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.resume();
    // Killed after a minute: a process still alive then has failed the test.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearTimeout(timer);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('authentification refusée par PostgreSQL');
    expect(stderr).not.toContain('motdepasse-tres-secret');
  }, 90_000);
});
