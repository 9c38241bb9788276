/**
 * Reads article files from disk into clean articles. One bad file (empty, binary, unreadable)
 * is reported and skipped; it never stops the load of the others.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CleanArticle } from '../types.js';
import { cleanArticleFile } from './header.js';
import { decodeArticleBytes, decodeNotes } from './decode.js';
import { MAX_ARTICLE_BYTES, formatBytes } from './limits.js';
import { articleIdOfName } from './names.js';

/** The bytes of an article file as read: at most {@link MAX_ARTICLE_BYTES}. */
export interface ArticleBytes {
  bytes: Buffer;
  /** Size of the whole file on disk. */
  size: number;
  mtimeMs: number;
  /** The file was larger than the limit: `bytes` is its beginning, cut between lines or words (see cutAtBoundary). */
  truncated: boolean;
}

/** A corpus entry that is not read: a symbolic link or something other than a plain file. */
export class NotAnArticleFileError extends Error {
  override name = 'NotAnArticleFileError';
}

/**
 * Reads an article file, at most {@link MAX_ARTICLE_BYTES} of it, without ever following a
 * symbolic link (a link could expose a file outside the corpus folder): the check and the read
 * are one `open`, so a file swapped for a link in between is refused too.
 */
export async function readArticleBytes(file: string | Buffer): Promise<ArticleBytes> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw openError(error);
  }
  try {
    const stat = await handle.stat();
    const buffer = bufferFor(stat);
    const limit = buffer.length;
    let read = 0;
    while (read < limit) {
      const { bytesRead } = await handle.read(buffer, read, limit - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return articleBytes(stat, buffer, read);
  } finally {
    await handle.close();
  }
}

/**
 * {@link readArticleBytes} without the thread pool: the same checks and bytes, the same errors.
 * For the indexer, whose thread blocks on SQLite anyway: a small local file costs some 15 µs of
 * CPU read so, against some 250 µs through five asynchronous calls (measured on 5 KB articles).
 */
export function readArticleBytesSync(file: string | Buffer): ArticleBytes {
  let fd;
  try {
    // Non-blocking: a pipe put in a file's place must not hold this thread (fstat then refuses it).
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw openError(error);
  }
  try {
    const stat = fstatSync(fd);
    const buffer = bufferFor(stat);
    const limit = buffer.length;
    let read = 0;
    while (read < limit) {
      const bytesRead = readSync(fd, buffer, read, limit - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return articleBytes(stat, buffer, read);
  } finally {
    closeSync(fd);
  }
}

/** A link refused by O_NOFOLLOW is said as such; any other error is the system's. */
function openError(error: unknown): unknown {
  return (error as NodeJS.ErrnoException).code === 'ELOOP' ? new NotAnArticleFileError('lien symbolique, non suivi') : error;
}

/** The buffer a regular file is read into (up to the limit); anything else is refused. */
function bufferFor(stat: Stats): Buffer {
  if (!stat.isFile()) throw new NotAnArticleFileError(stat.isSymbolicLink() ? 'lien symbolique, non suivi' : 'pas un fichier ordinaire');
  return Buffer.alloc(Math.min(stat.size, MAX_ARTICLE_BYTES));
}

/** The bytes read, cut where nothing is cut in two when the file was past the limit. */
function articleBytes(stat: Stats, buffer: Buffer, read: number): ArticleBytes {
  const truncated = stat.size > MAX_ARTICLE_BYTES;
  const bytes = truncated ? cutAtBoundary(buffer.subarray(0, read)) : buffer.subarray(0, read);
  return { bytes, size: stat.size, mtimeMs: stat.mtimeMs, truncated };
}

/**
 * The beginning of a file read up to the limit, cut where nothing is cut in two: at the last line
 * break, or, when there is none in the second half (a page written as one long line), at the last
 * space, or else (one huge token) at the last whole character. UTF-16 files are cut on their own
 * code units (a line break is `0A 00` in little endian, `00 0A` in big endian).
 */
export function cutAtBoundary(bytes: Buffer): Buffer {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  const half = bytes.length / 2;
  // An ASCII byte that is a whole code unit (UTF-8 and single-byte encodings: always).
  const whole = (i: number) => (le ? i % 2 === 0 && bytes[i + 1] === 0 : be ? i % 2 === 1 && bytes[i - 1] === 0 : true);
  for (const byte of [0x0a, 0x20]) {
    let i = bytes.lastIndexOf(byte);
    while (i >= half && !whole(i)) i = bytes.lastIndexOf(byte, i - 1);
    if (i >= half) return bytes.subarray(0, i + (le ? 2 : 1));
  }
  if (le || be) return bytes.subarray(0, bytes.length - (bytes.length % 2));
  // UTF-8: drop a last character whose bytes go on past the cut.
  let start = bytes.length - 1;
  while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
  const lead = bytes[start]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + length > bytes.length ? bytes.subarray(0, start) : bytes;
}

/** The warning of a file cut at {@link MAX_ARTICLE_BYTES}, in French. */
export function truncationNote(size: number): string {
  // Just over the limit: the exact size, not `1 Mo tronqué à 1 Mo`.
  const shown = formatBytes(size) === formatBytes(MAX_ARTICLE_BYTES) ? `${size.toLocaleString('fr-FR')} octets` : formatBytes(size);
  return `fichier de ${shown} tronqué à ${formatBytes(MAX_ARTICLE_BYTES)} (taille maximale d’un article) : la suite n’est pas lue`;
}

export type LoadResult =
  | {
      ok: true;
      article: CleanArticle;
      /** Size of the file in bytes. */
      bytes: number;
      /** sha256 of the file's bytes, hex: detects a changed file without re-reading its text. */
      hash: string;
      /** What to warn about though the article loaded (cut at the size limit, repaired bytes, control characters), in French. */
      notes: string[];
    }
  | { ok: false; id: string; reason: string };

/** The article id of a file: its name without directory and extension (`001_0118ebd96f1f2ec0`). */
export function articleIdOf(path: string): string {
  return articleIdOfName(basename(path));
}

/** Reads, decodes and cleans one article file. Never throws: failures come back with a French reason. */
export async function loadArticleFile(path: string): Promise<LoadResult> {
  const id = articleIdOf(path);
  let read: ArticleBytes;
  try {
    read = await readArticleBytes(path);
  } catch (error) {
    if (error instanceof NotAnArticleFileError) return { ok: false, id, reason: error.message };
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, id, reason: `fichier illisible (${code ?? (error as Error).message})` };
  }
  const { bytes } = read;
  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return { ok: false, id, reason: decoded.reason };
  const article = cleanArticleFile(id, decoded.text);
  if (article.paragraphs.length === 0) {
    return { ok: false, id, reason: 'aucun paragraphe d’article reconnu dans le fichier' };
  }
  const notes = [...(read.truncated ? [truncationNote(read.size)] : []), ...decodeNotes(decoded)];
  return { ok: true, article, bytes: read.size, hash: createHash('sha256').update(bytes).digest('hex'), notes };
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
    if (result.ok) {
      articles.push(result.article);
      for (const note of result.notes) onWarning(`Article ${name} : ${note}`);
    } else onWarning(`Article ignoré : ${name} — ${result.reason}`);
  }
  return articles;
}
