import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openEngine, SqliteCorpusEngine, startEngine } from '../../src/services/index/engine.js';
import { IndexError, INDEX_VERSION, openIndexDatabase } from '../../src/services/index/database.js';

const SEEDS = path.resolve('seeds');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-index-'));
}

/** Polls until the condition holds (a file watcher answers in its own time), at most 10 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function copySeeds(): string {
  const dir = tempDir();
  for (const file of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, file), path.join(dir, file));
  return dir;
}

describe('the corpus engine on the seed articles', () => {
  let engine: SqliteCorpusEngine;
  beforeAll(async () => {
    ({ engine } = await openEngine({ corpusDir: SEEDS, indexPath: ':memory:' }));
  });
  afterAll(() => engine.close());

  it('lists the five articles with title, author, date and size', async () => {
    const articles = await engine.sources();
    expect(articles.map((a) => a.id)).toEqual(fs.readdirSync(SEEDS).map((f) => f.replace(/\.txt$/, '')).sort());
    const carter = articles.find((a) => a.id === '001_0118ebd96f1f2ec0')!;
    expect(carter.author).toBe('Olivia Carter');
    expect(articles.find((a) => a.id === '002_a660fae045bc850a')!.date).toBe('2025-04-05');
    for (const a of articles) expect(a.sentences).toBeGreaterThan(3);
  });

  it('finds Russia through its aliases and demonyms, and says which form was asked', async () => {
    const answer = await engine.actor('Moscou');
    expect(answer.found).toBe(true);
    if (!answer.found) return;
    expect(answer.actor.name).toBe('Russie');
    expect(answer.matchedAlias).toBe('Moscou');
    expect(answer.total).toBe(answer.excerpts.length);
    const texts = answer.excerpts.map((e) => e.text);
    expect(texts.some((t) => /\bMoscou\b/.test(t) && !/Russie/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('russo-chinois'))).toBe(true);
    // Every excerpt has its mention highlighted.
    for (const e of answer.excerpts) expect(e.highlights.length).toBeGreaterThan(0);
    expect(answer.related.map((r) => r.name)).toContain('Chine');
  });

  it('spreads the best passages across articles before repeating one', async () => {
    const answer = await engine.actor('Russie', { limit: 5 });
    if (!answer.found) throw new Error('Russie not found');
    expect(new Set(answer.excerpts.map((e) => e.articleId)).size).toBe(5);
  });

  it('pages without materialising everything: page 2 follows page 1', async () => {
    const all = await engine.actor('Russie');
    const page2 = await engine.actor('Russie', { offset: 5, limit: 5 });
    if (!all.found || !page2.found) throw new Error('Russie not found');
    expect(page2.excerpts.map((e) => e.text)).toEqual(all.excerpts.slice(5, 10).map((e) => e.text));
  });

  it('searches with stemming and typo tolerance', async () => {
    const exact = await engine.search('sanctions occidentales');
    expect(exact.total).toBeGreaterThan(0);
    expect(exact.excerpts[0]!.text).toMatch(/sanctions occidentales/i);
    const typo = await engine.search('sanctoins');
    expect(typo.total).toBeGreaterThan(0);
    expect(typo.excerpts[0]!.text).toMatch(/sanction/i);
  });

  it('briefs the whole corpus with one excerpt per article, actors and cited media', async () => {
    const briefing = await engine.briefing({ limit: 8 });
    expect(briefing.excerpts).toHaveLength(8);
    expect(new Set(briefing.excerpts.map((e) => e.articleId)).size).toBe(5);
    expect(briefing.actors[0]!.name).toBe('Russie');
    const media = briefing.sources.map((s) => s.name);
    expect(media).toEqual(expect.arrayContaining(['Wall Street Journal', 'Bloomberg', 'Financial Times', 'Washington Post']));
    // No excerpt repeats another.
    expect(new Set(briefing.excerpts.map((e) => e.text)).size).toBe(briefing.excerpts.length);
  });

  it('briefs one topic from the passages about it', async () => {
    const briefing = await engine.briefing({ topic: 'Chine', limit: 4 });
    expect(briefing.actor?.name).toBe('Chine');
    for (const e of briefing.excerpts) expect(e.highlights.length).toBeGreaterThan(0);
    expect(briefing.actors.map((a) => a.name)).not.toContain('Chine');
  });

  it('never serves boilerplate or the headline as an excerpt', async () => {
    const everything = [
      ...(await engine.briefing({ limit: 50 })).excerpts,
      ...(await engine.search('commentaire article partager share reply email')).excerpts,
    ].map((e) => e.text);
    for (const text of everything) {
      expect(text).not.toMatch(/Commentaires|Partager|Leave a Reply|affiliate|Stephanopoulos|Iraq Business News|Loader/);
    }
    const titles = (await engine.sources()).map((a) => a.title);
    for (const text of everything) expect(titles).not.toContain(text);
  });
});

describe('the index on disk', () => {
  it('re-indexes only what changed at restart, and sees added, changed and removed files', async () => {
    const corpusDir = copySeeds();
    const indexPath = path.join(tempDir(), 'index.db');
    const first = await openEngine({ corpusDir, indexPath });
    expect(first.report.added).toBe(5);
    await first.engine.close();

    const second = await openEngine({ corpusDir, indexPath });
    expect(second.report).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 5 });

    fs.writeFileSync(
      path.join(corpusDir, 'new.txt'),
      'La Turquie relance sa médiation\n\nAnkara a proposé mardi d’accueillir de nouveaux pourparlers entre Moscou et Kyiv. Le président turc Recep Tayyip Erdogan a appelé au calme.\n',
    );
    fs.rmSync(path.join(corpusDir, '003_9f70dd34e1ce68a4.txt'));
    const report = await second.engine.sync();
    expect(report).toMatchObject({ added: 1, removed: 1, unchanged: 4 });
    const turkey = await second.engine.actor('Turquie');
    expect(turkey.found && turkey.excerpts.some((e) => e.articleId === 'new')).toBe(true);
    expect((await second.engine.sources()).map((a) => a.id)).not.toContain('003_9f70dd34e1ce68a4');
    await second.engine.close();
  });

  it('briefs from an article as it is now, after a change made here or by another process on the same index', async () => {
    const corpusDir = tempDir();
    const write = (text: string) =>
      fs.writeFileSync(path.join(corpusDir, 'turquie.txt'), `La Turquie relance sa médiation\n\n${text}\n`);
    write('Ankara a proposé mardi d’accueillir de nouveaux pourparlers entre Moscou et Kyiv à Istanbul.');
    fs.writeFileSync(path.join(corpusDir, 'autre.txt'), 'Un autre sujet\n\nLe Japon a présenté mardi un budget de défense en hausse sensible.\n');
    const indexPath = path.join(tempDir(), 'index.db');
    const here = await openEngine({ corpusDir, indexPath });
    const other = await openEngine({ corpusDir, indexPath });
    const texts = async () => (await here.engine.briefing({ topic: 'Turquie', limit: 4 })).excerpts.map((e) => e.text).join(' ');
    try {
      expect(await texts()).toContain('Istanbul');
      write('Ankara a proposé jeudi d’accueillir un sommet entre Moscou et Kyiv à Antalya.');
      await other.engine.sync();
      expect(await texts()).toContain('Antalya');
      write('Ankara a proposé vendredi d’accueillir des pourparlers entre Moscou et Kyiv à Izmir.');
      await here.engine.sync();
      const now = await texts();
      expect(now).toContain('Izmir');
      expect(now).not.toContain('Antalya');
    } finally {
      await other.engine.close();
      await here.engine.close();
    }
  });

  it('gives the same index when files are analysed in worker threads', async () => {
    const { engine } = await openEngine({ corpusDir: SEEDS, indexPath: ':memory:' });
    try {
      // A search's paging snapshot is a sentence id, renumbered by the rebuild: not compared.
      const search = async () => ({ ...(await engine.search('sanctions')), snapshot: undefined });
      const before = [await engine.actor('Russie'), await search(), await engine.briefing({ limit: 6 })];
      const report = await engine.sync({ force: true, parallelAfter: 0 });
      expect(report).toMatchObject({ updated: 5, added: 0, skipped: [] });
      const after = [await engine.actor('Russie'), await search(), await engine.briefing({ limit: 6 })];
      expect(after).toEqual(before);
    } finally {
      await engine.close();
    }
  });

  it('at a restart in the background, answers from the index at once and then catches up with the folder', async () => {
    const corpusDir = copySeeds();
    const indexPath = path.join(tempDir(), 'index.db');
    await (await openEngine({ corpusDir, indexPath })).engine.close();
    fs.writeFileSync(path.join(corpusDir, 'late.txt'), 'Le Caire accueille les négociateurs\n\nL’Égypte a reçu lundi les délégations pour de nouvelles discussions sur une trêve. Le Caire se dit optimiste.\n');

    const { engine, report, synced } = await startEngine({ corpusDir, indexPath, background: true });
    try {
      expect(report).toBeUndefined();
      expect((await engine.sources()).length).toBeGreaterThanOrEqual(5);
      expect(await synced).toMatchObject({ added: 1, unchanged: 5 });
      expect((await engine.sources()).map((a) => a.id)).toContain('late');
    } finally {
      await engine.close();
    }
  });

  it('an index rebuilt for a new version says it is being built until it is complete, and keeps when articles arrived', async () => {
    const corpusDir = copySeeds();
    const indexPath = path.join(tempDir(), 'index.db');
    const arrived = Date.parse('2026-11-20T08:00:00Z');
    const upgraded = Date.parse('2026-11-28T08:00:00Z');
    await (await openEngine({ corpusDir, indexPath, now: () => arrived })).engine.close();
    // The program is upgraded: the index on disk is of the version before.
    const old = new Database(indexPath);
    old.prepare("UPDATE meta SET value = ? WHERE key = 'version'").run(String(INDEX_VERSION - 1));
    old.close();
    const { db, rebuilt } = openIndexDatabase(indexPath);
    expect(rebuilt).toBe(true);
    const engine = new SqliteCorpusEngine(db, { corpusDir, indexPath, now: () => upgraded });
    try {
      const synced = engine.sync();
      // Before any file is read (a digest ticking at start-up asks now): in progress, nothing held yet.
      expect(await engine.indexProgress()).toEqual({ percent: 0, articles: 0 });
      await synced;
      expect(await engine.indexProgress()).toBeUndefined();
      expect(await engine.sources()).toHaveLength(5);
      // Nothing is new since the last digest because the program was upgraded.
      expect(await engine.articlesSince(arrived)).toEqual([]);
      expect(await engine.articlesSince(arrived - 1)).toHaveLength(5);
      // Once the folder was read whole, an article that comes arrives now.
      fs.writeFileSync(path.join(corpusDir, 'late.txt'), 'Le Caire accueille les négociateurs\n\nL’Égypte a reçu lundi les délégations pour de nouvelles discussions sur une trêve. Le Caire se dit optimiste.\n');
      await engine.sync();
      expect(await engine.articlesSince(arrived)).toEqual(['late']);
      expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'kept_arrivals'").pluck().get()).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it('picks up a file added while running, through the watcher', async () => {
    const corpusDir = copySeeds();
    const { engine } = await openEngine({ corpusDir, indexPath: ':memory:', watch: true, watchDebounceMs: 50 });
    try {
      const synced = new Promise<void>((resolve) => {
        const timer = setInterval(async () => {
          if ((await engine.sources()).some((a) => a.id === 'live')) {
            clearInterval(timer);
            resolve();
          }
        }, 50);
      });
      fs.writeFileSync(path.join(corpusDir, 'live.txt'), 'Pékin hausse le ton\n\nLa Chine a dénoncé jeudi les manœuvres navales près de Taïwan. Pékin promet une réponse ferme.\n');
      await synced;
      const china = await engine.actor('Chine');
      expect(china.found && china.excerpts.some((e) => e.articleId === 'live')).toBe(true);
      expect((await engine.autocompleteArticles('hausse le ton')).map((c) => c.value)).toEqual(['live']);

      // Changed, then removed, while running: answers follow.
      fs.writeFileSync(path.join(corpusDir, 'live.txt'), 'Pékin hausse le ton\n\nLe Japon a dénoncé jeudi les manœuvres navales près de Taïwan. Tokyo promet une réponse ferme.\n');
      await until(async () => {
        const japan = await engine.actor('Japon');
        return japan.found && japan.excerpts.some((e) => e.articleId === 'live');
      });
      fs.rmSync(path.join(corpusDir, 'live.txt'));
      await until(async () => !(await engine.sources()).some((a) => a.id === 'live'));
      expect(await engine.autocompleteArticles('hausse le ton')).toEqual([]);
      const after = await engine.actor('Japon');
      expect(after.found && after.total).toBe(0);
    } finally {
      await engine.close();
    }
  });

  it('skips a binary file with a warning naming it, and indexes the rest', async () => {
    const corpusDir = copySeeds();
    fs.writeFileSync(path.join(corpusDir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1]));
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir, indexPath: ':memory:', onWarning: (m) => warnings.push(m) });
    expect(report.added).toBe(5);
    expect(report.skipped.map((s) => path.basename(s.file))).toEqual(['image.txt']);
    expect(warnings.join('\n')).toContain('image.txt');
    await engine.close();
  });

  it('sets a damaged index aside, says which file, and rebuilds it (the index is derived data)', async () => {
    const dir = tempDir();
    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'this is not a database at all, just text '.repeat(200));
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir: SEEDS, indexPath: garbage, onWarning: (m) => warnings.push(m) });
    expect(report.added).toBe(5);
    expect(warnings.join('\n')).toMatch(/Index .*garbage\.db endommagé .* mis de côté sous .*garbage\.db\.endommage-\d+ et reconstruit/);
    expect(fs.readdirSync(dir).some((name) => name.startsWith('garbage.db.endommage-'))).toBe(true);
    expect((await engine.sources()).length).toBe(5);
    await engine.close();
  });

  it('rebuilds an index whose pages are damaged, naming the file', async () => {
    const dir = tempDir();
    const indexPath = path.join(dir, 'index.db');
    const first = await openEngine({ corpusDir: SEEDS, indexPath });
    await first.engine.close();
    // Overwrite everything after the header page: the file still opens, its tables are garbage.
    const bytes = fs.readFileSync(indexPath);
    bytes.fill(0x5a, 4096);
    fs.writeFileSync(indexPath, bytes);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(indexPath + suffix, { force: true });
    const warnings: string[] = [];
    const { engine, report } = await openEngine({ corpusDir: SEEDS, indexPath, onWarning: (m) => warnings.push(m) });
    expect(report.added).toBe(5);
    expect(warnings.join('\n')).toContain(`Index ${indexPath} endommagé`);
    await engine.close();
  });

  it('says in one line, naming the path, when the index cannot be written where DATABASE_PATH points', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const attempt = openEngine({ corpusDir: SEEDS, indexPath: path.join(file, 'index.db') });
    await expect(attempt).rejects.toThrow(IndexError);
    await expect(openEngine({ corpusDir: SEEDS, indexPath: path.join(file, 'index.db') })).rejects.toThrow(/impossible d'écrire à cet endroit .*DATABASE_PATH/);
  });
});
