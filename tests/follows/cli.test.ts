/**
 * `cli -- follow add|list|remove` and the dry run `cli -- alerts --since 24h [--json]`, on a real
 * index and state file: what would have been posted is printed, nothing is posted or recorded.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { openStateStore, type StateStore } from '../../src/services/store/index.js';
import { createFollowService, type FollowService } from '../../src/services/follows/index.js';
import { parseSince, runFollowCli } from '../../src/cli/follows.js';
import { UserError } from '../../src/cli/json.js';
import { createLogger } from '../../src/logger.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
const NOW = new Date('2026-11-28T10:00:00Z');
let arrival = NOW.getTime() - 3 * 3_600_000;
let dir: string;
let engine: SqliteCorpusEngine;
let store: StateStore;
let service: FollowService;
const defaults = { guildId: '100000000000000001', channelId: '200000000000000002' };
const run = (command: 'follow' | 'alerts', args: string[], options: Record<string, string | boolean> = {}) =>
  runFollowCli(service, command, args, { json: false, ...options }, defaults, NOW);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'depeche-follow-cli-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  ({ engine } = await startEngine({ corpusDir: corpus, indexPath: ':memory:', now: () => arrival }));
  store = openStateStore(join(dir, 'bot.db'));
  service = createFollowService({ engine, store, logger: createLogger('silent'), pollMs: false, clock: () => NOW });
  await run('follow', ['add', 'actor', 'Moscou'], { role: '300000000000000003' });
  await run('follow', ['add', 'subject', 'uranium']);
  arrival += 60_000;
  for (const [name, site] of [['35_lepoint_niger_uranium.txt', 'Le Point'], ['36_rfi_niger_uranium.txt', 'RFI']] as const) {
    writeFileSync(join(corpus, name), `---\nsite: ${site}\n---\n${readFileSync(join(FIXTURES, name), 'utf8')}`);
  }
  await engine.sync();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cli follow', () => {
  it('lists the follows of a server, in text and JSON', async () => {
    const text = await run('follow', ['list']);
    expect(text).toMatch(/Russie \(acteur\) → salon 200000000000000002, rôle 300000000000000003 · 0 alerte · actif/);
    expect(text).toMatch(/« uranium » \(sujet\)/);
    const json = JSON.parse(await run('follow', ['list'], { json: true })) as { follows: Array<{ kind: string; actorId?: string }> };
    // Created in the same instant: listed in id order, so compared as a set.
    expect(json.follows.map((f) => [f.kind, f.actorId]).sort()).toEqual([['actor', 'country:RUS'], ['subject', undefined]]);
  });

  it('refuses an unknown actor, a bad role and an unknown id with one French line', async () => {
    await expect(run('follow', ['add', 'actor', 'Zzyzx Qwerty'])).rejects.toThrow(UserError);
    await expect(run('follow', ['add', 'subject', 'gaz'], { role: 'everyone' })).rejects.toThrow(/jamais @everyone/);
    await expect(run('follow', ['remove', 'f000'])).rejects.toThrow(/Aucun suivi f000/);
  });
});

describe('cli alerts (dry run)', () => {
  it('prints what would have been posted, and records nothing', async () => {
    const json = JSON.parse(await run('alerts', [], { json: true, since: '24h' })) as {
      alerts: Array<{ subject: string; kind: string; articleIds: string[]; roleId?: string; stories: Array<{ sources: Array<{ outlet: string }> }> }>;
    };
    json.alerts.sort((a, b) => a.subject.localeCompare(b.subject));
    expect(json.alerts.map((a) => [a.subject, a.kind, a.articleIds])).toEqual([
      ['« uranium »', 'story', ['35_lepoint_niger_uranium', '36_rfi_niger_uranium']],
      ['Russie', 'story', ['35_lepoint_niger_uranium', '36_rfi_niger_uranium']],
    ]);
    expect(json.alerts.find((a) => a.subject === 'Russie')!.roleId).toBe('300000000000000003');
    expect(json.alerts[1]!.stories[0]!.sources.map((s) => s.outlet).sort()).toEqual(['Le Point', 'RFI']);
    const text = await run('alerts', [], { since: '24h' });
    expect(text).toMatch(/→ serveur 100000000000000001, salon 200000000000000002, mention du rôle 300000000000000003\nSuivi : Russie/);
    // Nothing recorded: a second dry run says the same, and no alert is logged.
    expect(JSON.parse(await run('alerts', [], { json: true, since: '24h' })).alerts).toHaveLength(2);
    expect(await store.unfinishedAlerts()).toEqual([]);
    expect((await store.listFollows()).map((f) => f.alertsSent)).toEqual([0, 0]);
    // Too short a window: nothing.
    expect(await run('alerts', [], { since: '30m' })).toMatch(/Aucune alerte/);
  });

  it('reads durations in minutes, hours and days', () => {
    expect(parseSince('24h')).toBe(86_400_000);
    expect(parseSince('90m')).toBe(5_400_000);
    expect(parseSince('2d')).toBe(172_800_000);
    expect(() => parseSince('demain')).toThrow(/Durée invalide/);
  });
});
