/**
 * What a page becomes, layout by layout, read through the real feeds path (a local RSS feed, the
 * poller, the extraction thread, the file written, the corpus loader): a caption first, a credit
 * first, a bare stamp, a stamp block, blocks that would glue, read-more labels inside a live
 * blog's lines, invisible characters — and the pages whose text is not their article (drawn by
 * scripts, a consent or age gate, a table of addresses), which keep the feed's summary with the
 * reason shown with the source.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSource } from '../../src/commands/flux.js';
import { splitArticleHeader } from '../../src/services/corpus/header.js';
import { loadArticleFile } from '../../src/services/corpus/load.js';
import { WorkerPageExtractor } from '../../src/services/feeds/extractor.js';
import { PoliteFetcher } from '../../src/services/feeds/fetch.js';
import { FeedPoller } from '../../src/services/feeds/poller.js';
import { SqliteStateStore } from '../../src/services/store/sqlite.js';
import { html, rss, startOutlet, type Outlet } from './outlets.js';

const extractor = new WorkerPageExtractor();
afterAll(() => extractor.close());

let outlet: Outlet;
let dir: string;
let store: SqliteStateStore;
let fetcher: PoliteFetcher;

beforeEach(async () => {
  outlet = await startOutlet();
  outlet.route('/robots.txt', html('User-agent: *\nAllow: /\n', 'text/plain'));
  dir = mkdtempSync(join(tmpdir(), 'depeche-layouts-'));
  store = new SqliteStateStore(join(dir, 'state.db'));
  fetcher = new PoliteFetcher({ userAgent: 'Depeche/test', allowPrivateNetwork: true, hostDelayMs: 0, timeoutMs: 5_000 });
});

afterEach(async () => {
  await fetcher.close();
  await store.close();
  await outlet.close();
  rmSync(dir, { recursive: true, force: true });
});

const PROSE = [
  'Le Kazakhstan a annoncé mardi la fermeture temporaire de deux postes-frontières avec la Russie, invoquant des raisons de sécurité et un afflux inhabituel de camions de marchandises.',
  'Selon le ministère des Affaires étrangères, la mesure doit durer au moins deux semaines, le temps de renforcer les contrôles douaniers sur les biens à double usage visés par les sanctions.',
  'Moscou a dénoncé une décision « inamicale » et a convoqué l’ambassadeur kazakh, tandis que plusieurs transporteurs ont fait état de files de plusieurs kilomètres du côté russe de la frontière.',
  'Les autorités d’Astana assurent que les échanges commerciaux reprendront normalement une fois le nouveau dispositif en place, sans préciser la date de réouverture des deux postes concernés.',
];

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>
<header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/eco">Économie</a></nav></header>
<main><article><h1>${title}</h1>${body}</article></main>
<footer><p>© Le Journal — Tous droits réservés</p></footer></body></html>`;
}
const paragraphs = (list = PROSE) => list.map((p) => `<p>${p}</p>`).join('\n');
/** The same story told of another number of posts: copies of one text would fold into one article. */
const variant = (n: string) => PROSE.map((p) => p.replace(/deux/g, n));

/** Serves the pages in a feed (titles; a summary when given), polls once, returns each page's file body and indexed text. */
async function pollPages(pages: Array<{ path: string; title: string; html: string; summary?: string }>) {
  for (const p of pages) outlet.route(p.path, html(p.html));
  outlet.route(
    '/rss.xml',
    html(
      rss({ title: 'Le Journal', link: `${outlet.base}/`, items: pages.map((p) => ({ title: p.title, link: `${outlet.base}${p.path}`, guid: p.path, ...(p.summary ? { description: p.summary } : {}) })) }),
      'application/rss+xml; charset=utf-8',
    ),
  );
  await store.addFeedSource({ url: `${outlet.base}/rss.xml`, kind: 'feed', addedBy: 'test' });
  const corpusDir = join(dir, 'corpus');
  const held: string[] = [];
  const logger = { info: () => undefined, error: () => undefined, warn: (o: object) => void held.push(String((o as { reason?: string }).reason)) };
  const poller = new FeedPoller(store, fetcher, { corpusDir, extractor, logger });
  const report = await poller.poll({ force: true });
  await poller.close();
  const byPath = new Map<string, { header: Record<string, string>; body: string; indexed: string[] }>();
  for (const name of readdirSync(corpusDir).filter((f) => f.endsWith('.txt'))) {
    const { header, body } = splitArticleHeader(readFileSync(join(corpusDir, name), 'utf8'));
    const loaded = await loadArticleFile(join(corpusDir, name));
    const path = new URL(header!.url!).pathname;
    byPath.set(path, { header: header as Record<string, string>, body, indexed: loaded.ok ? loaded.article.paragraphs : [] });
  }
  return { report, byPath, held, source: (await store.listFeedSources())[0]! };
}

