/**
 * Issue #10, defect 3, through the fake Discord: the engine worker dies (out of memory) while an
 * `/actor` waits for it. Before the supervision, every `/actor` and `/search` stayed
 * "thinking…" forever, autocomplete timed out and nothing was logged. The corpus is opened as
 * Discord mode opens it (`discordCorpusSettings`); what kills the worker is general: a small heap
 * and a file whose cleaning needs more (a megabyte of two-letter lines), no hook in the engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedAfterAll } from '../support/teardown.js';
import { fakeDiscordAndCorpus } from '../support/e2e.js';
import type { FakeDiscord } from '../fake-discord/index.js';
import { createLogger } from '../../src/logger.js';
import { indexPathFor, openCorpus } from '../../src/app.js';
import { discordCorpusSettings } from '../../src/start-bot.js';
import { embedText, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';
import { analysingInIndex, until } from '../hardening/helpers.js';

/** Enough for the engine and the seeds; not enough to clean the file below (measured: dies at 64 MB). */
const ENGINE_HEAP_MB = 64;

let fake: FakeDiscord;
let corpus: Corpus;
let running: InProcessBot | undefined;
let closeCorpus: (() => Promise<void>) | undefined;
const logs: Array<Record<string, unknown>> = [];

const keep = closedAfterAll();

beforeAll(async () => {
  ({ fake, corpus } = await fakeDiscordAndCorpus(keep));
  const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(JSON.parse(String(chunk)) as Record<string, unknown>), done()) });
  const logger = createLogger('debug', sink as never, { secrets: [fake.token], pretty: false });
  const settings = discordCorpusSettings({ corpusDir: corpus.dir, databasePath: path.join(corpus.root, 'bot.db') }, logger);
  const opened = await openCorpus({ ...settings, engineHeapMb: ENGINE_HEAP_MB });
  await opened.synced;
  closeCorpus = opened.close;
  keep.atEnd(() => closeCorpus?.());
  keep.atEnd(() => running?.stop());
  running = await startInProcessBot({ fake, engine: opened.engine, statePath: ':memory:', logger });
}, 120_000);

/** Is the engine analysing a file right now? */
function analysing(): boolean {
  return analysingInIndex(indexPathFor(corpus.dir, path.join(corpus.root, 'bot.db')));
}

describe('the engine worker dies while an /actor waits for it', () => {
  it('the member gets a French error, autocomplete answers, the bot answers again, the death is logged and the file is skipped, named in /sources', async () => {
    expect((await fake.sendCommand({ name: 'actor', options: { nom: 'Russie' } }).reply(60_000)).embeds[0]!.title).toBe('Russie');

    // A file the watcher picks up; cleaning it takes more memory than the worker has.
    fs.writeFileSync(path.join(corpus.dir, 'menu-sans-fin.txt'), `Titre\n${'Ab\n'.repeat(340_000)}`);
    await until(analysing, 60_000);
    const pending = fake.sendCommand({ name: 'actor', options: { nom: 'Russie' } });

    // The error comes privately: as the reply itself when the worker died before the 2 s auto-defer
    // (a quiet machine), else as a follow-up, the public "thinking…" message being removed.
    const error = await fake.waitFor(
      () => {
        if (pending.followUps[0]) return pending.followUps[0];
        const original = pending.original;
        return original && pending.ephemeral && !((original.flags ?? 0) & 128) && original.embeds.length > 0 ? original : undefined;
      },
      { timeoutMs: 60_000, description: 'the private error answer' },
    );
    expect(error.embeds[0]!.title).toBe('Une erreur est survenue');
    expect(error.flags! & 64).toBe(64);
    expect(pending.original === undefined || pending.original.id === error.id).toBe(true);
    expect(embedText(error)).toMatch(/Réessayez dans un instant/);
    const died = logs.find((l) => l.event === 'corpus.worker_died');
    expect(died).toMatchObject({ level: 50 });
    expect(String(died!.msg)).toMatch(/moteur du corpus s'est arrêté \(.*memory.*\) : redémarrage/);
    expect(logs.find((l) => l.msg === 'interaction failed')).toMatchObject({ command: 'actor', interactionId: pending.id });

    // Autocomplete answers in time while the worker restarts (empty at worst), then with choices.
    expect(Array.isArray(await fake.sendAutocomplete({ name: 'actor', options: { nom: 'Rus' }, focused: 'nom' }))).toBe(true);
    await until(async () => (await fake.sendAutocomplete({ name: 'actor', options: { nom: 'Rus' }, focused: 'nom' })).length > 0, 60_000);

    // The next /actor is answered by the new worker.
    expect((await fake.sendCommand({ name: 'actor', options: { nom: 'Russie' } }).reply(60_000)).embeds[0]!.title).toBe('Russie');

    // The new worker skipped the file that killed the old one, said so naming it, and /sources shows it.
    await until(() => logs.some((l) => l.event === 'corpus.skipped' && String(l.msg).includes('menu-sans-fin.txt')), 60_000);
    expect(String(logs.find((l) => l.event === 'corpus.skipped' && String(l.msg).includes('menu-sans-fin.txt'))!.msg)).toMatch(
      /son analyse a arrêté l’indexation/,
    );
    expect(logs.filter((l) => l.event === 'corpus.worker_died')).toHaveLength(1);
    const sources = await fake.sendCommand({ name: 'sources' }).reply(60_000);
    expect(embedText(sources)).toMatch(/Fichiers ignorés \(1\)[\s\S]*menu-sans-fin\.txt — son analyse a arrêté l’indexation/);
  }, 180_000);
});
