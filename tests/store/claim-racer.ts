/**
 * A separate bot process for the store tests, run with `node --import tsx`. LOCATION is a SQLite
 * path or a PostgreSQL URL (see `stores.ts`).
 *   race     LOCATION COUNT NAME — claims slot i at START + i × 15 ms (± jitter), for i < COUNT, and prints
 *                                  the results and its claiming interval as JSON
 *   crash    LOCATION            — claims and posts one slot, then dies by SIGKILL
 *   midpost  LOCATION            — claims one slot, then dies by SIGKILL before posting
 *   takeover LOCATION NAME       — at START, claims that slot as if its lease had run out; posts it
 *                                  when won; prints the claim's result
 *   alert-midpost LOCATION FOLLOW — claims an alert of that follow, then dies by SIGKILL before posting
 * `race` and `takeover` print `ready` once their store is open, then wait for `go START` on stdin,
 * so that processes started one after the other still act at the same instant.
 */
import { createInterface } from 'node:readline';
import { openLocation } from './stores.js';

const [mode, location, ...rest] = process.argv.slice(2);
if (!location) throw new Error('usage: claim-racer.ts race|crash|midpost|takeover LOCATION [COUNT] [NAME]');

const SPACING_MS = 15;
const SLOT = { guildId: 'g1', channelId: 'c1', slotKey: '2026-11-25 08:00' };

const slotKeyOf = (i: number): string => `2026-11-25 ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
const waitUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, 1));
};

/** Says `ready`, then resolves with the start instant the parent sends. */
async function startSignal(): Promise<number> {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const match = /^go (\d+)$/.exec(line.trim());
    if (match) {
      lines.close();
      return Number(match[1]);
    }
  }
  throw new Error('no start signal');
}

const store = await openLocation(location);
if (mode === 'race') {
  const count = Number(rest[0]);
  const name = rest[1] ?? 'racer';
  const startAt = await startSignal();
  const results: Record<string, string> = {};
  let from = 0;
  // Like bots whose cron ticks fire together: all claim slot i at startAt + i × SPACING_MS.
  for (let i = 0; i < count; i++) {
    // A few ms of jitter, like real clocks: who wins varies, and every slot is still contested.
    await waitUntil(startAt + i * SPACING_MS + Math.random() * 5);
    const slotKey = slotKeyOf(i);
    if (i === 0) from = Date.now();
    results[slotKey] = await store.claimSlot({ guildId: 'g1', channelId: 'c1', slotKey, nonce: `${name}-${i}` });
  }
  const to = Date.now();
  await store.close();
  // When this process was claiming, so the test can check the processes overlapped.
  process.stdout.write(`${JSON.stringify({ results, from, to })}\n`);
} else if (mode === 'crash') {
  const claim = { ...SLOT, nonce: 'crasher' };
  await store.claimSlot(claim);
  await store.markPosted(claim, '555555555555555555', ['article-1'], { 'country:RUS': 3 });
  process.kill(process.pid, 'SIGKILL');
} else if (mode === 'midpost') {
  await store.claimSlot({ ...SLOT, nonce: 'dead' }, { leaseMs: 60_000 });
  process.kill(process.pid, 'SIGKILL');
} else if (mode === 'takeover') {
  const taker = rest[0] ?? 'taker';
  await waitUntil(await startSignal());
  const claim = { ...SLOT, nonce: taker };
  // Two minutes later in the slot's life: the dead claim's one-minute lease has run out.
  const result = await store.claimSlot(claim, { now: new Date(Date.now() + 120_000), leaseMs: 60_000 });
  if (result === 'claimed') await store.markPosted(claim, `message-of-${taker}`, ['article-1'], {});
  await store.close();
  process.stdout.write(`${result}\n`);
} else if (mode === 'alert-midpost') {
  const followId = rest[0] ?? 'f0';
  await store.claimAlert({ followId, storyKey: 'art-1', channelId: 'c1', nonce: 'dead', articleIds: ['art-1'] }, { leaseMs: 60_000 });
  process.kill(process.pid, 'SIGKILL');
}
