/**
 * Keeps the index in step with the corpus folder: only new, changed or removed files are
 * (re)indexed, judged by size and mtime first and by a content hash when those changed.
 * A file that cannot be read as an article is skipped with a warning, never half-indexed:
 * analysed articles are written in batches, one transaction per batch and a savepoint per article.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { ActorMatcher } from '../actors/matcher.js';
import { KEPT_ARRIVALS, type IndexDatabase } from './database.js';
import { analyseFileRows, dayOf, type ArticleRows, type RowsAnalysis } from './rows.js';
import { termsOf } from '../text/stem.js';
import { PendingWrites, type MentionRow } from './pending.js';
import { AnalysisPool } from './analysis-pool.js';
import type { StageClock } from './stages.js';
import { NotAnArticleFileError, readArticleBytesSync, truncationNote } from '../corpus/load.js';
import { articleIdOfName, isArticleFileName, isUtf8Name } from '../corpus/names.js';

export interface SyncReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Files that could not be indexed, with the reason in French. */
  skipped: Array<{ file: string; reason: string }>;
  /** Wall time of the sync in milliseconds. */
  ms: number;
}

export interface SyncOptions {
  /** Called for every file skipped, with a French sentence naming it. */
  onWarning?: (message: string) => void;
  /** Called after each file looked at, for progress display. */
  onProgress?: (done: number, total: number) => void;
  /** Clock for `first_seen_ms` (tests and the digest's "new since"). Default `Date.now`. */
  now?: () => number;
  /** Analyse every file again, changed or not (after a change of the cleaning rules). Default false. */
  force?: boolean;
  /** Files analysed on the calling thread before analysis workers start. Default 64. */
  parallelAfter?: number;
  /** Module of the analysis workers (tests give one that crashes). Default: the real one. */
  analysisWorker?: string;
  /**
   * Trust the last full check while the folder's own change time says no file was added,
   * removed or renamed, and it is younger than {@link FULL_CHECK_MAX_AGE_MS}: then only new and
   * removed names are looked at, and no file is stat'ed (a CLI call at 100k files). Default false.
   */
  quick?: boolean;
  /** A first index of at least this many articles is compacted at its end (see compact). Default 1 000. */
  compactAfter?: number;
  /** Stops the sync early (shutdown): what was analysed is written, the rest waits for the next sync. */
  signal?: AbortSignal;
  /** Charged each stage's time (the benchmark's); a timed sync analyses every file on its own thread. */
  clock?: StageClock;
}

/** How long a full check of every file is trusted by a quick sync. */
export const FULL_CHECK_MAX_AGE_MS = 60 * 60 * 1000;

/** The folder as the last full check saw it, recorded in the index's `meta` table. */
interface FolderCheck {
  dir: string;
  mtimeMs: number;
  ctimeMs: number;
  checkedAt: number;
}

interface FileRow {
  path: string;
  article_id: string;
  size: number;
  mtime_ms: number;
  status: string;
  reason: string | null;
}

interface ArticleRow {
  n: number;
  date: string | null;
  first_sentence: number;
  sentence_count: number;
  first_seen_ms: number;
}

/** What became of one file in a sync. */
type Outcome = { status: 'added' | 'updated' | 'unchanged' } | { status: 'skipped'; reason: string };

/** A file whose bytes must be analysed. */
interface Pending {
  file: string;
  key: string;
  id: string;
  previous: FileRow | undefined;
  size: number;
  mtimeMs: number;
  hash: Buffer;
  bytes: Buffer;
  /** The file was larger than MAX_ARTICLE_BYTES: only its beginning was read. */
  truncated: boolean;
}

/** Why a file whose analysis killed the indexing thread (out of memory, a crash) is skipped from then on. */
const FATAL_REASON = 'son analyse a arrêté l’indexation (mémoire épuisée ou plantage) : fichier écarté tant qu’il ne change pas';

/** A sync analyses this many files on its own thread before it starts analysis workers. */
const PARALLEL_AFTER = 64;
/**
 * Analysed articles are written together, in one transaction, once this many are waiting or
 * this long after the last write: one commit (and one FTS5 flush) per batch rather than per
 * article, while a query waits at most one short batch.
 */
