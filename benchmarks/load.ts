/**
 * What the designs a user would pick instead start from: every file of the folder read, decoded,
 * cleaned and cut into sentences (the same cleaning and splitting as Dépêche), all in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cleanArticle } from '../src/services/corpus/boilerplate.js';
import { decodeArticleBytes } from '../src/services/corpus/decode.js';
import { splitParagraphSentences } from '../src/services/text/sentences.js';

export interface SentenceRow {
  articleId: string;
  text: string;
}

export function loadSentences(dir: string): SentenceRow[] {
  const rows: SentenceRow[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const decoded = decodeArticleBytes(fs.readFileSync(path.join(dir, file)));
    if (!decoded.ok) continue;
    const article = cleanArticle(file.replace(/\.txt$/, ''), decoded.text);
    for (const s of splitParagraphSentences(article.paragraphs)) rows.push({ articleId: article.id, text: s.text });
  }
  return rows;
}

/** The extra article every design must show after it was added. */
export const EXTRA_SENTENCE = 'Le Groenland attire désormais les convoitises zorglubiennes de plusieurs puissances.';
