/** The small pieces of live news on their own: URLs, charsets, headers, the /flux handler. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { articleIdentity, isNonPublicAddress, normaliseUrl } from '../../src/services/feeds/url.js';
import { decodeBody } from '../../src/services/feeds/charset.js';
import { formatArticleHeader, splitArticleHeader } from '../../src/services/corpus/header.js';
import { parseMaxAge, parseRetryAfter } from '../../src/services/feeds/fetch.js';
import { measureHtml } from '../../src/services/feeds/extract.js';
import { fluxCommand } from '../../src/commands/flux.js';
import { FeedService } from '../../src/services/feeds/service.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import type { CommandContext } from '../../src/commands/command.js';
import type { CorpusEngine } from '../../src/services/engine.js';

describe('URLs', () => {
  it('drops tracking parameters and the fragment, keeps meaningful ones, sorted', () => {
    expect(normaliseUrl('https://WWW.LeMonde.fr:443/international/article/2026/11/29/gaza.html?utm_source=rss&xtor=RSS-3208&page=2#commentaires')).toBe(
      'https://www.lemonde.fr/international/article/2026/11/29/gaza.html?page=2',
    );
    // A WordPress feed address keeps its query.
    expect(normaliseUrl('https://blog.exemple.fr/?feed=rss2')).toBe('https://blog.exemple.fr/?feed=rss2');
  });

  it('folds AMP and mobile copies onto one identity', () => {
    const original = articleIdentity('https://www.journal.fr/monde/iran-riposte');
    expect(articleIdentity('https://amp.journal.fr/monde/iran-riposte/amp?utm_medium=social')).toBe(original);
    expect(articleIdentity('http://journal.fr/amp/monde/iran-riposte/')).toBe(original);
    expect(articleIdentity('https://m.journal.fr/monde/iran-riposte?outputType=amp')).toBe(original);
    expect(articleIdentity('https://www.journal.fr/monde/iran-riposte-2')).not.toBe(original);
  });

  it('knows which addresses are not the public internet', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::2', '::ffff:127.0.0.1', '0.0.0.0']) {
      expect(isNonPublicAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '2606:4700::6810:84e5', '8.8.8.8']) expect(isNonPublicAddress(a), a).toBe(false);
  });
});

describe('charsets', () => {
  const text = 'Le président de l’Assemblée a réuni les députés — coût : 3 €.';
  it('follows BOM, then header, then the document, then UTF-8', () => {
    const latin = iconv.encode(`<html><head><meta charset="windows-1252"></head><body>${text}</body></html>`, 'windows-1252');
    expect(decodeBody(latin, 'text/html')).toMatchObject({ source: 'document', encoding: 'windows-1252' });
    expect(decodeBody(latin, 'text/html').text).toContain(text);
    // The header wins over the document.
    const utf8WithWrongMeta = Buffer.from(`<html><head><meta charset="windows-1252"></head><body>${text}</body></html>`, 'utf8');
    expect(decodeBody(utf8WithWrongMeta, 'text/html; charset=UTF-8').text).toContain(text);
    // The BOM wins over the header.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeBody(bom, 'text/html; charset=iso-8859-1')).toMatchObject({ text, source: 'bom' });
    // XML prolog.
    const xml = iconv.encode(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>${text}</title></rss>`, 'windows-1252');
    expect(decodeBody(xml, 'application/xml').text).toContain(text);
    expect(decodeBody(Buffer.from(text, 'utf8'))).toMatchObject({ text, source: 'default' });
  });
});

describe('headers', () => {
  it('round-trips, one line per value, and ignores what is not a header', () => {
    const header = { title: 'Titre\navec retour', url: 'https://x.fr/a', published: '2026-11-29T05:00:00Z', content: 'summary' as const };
    const { header: read, body } = splitArticleHeader(`${formatArticleHeader(header)}Corps.\n`);
    expect(read).toEqual({ ...header, title: 'Titre avec retour' });
    expect(body).toBe('Corps.\n');
    expect(splitArticleHeader('---\n\nUn texte qui commence par un filet.\n').header).toBeUndefined();
  });

  it('reads Retry-After and max-age', () => {
    const now = Date.parse('2026-11-29T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 08:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('9999999', now)).toBe(24 * 3600_000);
    expect(parseMaxAge('public, max-age=600')).toBe(600_000);
    expect(parseMaxAge('no-cache, max-age=600')).toBeUndefined();
  });
});

describe('the pre-scan of a page', () => {
  it('counts elements and nesting, script and style text excluded', () => {
    const page = '<html><head><script>if (a<b) x="<div>"</script><style>p>a{}</style></head><body><div><p>a<br>b<img src=x/><x-y/></p></div><span></span></body></html>';
    expect(measureHtml(page)).toEqual({ depth: 4, elements: 11 });
    expect(measureHtml('< a <1 <div')).toEqual({ depth: 0, elements: 0 });
  });

  it('reads a 5 MB tag soup with no closing bracket in one pass', () => {
    // A regex tag retried at each `<` read to the end every time: hours of CPU for this page.
    const soup = `<html><body>${'<a '.repeat(1_600_000)}`;
    const started = Date.now();
    expect(measureHtml(soup)).toEqual({ depth: 2, elements: 2 });
    // Generous guard (a linear scan takes well under a second; the quadratic one never ended).
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('FEEDS', () => {
  it('seeds the sources once, refuses what is not acceptable with a warning, and asks for a poll', async () => {
    const store = new SqliteStateStore(':memory:');
    let polls = 0;
    const service = new FeedService(store, { allowPrivateNetwork: false, runner: { pollNow: () => void polls++ } });
    const warnings = await service.seed(['https://www.afp.example/rss/monde.xml?utm_source=env', 'http://10.0.0.8/flux', 'https://journal.example/atom.xml']);
    expect(warnings).toEqual(['FEEDS : « http://10.0.0.8/flux » est une adresse locale ou privée : refusée (FEEDS_ALLOW_PRIVATE_NETWORK=1 pour l’autoriser).']);
    // Both seeded within the same millisecond or not: the order among them is not the point.
    expect((await store.listFeedSources()).map((s) => [s.url, s.addedBy]).sort()).toEqual([
      ['https://journal.example/atom.xml', 'env'],
      ['https://www.afp.example/rss/monde.xml', 'env'],
    ]);
    expect(polls).toBe(1);
    // A restart seeds nothing new.
    expect(await service.seed(['https://www.afp.example/rss/monde.xml'])).toEqual([]);
    expect(polls).toBe(1);
    await store.close();
  });
});

describe('/flux', () => {
  function context(canManageGuild: boolean, store: SqliteStateStore): CommandContext {
    return {
      engine: {} as CorpusEngine,
      invoker: { userId: '123456789012345678', guildId: '1', canManageGuild },
      services: { feeds: new FeedService(store, { allowPrivateNetwork: false }) },
    };
  }

  it('is for managers, adds, lists and removes, and refuses a bad address politely', async () => {
    const store = new SqliteStateStore(':memory:');
    expect(fluxCommand.data.default_member_permissions).toBe('32');
    const refused = await fluxCommand.execute(context(false, store), { subcommand: 'ajouter', values: { url: 'https://www.exemple.fr/rss.xml' } }, 0);
    expect(refused.title).toBe('Réservé aux gestionnaires du serveur');
    const ctx = context(true, store);
    const added = await fluxCommand.execute(ctx, { subcommand: 'ajouter', values: { url: 'https://www.exemple.fr/rss.xml?utm_source=x' } }, 0);
    expect(added.title).toBe('Source ajoutée');
    // Nothing polls in this context (a piped console): the reply says who will read it.
    expect(added.intro).toContain('npm run feeds -- poll');
    const polled = { ...ctx, services: { feeds: new FeedService(store, { allowPrivateNetwork: false, runner: { pollNow: () => undefined } }) } };
    const addedHere = await fluxCommand.execute(polled, { subcommand: 'ajouter', values: { url: 'https://www.exemple.fr/autre.xml' } }, 0);
    expect(addedHere.intro).toContain('lue dans les secondes qui viennent');
    // Added from server 1: its source, removed under its server.
    await store.removeFeedSource('https://www.exemple.fr/autre.xml', '1');
    expect((await fluxCommand.execute(ctx, { subcommand: 'ajouter', values: { url: 'https://www.exemple.fr/rss.xml' } }, 0)).title).toBe('Source déjà suivie');
    const bad = await fluxCommand.execute(ctx, { subcommand: 'ajouter', values: { url: 'http://192.168.0.10/flux' } }, 0);
    expect(bad).toMatchObject({ tone: 'error', title: 'Adresse refusée' });
    const list = await fluxCommand.execute(ctx, { subcommand: 'liste', values: {} }, 0);
    expect(list.items.map((i) => i.label)).toEqual(['https://www.exemple.fr/rss.xml']);
    expect(list.items[0]!.body.text).toContain('jamais lue pour l’instant');
    expect((await fluxCommand.execute(ctx, { subcommand: 'retirer', values: { url: 'https://www.exemple.fr/rss.xml' } }, 0)).title).toBe('Source retirée');
    expect((await fluxCommand.execute(ctx, { subcommand: 'liste', values: {} }, 0)).title).toBe('Aucune source suivie');
    await store.close();
  });
});
