/**
 * `npm start` failing at start-up, as an operator meets it: a wrong token, Discord out of reach, a
 * token pasted into the wrong variable. The process says so in one French line on stderr, exits
 * promptly with code 1, never prints a stack trace or an unhandled rejection, and never echoes
 * anything that looks like a token.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import { REPO_ROOT, type Corpus } from './harness.js';

// Shaped like a real bot token but made up.
const TOKEN = `${Buffer.from('123456789012345678').toString('base64')}.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB`;

interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
  ms: number;
  /** Time from the first line the operator reads to the exit. */
  lingerMs: number;
}

/** Runs `src/main.ts` with `env`; kills it after `timeoutMs` (then `code` is null). */
function runMain(env: Record<string, string>, timeoutMs = 40_000): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  let firstPlainAt: number | undefined;
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
    if (firstPlainAt === undefined && plainLines(stderr).length > 0) firstPlainAt = performance.now();
  });
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      const now = performance.now();
      resolve({ code, stderr, stdout, ms: now - started, lingerMs: now - (firstPlainAt ?? now) });
    }),
  );
}

/** Lines of stderr that are not structured log lines (what the operator reads). */
function plainLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let fake: FakeDiscord;
let corpus: Corpus;

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep));
});

function discordEnv(extra: Record<string, string>): Record<string, string> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_GUILD_ID: fake.guild.id,
    CORPUS_DIR: corpus.dir,
    DATABASE_PATH: join(corpus.root, `state-${Math.random().toString(36).slice(2)}`, 'bot.db'),
    ...extra,
  };
}

describe('start-up failures', () => {
  it('an invalid token: one French line, exit 1 at once, no unhandled rejection', async () => {
    const run = await runMain(discordEnv({ DISCORD_TOKEN: 'not-the-right-token' }));
    expect(run.code, run.stderr).toBe(1);
    // The 60 s gateway timeout must not keep the process alive (20 s: room for a busy machine, far from 60).
    expect(run.lingerMs).toBeLessThan(20_000);
    const lines = plainLines(run.stderr);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/DISCORD_TOKEN/);
    expect(lines[0]).toMatch(/refus|invalide/);
    expect(run.stderr).not.toMatch(/unhandled|    at /i);
    expect(run.stderr).not.toContain('not-the-right-token');
  }, 60_000);

  it('Discord out of reach: one French line naming the address, exit 1 promptly', async () => {
    const port = await closedPort();
    const run = await runMain(discordEnv({ DISCORD_API_BASE: `http://127.0.0.1:${port}/api` }));
    expect(run.code, run.stderr).toBe(1);
    expect(run.lingerMs).toBeLessThan(20_000);
    const lines = plainLines(run.stderr);
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/injoignable/);
    expect(lines[0]).toContain(`127.0.0.1:${port}`);
    expect(run.stderr).not.toMatch(/unhandled|    at /i);
  }, 60_000);

  it('a token pasted into a path or an id is never echoed', async () => {
    const pieces = Array.from({ length: TOKEN.length - 9 }, (_, i) => TOKEN.slice(i, i + 10));
    const envs: Array<Record<string, string>> = [{ CORPUS_DIR: join(corpus.root, TOKEN) }, { DISCORD_GUILD_ID: TOKEN }, { DIGEST_CHANNEL_ID: TOKEN.slice(0, 40) }];
    for (const env of envs) {
      const run = await runMain({ CORPUS_DIR: corpus.dir, DATABASE_PATH: ':memory:', ...env });
      expect(run.code, run.stderr).toBe(1);
      expect(plainLines(run.stderr), run.stderr).toHaveLength(1);
      for (const piece of pieces) expect(run.stderr + run.stdout).not.toContain(piece);
    }
  }, 90_000);
});
