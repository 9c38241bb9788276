/**
 * Corpus file names → article ids. An id is what users type and buttons carry (`/article id:…`),
 * so it is readable text, unique in the folder and stable: a function of the file's name alone.
 * A plain name (`001_abc.txt`) gives its stem, as always; any other name (`a.TXT` beside `a.txt`,
 * double or leading spaces, bytes that are not UTF-8) gives its readable stem and a short hash of
 * the exact name, so two files never share an id and an id never changes.
 */
import { createHash } from 'node:crypto';

/** Whether a directory entry is an article file: its name ends in `.txt`, in any case. */
export function isArticleFileName(name: string | Buffer): boolean {
  const text = typeof name === 'string' ? name : name.subarray(-4).toString('latin1');
  return text.toLowerCase().endsWith('.txt');
}

/** Whether a file name's bytes are valid UTF-8 (the file system accepts any bytes). */
export function isUtf8Name(raw: Buffer): boolean {
  return Buffer.from(raw.toString('utf8')).equals(raw);
}

/** The article id of a file name (a bare name, not a path). */
export function articleIdOfName(name: string | Buffer): string {
  const raw = typeof name === 'string' ? Buffer.from(name) : name;
  const stem = raw.toString('utf8').replace(/\.txt$/i, '');
  const readable = stem
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (readable !== '' && Buffer.from(`${readable}.txt`).equals(raw)) return readable;
  return `${readable || 'article'}~${createHash('sha256').update(raw).digest('hex').slice(0, 8)}`;
}
