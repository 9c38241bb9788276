/**
 * What the designs a user would pick instead start from: every file of the folder read, decoded,
 * cleaned and cut into sentences (the same cleaning and splitting as Dépêche), all in memory.
 *
 * The three alternatives clean the same files with the same code: the first one to run cleans them
 * and leaves the sentences in the file named by BENCH_SENTENCES (one per line), with the time the
 * cleaning took; the others read that file and count the same cleaning time in their ingest. At
 * 100k articles this saves two cleanings of the whole folder (minutes) and changes no figure but
 * the wall time of the benchmark.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { cleanArticle } from '../src/services/corpus/boilerplate.js';
import { decodeArticleBytes } from '../src/services/corpus/decode.js';
import { splitParagraphSentences } from '../src/services/text/sentences.js';

export interface SentenceRow {
  articleId: string;
  text: string;
}

/** The folder's sentences, and how long reading and cleaning the files took (measured once per benchmark run). */
export function loadSentences(dir: string): { rows: SentenceRow[]; cleaningMs: number } {
  const cache = process.env.BENCH_SENTENCES;
  if (cache && fs.existsSync(`${cache}.done`)) {
    const { cleaningMs } = JSON.parse(fs.readFileSync(`${cache}.done`, 'utf8')) as { cleaningMs: number };
    return { rows: readRows(cache), cleaningMs };
  }
  const started = performance.now();
  const rows: SentenceRow[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const decoded = decodeArticleBytes(fs.readFileSync(path.join(dir, file)));
    if (!decoded.ok) continue;
    const article = cleanArticle(file.replace(/\.txt$/, ''), decoded.text);
    for (const s of splitParagraphSentences(article.paragraphs)) rows.push({ articleId: article.id, text: s.text });
  }
  const cleaningMs = performance.now() - started;
  if (cache) {
    writeRows(cache, rows);
    fs.writeFileSync(`${cache}.done`, JSON.stringify({ cleaningMs }));
  }
  return { rows, cleaningMs };
}

// `articleId \t text \n`, written and read in chunks: at 100k articles the file is larger than a string may be.
function writeRows(file: string, rows: SentenceRow[]): void {
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000).map((r) => `${r.articleId}\t${r.text.replace(/[\t\n]/g, ' ')}\n`);
    fs.writeSync(fd, chunk.join(''));
  }
  fs.closeSync(fd);
}

function readRows(file: string): SentenceRow[] {
  const rows: SentenceRow[] = [];
  const push = (line: string) => {
    const tab = line.indexOf('\t');
    rows.push({ articleId: line.slice(0, tab), text: line.slice(tab + 1) });
  };
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(16 * 1024 * 1024);
  // The decoder keeps a character cut at the end of a chunk for the next one.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for (let read; (read = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
    const lines = (rest + decoder.write(buffer.subarray(0, read))).split('\n');
    rest = lines.pop()!;
    for (const line of lines) push(line);
  }
  fs.closeSync(fd);
  rest += decoder.end();
  if (rest) push(rest);
  return rows;
}

/** The extra article every design must show after it was added. */
export const EXTRA_SENTENCE = 'Le Groenland attire désormais les convoitises zorglubiennes de plusieurs puissances.';
