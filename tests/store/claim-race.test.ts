/**
 * Real processes on one database file: what happens when two bot instances run by mistake, or
 * when a bot is killed mid-digest.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/services/store/migrations.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';

const racer = fileURLToPath(new URL('./claim-racer.ts', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', racer, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? ((error as { code?: number }).code ?? null) : 0,
        signal: error ? ((error as { signal?: string }).signal ?? null) : null,
        stdout,
        stderr,
      });
    });
  });
}

describe('two processes on one database', () => {
  it('never both claim a slot, even when they start together on a fresh file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'depeche-race-')), 'data', 'bot.db');
    const count = 80;
    // Both wait for the same instant, after their start-up, then claim the same slots.
    const startAt = String(Date.now() + 2_500);
    const [a, b] = await Promise.all([run(['race', path, startAt, String(count), 'A']), run(['race', path, startAt, String(count), 'B'])]);
    expect(a.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    expect(b.stderr.replace(/npm warn.*\n/g, '')).toBe('');
    const resultsA = JSON.parse(a.stdout) as Record<string, string>;
    const resultsB = JSON.parse(b.stdout) as Record<string, string>;
    expect(Object.keys(resultsA)).toHaveLength(count);

    const store = new SqliteStateStore(path);
    let wonByA = 0;
    for (const slotKey of Object.keys(resultsA)) {
      const outcomes = [resultsA[slotKey], resultsB[slotKey]].sort();
      expect(outcomes, slotKey).toEqual(['claimed', 'in-progress']);
      // The database agrees on the winner.
      const winner = resultsA[slotKey] === 'claimed' ? 'A' : 'B';
      if (winner === 'A') wonByA++;
      expect((await store.getSlot('g1', 'c1', slotKey))?.nonce.startsWith(`${winner}-`)).toBe(true);
    }
    // Migrations ran once although both processes opened the new file together.
    expect(store.appliedMigrations().map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    await store.close();
    // Each winning some slots shows the two really ran at the same time.
    expect(wonByA).toBeGreaterThan(0);
    expect(count - wonByA).toBeGreaterThan(0);
    console.info(`claims won: A ${wonByA}, B ${count - wonByA}`);
  });

  it('keeps a posted digest after the process is killed with SIGKILL', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'depeche-kill-')), 'bot.db');
    const crashed = await run(['crash', path]);
    expect(crashed.signal).toBe('SIGKILL');
    const store = new SqliteStateStore(path);
    expect(await store.lastPosted('g1', 'c1')).toMatchObject({
      slotKey: '2026-11-25 08:00',
      status: 'posted',
      messageId: '555555555555555555',
      articleIds: ['article-1'],
      actorCounts: { 'country:RUS': 3 },
    });
    expect(await store.claimSlot({ guildId: 'g1', channelId: 'c1', slotKey: '2026-11-25 08:00', nonce: 'restarted' })).toBe('already-posted');
    await store.close();
  });
});