const BATCH_ARTICLES = 100;
const BATCH_MS = 200;
/**
 * A first index (nothing to answer from yet but what it wrote) writes larger batches: a commit
 * costs the pages it touched, shared by more articles (-14 % of the writing thread's CPU at 300
 * articles rather than 100; a 100-article batch was cut at 200 ms, ~55 articles, at 100 000).
 */
const FIRST_BATCH_ARTICLES = 400;
const FIRST_BATCH_MS = 1000;

/** A sync gives the event loop a turn after looking at this many files. */
const YIELD_EVERY_FILES = 256;
/** A first index of at least this many articles is compacted at its end (see CorpusIndexer.compact). */
const COMPACT_AFTER_ARTICLES = 1000;

/** The corpus folder is missing or unreadable; the message is one French line naming it. */
export class CorpusDirError extends Error {
  override name = 'CorpusDirError';
}

/** A file of the corpus folder: how to name it, reach it and key it. */
export interface CorpusFile {
  /** Its path as it reads (bytes that are not UTF-8 shown as U+FFFD), for messages. */
  file: string;
  /** Its exact path for the file system (a Buffer when the name is not UTF-8). */
  fsPath: string | Buffer;
  /** Its key in the index's file table: unique per exact name. */
  key: string;
  id: string;
}

/** The corpus file of a name in `dir` (a name in any bytes: the file system accepts them). */
export function corpusFile(dir: string, name: string | Buffer, prefixes = folderPrefixes(dir)): CorpusFile {
  const raw = typeof name === 'string' ? Buffer.from(name) : name;
  const id = articleIdOfName(raw);
  const text = raw.toString('utf8');
  // A bare name: the folder's part shared by every file (path.join and path.resolve build each
  // path from pieces: ~850 bytes of heap per file, 86 MB for a listing of 100 000).
  const bare = !text.includes(path.sep) && text !== '.' && text !== '..';
  const file = bare ? `${prefixes.joined}${text}` : path.join(dir, text);
  if (isUtf8Name(raw)) return { file, fsPath: file, key: bare ? `${prefixes.resolved}${text}` : path.resolve(file), id };
  return { file, fsPath: Buffer.concat([Buffer.from(path.join(dir, path.sep)), raw]), key: path.resolve(dir, `${id}.txt`), id };
}

/** What `path.join(dir, name)` and `path.resolve(dir, name)` put before a bare name. */
function folderPrefixes(dir: string): { joined: string; resolved: string } {
  return { joined: path.join(dir, '-').slice(0, -1), resolved: path.join(path.resolve(dir), '-').slice(0, -1) };
}

/** Lists the corpus files: every `.txt` directly in the folder (links too, to report them), sorted by name. */
export async function listCorpusFiles(dir: string): Promise<CorpusFile[]> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CorpusDirError(
      code === 'ENOENT' ? `Dossier du corpus introuvable : ${dir} (CORPUS_DIR).` : `Dossier du corpus illisible : ${dir} (${code ?? 'erreur'}, CORPUS_DIR).`,
    );
  }
  const prefixes = folderPrefixes(dir);
  return entries
    // Links are listed so that they are reported as skipped, never followed (see prepare).
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && isArticleFileName(e.name))
    .map((e) => corpusFile(dir, e.name, prefixes))
    .sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
}

/** The article id of a file path (see corpus/names.ts). */
export function articleIdOf(file: string): string {
  return articleIdOfName(path.basename(file));
}

export class CorpusIndexer {
  private readonly statements;
  private actorKeys: Map<string, number> | undefined;
  private matcher: ActorMatcher | undefined;
  /** When each article of the index a rebuild replaced first arrived (database.ts), until a full sync ends. */
  private keptArrivals: Map<string, number> | undefined;
  /** The next article's first sentence id, known while a batch writes (read again after a removal or a failed write). */
  private nextSentence: number | undefined;
  /** Mentions and counts of the batch's written articles, added to their tables at the batch's end (pending.ts). */
  private pending = new PendingWrites();

