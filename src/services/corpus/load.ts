/**
 * Reads article files from disk into clean articles. One bad file (empty, binary, unreadable)
 * is reported and skipped; it never stops the load of the others.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { CleanArticle } from '../types.js';
import { cleanArticleFile } from './header.js';
import { decodeArticleBytes } from './decode.js';

export type LoadResult =
  | {
      ok: true;
      article: CleanArticle;
      /** Size of the file in bytes. */
      bytes: number;
      /** sha256 of the file's bytes, hex: detects a changed file without re-reading its text. */
      hash: string;
    }
  | { ok: false; id: string; reason: string };

/** The article id of a file: its name without directory and extension (`001_0118ebd96f1f2ec0`). */
export function articleIdOf(path: string): string {
  return basename(path, extname(path));
}

/** Reads, decodes and cleans one article file. Never throws: failures come back with a French reason. */
export async function loadArticleFile(path: string): Promise<LoadResult> {
  const id = articleIdOf(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, id, reason: `fichier illisible (${code ?? (error as Error).message})` };
  }
  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return { ok: false, id, reason: decoded.reason };
  const article = cleanArticleFile(id, decoded.text);
  if (article.paragraphs.length === 0) {
    return { ok: false, id, reason: 'aucun paragraphe d’article reconnu dans le fichier' };
  }
  return { ok: true, article, bytes: bytes.length, hash: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Loads every `.txt` file of a directory, sorted by name. Each skipped file produces one French
 * warning naming it; an unreadable directory produces a warning and an empty corpus.
 */
export async function loadCorpus(dir: string, onWarning: (message: string) => void): Promise<CleanArticle[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => !entry.isDirectory() && entry.name.toLowerCase().endsWith('.txt'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    onWarning(`Dossier d’articles illisible : ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return [];
  }
  const articles: CleanArticle[] = [];
  for (const name of names) {
    const result = await loadArticleFile(join(dir, name));
    if (result.ok) articles.push(result.article);
    else onWarning(`Article ignoré : ${name} — ${result.reason}`);
  }
  return articles;
}