describe('furniture blocks and glued stamps are not the article', () => {
  it('drops a caption and credit first, a stamp block, a byline, a share bar; keeps every paragraph whole and unglued', async () => {
    const CREDIT = variant('trois');
    const BARE = variant('quatre');
    const { byPath } = await pollPages([
      {
        path: '/caption-first',
        title: 'Le Kazakhstan ferme deux postes-frontières',
        html: page(
          'Le Kazakhstan ferme deux postes-frontières',
          `<figure><img src="/a.jpg"><figcaption>Un poste-frontière près de Petropavl, le 3 juin 2024. <span class="credit">Photo AFP</span></figcaption></figure>
<div class="article-meta"><span class="byline">Par Marie Dupont</span><time datetime="2026-12-07T08:00">07/12/2026 08:00</time></div>
<ul class="share-tools"><li><a href="#">Partager sur Facebook</a></li><li><a href="#">Partager sur X</a></li></ul>
${paragraphs()}`,
        ),
      },
      {
        path: '/credit-first',
        title: 'Moscou convoque l’ambassadeur kazakh',
        // A credit and a stamp glued at the head of paragraphs, with no element to tell them apart.
        html: page(
          'Moscou convoque l’ambassadeur kazakh',
          `<p>AP Photo ${CREDIT[0]}</p><p>18:30Avec ${CREDIT[1]!.charAt(0).toLowerCase()}${CREDIT[1]!.slice(1)}</p><p>Publié le 2026-12-07 à 08:00Charles Michel a salué « une décision souveraine », tout en appelant les deux voisins à poursuivre le dialogue sur le transit.</p>${paragraphs(CREDIT.slice(2))}`,
        ),
      },
      {
        path: '/bare-stamp',
        title: 'Astana promet une réouverture rapide',
        html: page('Astana promet une réouverture rapide', `<div class="date">07/12/2026 08:00</div><div>${BARE[0]}</div><div>${BARE[1]}</div>${paragraphs(BARE.slice(2))}`),
      },
    ]);
    const first = byPath.get('/caption-first')!;
    expect(first.header.content).toBe('full');
    expect(first.body).not.toMatch(/Petropavl|Photo AFP|Marie Dupont|07\/12\/2026|Partager/);
    expect(first.indexed).toEqual(PROSE);

    const credit = byPath.get('/credit-first')!;
    expect(credit.indexed[0]).toBe(CREDIT[0]);
    expect(credit.indexed[1]).toMatch(/^Avec selon le ministère/);
    expect(credit.indexed[2]).toMatch(/^Charles Michel a salué « une décision souveraine »/);

    const bare = byPath.get('/bare-stamp')!;
    // Two div blocks never glue into one line; the stamp line is not text.
    expect(bare.body.split('\n\n')).toEqual(expect.arrayContaining([BARE[0], BARE[1]]));
    expect(bare.indexed).toEqual(BARE);
  });

  it('takes read-more labels out of a live blog’s lines, and soft hyphens and zero-width spaces out of words', async () => {
    const live = [
      `14:05 — Le ministre kazakh des Affaires étrangères a confirmé la fermeture des deux postes. Lire l'article Moscou a aussitôt réagi en convoquant l’ambassadeur.`,
      `14:40 — Les transporteurs font état de files de plusieurs kilomètres du côté russe de la frontière. Lire la brève`,
      `15:10 — Astana assure que les échanges reprendront une fois le dispositif en place. À lire aussi : Le Kazakhstan, voisin prudent de la Russie`,
    ];
    const { byPath } = await pollPages([
      {
        path: '/direct',
        title: 'Direct : le Kazakhstan ferme deux postes-frontières',
        html: page('Direct : le Kazakhstan ferme deux postes-frontières', `${live.map((l) => `<p>${l}</p>`).join('')}<p>Les auto\u00ADrités d\u2019Astana n\u2019ont pas pré\u200Bcisé la date de réouverture des deux postes concernés par la mesure, selon notre correspondant.</p>`),
      },
    ]);
    const text = byPath.get('/direct')!.indexed.join('\n');
    expect(text).not.toMatch(/Lire l'article|Lire la brève|À lire aussi|voisin prudent/);
    expect(text).toContain('la fermeture des deux postes. Moscou a aussitôt réagi');
    expect(text).toContain('Les autorités d’Astana n’ont pas précisé');
    expect(byPath.get('/direct')!.body).not.toMatch(/[\u00AD\u200B]/);
  });
});

describe('a page whose text is not its article keeps the feed summary, with the reason shown', () => {
  const summary = 'Le Kazakhstan ferme deux postes-frontières avec la Russie pour au moins deux semaines, invoquant des raisons de sécurité.';

  it('a script-drawn page, an age-check popup, a consent banner and a table of addresses', async () => {
    const state = JSON.stringify({ article: { body: PROSE.join(' ').repeat(20) } });
    const rows = Array.from({ length: 60 }, (_, i) => `<tr><td>Circonscription ${i}</td><td>Député ${i}</td><td>depute${i}@assemblee.example</td></tr>`).join('');
    const { byPath, report, source, held } = await pollPages([
      {
        path: '/script',
        title: 'Le Kazakhstan ferme deux postes',
        summary,
        html: `<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body><div id="root">Chargement…</div><script>window.__STATE__ = ${state};</script><script>${'render();'.repeat(500)}</script></body></html>`,
      },
      {
        path: '/age',
        title: 'Le Kazakhstan ferme deux postes (2)',
        summary: `${summary} (2)`,
        html: page('Vérification', `<div class="age-gate"><p>Ce site est réservé aux personnes majeures. Confirmez votre âge : vous devez avoir plus de 18 ans pour accéder à ce contenu.</p><p>Veuillez indiquer votre date de naissance pour continuer votre visite sur notre site, merci de votre compréhension.</p><p><a href="#">J’ai plus de 18 ans</a> <a href="#">Quitter</a></p></div>`),
      },
      {
        path: '/consent',
        title: 'Le Kazakhstan ferme deux postes (4)',
        summary: `${summary} (4)`,
        html: page('Avant de continuer', `<p>Nous et nos partenaires utilisons des cookies et des traceurs pour mesurer l’audience et personnaliser les contenus. Vous pouvez accepter ou refuser ces traitements, ou paramétrer vos choix à tout moment depuis la page dédiée.</p><p><a href="#">Tout accepter</a> <a href="#">Tout refuser</a></p>`),
      },
      {
        path: '/table',
        title: 'Écrivez à votre député',
        summary: `${summary} (3)`,
        html: page('Écrivez à votre député', `<p>Voici les adresses des députés.</p><table>${rows}</table>`),
      },
    ]);
    for (const path of ['/script', '/age', '/consent', '/table']) {
      const file = byPath.get(path)!;
      expect(file.header.content).toBe('summary');
      expect(file.indexed[0]).toMatch(/^Le Kazakhstan ferme deux postes-frontières/);
    }
    expect(report.sources[0]!.held).toBe(4);
    expect(held).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^page dessinée par des scripts/),
        'vérification d’âge prise pour l’article',
        'bandeau de consentement (cookies) pris pour l’article',
        'le bloc principal est une liste d’adresses (60 adresses e-mail), pas un article',
      ]),
    );
    // The reason of the last page set aside is the source's last error, shown by /flux liste and `feeds list`.
    expect(describeSource(source).join('\n')).toMatch(/dernière erreur .*: page http:\/\/127\.0\.0\.1:\d+\/\w+ mise de côté : /);
  });
});
