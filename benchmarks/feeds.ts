/**
 * `npm run bench -- feeds`: live news against local outlets. 200 feeds × 20 items, spread over 8
 * HTTP servers on 127.0.0.1 (8 hosts, so the one-request-per-host rule still lets 8 run at once),
 * each item an article page of a few kilobytes with navigation, JSON-LD and a footer.
 * Measured per run, medians over the runs: time of the first poll of everything (feeds + pages
 * fetched, extracted with Readability, cleaned, deduplicated, written), pages extracted per second,
 * peak RSS, and the cost of a second poll when nothing changed — with conditional GET (all 304s)
 * and, side by side, without it (what a reader without validators pays: every feed downloaded and
 * parsed again; items still recognised by their keys).
 * The host delay is 0 here: the benchmark measures Dépêche's own cost, not its politeness waits.
 * Options: --feeds 200 --items 20 --runs 3 --hosts 8.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FeedPoller } from '../src/services/feeds/poller.js';
import { PoliteFetcher } from '../src/services/feeds/fetch.js';
import { SqliteStateStore } from '../src/services/store/sqlite.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== 'feeds'),
  options: {
    feeds: { type: 'string', default: '200' },
    items: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    hosts: { type: 'string', default: '8' },
  },
});
const FEEDS = Number(values.feeds);
const ITEMS = Number(values.items);
const RUNS = Number(values.runs);
const HOSTS = Number(values.hosts);

const WORDS = (
  'gouvernement négociations frontière sanctions accord ministre sommet sécurité alliance armée élections ' +
  'diplomatie pétrole gaz réfugiés cessez-le-feu parlement opposition économie inflation exportations ' +
  'manifestations président coalition traité nucléaire défense frappe humanitaire otages médiation'
).split(' ');
const COUNTRIES = ['la Russie', 'l’Ukraine', 'la Chine', 'Taïwan', 'l’Iran', 'Israël', 'la Turquie', 'le Mali', 'le Niger', 'l’Inde', 'le Brésil', 'l’Allemagne'];

/** A deterministic French-looking paragraph, different for every (feed, item, n). */
function paragraph(seed: number): string {
  let x = seed * 2654435761 % 2 ** 32;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  const words = Array.from({ length: 40 }, () => WORDS[next() % WORDS.length]);
  return `Selon un responsable cité ${seed}, ${COUNTRIES[next() % COUNTRIES.length]} et ${COUNTRIES[next() % COUNTRIES.length]} ont évoqué ${words.slice(0, 20).join(' ')}, tandis que ${words.slice(20).join(' ')} restent au cœur des discussions.`;
}

function page(feed: number, item: number): string {
  const title = `Dépêche ${feed}-${item} : ${COUNTRIES[(feed + item) % COUNTRIES.length]} au cœur des négociations`;
  const paragraphs = Array.from({ length: 6 }, (_, n) => `<p>${paragraph(feed * 1000 + item * 10 + n)}</p>`).join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>
<link rel="canonical" href="/a/${feed}/${item}">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"${title}","datePublished":"2026-11-29T06:00:00Z","author":{"name":"Rédaction"}}</script>
</head><body><header><nav>${Array.from({ length: 30 }, (_, i) => `<a href="/rubrique/${i}">Rubrique ${i}</a>`).join(' ')}</nav></header>
<main><article><h1>${title}</h1>${paragraphs}</article><aside><h2>Les plus lus</h2><ul>${Array.from({ length: 10 }, (_, i) => `<li><a href="/a/${i}">Autre article ${i}</a></li>`).join('')}</ul></aside></main>
<footer><p>© Journal — Tous droits réservés</p></footer></body></html>`;
}

function feedXml(base: string, feed: number): string {
  const items = Array.from(
    { length: ITEMS },
    (_, item) => `<item><title>Dépêche ${feed}-${item}</title><link>${base}/a/${feed}/${item}?utm_source=rss</link><guid isPermaLink="false">f${feed}-i${item}</guid><pubDate>Sun, 29 Nov 2026 06:00:00 GMT</pubDate><description>${paragraph(feed * 1000 + item * 10)}</description></item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Flux ${feed}</title><link>${base}/</link><description>x</description>${items}</channel></rss>`;
}

async function startHosts(): Promise<{ bases: string[]; servers: Server[] }> {
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 0; h < HOSTS; h++) {
    let base = '';
    const server = createServer((req, res) => {
      const url = (req.url ?? '/').split('?')[0]!;
      if (url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      const feed = /^\/feed\/(\d+)\.xml$/.exec(url);
      if (feed) {
        const etag = `"feed-${feed[1]}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feedXml(base, Number(feed[1])));
      }
      const article = /^\/a\/(\d+)\/(\d+)$/.exec(url);
      if (article) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(article[1]), Number(article[2])));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
    bases.push(base);
  }
  return { bases, servers };
}

