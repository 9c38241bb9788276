/**
 * A fetched article → a UTF-8 file in the corpus folder, written atomically (a temporary file in
 * the same folder, then a rename), so that the watcher never reads half an article and a crash
 * leaves either nothing or the whole file. The file is what the loader reads: a metadata header,
 * then the paragraphs.
 */
import { createHash } from 'node:crypto';
import { access, link, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { formatArticleHeader, type ArticleHeader } from '../corpus/header.js';
import { foldText } from '../text/normalize.js';

export interface ArticleToWrite {
  header: ArticleHeader & { title: string; fetched: string };
  paragraphs: string[];
}

/**
 * The id (file stem) of a fetched article: its day, a slug of its title and a hash of its
 * identity — readable in a listing, stable, ASCII only (`20261129-gaza-un-accord-de-treve-3f2a91c0`).
 */
export function fetchedArticleId(title: string, identity: string, published: string | undefined, fetched: string, hashChars = 8): string {
  const day = (published && !Number.isNaN(Date.parse(published)) ? new Date(published) : new Date(fetched)).toISOString().slice(0, 10).replace(/-/g, '');
  // Whole words, up to about 48 characters.
  let slug = '';
  for (const word of foldText(title).split(/[^a-z0-9]+/).filter(Boolean)) {
    if (slug && slug.length + word.length + 1 > 48) break;
    slug = slug ? `${slug}-${word.slice(0, 48)}` : word.slice(0, 48);
  }
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, hashChars);
  return [day, slug || 'article', hash].join('-');
}

/** The file's whole text. */
export function articleFileText(article: ArticleToWrite): string {
  return `${formatArticleHeader(article.header)}${article.paragraphs.join('\n\n')}\n`;
}

/** A file already holds the name: another article's, or one placed by hand. Never replaced. */
export class ArticleFileExistsError extends Error {
  override name = 'ArticleFileExistsError';
}

/** Writes `<corpusDir>/<id>.txt` atomically and never over an existing file ({@link ArticleFileExistsError}); returns its path. */
export async function writeArticleFile(corpusDir: string, id: string, text: string): Promise<string> {
  await mkdir(corpusDir, { recursive: true });
  const target = path.join(corpusDir, `${id}.txt`);
  // A dot-name without .txt: the loader and the watcher never take it for an article.
  const temporary = path.join(corpusDir, `.${id}.${process.pid}.${Date.now()}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // A hard link, unlike a rename, fails when the name is taken: atomic and exclusive.
    await linkOrRename(temporary, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ArticleFileExistsError(`${id}.txt existe déjà`);
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return target;
}

/** A hard link; on a file system without them (FAT, some network shares), a rename after checking the name is free. */
async function linkOrRename(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    const taken = await access(to).then(() => true, () => false);
    if (taken) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    await rename(from, to);
  }
}
