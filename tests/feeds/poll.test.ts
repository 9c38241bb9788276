/**
 * Polling real-shaped outlets on a local server: feeds of every format, pages through Readability,
 * charsets, conditional GET, failures and their schedule, bounds, and "never twice".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadArticleFile } from '../../src/services/corpus/load.js';
import { FeedPoller, type PollerOptions } from '../../src/services/feeds/poller.js';
import { PoliteFetcher, type FetcherOptions } from '../../src/services/feeds/fetch.js';
import { WorkerPageExtractor } from '../../src/services/feeds/extractor.js';
import { FeedService } from '../../src/services/feeds/service.js';
import { createPoller, PollLoop } from '../../src/services/feeds/runner.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import {
  AMP_IRAN,
  articlePage,
  atom,
  BLOG_GAZA,
  cached,
  cp1252,
  html,
  jsonFeed,
  PAPER_OTAN,
  rss,
  startOutlet,
  WIRE_TAIWAN,
  type Outlet,
} from './outlets.js';

let outlet: Outlet;
let dir: string;
let dbPath: string;
let store: SqliteStateStore;
const fetchers: PoliteFetcher[] = [];

const UA = 'Depeche/0.1.0 (test)';
// One extraction thread for the file's pollers (each poller would otherwise start its own).
const extractor = new WorkerPageExtractor();
afterAll(() => extractor.close());

function poller(options: { fetch?: Partial<FetcherOptions>; poll?: Partial<PollerOptions>; now?: () => Date } = {}): FeedPoller {
  const fetcher = new PoliteFetcher({ userAgent: UA, allowPrivateNetwork: true, timeoutMs: 1_000, hostDelayMs: 0, ...options.fetch });
  fetchers.push(fetcher);
  return new FeedPoller(store, fetcher, { corpusDir: dir, backoffBaseMs: 1_000, pollIntervalMs: 60_000, extractor, ...options.poll, ...(options.now ? { now: options.now } : {}) });
}

async function add(path: string): Promise<string> {
  const service = new FeedService(store, { allowPrivateNetwork: true });
  return (await service.add(`${outlet.base}${path}`, 'test')).source.url;
}

const files = () => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

beforeEach(async () => {
  outlet = await startOutlet();
  outlet.route('/robots.txt', html('User-agent: *\nDisallow: /prive/\n', 'text/plain'));
  dir = mkdtempSync(join(tmpdir(), 'depeche-feeds-'));
  dbPath = join(dir, '..', `${dir.split('/').pop()}-state.db`);
  store = new SqliteStateStore(dbPath);
});

afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close();
  await store.close();
  await outlet.close();
  rmSync(dir, { recursive: true, force: true });
});

function wire(items = [WIRE_TAIWAN].map((a, i) => ({ ...a, path: `/depeches/${i + 1}` }))) {
  return rss({
    title: 'Agence Presse — International',
    link: `${outlet.base}/`,
    items: items.map((a, i) => ({
      title: a.title,
      link: `${outlet.base}${a.path}?utm_source=rss&utm_medium=flux`,
      guid: `ap-2026-11-29-${i + 1}`,
      description: a.paragraphs[0],
      pubDate: 'Sun, 29 Nov 2026 06:00:00 GMT',
      author: 'Agence Presse',
    })),
  });
}

describe('feeds of every format become corpus articles', () => {
  it('RSS 2.0 agency wire: the page text, the metadata header, a link without tracking parameters', async () => {
    outlet.route('/rss.xml', cached(wire(), 'application/rss+xml; charset=utf-8'));
    outlet.route('/depeches/1', html(articlePage({ ...WIRE_TAIWAN, author: 'Jean Martin', site: 'Agence Presse', canonical: `${outlet.base}/depeches/1` })));
    const url = await add('/rss.xml');
    const report = await poller().poll();
    expect(report.added).toBe(1);
    const [name] = files();
    expect(name).toMatch(/^20261129-taiwan-pekin-deploie-des-navires-de-guerre-[0-9a-f]{8}\.txt$/);
    const text = read(name!);
    expect(text).toContain(`canonical: ${outlet.base}/depeches/1\n`);
    // The item's link, tracking parameters dropped.
    expect(text).toContain(`url: ${outlet.base}/depeches/1\n`);
    expect(text).toContain('content: full\n');
    expect(text).toContain(`source: ${url}\n`);
    expect(text).not.toContain('Les plus lus');
    expect(text).not.toContain('exécuté');
    // The loader reads the header: title, author, date and the link come from it.
    const loaded = await loadArticleFile(join(dir, name!));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.article).toMatchObject({ title: WIRE_TAIWAN.title, author: 'Agence Presse', date: '2026-11-29', url: `${outlet.base}/depeches/1` });
    expect(loaded.article.paragraphs.join(' ')).toContain('vingt-deux bâtiments de la marine chinoise');
    const source = await store.getFeedSource(url);
    expect(source).toMatchObject({ title: 'Agence Presse — International', itemCount: 1, lastStatus: 200, consecutiveFailures: 0, etag: '"v1"' });
    // Every request named the bot and its version.
    expect(outlet.requests.every((r) => r.headers['user-agent'] === UA)).toBe(true);
  });

  it('Atom newspaper with a paywall teaser: keeps the feed summary, marked as such', async () => {
    outlet.route(
      '/atom.xml',
      cached(
        atom({
          title: 'Le Quotidien — International',
          link: `${outlet.base}/`,
          entries: [{ id: 'tag:quotidien,2026:otan-turquie', title: PAPER_OTAN.title, link: `${outlet.base}/international/otan-turquie`, summary: PAPER_OTAN.teaser, published: '2026-11-29T05:30:00Z', author: 'Claire Dubois' }],
        }),
        'application/atom+xml',
      ),
    );
    outlet.route('/international/otan-turquie', html(articlePage({ ...PAPER_OTAN, paywalled: true, author: 'Claire Dubois', site: 'Le Quotidien' })));
    await add('/atom.xml');
    expect((await poller().poll()).added).toBe(1);
    const text = read(files()[0]!);
    expect(text).toContain('content: summary\n');
    expect(text).toContain('Notre analyse des coulisses de l’accord.');
    expect(text).not.toContain('Réservé aux abonnés');
    const loaded = await loadArticleFile(join(dir, files()[0]!));
    expect(loaded.ok && loaded.article.summaryOnly).toBe(true);
    expect(loaded.ok && loaded.article.author).toBe('Claire Dubois');
  });

  it('JSON Feed live blog', async () => {
    outlet.route(
      '/live.json',
      cached(jsonFeed({ title: 'Direct', home: `${outlet.base}/`, items: [{ id: 'live-gaza-1', url: `${outlet.base}/direct/gaza`, title: BLOG_GAZA.title, date: '2026-11-29T07:00:00Z' }] }), 'application/feed+json'),
    );
    outlet.route('/direct/gaza', html(articlePage({ ...BLOG_GAZA, site: 'Le Direct' })));
    await add('/live.json');
    expect((await poller().poll()).added).toBe(1);
    expect(read(files()[0]!)).toContain('Les premiers camions d’aide humanitaire');
  });

  it('RDF (RSS 1.0) feed', async () => {
    const rdf = `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="${outlet.base}/rdf.xml"><title>Revue RDF</title><link>${outlet.base}/</link><description>x</description>
<items><rdf:Seq><rdf:li rdf:resource="${outlet.base}/rdf/gaza"/></rdf:Seq></items></channel>
<item rdf:about="${outlet.base}/rdf/gaza"><title>${BLOG_GAZA.title}</title><link>${outlet.base}/rdf/gaza</link><dc:date>2026-11-29T07:00:00Z</dc:date><dc:creator>Le Direct</dc:creator></item>
</rdf:RDF>`;
    outlet.route('/rdf.xml', cached(rdf, 'application/rdf+xml'));
    outlet.route('/rdf/gaza', html(articlePage(BLOG_GAZA)));
    const url = await add('/rdf.xml');
    expect((await poller().poll()).added).toBe(1);
    expect((await store.getFeedSource(url))?.title).toBe('Revue RDF');
    expect(read(files()[0]!)).toContain('Les premiers camions d’aide humanitaire');
  });

  it('a page too short to be the article keeps the feed summary, marked as such', async () => {
    outlet.route(
      '/rss.xml',
      cached(rss({ title: 'Agence', link: `${outlet.base}/`, items: [{ title: WIRE_TAIWAN.title, link: `${outlet.base}/breve`, guid: 'b1', description: WIRE_TAIWAN.paragraphs.slice(0, 2).join(' ') }] }), 'application/rss+xml'),
    );
    outlet.route('/breve', html(articlePage({ title: WIRE_TAIWAN.title, paragraphs: ['Article à venir.'] })));
    await add('/rss.xml');
    expect((await poller().poll()).added).toBe(1);
    const text = read(files()[0]!);
    expect(text).toContain('content: summary\n');
    expect(text).toContain('vingt-deux bâtiments');
  });

  it('an article page given as a source is followed as one article', async () => {
    outlet.route('/a/iran', html(articlePage({ ...AMP_IRAN, site: 'Le Journal', published: '2026-11-28T22:00:00Z' })));
    const url = await add('/a/iran');
    expect((await poller().poll()).added).toBe(1);
    expect((await store.getFeedSource(url))?.kind).toBe('page');
    expect(read(files()[0]!)).toContain('site: Le Journal\n');
  });
});

describe('decoding', () => {
  const latin = { title: 'Sahel : la junte malienne expulse l’ambassadeur de France', paragraphs: ['Bamako a donné soixante-douze heures à l’ambassadeur de France pour quitter le territoire malien, a annoncé lundi la télévision d’État, évoquant des propos « outrageants » tenus à Paris sur la transition.', 'Le Quai d’Orsay a pris acte de la décision et rappelé son attachement à la sécurité de ses ressortissants, tout en déplorant une « escalade » préjudiciable aux deux pays. Coût estimé : 3 € par habitant.'] };

  it('reads a Windows-1252 page whose charset is only in <meta>, and one whose charset is only in the header', async () => {
    outlet.route('/meta-only', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(cp1252(articlePage({ ...latin, charsetMeta: 'windows-1252' }))));
    outlet.route('/header-only', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(cp1252(articlePage(latin))));
    await add('/meta-only');
    await add('/header-only');
    await poller().poll();
    // The same article twice: written once (same text), and decoded right.
    expect(files()).toHaveLength(1);
    const text = read(files()[0]!);
    expect(text).toContain('l’ambassadeur de France');
    expect(text).toContain('télévision d’État');
    expect(text).toContain('3 €');
    expect(text).not.toMatch(/Ã|â€|\uFFFD/);
  });
});

describe('politeness', () => {
  it('sends the validators back and gets a 304 on the second poll; never an empty validator', async () => {
    outlet.route('/rss.xml', cached(wire(), 'application/rss+xml', '"etag-42"', { 'last-modified': 'Sun, 29 Nov 2026 06:00:00 GMT' }));
    outlet.route('/depeches/1', html(articlePage(WIRE_TAIWAN)));
    await add('/rss.xml');
    await poller().poll();
    const second = await poller().poll({ force: true });
    expect(second.sources[0]?.outcome).toBe('not-modified');
    const feedRequests = outlet.requests.filter((r) => r.path === '/rss.xml');
    expect(feedRequests[0]?.headers['if-none-match']).toBeUndefined();
    expect(feedRequests[1]?.headers['if-none-match']).toBe('"etag-42"');
    expect(feedRequests[1]?.headers['if-modified-since']).toBe('Sun, 29 Nov 2026 06:00:00 GMT');
    expect(outlet.hits('/depeches/1')).toBe(1);
  });

  it('honours Cache-Control max-age when it is longer than the poll interval', async () => {
    outlet.route('/rss.xml', cached(wire([]), 'application/rss+xml', '"e"', { 'cache-control': 'public, max-age=7200' }));
    const url = await add('/rss.xml');
    const now = new Date('2026-11-29T08:00:00Z');
    await poller({ now: () => now }).poll();
    expect((await store.getFeedSource(url))?.nextAttemptAt?.getTime()).toBe(now.getTime() + 7_200_000);
  });

  it('a 500 is retried with a growing backoff, then the source recovers', async () => {
    let failures = 2;
    outlet.route('/rss.xml', (req, res) => {
      if (failures-- > 0) return void res.writeHead(500).end('oups');
      cached(wire([]), 'application/rss+xml')(req, res);
    });
    const url = await add('/rss.xml');
    let clock = new Date('2026-11-29T08:00:00Z').getTime();
    const p = poller({ now: () => new Date(clock) });
    await p.poll();
    let source = await store.getFeedSource(url);
    expect(source).toMatchObject({ consecutiveFailures: 1, lastStatus: 500, lastError: 'erreur du serveur (HTTP 500)' });
    expect(source?.nextAttemptAt?.getTime()).toBe(clock + 1_000);
    // Not due yet: not polled.
    expect((await p.poll()).sources).toHaveLength(0);
    clock += 1_000;
    await p.poll();
    source = await store.getFeedSource(url);
    expect(source?.consecutiveFailures).toBe(2);
    expect(source?.nextAttemptAt?.getTime()).toBe(clock + 2_000);
    clock += 2_000;
    await p.poll();
    source = await store.getFeedSource(url);
    expect(source).toMatchObject({ consecutiveFailures: 0, lastStatus: 200 });
    expect(source?.lastError).toBeUndefined();
    // Back to the poll interval (FEEDS_POLL_MINUTES; 1 min here).
    expect(source?.nextAttemptAt?.getTime()).toBe(clock + 60_000);
  });

  it('a 429 waits out its Retry-After, even when forced', async () => {
    outlet.route('/rss.xml', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const url = await add('/rss.xml');
    const now = new Date('2026-11-29T08:00:00Z');
    const p = poller({ now: () => now });
    await p.poll();
    const source = await store.getFeedSource(url);
    expect(source?.lastError).toContain('HTTP 429');
    expect(source?.nextAttemptAt?.getTime()).toBe(now.getTime() + 120_000);
    expect((await p.poll({ force: true })).sources).toHaveLength(0);
    expect(outlet.hits('/rss.xml')).toBe(1);
  });

  it('a source failing again and again is disabled, with the reason shown', async () => {
    outlet.route('/rss.xml', (_req, res) => res.writeHead(503).end());
    const url = await add('/rss.xml');
    let clock = Date.parse('2026-11-29T08:00:00Z');
    const p = poller({ now: () => new Date(clock), poll: { maxFailures: 3 } });
    for (let i = 0; i < 3; i++) {
      await p.poll();
      clock += 24 * 3600_000;
    }
    const source = await store.getFeedSource(url);
    expect(source?.disabledReason).toBe('3 échecs de suite, le dernier : erreur du serveur (HTTP 503)');
    expect((await p.poll({ force: true })).sources).toHaveLength(0);
  });

  it('obeys robots.txt', async () => {
    outlet.route('/prive/rss.xml', cached(wire(), 'application/rss+xml'));
    const url = await add('/prive/rss.xml');
    await poller().poll();
    expect(outlet.hits('/prive/rss.xml')).toBe(0);
    expect((await store.getFeedSource(url))?.lastError).toBe('interdit par le robots.txt du site');
  });

  it('sends one request at a time to a host, with the minimum delay between two', async () => {
    const times: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    for (const n of [1, 2, 3]) {
      outlet.route(`/f${n}.xml`, (_req, res) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        times.push(Date.now());
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(wire([]));
        }, 30);
      });
      await add(`/f${n}.xml`);
    }
    await poller({ fetch: { hostDelayMs: 150 }, poll: { concurrency: 3 } }).poll();
    expect(maxInFlight).toBe(1);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(150 + 25);
  });
});

describe('bounds and safety', () => {
  it('gives up on a slow response at the deadline, even when it drips', async () => {
    outlet.route('/lent.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const url = await add('/lent.xml');
    const started = Date.now();
    await poller({ fetch: { timeoutMs: 400 } }).poll();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await store.getFeedSource(url))?.lastError).toMatch(/délai dépassé/);
  });

  it('stops at a redirect loop', async () => {
    outlet.route('/boucle-a', (_req, res) => res.writeHead(302, { location: '/boucle-b' }).end());
    outlet.route('/boucle-b', (_req, res) => res.writeHead(302, { location: '/boucle-a' }).end());
    const url = await add('/boucle-a');
    await poller().poll();
    expect((await store.getFeedSource(url))?.lastError).toMatch(/^boucle de redirections/);
    expect(outlet.hits('/boucle-a') + outlet.hits('/boucle-b')).toBeLessThanOrEqual(3);
  });

  it('follows at most 5 redirects', async () => {
    for (let n = 1; n <= 7; n++) outlet.route(`/saut${n}`, (_req, res) => res.writeHead(301, { location: `/saut${n + 1}` }).end());
    outlet.route('/saut8', cached(wire([]), 'application/rss+xml'));
    const url = await add('/saut1');
    await poller().poll();
    expect((await store.getFeedSource(url))?.lastError).toBe('plus de 5 redirections');
    expect(outlet.hits('/saut7')).toBe(0);
  });

  it('logs one line per exchange (status, bytes, ms), the address without credentials', async () => {
    outlet.route('/rss.xml', (_req, res) => res.writeHead(302, { location: `http://lecteur:motdepasse@${new URL(outlet.base).host}/vrai.xml` }).end());
    outlet.route('/vrai.xml', cached(wire([]), 'application/rss+xml'));
    await add('/rss.xml');
    const lines: Array<Record<string, unknown>> = [];
    const logger = { info: (o: object) => lines.push(o as Record<string, unknown>), warn: () => undefined, error: () => undefined };
    const { poller: p, fetcher } = createPoller(
      { corpusDir: dir, databasePath: ':memory:', fetcher: { userAgent: UA, allowPrivateNetwork: true, hostDelayMs: 0 }, poller: { extractor } },
      store,
      logger,
    );
    fetchers.push(fetcher);
    await p.poll();
    const fetches = lines.filter((l) => l.event === 'feeds.fetch');
    expect(fetches.map((l) => [l.url, l.status])).toEqual([
      [`${outlet.base}/robots.txt`, 200],
      [`${outlet.base}/rss.xml`, 302],
      [`${outlet.base}/vrai.xml`, 200],
    ]);
    expect(fetches.every((l) => typeof l.bytes === 'number' && typeof l.ms === 'number')).toBe(true);
    expect(fetches[2]!.bytes).toBe(Buffer.byteLength(wire([])));
    expect(JSON.stringify(lines)).not.toContain('motdepasse');
  });

  it('stops reading a 10 MB page at the size limit', async () => {
    const huge = `<html><body><article>${'<p>Remplissage sans fin. </p>'.repeat(400_000)}</article></body></html>`;
    expect(huge.length).toBeGreaterThan(10_000_000);
    // Chunked, without Content-Length: the limit is enforced while reading.
    outlet.route('/enorme', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(huge);
    });
    const url = await add('/enorme');
    await poller({ fetch: { maxBytes: 2_000_000, timeoutMs: 20_000 } }).poll();
    expect((await store.getFeedSource(url))?.lastError).toBe('document trop lourd (plus de 2,0 Mo)');
    expect(files()).toHaveLength(0);
  });

  it('refuses a page that is not HTML', async () => {
    outlet.route('/rapport.pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'));
    const url = await add('/rapport.pdf');
    await poller().poll();
    expect((await store.getFeedSource(url))?.lastError).toBe('type de contenu inattendu (application/pdf)');
  });

  it('bounds a deeply nested page instead of walking it', async () => {
    const depth = 50_000;
    outlet.route('/gigogne', html(`<html><body>${'<div>'.repeat(depth)}Texte${'</div>'.repeat(depth)}</body></html>`));
    const url = await add('/gigogne');
    const started = Date.now();
    await poller().poll();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await store.getFeedSource(url))?.consecutiveFailures).toBe(0);
    expect(files()).toHaveLength(0);
  });

  it('a page hostile in CPU within the size caps costs bounded time: set aside with its reason, the feed summary stands in', async () => {
    // Tables nested 130 deep, 60 times: ~400 KB, under every size and depth cap, yet many seconds of Readability.
    const nested = `<html><body>${`${'<table><tr><td>'.repeat(130)}x, y, z${'</td></tr></table>'.repeat(130)}`.repeat(60)}</body></html>`;
    outlet.route('/depeches/1', html(articlePage(WIRE_TAIWAN)));
    outlet.route('/depeches/2', html(nested));
    outlet.route('/page-piege', html(nested));
    const items = [WIRE_TAIWAN, { ...BLOG_GAZA, title: 'Tables sans fin' }].map((a, i) => ({ ...a, path: `/depeches/${i + 1}` }));
    outlet.route('/rss.xml', cached(wire(items), 'application/rss+xml'));
    const feed = await add('/rss.xml');
    const page = await add('/page-piege');
    const budgeted = new WorkerPageExtractor({ budgetMs: 2_000 });
    try {
      const p = poller({ poll: { extractor: budgeted, concurrency: 1 } });
      const report = await p.poll();
      // The feed: the hostile page's item keeps the feed's summary; the other item is read in full.
      const fromFeed = report.sources.find((s) => s.url === feed)!;
      expect(fromFeed).toMatchObject({ added: 2, held: 1 });
      const texts = files().map(read);
      expect(texts.filter((t) => t.includes('content: summary\n') && t.includes('title: Tables sans fin'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('content: full\n') && t.includes(WIRE_TAIWAN.title))).toHaveLength(1);
      expect((await store.getFeedSource(feed))?.lastError).toBe(`page ${outlet.base}/depeches/2?utm_source=rss&utm_medium=flux mise de côté : trop coûteuse à lire (plus de 2 s)`);
      // The page given as a source fails, with the reason, as an error that will not pass by itself.
      expect((await store.getFeedSource(page))).toMatchObject({ consecutiveFailures: 1, lastError: 'trop coûteuse à lire (plus de 2 s)' });
      // The next page is read by a fresh thread, and a known item is not read again.
      outlet.route('/a/iran', html(articlePage(AMP_IRAN)));
      await add('/a/iran');
      const next = await p.poll({ force: true });
      expect(next.added).toBe(1);
      expect(outlet.hits('/depeches/2')).toBe(1);
    } finally {
      await budgeted.close();
    }
    // Three threads started (the first, one after each abandoned page): slow on a loaded machine.
  }, 120_000);

  it('without FEEDS_ALLOW_PRIVATE_NETWORK, refuses loopback and private hosts, also by name and after a redirect', async () => {
    const service = new FeedService(store, { allowPrivateNetwork: false });
    await expect(service.add(`${outlet.base}/rss.xml`, 'test')).rejects.toThrow(/adresse locale ou privée/);
    await expect(service.add('http://10.1.2.3/rss.xml', 'test')).rejects.toThrow(/adresse locale ou privée/);
    await expect(service.add('ftp://exemple.fr/flux', 'test')).rejects.toThrow(/seules les adresses http et https/);
    await expect(service.add('https://moi:secret@exemple.fr/flux', 'test')).rejects.toThrow(/identifiant ou mot de passe/);
    // A name that resolves to loopback is refused on its resolved address, at connection time.
    const fetcher = new PoliteFetcher({ userAgent: UA, allowPrivateNetwork: false, timeoutMs: 1_000 });
    fetchers.push(fetcher);
    const port = new URL(outlet.base).port;
    const byName = await fetcher.fetch({ url: `http://localhost:${port}/rss.xml`, wanted: 'feed' });
    expect(byName).toMatchObject({ kind: 'error', permanent: true });
    expect(byName.kind === 'error' && byName.reason).toMatch(/adresse privée ou locale refusée/);
    expect(outlet.requests).toHaveLength(0);
    // A redirect to a private address is refused too.
    const open = new PoliteFetcher({ userAgent: UA, allowPrivateNetwork: true, timeoutMs: 1_000 });
    fetchers.push(open);
    outlet.route('/vers-prive', (_req, res) => res.writeHead(302, { location: 'http://192.168.1.1/admin' }).end());
    const closed = new PoliteFetcher({ userAgent: UA, allowPrivateNetwork: false, timeoutMs: 1_000 });
    fetchers.push(closed);
    const redirected = await closed.fetch({ url: `http://127.0.0.1:${port}/vers-prive`, wanted: 'page' });
    expect(redirected.kind === 'error' && redirected.reason).toMatch(/adresse privée/);
  });
});

describe('never twice', () => {
  it('the same article under two URLs (tracking parameters, AMP copy) and in two feeds is written once', async () => {
    outlet.route('/a/iran', html(articlePage({ ...AMP_IRAN, canonical: `${outlet.base}/a/iran`, site: 'Le Journal' })));
    outlet.route('/amp/a/iran', html(articlePage({ ...AMP_IRAN, canonical: `${outlet.base}/a/iran`, site: 'Le Journal', amp: true })));
    outlet.route(
      '/une.xml',
      cached(rss({ title: 'À la une', link: `${outlet.base}/`, items: [{ title: AMP_IRAN.title, link: `${outlet.base}/a/iran?xtor=RSS-3208`, guid: 'une-1' }] }), 'application/rss+xml'),
    );
    outlet.route(
      '/mobile.xml',
      cached(rss({ title: 'Mobile', link: `${outlet.base}/`, items: [{ title: AMP_IRAN.title, link: `${outlet.base}/amp/a/iran`, guid: 'mobile-77' }] }), 'application/rss+xml'),
    );
    await add('/une.xml');
    await add('/mobile.xml');
    const report = await poller({ poll: { concurrency: 1 } }).poll();
    expect(report.added).toBe(1);
    expect(files()).toHaveLength(1);
    // Next polls do not even fetch the page again: the item is known by its keys.
    const pages = outlet.hits('/a/iran') + outlet.hits('/amp/a/iran');
    await poller().poll({ force: true });
    expect(outlet.hits('/a/iran') + outlet.hits('/amp/a/iran')).toBe(pages);
  });

  it('a restart, a reordered feed and an item reissued with a new date and GUID add nothing', async () => {
    const articles = [WIRE_TAIWAN, BLOG_GAZA].map((a, i) => ({ ...a, path: `/depeches/${i + 1}` }));
    let body = wire(articles);
    outlet.route('/rss.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
    articles.forEach((a) => outlet.route(a.path, html(articlePage(a))));
    await add('/rss.xml');
    expect((await poller().poll()).added).toBe(2);

    // Restart: a new store connection on the same file, a new poller.
    await store.close();
    store = new SqliteStateStore(dbPath);
    body = wire([...articles].reverse()).replace('ap-2026-11-29-1', 'ap-2026-11-30-reissue').replace(/Sun, 29 Nov 2026/g, 'Mon, 30 Nov 2026');
    const again = await poller().poll({ force: true });
    expect(again.added).toBe(0);
    expect(again.sources[0]?.known).toBe(2);
    expect(files()).toHaveLength(2);
  });
});

describe('article files', () => {
  it('a hand-written file reads exactly as before; a broken header is just text', async () => {
    const hand = join(dir, 'note.txt');
    writeFileSync(hand, `${WIRE_TAIWAN.title}\n\n${WIRE_TAIWAN.paragraphs.join('\n\n')}\n`);
    const loaded = await loadArticleFile(hand);
    expect(loaded.ok && loaded.article.title).toBe(WIRE_TAIWAN.title);
    expect(loaded.ok && loaded.article.url).toBeUndefined();
    const broken = join(dir, 'tirets.txt');
    writeFileSync(broken, `---\nCeci n'est pas un en-tête\n---\n${WIRE_TAIWAN.title}\n\n${WIRE_TAIWAN.paragraphs.join('\n\n')}\n`);
    const read2 = await loadArticleFile(broken);
    expect(read2.ok && read2.article.url).toBeUndefined();
  });

  it('leaves no temporary file behind', async () => {
    outlet.route('/rss.xml', cached(wire(), 'application/rss+xml'));
    outlet.route('/depeches/1', html(articlePage(WIRE_TAIWAN)));
    await add('/rss.xml');
    await poller().poll();
    expect(readdirSync(dir).filter((f) => !f.endsWith('.txt'))).toEqual([]);
  });
});

describe('the poll loop', () => {
  it('reads a source added by another process within seconds, not at the next tick', async () => {
    outlet.route('/rss.xml', cached(wire(), 'application/rss+xml'));
    outlet.route('/depeches/1', html(articlePage(WIRE_TAIWAN)));
    const reports: number[] = [];
    // The next tick is an hour away; only the watch for unread sources can start this poll.
    const loop = new PollLoop(poller(), 3_600_000, (r) => reports.push(r.sources.length), () => undefined, 100);
    loop.start();
    try {
      await waitUntil(() => reports.length === 1);
      expect(reports).toEqual([0]);
      // Another connection to the state, as a bot process that is not the poller has (its /flux ajouter).
      const other = new SqliteStateStore(dbPath);
      await new FeedService(other, { allowPrivateNetwork: true }).add(`${outlet.base}/rss.xml`, 'test');
      await other.close();
      await waitUntil(() => files().length === 1);
      expect(reports).toEqual([0, 1]);
      expect(outlet.hits('/rss.xml')).toBe(1);
    } finally {
      await loop.close();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