interface Run {
  firstMs: number;
  pages: number;
  written: number;
  pagesPerSecond: number;
  peakRss: number;
  secondMs: number;
  secondNotModified: number;
  unconditionalMs: number;
  unconditionalAdded: number;
}

async function run(bases: string[]): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'depeche-bench-feeds-'));
  const store = new SqliteStateStore(path.join(dir, 'state.db'));
  const corpusDir = path.join(dir, 'corpus');
  const fetcher = new PoliteFetcher({ userAgent: 'Depeche/bench', allowPrivateNetwork: true, hostDelayMs: 0, timeoutMs: 30_000 });
  const poller = new FeedPoller(store, fetcher, { corpusDir, concurrency: HOSTS, maxNewItemsPerPoll: ITEMS });
  for (let f = 0; f < FEEDS; f++) await store.addFeedSource({ url: `${bases[f % bases.length]}/feed/${f}.xml`, kind: 'feed', addedBy: 'bench' });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  let t = performance.now();
  const first = await poller.poll({ force: true });
  const firstMs = performance.now() - t;
  clearInterval(sampler);
  const pages = first.sources.reduce((n, s) => n + s.pages, 0);

  t = performance.now();
  const second = await poller.poll({ force: true });
  const secondMs = performance.now() - t;

  // Without validators: forget them, as a reader without conditional GET would.
  for (const source of await store.listFeedSources()) await store.updateFeedSource(source.url, { etag: null, lastModified: null });
  t = performance.now();
  const unconditional = await poller.poll({ force: true });
  const unconditionalMs = performance.now() - t;

  const written = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).length;
  await fetcher.close();
  await poller.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    firstMs,
    pages,
    written,
    pagesPerSecond: pages / (firstMs / 1000),
    peakRss,
    secondMs,
    secondNotModified: second.sources.filter((s) => s.outcome === 'not-modified').length,
    unconditionalMs,
    unconditionalAdded: unconditional.added,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

const { bases, servers } = await startHosts();
console.log(`Machine: ${os.cpus().length} cores, Node ${process.version}. ${FEEDS} feeds × ${ITEMS} items on ${HOSTS} local hosts, ${RUNS} runs (medians).\n`);
const runs: Run[] = [];
for (let r = 0; r < RUNS; r++) {
  const result = await run(bases);
  runs.push(result);
  console.error(`run ${r + 1}/${RUNS}: first poll ${ms(result.firstMs)}, ${result.written} articles, second poll ${ms(result.secondMs)}`);
}
for (const s of servers) s.close();
const m = (key: keyof Run) => median(runs.map((r) => r[key]));
console.log('| feeds | measure | median |');
console.log('|---|---|---|');
console.log(`| first poll | time to poll all ${FEEDS} feeds and their ${FEEDS * ITEMS} pages | ${ms(m('firstMs'))} |`);
console.log(`| first poll | pages extracted (Readability + cleaner) per second | ${m('pagesPerSecond').toFixed(0)} |`);
console.log(`| first poll | articles written (once each) | ${m('written')} |`);
console.log(`| first poll | peak RSS | ${(m('peakRss') / 1024 / 1024).toFixed(0)} MiB |`);
console.log(`| second poll, conditional GET | time (${m('secondNotModified')} × 304) | ${ms(m('secondMs'))} |`);
console.log(`| second poll, no validators (what a naive reader pays) | time (feeds downloaded and parsed again; ${m('unconditionalAdded')} added) | ${ms(m('unconditionalMs'))} |`);
console.log(`| ratio | naive second poll / conditional second poll | ×${(m('unconditionalMs') / m('secondMs')).toFixed(1)} |`);
