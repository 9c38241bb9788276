/** Shared by the hardening tests: temporary corpus folders and large, realistic articles. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export const SEEDS = path.resolve('seeds');
const FIXTURES = path.resolve('tests/fixtures/articles');

export function tempDir(prefix = 'depeche-hardening-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A folder holding a copy of the seed articles. */
export function copySeeds(): string {
  const dir = tempDir();
  for (const file of fs.readdirSync(SEEDS)) fs.copyFileSync(path.join(SEEDS, file), path.join(dir, file));
  return dir;
}

/** Body lines of the real articles (seeds and fixtures), to build large articles that read like news. */
function realLines(): string[] {
  const lines: string[] = [];
  for (const dir of [SEEDS, FIXTURES]) {
    for (const file of fs.readdirSync(dir).sort()) {
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) if (line.length > 80) lines.push(line);
    }
  }
  return lines;
}

/** An article of about `bytes` bytes: a headline, then real paragraphs, each made unique. */
export function largeArticle(bytes: number, title = 'Un très long dossier sur la géopolitique européenne'): string {
  const lines = realLines();
  const out = [title, ''];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const line = `${lines[k % lines.length]} (partie ${Math.floor(k / lines.length) + 1})`;
    out.push(line, '');
    size += Buffer.byteLength(line) + 2;
  }
  return out.join('\n');
}

/** Polls until the condition holds, at most `ms` (a watcher or a restart answers in its own time). */
export async function until(condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Is the engine analysing a file of this index right now (its row is marked before the analysis starts)? */
export function analysingInIndex(indexFile: string): boolean {
  try {
    const db = new Database(indexFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT count(*) FROM files WHERE status = 'analysing'").pluck().get() as number) > 0;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
