/**
 * The on-disk corpus index: SQLite through better-sqlite3, FTS5 for sentence terms, plain tables
 * for articles, sentences, actor mentions (with a precomputed rank) and co-mention counts.
 * The index is derived data: a file from an older version of the program is rebuilt, never migrated.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Bump when the schema or anything that changes indexed content (cleaning, segmentation,
 * actor catalogue) changes: every article is then indexed again at the next start.
 * 4: half the size — no text stored twice (paragraphs rebuilt from sentences, terms only in the
 * contentless FTS5 index), integer article and actor keys in sentence and mention rows.
 * 5: cleaning drops captions, live-blog furniture, datelines and truncated paragraphs; new
 * stand-alone flags.
 * 6: a medium's title is not the place in it; regional demonyms, `les 27`; mentions that are only a
 * meeting's venue (`venue`), left out of co-mentions; the dateline's place kept with the article.
 * 7: stand-alone flags also read definite noun phrases defined only before, sentences without a
 * main verb, `c'est` without a cleft; `27/11/26` dates; a live post's greeting is furniture.
 * 8: cleaning of unseen page shapes (headline under the site's name, e-mail exports, comments,
 * paywalls, related links, footnotes, Latin-9); flags read the outlet's voice, « autre », « aussi »;
 * control characters and terminal escape sequences are removed at decoding (never stored).
 * 9: discovery reads names defined by their acronym, capitalised particles, nicknames.
 * 10: the outlet (`site` header) and arrival (`fetched` header) of each article; a medium's
 * mention says whether it is cited as a source (`cited`, see actors/citations.ts).
 * 11: an extracted page (`content: full`) keeps its headings and short lines; articles in a
 * language other than French and English are kept whole; read-more labels, credits and stamps
 * glued inside a line are taken out.
 * 12: mentions per actor per publication day (`actor_days`) and per day (`day_totals`), for pictures.
 * 13: datelines leave the first sentence for the article's place and date; the judge reads
 * position first (captions, relative-time openers, reported-speech tails, denied claims).
 * 14: the judge's demonstrative rule reads a sentence's first 20 words only, and holds back a first
 * sentence whose opening is a demonstrative (« Ces informations… »).
 * 15: the server an article belongs to (`guild`, NULL: shared) and its counting day (`day`), so
 * that every query sees only what the asking server may see (see engine.ts `Scope`); mentions by
 * (article, sentence).
 * 16: new judge rules (presentative, detached intro before « il », quantity subjects, far
 * demonstrative determiners, nameless speakers), interview answers never servable, more dateline
 * and caption shapes leave the text.
 * 17: smaller: a mention's spans as varints (spans.ts) and a file's hash as 32 bytes (BLOBs).
 * 18: a mention's passage hash (`mentions.passage`): /actor counts distinct passages in SQL.
 * 19: cleaning: German and reversed quotes close a sentence, one-word headings of extracted
 * pages, captions closed by their credit and glued alt texts leave the text.
 * 20: smaller: the passage hash on 48 bits (6 bytes stored, not 8), an article's mentions found
 * by their sentence range (the index on mentions no longer repeats the article).
 * 21: leads: a verbless scene caption and a first sentence that only echoes the headline are not
 * an article's lead.
 */
export const INDEX_VERSION = 21;

export type IndexDatabase = Database.Database;

/** Joins the mentions `m` of the article `a`: those of its sentences (consecutive ids), on the index mentions_sentence. */
export const SENTENCES_OF_A = 'm.sentence BETWEEN a.first_sentence AND a.first_sentence + a.sentence_count - 1';

/** A problem with the index file that the user must fix; the message is one French line. */
export class IndexError extends Error {
  override name = 'IndexError';
}

/**
 * The whole index, declared once. Each text is stored once: a sentence's words live only in the
 * FTS5 index (contentless), an article's paragraphs
 * are its sentences joined again (`paragraphs` holds JSON only for an article whose paragraphs its
 * sentences do not spell exactly). Rows refer to articles and actors by integer key (`n`); an
 * article's sentences have consecutive ids from `first_sentence`, so no index on them is needed.
 * A sentence leaves the FTS5 index through its 'delete' command given the sentence's terms cut
 * again from its text (so BM25 statistics stay exact; a change to the terms bumps the version).
 * Every index below serves a query named beside it.
 */
