/** Furniture blocks taken out before the text is looked for, and prose never cut. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { dropLinkParagraphs, pruneFurniture } from '../../src/services/feeds/prune.js';
import { extractPage } from '../../src/services/feeds/extract.js';

const PROSE = 'Le ministre kazakh des Affaires étrangères a confirmé la fermeture des deux postes-frontières avec la Russie, pour au moins deux semaines.';

function pruned(body: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  pruneFurniture(document as never);
  return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('pruning furniture blocks', () => {
  it('takes out a stamp block, a caption, a share bar and a related list', () => {
    const text = pruned(
      `<div class="meta"><time datetime="2026-12-07">07/12/2026 08:00</time></div><figure><img src="a.jpg"><figcaption>Petropavl, le 3 juin.</figcaption></figure>
<ul class="c-share__list"><li>Partager</li></ul><p>${PROSE}</p><aside class="related-articles"><a href="/x">Un autre titre</a></aside>`,
    );
    expect(text).toBe(PROSE);
  });

  it('never cuts a sentence: a date or a link inside a paragraph stays', () => {
    const p = `<p>Le <time datetime="2026-03-03">3 mars</time>, comme le rappelle <a class="related-link" href="/y">notre enquête</a>, ${PROSE}</p>`;
    expect(pruned(p)).toBe(`Le 3 mars, comme le rappelle notre enquête, ${PROSE}`);
  });

  it('keeps a block whose class says furniture when it holds the prose', () => {
    const article = `<div class="entry-meta-wrap">${`<p>${PROSE}</p>`.repeat(4)}</div><nav>Accueil Monde</nav>`;
    expect(pruned(article)).toContain(PROSE);
  });

  it('takes out a table of data, and keeps a table that holds sentences', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `<tr><td>Député ${i}</td><td>d${i}@assemblee.example</td></tr>`).join('');
    expect(pruned(`<p>${PROSE}</p><table>${rows}</table>`)).toBe(PROSE);
    const prose = Array.from({ length: 12 }, () => `<tr><td>${PROSE}</td></tr>`).join('');
    expect(pruned(`<table>${prose}</table>`)).toContain(PROSE);
  });

  it('takes out a list of links with the box around it (its heading, a line of promotion)', () => {
    const links = ['Le FCKW-Krimi', 'Auf dem Weg zum Öko-Akku', 'Viel Kraft, viel krank ?'].map((t, i) => `<li><a href="/n${i}">${t}</a></li>`).join('');
    const box = `<div class="inline-box"><h2>Numéro 7/2019</h2><p>Cet article est paru dans notre numéro de juillet, en kiosque dès le 20 juin. Au sommaire :</p><ul>${links}</ul></div>`;
    expect(pruned(`${box}<p>${PROSE}</p>`)).toBe(PROSE);
  });

  it('keeps a list of sentences that hold a link, a short list, and the prose of a box around a list of links', () => {
    const sentences = [1, 2, 3].map((i) => `<li>Le poste ${i} rouvre lundi, <a href="/p${i}">selon les douanes</a>, pour les camions de moins de 12 tonnes.</li>`).join('');
    expect(pruned(`<ul>${sentences}</ul>`)).toContain('Le poste 2 rouvre lundi');
    expect(pruned(`<ul><li><a href="/a">Un</a></li><li><a href="/b">Deux</a></li></ul><p>${PROSE}</p>`)).toContain('Un');
    const links = [1, 2, 3].map((i) => `<li><a href="/n${i}">Autre article ${i}</a></li>`).join('');
    const prose = `<p>${PROSE}</p>`.repeat(3);
    const text = pruned(`<div class="box">${prose}<ul>${links}</ul></div>`);
    expect(text).toContain(PROSE);
    expect(text).not.toContain('Autre article');
  });

  it('measures text lengths once for a page of lists nested 190 deep over 1.8 MB (was 11 s of CPU, now well under a second)', () => {
    const filler = 'texte de remplissage sans fin '.repeat(60_000);
    const list = '<ul><li><a href="/a">Un</a></li><li><a href="/b">Deux</a></li><li><a href="/c">Trois</a></li></ul>';
    const { document } = parseHTML(`<!doctype html><html><body>${`<div>${list}`.repeat(190)}<p>${filler}</p>${'</div>'.repeat(190)}</body></html>`);
    const before = process.cpuUsage();
    pruneFurniture(document as never);
    const used = process.cpuUsage(before);
    expect(document.querySelectorAll('ul').length).toBe(0);
    // CPU time, not wall time: other processes do not count. Reading each level's text took 11 s.
    expect((used.user + used.system) / 1000).toBeLessThan(4000);
  });

  it('takes a menu with sub-lists out through its flat sub-lists (an item holding a list is never read whole)', () => {
    const sub = (k: string) => `<ul>${[1, 2, 3].map((i) => `<li><a href="/${k}${i}">${k} ${i}</a></li>`).join('')}</ul>`;
    const menu = `<ul class="m"><li>Monde ${sub('Europe')}</li><li>Sport ${sub('Rugby')}</li><li>Culture ${sub('Livres')}</li></ul>`;
    const { document } = parseHTML(`<!doctype html><html><body>${menu}<p>${PROSE}</p></body></html>`);
    pruneFurniture(document as never);
    expect(document.querySelector('ul.m')).toBeNull();
    expect((document.body.textContent ?? '').trim()).toBe(PROSE);
  });

  it('reads a page of thousands of lists of links side by side', () => {
    const lists = Array.from({ length: 3000 }, (_, i) => `<ul><li><a href="/a${i}">Un</a></li><li><a href="/b${i}">Deux</a></li><li><a href="/c${i}">Trois</a></li></ul>`).join('');
    expect(pruned(`<div class="col">${lists}</div><p>${PROSE}</p>`)).toBe(PROSE);
  });
});

describe('paragraphs that are a link, in the text Readability kept', () => {
  const kept = (body: string) => {
    const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
    dropLinkParagraphs(document as never);
    return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  };

  it('drops a link under a short label, and a bare link', () => {
    expect(kept(`<p>${PROSE}</p><p><strong>À lire aussi »</strong> <a href="/x">Ballonnements : quel est votre profil digestif ?</a></p>`)).toBe(PROSE);
    expect(kept(`<p><a href="/y">Coronavirus : un mort et 432 nouveaux cas</a></p><p>${PROSE}</p>`)).toBe(PROSE);
  });

  it('drops a teaser card (a link wrapping its kicker, headline and summary), and keeps a link inside a sentence', () => {
    const card = '<a href="/blasmusik"><p>Nachwuchs</p><h3>Jung, cool, Blasmusik</h3><p>Warum verbringen junge Menschen ihre Freizeit mit Blasmusik? Zwei Frauen erzählen.</p></a>';
    expect(kept(`<p>${PROSE}</p>${card}`)).toBe(PROSE);
    expect(kept(`<p>Le ministre, <a href="/m"><b>cité</b> par l’agence</a>, ${PROSE}</p>`)).toContain('cité par l’agence');
  });

  it('keeps a sentence that holds a link, and a long paragraph that is all link', () => {
    const sentence = '<p>Selon <a href="/insee">l’Insee</a>, le chômage a encore baissé.</p>';
    expect(kept(sentence)).toBe('Selon l’Insee, le chômage a encore baissé.');
    expect(kept(`<p><a href="/z">${PROSE} ${PROSE}</a></p>`)).toContain(PROSE);
  });

  it('are dropped from an extracted page, between its paragraphs', () => {
    const body = `<article><h1>Frontière</h1>${`<p>${PROSE}</p>`.repeat(2)}<p><b>Lire aussi :</b> <a href="/x">Le Kazakhstan ferme sa frontière</a></p>${`<p>${PROSE}</p>`.repeat(2)}</article>`;
    const out = extractPage(`<!doctype html><html><head><title>Frontière</title></head><body>${body}</body></html>`, 'https://x.example/a').paragraphs;
    expect(out).toHaveLength(4);
    expect(out.join(' ')).not.toContain('Lire aussi');
  });
});
