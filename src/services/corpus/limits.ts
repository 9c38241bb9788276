/**
 * What one article may cost. Every input must cost bounded time and memory (a 5 MB page, a
 * hostile file), so the loader, the indexer and whatever writes into the corpus folder (web pages)
 * share these bounds. Past them nothing is lost silently: each cut is reported naming the file.
 */

/**
 * Bytes of a file read as an article: 1 MiB, some 150 000 words, far above any news article.
 * A larger file is cut at the last line break (or space) before the limit, with a warning.
 */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

/**
 * Sentences of an article that are indexed (searchable, quotable): the first 3 000. An article
 * with more (a book, a log dump) keeps the rest readable through `/article`, with a warning.
 */
export const MAX_SENTENCES_PER_ARTICLE = 3000;

/** `1,5 Mo` / `820 Ko`: a size as the warnings print it. */
export function formatBytes(bytes: number): string {
  const format = (value: number) => value.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${format(bytes / (1024 * 1024))} Mo` : `${format(Math.max(1, bytes / 1024))} Ko`;
}
