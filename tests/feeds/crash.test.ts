/**
 * No item lost, none twice, whatever stops a write: a poller killed (SIGKILL, a real child
 * process) between claiming an item's keys and renaming its file into place, or a write that
 * fails. The item is fetched again and written once.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedPoller, type PollerOptions } from '../../src/services/feeds/poller.js';
import { PoliteFetcher } from '../../src/services/feeds/fetch.js';
import { writeArticleFile } from '../../src/services/feeds/writer.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { articlePage, BLOG_GAZA, html, rss, startOutlet, WIRE_TAIWAN, type Outlet } from './outlets.js';

const ROOT = join(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'crash-process.ts');

let outlet: Outlet;
let root: string;
let corpus: string;
let dbPath: string;
const fetchers: PoliteFetcher[] = [];

beforeEach(async () => {
  outlet = await startOutlet();
  outlet.route('/robots.txt', html('User-agent: *\nAllow: /\n', 'text/plain'));
  const articles = [WIRE_TAIWAN, BLOG_GAZA].map((a, i) => ({ ...a, path: `/depeches/${i + 1}` }));
  outlet.route(
    '/rss.xml',
    html(
      rss({ title: 'Agence', link: `${outlet.base}/`, items: articles.map((a, i) => ({ title: a.title, link: `${outlet.base}${a.path}`, guid: `g${i + 1}`, pubDate: 'Sun, 29 Nov 2026 06:00:00 GMT' })) }),
      'application/rss+xml',
    ),
  );
  for (const a of articles) outlet.route(a.path, html(articlePage(a)));
  root = mkdtempSync(join(tmpdir(), 'depeche-feeds-crash-'));
  corpus = join(root, 'corpus');
  dbPath = join(root, 'bot.db');
});

afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close();
  await outlet.close();
  rmSync(root, { recursive: true, force: true });
});

function poller(store: SqliteStateStore, options: Partial<PollerOptions> = {}): FeedPoller {
  const fetcher = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 5_000, hostDelayMs: 0 });
  fetchers.push(fetcher);
  return new FeedPoller(store, fetcher, { corpusDir: corpus, ...options });
}

/** Runs the child poller until its SIGKILL; returns the id it was writing. */
function killedChild(mode: 'before-rename' | 'after-rename'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', CHILD, dbPath, corpus, `${outlet.base}/rss.xml`, mode], { cwd: ROOT, timeout: 90_000 }, (error, stdout) => {
      const killed = /\{"killed":"([^"]+)"\}/.exec(stdout)?.[1];
      if ((error as { signal?: string } | null)?.signal === 'SIGKILL' && killed) resolve(killed);
      else reject(new Error(`the child was not killed mid-write: ${String(error)} ${stdout}`));
    });
  });
}

const articles = () => readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();
const leftovers = () => readdirSync(corpus).filter((f) => !f.endsWith('.txt'));
const titles = () => articles().map((f) => /^title: (.*)$/m.exec(readFileSync(join(corpus, f), 'utf8'))?.[1]);

describe('a write cut short loses nothing and doubles nothing', () => {
  it('killed after the claim, before the rename: the item is fetched again and written once', async () => {
    const id = await killedChild('before-rename');
    expect(articles()).toEqual([]);
    expect(leftovers()).toHaveLength(1);
    const store = new SqliteStateStore(dbPath);
    try {
      expect((await store.listPendingFeedItems()).map((p) => p.articleId)).toEqual([`pending:${id}`]);
      // Restarted at once: a young pending claim may be a write in progress elsewhere; left alone.
      expect((await poller(store).poll({ force: true })).added).toBe(1);
      expect(articles()).not.toContain(`${id}.txt`);
      // Later, the claim whose file never came is released, and the item is read again.
      const later = () => new Date(Date.now() + 6 * 60_000);
      const report = await poller(store, { now: later }).poll({ force: true });
      expect(report.added).toBe(1);
      expect(articles()).toContain(`${id}.txt`);
      expect(articles()).toHaveLength(2);
      expect(new Set(titles())).toEqual(new Set([WIRE_TAIWAN.title, BLOG_GAZA.title]));
      expect(leftovers()).toEqual([]);
      expect(await store.listPendingFeedItems()).toEqual([]);
      // And it stays once.
      expect((await poller(store, { now: later }).poll({ force: true })).added).toBe(0);
      expect(articles()).toHaveLength(2);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('killed after the rename, before the claim is settled: the file stands, its page is not fetched again', async () => {
    const id = await killedChild('after-rename');
    expect(articles()).toEqual([`${id}.txt`]);
    const pageHits = outlet.hits('/depeches/1') + outlet.hits('/depeches/2');
    const store = new SqliteStateStore(dbPath);
    try {
      expect(await poller(store).recoverPending()).toEqual({ settled: 1, released: 0 });
      expect(await store.listPendingFeedItems()).toEqual([]);
      const report = await poller(store, { now: () => new Date(Date.now() + 6 * 60_000) }).poll({ force: true });
      expect(report.added).toBe(1);
      expect(outlet.hits('/depeches/1') + outlet.hits('/depeches/2')).toBe(pageHits + 1);
      expect(new Set(titles())).toEqual(new Set([WIRE_TAIWAN.title, BLOG_GAZA.title]));
      expect(articles()).toHaveLength(2);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a write that fails (disk full, folder gone) leaves the item new for the next poll', async () => {
    const store = new SqliteStateStore(dbPath);
    let fail = true;
    const writeArticle: PollerOptions['writeArticle'] = async (dir, id, text) => {
      if (fail) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return writeArticleFile(dir, id, text);
    };
    try {
      await store.addFeedSource({ url: `${outlet.base}/rss.xml`, kind: 'feed', addedBy: 'test' });
      let clock = Date.parse('2026-11-29T08:00:00Z');
      const p = poller(store, { writeArticle, now: () => new Date(clock) });
      const first = await p.poll();
      expect(first.sources[0]).toMatchObject({ outcome: 'failed', added: 0 });
      expect(first.sources[0]?.error).toMatch(/^écriture impossible \(ENOSPC/);
      fail = false;
      clock += 2 * 60_000;
      expect((await p.poll()).added).toBe(2);
      expect(new Set(titles())).toEqual(new Set([WIRE_TAIWAN.title, BLOG_GAZA.title]));
    } finally {
      await store.close();
    }
  });
});
