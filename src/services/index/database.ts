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
 */
export const INDEX_VERSION = 3;

export type IndexDatabase = Database.Database;

/** A problem with the index file that the user must fix; the message is one French line. */
export class IndexError extends Error {
  override name = 'IndexError';
}

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  path TEXT PRIMARY KEY, article_id TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL,
  hash TEXT NOT NULL, status TEXT NOT NULL, reason TEXT
);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, author TEXT, date TEXT, reading_minutes INTEGER,
  language TEXT NOT NULL, paragraphs TEXT NOT NULL, characters INTEGER NOT NULL,
  sentence_count INTEGER NOT NULL, first_seen_ms INTEGER NOT NULL,
  url TEXT
);
CREATE INDEX articles_recent ON articles (date DESC, first_seen_ms DESC);
CREATE INDEX articles_seen ON articles (first_seen_ms);
CREATE TABLE sentences (
  id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, idx INTEGER NOT NULL, paragraph INTEGER NOT NULL,
  text TEXT NOT NULL, centrality REAL NOT NULL, terms TEXT NOT NULL
);
CREATE INDEX sentences_article ON sentences (article_id, idx);
CREATE VIRTUAL TABLE sentence_fts USING fts5 (terms, content='sentences', content_rowid='id');
CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab (sentence_fts, 'row');
CREATE TABLE found_actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL);
CREATE TABLE mentions (
  actor_id TEXT NOT NULL, sentence_id INTEGER NOT NULL, article_id TEXT NOT NULL,
  spans TEXT NOT NULL, forms TEXT NOT NULL, score REAL NOT NULL, article_rank INTEGER NOT NULL,
  PRIMARY KEY (actor_id, sentence_id)
) WITHOUT ROWID;
CREATE INDEX mentions_ranked ON mentions (actor_id, article_rank, score DESC);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE TABLE actor_stats (actor_id TEXT PRIMARY KEY, mentions INTEGER NOT NULL, articles INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE co_mentions (
  actor_id TEXT NOT NULL, other_id TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (actor_id, other_id)
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
