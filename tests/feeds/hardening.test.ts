/**
 * The rest of issue #17, on local servers: addresses never reached, inert text, secrets out of
 * logs, a true item count after a poll cut short.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { escapeCorpusText } from '../../src/replies/escape.js';
import { terminalSafe } from '../../src/replies/terminal.js';
import { scrubSecrets } from '../../src/secrets.js';
import { WorkerPageExtractor } from '../../src/services/feeds/extractor.js';
import { PoliteFetcher } from '../../src/services/feeds/fetch.js';
import { FeedPoller, type PollerOptions } from '../../src/services/feeds/poller.js';
import { FeedService } from '../../src/services/feeds/service.js';
import { isNonPublicAddress, shortUrl } from '../../src/services/feeds/url.js';
import { writeArticleFile } from '../../src/services/feeds/writer.js';
import { databasePassword, redactDatabaseUrl } from '../../src/services/store/index.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { html, rss, startOutlet, type Outlet } from './outlets.js';

let outlet: Outlet;
let dir: string;
let store: SqliteStateStore;
const fetchers: PoliteFetcher[] = [];
const extractor = new WorkerPageExtractor();
afterAll(() => extractor.close());

function fetcher(): PoliteFetcher {
  const f = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 2_000, hostDelayMs: 0 });
  fetchers.push(f);
  return f;
}
const poller = (poll: Partial<PollerOptions> = {}) => new FeedPoller(store, fetcher(), { corpusDir: dir, extractor, ...poll });
const texts = () => readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(dir, f), 'utf8'));

beforeEach(async () => {
  outlet = await startOutlet();
  dir = mkdtempSync(join(tmpdir(), 'depeche-harden-'));
  store = new SqliteStateStore(':memory:');
});
afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close();
  await store.close();
  await outlet.close();
  rmSync(dir, { recursive: true, force: true });
});

const DATE = 'Sun, 29 Nov 2026 06:00:00 GMT';

describe('addresses never reached', () => {
  it('with FEEDS_ALLOW_PRIVATE_NETWORK=1, a redirect to the cloud metadata address is still refused', async () => {
    outlet.route('/rss.xml', (_req, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const result = await fetcher().fetch({ url: `${outlet.base}/rss.xml`, wanted: 'feed' });
    expect(result).toMatchObject({ kind: 'error', permanent: true, reason: 'adresse lien-local ou de métadonnées cloud refusée (jamais autorisée)' });
    expect(() => new FeedService(store, { allowPrivateNetwork: true }).normalise('http://169.254.169.254/latest/')).toThrow(/métadonnées/);
    expect(() => new FeedService(store, { allowPrivateNetwork: true }).normalise('http://[fe80::1]/flux')).toThrow(/lien-local/);
  });

  it('IPv4-compatible, NAT64, 6to4 and site-local IPv6 addresses are not public', () => {
    for (const address of ['::7f00:1', '::a00:1', '64:ff9b::7f00:1', '2002:7f00:1::1', 'fec0::1']) expect(isNonPublicAddress(address), address).toBe(true);
    expect(isNonPublicAddress('2a00:1450:4007:80e::200e')).toBe(false);
  });
});

describe('inert text', () => {
  it('ESC, BEL, NUL and U+202E are never written raw; a 1 MB title is cut; the feed title is stored inert', async () => {
    const hostile = `Alerte\u001b[2J\u0007 \u202Eévitcelé\u0000 fin`;
    outlet.route(
      '/rss.xml',
      html(
        rss({
          title: `Fil\u001b]0;piège\u0007 hostile`,
          link: `${outlet.base}/`,
          items: [
            { title: hostile, link: `${outlet.base}/gone/1`, guid: '1', description: `Un résumé\u001b[31m rouge\u0007 qui sonne et \u202Einverse le texte de la ligne entière.`, pubDate: DATE },
            { title: `Titre ${'très long '.repeat(120_000)}`, link: `${outlet.base}/gone/2`, guid: '2', description: 'Un résumé ordinaire pour un titre démesuré, avec assez de mots.', pubDate: DATE },
          ],
        }).replace(/\u0000/g, '&#0;'),
        'application/rss+xml',
      ),
    );
    const { source } = await new FeedService(store, { allowPrivateNetwork: true }).add(`${outlet.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.added).toBe(2);
    for (const text of texts()) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
      const title = /^title: (.*)$/m.exec(text)![1]!;
      expect(title.length).toBeLessThanOrEqual(300);
    }
    expect(texts().join('\n')).toContain('Alerte [2J');
    const stored = await store.getFeedSource(source.url);
    expect(stored?.title).toBe('Fil ]0;piège hostile');
  });

  it('control characters and bidi overrides never reach Discord nor a terminal', () => {
    const hostile = 'a\u202Eb\u001b[2J\u0007c\u2066d';
    expect(escapeCorpusText(hostile)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(terminalSafe(hostile)).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(terminalSafe(hostile)).toHaveLength(hostile.length);
  });
});

describe('secrets out of logs and messages', () => {
  it('?token= values are redacted in shown URLs and log lines; a ?password= in DATABASE_URL never printed', () => {
    expect(shortUrl('https://flux.example/rss.xml?token=s3cr3tvalue&lang=fr')).toBe('https://flux.example/rss.xml?token=[secret]&lang=fr');
    expect(scrubSecrets('fetch https://flux.example/rss?api_key=abc123&x=1 failed')).toBe('fetch https://flux.example/rss?api_key=[secret]&x=1 failed');
    const url = 'postgres://bot@db.example/depeche?password=hunter2hunter2&sslmode=require';
    expect(redactDatabaseUrl(url)).not.toContain('hunter2');
    expect(scrubSecrets(`connexion refusée : ${url}`)).not.toContain('hunter2');
    expect(databasePassword({ databaseUrl: url })).toBe('hunter2hunter2');
  });
});

describe('a poll cut short', () => {
  it('counts every article written: item_count is true after a poll that failed halfway', async () => {
    outlet.route(
      '/rss.xml',
      html(rss({ title: 'Fil', link: `${outlet.base}/`, items: [1, 2].map((i) => ({ title: `Dépêche ${i}`, link: `${outlet.base}/gone/${i}`, guid: `${i}`, description: `Résumé numéro ${i} de la dépêche, avec assez de mots pour un article.`, pubDate: DATE })) }), 'application/rss+xml'),
    );
    const { source } = await new FeedService(store, { allowPrivateNetwork: true }).add(`${outlet.base}/rss.xml`, 'test');
    let writes = 0;
    const report = await poller({
      writeArticle: async (d, id, text) => {
        // The second write dies (disk full, process killed): the first article stands.
        if (++writes === 2) throw new Error('disque plein');
        return writeArticleFile(d, id, text);
      },
    }).poll();
    expect(texts()).toHaveLength(1);
    expect(report.sources[0]!.outcome).toBe('failed');
    expect((await store.getFeedSource(source.url))?.itemCount).toBe(1);
  });
});
