/**
 * Fair polling (issue #17), on local servers with short budgets: a request's budget covers every
 * redirect hop, a source's and a poll's budgets hold, slow hosts delay nobody else, and old
 * failing items never keep a new one waiting.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkerPageExtractor } from '../../src/services/feeds/extractor.js';
import { PoliteFetcher, type FetcherOptions } from '../../src/services/feeds/fetch.js';
import { FeedPoller, type PollerOptions } from '../../src/services/feeds/poller.js';
import { FeedService } from '../../src/services/feeds/service.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { articlePage, html, rss, startOutlet, WIRE_TAIWAN, type Handler, type Outlet } from './outlets.js';

let outlets: Outlet[] = [];
let dir: string;
let store: SqliteStateStore;
const fetchers: PoliteFetcher[] = [];
const extractor = new WorkerPageExtractor();
afterAll(() => extractor.close());

function poller(poll: Partial<PollerOptions> = {}, fetch: Partial<FetcherOptions> = {}): FeedPoller {
  const fetcher = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 1_000, hostDelayMs: 0, ...fetch });
  fetchers.push(fetcher);
  return new FeedPoller(store, fetcher, { corpusDir: dir, extractor, ...poll });
}
async function outlet(): Promise<Outlet> {
  const o = await startOutlet();
  outlets.push(o);
  return o;
}
const add = (url: string) => new FeedService(store, { allowPrivateNetwork: true }).add(url, 'test');
const files = () => readdirSync(dir).filter((f) => f.endsWith('.txt'));
const DATE = 'Sun, 29 Nov 2026 06:00:00 GMT';
const hang: Handler = () => undefined;
const unavailable: Handler = (_req, res) => void res.writeHead(503, { 'content-type': 'text/plain' }).end('indisponible');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'depeche-fair-'));
  store = new SqliteStateStore(':memory:');
});

afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close();
  await store.close();
  for (const o of outlets.splice(0)) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A feed of `n` items linking to /a/<i> (the newest first). */
function feedOf(o: Outlet, ids: number[]): string {
  return rss({
    title: 'Agence',
    link: `${o.base}/`,
    items: ids.map((i) => ({ title: `Dépêche ${i} sur la situation au Sahel`, link: `${o.base}/a/${i}`, guid: `d-${i}`, description: `Résumé de la dépêche ${i} : les autorités ont annoncé de nouvelles mesures après les attaques de la semaine.`, pubDate: DATE })),
  });
}

