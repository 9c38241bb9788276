/**
 * A separate bot process for the store tests, run with `node --import tsx`:
 *   race  DB START_MS COUNT NAME  — claims slot i at START_MS + i × 15 ms, for i < COUNT, and
 *                                   prints the results as JSON
 *   crash DB                      — claims and posts one slot, then dies by SIGKILL
 */
import { SqliteStateStore } from '../../src/services/store/sqlite.js';

const [mode, dbPath, startArg, countArg, name] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: claim-racer.ts race|crash DB [START_MS COUNT NAME]');

const SPACING_MS = 15;

const slotKeyOf = (i: number): string => `2026-11-25 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;

if (mode === 'race') {
  const startAt = Number(startArg);
  const count = Number(countArg);
  const store = new SqliteStateStore(dbPath);
  const results: Record<string, string> = {};
  // Like two bots whose cron ticks fire together: both claim slot i at startAt + i × SPACING_MS.
  for (let i = 0; i < count; i++) {
    while (Date.now() < startAt + i * SPACING_MS) await new Promise((resolve) => setTimeout(resolve, 1));
    const slotKey = slotKeyOf(i);
    results[slotKey] = await store.claimSlot({ guildId: 'g1', channelId: 'c1', slotKey, nonce: `${name}-${i}` });
  }
  await store.close();
  process.stdout.write(JSON.stringify(results));
} else if (mode === 'crash') {
  const store = new SqliteStateStore(dbPath);
  const claim = { guildId: 'g1', channelId: 'c1', slotKey: '2026-11-25 08:00', nonce: 'crasher' };
  await store.claimSlot(claim);
  await store.markPosted(claim, '555555555555555555', ['article-1'], { 'country:RUS': 3 });
  process.kill(process.pid, 'SIGKILL');
}