const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  path TEXT PRIMARY KEY, article_id TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
  hash BLOB NOT NULL, status TEXT NOT NULL, reason TEXT
) WITHOUT ROWID;
CREATE TABLE articles (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, author TEXT, date TEXT,
  reading_minutes INTEGER, language TEXT NOT NULL, paragraphs TEXT, characters INTEGER NOT NULL,
  first_sentence INTEGER NOT NULL, sentence_count INTEGER NOT NULL, first_seen_ms INTEGER NOT NULL,
  url TEXT, place TEXT, site TEXT, fetched_at TEXT, guild TEXT, day TEXT NOT NULL DEFAULT ''
);
-- a server's own articles (NULL: shared): is anything hidden from a scope, a scope's day range
CREATE INDEX articles_guild ON articles (guild, day) WHERE guild IS NOT NULL;
-- a scope's series and trends, counted from mentions when some articles are hidden from it
CREATE INDEX articles_day ON articles (day);
-- whole-corpus briefing: the most recent articles
CREATE INDEX articles_recent ON articles (date DESC, first_seen_ms DESC);
-- articlesSince (the digest's new articles), arrivals (follows)
CREATE INDEX articles_seen ON articles (first_seen_ms);
CREATE TABLE sentences (
  id INTEGER PRIMARY KEY, article INTEGER NOT NULL, paragraph INTEGER NOT NULL, text TEXT NOT NULL,
  centrality REAL NOT NULL, flags INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE sentence_fts USING fts5 (terms, content='');
CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab (sentence_fts, 'row');
CREATE TABLE actors (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE TABLE found_actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL);
-- an actor's passages, best first (the table's own order); spans: varints (see spans.ts);
-- venue 1: only where a meeting happens (left out of co_mentions); cited 1: a medium quoted as a source;
-- passage: the sentence's passageHash (text/passage.ts), here rather than on sentences so that /actor
-- counts distinct passages without reading a sentence row per mention (20k articles: 13 ms, not 175)
CREATE TABLE mentions (
  actor INTEGER NOT NULL, article_rank INTEGER NOT NULL, score REAL NOT NULL, sentence INTEGER NOT NULL,
  article INTEGER NOT NULL, spans BLOB NOT NULL, venue INTEGER NOT NULL DEFAULT 0, cited INTEGER NOT NULL DEFAULT 0,
  passage INTEGER NOT NULL,
  PRIMARY KEY (actor, article_rank, score DESC, sentence)
) WITHOUT ROWID;
-- an article's mentions (its sentence range): removal, the actors of a briefing's articles, a scope's
-- co-mentions (same sentence); on the sentence alone, as the article's id would be one more key column per row
CREATE INDEX mentions_sentence ON mentions (sentence);
CREATE TABLE actor_stats (actor INTEGER PRIMARY KEY, mentions INTEGER NOT NULL, articles INTEGER NOT NULL);
CREATE TABLE co_mentions (
  actor INTEGER NOT NULL, other INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (actor, other)
) WITHOUT ROWID;
-- mentions per actor per publication day ('' for articles without a date): an actor's series
CREATE TABLE actor_days (
  actor INTEGER NOT NULL, day TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (actor, day)
) WITHOUT ROWID;
-- the actors of a period (trends), read without touching the table
CREATE INDEX actor_days_by_day ON actor_days (day, actor, mentions);
-- all actor mentions and articles per publication day ('' undated): shares, the corpus's dated span
CREATE TABLE day_totals (day TEXT PRIMARY KEY, mentions INTEGER NOT NULL, articles INTEGER NOT NULL) WITHOUT ROWID;
`;

function create(db: IndexDatabase): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('version', String(INDEX_VERSION));
    // Who this index is, and how many writes it has seen: a picture cache's key (see MentionCounts.stamp).
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('identity', randomUUID());
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('generation', '0');
  })();
}

function removeFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** SQLite's words for a file that is damaged or not a database at all. */
const DAMAGED = /SQLITE_CORRUPT|SQLITE_NOTADB|malformed|not a database|vtable constructor failed/i;
/** SQLite's and the system's words for a place the index cannot be written to. */
const UNWRITABLE = /SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_PERM|EACCES|EPERM|EROFS|EEXIST|ENOTDIR/;

function codeOf(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return `${e.code ?? ''} ${e.message ?? String(error)}`;
}

/** Keeps a damaged index beside its place (for inspection) so that a new one is built there. */
function setAside(file: string): string {
  const aside = `${file}.endommage-${Date.now()}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  return aside;
}

