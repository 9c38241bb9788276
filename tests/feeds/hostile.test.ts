/**
 * Sources that cannot hurt each other (issue #17), on local servers: one source cannot claim
 * another's articles (canonical, GUID, summary), cannot overwrite a file, and one odd item stays
 * that item's problem.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkerPageExtractor } from '../../src/services/feeds/extractor.js';
import { PoliteFetcher } from '../../src/services/feeds/fetch.js';
import { FeedPoller, type PollerOptions } from '../../src/services/feeds/poller.js';
import { FeedService } from '../../src/services/feeds/service.js';
import { ArticleFileExistsError, writeArticleFile } from '../../src/services/feeds/writer.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { AMP_IRAN, articlePage, BLOG_GAZA, html, rss, startOutlet, WIRE_TAIWAN, type Outlet } from './outlets.js';

let victim: Outlet;
let attacker: Outlet;
let dir: string;
let store: SqliteStateStore;
const fetchers: PoliteFetcher[] = [];
const extractor = new WorkerPageExtractor();
afterAll(() => extractor.close());

function poller(poll: Partial<PollerOptions> = {}): FeedPoller {
  const fetcher = new PoliteFetcher({ userAgent: 'Depeche/0.1.0 (test)', allowPrivateNetwork: true, timeoutMs: 2_000, hostDelayMs: 0 });
  fetchers.push(fetcher);
  return new FeedPoller(store, fetcher, { corpusDir: dir, extractor, ...poll });
}
const service = () => new FeedService(store, { allowPrivateNetwork: true });
const files = () => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const texts = () => files().map(read);

beforeEach(async () => {
  victim = await startOutlet();
  attacker = await startOutlet();
  dir = mkdtempSync(join(tmpdir(), 'depeche-hostile-'));
  store = new SqliteStateStore(':memory:');
});

afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close();
  await store.close();
  await victim.close();
  await attacker.close();
  rmSync(dir, { recursive: true, force: true });
});

const DATE = 'Sun, 29 Nov 2026 06:00:00 GMT';

function victimFeed() {
  victim.route('/rss.xml', html(rss({ title: 'Agence', link: `${victim.base}/`, items: [{ title: WIRE_TAIWAN.title, link: `${victim.base}/a/taiwan`, guid: 'ap-1', pubDate: DATE }] }), 'application/rss+xml'));
  victim.route('/a/taiwan', html(articlePage({ ...WIRE_TAIWAN, canonical: `${victim.base}/a/taiwan` })));
}

describe('identity that cannot be claimed', () => {
  it('a page whose canonical names another site’s article does not make that article known', async () => {
    victimFeed();
    attacker.route('/rss.xml', html(rss({ title: 'Faux', link: `${attacker.base}/`, items: [{ title: 'Titre piégé', link: `${attacker.base}/x`, guid: 'x-1', pubDate: DATE }] }), 'application/rss+xml'));
    attacker.route('/x', html(articlePage({ ...BLOG_GAZA, title: 'Titre piégé', canonical: `${victim.base}/a/taiwan` })));
    await service().add(`${attacker.base}/rss.xml`, 'test');
    await poller().poll();
    await service().add(`${victim.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.added).toBe(1);
    const all = texts();
    expect(all).toHaveLength(2);
    const genuine = all.find((t) => t.includes('vingt-deux bâtiments'));
    expect(genuine).toContain(`url: ${victim.base}/a/taiwan\n`);
    // The attacker's text never carries the victim's link.
    const forged = all.find((t) => t.includes('Titre piégé'))!;
    expect(forged).not.toContain(victim.base);
  });

  it('a feed naming another site in its channel link cannot claim that site’s GUIDs', async () => {
    victimFeed();
    attacker.route('/rss.xml', html(rss({ title: 'Faux', link: `${victim.base}/`, items: [{ title: 'Titre piégé', link: `${attacker.base}/y`, guid: 'ap-1', pubDate: DATE }] }), 'application/rss+xml'));
    attacker.route('/y', html(articlePage({ ...AMP_IRAN, title: 'Titre piégé' })));
    await service().add(`${attacker.base}/rss.xml`, 'test');
    await poller().poll();
    await service().add(`${victim.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.added).toBe(1);
    expect(texts().some((t) => t.includes('vingt-deux bâtiments'))).toBe(true);
  });

  it('two different items with the same summary (pages unreachable) are two articles', async () => {
    const summary = 'Le Conseil de sécurité des Nations unies se réunit en urgence ce soir à la demande de la France, a indiqué la présidence du Conseil.';
    victim.route(
      '/rss.xml',
      html(rss({ title: 'Agence', link: `${victim.base}/`, items: [1, 2].map((i) => ({ title: `Dépêche ${i} : réunion d’urgence`, link: `${victim.base}/gone/${i}`, guid: `g-${i}`, description: summary, pubDate: DATE })) }), 'application/rss+xml'),
    );
    await service().add(`${victim.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.added).toBe(2);
    expect(files()).toHaveLength(2);
  });
});

function linkless(guids: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ministère</title><link>${victim.base}/</link>
${guids.map((g, i) => `<item><title>Point de situation</title><guid isPermaLink="false">${g}</guid><description>Point de situation numéro ${i + 1} : les forces armées ont mené cette nuit des frappes sur des positions au nord du pays, selon le ministère.</description><pubDate>${DATE}</pubDate></item>`).join('\n')}
</channel></rss>`;
}

describe('file names that cannot collide', () => {
  it('two link-less items with one title and different GUIDs are two files', async () => {
    victim.route('/rss.xml', html(linkless(['sitrep-1', 'sitrep-2']), 'application/rss+xml'));
    await service().add(`${victim.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.added).toBe(2);
    expect(files()).toHaveLength(2);
    expect(texts().filter((t) => t.includes('numéro 1')).length).toBe(1);
    expect(texts().filter((t) => t.includes('numéro 2')).length).toBe(1);
  });

  it('a file placed by hand under the article’s name is never replaced; the article takes its whole hash as name', async () => {
    victimFeed();
    await service().add(`${victim.base}/rss.xml`, 'test');
    await poller().poll();
    const [name] = files();
    // Same feed, fresh state and folder, a file waiting under that name.
    rmSync(join(dir, name!));
    await store.close();
    store = new SqliteStateStore(':memory:');
    writeFileSync(join(dir, name!), 'title: Mon article\n\nÉcrit à la main, à garder.\n');
    await service().add(`${victim.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.added).toBe(1);
    expect(read(name!)).toBe('title: Mon article\n\nÉcrit à la main, à garder.\n');
    const other = files().find((f) => f !== name)!;
    expect(other).toMatch(/-[0-9a-f]{64}\.txt$/);
    expect(read(other)).toContain('vingt-deux bâtiments');
  });

  it('the writer refuses to replace any existing file', async () => {
    await writeArticleFile(dir, 'a', 'premier\n');
    await expect(writeArticleFile(dir, 'a', 'second\n')).rejects.toBeInstanceOf(ArticleFileExistsError);
    expect(read('a.txt')).toBe('premier\n');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});

describe('one odd item stays that item’s problem', () => {
  it('urn:uuid GUID without link, javascript:/mailto: links, credentials in a link or a canonical: the valid items are written, the source is fine', async () => {
    const item = (title: string, link: string | undefined, guid: string) =>
      `<item><title>${title}</title>${link ? `<link>${link}</link>` : ''}<guid>${guid}</guid><description>${title} : un résumé assez long pour faire un article, avec des faits, des chiffres et des noms.</description><pubDate>${DATE}</pubDate></item>`;
    victim.route(
      '/rss.xml',
      html(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Mélange</title><link>${victim.base}/</link>
${item('Sans lien', undefined, 'urn:uuid:6f1c0c1e-9d1a-4d4b-9a57-3c1b8e0f0a11')}
${item('Lien script', 'javascript:alert(1)', 'js-1')}
${item('Lien courriel', 'mailto:redaction@example.org', 'mail-1')}
${item('Lien avec identifiants', `http://user:secret@127.0.0.1:1/a`, 'cred-1')}
${item('Canonique avec identifiants', `${victim.base}/a/cred-canonical`, 'cred-2')}
${item(WIRE_TAIWAN.title, `${victim.base}/a/taiwan`, 'ok-1')}
</channel></rss>`,
        'application/rss+xml',
      ),
    );
    victim.route('/a/taiwan', html(articlePage(WIRE_TAIWAN)));
    victim.route('/a/cred-canonical', html(articlePage({ ...AMP_IRAN, canonical: victim.base.replace('http://', 'http://user:secret@') + '/a/cred-canonical' })));
    const { source } = await service().add(`${victim.base}/rss.xml`, 'test');
    const report = await poller().poll();
    expect(report.sources[0]!.outcome).toBe('new');
    const all = texts().join('\n');
    expect(all).toContain('vingt-deux bâtiments');
    expect(all).toContain('défenses antiaériennes');
    expect(all).not.toContain('secret');
    expect(all).not.toMatch(/javascript:|mailto:/);
    const after = await store.getFeedSource(source.url);
    expect(after?.consecutiveFailures).toBe(0);
    expect(after?.lastError ?? undefined).toBeUndefined();
  });
});

describe('one server’s sources are its own', () => {
  it('a server’s article carries its server; another server following the same feed gets its own copy; a shared article is known to both', async () => {
    victimFeed();
    const feeds = service();
    await feeds.add(`${victim.base}/rss.xml`, 'u1', '111');
    await poller().poll();
    await feeds.add(`${victim.base}/rss.xml`, 'u2', '222');
    const second = await poller().poll();
    // What server 111 follows does not make the article known to server 222.
    expect(second.added).toBe(1);
    const all = texts();
    expect(all).toHaveLength(2);
    expect(all.filter((t) => t.includes('guild: 111\n'))).toHaveLength(1);
    expect(all.filter((t) => t.includes('guild: 222\n'))).toHaveLength(1);
    // The server view lists its own and the shared ones only.
    await feeds.add(`${attacker.base}/rss.xml`, 'env');
    expect((await feeds.list('111')).map((s) => s.guildId)).toEqual(['111', undefined]);
    expect((await feeds.list()).map((s) => s.guildId)).toEqual([undefined]);
    expect(await feeds.remove(`${victim.base}/rss.xml`, '333')).toBe(false);
    expect(await feeds.remove(`${victim.base}/rss.xml`)).toBe(false);
    expect((await feeds.list(undefined, { all: true })).length).toBe(3);
  });

  it('an article of a shared source is known to a server following the same feed: no second copy', async () => {
    victimFeed();
    const feeds = service();
    await feeds.add(`${victim.base}/rss.xml`, 'env');
    await poller().poll();
    await feeds.add(`${victim.base}/rss.xml`, 'u1', '111');
    const report = await poller().poll();
    expect(report.added).toBe(0);
    expect(files()).toHaveLength(1);
    expect(texts()[0]).not.toContain('guild:');
  });
});
