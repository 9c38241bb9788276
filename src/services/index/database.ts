/**
 * The on-disk corpus index: SQLite through better-sqlite3, FTS5 for sentence terms, plain tables
 * for articles, sentences, actor mentions (with a precomputed rank) and co-mention counts.
 * The index is derived data: a file from an older version of the program is rebuilt, never migrated.
 */
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
 */
export const INDEX_VERSION = 5;

export type IndexDatabase = Database.Database;

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
  hash TEXT NOT NULL, status TEXT NOT NULL, reason TEXT
) WITHOUT ROWID;
CREATE TABLE articles (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, author TEXT, date TEXT,
  reading_minutes INTEGER, language TEXT NOT NULL, paragraphs TEXT, characters INTEGER NOT NULL,
  first_sentence INTEGER NOT NULL, sentence_count INTEGER NOT NULL, first_seen_ms INTEGER NOT NULL,
  url TEXT
);
-- whole-corpus briefing: the most recent articles
CREATE INDEX articles_recent ON articles (date DESC, first_seen_ms DESC);
-- articlesSince (the digest's new articles)
CREATE INDEX articles_seen ON articles (first_seen_ms);
CREATE TABLE sentences (
  id INTEGER PRIMARY KEY, article INTEGER NOT NULL, paragraph INTEGER NOT NULL, text TEXT NOT NULL,
  centrality REAL NOT NULL, flags INTEGER NOT NULL DEFAULT 0
);
CREATE VIRTUAL TABLE sentence_fts USING fts5 (terms, content='');
CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab (sentence_fts, 'row');
CREATE TABLE actors (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE TABLE found_actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL);
-- an actor's passages, best first (the table's own order); spans: "start-end start-end"
CREATE TABLE mentions (
  actor INTEGER NOT NULL, article_rank INTEGER NOT NULL, score REAL NOT NULL, sentence INTEGER NOT NULL,
  article INTEGER NOT NULL, spans TEXT NOT NULL,
  PRIMARY KEY (actor, article_rank, score DESC, sentence)
) WITHOUT ROWID;
-- an article's mentions: removal, and the actors of a briefing's articles
CREATE INDEX mentions_article ON mentions (article);
CREATE TABLE actor_stats (actor INTEGER PRIMARY KEY, mentions INTEGER NOT NULL, articles INTEGER NOT NULL);
CREATE TABLE co_mentions (
  actor INTEGER NOT NULL, other INTEGER NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (actor, other)
) WITHOUT ROWID;
`;

function create(db: IndexDatabase): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('version', String(INDEX_VERSION));
  })();
}

function removeFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Opens (creating when needed) the index at `file` (`:memory:` allowed). An index written by
 * another version of the program is emptied and rebuilt. A file that is not an SQLite database,
 * or a database of something else, stops with an {@link IndexError} naming the file.
 */
export function openIndexDatabase(file: string): { db: IndexDatabase; rebuilt: boolean } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: IndexDatabase;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new IndexError(`${file} n'est pas une base SQLite lisible (${(error as Error).message}) : supprimez ce fichier ou choisissez un autre chemin.`);
  }
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0) {
      create(db);
      return { db, rebuilt: true };
    }
    if (!tables.includes('meta') || !tables.includes('sentences')) {
      db.close();
      throw new IndexError(`${file} contient une autre base de données que l'index de Dépêche : choisissez un autre chemin.`);
    }
    const version = db.prepare("SELECT value FROM meta WHERE key = 'version'").pluck().get() as string | undefined;
    if (version === String(INDEX_VERSION)) return { db, rebuilt: false };
    // Another version's index: derived data, so start again from an empty file.
    db.close();
    removeFiles(file);
    return { db: openIndexDatabase(file).db, rebuilt: true };
  } catch (error) {
    if (error instanceof IndexError) throw error;
    try {
      db.close();
    } catch {
      // Already unusable.
    }
    throw new IndexError(`${file} est illisible ou corrompu (${(error as Error).message}) : supprimez ce fichier, l'index sera reconstruit.`);
  }
}
