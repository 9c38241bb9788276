/**
 * Local news outlets for the feed tests: one HTTP server on 127.0.0.1 (random port) serving
 * feeds and pages written the way real outlets write them — an agency wire (RSS 2.0), a
 * newspaper with a paywall teaser (Atom), a live blog (JSON Feed), AMP copies with a canonical
 * link, Windows-1252 pages — plus routes that misbehave on demand. Nothing leaves the machine.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Outlet {
  base: string;
  /** Requests received, in order: path and headers. */
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  route(path: string, handler: Handler): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startOutlet(): Promise<Outlet> {
  const routes = new Map<string, Handler>();
  const requests: Outlet['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path: req.url ?? '/', headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable');
      return;
    }
    handler(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    route: (path, handler) => routes.set(path, handler),
    hits: (path) => requests.filter((r) => r.path.split('?')[0] === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Serves a body with a content type, an ETag, and 304 when the client sends it back. */
export function cached(body: string | Buffer, contentType: string, etag = `"v1"`, extra: Record<string, string> = {}): Handler {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, ...extra }).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, etag, ...extra }).end(body);
  };
}

export function html(body: string, contentType = 'text/html; charset=utf-8'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType }).end(body);
  };
}

// ——— Article texts (French, shaped like agency and newspaper copy) ———

export const WIRE_TAIWAN = {
  title: 'Taïwan : Pékin déploie des navires de guerre autour de l’île après la visite d’un ministre américain',
  paragraphs: [
    'PÉKIN, 29 novembre (Agence Presse) — La Chine a déployé samedi une vingtaine de navires de guerre et plusieurs dizaines d’avions autour de Taïwan, au lendemain de la visite à Taipei d’un ministre américain, a annoncé le ministère taïwanais de la Défense.',
    'Le ministère a indiqué avoir détecté vingt-deux bâtiments de la marine chinoise et quarante-sept appareils militaires, dont certains ont franchi la ligne médiane du détroit, une démarcation officieuse que Pékin ne reconnaît pas.',
    'Les autorités chinoises ont qualifié ces manœuvres d’« avertissement sévère » adressé aux « forces séparatistes » et à leurs soutiens étrangers, tandis que Washington a appelé à la retenue et au maintien du statu quo dans le détroit.',
    'Taïpei a dit surveiller la situation de près et a dépêché ses propres navires et avions pour suivre les mouvements chinois, sans signaler d’incident.',
  ],
};

export const PAPER_OTAN = {
  title: 'L’OTAN et la Turquie trouvent un compromis sur la défense aérienne du flanc est',
  teaser: 'Après des mois de blocage, Ankara a levé son veto sur le plan de défense aérienne de l’Alliance, en échange de garanties sur la lutte contre le terrorisme. Notre analyse des coulisses de l’accord.',
  paragraphs: [
    'Après des mois de blocage, Ankara a levé son veto sur le plan de défense aérienne de l’Alliance atlantique.',
    'Réservé aux abonnés.',
  ],
};

export const BLOG_GAZA = {
  title: 'EN DIRECT — Gaza : la trêve entre Israël et le Hamas entre en vigueur',
  paragraphs: [
    'La trêve entre Israël et le Hamas est entrée en vigueur dimanche à 8 h 30, heure locale, après quinze mois de guerre dans la bande de Gaza, selon le Qatar, principal médiateur des négociations.',
    'Les premiers camions d’aide humanitaire ont franchi le point de passage de Rafah en milieu de matinée, ont rapporté des responsables égyptiens, tandis que des milliers de déplacés prenaient la route du nord de l’enclave.',
    'Trois otages israéliens doivent être libérés dans l’après-midi en échange de quatre-vingt-dix prisonniers palestiniens détenus par Israël, a précisé le gouvernement israélien.',
    'Le secrétaire général de l’ONU a salué « une lueur d’espoir » et appelé toutes les parties à respecter pleinement leurs engagements.',
  ],
};

