/**
 * /sources lists the corpus files that were skipped or indexed in part; with servers that have
 * sources of their own, each server sees those of the shared files and its own, never another
 * server's file names (a feed's file is named after its article's title). Through the real
 * discord.js client and the fake Discord, on two servers.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/index.js';
import { startEngine, type SqliteCorpusEngine } from '../../src/services/index/engine.js';
import { embedText, makeCorpus, NEWSROOM_MEMBERS, startInProcessBot, type Corpus, type InProcessBot } from './harness.js';

let fake: FakeDiscord;
let corpus: Corpus;
let engine: SqliteCorpusEngine;
let running: InProcessBot | undefined;

/** A file of a server's feed that has nothing to index (a page whose text is gone). */
const emptyOf = (guildId: string, title: string) => `---\nsite: Gazette\nguild: ${guildId}\n---\n${title}\n`;

beforeAll(async () => {
  fake = await startFakeDiscord({
    guilds: [
      { name: 'Rédaction Nord', channels: [{ name: 'général' }], members: NEWSROOM_MEMBERS },
      { name: 'Rédaction Sud', channels: [{ name: 'général' }], members: NEWSROOM_MEMBERS },
    ],
  });
  const [north, south] = fake.guilds;
  corpus = makeCorpus({
    '20261130-nord-enquete-confidentielle.txt': emptyOf(north!.id, 'Enquête confidentielle du Nord'),
    '20261130-sud-scoop-a-venir.txt': emptyOf(south!.id, 'Scoop à venir du Sud'),
    'note-operateur.txt': 'Titre sans texte\n',
  });
  engine = (await startEngine({ corpusDir: corpus.dir, indexPath: ':memory:' })).engine;
  running = await startInProcessBot({ fake, engine, statePath: join(corpus.root, 'state', 'bot.db') });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await engine?.close();
  await fake?.close();
  corpus?.cleanup();
});

async function sources(guildIndex: number): Promise<string> {
  const handle = fake.sendCommand({ name: 'sources', user: 'yanis_b', guildId: fake.guilds[guildIndex]!.id });
  const message = await handle.reply((m) => m.embeds.length > 0, 15_000);
  expect(handle.errors).toEqual([]);
  return embedText(message);
}

describe('/sources’ skipped files on two servers', () => {
  it('each server sees the shared skipped files and its own, never the other’s', async () => {
    const north = await sources(0);
    expect(north).toContain('note-operateur.txt');
    expect(north).toContain('20261130-nord-enquete-confidentielle.txt');
    expect(north).not.toContain('20261130-sud-scoop-a-venir.txt');

    const south = await sources(1);
    expect(south).toContain('note-operateur.txt');
    expect(south).toContain('20261130-sud-scoop-a-venir.txt');
    expect(south).not.toContain('nord-enquete');
  });

  it('the operator (console, CLI) sees every file', async () => {
    const files = (await engine.fileNotices()).map((n) => n.file);
    expect(files).toEqual(expect.arrayContaining(['note-operateur.txt', '20261130-nord-enquete-confidentielle.txt', '20261130-sud-scoop-a-venir.txt']));
  });
});
