/** `npm run deploy-commands` against the fake Discord: registration, report, missing token. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.js';
import { commandDefinitions } from '../../src/commands/index.js';
import { REPO_ROOT } from './harness.js';

const exec = promisify(execFile);
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(REPO_ROOT, 'src/deploy-commands.ts');

let fake: FakeDiscord;
// An empty working folder: no developer `.env` can leak into the test.
let cwd: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  cwd = mkdtempSync(join(tmpdir(), 'depeche-deploy-'));
});

afterAll(async () => {
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

function deploy(env: Record<string, string>) {
  return exec(TSX, [SCRIPT], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('deploy-commands', () => {
  it('registers the commands on the guild and says so in French', async () => {
    const env = { DISCORD_TOKEN: fake.token, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_GUILD_ID: fake.guild.id, DISCORD_API_BASE: fake.apiBase };
    const first = await deploy(env);
    expect(first.code).toBe(0);
    const names = commandDefinitions().map((d) => d.name);
    expect(fake.commands(fake.guild.id).map((c) => c.name).sort()).toEqual([...names].sort());
    expect(first.stdout).toMatch(new RegExp(`^${names.length} commandes enregistrées sur le serveur ${fake.guild.id} : /`));
    expect(first.stdout).toMatch(/ajoutée : \/actor/);

    const second = await deploy(env);
    expect(second.stdout).toMatch(/aucun changement/);
    expect(second.stdout + second.stderr).not.toContain(fake.token);
  });

  it('without a token: one clear line and a failure code', async () => {
    const result = await deploy({ DISCORD_API_BASE: fake.apiBase });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').filter((l) => !/npm warn/.test(l))).toEqual([
      'DISCORD_TOKEN manquant : renseignez le jeton du bot dans .env (voir .env.example) puis relancez.',
    ]);
  });
});
