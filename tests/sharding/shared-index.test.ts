/**
 * Processes of one host share one corpus index: one elected writer indexes and watches the
 * folder, the others read its index and see what it adds; `kill -9` of the writer → a reader
 * takes over and indexes the next article. Real OS processes on one corpus folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { articleIdOfName } from '../../src/services/corpus/names.js';
import { IndexError, openIndexDatabase, openIndexReader } from '../../src/services/index/database.js';
import { startSharedEngine } from '../../src/services/index/shared-engine.js';
import { SqliteCorpusEngine, startEngine } from '../../src/services/index/engine.js';
import type { IndexProgress } from '../../src/services/engine.js';
import { CHANNEL, FakeChannelPoster, GUILD, makeService, openStore, testClock } from '../digest/helpers.js';
import { events, startChild, stopAll, until, type Child } from './processes.js';

const script = fileURLToPath(new URL('./corpus-process.ts', import.meta.url));
const seeds = readdirSync('seeds').filter((f) => f.endsWith('.txt')).sort();

let children: Child[] = [];
let root: string | undefined;
afterEach(async () => {
  await stopAll(children);
  children = [];
  if (root) rmSync(root, { recursive: true, force: true });
});

let nextId = 1;
/** Asks an engine method of a child process and waits for its answer. */
async function ask(child: Child, method: string, ...args: unknown[]): Promise<unknown> {
  const id = nextId++;
  child.process.stdin.write(`${JSON.stringify({ id, method, args })}\n`);
  const answer = await until(`answer ${id} from ${child.pid}`, () => child.lines.find((l) => l.event === 'answer' && l.id === id), 20_000);
  if (answer.error) throw new Error(String(answer.error));
  return answer.value;
}

const articleCount = async (child: Child) => ((await ask(child, 'sources')) as unknown[]).length;
const roleOf = (child: Child) => events(child, 'role').at(-1)?.role;

describe('one index writer per host', () => {
  it('elects one writer among three processes; readers see its articles; a reader takes over after kill -9', async () => {
    root = mkdtempSync(join(tmpdir(), 'depeche-shared-index-'));
    const corpus = join(root, 'corpus');
    mkdirSync(corpus);
    for (const name of seeds.slice(0, 3)) copyFileSync(join('seeds', name), join(corpus, name));
    const state = join(root, 'state', 'bot.db');

    children = [0, 1, 2].map(() => startChild(script, [corpus, state, '300']));
    await until('all three open', () => children.every((c) => events(c, 'open').length === 1), 60_000);

    // Exactly one writer did the indexing work; the readers indexed nothing.
    const writers = children.filter((c) => roleOf(c) === 'writer');
    const readers = children.filter((c) => roleOf(c) === 'reader');
    expect(writers).toHaveLength(1);
    expect(readers).toHaveLength(2);
    const writer = writers[0]!;
    await until('the first index', () => events(writer, 'reconciled').length === 1);
    expect(events(writer, 'reconciled')[0]!.added).toBe(3);
    for (const reader of readers) {
      expect(events(reader, 'open')[0]!.added).toBeUndefined();
      // The readers answer from the writer's index.
      await until('reader sees the three articles', async () => (await articleCount(reader)) === 3);
    }

    // An article dropped in the folder: the writer's watcher indexes it, the readers see it.
    copyFileSync(join('seeds', seeds[3]!), join(corpus, seeds[3]!));
    await until('the writer indexes the new article', () => events(writer, 'synced').some((l) => l.added === 1));
    for (const reader of readers) await until('reader sees the fourth article', async () => (await articleCount(reader)) === 4, 15_000);
    // The titles readers keep in memory (autocompletion) were reloaded too.
    const fourth = articleIdOfName(seeds[3]!);
    for (const reader of readers) {
      const choices = (await ask(reader, 'autocompleteArticles', fourth)) as Array<{ value: string }>;
      expect(choices.map((c) => c.value)).toContain(fourth);
    }
    for (const reader of readers) expect(events(reader, 'synced')).toHaveLength(0);

    // kill -9 of the writer: one reader takes over, within a few seconds.
    writer.process.kill('SIGKILL');
    await writer.exited;
    const heir = await until('a reader takes over', () => readers.find((r) => roleOf(r) === 'writer'), 15_000);
    const other = readers.find((r) => r !== heir)!;
    expect(String(events(heir, 'role').at(-1)!.message)).toMatch(/prend le relais/);

    // The heir watches the folder and indexes the next article; the remaining reader sees it.
    copyFileSync(join('seeds', seeds[4]!), join(corpus, seeds[4]!));
    await until('the heir indexes the fifth article', () => events(heir, 'synced').some((l) => l.added === 1), 15_000);
    await until('the other reader sees it', async () => (await articleCount(other)) === 5, 15_000);
    expect(await articleCount(heir)).toBe(5);
    // Only one took over: the other reader's titles now hold the heir's article, so it has followed
    // the heir's commits — each follow period tries for the lock first — and it is still a reader.
    const fifth = articleIdOfName(seeds[4]!);
    await until('the other reader follows the heir', async () =>
      ((await ask(other, 'autocompleteArticles', fifth)) as Array<{ value: string }>).some((c) => c.value === fifth), 15_000);
    expect(roleOf(other)).toBe('reader');
    expect(events(other, 'role')).toHaveLength(1);
    expect(events(other, 'synced')).toHaveLength(0);
  }, 120_000);
});

