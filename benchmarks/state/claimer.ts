/**
 * One bot process of the claim benchmark: opens the state at LOCATION (SQLite path or PostgreSQL
 * URL), says `ready`, waits for `go`, then claims SLOTS digest slots as fast as it can (every
 * process claims the same slots, as shard processes racing for a minute would) and prints each
 * claim's latency (ms) as JSON.
 */
import { createInterface } from 'node:readline';
import { openConfiguredStateStore } from '../../src/services/store/index.js';

const [location, slotsArg, name] = process.argv.slice(2);
if (!location || !slotsArg) throw new Error('usage: claimer.ts LOCATION SLOTS NAME');
const store = /^postgres(ql)?:/.test(location)
  ? await openConfiguredStateStore({ databaseUrl: location, databasePath: '' })
  : await openConfiguredStateStore({ databasePath: location });
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'go') break;

const latencies: number[] = [];
let won = 0;
// A claim that fails (SQLite: busy beyond its 5 s timeout) is counted, not fatal: it is a result.
let failed = 0;
for (let i = 0; i < Number(slotsArg); i++) {
  const started = performance.now();
  try {
    const result = await store.claimSlot({ guildId: `g${i % 100}`, channelId: 'c1', slotKey: `2026-11-25 08:${String(Math.floor(i / 100)).padStart(2, '0')}`, nonce: `${name}-${i}` });
    if (result === 'claimed') won++;
  } catch {
    failed++;
  }
  latencies.push(performance.now() - started);
}
await store.close();
process.stdout.write(`${JSON.stringify({ latencies, won, failed })}\n`);
