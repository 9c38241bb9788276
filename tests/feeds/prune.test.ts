/** Furniture blocks taken out before the text is looked for, and prose never cut. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pruneFurniture } from '../../src/services/feeds/prune.js';

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
});
