/**
 * The state store contract: what the bot relies on, run unchanged against SQLite and PostgreSQL
 * (`contract.sqlite.test.ts`, `contract.postgres.test.ts`). Includes real processes racing for
 * the same slots and processes killed with SIGKILL.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SlotClaim, StateStore } from '../../src/services/store/index.js';
import { describeFeedStoreContract } from './feed-sources.contract.js';
import { describeFollowStoreContract } from './follows.contract.js';
import { openLocation, type StoreUnderTest } from './stores.js';

const racer = fileURLToPath(new URL('./claim-racer.ts', import.meta.url));

interface RunResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function runRacer(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', racer, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? ((error as { code?: number }).code ?? null) : 0,
        signal: error ? ((error as { signal?: string }).signal ?? null) : null,
        stdout,
        stderr: stderr.replace(/npm warn.*\n/g, ''),
      });
    });
  });
}

/**
 * Starts racers, waits until every one has its store open (`ready`), then tells them all to act
 * at the same instant; resolves with each one's last output line.
 */
async function raceTogether(argsList: string[][]): Promise<Array<{ stdout: string; stderr: string }>> {
  const children = argsList.map((args) => spawn(process.execPath, ['--import', 'tsx', racer, ...args], { stdio: ['pipe', 'pipe', 'pipe'] }));
  const outputs = children.map((child) => {
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
    return out;
  });
  const exited = children.map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  const deadline = Date.now() + 30_000;
  while (!outputs.every((o) => o.stdout.includes('ready\n'))) {
    if (Date.now() > deadline) throw new Error(`racers not ready: ${outputs.map((o) => o.stderr).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startAt = Date.now() + 300;
  for (const child of children) child.stdin.end(`go ${startAt}\n`);
  await Promise.all(exited);
  return outputs.map((o) => ({ stdout: o.stdout.replace('ready\n', '').trim(), stderr: o.stderr.replace(/npm warn.*\n/g, '') }));
}

const T0 = new Date('2026-11-25T07:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const claimOf = (nonce: string, slotKey = '2026-11-25 08:00'): SlotClaim => ({ guildId: 'g1', channelId: 'c1', slotKey, nonce });
const settingsOf = (guildId: string, extra: Partial<{ channelId: string; time: string; timezone: string; enabled: boolean; topics: string[] }> = {}) => ({
  guildId,
  channelId: 'c1',
  time: '08:00',
  timezone: 'Europe/Paris',
  enabled: true,
  topics: [] as string[],
  ...extra,
});

export function describeStateStoreContract(makeStores: () => StoreUnderTest): void {
  const stores = makeStores();
  const open: StateStore[] = [];
  /** Opens a store on `location` (a fresh one by default), closed after the test. */
  async function store(location?: string): Promise<StateStore> {
    const s = await openLocation(location ?? (await stores.freshLocation()));
    open.push(s);
    return s;
  }
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  afterAll(() => stores.cleanup());

  // Feed sources and news items (live news): their own contract, on the same stores.
  describeFeedStoreContract(stores.name, {
    async open() {
      const location = await stores.freshLocation();
      return { store: await openLocation(location), reopen: () => openLocation(location) };
    },
  });

  // Follows and their alerts: their own contract, on the same stores.
  describeFollowStoreContract(stores.name, {
    async open() {
      const location = await stores.freshLocation();
      return { store: await openLocation(location), location, reopen: () => openLocation(location) };
    },
  });

  describe(`${stores.name} — guild digest settings`, () => {
    it('are created, replaced and listed when enabled', async () => {
      const s = await store();
      expect(await s.getGuildSettings('g1')).toBeUndefined();
      const saved = await s.upsertGuildSettings({ ...settingsOf('g1'), time: '8h30', timezone: 'europe/paris', topics: ['Russie', 'OTAN'], updatedAt: T0 });
      // Normalised on the way in.
      expect(saved).toEqual({ guildId: 'g1', channelId: 'c1', time: '08:30', timezone: 'Europe/Paris', enabled: true, topics: ['Russie', 'OTAN'], trends: false, updatedAt: T0 });
      await s.upsertGuildSettings(settingsOf('g2', { channelId: 'c2', time: '18:00', timezone: 'America/New_York', enabled: false }));
      await s.upsertGuildSettings({ ...saved, channelId: 'c9', topics: ['Chine'] });
      expect((await s.getGuildSettings('g1'))?.channelId).toBe('c9');
      expect((await s.listEnabledDigests()).map((g) => [g.guildId, g.topics])).toEqual([['g1', ['Chine']]]);
    });

    it('keep the trends option: off unless asked, on and off again, through a disable', async () => {
      const s = await store();
      expect((await s.upsertGuildSettings(settingsOf('g1'))).trends).toBe(false);
      const on = await s.upsertGuildSettings({ ...settingsOf('g1'), trends: true });
      expect(on.trends).toBe(true);
      expect((await s.getGuildSettings('g1'))?.trends).toBe(true);
      expect((await s.listEnabledDigests()).map((g) => [g.guildId, g.trends])).toEqual([['g1', true]]);
      // Turning the digest off keeps the option for when it is turned back on.
      await s.disableDigest('g1', 'Le salon a été supprimé.', minutes(1));
      expect(await s.getGuildSettings('g1')).toMatchObject({ enabled: false, trends: true });
      expect((await s.upsertGuildSettings({ ...on, trends: false })).trends).toBe(false);
      expect((await s.getGuildSettings('g1'))?.trends).toBe(false);
    });

    it('reject an invalid time or zone', async () => {
      const s = await store();
      await expect(s.upsertGuildSettings(settingsOf('g1', { time: '25:00' }))).rejects.toThrow(/Heure invalide/);
      await expect(s.upsertGuildSettings(settingsOf('g1', { timezone: 'Mars/Olympus' }))).rejects.toThrow(/Fuseau horaire inconnu « Mars\/Olympus »/);
      expect(await s.getGuildSettings('g1')).toBeUndefined();
    });

    it('are disabled with the reason kept for the admins, until reconfigured', async () => {
      const s = await store();
      await s.upsertGuildSettings(settingsOf('g1'));
      await s.recordDigestError('g1', 'Discord indisponible (503).', minutes(1));
      expect(await s.getGuildSettings('g1')).toMatchObject({ enabled: true, lastError: 'Discord indisponible (503).', lastErrorAt: minutes(1) });

      await s.disableDigest('g1', 'Le salon a été supprimé.', minutes(2));
      expect(await s.getGuildSettings('g1')).toMatchObject({ enabled: false, lastError: 'Le salon a été supprimé.', lastErrorAt: minutes(2) });
      expect(await s.listEnabledDigests()).toEqual([]);

      const back = await s.upsertGuildSettings(settingsOf('g1', { channelId: 'c2' }));
      expect(back.lastError).toBeUndefined();
      expect(back.enabled).toBe(true);
    });

    it('list many guilds in guild order', async () => {
      const s = await store();
      const ids = Array.from({ length: 30 }, (_, i) => `1${String(29 - i).padStart(17, '0')}`);
      for (const id of ids) await s.upsertGuildSettings(settingsOf(id));
      expect((await s.listEnabledDigests()).map((g) => g.guildId)).toEqual([...ids].sort());
    });
  });

  describe(`${stores.name} — digest slots`, () => {
    it('are claimed once: a second claimer sees in-progress, then already-posted', async () => {
      const s = await store();
      expect(await s.claimSlot(claimOf('a'), { now: T0 })).toBe('claimed');
      expect(await s.claimSlot(claimOf('b'), { now: minutes(1) })).toBe('in-progress');
      expect(await s.markPosted(claimOf('a'), '999', ['art-1', 'art-2'], { 'country:RUS': 4, 'org:nato': 1 }, minutes(1))).toBe(true);
      expect(await s.claimSlot(claimOf('c'), { now: minutes(30) })).toBe('already-posted');
      // Another slot of the same channel is independent.
      expect(await s.claimSlot(claimOf('d', '2026-11-26 08:00'), { now: minutes(30) })).toBe('claimed');
    });

    it('keep what the posted digest covered, for the next one', async () => {
      const s = await store();
      await s.claimSlot(claimOf('a', '2026-11-24 08:00'), { now: T0 });
      await s.markPosted(claimOf('a', '2026-11-24 08:00'), 'm1', ['art-1'], { 'country:UKR': 2 }, T0);
      await s.claimSlot(claimOf('b'), { now: minutes(1440) });
      await s.markPosted(claimOf('b'), 'm2', ['art-2', 'art-3'], { 'country:RUS': 5 }, minutes(1440));
      await s.claimSlot(claimOf('c', '2026-11-26 08:00'), { now: minutes(2880) });
      // Claimed but not posted: not "last posted".
      expect(await s.lastPosted('g1', 'c1')).toEqual({
        guildId: 'g1',
        channelId: 'c1',
        slotKey: '2026-11-25 08:00',
        status: 'posted',
        nonce: 'b',
        messageId: 'm2',
        attempts: 1,
        claimedAt: minutes(1440),
        postedAt: minutes(1440),
        articleIds: ['art-2', 'art-3'],
        actorCounts: { 'country:RUS': 5 },
      });
      expect(await s.lastPosted('g1', 'other-channel')).toBeUndefined();
    });

    it('can be taken over when the claimer died, and the dead claim can no longer post', async () => {
      const s = await store();
      expect(await s.claimSlot(claimOf('dead'), { now: T0 })).toBe('claimed');
      expect(await s.claimSlot(claimOf('alive'), { now: minutes(9) })).toBe('in-progress');
      expect(await s.claimSlot(claimOf('alive'), { now: minutes(10) })).toBe('claimed');
      expect(await s.markPosted(claimOf('dead'), 'late', [], {})).toBe(false);
      expect(await s.markPosted(claimOf('alive'), 'm1', [], {})).toBe(true);
      expect(await s.getSlot('g1', 'c1', '2026-11-25 08:00')).toMatchObject({ status: 'posted', messageId: 'm1', nonce: 'alive', attempts: 2 });
    });

    it('are retried after a failure up to maxAttempts, then given up', async () => {
      const s = await store();
      for (let attempt = 1; attempt <= 3; attempt++) {
        expect(await s.claimSlot(claimOf(`n${attempt}`), { now: minutes(attempt) })).toBe('claimed');
        expect(await s.markFailed(claimOf(`n${attempt}`), `Discord a répondu 500 (essai ${attempt}).`)).toBe(true);
      }
      expect(await s.claimSlot(claimOf('n4'), { now: minutes(4) })).toBe('gave-up');
      expect(await s.getSlot('g1', 'c1', '2026-11-25 08:00')).toMatchObject({ status: 'failed', attempts: 3, error: 'Discord a répondu 500 (essai 3).' });
      expect(await s.markFailed(claimOf('n1'), 'stale')).toBe(false);
    });

    it('are shared by two stores on the same database (two processes)', async () => {
      const location = await stores.freshLocation();
      const a = await store(location);
      const b = await store(location);
      expect(await a.claimSlot(claimOf('a'), { now: T0 })).toBe('claimed');
      expect(await b.claimSlot(claimOf('b'), { now: T0 })).toBe('in-progress');
      await a.markPosted(claimOf('a'), 'm1', ['art-1'], {}, T0);
      expect(await b.claimSlot(claimOf('b'), { now: T0 })).toBe('already-posted');
      expect((await b.lastPosted('g1', 'c1'))?.messageId).toBe('m1');
    });

    it('are won once among many concurrent claims of one process', async () => {
      const s = await store();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => s.claimSlot(claimOf(`n${i}`), { now: T0 })));
      expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
      expect(results.filter((r) => r === 'in-progress')).toHaveLength(11);
    });
  });

  describe(`${stores.name} — paging state`, () => {
    it('is saved, read back until it expires, then pruned', async () => {
      const s = await store();
      const state = {
        id: 'p1',
        userId: 'u1',
        command: 'acteur',
        options: { subcommand: undefined, values: { nom: 'Russie', page: 2 } },
        createdAt: T0,
        expiresAt: minutes(15),
      };
      await s.savePaging(state);
      await s.savePaging({ ...state, id: 'p2', expiresAt: minutes(60) });
      expect(await s.getPaging('p1', minutes(14))).toEqual({ ...state, options: { values: { nom: 'Russie', page: 2 } } });
      expect(await s.getPaging('p1', minutes(15))).toBeUndefined();
      expect(await s.getPaging('unknown', T0)).toBeUndefined();
      expect(await s.prunePaging(minutes(30))).toBe(1);
      expect(await s.getPaging('p2', minutes(30))).toMatchObject({ id: 'p2', command: 'acteur' });
    });
  });

  describe(`${stores.name} — restart`, () => {
    it('a new store on the same database sees everything the previous one wrote', async () => {
      const location = await stores.freshLocation();
      const before = await store(location);
      await before.upsertGuildSettings({ ...settingsOf('g1', { time: '07:15', timezone: 'Asia/Tokyo', topics: ['Japon'] }), trends: true, updatedAt: T0 });
      await before.claimSlot(claimOf('a'), { now: T0 });
      await before.markPosted(claimOf('a'), 'm1', ['art-1'], { 'country:JPN': 2 }, T0);
      await before.savePaging({ id: 'p1', userId: 'u1', command: 'recherche', options: { q: 'gaz' }, createdAt: T0, expiresAt: minutes(15) });
      await before.close();

      const after = await store(location);
      expect(await after.listEnabledDigests()).toEqual([
        { guildId: 'g1', channelId: 'c1', time: '07:15', timezone: 'Asia/Tokyo', enabled: true, topics: ['Japon'], trends: true, updatedAt: T0 },
      ]);
      expect((await after.lastPosted('g1', 'c1'))?.actorCounts).toEqual({ 'country:JPN': 2 });
      expect(await after.claimSlot(claimOf('b'), { now: minutes(1) })).toBe('already-posted');
      expect((await after.getPaging('p1', minutes(1)))?.options).toEqual({ q: 'gaz' });
    });
  });

  describe(`${stores.name} — several OS processes`, () => {
    it('each slot is won by exactly one of four processes that start together on a new database', { timeout: 90_000 }, async () => {
      const location = await stores.freshLocation();
      const count = 40;
      const names = ['A', 'B', 'C', 'D'];
      // They open the new database together (migrating it concurrently), then claim the same
      // slots at the same moments.
      const runs = await raceTogether(names.map((name) => ['race', location, String(count), name]));
      for (const run of runs) expect(run.stderr).toBe('');
      const outputs = runs.map((run) => JSON.parse(run.stdout) as { results: Record<string, string>; from: number; to: number });
      const results = outputs.map((o) => o.results);
      // They really ran at the same time: every process claimed while another was claiming.
      for (const [i, o] of outputs.entries()) {
        expect(outputs.some((other, j) => j !== i && other.from <= o.to && o.from <= other.to), `process ${names[i]} overlapped another`).toBe(true);
      }
      expect(Object.keys(results[0]!)).toHaveLength(count);

      const s = await store(location);
      const wins = new Map<string, number>();
      for (const slotKey of Object.keys(results[0]!)) {
        const outcomes = results.map((r) => r[slotKey]);
        expect(outcomes.filter((o) => o === 'claimed'), slotKey).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'in-progress'), slotKey).toHaveLength(names.length - 1);
        // The database agrees on the winner.
        const winner = names[outcomes.indexOf('claimed')]!;
        wins.set(winner, (wins.get(winner) ?? 0) + 1);
        expect((await s.getSlot('g1', 'c1', slotKey))?.nonce.startsWith(`${winner}-`)).toBe(true);
      }
      console.info(`${stores.name}: slots won per process ${JSON.stringify(Object.fromEntries(wins))}`);
    });

    it('keeps a posted digest after the process is killed with SIGKILL', { timeout: 60_000 }, async () => {
      const location = await stores.freshLocation();
      const crashed = await runRacer(['crash', location]);
      expect(crashed.signal).toBe('SIGKILL');
      const s = await store(location);
      expect(await s.lastPosted('g1', 'c1')).toMatchObject({
        slotKey: '2026-11-25 08:00',
        status: 'posted',
        messageId: '555555555555555555',
        articleIds: ['article-1'],
        actorCounts: { 'country:RUS': 3 },
      });
      expect(await s.claimSlot({ ...claimOf('restarted') })).toBe('already-posted');
    });

    it('a claimant killed mid-post is taken over by exactly one of three processes', { timeout: 90_000 }, async () => {
      const location = await stores.freshLocation();
      const dead = await runRacer(['midpost', location]);
      expect(dead.signal).toBe('SIGKILL');
      const s = await store(location);
      expect(await s.getSlot('g1', 'c1', '2026-11-25 08:00')).toMatchObject({ status: 'claimed', nonce: 'dead' });
      // Within its lease, the dead claim still holds the slot.
      expect(await s.claimSlot(claimOf('early'), { leaseMs: 60_000 })).toBe('in-progress');

      const takers = ['X', 'Y', 'Z'];
      const runs = await raceTogether(takers.map((name) => ['takeover', location, name]));
      for (const run of runs) expect(run.stderr).toBe('');
      const outcomes = runs.map((run) => run.stdout);
      expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
      const winner = takers[outcomes.indexOf('claimed')]!;
      expect(await s.getSlot('g1', 'c1', '2026-11-25 08:00')).toMatchObject({
        status: 'posted',
        nonce: winner,
        messageId: `message-of-${winner}`,
        attempts: 2,
      });
    });
  });
}
