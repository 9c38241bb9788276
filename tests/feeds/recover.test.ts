/**
 * What Readability leaves out and the page's structure gives back: the standfirst the page
 * prints (its own description), the article's paragraphs split over several containers of the
 * same kind, and a drop cap printed apart from its word. Each rule pinned both ways on small
 * pages written for the test, and bounded on a pathological page.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/services/feeds/extract.js';
import { findStandfirst, joinDropCaps, recordBlocks } from '../../src/services/feeds/recover.js';

const URL = 'https://journal.example/monde/article.html';
const P = [
  'Le ministre kazakh des Affaires étrangères a confirmé mardi la fermeture de deux postes-frontières avec la Russie, pour au moins deux semaines.',
  'Selon les douanes, plus de trois mille camions attendaient encore mercredi matin de part et d’autre de la frontière, certains depuis six jours.',
  'Les transporteurs réclament une indemnisation et menacent de bloquer la route de Petropavl si rien n’est décidé avant la fin de la semaine.',
  'Le gouvernement a promis de rouvrir un premier poste dès lundi prochain, à condition que les contrôles sanitaires puissent y être renforcés.',
  'À Astana, l’opposition dénonce une décision prise sans consultation du Parlement et réclame l’audition du ministre devant les députés.',
  'Les autorités russes n’ont pas réagi officiellement, mais plusieurs élus de la région d’Omsk ont demandé la réouverture rapide des routes.',
];
const DESCRIPTION = 'Deux postes-frontières fermés au moins deux semaines : les camions s’accumulent et les transporteurs menacent de bloquer la route.';

function page(body: string, description = DESCRIPTION): string {
  return `<!doctype html><html><head><title>Frontière fermée</title><meta name="description" content="${description}"></head><body>${body}</body></html>`;
}
const text = (html: string) => extractPage(html, URL).paragraphs.join('\n');
const paragraphs = (list: string[], cls = '') => list.map((p) => `<p${cls ? ` class="${cls}"` : ''}>${p}</p>`).join('');

describe('the standfirst the page prints', () => {
  const head = (standfirst: string) => `<header class="article-head"><h1>Frontière fermée</h1><p class="chapo">${standfirst}</p></header>`;
  const body = `<div class="article-body">${paragraphs(P)}</div>`;

  it('is put back at the head of the text when Readability leaves it with the headline', () => {
    const out = extractPage(page(`${head(DESCRIPTION)}<main><div class="pub">Publicité</div>${body}</main>`), URL).paragraphs;
    expect(out[0]).toBe(DESCRIPTION);
    expect(out[1]).toBe(P[0]);
  });

  it('is found even inside a block pruned as a caption (a video page prints its summary there)', () => {
    const html = page(`<div class="video-caption"><p class="description">${DESCRIPTION}</p></div>${body}`);
    expect(extractPage(html, URL).paragraphs[0]).toBe(DESCRIPTION);
  });

  it('is not added when the page does not print it, prints it only in a menu or footer, or when it is a motto', () => {
    expect(text(page(`<article>${body}</article>`))).not.toContain(DESCRIPTION);
    expect(text(page(`<article>${body}</article><footer><p>${DESCRIPTION}</p></footer>`))).not.toContain(DESCRIPTION);
    const motto = 'Le journal du Kazakhstan';
    expect(text(page(`<article><p class="motto">${motto}</p>${body}</article>`, motto))).not.toContain(motto);
  });

  it('is never printed twice when the text already has it', () => {
    const html = page(`<article><h1>Frontière fermée</h1><div class="article-body"><p>${DESCRIPTION}</p>${paragraphs(P)}</div></article>`);
    expect(text(html).split(DESCRIPTION)).toHaveLength(2);
  });
});

describe('the article split over containers of the same kind', () => {
  // A layout row cut by an advertisement: the first three paragraphs in one container, the rest in another.
  const split = (first: string, between: string) =>
    page(`<main><section class="row">${first}</section><aside class="ad-slot">${between}</aside><section class="row row--main"><div class="story-text">${paragraphs(P.slice(2))}</div></section></main>`);

  it('takes back the paragraphs of a container of the article’s kind, in page order', () => {
    const html = split(`<div class="story-text">${paragraphs(P.slice(0, 2))}<p>Paul Martin, à Astana</p></div>`, '<p>Publicité</p>');
    const out = extractPage(html, URL).paragraphs;
    expect(out.slice(0, 6)).toEqual(P);
    // A name beside the paragraphs is not taken along.
    expect(out.join('\n')).not.toContain('Paul Martin');
  });

  it('never takes back a teaser paragraph of such a container (a link under its label)', () => {
    const teaser = '<p><b>Lire aussi :</b> <a href="/autre">Pourquoi le Kazakhstan ferme-t-il ses frontières avec la Russie ?</a></p>';
    const out = text(split(`<div class="story-text">${paragraphs(P.slice(0, 2))}${teaser}</div>`, ''));
    expect(out).toContain(P[0]);
    expect(out).not.toContain('Lire aussi');
  });

  it('leaves a container of the same kind made of links (teasers), and one of another kind', () => {
    const teasers = `<div class="story-text">${P.slice(0, 2).map((p) => `<a href="/autre"><p>${p}</p></a>`).join('')}</div>`;
    expect(text(split(teasers, ''))).not.toContain(P[0]);
    expect(text(split(`<div class="promo-text">${paragraphs(P.slice(0, 2))}</div>`, ''))).not.toContain(P[0]);
  });

  it('does not make an embedded post’s kind the article’s (one kept quote is not enough)', () => {
    const tweet = (t: string) => `<blockquote class="tweet"><p>${t}</p></blockquote>`;
    const html = page(`<article><div class="body">${paragraphs(P.slice(0, 3))}${tweet(P[3]!)}${paragraphs(P.slice(4))}</div></article><section class="embeds">${tweet(P[5]!.replace('russes', 'chinoises'))}</section>`);
    expect(text(html)).not.toContain('chinoises');
  });
});

describe('a drop cap', () => {
  it('goes back in front of its word', () => {
    const html = page(`<article><div class="body"><span class="initial">L</span><p>e ministre kazakh a confirmé mardi la fermeture de deux postes.</p>${paragraphs(P.slice(1))}</div></article>`);
    expect(text(html)).toMatch(/^Le ministre kazakh a confirmé mardi/);
  });

  it('is left when the paragraph starts a word of its own, or when text stands between', () => {
    const { document } = parseHTML('<!doctype html><html><body><div><span>A</span><p>Astana, la capitale.</p><span>B</span> suite <p>ref. 12</p></div></body></html>');
    expect(joinDropCaps(document as never)).toBe(0);
    expect(document.body.textContent).toContain('A');
  });
});

describe('on a pathological page', () => {
  // Its description at the bottom of 390 nested blocks over 1.8 MB of text: each block's text is the whole page's.
  const filler = 'texte de remplissage sans fin '.repeat(60_000);
  const deep = (depth: number) => `<!doctype html><html><body>${'<div>'.repeat(depth)}<p>${P[0]}</p><p>${filler}</p>${'</div>'.repeat(depth)}</body></html>`;

  it('the standfirst search gives up within its reading budget instead of reading the page 390 times', () => {
    expect(findStandfirst(parseHTML(deep(390)).document as never, P[0])).toBeUndefined();
    // The same page, shallow, is read whole.
    expect(findStandfirst(parseHTML(deep(3)).document as never, P[0])).toBe(P[0]);
  });

  it('paragraphs nested 390 deep through inline elements are recorded by the innermost only', () => {
    const nested = `${'<p><span>'.repeat(390)}${filler}${'</span></p>'.repeat(390)}`;
    const { blocks } = recordBlocks(parseHTML(`<!doctype html><html><body><div class="x">${nested}</div></body></html>`).document as never);
    expect(blocks).toHaveLength(1);
  });

  it('a list nested 390 deep is recorded without building each item’s text', () => {
    const items = '<ul><li>élément de liste assez long pour compter comme une phrase du texte.'.repeat(390) + '</li></ul>'.repeat(390);
    const { blocks } = recordBlocks(parseHTML(`<!doctype html><html><body><div class="x">${items}</div></body></html>`).document as never);
    expect(blocks).toHaveLength(1);
  });
});

describe('a page whose parser opens two bodies', () => {
  // A script between `</head>` and `<body>`: the parser opens an empty body, the page's comes second.
  const html = `<!doctype html><html><head><title>Frontière fermée</title></head><script>var x = 1;</script><body class="page">
<article><div class="article-body">${paragraphs(P.slice(0, 3))}<div class="image-credit">Photo : Paul Martin / Agence Exemple</div>${paragraphs(P.slice(3))}</div></article></body></html>`;

  it('is read as one body: its furniture is pruned like any page’s', () => {
    const out = text(html);
    expect(out).toContain(P[5]);
    expect(out).not.toContain('Paul Martin');
  });
});