export const AMP_IRAN = {
  title: 'Iran : Téhéran menace de riposter après une frappe israélienne près d’Ispahan',
  paragraphs: [
    'Les autorités iraniennes ont promis samedi une « réponse ferme » après une frappe attribuée à Israël contre une installation militaire proche d’Ispahan, dans le centre du pays.',
    'Selon la télévision d’État, plusieurs explosions ont été entendues avant l’aube et les défenses antiaériennes ont été activées au-dessus de la ville, qui abrite des sites liés au programme nucléaire iranien.',
    'Israël n’a pas commenté l’opération, conformément à sa pratique habituelle, tandis que les États-Unis ont appelé Téhéran à la retenue pour éviter une escalade régionale.',
  ],
};

/** An article page as newspapers build them: navigation, JSON-LD, OpenGraph, the text, a footer. */
export function articlePage(options: {
  title: string;
  paragraphs: string[];
  author?: string;
  published?: string;
  canonical?: string;
  site?: string;
  paywalled?: boolean;
  amp?: boolean;
  charsetMeta?: string;
}): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: options.title,
    ...(options.author ? { author: [{ '@type': 'Person', name: options.author }] } : {}),
    ...(options.published ? { datePublished: options.published } : {}),
    ...(options.site ? { publisher: { '@type': 'Organization', name: options.site } } : {}),
    ...(options.paywalled ? { isAccessibleForFree: false } : {}),
  };
  return `<!doctype html>
<html lang="fr"${options.amp ? ' amp' : ''}>
<head>
${options.charsetMeta ? `<meta charset="${options.charsetMeta}">` : ''}
<title>${options.title} | ${options.site ?? 'Journal'}</title>
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
<meta property="og:title" content="${options.title}">
<meta property="og:site_name" content="${options.site ?? 'Journal'}">
<script type="application/ld+json">${JSON.stringify(ld)}</script>
<script>window.__tracking = { send: function () { document.title = 'exécuté'; } }; window.__tracking.send();</script>
</head>
<body>
<header><nav><a href="/">Accueil</a> <a href="/international">International</a> <a href="/abonnement">S’abonner</a></nav></header>
<main><article>
<h1>${options.title}</h1>
${options.author ? `<p class="byline">Par ${options.author}</p>` : ''}
${options.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article>
<aside><h2>Les plus lus</h2><ul><li><a href="/a/1">Un autre sujet</a></li><li><a href="/a/2">Encore un</a></li></ul></aside>
</main>
<footer><p>© ${options.site ?? 'Journal'} — Tous droits réservés. <a href="/cgu">CGU</a></p></footer>
</body></html>`;
}

/** The same page in Windows-1252 bytes. */
export function cp1252(text: string): Buffer {
  return iconv.encode(text, 'windows-1252');
}

export function rss(channel: { title: string; link: string; items: Array<{ title: string; link: string; guid?: string; description?: string; pubDate?: string; author?: string }> }): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${esc(channel.title)}</title>
<link>${channel.link}</link>
<description>Dépêches</description>
${channel.items
  .map(
    (i) => `<item>
<title>${esc(i.title)}</title>
<link>${esc(i.link)}</link>
${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}
${i.description ? `<description>${esc(i.description)}</description>` : ''}
${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}
${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}
</item>`,
  )
  .join('\n')}
</channel>
</rss>`;
}

export function atom(feed: { title: string; link: string; entries: Array<{ id: string; title: string; link: string; summary: string; published: string; author: string }> }): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${esc(feed.title)}</title>
<link rel="alternate" href="${feed.link}"/>
<id>${feed.link}</id>
<updated>2026-11-29T07:00:00Z</updated>
${feed.entries
  .map(
    (e) => `<entry>
<id>${esc(e.id)}</id>
<title>${esc(e.title)}</title>
<link rel="alternate" href="${esc(e.link)}"/>
<summary type="html">${esc(`<p>${e.summary}</p>`)}</summary>
<published>${e.published}</published>
<updated>${e.published}</updated>
<author><name>${esc(e.author)}</name></author>
</entry>`,
  )
  .join('\n')}
</feed>`;
}

export function jsonFeed(feed: { title: string; home: string; items: Array<{ id: string; url: string; title: string; summary?: string; date: string }> }): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.home,
    items: feed.items.map((i) => ({ id: i.id, url: i.url, title: i.title, ...(i.summary ? { summary: i.summary } : {}), date_published: i.date })),
  });
}