export interface OpenIndexOptions {
  /** Told (in French) when a damaged index was set aside and is being rebuilt. */
  onWarning?: (message: string) => void;
}

/**
 * Opens (creating when needed) the index at `file` (`:memory:` allowed). The index is derived
 * data: one written by another version of the program is emptied and rebuilt, and a damaged one
 * is set aside (`<file>.endommage-<time>`) and rebuilt, with a warning naming it. A database of
 * something else, or a place that cannot be written, stops with an {@link IndexError} naming the
 * file and what to do.
 */
export function openIndexDatabase(file: string, options: OpenIndexOptions = {}): { db: IndexDatabase; rebuilt: boolean } {
  try {
    return openOnce(file);
  } catch (error) {
    if (file === ':memory:' || error instanceof IndexError || !DAMAGED.test(codeOf(error)) || !fs.existsSync(file)) {
      throw error instanceof IndexError ? error : unopenable(file, error);
    }
    const aside = setAside(file);
    options.onWarning?.(
      `Index ${file} endommagé (${(error as Error).message}) : mis de côté sous ${aside} et reconstruit à partir du dossier du corpus.`,
    );
    return { db: openOnce(file).db, rebuilt: true };
  }
}

function unopenable(file: string, error: unknown): IndexError {
  const message = (error as Error).message ?? String(error);
  if (UNWRITABLE.test(codeOf(error))) {
    return new IndexError(
      `Index ${file} : impossible d'écrire à cet endroit (${message}) ; donnez les droits d'écriture sur ${path.dirname(path.resolve(file))} ou choisissez un autre DATABASE_PATH.`,
    );
  }
  return new IndexError(`Index ${file} illisible (${message}) : supprimez ce fichier, l'index sera reconstruit.`);
}

/** Meta key of the arrival times (`{ id: first_seen_ms }`) of the index a rebuild replaced. */
export const KEPT_ARRIVALS = 'kept_arrivals';

/** The arrival time of every article of an index about to be replaced, as JSON; undefined if none can be read. */
function keptArrivals(db: IndexDatabase): string | undefined {
  try {
    const json = db.prepare('SELECT json_group_object(id, first_seen_ms) FROM articles').pluck().get() as string | null;
    return json && json !== '{}' ? json : undefined;
  } catch {
    return undefined;
  }
}

function openOnce(file: string): { db: IndexDatabase; rebuilt: boolean } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db: IndexDatabase = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) {
      create(db);
      return { db, rebuilt: true };
    }
    if (!tables.includes('meta') || !tables.includes('sentences')) {
      throw new IndexError(`${file} contient une autre base de données que l'index de Dépêche : choisissez un autre chemin.`);
    }
    const version = db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get() as string | undefined;
    if (version === String(INDEX_VERSION)) {
      // Reads a page of every table once, so that a damaged file is found now rather than by a user's query.
      for (const table of ['articles', 'sentences', 'mentions']) {
        if (tables.includes(table)) db.prepare(`SELECT * FROM ${table} LIMIT 1`).all();
      }
      return { db, rebuilt: false };
    }
    // Another version's index: derived data, so start again from an empty file — keeping when each
    // article first arrived, which no file says (a digest's « new since », follows): see indexer.ts.
    const arrivals = keptArrivals(db);
    db.close();
    removeFiles(file);
    const fresh = openOnce(file).db;
    if (arrivals) fresh.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(KEPT_ARRIVALS, arrivals);
    return { db: fresh, rebuilt: true };
  } catch (error) {
    try {
      db.close();
    } catch {
      // Already closed or unusable.
    }
    throw error;
  }
}

/**
 * Opens, read-only, an index another process writes (see shared-engine.ts). `undefined` while it
 * is not ready to be read: no file yet, no schema yet, or another version's (being rebuilt).
 */
export function openIndexReader(file: string): IndexDatabase | undefined {
  let db: IndexDatabase;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
  try {
    db.pragma('busy_timeout = 5000');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    if (!tables.includes('meta') || !tables.includes('sentences')) {
      db.close();
      return undefined;
    }
    const version = db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get() as string | undefined;
    if (version !== String(INDEX_VERSION)) {
      db.close();
      return undefined;
    }
    return db;
  } catch {
    // Being created or replaced by its writer: tried again later.
    if (db.open) db.close();
    return undefined;
  }
}
