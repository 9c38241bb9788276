/**
 * Benchmark scenario: the floor. The same files read from disk and their text, with no analysis
 * at all (no cleaning, no sentences, no actors, no centrality), loaded into a bare FTS5 table
 * with the tokenizer of the index (unicode61), in large transactions: the time no design of this
 * index can beat on this machine. Prints one JSON object on stdout.
 * Usage: tsx benchmarks/floor.ts <corpus-dir>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const [dir] = process.argv.slice(2) as [string];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-floor-'));
const db = new Database(path.join(work, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE VIRTUAL TABLE text_fts USING fts5 (text)');
const insert = db.prepare('INSERT INTO text_fts (text) VALUES (?)');
const insertAll = db.transaction((texts: string[]) => {
  for (const text of texts) insert.run(text);
});

const started = performance.now();
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
let pending: string[] = [];
for (const file of files) {
  // One row per non-empty line: about the sentences' volume of text, boilerplate included.
  for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) if (line.trim()) pending.push(line);
  if (pending.length >= 10_000) {
    insertAll(pending);
    pending = [];
  }
}
insertAll(pending);
const ingestMs = performance.now() - started;
db.close();
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ design: 'floor', articles: files.length, ingestMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