describe('budgets', () => {
  it('one budget for a request and all its redirect hops', async () => {
    const o = await outlet();
    for (let i = 0; i < 6; i++) {
      o.route(`/r${i}`, (_req, res) => void setTimeout(() => res.writeHead(302, { location: `/r${i + 1}` }).end(), 300));
    }
    o.route('/r6', html(articlePage(WIRE_TAIWAN)));
    const fetcher = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 1_000, hostDelayMs: 0, maxRedirects: 10 });
    fetchers.push(fetcher);
    const result = await fetcher.fetch({ url: `${o.base}/r0`, wanted: 'page' });
    expect(result.kind).toBe('error');
    // Each hop was under the budget; all of them together were not: hops start every 300 ms, so
    // a 1 000 ms budget for the whole chain never asks for the fifth, at 1 200 ms (a busy machine asks
    // for fewer): a budget per hop would have followed all six.
    expect(o.hits('/r4')).toBe(0);
    expect(o.hits('/r6')).toBe(0);
    // A last guard only, not a speed test.
    expect(result.ms).toBeLessThan(5_000);
  });

  it('old items whose pages keep failing never keep a new one waiting, and fall back to their summary', async () => {
    const o = await outlet();
    const old = Array.from({ length: 30 }, (_, i) => 30 - i);
    for (const i of old) o.route(`/a/${i}`, unavailable);
    let ids = old;
    o.route('/rss.xml', (req, res) => html(feedOf(o, ids), 'application/rss+xml')(req, res));
    await add(`${o.base}/rss.xml`);
    const p = poller({ maxNewItemsPerPoll: 30, maxDeferrals: 3 });
    const first = await p.poll({ force: true });
    expect(first.sources[0]!.deferred).toBe(30);
    // A new item on top of the feed: read at the next poll.
    o.route('/a/31', html(articlePage({ ...WIRE_TAIWAN, title: 'Dépêche 31 sur la situation au Sahel' })));
    ids = [31, ...old];
    const second = await p.poll({ force: true });
    expect(second.added).toBe(1);
    expect(files()).toHaveLength(1);
    // Third failing poll for the old ones: their summaries stand in (the one the cap left out of the
    // second poll, one poll later), and the pages are left alone.
    expect((await p.poll({ force: true })).added).toBe(29);
    expect((await p.poll({ force: true })).added).toBe(1);
    expect(files()).toHaveLength(31);
    expect(files().map((f) => readFileSync(join(dir, f), 'utf8')).filter((t) => t.includes('content: summary'))).toHaveLength(30);
    const before = o.hits('/a/1');
    await p.poll({ force: true });
    expect(o.hits('/a/1')).toBe(before);
  });

  it('a poll over 50 sources, 5 of them slow or hostile, ends within its budget with every good source’s article', async () => {
    const good: Outlet[] = [];
    for (let i = 0; i < 45; i++) {
      const o = await outlet();
      o.route('/rss.xml', html(rss({ title: `Journal ${i}`, link: `${o.base}/`, items: [{ title: `Journal ${i} : le sommet de Bruxelles`, link: `${o.base}/a/1`, guid: 'a-1', pubDate: DATE }] }), 'application/rss+xml'));
      // Each page its own text (one text, one article).
      o.route('/a/1', html(articlePage({ title: `Journal ${i} : le sommet de Bruxelles`, paragraphs: [...WIRE_TAIWAN.paragraphs, `Ce compte rendu est celui du journal numéro ${i}, envoyé spécial à Bruxelles.`] })));
      good.push(o);
    }
    const hostile: Outlet[] = [];
    // A feed that never answers.
    const silent = await outlet();
    silent.route('/rss.xml', hang);
    // Sixty items whose pages never answer.
    const tarpit = await outlet();
    tarpit.route('/rss.xml', html(feedOf(tarpit, Array.from({ length: 60 }, (_, i) => i + 1)), 'application/rss+xml'));
    for (let i = 1; i <= 60; i++) tarpit.route(`/a/${i}`, hang);
    // Slow redirects, each hop under the request budget.
    const redirects = await outlet();
    for (let i = 0; i < 8; i++) redirects.route(i === 0 ? '/rss.xml' : `/r${i}`, (_req, res) => void setTimeout(() => res.writeHead(302, { location: `/r${i + 1}` }).end(), 400));
    // Thirty pages answering 503.
    const failing = await outlet();
    failing.route('/rss.xml', html(feedOf(failing, Array.from({ length: 30 }, (_, i) => i + 1)), 'application/rss+xml'));
    for (let i = 1; i <= 30; i++) failing.route(`/a/${i}`, unavailable);
    // A body that drips a byte at a time.
    const drip = await outlet();
    drip.route('/rss.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    hostile.push(silent, tarpit, redirects, failing, drip);
    // The hostile ones first: the order of the list must not matter.
    for (const o of [...hostile, ...good]) await add(`${o.base}/rss.xml`);

    const budget = 25_000;
    const report = await poller({ pollBudgetMs: budget, sourceBudgetMs: 2_000, concurrency: 8 }).poll();
    expect(report.ms).toBeLessThan(budget + 2_000);
    const written = files().map((f) => readFileSync(join(dir, f), 'utf8'));
    for (let i = 0; i < 45; i++) expect(written.some((t) => t.includes(`journal numéro ${i},`))).toBe(true);
    expect(report.added).toBe(45);
    // The tarpit was cut by its source's budget, not read item after item.
    expect(tarpit.requests.filter((r) => r.path.startsWith('/a/')).length).toBeLessThan(10);
  }, 60_000);
});

describe('robots.txt', () => {
  it('an unreadable robots.txt is fetched once per site per poll, however many sources the site has', async () => {
    const o = await outlet();
    o.route('/robots.txt', unavailable);
    for (let i = 0; i < 5; i++) {
      o.route(`/f${i}.xml`, html(feedOf(o, [i]), 'application/rss+xml'));
      await add(`${o.base}/f${i}.xml`);
    }
    const p = poller();
    await p.poll();
    expect(o.hits('/robots.txt')).toBe(1);
    await p.poll({ force: true });
    // Tried again at the next poll (the sources are in backoff, not polled: the count says so).
    expect(o.hits('/robots.txt')).toBeLessThanOrEqual(2);
  });

  it('a robots.txt over 500 KiB is read up to 500 KiB', async () => {
    const o = await outlet();
    o.route('/robots.txt', html(`User-agent: *\nDisallow: /prive/\n${'# commentaire de remplissage\n'.repeat(30_000)}Disallow: /apres/\n`, 'text/plain'));
    o.route('/prive/a', html(articlePage(WIRE_TAIWAN)));
    o.route('/public/a', html(articlePage(WIRE_TAIWAN)));
    const fetcher = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 2_000, hostDelayMs: 0 });
    fetchers.push(fetcher);
    const forbidden = await fetcher.fetch({ url: `${o.base}/prive/a`, wanted: 'page' });
    expect(forbidden).toMatchObject({ kind: 'error', reason: 'interdit par le robots.txt du site' });
    expect((await fetcher.fetch({ url: `${o.base}/public/a`, wanted: 'page' })).kind).toBe('ok');
  });
});