  constructor(
    private readonly db: IndexDatabase,
    /** Built on first use: a sync with nothing to analyse (most CLI calls) never pays for it. */
    private readonly makeMatcher: () => ActorMatcher,
  ) {
    this.statements = {
      // Without the hash: a full sync holds every row, and a hash is read only for a file whose size or mtime changed.
      files: db.prepare('SELECT path, article_id, size, mtime_ms, status, reason FROM files'),
      file: db.prepare('SELECT path, article_id, size, mtime_ms, status, reason FROM files WHERE path = ?'),
      hash: db.prepare('SELECT hash FROM files WHERE path = ?').pluck(),
      upsertFile: db.prepare(
        `INSERT INTO files (path, article_id, size, mtime_ms, hash, status, reason) VALUES (@path, @article_id, @size, @mtime_ms, @hash, @status, @reason)
         ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id, size = excluded.size, mtime_ms = excluded.mtime_ms,
           hash = excluded.hash, status = excluded.status, reason = excluded.reason`,
      ),
      deleteFile: db.prepare('DELETE FROM files WHERE path = ?'),
      paths: db.prepare('SELECT path FROM files').pluck(),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      article: db.prepare('SELECT n, date, first_sentence, sentence_count, first_seen_ms FROM articles WHERE id = ?'),
      insertArticle: db.prepare(
        `INSERT INTO articles (id, title, author, date, reading_minutes, language, paragraphs, characters, first_sentence, sentence_count, first_seen_ms, url, place, site, fetched_at, guild, day)
         VALUES (@id, @title, @author, @date, @reading_minutes, @language, @paragraphs, @characters, @first_sentence, @sentence_count, @first_seen_ms, @url, @place, @site, @fetched_at, @guild, @day)`,
      ),
      deleteArticle: db.prepare('DELETE FROM articles WHERE n = ?'),
      lastSentence: db.prepare('SELECT max(id) FROM sentences').pluck(),
      insertSentence: db.prepare('INSERT INTO sentences (id, article, paragraph, text, centrality, flags) VALUES (?, ?, ?, ?, ?, ?)'),
      deleteSentences: db.prepare('DELETE FROM sentences WHERE id BETWEEN ? AND ?'),
      insertFts: db.prepare('INSERT INTO sentence_fts (rowid, terms) VALUES (?, ?)'),
      sentenceTexts: db.prepare('SELECT id, text FROM sentences WHERE id BETWEEN ? AND ?'),
      // Contentless FTS5: a row is deleted by giving back the terms it indexed, cut again from its text.
      deleteFts: db.prepare("INSERT INTO sentence_fts (sentence_fts, rowid, terms) VALUES ('delete', ?, ?)"),
      actorKeys: db.prepare('SELECT id, n FROM actors'),
      insertActor: db.prepare('INSERT INTO actors (id) VALUES (?)'),
      upsertFound: db.prepare(
        `INSERT INTO found_actors (id, name, kind, aliases) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET aliases = excluded.aliases`,
      ),
      insertMention: db.prepare(
        'INSERT OR IGNORE INTO mentions (actor, article_rank, score, sentence, article, spans, venue, cited, passage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      articleMentions: db.prepare('SELECT actor, sentence, venue FROM mentions WHERE sentence BETWEEN ? AND ?'),
      deleteMentions: db.prepare('DELETE FROM mentions WHERE sentence BETWEEN ? AND ?'),
      addStats: db.prepare(
        `INSERT INTO actor_stats (actor, mentions, articles) VALUES (?, ?, ?)
         ON CONFLICT (actor) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + excluded.articles`,
      ),
      addCoMention: db.prepare(
        `INSERT INTO co_mentions (actor, other, count) VALUES (?, ?, ?)
         ON CONFLICT (actor, other) DO UPDATE SET count = count + excluded.count`,
      ),
      addDay: db.prepare(
        `INSERT INTO actor_days (actor, day, mentions) VALUES (?, ?, ?)
         ON CONFLICT (actor, day) DO UPDATE SET mentions = mentions + excluded.mentions`,
      ),
      addDayTotal: db.prepare(
        `INSERT INTO day_totals (day, mentions, articles) VALUES (?, ?, ?)
         ON CONFLICT (day) DO UPDATE SET mentions = mentions + excluded.mentions, articles = articles + excluded.articles`,
      ),
      pruneDays: db.prepare('DELETE FROM actor_days WHERE day = ? AND mentions <= 0'),
      pruneDayTotal: db.prepare('DELETE FROM day_totals WHERE day = ? AND articles <= 0'),
      nextGeneration: db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + CAST(? AS INTEGER) WHERE key = 'generation'"),
      pruneStats: db.prepare('DELETE FROM actor_stats WHERE mentions <= 0'),
      pruneCoMentions: db.prepare('DELETE FROM co_mentions WHERE count <= 0'),
      deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
    };
    // A reader (read-only: another process writes) never indexes: nothing to keep.
    const kept = db.readonly ? undefined : (this.statements.getMeta.get(KEPT_ARRIVALS) as string | undefined);
    if (kept) this.keptArrivals = new Map(Object.entries(JSON.parse(kept) as Record<string, number>));
  }

  /** The integer key of an actor id in mention rows, given on first use. */
  private actorKey(id: string): number {
    this.actorKeys ??= new Map((this.statements.actorKeys.all() as Array<{ id: string; n: number }>).map((r) => [r.id, r.n]));
    let key = this.actorKeys.get(id);
    if (key === undefined) {
      key = Number(this.statements.insertActor.run(id).lastInsertRowid);
      this.actorKeys.set(id, key);
    }
    return key;
  }

  /**
   * Brings the index in step with `dir`; with `names` (file names in `dir`, as a file watcher
   * reports them), only with those files, so that one new article costs one file, not a scan.
   */
  async sync(dir: string, options: SyncOptions = {}, names?: ReadonlyArray<string | Buffer>): Promise<SyncReport> {
    if (options.quick && !names && !options.force) {
      const changed = await this.changedNames(dir);
      if (changed) return this.sync(dir, { ...options, quick: false }, changed);
    }
    const started = performance.now();
    const now = options.now ?? Date.now;
    const report: SyncReport = { added: 0, updated: 0, removed: 0, unchanged: 0, skipped: [], ms: 0 };
    // The folder's change time is read before its listing, so a file added meanwhile is seen next time.
    const folderBefore = names ? undefined : await fs.stat(dir).catch(() => undefined);
    const files = names
      ? [...new Map(names.filter(isArticleFileName).map((n) => corpusFile(dir, n)).map((f) => [f.key, f])).values()]
      : await listCorpusFiles(dir);
    // A watcher's sync looks up just its files: reading every row would cost a scan of the corpus.
    const rows = names
      ? files.flatMap((f) => (this.statements.file.get(f.key) as FileRow | undefined) ?? [])
      : (this.statements.files.all() as FileRow[]);
    const known = new Map(rows.map((row) => [row.path, row]));
    // A first index of a whole folder: its tables were filled in no order of theirs (see compact).
    const firstIndex = !names && known.size === 0;
    const [batchArticles, batchMs] = firstIndex ? [FIRST_BATCH_ARTICLES, FIRST_BATCH_MS] : [BATCH_ARTICLES, BATCH_MS];
    const present = new Set<string>();

    let pool: AnalysisPool | undefined;
    let inline = 0;
    let done = 0;
    const inflight = new Set<Promise<void>>();
    const settle = (file: string, outcome: Outcome) => {
      if (outcome.status === 'skipped') report.skipped.push({ file, reason: outcome.reason });
      else report[outcome.status]++;
      options.onProgress?.(++done, files.length);
    };
    const batch: Array<{ pending: Pending; result: RowsAnalysis }> = [];
    /** Files sent for analysis and not yet in a batch, in the folder's order. */
    const unwritten: Array<{ pending: Pending; result?: RowsAnalysis }> = [];
    /** The analysers could not run at all (see AnalysisPool): the sync fails with it. */
    let failure: { error: unknown } | undefined;
    /** Resumes the loop waiting for room in the window. */
    let wake: (() => void) | undefined;
    let lastWrite = performance.now();
    const write = () => {
      if (batch.length === 0) return;
      const items = batch.splice(0);
      options.clock?.start();
      const outcomes = this.writeBatch(items, now, options);
      options.clock?.lap('write');
      items.forEach(({ pending }, i) => settle(pending.file, outcomes[i]!));
      lastWrite = performance.now();
    };
    try {
      let looked = 0;
      for (const entry of files) {
        if (options.signal?.aborted) break;
        // Unchanged files cost a stat each, taken without leaving the thread: let timers, watcher
        // events and queries through now and then.
        if (++looked % YIELD_EVERY_FILES === 0) await new Promise((resolve) => setImmediate(resolve));
        const { file, key } = entry;
        // A watched name may be a file that was just deleted or renamed away.
        if (names && !(await fs.lstat(entry.fsPath).then((st) => st.isFile() || st.isSymbolicLink(), () => false))) continue;
        present.add(key);
        options.clock?.start();
        const step = await this.prepare(entry, known.get(key), options);
        options.clock?.lap('read');
        if ('status' in step) {
          settle(file, step);
          continue;
        }
        // Small syncs analyse on this thread; a large one starts workers (they take a moment to boot).
        let analysis: Promise<RowsAnalysis>;
        if (options.clock || (!pool && inline < (options.parallelAfter ?? PARALLEL_AFTER))) {
          inline++;
          this.matcher ??= this.makeMatcher();
          // Marked first: if analysing it kills this thread, the next run skips it (see prepare).
          this.statements.upsertFile.run({ ...this.fileRow(step), status: 'analysing', reason: FATAL_REASON });
          analysis = Promise.resolve(analyseFileRows(step.id, step.bytes, this.matcher, options.clock));
        } else {
          pool ??= new AnalysisPool({
            ...(options.analysisWorker ? { module: options.analysisWorker } : {}),
            onWorkerDeath: (message) => options.onWarning?.(`Indexation : ${message}.`),
          });
          analysis = pool.analyse({ id: step.id, bytes: step.bytes });
        }
        const waiting: { pending: Pending; result?: RowsAnalysis } = { pending: step };
        unwritten.push(waiting);
        const task = analysis.then((result) => {
          waiting.result = result;
          // Written in the folder's order whichever analyser finishes first: article numbers and
          // sentence ids (which break ties in answers) stay the same from one run to the next.
          while (unwritten[0]?.result) {
            const { pending, result: done } = unwritten.shift()!;
            batch.push({ pending, result: done! });
          }
          if (batch.length >= batchArticles || performance.now() - lastWrite >= batchMs) write();
        });
        inflight.add(task);
        const forget = () => {
          inflight.delete(task);
          wake?.();
        };
        task.then(forget, (error: unknown) => {
          failure ??= { error };
          forget();
        });
        // Back-pressure on everything not yet written: a slow article holds the ones behind it.
        // (A failed analysis never leaves the queue: the sync fails rather than wait for it.)
        // A batch more than the analysers need: writing a batch blocks this thread (~1 ms an
        // article), and with only their own window queued the analysers sat idle meanwhile
        // (3/4 busy, 137 % CPU on 2 cores at 100k; 98 % busy with a batch more).
        while (unwritten.length >= (pool ? pool.window + batchArticles : 1)) {
          if (failure) throw failure.error;
          // Woken by the next task to settle (a race over the whole window would cost a reaction per task).
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      }
      await Promise.all(inflight);
      if (failure) throw failure.error;
      write();
    } finally {
      await pool?.close();
    }
    if (options.signal?.aborted) {
      report.ms = performance.now() - started;
      return report;
    }
    const gone = [...known].filter(([key]) => !present.has(key));
    this.db.transaction(() => {
      for (const [key, row] of gone) {
        this.removeArticle(row.article_id);
        this.statements.deleteFile.run(key);
      }
    }).immediate();
    report.removed += gone.length;
    if (firstIndex && report.added >= (options.compactAfter ?? COMPACT_AFTER_ARTICLES)) this.compact();
    if (folderBefore) {
      const check: FolderCheck = { dir: path.resolve(dir), mtimeMs: folderBefore.mtimeMs, ctimeMs: folderBefore.ctimeMs, checkedAt: now() };
      this.statements.setMeta.run('folder_check', JSON.stringify(check));
    }
    if (this.keptArrivals && !names) {
      // Every file was seen: what was not there any more will not come back as the same arrival.
      this.statements.deleteMeta.run(KEPT_ARRIVALS);
      this.keptArrivals = undefined;
    }
    report.ms = performance.now() - started;
    return report;
  }

  /**
   * Rewrites the index file in key order (VACUUM). Rows keyed by actor or day arrive in article
   * order, so a first index leaves their B-tree pages about three-quarters full; once rewritten
   * the file is some 5 % smaller. Done once, after a first index: later syncs change little.
   */
  private compact(): void {
    try {
      this.db.exec('VACUUM');
      // VACUUM went through the write-ahead log: give its space back now rather than at close.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Only space is lost (a reader of another process held the file, the disk is full): the index is whole.
    }
  }

  /** Has a full sync of the folder ever gone through (so the index holds the whole folder)? */
  hasFullCheck(): boolean {
    return this.statements.getMeta.get('folder_check') !== undefined;
  }

  /**
   * For a quick sync: undefined when the last full check of `dir` can be trusted (recent, and
   * the folder's change time unchanged since); else the names a sync must look at — every file
   * added or removed since — or undefined again when a full check is due (nothing recorded, or
   * too old), which the caller then runs.
   */
  private async changedNames(dir: string): Promise<Array<string | Buffer> | undefined> {
    const recorded = this.statements.getMeta.get('folder_check') as string | undefined;
    const check = recorded ? (JSON.parse(recorded) as FolderCheck) : undefined;
    if (!check || check.dir !== path.resolve(dir) || Date.now() - check.checkedAt > FULL_CHECK_MAX_AGE_MS) return undefined;
    const folder = await fs.stat(dir).catch(() => undefined);
    if (!folder) return undefined;
    if (folder.mtimeMs === check.mtimeMs && folder.ctimeMs === check.ctimeMs) return [];
    // Names came or went: compare the listing with the files indexed, without stat'ing any.
    const prefix = Buffer.from(path.join(dir, path.sep)).length;
    const listed = new Map((await listCorpusFiles(dir)).map((f) => [f.key, f]));
    const indexed = new Set(this.statements.paths.all() as string[]);
    const changed: Array<string | Buffer> = [];
    for (const [key, f] of listed) {
      if (!indexed.has(key)) changed.push(typeof f.fsPath === 'string' ? path.basename(f.fsPath) : f.fsPath.subarray(prefix));
    }
    for (const key of indexed) if (!listed.has(key) && path.dirname(key) === path.resolve(dir)) changed.push(path.basename(key));
    this.statements.setMeta.run('folder_check', JSON.stringify({ ...check, mtimeMs: folder.mtimeMs, ctimeMs: folder.ctimeMs }));
    return changed;
  }

  /** Decides what a file needs: nothing (unchanged, or unreadable), or an analysis of its bytes. */
  private async prepare({ file, fsPath, key, id }: CorpusFile, previous: FileRow | undefined, options: SyncOptions): Promise<Outcome | Pending> {
    const unreadable = { file, key, id, previous, size: 0, mtimeMs: 0, hash: Buffer.alloc(0), bytes: Buffer.alloc(0), truncated: false };
    let read;
    try {
      // A link is never followed (lstat, and readArticleBytes refuses one): same rule at start-up and for the watcher.
      // A synchronous stat: a full check of an unchanged folder is a stat per file and nothing
      // else, and a round trip through the thread pool per file cost it several times over.
      const stat = lstatSync(fsPath);
      const same = previous && previous.size === stat.size && previous.mtime_ms === stat.mtimeMs;
      // Its analysis was under way when the thread died: never again, until the file changes.
      if (same && previous.status === 'analysing') {
        return this.skip({ ...unreadable, size: stat.size, mtimeMs: stat.mtimeMs, hash: this.hashOf(key) }, FATAL_REASON, options);
      }
      if (!options.force && same) {
        return previous.status === 'ok' ? { status: 'unchanged' } : { status: 'skipped', reason: previous.reason ?? '' };
      }
      if (stat.isSymbolicLink()) {
        return this.skip({ ...unreadable, size: stat.size, mtimeMs: stat.mtimeMs }, 'lien symbolique, non suivi', options);
      }
      // Read without the thread pool: this thread blocks on SQLite anyway, and a file to analyse
      // waits for a free analyser (the loop yields there); the pool's hops cost more CPU than the read.
      read = readArticleBytesSync(fsPath);
    } catch (error) {
      if (error instanceof NotAnArticleFileError) return this.skip(unreadable, error.message, options);
      return this.skip(unreadable, `illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'})`, options);
    }
    const { bytes, size, mtimeMs, truncated } = read;
    const hash = createHash('sha256').update(bytes).digest();
    const pending: Pending = { file, key, id, previous, size, mtimeMs, hash, bytes, truncated };
    if (!options.force && previous && this.hashOf(key).equals(hash)) {
      this.statements.upsertFile.run({ ...this.fileRow(pending), status: previous.status, reason: previous.reason });
      return previous.status === 'ok' ? { status: 'unchanged' } : { status: 'skipped', reason: previous.reason ?? '' };
    }
    return pending;
  }

  /** The SHA-256 recorded for a file (empty when none). */
  private hashOf(key: string): Buffer {
    return (this.statements.hash.get(key) as Buffer | undefined) ?? Buffer.alloc(0);
  }

  private fileRow(p: Pending) {
    return { path: p.key, article_id: p.id, size: p.size, mtime_ms: p.mtimeMs, hash: p.hash };
  }

  /**
   * Writes a batch of analysed files in one transaction; their mentions and counts are added at its
   * end (pending.ts), where a failure (disk full) fails the whole batch rather than one article.
   */
  private writeBatch(items: Array<{ pending: Pending; result: RowsAnalysis }>, now: () => number, options: SyncOptions): Outcome[] {
    return this.db.transaction(() => {
      try {
        const outcomes = items.map(({ pending, result }) => this.apply(pending, result, now, options));
        this.flushCounts();
        return outcomes;
      } finally {
        this.nextSentence = undefined;
        this.pending = new PendingWrites();
      }
    }).immediate();
  }

  /**
   * Writes an analysed file (or records why it was skipped) in a savepoint of the caller's batch
   * transaction: an article that fails to write is skipped alone, never half-written.
   */
  private apply(pending: Pending, result: RowsAnalysis, now: () => number, options: SyncOptions): Outcome {
    if (!result.ok) return this.skip(pending, result.reason, options);
    // Indexed, but cut at a limit or repaired: said now, and kept with the file for /sources.
    const notes = [...(pending.truncated ? [truncationNote(pending.size)] : []), ...result.rows.notes];
    for (const note of notes) options.onWarning?.(`Article ${path.basename(pending.file)} : ${note}.`);
    const previous = this.statements.article.get(pending.id) as ArticleRow | undefined;
    // What the batch wrote so far is counted before a removal (which prunes counts that reach zero).
    if (previous) this.flushCounts();
    const counted = this.pending.mark();
    try {
      this.db.transaction(() => {
        if (previous) this.removeArticle(pending.id);
        this.writeArticle(result.rows, previous?.first_seen_ms ?? this.keptArrivals?.get(pending.id) ?? now());
        this.statements.upsertFile.run({ ...this.fileRow(pending), status: 'ok', reason: notes.length > 0 ? notes.join(' ; ') : null });
      })();
    } catch (error) {
      // Rolled back: its counts too, and the sentence ids it took.
      this.pending.rollback(counted);
      this.nextSentence = undefined;
      return this.skip(pending, `écriture impossible (${(error as Error).message})`, options);
    }
    return { status: pending.previous?.status === 'ok' ? 'updated' : 'added' };
  }

  private skip(pending: Pending, reason: string, options: SyncOptions): Outcome {
    options.onWarning?.(`Fichier ignoré : ${path.basename(pending.file)} — ${reason}.`);
    if (pending.previous && pending.previous.status !== 'skipped') this.flushCounts();
    this.db.transaction(() => {
      // An article indexed before (even one whose new version was being analysed) goes with its file.
      if (pending.previous && pending.previous.status !== 'skipped') this.removeArticle(pending.previous.article_id);
      this.statements.upsertFile.run({ ...this.fileRow(pending), status: 'skipped', reason });
    }).immediate();
    return { status: 'skipped', reason };
  }

  /** Writes one analysed article; the caller holds the transaction. */
  private writeArticle(rows: ArticleRows, firstSeen: number): void {
    const s = this.statements;
    // The article's sentences take the next ids, one after the other.
    const first = (this.nextSentence ??= ((s.lastSentence.get() as number | null) ?? 0) + 1);
    const { texts, terms, paragraph, flags, centrality } = rows;
    const n = Number(
      s.insertArticle.run({ ...rows.article, first_sentence: first, sentence_count: texts.length, first_seen_ms: firstSeen }).lastInsertRowid,
    );
    for (let i = 0; i < texts.length; i++) {
      s.insertSentence.run(first + i, n, paragraph[i], texts[i], centrality[i], flags[i]);
      s.insertFts.run(first + i, terms[i]);
    }
    this.nextSentence = first + texts.length;
    for (const found of rows.found) s.upsertFound.run(found);
    // Keys given in the order of first mention, as they always were.
    const keys = rows.actors.map((id) => this.actorKey(id));
    const { actor, sentence, rank, score, passage, venue, cited, spans, spanEnds } = rows;
    const bytes = Buffer.from(spans.buffer, spans.byteOffset, spans.byteLength);
    const mentions: MentionRow[] = [];
    for (let i = 0; i < actor.length; i++) {
      const span = bytes.subarray(i === 0 ? 0 : spanEnds[i - 1], spanEnds[i]);
      mentions.push([keys[actor[i]!]!, rank[i]!, score[i]!, first + sentence[i]!, n, span, venue[i]!, cited[i]!, passage[i]!]);
    }
    this.pending.add(mentions, keys, rows.actorMentions, rows.pairs, rows.article.day);
  }

  /** Adds the mentions and counts of the articles written since the last flush; the caller holds the transaction. */
  private flushCounts(): void {
    const s = this.statements;
    this.pending.flush({
      mention: (row) => s.insertMention.run(row),
      stats: (actor, mentions, articles) => s.addStats.run(actor, mentions, articles),
      day: (actor, day, mentions) => s.addDay.run(actor, day, mentions),
      dayTotal: (day, mentions, articles) => s.addDayTotal.run(day, mentions, articles),
      pair: (actor, other, count) => s.addCoMention.run(actor, other, count),
      generation: (writes) => s.nextGeneration.run(writes),
    });
  }

  /** Removes an article and everything derived from it; the caller holds the transaction. */
  removeArticle(id: string): void {
    const s = this.statements;
    const article = s.article.get(id) as ArticleRow | undefined;
    if (!article) return;
    this.nextSentence = undefined;
    const last = article.first_sentence + article.sentence_count - 1;
    const previous = s.articleMentions.all(article.first_sentence, last) as Array<{ actor: number; sentence: number; venue: number }>;
    const day = dayOf(article.date ?? undefined);
    this.applyCounts(previous, -1, day);
    if (previous.length > 0) {
      s.pruneStats.run();
      s.pruneCoMentions.run();
      s.pruneDays.run(day);
    }
    s.pruneDayTotal.run(day);
    for (const row of s.sentenceTexts.all(article.first_sentence, last) as Array<{ id: number; text: string }>) {
      s.deleteFts.run(row.id, termsOf(row.text).join(' '));
    }
    s.deleteMentions.run(article.first_sentence, last);
    s.deleteSentences.run(article.first_sentence, last);
    s.deleteArticle.run(article.n);
  }

  /**
   * Adds (+1) or removes (-1) an article's contribution to mention and co-mention counts. A venue
   * (`réunis à Rome`) counts as a mention of its actor but relates it to no other. The article
   * counts on its publication day (`''` when it has none), even with no mention.
   */
  private applyCounts(rows: Array<{ actor: number; sentence: number; venue: number }>, sign: 1 | -1, day: string): void {
    const perActor = new Map<number, number>();
    const perSentence = new Map<number, number[]>();
    for (const { actor, sentence, venue } of rows) {
      perActor.set(actor, (perActor.get(actor) ?? 0) + 1);
      if (venue) continue;
      const list = perSentence.get(sentence) ?? [];
      list.push(actor);
      perSentence.set(sentence, list);
    }
    for (const [actor, count] of perActor) {
      this.statements.addStats.run(actor, sign * count, sign);
      this.statements.addDay.run(actor, day, sign * count);
    }
    this.statements.addDayTotal.run(day, sign * rows.length, sign);
    this.statements.nextGeneration.run(1);
    // Actor keys are below 2^26, so a pair packs exactly into one number.
    const pairs = new Map<number, number>();
    for (const actors of perSentence.values()) {
      for (const a of actors) for (const b of actors) if (a !== b) pairs.set(a * 2 ** 26 + b, (pairs.get(a * 2 ** 26 + b) ?? 0) + 1);
    }
    for (const [pair, count] of pairs) this.statements.addCoMention.run(Math.floor(pair / 2 ** 26), pair % 2 ** 26, sign * count);
  }
}

export { dayOf };