describe('a process alone on its index', () => {
  it('is the writer and indexes as a single bot does', async () => {
    root = mkdtempSync(join(tmpdir(), 'depeche-shared-alone-'));
    const roles: string[] = [];
    const indexPath = join(root, 'index.db');
    const { engine, report } = await startSharedEngine({ corpusDir: 'seeds', indexPath, lockPath: `${indexPath}.writer.lock`, onRole: (role) => void roles.push(role) });
    try {
      expect(roles).toEqual(['writer']);
      expect(engine.role).toBe('writer');
      expect(report?.added).toBe(seeds.length);
      expect(await engine.sync()).toMatchObject({ added: 0, unchanged: seeds.length });
    } finally {
      await engine.close();
    }
  });

  it('says in one line that an index under a file cannot be written', async () => {
    root = mkdtempSync(join(tmpdir(), 'depeche-shared-file-'));
    writeFileSync(join(root, 'a-file'), 'x');
    const indexPath = join(root, 'a-file', 'index.db');
    await expect(startSharedEngine({ corpusDir: 'seeds', indexPath, lockPath: `${indexPath}.writer.lock` })).rejects.toThrow(IndexError);
  });
});

describe('a reader while the writer builds the index (a first start, a rebuild for a new version)', () => {
  const seedCorpus = (count: number) => {
    root = mkdtempSync(join(tmpdir(), 'depeche-shared-progress-'));
    const corpus = join(root, 'corpus');
    mkdirSync(corpus);
    for (const name of seeds.slice(0, count)) copyFileSync(join('seeds', name), join(corpus, name));
    return { corpus, indexPath: join(root, 'index.db') };
  };
  const readerOf = (corpus: string, indexPath: string) => new SqliteCorpusEngine(openIndexReader(indexPath)!, { corpusDir: corpus, indexPath, watch: false });

  it('reports the progress the writer publishes in the index, and nothing once it is complete', async () => {
    const { corpus, indexPath } = seedCorpus(5);
    let reader: SqliteCorpusEngine | undefined;
    const seen: Array<Promise<IndexProgress | undefined>> = [];
    // Read from the reader's own connection at each step of the writer's first index.
    const { engine: writer } = await startEngine({
      corpusDir: corpus,
      indexPath,
      onProgress: () => {
        reader ??= readerOf(corpus, indexPath);
        seen.push(reader.indexProgress());
      },
    });
    try {
      const during = await Promise.all(seen);
      expect(during.map((p) => p?.percent)).toEqual([20, 40, 60, 80, 100]);
      for (const p of during) expect(p!.articles).toBeGreaterThan(0);
      expect(await reader!.indexProgress()).toBeUndefined();
      expect(await writer.indexProgress()).toBeUndefined();
    } finally {
      await reader?.close();
      await writer.close();
    }
  });

  it('holds the reader’s digests while the index is partial, and posts them once the writer completes it', async () => {
    const { corpus, indexPath } = seedCorpus(4);
    // The writer has written two articles and not yet gone through the folder (stopped half-way).
    const writer = new SqliteCorpusEngine(openIndexDatabase(indexPath).db, { corpusDir: corpus, indexPath });
    await writer.sync({}, seeds.slice(0, 2));
    const reader = readerOf(corpus, indexPath);
    const store = openStore(join(root!, 'state.db'));
    const poster = new FakeChannelPoster();
    const clock = testClock('2026-11-28T09:30:00Z'); // 10:30 in Paris: 08:00 is due
    const digest = makeService({ engine: reader, store, poster, clock: clock.now });
    try {
      await store.upsertGuildSettings({ guildId: GUILD, channelId: CHANNEL, time: '08:00', timezone: 'Europe/Paris', enabled: true, topics: [], updatedAt: new Date('2026-01-01T00:00:00Z') });
      expect(await reader.indexProgress()).toEqual({ percent: 0, articles: 2 });
      expect(await digest.tick()).toEqual([]);
      expect(poster.calls).toHaveLength(0);

      await writer.sync();
      expect(await reader.indexProgress()).toBeUndefined();
      clock.advance(60_000);
      expect((await digest.tick()).map((r) => r.outcome)).toEqual(['posted']);
    } finally {
      await digest.stop();
      await store.close();
      await reader.close();
      await writer.close();
    }
  });
});
