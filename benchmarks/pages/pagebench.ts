/**
 * The page benchmark's pieces, shared by `npm run bench -- pages` and the tests: the pages of
 * `../shared/pagebench/dev/` and their gold snippets, a local outlet serving them (an RSS 2.0 feed
 * with titles and no descriptions, each page with the charset its own `<meta>` declares), a poll
 * of that feed through the real feeds path, and trafilatura's `count_item` scoring (whitespace
 * normalised, case-sensitive substring; micro averages).
 */
import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { FeedPoller } from '../../src/services/feeds/poller.js';
import { PoliteFetcher } from '../../src/services/feeds/fetch.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { splitArticleHeader } from '../../src/services/corpus/header.js';
import { loadArticleFile } from '../../src/services/corpus/load.js';

/** `../shared/pagebench/dev/` beside the clone. */
export const PAGEBENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/pagebench/dev');

export interface GoldPage {
  id: string;
  url: string;
  language: 'fr' | 'de' | 'en';
  site: string;
  with: string[];
  without: string[];
  /** The page's bytes as stored. */
  bytes: Buffer;
  /** The charset its own `<meta>` declares (utf-8 when none). */
  charset: string;
}

export function pagebenchAvailable(dir = PAGEBENCH_DIR): boolean {
  return existsSync(path.join(dir, 'gold.json'));
}

/** The charset a page's `<meta>` declares, read from its first bytes. */
export function declaredCharset(bytes: Buffer): string {
  const head = bytes.subarray(0, 8192).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
  const name = match?.[1]?.toLowerCase();
  return name && iconv.encodingExists(name) ? name : 'utf-8';
}

export function loadPagebench(dir = PAGEBENCH_DIR): GoldPage[] {
  const gold = JSON.parse(readFileSync(path.join(dir, 'gold.json'), 'utf8')) as {
    pages: Record<string, { url: string; language: GoldPage['language']; site: string; with: string[]; without: string[] }>;
  };
  const files = new Set(readdirSync(dir));
  return Object.entries(gold.pages)
    .filter(([id]) => files.has(`${id}.html`))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, page]) => {
      const bytes = readFileSync(path.join(dir, `${id}.html`));
      return { id, url: page.url, language: page.language, site: page.site, with: page.with, without: page.without, bytes, charset: declaredCharset(bytes) };
    });
}

/** Tune half and check half: alternate pages (one page per site, so the halves share no site). */
export function halfOf(page: GoldPage, pages: readonly GoldPage[]): 'tune' | 'check' {
  return pages.indexOf(page) % 2 === 0 ? 'tune' : 'check';
}

/** The page decoded with its declared charset (what the product reads). */
export function pageText(page: GoldPage): string {
  return iconv.decode(page.bytes, page.charset);
}

/** The page's headline as a feed would title it. */
function titleOf(page: GoldPage): string {
  const { document } = parseHTML(pageText(page));
  const og = document.querySelector('meta[property="og:title"]')?.getAttribute('content');
  return (og ?? document.querySelector('title')?.textContent ?? `Page ${page.id}`).replace(/\s+/g, ' ').trim() || `Page ${page.id}`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface PagebenchOutlet {
  base: string;
  feedUrl: string;
  /** Page id of a served URL. */
  idOf(url: string): string | undefined;
  close(): Promise<void>;
}

/** Serves the pages and an RSS 2.0 feed listing them (titles, no descriptions) on 127.0.0.1. */
export async function servePagebench(pages: readonly GoldPage[]): Promise<PagebenchOutlet> {
  const byId = new Map(pages.map((p) => [p.id, p]));
  let base = '';
  const items = () =>
    pages.map((p) => `<item><title>${escapeXml(titleOf(p))}</title><link>${base}/p/${p.id}.html</link><guid isPermaLink="false">page-${p.id}</guid></item>`).join('\n');
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    if (url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (url === '/feed.xml') {
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>pagebench</title><link>${base}/</link><description>pages</description>${items()}</channel></rss>`);
    }
    const page = byId.get(/^\/p\/(\w+)\.html$/.exec(url)?.[1] ?? '');
    if (page) return void res.writeHead(200, { 'content-type': `text/html; charset=${page.charset}` }).end(page.bytes);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    feedUrl: `${base}/feed.xml`,
    idOf: (url) => (url.startsWith(base) ? /\/p\/(\w+)\.html/.exec(url)?.[1] : undefined),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What the product made of one page: the file's body and the text the index keeps (absent: no file). */
export interface ProductText {
  file?: string;
  indexed?: string;
  /** Why the page gave no full text (a held page's reason), when known. */
  note?: string;
}

/**
 * Polls the served feed once through the real poller (temporary corpus and state) and reads back
 * every file written: its body, and the article the corpus loader (the indexer's path) keeps.
 */
export async function pollPagebench(pages: readonly GoldPage[]): Promise<{ texts: Map<string, ProductText>; heldReasons: string[] }> {
  const outlet = await servePagebench(pages);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'depeche-pagebench-'));
  const store = new SqliteStateStore(path.join(dir, 'state.db'));
  const corpusDir = path.join(dir, 'corpus');
  const fetcher = new PoliteFetcher({ userAgent: 'Depeche/pagebench', allowPrivateNetwork: true, hostDelayMs: 0, timeoutMs: 30_000 });
  const heldReasons: string[] = [];
  const logger = {
    info: () => undefined,
    error: () => undefined,
    warn: (o: object) => {
      const event = o as { event?: string; url?: string; reason?: string };
      if (event.event === 'feeds.page_held') heldReasons.push(`${event.url} : ${event.reason}`);
    },
  };
  const poller = new FeedPoller(store, fetcher, { corpusDir, maxNewItemsPerPoll: pages.length + 1, pageBudgetMs: 30_000, logger });
  const texts = new Map<string, ProductText>();
  try {
    await store.addFeedSource({ url: outlet.feedUrl, kind: 'feed', addedBy: 'pagebench' });
    await poller.poll({ force: true });
    const files = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.txt')) : [];
    for (const name of files) {
      const raw = readFileSync(path.join(corpusDir, name), 'utf8');
      const { header, body } = splitArticleHeader(raw);
      const id = header?.url ? outlet.idOf(header.url) : undefined;
      if (!id) continue;
      const loaded = await loadArticleFile(path.join(corpusDir, name));
      texts.set(id, { file: body, indexed: loaded.ok ? loaded.article.paragraphs.join('\n') : '' });
    }
  } finally {
    await poller.close();
    await fetcher.close();
    await store.close();
    await outlet.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { texts, heldReasons };
}

export interface Counts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** trafilatura's count_item on one page; `text` undefined: no file (every `with` missed, every `without` absent). */
export function scorePage(page: GoldPage, text: string | undefined): Counts & { missed: string[]; leaked: string[] } {
  const body = text === undefined ? undefined : normalise(text);
  const found = (snippet: string) => body !== undefined && body.includes(normalise(snippet));
  const missed = page.with.filter((s) => !found(s));
  const leaked = page.without.filter((s) => found(s));
  return { tp: page.with.length - missed.length, fn: missed.length, fp: leaked.length, tn: page.without.length - leaked.length, missed, leaked };
}

export function addCounts(into: Counts, more: Counts): Counts {
  into.tp += more.tp;
  into.fn += more.fn;
  into.fp += more.fp;
  into.tn += more.tn;
  return into;
}

export function ratios(c: Counts): { precision: number; recall: number; f1: number; accuracy: number } {
  const all = c.tp + c.fn + c.fp + c.tn;
  return {
    precision: c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn),
    f1: 2 * c.tp + c.fp + c.fn === 0 ? 0 : (2 * c.tp) / (2 * c.tp + c.fp + c.fn),
    accuracy: all === 0 ? 0 : (c.tp + c.tn) / all,
  };
}
